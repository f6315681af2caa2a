"""The metric catalogue and the drill-down from a figure to the rows behind it."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from fazhi.core import clock
from fazhi.core.excel import workbook_bytes, xlsx_response
from fazhi.core.listing import CountedPaginator
from fazhi.metrics.registry import (
    UnknownMetric,
    all_metrics,
    columns_for,
    evaluation,
    get,
    resolve,
    shown,
)
from fazhi.metrics.web import scope_choices, scope_from_request, visible_rows


def metric_list(request):
    scope = scope_from_request(request)
    with evaluation():
        rows = [{"metric": m, "value": shown(m, scope)} for m in all_metrics()]
    q = request.GET.get("q", "").strip()
    if q:
        rows = [r for r in rows if q in r["metric"].key or q in r["metric"].label or q in r["metric"].definition]
    return render(request, "metrics/list.html", {
        "rows": rows, "scope": scope, "q": q,
        "orgs": scope_choices(request.user, scope.organisation),
        "years": range(clock.today().year, clock.today().year - 6, -1),
    })


def drilldown(request, key):
    try:
        metric = get(key)
    except UnknownMetric:
        raise Http404("未知指标。")
    scope = scope_from_request(request)
    value = metric.value(scope)
    cols = columns_for(metric)
    rows = visible_rows(metric.rows(scope), request.user) if metric.rows else []
    if request.GET.get("format") == "xlsx":
        data = ([resolve(r, c.accessor) for c in cols] for r in rows)
        return xlsx_response(f"{metric.label}-{scope.organisation.name}-{scope.year}.xlsx",
                             workbook_bytes(metric.label, [c.label for c in cols], data))
    page = CountedPaginator(rows, 50).get_page(request.GET.get("page"))  # a province's rows counted once per change
    table = [(r, [resolve(r, c.accessor) for c in cols]) for r in page.object_list]
    parts = [{"metric": get(k), "value": shown(get(k), scope)} for k in metric.depends_on]
    return render(request, "metrics/drilldown.html", {
        "metric": metric, "value": shown(metric, scope, value), "scope": scope, "columns": [c.label for c in cols],
        "table": table, "page": page, "parts": parts,
        "querystring": f"org={scope.organisation.code}&year={scope.year}",
    })
