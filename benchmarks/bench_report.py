"""Annual report: assembling and rendering the demo county's report, beside computing the same metrics alone.

Target (issue 5): the demo county's report in ≤ 10 s. The demo county is built here (fazhi.core.demo.build) when
the database does not hold it yet; a county of the generated workload is measured too.
"""

from __future__ import annotations

from _timing import best_of, entry
from django.utils import timezone

from fazhi.core import demo
from fazhi.core.models import Organisation
from fazhi.metrics.registry import Scope, UnknownMetric, get
from fazhi.reports.assemble import assemble_for, default_sections
from fazhi.reports.patterns import metric_keys
from fazhi.reports.render import to_docx, to_html, to_json

LIMIT_SECONDS = 10.0


def _keys() -> list[str]:
    out = []
    for s in default_sections():
        for pattern in s.get("sentences", []):
            for key in metric_keys(pattern):
                try:
                    get(key)
                except UnknownMetric:
                    continue
                if key not in out:
                    out.append(key)
    return out


def _measure(name: str, org, year: int) -> dict:
    keys = _keys()
    scope = Scope.for_year(org, year)

    def full():
        doc = assemble_for(org, year)
        to_docx(doc)
        to_html(doc)
        to_json(doc)

    def metrics_alone():
        for key in keys:
            get(key).value(scope)

    seconds = best_of(full, 3)
    return entry(name, len(keys), seconds, "the same metrics computed alone", best_of(metrics_alone, 3),
                 limit_seconds=LIMIT_SECONDS, within_limit=seconds <= LIMIT_SECONDS)


def run(scale: str) -> list[dict]:
    gov = Organisation.objects.filter(code=demo.GOV_CODE).first()
    if gov is None:
        demo.build()
        gov = Organisation.objects.get(code=demo.GOV_CODE)
    year = timezone.localdate().year - 1
    out = [_measure("annual report of the demo county (assemble + Word + HTML + JSON)", gov, year)]
    generated = Organisation.objects.filter(kind="government").exclude(code=demo.GOV_CODE) \
        .exclude(parent__isnull=True).order_by("path").first()
    if generated is not None:
        out.append(_measure(f"annual report of a generated county ({scale} workload)", generated, year))
    return out
