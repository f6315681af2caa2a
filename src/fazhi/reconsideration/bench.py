"""Benchmark data: a year of 行政复议 cases for every county government, bulk-inserted.

About 1,050 cases per county a year (a province of 100 counties: ~105,000, the scale of a large province in
2025 per DOMAIN.md), against the county's departments and townships, with the usual mix of outcomes; some decided
in the next year (carried over) and some letters. Load generation, not user activity: no actions, no audit events.
"""

from __future__ import annotations

import datetime as dt

from fazhi.reconsideration.choices import ActKind, CaseStatus, Channel, LetterKind, Outcome, PartyRole, Procedure
from fazhi.reconsideration.models import Case, Letter, Party

CASES_PER_COUNTY = 1050
OUTCOMES = [(Outcome.UPHELD, 40), (Outcome.TERMINATED, 25), (Outcome.REVOKED, 9), (Outcome.DISMISSED, 6),
            (Outcome.CONFIRMED_ILLEGAL, 5), (Outcome.SETTLED, 4), (Outcome.MEDIATED, 4), (Outcome.ALTERED, 2),
            (Outcome.ORDERED_TO_PERFORM, 2), (Outcome.APPLICATION_DISMISSED, 2), (Outcome.CONFIRMED_VOID, 1)]


def generate(ctx):
    rng = ctx.rng
    year = ctx.year
    jan1 = dt.date(year, 1, 1)
    kinds = list(ActKind.values)
    channels = list(Channel.values)
    outcomes, weights = zip(*OUTCOMES, strict=True)
    respondents: dict[int, list] = {}
    for o in [*ctx.departments, *getattr(ctx, "townships", [])]:
        respondents.setdefault(o.parent_id, []).append(o)
    cases = []
    for gov in ctx.governments:
        pool = respondents.get(gov.pk) or [gov.parent]
        prefix = gov.name[:1] + "府"
        for n in range(1, CASES_PER_COUNTY + 1):
            received = jan1 + dt.timedelta(days=rng.randint(0, 364))
            case = Case(organisation=gov, respondent=rng.choice(pool), year=year, seq=n,
                        number=f"{prefix}复〔{year}〕{n}号", act_kind=rng.choice(kinds), act_description="行政处罚决定",
                        request="撤销该行政行为", received_on=received, channel=rng.choice(channels))
            r = rng.random()
            if r < 0.06:
                case.status, case.rejected_on, case.rejection_reason = (CaseStatus.REJECTED,
                                                                         received + dt.timedelta(days=3), "不属于受理范围")
            else:
                case.accepted_on = received + dt.timedelta(days=rng.randint(1, 7))
                case.procedure = Procedure.SIMPLIFIED if rng.random() < 0.3 else Procedure.ORDINARY
                case.copy_sent_on = case.accepted_on + dt.timedelta(days=2)
                closed = case.accepted_on + dt.timedelta(days=rng.randint(15, 85))
                if closed.year == year or rng.random() < 0.5:
                    case.status, case.closed_on = CaseStatus.CONCLUDED, closed
                    case.outcome = rng.choices(outcomes, weights)[0]
                else:
                    case.status = CaseStatus.ACCEPTED
            cases.append(case)
    cases = Case.objects.bulk_create(cases, batch_size=5000)
    Party.objects.bulk_create([Party(case=c, role=PartyRole.APPLICANT, name=f"申请人{c.seq}") for c in cases],
                              batch_size=5000)
    letters = []
    for gov in ctx.governments:
        pool = respondents.get(gov.pk) or [gov.parent]
        for i in range(3):
            letters.append(Letter(organisation=gov, kind=LetterKind.OPINION if i == 0 else LetterKind.SUGGESTION,
                                  recipient=rng.choice(pool), issued_on=jan1 + dt.timedelta(days=rng.randint(0, 364)),
                                  subject="规范执法程序"))
    Letter.objects.bulk_create(letters, batch_size=5000)
