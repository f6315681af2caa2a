"""Benchmark data: a year of first-instance cases for every county, bulk-inserted.

A county has about 300 cases a year at this density (a province of 100 counties: ~30,000, in line with DOMAIN.md's
~10⁴ a year per province), with hearings, outcomes and some appeals. Load generation, not user activity: rows are
bulk-created without the actions or their audit events.
"""

from __future__ import annotations

import datetime as dt

from fazhi.litigation.choices import (
    ActKind,
    AppealOutcome,
    Appearance,
    Appellant,
    CaseStatus,
    Instance,
    Outcome,
)
from fazhi.litigation.models import Appeal, Hearing, JudicialSuggestion, LitigationCase

CASES_PER_COUNTY = 300
OUTCOMES = [(Outcome.CLAIMS_REJECTED, 45), (Outcome.SUIT_DISMISSED, 18), (Outcome.WITHDRAWN, 12),
            (Outcome.WITHDRAWN_AFTER_CORRECTION, 4), (Outcome.REVOKED, 8), (Outcome.CONFIRMED_ILLEGAL, 6),
            (Outcome.ORDERED_TO_PERFORM, 3), (Outcome.MEDIATED, 3), (Outcome.COMPENSATION, 1)]
APPEARANCES = [(Appearance.HEAD, 45), (Appearance.DEPUTY, 45), (Appearance.STAFF, 7), (Appearance.LAWYER, 3)]


def generate(ctx):
    rng = ctx.rng
    year = ctx.year
    jan1 = dt.date(year, 1, 1)
    kinds = list(ActKind.values)
    outcomes, o_weights = zip(*OUTCOMES, strict=True)
    appearances, a_weights = zip(*APPEARANCES, strict=True)
    by_gov: dict[int, list] = {}
    for d in ctx.departments:
        by_gov.setdefault(d.parent_id, []).append(d)
    cases, plans = [], []
    for g_i, gov in enumerate(ctx.governments):
        defendants = [gov] + by_gov.get(gov.pk, [])
        for n in range(1, CASES_PER_COUNTY + 1):
            received = jan1 + dt.timedelta(days=rng.randint(0, 364))
            answered = received + dt.timedelta(days=rng.randint(5, 16))
            concluded = received + dt.timedelta(days=rng.randint(45, 240))
            done = concluded.year == year
            outcome = rng.choices(outcomes, o_weights)[0] if done else ""
            cases.append(LitigationCase(
                organisation=rng.choice(defendants), court=f"基准{g_i}县人民法院", case_number=f"（{year}）基{g_i:04d}行初{n}号",
                plaintiffs=f"原告{n}", contested_act="行政处罚决定", act_kind=rng.choice(kinds), received_on=received,
                answer_due=received + dt.timedelta(days=15), answered_on=answered if answered.year == year else None,
                status=CaseStatus.CONCLUDED if done else CaseStatus.IN_TRIAL, outcome=outcome,
                concluded_on=concluded if done else None))
            plans.append((received, concluded, done, outcome))
    cases = LitigationCase.objects.bulk_create(cases, batch_size=2000)
    hearings, appeals, suggestions = [], [], []
    for case, (received, concluded, done, outcome) in zip(cases, plans, strict=True):
        if outcome in (Outcome.SUIT_DISMISSED, Outcome.WITHDRAWN) and rng.random() < 0.6:
            continue
        held = received + dt.timedelta(days=rng.randint(25, 44))
        if held.year == year:
            appearance = rng.choices(appearances, a_weights)[0]
            hearings.append(Hearing(case=case, instance=Instance.FIRST, held_on=held, appearance=appearance,
                                    attendee="负责人", absence_reason="" if appearance in ("head", "deputy") else "公务"))
        if done and outcome not in (Outcome.MEDIATED, Outcome.WITHDRAWN) and rng.random() < 0.2:
            filed = concluded + dt.timedelta(days=10)
            if filed.year == year:
                decided = rng.random() < 0.5
                appeals.append(Appeal(case=case, appellant=Appellant.PLAINTIFF, court="基准中级人民法院",
                                      case_number=f"（{year}）基{case.pk}行终{case.pk}号", filed_on=filed,
                                      outcome=AppealOutcome.UPHELD if decided else "",
                                      decided_on=filed + dt.timedelta(days=60) if decided else None))
        if done and rng.random() < 0.01:
            suggestions.append(JudicialSuggestion(case=case, court=case.court, received_on=concluded,
                                                  content="规范执法程序"))
    Hearing.objects.bulk_create(hearings, batch_size=2000)
    Appeal.objects.bulk_create(appeals, batch_size=2000)
    JudicialSuggestion.objects.bulk_create(suggestions, batch_size=2000)
    LitigationCase.objects.filter(appeal__isnull=False, appeal__outcome="").update(status=CaseStatus.APPEALED)
    LitigationCase.objects.filter(appeal__isnull=False).exclude(appeal__outcome="").update(status=CaseStatus.CLOSED)
