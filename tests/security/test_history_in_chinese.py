"""History and audit pages read in Chinese: every key an action records has a Chinese label, never an attribute name."""

import datetime as dt
import re

import pytest

from fazhi.core import audit_display
from fazhi.core.models import AuditEvent
from fazhi.testing.reconsideration import issue

from .conftest import register_case

D = dt.date
pytestmark = pytest.mark.django_db


def test_every_recorded_key_has_a_chinese_label(w, client):
    from fazhi.litigation import actions as lit
    from fazhi.reconsideration import actions as rec

    case = lit.register_case(actor=w.supervisor, organisation=w.dept_a, court="测试县人民法院",
                             case_number="（2025）苏1181行初701号", plaintiffs="张某", contested_act="处罚",
                             act_kind="penalty", received_on=D(2025, 3, 3))
    lit.submit_answer(case, actor=w.supervisor, on=D(2025, 3, 10))
    lit.record_hearing(case, actor=w.supervisor, held_on=D(2025, 4, 1), appearance="staff", attendee="科长",
                       absence_reason="出差")
    lit.record_judgment(case, actor=w.supervisor, outcome="revoked", concluded_on=D(2025, 5, 1))
    lit.file_appeal(case, actor=w.supervisor, appellant="defendant", court="中院", case_number="（2025）苏11行终701号",
                    filed_on=D(2025, 5, 10))
    lit.decide_appeal(case, actor=w.supervisor, outcome="upheld", decided_on=D(2025, 8, 1))
    s = lit.record_suggestion(case, actor=w.supervisor, court="法院", received_on=D(2025, 8, 5), content="建议")
    lit.reply_suggestion(s, actor=w.supervisor, replied_on=D(2025, 8, 20), reply="已整改")
    rc = register_case(w)
    rec.request_supplement(rc, actor=w.reconsideration, on=D(2025, 3, 4), items="身份证明")
    rec.receive_supplement(rc, actor=w.reconsideration, on=D(2025, 3, 6))
    rc = rec.accept_case(rc, actor=w.reconsideration, on=D(2025, 3, 7))
    rec.suspend_case(rc, actor=w.reconsideration, on=D(2025, 3, 20), ground="8", reason="等待")
    rec.resume_case(rc, actor=w.reconsideration, on=D(2025, 3, 25))
    rec.request_incidental_review(rc, actor=w.reconsideration, on=D(2025, 3, 26), document_title="某办法",
                                  maker="测试县人民政府")
    other = rec.accept_case(register_case(w, name="李四"), actor=w.reconsideration, on=D(2025, 3, 4))
    rec.classify_case(other, actor=w.reconsideration, major_complex=True, technical=True, reason="复杂")
    rec.record_hearing(other, actor=w.reconsideration, kind="hearing", held_on=D(2025, 3, 20),
                       notified_on=D(2025, 3, 10), presiding="甲", members="乙、丙", clerk="丁", head_attended=True,
                       respondent_head="王局长")
    rec.record_hearing(other, actor=w.reconsideration, kind="committee", held_on=D(2025, 3, 21))
    rec.extend_case(other, actor=w.reconsideration, on=D(2025, 4, 1), approver="科长", reason="复杂", days=20)
    other = rec.mediate_case(other, actor=w.reconsideration, on=D(2025, 4, 2), agreement="减为三千元")
    other = rec.withdraw_mediation(other, actor=w.reconsideration, on=D(2025, 4, 3), reason="反悔")
    other = rec.decide_case(other, actor=w.reconsideration, on=D(2025, 4, 10), outcome="revoked", reason="证据不足",
                            findings="无笔录", redo_days=30)
    doc = issue(other.documents.get(kind="decision"), actor=w.reconsideration, on=D(2025, 4, 10))
    service = rec.serve_document(doc, actor=w.reconsideration, recipient="李四", method="mail",
                                 sent_on=D(2025, 4, 10))
    rec.record_receipt(service, actor=w.reconsideration, received_on=D(2025, 4, 12))
    rec.publish_document(doc, actor=w.reconsideration, on=D(2025, 4, 15), act_publicity="public", scope="full",
                         checked=True)
    untranslated = {}
    for e in AuditEvent.objects.all():
        for name, _before, _after in audit_display.before_after(e):
            if re.fullmatch(r"[A-Za-z_0-9]+", name):
                untranslated.setdefault(name, e.verb)
    assert untranslated == {}
    client.force_login(w.supervisor)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "出庭情况" in page and "appearance" not in page


def test_registers_record_only_labelled_keys(w):
    from fazhi.core.identifiers import id_check_digit
    from fazhi.officers import actions as off
    from fazhi.powers import actions as pw

    doc = {"effective_on": D(2025, 1, 1), "document_number": "测政发〔2025〕1号"}
    item = pw.add_item(actor=w.legal_a, organisation=w.dept_a, code="A-1", name="事项", category="penalty",
                       level="county", bases="《某条例》第一条", **doc)
    pw.add_item(actor=w.legal_a, organisation=w.dept_a, code="A-2", name="事项二", category="penalty", level="county",
                bases="《某条例》第二条", **doc)
    item = pw.amend_item(item, actor=w.legal_a, code="A-1", name="事项（调整）", category="penalty", level="county",
                         bases="《某条例》第一条", effective_on=D(2025, 2, 1), document_number="文2")
    pw.delegate_item(item, actor=w.supervisor, to=w.dept_b, effective_on=D(2025, 3, 1), document_number="文3")
    pw.merge_items(actor=w.legal_a, organisation=w.dept_a, merged_codes="A-1、A-2", code="A-3", name="合并",
                   category="penalty", level="county", bases="《某条例》第三条", effective_on=D(2025, 4, 1),
                   document_number="文4")
    first = "11010519850101001"
    officer = off.register_officer(actor=w.legal_a, organisation=w.dept_a, name="张三",
                                   id_number=first + id_check_digit(first), joined_on=D(2020, 1, 1))
    cert = off.issue_certificate(officer, actor=w.supervisor, number="C-1", issued_on=D(2025, 1, 2),
                                 expires_on=D(2030, 1, 1))
    off.suspend_certificate(cert, actor=w.supervisor, on=D(2025, 3, 1), reason="调查")
    off.record_training(officer, actor=w.legal_a, on=D(2025, 3, 2), title="考试", exam_score=90, passed=True)
    off.set_training_requirement(actor=w.supervisor, organisation=w.gov, hours=30, basis="本县规定")
    s = off.register_subject(actor=w.supervisor, organisation=w.dept_a, kind="statutory", basis="《某法》第一条",
                             scope="x", document_number="d", valid_from=D(2024, 1, 1))
    off.announce_subject(s, actor=w.supervisor, on=D(2024, 2, 1))
    off.officer_leaves(officer, actor=w.legal_a, on=D(2025, 4, 1), reason="调离")
    untranslated = {}
    for e in AuditEvent.objects.all():
        for name, _before, _after in audit_display.before_after(e):
            if re.fullmatch(r"[A-Za-z_0-9]+", name):
                untranslated.setdefault(name, e.verb)
    assert untranslated == {}
