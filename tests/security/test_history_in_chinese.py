"""History and audit pages read in Chinese: every key an action records has a Chinese label, never an attribute name."""

import datetime as dt
import re

import pytest

from fazhi.core import audit_display
from fazhi.core.models import AuditEvent

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
    untranslated = {}
    for e in AuditEvent.objects.all():
        for name, _before, _after in audit_display.before_after(e):
            if re.fullmatch(r"[A-Za-z_0-9]+", name):
                untranslated.setdefault(name, e.verb)
    assert untranslated == {}
    client.force_login(w.supervisor)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "出庭情况" in page and "appearance" not in page
