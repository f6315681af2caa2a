"""Litigation: every litigation figure for a whole (province-scale) year, beside one hand-written SQL query."""

from __future__ import annotations

from _timing import best_of, entry
from django.db import connection
from django.test import override_settings

from fazhi.core.models import Organisation
from fazhi.litigation.choices import HEAD_APPEARANCES, LOST_OUTCOMES, WITHDRAWN_OUTCOMES, WON_OUTCOMES
from fazhi.litigation.metrics import ALL_KEYS, litigation_figures
from fazhi.litigation.models import LitigationCase
from fazhi.metrics.registry import Scope, evaluation, get


def _in(values) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def _year_with_most_cases() -> int:
    """The year most cases were received in (not the latest case's: a demo county built into the database later
    has a case or two in the current year)."""
    from django.db.models import Count
    from django.db.models.functions import ExtractYear

    return (LitigationCase.objects.annotate(y=ExtractYear("received_on")).values("y").annotate(n=Count("pk"))
            .order_by("-n").values_list("y", flat=True)[0])


def hand_written(root: Organisation, start, end) -> dict:
    """The same figures in one SQL statement: conditional sums over cases, sub-selects for the rest."""
    r = (start, end)
    sql = f"""
    SELECT
      SUM(CASE WHEN c.received_on BETWEEN %s AND %s THEN 1 ELSE 0 END),
      SUM(CASE WHEN c.concluded_on BETWEEN %s AND %s THEN 1 ELSE 0 END),
      SUM(CASE WHEN c.concluded_on BETWEEN %s AND %s AND c.outcome IN {_in(WON_OUTCOMES)} THEN 1 ELSE 0 END),
      SUM(CASE WHEN c.concluded_on BETWEEN %s AND %s AND c.outcome IN {_in(LOST_OUTCOMES)} THEN 1 ELSE 0 END),
      SUM(CASE WHEN c.concluded_on BETWEEN %s AND %s AND c.outcome IN {_in(WITHDRAWN_OUTCOMES)} THEN 1 ELSE 0 END),
      SUM(CASE WHEN c.answered_on BETWEEN %s AND %s THEN 1 ELSE 0 END),
      SUM(CASE WHEN c.answered_on BETWEEN %s AND %s AND c.answered_on <= c.answer_due THEN 1 ELSE 0 END),
      (SELECT COUNT(*) FROM litigation_hearing h JOIN litigation_litigationcase hc ON hc.id = h.case_id
         JOIN core_organisation ho ON ho.id = hc.organisation_id
         WHERE ho.path LIKE %s AND h.held_on BETWEEN %s AND %s),
      (SELECT COUNT(*) FROM litigation_hearing h JOIN litigation_litigationcase hc ON hc.id = h.case_id
         JOIN core_organisation ho ON ho.id = hc.organisation_id
         WHERE ho.path LIKE %s AND h.held_on BETWEEN %s AND %s AND h.appearance IN {_in(HEAD_APPEARANCES)}),
      (SELECT COUNT(*) FROM litigation_appeal a JOIN litigation_litigationcase ac ON ac.id = a.case_id
         JOIN core_organisation ao ON ao.id = ac.organisation_id
         WHERE ao.path LIKE %s AND a.filed_on BETWEEN %s AND %s),
      (SELECT COUNT(*) FROM litigation_judicialsuggestion s JOIN litigation_litigationcase sc ON sc.id = s.case_id
         JOIN core_organisation so ON so.id = sc.organisation_id
         WHERE so.path LIKE %s AND s.received_on BETWEEN %s AND %s)
    FROM litigation_litigationcase c JOIN core_organisation o ON o.id = c.organisation_id
    WHERE o.path LIKE %s
      AND (c.received_on BETWEEN %s AND %s OR c.concluded_on BETWEEN %s AND %s OR c.answered_on BETWEEN %s AND %s)
    """
    like = root.path + "%"
    params = [*r, *r, *r, *r, *r, *r, *r, like, *r, like, *r, like, *r, like, *r, like, *r, *r, *r]
    with connection.cursor() as cur:
        cur.execute(sql, params)
        row = [int(v or 0) for v in cur.fetchone()]
    keys = ["first_instance", "concluded", "won", "lost", "withdrawn", "answered", "answered_on_time", "hearings",
            "head_appearances", "appeals", "judicial_suggestions"]
    return dict(zip(keys, row, strict=True))


def run(scale: str) -> list[dict]:
    root = Organisation.objects.get(code="B")
    scope = Scope.for_year(root, _year_with_most_cases())
    n = LitigationCase.objects.in_subtree(root).filter(received_on__year=scope.year).count()

    summary = litigation_figures(scope)
    sql = hand_written(root, scope.start, scope.end)
    for key, value in sql.items():
        assert summary[f"litigation.{key}"] == value, (key, summary[f"litigation.{key}"], value)

    baseline = best_of(lambda: hand_written(root, scope.start, scope.end), 5)
    out = [entry("all litigation figures, one year, whole tree (litigation_figures)", n,
                 best_of(lambda: litigation_figures(scope), 5), "one hand-written SQL query", baseline)]

    def through_registry():
        """What a page or the report does: one evaluation (measured with the stored figures off: computed)."""
        with evaluation():
            return {k: get(k).value(scope) for k in ALL_KEYS}

    with override_settings(FAZHI_FIGURE_CACHE=False):
        assert through_registry() == summary
        out.append(entry("all litigation figures through the metric registry (one evaluation)", n,
                         best_of(through_registry, 5), "one hand-written SQL query", baseline,
                         target="≤ 2 s, ratio ≤ 1.5"))
    return out
