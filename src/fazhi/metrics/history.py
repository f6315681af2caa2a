"""A figure for a past year: from the records when there are records behind it, else the value saved from that
year's report (metrics.HistoricalValue). Used where a page compares or charts years, e.g. the dashboard's last
year and the five-year trend on a module's statistics page."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from fazhi.metrics.models import HistoricalValue
from fazhi.metrics.registry import Scope, shared

RECORDS = "records"
REPORT = "report"  # saved from an old report


def has_rows(metric, scope) -> bool:
    """Whether any record lies behind the metric's value in the scope (metrics without rows always count)."""
    if metric.rows is None:
        return True
    rows = metric.rows(scope)
    return rows.exists() if hasattr(rows, "exists") else bool(list(rows))


def _saved_values(organisation, year: int) -> dict:
    """{metric key: saved value} of an organisation's year: one query, kept for the `evaluation()` block."""
    return shared("history.saved", Scope.for_year(organisation, year), lambda: dict(
        HistoricalValue.objects.filter(organisation=organisation, year=year).values_list("metric_key", "value")))


def historical_value(organisation, year: int, metric):
    """The value saved from an old report (metrics.HistoricalValue), in the metric's own form, or None."""
    saved = _saved_values(organisation, year).get(metric.key)
    if saved is None:
        return None
    if metric.unit == "%" or metric.decimals:
        return Decimal(saved).quantize(Decimal(1).scaleb(-metric.decimals), rounding=ROUND_HALF_UP)
    return int(saved)


def year_value(metric, scope: Scope) -> tuple[object, str]:
    """(value, source) of a metric for a scope (a calendar year); source is RECORDS, or REPORT when no record lies
    behind the figure and the organisation's report for that year gave one."""
    value = metric.value(scope)
    saved = historical_value(scope.organisation, scope.year, metric)  # the cheap test first: rarely any
    if saved is not None and not has_rows(metric, scope):
        return saved, REPORT
    return value, RECORDS
