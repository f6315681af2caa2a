"""A normative document from draft to filing, with the refusals the law imposes, its deadlines and its text."""

import datetime as dt

import pytest

from fazhi.core import clock
from fazhi.core.permissions import ActionError
from fazhi.normdocs import actions, text
from fazhi.normdocs.models import Document
from fazhi.normdocs.workflow import DOCUMENT
from fazhi.rules.deadlines import deadlines_for
from fazhi.testing.normdocs import TEXT, published

D = dt.date
pytestmark = pytest.mark.django_db


def draft(w, **kw):
    with clock.frozen(D(2025, 3, 3)):
        return actions.create_draft(actor=w.legal_a, organisation=w.dept_a, title="测试县城市绿化管理办法",
                                    drafted_on=D(2025, 3, 3), text=TEXT, **kw)


def test_life_cycle_with_rule_deadlines(w):
    doc = draft(w, affects_rights=True)
    assert doc.reviewer == w.dept_a and doc.filing_authority == w.gov and not doc.files_with_congress
    assert [a.label for a in doc.current_version().articles.all()] == ["第一条", "第二条", "第三条"]
    with clock.frozen(D(2025, 3, 3)):
        # rights affected: no review before the consultation; no deliberation before the review
        assert "公开征求意见" in DOCUMENT.refusal(doc, "submit_review", w.legal_a)
        assert "合法性审核" in DOCUMENT.refusal(doc, "deliberate", w.legal_a)
        with pytest.raises(ActionError, match="不得提交集体审议"):
            actions.deliberate(doc, actor=w.legal_a, on=D(2025, 3, 3), meeting="局务会议")
        actions.open_consultation(doc, actor=w.legal_a, on=D(2025, 3, 3))
    doc.refresh_from_db()
    assert doc.status == "consulting" and doc.consultation_end == D(2025, 4, 2)  # 30 days
    with clock.frozen(D(2025, 4, 2)):
        assert "届满后" in DOCUMENT.refusal(doc, "close_consultation", w.legal_a)
    with clock.frozen(D(2025, 4, 3)):
        actions.close_consultation(doc, actor=w.legal_a, on=D(2025, 4, 3), summary="未收到意见")
        actions.submit_for_review(doc, actor=w.legal_a, on=D(2025, 4, 3))
    doc.refresh_from_db()
    # 15 working days from 2025-04-03 across 清明 (04-04–06) and the 劳动节 break (05-01–05, 04-27 a working Sunday)
    assert doc.review_due == D(2025, 4, 25)
    with clock.frozen(D(2025, 4, 8)), pytest.raises(ActionError, match="不少于5个工作日"):
        actions.record_review(doc, actor=w.legal_a, on=D(2025, 4, 8), opinion="lawful", note="合法")
    with clock.frozen(D(2025, 4, 11)):
        actions.record_review(doc, actor=w.legal_a, on=D(2025, 4, 11), opinion="amend", note="第三条应写明处罚依据")
        doc.refresh_from_db()
        assert "按审核意见修改" in DOCUMENT.refusal(doc, "deliberate", w.legal_a)
        actions.revise_draft(doc, actor=w.legal_a, text=TEXT + "\n第四条 本办法自公布之日起施行。", note="补充施行日期")
        actions.deliberate(doc, actor=w.legal_a, on=D(2025, 4, 11), meeting="局务会议")
        actions.register(doc, actor=w.legal_a, on=D(2025, 4, 11))
        doc.refresh_from_db()
        assert doc.number == "测试县市场监督管理局规〔2025〕1号"
        with pytest.raises(ActionError, match="不超过五年"):
            actions.publish(doc, actor=w.legal_a, on=D(2025, 4, 11), medium="门户网站", valid_until=D(2030, 4, 11))
        actions.publish(doc, actor=w.legal_a, on=D(2025, 4, 11), medium="门户网站", valid_until=D(2030, 4, 10))
    doc.refresh_from_db()
    # 15 days end on Saturday 04-26; Sunday 04-27 is a working day (劳动节调休), so the period ends then
    assert doc.status == "published" and doc.filing_due == D(2025, 4, 27)
    rules = {d.rule_id: d for d in deadlines_for(doc)}
    assert rules["normdoc.legality_review"].status == "met" and rules["normdoc.validity"].due == D(2030, 4, 10)
    with clock.frozen(D(2025, 4, 20)):
        actions.file(doc, actor=w.legal_a, on=D(2025, 4, 20))
    assert {d.rule_id: d.status for d in deadlines_for(doc)}["normdoc.filing"] == "met"
    assert doc.in_force(D(2025, 4, 11)) and not doc.in_force(D(2030, 4, 11))
    assert Document.objects.in_force_on(D(2030, 4, 10)).filter(pk=doc.pk).exists()
    assert not Document.objects.in_force_on(D(2030, 4, 11)).filter(pk=doc.pk).exists()


