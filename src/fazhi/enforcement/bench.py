"""Benchmark data: a year of decisions for every department — 5,000 each by default (10⁵ for a county, 10⁷ for a
province; `FAZHI_BENCH_DECISIONS` sets the number per department) — in the shape the intake writes: kinds, the
heaviest penalty kind, amounts, publicity and review flags. Written with bulk inserts, no audit events or deadlines
(as taken-in history)."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

from fazhi.enforcement.choices import SEVERITY, CaseKind, CaseStatus, Decision, PenaltyKind
from fazhi.enforcement.models import EnforcementCase

KINDS = [CaseKind.PENALTY] * 5 + [CaseKind.INSPECTION] * 3 + [CaseKind.LICENSE]
PENALTY_SETS = [[PenaltyKind.WARNING], [PenaltyKind.FINE], [PenaltyKind.WARNING, PenaltyKind.FINE],
                [PenaltyKind.FINE, PenaltyKind.CONFISCATE_GAINS], [PenaltyKind.FINE, PenaltyKind.SUSPEND_BUSINESS],
                [PenaltyKind.REVOKE_PERMIT]]


def per_department() -> int:
    return int(os.environ.get("FAZHI_BENCH_DECISIONS", "5000"))


def generate(ctx, count: int | None = None):
    count = per_department() if count is None else count
    rng = ctx.rng
    year_start = dt.date(ctx.year, 1, 1)
    batch = []
    for dept in ctx.departments:
        label = dept.short_name or dept.name
        for seq in range(1, count + 1):
            kind = KINDS[seq % len(KINDS)]
            filed = year_start + dt.timedelta(days=rng.randint(0, 330))
            decided = filed + dt.timedelta(days=rng.randint(0, 30))
            case = EnforcementCase(organisation=dept, kind=kind, year=ctx.year, seq=seq,
                                   number=f"{label}执法案〔{ctx.year}〕{seq}号", source_system="基准",
                                   source_number=f"{dept.pk}-{seq}", cause="基准案由", party_name=f"当事人{seq}",
                                   party_kind="legal", filed_on=filed, decided_on=decided, status=CaseStatus.CLOSED,
                                   closed_on=decided)
            if kind == CaseKind.PENALTY:
                kinds = PENALTY_SETS[seq % len(PENALTY_SETS)]
                case.procedure = "simple" if kinds == [PenaltyKind.WARNING] else "ordinary"
                case.decision, case.penalty_kinds = Decision.PUNISHED, [k.value for k in kinds]
                case.heaviest_kind = max(kinds, key=SEVERITY.index).value
                case.fine_amount = Decimal(rng.choice([200, 1000, 5000, 20000])) if PenaltyKind.FINE in kinds \
                    else Decimal(0)
                case.social_impact = seq % 4 == 0
                case.major = seq % 50 == 0
                case.legal_review_on = decided if case.major else None
                case.legal_review_passed = True if case.major else None
            elif kind == CaseKind.LICENSE:
                case.decision = Decision.GRANTED
            else:
                case.decision = Decision.COMPLIANT
            if case.publication_required:
                case.publicity_due = decided + dt.timedelta(days=9)
                case.published_on = decided + dt.timedelta(days=rng.randint(1, 12))
            batch.append(case)
            if len(batch) >= 20_000:
                EnforcementCase.objects.bulk_create(batch, batch_size=5000)
                batch = []
    if batch:
        EnforcementCase.objects.bulk_create(batch, batch_size=5000)
