"""Periods added as rules (issue "Legal correctness", item 5), each worked out by hand from its article."""

import datetime as dt

import pytest

from fazhi.core.permissions import ActionError
from fazhi.rules.engine import compute_due

D = dt.date
pytestmark = pytest.mark.django_db


def due(rule, start, **kw):
    return compute_due(rule, start, with_text=False, **kw)


def test_application_period_follows_the_law_in_force_when_the_act_became_known():
    # 行政复议法 (2023) art. 20(1): 60 days. Known 2025-03-03 → 2025-05-02, a rest day of the 劳动节 break → 05-06.
    r = due("reconsideration.application", D(2025, 3, 3))
    assert r.due == D(2025, 5, 6) and "第二十条第一款" in r.citation
    # Known in 2023: the 2017 law, art. 9(1), also 60 days: 2023-10-20 → 2023-12-19 (Tuesday).
    old = due("reconsideration.application", D(2023, 10, 20))
    assert old.due == D(2023, 12, 19) and "2017年修正" in old.citation and "第九条" in old.citation


def test_one_year_cap_when_the_right_was_not_explained():
    # Art. 20(3): at most one year from knowing the act's content: 2024-03-15 → 2025-03-15 (Saturday) → 03-17.
    assert due("reconsideration.application.not_informed", D(2024, 3, 15)).due == D(2025, 3, 17)


def test_forwarding_by_the_penalty_authority_takes_five_working_days():
    # Art. 32(2) with art. 88(2): received Thursday 2025-09-25 → 26 (Fri), 28 (调休 Sunday), 29, 30, then 10-09
    # after the National Day break.
    assert due("reconsideration.forwarding", D(2025, 9, 25)).due == D(2025, 10, 9)


def test_suspension_turns_into_termination_after_sixty_days():
    # 2023 law art. 41(5): 中止 on 2025-03-10 → termination due on 2025-05-09 (no roll-over: the condition ripens).
    r = due("reconsideration.suspension_termination", D(2025, 3, 10))
    assert r.due == D(2025, 5, 9) and not r.provisional
    # Before 2024: 实施条例 art. 42(2), the same 60 days.
    assert "实施条例" in due("reconsideration.suspension_termination", D(2023, 3, 10)).citation


def test_suit_after_a_reconsideration_decision():
    # 行政诉讼法 art. 45: 15 days from receiving the decision: 2025-09-26 → 10-11 (a 调休 working Saturday).
    r = due("litigation.suit_after_reconsideration", D(2025, 9, 26))
    assert r.due == D(2025, 10, 11) and "第四十五条" in r.citation
    # Art. 46: six months to sue directly: 2025-02-28 → 2025-08-28.
    assert due("litigation.direct_suit", D(2025, 2, 28)).due == D(2025, 8, 28)


def test_penalty_hearing_notice_seven_working_days():
    # 行政处罚法 (2021) art. 64(2) with art. 85: notice on Monday 2025-06-02 → earliest hearing Wednesday 06-11.
    assert due("penalty.hearing_notice", D(2025, 6, 2)).due == D(2025, 6, 11)


def test_regulation_filing_thirty_days_under_both_versions():
    # 法规规章备案审查条例 (in force 2024-11-01) art. 4; 法规规章备案条例 (2001) art. 3 before.
    new = due("regulation.filing", D(2024, 12, 1))
    assert new.due == D(2024, 12, 31) and "法规规章备案审查条例" in new.citation
    old = due("regulation.filing", D(2024, 10, 1))
    assert old.due == D(2024, 10, 31) and "法规规章备案条例" in old.citation and "审查" not in old.citation


def test_public_notice_service_changed_in_2022():
    # 民事诉讼法 (2021年修正, in force 2022-01-01) art. 95: 30 days; before, 60 days (2017年修正 art. 92).
    assert due("service.public_notice", D(2022, 3, 1)).due == D(2022, 3, 31)
    assert due("service.public_notice", D(2021, 3, 1)).due == D(2021, 4, 30)


def test_a_period_the_decision_sets():
    # Art. 64(1): the decision sets the respondent's period; 30 days from receipt 2025-04-14 → 2025-05-14.
    assert due("reconsideration.redo", D(2025, 4, 14), length=30).due == D(2025, 5, 14)
    with pytest.raises(ActionError, match="决定书确定"):
        due("reconsideration.redo", D(2025, 4, 14))
    with pytest.raises(ActionError, match="法律规定"):
        due("reconsideration.decision", D(2025, 4, 14), length=30)


def test_an_extension_may_be_shorter_than_the_longest_allowed():
    # Art. 62(1): at most 30 days. 60 days from 2025-03-03 → 05-02 (holiday) ...; with 10 days: 05-12.
    r = due("reconsideration.decision", D(2025, 3, 3), extended=10)
    assert r.due == D(2025, 5, 12) and "延长10日" in r.explanation
    with pytest.raises(ActionError, match="三十|30"):
        due("reconsideration.decision", D(2025, 3, 3), extended=31)