def test_provisional_documents_are_valid_for_two_years_and_governments_file_with_congress(w):
    with clock.frozen(D(2025, 3, 3)):
        doc = actions.create_draft(actor=w.supervisor, organisation=w.gov, title="测试县城市养犬管理暂行办法",
                                   drafted_on=D(2025, 3, 3), text=TEXT, affects_rights=False)
        assert doc.files_with_congress and doc.filing_authority is None
        actions.submit_for_review(doc, actor=w.supervisor, on=D(2025, 3, 3))
    with clock.frozen(D(2025, 3, 17)):
        for step, kw in (("record_review", {"opinion": "lawful", "note": "合法"}), ("deliberate", {"meeting": "常务会议"}),
                         ("register", {})):
            getattr(actions, step)(doc, actor=w.supervisor, on=D(2025, 3, 17), **kw)
        with pytest.raises(ActionError, match="暂行.*不超过二年"):
            actions.publish(doc, actor=w.supervisor, on=D(2025, 3, 17), medium="政府公报", valid_until=D(2028, 3, 1))
        actions.publish(doc, actor=w.supervisor, on=D(2025, 3, 17), medium="政府公报", valid_until=D(2027, 3, 16))
        with pytest.raises(ActionError, match="人大常委会"):
            actions.file(doc, actor=w.supervisor, on=D(2025, 3, 17))
        actions.file(doc, actor=w.supervisor, on=D(2025, 3, 17), congress_on=D(2025, 3, 17))
    doc.refresh_from_db()
    assert doc.number == "测试县政府规〔2025〕1号" and doc.congress_filed_on == D(2025, 3, 17)


def test_nothing_is_saved_when_an_action_refuses(w):
    doc = draft(w, affects_rights=False)
    with clock.frozen(D(2025, 3, 3)):
        actions.submit_for_review(doc, actor=w.legal_a, on=D(2025, 3, 3))
        before = Document.objects.filter(pk=doc.pk).values().get()
        with pytest.raises(ActionError):
            actions.record_review(doc, actor=w.legal_a, on=D(2025, 3, 4), opinion="lawful", note="合法")
        with pytest.raises(ActionError, match="无效的审核意见"):
            actions.record_review(doc, actor=w.legal_a, on=D(2025, 3, 3), opinion="maybe", note="x")
        with pytest.raises(ActionError, match="权限"):
            actions.record_review(doc, actor=w.legal_b, on=D(2025, 3, 3), opinion="lawful", note="x")
    assert Document.objects.filter(pk=doc.pk).values().get() == before


def test_filing_review_and_amendment_versions_resolve_by_date(w):
    doc = published(w)  # published 2025-03-13
    with clock.frozen(D(2025, 4, 1)):
        assert DOCUMENT.refusal(doc, "filing_review", w.legal_a) is not None  # the reviewing level records it
        actions.record_filing_review(doc, actor=w.supervisor, on=D(2025, 4, 1), outcome="correct",
                                     note="第三条超越权限")
    doc.refresh_from_db()
    assert doc.correction_required == "备案审查：纠正"
    with clock.frozen(D(2025, 5, 6)):
        actions.amend(doc, actor=w.legal_a, on=D(2025, 5, 6), effective_from=D(2025, 6, 1),
                      text=TEXT.replace("不得擅自占用城市绿地", "不得擅自占用或者改变城市绿地用途"), note="按备案审查意见修改第三条")
    doc.refresh_from_db()
    assert doc.correction_required == ""
    before = text.resolve("《测试县城市绿化管理办法》第三条", D(2025, 5, 31))
    after = text.resolve("《测试县城市绿化管理办法》第三条", D(2025, 6, 1))
    assert "擅自占用城市绿地" in before.text and "改变城市绿地用途" in after.text
    assert after.url.endswith("#a3-0") and before.version == "公布文本"
    assert text.resolve("《测试县城市绿化管理办法》第三条", D(2025, 3, 1)) is None  # not yet published then
    with pytest.raises(ValueError, match="没有第九条"):
        text.resolve("《测试县城市绿化管理办法》第九条", D(2025, 6, 1))


def test_the_daily_job_lapses_a_document_past_its_validity(w):
    from fazhi.normdocs.tasks import tick

    doc = published(w, valid_years=1)  # 2025-03-13 … 2026-03-12
    assert tick(D(2026, 3, 12)) == []
    with clock.frozen(D(2026, 3, 13)):
        lines = tick(D(2026, 3, 13))
    doc.refresh_from_db()
    assert len(lines) == 1 and doc.status == "expired" and doc.ended_on == D(2026, 3, 13)
    assert doc.end_kind == "lapsed"
