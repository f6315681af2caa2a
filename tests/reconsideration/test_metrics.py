"""The figures of seed 001's paragraph, entered through the actions and read through the registry."""

import datetime as dt

from fazhi.metrics.registry import Scope, evaluate, get
from fazhi.reconsideration import actions
from fazhi.reconsideration.choices import LetterKind, Outcome

D = dt.date


def build_seed_001(recon, w, year=2025):
    """37 received, 34 accepted, 30 concluded (incl. carried over): 9 upheld, 3 dismissed (1 request under art. 69,
    2 applications under art. 33), 3 revoked,
    1 mediated, 14 terminated; 1 意见书, 2 建议书."""
    prev = year - 1
    actor = recon.actor
    # Carried over: received and accepted in the previous year, concluded in this one (4).
    carried = [Outcome.UPHELD, Outcome.UPHELD, Outcome.TERMINATED, Outcome.REVOKED]
    for i, outcome in enumerate(carried):
        recon.concluded(D(prev, 11, 3 + i), D(prev, 11, 10 + i), D(year, 1, 15 + i), outcome)
    # Received at the end of the previous year, accepted in this one; concluded this year (counts accepted).
    recon.concluded(D(prev, 12, 30), D(year, 1, 3), D(year, 2, 20), Outcome.TERMINATED)
    # This year's 37 applications.
    outcomes = ([Outcome.UPHELD] * 7 + [Outcome.DISMISSED] + [Outcome.APPLICATION_DISMISSED] * 2
                + [Outcome.REVOKED] * 2 + [Outcome.MEDIATED]
                + [Outcome.TERMINATED] * 12)  # 25 concluded this year
    assert len(outcomes) == 25
    cases = []
    for i, outcome in enumerate(outcomes):
        received = D(year, 1 + i % 10, 5 + i % 3)
        cases.append(recon.concluded(received, received + dt.timedelta(days=2), received + dt.timedelta(days=40),
                                     outcome, name=f"申请人{i}"))
    for i in range(8):  # accepted, still open at year end
        recon.accepted(D(year, 11, 3 + i), D(year, 11, 12 + i), name=f"未结{i}")
    for i in range(2):  # 不予受理
        case = recon.register(D(year, 3, 3 + i), name=f"不受理{i}")
        actions.reject_case(case, actor=actor, on=D(year, 3, 5 + i), reason="不属于行政复议范围。")
    case = recon.register(D(year, 4, 1), name="补正人")  # 补正 never supplied → deemed abandoned
    case = actions.request_supplement(case, actor=actor, on=D(year, 4, 2), items="请提交原行政处罚决定书复印件。")
    notice = actions.issue_document(case.documents.get(kind="supplement_notice"), actor=actor, on=D(year, 4, 2))
    actions.serve_document(notice, actor=actor, recipient="补正人", method="direct", sent_on=D(year, 4, 2),
                           received_on=D(year, 4, 2))
    actions.mark_abandoned(case, actor=actor, on=D(year, 5, 6))
    recon.accepted(D(year, 12, 31), D(year + 1, 1, 6), name="跨年受理")  # received this year, accepted next
    actions.issue_letter(actor=actor, organisation=w.gov, kind=LetterKind.OPINION, recipient=w.dept_a,
                         issued_on=D(year, 6, 1), subject="行政处罚程序不规范", case=cases[0])
    for i in range(2):
        actions.issue_letter(actor=actor, organisation=w.gov, kind=LetterKind.SUGGESTION, recipient=w.dept_b,
                             issued_on=D(year, 7, 1 + i), subject="完善执法制度")


def test_seed_001_figures(recon, w):
    build_seed_001(recon, w)
    scope = Scope.for_year(w.gov, 2025)
    expected = {"received": 37, "accepted": 34, "rejected": 2, "concluded": 30, "upheld": 9, "dismissed": 3,
                "dismissed_request": 1, "dismissed_application": 2,
                "revoked": 3, "altered": 0, "confirmed_illegal": 0, "ordered_to_perform": 0, "confirmed_void": 0,
                "corrected": 3, "mediated": 1, "settled": 0, "terminated": 14, "pending": 8, "opinion_letters": 1,
                "suggestion_letters": 2}
    got = {k: evaluate(f"reconsideration.{k}", scope)["value"] for k in expected}
    assert got == expected
    rate = evaluate("reconsideration.correction_rate", scope)
    assert rate["value"] == 10.0 and rate["unit"] == "%"
    # The drill-down lists exactly the rows behind a figure.
    revoked = list(get("reconsideration.revoked").rows(scope))
    assert len(revoked) == 3 and all(c.outcome == Outcome.REVOKED for c in revoked)
    assert len(list(get("reconsideration.concluded").rows(scope))) == 30


def test_department_scope_counts_cases_against_it(recon, w):
    recon.accepted(D(2025, 3, 3), respondent=w.dept_a)
    recon.accepted(D(2025, 3, 4), respondent=w.dept_b)
    recon.register(D(2025, 3, 5), respondent=w.dept_b)
    assert evaluate("reconsideration.received", Scope.for_year(w.dept_a, 2025))["value"] == 1
    assert evaluate("reconsideration.received", Scope.for_year(w.dept_b, 2025))["value"] == 2
    assert evaluate("reconsideration.received", Scope.for_year(w.gov, 2025))["value"] == 3
    assert evaluate("reconsideration.accepted", Scope.for_year(w.gov, 2024))["value"] == 0


def test_figures_follow_new_cases(recon, w):
    """The per-scope cache never serves a figure older than the last change."""
    scope = Scope.for_year(w.gov, 2025)
    assert get("reconsideration.received").value(scope) == 0
    recon.register(D(2025, 6, 2))
    assert get("reconsideration.received").value(scope) == 1


def test_correction_rate_is_zero_without_concluded_cases(w):
    assert evaluate("reconsideration.correction_rate", Scope.for_year(w.gov, 2025))["value"] == 0
