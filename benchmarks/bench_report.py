"""Annual report: assembling and rendering the demo county's report, beside a floor for the same output: the same
figures read in one evaluation (as the report reads them: from the stored figures when they are kept), the same
text written once into a plain Word document by python-docx (no official layout), into plain HTML paragraphs and as
JSON. The ratio is what the report's own work costs above that: patterns, sentences, the official layout, the
figures' appendix, the HTML template.

Target (issue 5): the demo county's report in ≤ 10 s. The demo county is built here (fazhi.core.demo.build) when
the database does not hold it yet; a county of the generated workload is measured too.
"""

from __future__ import annotations

import html
import io
import json

import docx
from _timing import best_of, entry
from django.utils import timezone

from fazhi.core import demo
from fazhi.core.models import Organisation
from fazhi.metrics.registry import Scope, UnknownMetric, evaluation, get
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


def _plain(doc) -> tuple[bytes, str, str]:
    """The report's text written without the report's work: headings and paragraphs into a default python-docx
    document, the figures as a plain table; the same into bare HTML; the JSON of the assembled report."""
    word = docx.Document()
    parts = []
    for s in doc.sections:
        word.add_heading(s.title, level=min(s.level, 9))
        parts.append(f"<h2>{html.escape(s.title)}</h2>")
        for text in [p.text for p in s.paragraphs] + list(s.narrative_paragraphs):
            word.add_paragraph(text)
            parts.append(f"<p>{html.escape(text)}</p>")
    table = word.add_table(rows=0, cols=5)
    for f in doc.figures:
        cells = table.add_row().cells
        for cell, value in zip(cells, (f.label, f.text, f.unit, f.definition, f.metric), strict=True):
            cell.text = str(value)
        parts.append(f"<p>{html.escape(f.label)} {html.escape(f.text)}</p>")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue(), "".join(parts), json.dumps(doc.as_dict(), ensure_ascii=False)


def _measure(name: str, org, year: int) -> dict:
    keys = _keys()
    scope = Scope.for_year(org, year)
    doc = assemble_for(org, year)

    def full():
        doc = assemble_for(org, year)
        to_docx(doc)
        to_html(doc)
        to_json(doc)

    def floor():
        with evaluation():
            for key in keys:
                get(key).value(scope)
        _plain(doc)

    seconds = best_of(full, 3)
    return entry(name, len(keys), seconds, "the same figures in one evaluation, and the same text written plainly "
                 "(python-docx without layout, bare HTML, JSON)", best_of(floor, 3),
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
