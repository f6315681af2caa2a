"""The supervisor's key figures: this year against last year, by module, each linked to its drill-down.

Last year's figure comes from the records; when there are no records for last year (the platform went live this
year) it comes from the figures saved from last year's report (metrics.HistoricalValue), marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.metrics.history import year_value
from fazhi.metrics.registry import (
    NO_DATA,
    Scope,
    UnknownMetric,
    as_json_value,
    evaluation,
    get,
    planned,
    planned_dashboard_groups,
)
from fazhi.reports.assemble import drilldown_url, format_figure


def key_figure_groups() -> list[tuple[str, list[str]]]:
    """The one declaration of dashboard figures: each module's `dashboard_metrics` (AppConfig), in module order with
    the organisation figures last, and between them the planned figures of the modules not built yet."""
    from fazhi.core.modules import module_configs

    live = [(c.verbose_name, list(c.dashboard_metrics)) for c in module_configs()
            if getattr(c, "dashboard_metrics", None) and c.name != "fazhi.core"]
    core = [(c.verbose_name, list(c.dashboard_metrics)) for c in module_configs()
            if getattr(c, "dashboard_metrics", None) and c.name == "fazhi.core"]
    return live + planned_dashboard_groups() + core


@dataclass
class KeyFigure:
    key: str
    label: str
    unit: str
    definition: str
    now: int | float
    now_text: str
    last: int | float | None
    last_text: str
    last_source: str  # "records", "report" (saved from last year's report) or ""
    url: str
    last_url: str
    planned: bool = False

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"

    @property
    def trend(self) -> str:
        if self.last is None or self.now is None or self.now == self.last:
            return ""
        return "up" if self.now > self.last else "down"


def key_figures(organisation, year: int) -> list[tuple[str, list[KeyFigure]]]:
    with evaluation():
        return _key_figures(organisation, year)


def _key_figures(organisation, year: int) -> list[tuple[str, list[KeyFigure]]]:
    now_scope = Scope.for_year(organisation, year)
    out = []
    for module, keys in key_figure_groups():
        figures = []
        for key in keys:
            try:
                metric = get(key)
            except UnknownMetric:
                p = planned(key)  # a figure whose module is not built yet reads 尚无数据 instead of vanishing
                if p is not None:
                    figures.append(KeyFigure(key=key, label=p.label, unit=p.unit, definition=p.definition, now=None,
                                             now_text=NO_DATA, last=None, last_text="", last_source="", url="",
                                             last_url="", planned=True))
                continue
            now = metric.value(now_scope)
            last, source = year_value(metric, Scope.for_year(organisation, year - 1))
            figures.append(KeyFigure(
                key=key, label=metric.label, unit=metric.unit, definition=metric.definition,
                now=as_json_value(now), now_text=format_figure(metric, now),
                last=as_json_value(last), last_text=format_figure(metric, last), last_source=source,
                url=drilldown_url(key, organisation.code, year),
                last_url=drilldown_url(key, organisation.code, year - 1)))
        if figures:
            out.append((module, figures))
    return out


def chart_data(groups, year: int) -> list[dict]:
    """One bar chart per module with its counts (rates are shown as figures, not mixed into a count axis)."""
    charts = []
    for module, figures in groups:
        counts = [f for f in figures if not f.is_rate and not f.planned]
        if not counts:
            continue
        charts.append({
            "module": module,
            "labels": [f.label for f in counts],
            "series": [
                {"name": f"{year - 1}年", "data": [f.last if f.last is not None else 0 for f in counts],
                 "urls": [f.last_url for f in counts]},
                {"name": f"{year}年", "data": [f.now for f in counts], "urls": [f.url for f in counts]},
            ],
        })
    return charts
