"""Enforcement: every enforcement case figure for a year over the whole generated tree (10⁷ decisions at province
scale with the default 5,000 per department), beside one hand-written SQL query over the same rows; and the yearbook's
split by heaviest penalty kind beside a hand-written GROUP BY."""

from __future__ import annotations

from _timing import best_of, entry
from django.db import connection

from fazhi.core.models import Organisation
from fazhi.enforcement.metrics import CONDITIONS, enforcement_figures
from fazhi.enforcement.models import EnforcementCase
from fazhi.metrics.registry import Scope, breakdown_by_field


def hand_written(root: Organisation, start, end) -> dict:
    sql = """
    SELECT
      SUM(CASE WHEN c.kind = 'penalty' AND c.decision = 'punished' THEN 1 ELSE 0 END),
      SUM(CASE WHEN c.kind = 'license' THEN 1 ELSE 0 END),
      SUM(CASE WHEN c.kind = 'coercion' THEN 1 ELSE 0 END),
      SUM(CASE WHEN c.kind = 'inspection' THEN 1 ELSE 0 END),
      SUM(CASE WHEN c.major THEN 1 ELSE 0 END),
      SUM(CASE WHEN c.major AND c.legal_review_passed IS NOT NULL THEN 1 ELSE 0 END),
      SUM(CASE WHEN c.kind = 'license' OR (c.kind = 'penalty' AND c.decision = 'punished' AND c.social_impact)
               THEN 1 ELSE 0 END),
      SUM(CASE WHEN (c.kind = 'license' OR (c.kind = 'penalty' AND c.decision = 'punished' AND c.social_impact))
               AND c.published_on IS NOT NULL AND c.published_on <= c.publicity_due THEN 1 ELSE 0 END),
      SUM(CASE WHEN c.discretion_deviation THEN 1 ELSE 0 END),
      SUM(CASE WHEN c.kind = 'penalty' AND c.decision = 'punished' THEN c.fine_amount + c.confiscated_amount
               ELSE 0 END)
    FROM enforcement_enforcementcase c JOIN core_organisation o ON o.id = c.organisation_id
    WHERE o.path LIKE %s AND c.decided_on BETWEEN %s AND %s
    """
    with connection.cursor() as cur:
        cur.execute(sql, [root.path + "%", start, end])
        row = cur.fetchone()
    keys = list(CONDITIONS)
    out = {k: int(v or 0) for k, v in zip(keys, row[:-1], strict=True)}
    out["enforcement.fines_amount"] = row[-1] or 0
    return out


def hand_split(root, start, end):
    sql = """SELECT c.heaviest_kind, COUNT(*) FROM enforcement_enforcementcase c
             JOIN core_organisation o ON o.id = c.organisation_id
             WHERE o.path LIKE %s AND c.decided_on BETWEEN %s AND %s AND c.kind = 'penalty'
               AND c.decision = 'punished' GROUP BY c.heaviest_kind"""
    with connection.cursor() as cur:
        cur.execute(sql, [root.path + "%", start, end])
        return dict(cur.fetchall())


def run(scale: str) -> list[dict]:
    root = Organisation.objects.get(code="B")
    year = EnforcementCase.objects.order_by("-decided_on").values_list("decided_on", flat=True).first().year
    scope = Scope.for_year(root, year)
    n = EnforcementCase.objects.filter(decided_on__year=year).count()
    figures = enforcement_figures(scope)
    sql = hand_written(root, scope.start, scope.end)
    for key, value in sql.items():
        assert figures[key] == value, (key, figures[key], value)
    baseline = best_of(lambda: hand_written(root, scope.start, scope.end), 3)
    out = [entry("all enforcement case figures, one year, whole tree (enforcement_figures)", n,
                 best_of(lambda: enforcement_figures(scope), 3), "one hand-written SQL query", baseline,
                 target="≤ 5 s, ratio ≤ 1.5")]
    split = dict(breakdown_by_field("enforcement.decisions.penalty", scope, "heaviest_kind"))
    assert split == hand_split(root, scope.start, scope.end)
    out.append(entry("penalty decisions by heaviest kind (yearbook split)", n,
                     best_of(lambda: breakdown_by_field("enforcement.decisions.penalty", scope, "heaviest_kind"), 3),
                     "hand-written GROUP BY", best_of(lambda: hand_split(root, scope.start, scope.end), 3)))
    return out
