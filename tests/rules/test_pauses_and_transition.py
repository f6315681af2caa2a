"""Pauses and transitional law, with dates worked out by hand from the statutes."""

import datetime as dt

import pytest

from fazhi.core.permissions import ActionError
from fazhi.rules.engine import Pause, compute_due

D = dt.date
pytestmark = pytest.mark.django_db


def test_a_pause_after_expiry_does_not_revive_the_period():
    # 行政复议法 (2023) art. 62(1): 60 days from 2025-03-01 → 2025-04-30 (Wednesday). A 中止 (art. 39) that begins on
    # 2025-05-05, after the period ran out, deducts nothing.
    plain = compute_due("reconsideration.decision", D(2025, 3, 1), with_text=False)
    late = compute_due("reconsideration.decision", D(2025, 3, 1), pauses=[Pause(D(2025, 5, 5), D(2025, 5, 20), "中止")],
                       with_text=False)
    assert plain.due == late.due == D(2025, 4, 30)
    assert "不予扣除" in late.explanation
    still_open = compute_due("reconsideration.decision", D(2025, 3, 1), pauses=[Pause(D(2025, 5, 5), None, "中止")],
                             with_text=False)
    assert still_open.due == D(2025, 4, 30) and not still_open.paused


def test_overlapping_pauses_are_deducted_once():
    # Two 中止 of 10 days (03-10 → 03-20) and 9 days (03-15 → 03-24) cover 14 days together: 04-30 + 14 = 05-14.
    r = compute_due("reconsideration.decision", D(2025, 3, 1),
                    pauses=[Pause(D(2025, 3, 10), D(2025, 3, 20), "中止"), Pause(D(2025, 3, 15), D(2025, 3, 24), "中止")],
                    with_text=False)
    assert r.due == D(2025, 5, 14)
    inside = compute_due("reconsideration.decision", D(2025, 3, 1),
                         pauses=[Pause(D(2025, 3, 10), D(2025, 3, 20), "中止"),
                                 Pause(D(2025, 3, 12), D(2025, 3, 18), "中止")], with_text=False)
    assert inside.due == D(2025, 5, 12) and "不重复扣除" in inside.explanation  # 04-30 + 10 = 05-10 (Sat) → 05-12


def test_which_pauses_count_follows_the_law_in_force():
    # 2017 law, 实施条例 art. 29: 补正 time is not counted in the review period.
    old = compute_due("reconsideration.decision", D(2023, 3, 1), pauses=[Pause(D(2023, 3, 2), D(2023, 3, 12), "补正")],
                      with_text=False)
    assert old.due == D(2023, 5, 10)  # 03-01 + 60 days + 10 days of 补正 = 05-10, a Wednesday
    # 2023 law: 补正 comes before acceptance (arts. 30-31); the decision period has no 补正 to deduct.
    with pytest.raises(ActionError, match="不适用“补正”"):
        compute_due("reconsideration.decision", D(2024, 3, 1), pauses=[Pause(D(2024, 3, 2), D(2024, 3, 12), "补正")])


def test_application_received_before_2024_follows_the_2017_law_throughout(w):
    from fazhi.reconsideration import actions
    from fazhi.rules.deadlines import deadlines_for

    case = actions.register_application(
        actor=w.reconsideration, organisation=w.gov, respondent=w.dept_a,
        parties=[{"role": "applicant", "kind": "person", "name": "申请人"}], act_kind="penalty", act_description="罚款",
        received_on=D(2023, 12, 20), channel="mail", request="撤销")
    case = actions.accept_case(case, actor=w.reconsideration, on=D(2023, 12, 22))
    decision = deadlines_for(case).get(rule_id="reconsideration.decision")
    # 2017 art. 17(2): accepted on receipt; art. 31: 60 days from 2023-12-20 → 2024-02-18, a Sunday that was a
    # 调休 working day in 2024, so no roll-over.
    assert decision.start == D(2023, 12, 20) and decision.due == D(2024, 2, 18)
    assert "2017年修正" in decision.citation
    with pytest.raises(ActionError, match="没有简易程序"):
        other = actions.register_application(
            actor=w.reconsideration, organisation=w.gov, respondent=w.dept_a,
            parties=[{"role": "applicant", "kind": "person", "name": "乙"}], act_kind="penalty", act_description="警告",
            act_is_warning=True, received_on=D(2023, 12, 21), channel="mail", request="撤销")
        actions.accept_case(other, actor=w.reconsideration, on=D(2023, 12, 22), procedure="simplified")


@pytest.mark.parametrize("rule, start, due, article", [
    # 信访条例 (2005) art. 22(2): 15 days to tell the petitioner; 2015-03-02 + 15 = 03-17 (Tuesday).
    ("petition.notice", D(2015, 3, 2), D(2015, 3, 17), "第二十二条第二款"),
    # 信访条例 (2005) art. 33: 60 days from acceptance; 2015-03-02 + 60 = 05-01, 劳动节 → next working day 05-04.
    ("petition.handling", D(2015, 3, 2), D(2015, 5, 4), "第三十三条"),
    # 信访条例 (2005) art. 34: 复查 within 30 days; 2018-06-01 + 30 = 07-01 (Sunday) → 07-02.
    ("petition.review", D(2018, 6, 1), D(2018, 7, 2), "第三十四条"),
    # 信访工作条例 (2022) art. 36: 复核 within 30 days; 2023-06-01 + 30 = 07-01 (Saturday) → 07-03.
    ("petition.recheck", D(2023, 6, 1), D(2023, 7, 3), "第三十六条"),
    # 政府信息公开条例 (2007) art. 24(2): 15 working days; from 2015-03-02 (Monday) → 03-23 (Monday).
    ("disclosure.reply", D(2015, 3, 2), D(2015, 3, 23), "第二十四条第二款"),
    # The 2019 text (art. 33(2), 20 working days) applies from 2019-05-15: 2019-05-15 → 06-13 (端午 06-07 is a rest day).
    ("disclosure.reply", D(2019, 5, 15), D(2019, 6, 13), "第三十三条第二款"),
])
def test_older_versions_answer_for_older_start_dates(rule, start, due, article):
    r = compute_due(rule, start, with_text=False)
    assert r.due == due and article in r.citation
