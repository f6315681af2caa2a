"""Benchmark data: a year of decisions for every department — 5,000 each by default (10⁵ for a county, 10⁷ for a
province; `FAZHI_BENCH_DECISIONS` sets the number per department) — in the shape the intake writes: kinds, the
heaviest penalty kind, amounts, publicity and review flags. Written through the intake's own writer (one COPY on
PostgreSQL, numbered per department), with no audit events or deadlines (as taken-in history)."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

from fazhi.enforcement.choices import CaseKind, CaseStatus, Decision, PenaltyKind, heaviest
from fazhi.enforcement.intake import CaseWriter

KINDS = [CaseKind.PENALTY] * 5 + [CaseKind.INSPECTION] * 3 + [CaseKind.LICENSE]
PENALTY_SETS = [[PenaltyKind.WARNING], [PenaltyKind.FINE], [PenaltyKind.WARNING, PenaltyKind.FINE],
                [PenaltyKind.FINE, PenaltyKind.CONFISCATE_GAINS], [PenaltyKind.FINE, PenaltyKind.SUSPEND_BUSINESS],
                [PenaltyKind.REVOKE_PERMIT]]
FINES = [Decimal(v) for v in (200, 1000, 5000, 20000)]
ZERO = Decimal("0.00")


def per_department() -> int:
    return int(os.environ.get("FAZHI_BENCH_DECISIONS", "5000"))


def _case(rng, dept, year_start, seq) -> dict:
    kind = KINDS[seq % len(KINDS)]
    filed = year_start + dt.timedelta(days=rng.randint(0, 330))
    decided = filed + dt.timedelta(days=rng.randint(0, 30))
    case = {"kind": kind, "procedure": "", "power_item_id": None, "source_system": "基准",
            "source_number": f"{dept.pk}-{seq}", "party_kind": "legal", "party_id": "", "filed_on": filed,
            "decided_on": decided, "decision": Decision.COMPLIANT, "penalty_kinds": [], "heaviest_kind": "",
            "cause": "基准案由", "party_name": f"当事人{seq}", "decision_number": "", "fine_amount": ZERO,
            "confiscated_amount": ZERO, "legal_review_on": None, "hearing_on": None, "published_on": None,
            "served_on": None, "paid_on": None, "closed_on": decided, "major": False, "social_impact": False,
            "legal_review_passed": None, "publicity_due": None, "status": CaseStatus.CLOSED}
    if kind == CaseKind.PENALTY:
        kinds = PENALTY_SETS[seq % len(PENALTY_SETS)]
        major = seq % 50 == 0
        case.update(procedure="simple" if kinds == [PenaltyKind.WARNING] else "ordinary", decision=Decision.PUNISHED,
                    penalty_kinds=[k.value for k in kinds], heaviest_kind=heaviest(kinds),
                    fine_amount=rng.choice(FINES) if PenaltyKind.FINE in kinds else ZERO,
                    social_impact=seq % 4 == 0, major=major, legal_review_on=decided if major else None,
                    legal_review_passed=True if major else None)
    elif kind == CaseKind.LICENSE:
        case["decision"] = Decision.GRANTED
    if kind == CaseKind.LICENSE or case["social_impact"]:
        case["publicity_due"] = decided + dt.timedelta(days=9)
        case["published_on"] = decided + dt.timedelta(days=rng.randint(1, 12))
    return case


def generate(ctx, count: int | None = None):
    count = per_department() if count is None else count
    year_start = dt.date(ctx.year, 1, 1)
    with CaseWriter({(d.pk, ctx.year) for d in ctx.departments}) as writer:
        for dept in ctx.departments:
            for seq in range(1, count + 1):
                writer.add(dept, ctx.year, _case(ctx.rng, dept, year_start, seq))
