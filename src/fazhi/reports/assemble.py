"""Assembling a report: sections from its outline, data paragraphs rendered from the metric registry,
narrative written by staff, and the list of every figure used (for the HTML links and the Word appendix).

The assembled report is plain data (`AssembledReport`), so HTML, Word and JSON are three views of one thing,
and an approved report can be frozen as JSON and shown later exactly as approved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse

from fazhi.core.numerals import to_chinese
from fazhi.metrics.registry import Scope, UnknownMetric, as_json_value, evaluation, get
from fazhi.reports import patterns
from fazhi.reports.models import AnnualReport, OutlineTemplate
from fazhi.reports.outline import load_default


@dataclass
class Figure:
    metric: str
    label: str
    unit: str
    definition: str
    value: int | float
    text: str
    url: str

    def as_dict(self) -> dict:
        return {"metric": self.metric, "value": self.value, "unit": self.unit, "label": self.label,
                "definition": self.definition, "text": self.text, "url": self.url}


@dataclass
class Paragraph:
    segments: list[patterns.Segment]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)

    def as_dict(self) -> dict:
        return {"text": self.text, "segments": [[s.text, s.metric] for s in self.segments]}


@dataclass
class Section:
    key: str
    title: str
    level: int
    part: int
    number: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    narrative: str = ""
    guidance: str = ""
    pk: int | None = None

    @property
    def narrative_paragraphs(self) -> list[str]:
        return [line.strip() for line in self.narrative.splitlines() if line.strip()]

    def as_dict(self) -> dict:
        return {"key": self.key, "title": self.title, "level": self.level, "part": self.part,
                "number": self.number, "paragraphs": [p.as_dict() for p in self.paragraphs],
                "narrative": self.narrative}


@dataclass
class AssembledReport:
    org: str
    org_name: str
    year: int
    title: str
    sections: list[Section]
    figures: list[Figure]
    status: str = ""

    def as_dict(self) -> dict:
        return {"org": self.org, "org_name": self.org_name, "year": self.year, "title": self.title,
                "status": self.status, "sections": [s.as_dict() for s in self.sections],
                "figures": [f.as_dict() for f in self.figures]}

    @classmethod
    def from_dict(cls, data: dict) -> AssembledReport:
        sections = [
            Section(key=s["key"], title=s["title"], level=s["level"], part=s["part"], number=s.get("number", ""),
                    narrative=s.get("narrative", ""),
                    paragraphs=[Paragraph([patterns.Segment(t, k) for t, k in p["segments"]])
                                for p in s.get("paragraphs", [])])
            for s in data["sections"]
        ]
        figures = [Figure(metric=f["metric"], label=f["label"], unit=f["unit"], definition=f.get("definition", ""),
                          value=f["value"], text=f.get("text", str(f["value"])), url=f.get("url", ""))
                   for f in data["figures"]]
        return cls(org=data["org"], org_name=data.get("org_name", ""), year=data["year"], title=data["title"],
                   sections=sections, figures=figures, status=data.get("status", ""))

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.metric == key), None)


def default_title(organisation, year: int) -> str:
    return f"{organisation.name}关于{year}年度法治政府建设情况的报告"


def format_figure(metric, value) -> str:
    """Figures in report prose: no thousands separators; rates with the metric's decimals."""
    if isinstance(value, Decimal):
        return f"{value:.{metric.decimals}f}"
    return str(value)


def drilldown_url(key: str, org_code: str, year: int) -> str:
    return reverse("metrics:drilldown", args=[key]) + "?" + urlencode({"org": org_code, "year": year})


class FigureBook:
    """Computes each metric once per report and remembers the order in which figures were first used."""

    def __init__(self, organisation, year: int):
        self.organisation = organisation
        self.year = year
        self.scope = Scope.for_year(organisation, year)
        self.figures: dict[str, Figure] = {}
        self.unknown: set[str] = set()

    def text(self, key: str) -> str | None:
        fig = self.compute(key)
        return fig.text if fig else None

    def compute(self, key: str) -> Figure | None:
        if key in self.figures:
            return self.figures[key]
        if key in self.unknown:
            return None
        try:
            metric = get(key)
        except UnknownMetric:
            self.unknown.add(key)
            return None
        value = metric.value(self.scope)
        fig = Figure(metric=key, label=metric.label, unit=metric.unit, definition=metric.definition,
                     value=as_json_value(value), text=format_figure(metric, value),
                     url=drilldown_url(key, self.organisation.code, self.year))
        self.figures[key] = fig
        return fig


def _numbers(specs: list[dict]) -> list[str]:
    """一、 for level-1 sections and （一） for level-2, restarting under each level-1 section."""
    out, top, sub = [], 0, 0
    for s in specs:
        if s["level"] == 1:
            top, sub = top + 1, 0
            out.append(f"{to_chinese(top)}、")
        else:
            sub += 1
            out.append(f"（{to_chinese(sub)}）")
    return out


def assemble(organisation, year: int, specs: list[dict], *, title: str = "", status: str = "") -> AssembledReport:
    """Build the report from section specs (dicts with key, title, level, part, sentences, narrative, pk)."""
    with evaluation():
        return _assemble(organisation, year, specs, title=title, status=status)


def _assemble(organisation, year: int, specs: list[dict], *, title: str, status: str) -> AssembledReport:
    book = FigureBook(organisation, year)
    variables = {"year": str(year), "next_year": str(year + 1), "org_name": organisation.name}
    sections = []
    for spec, number in zip(specs, _numbers(specs), strict=True):
        paragraphs = []
        for pattern in spec.get("sentences") or []:
            segments = patterns.render(pattern, variables=variables, figure=book.text)
            if segments is not None:
                paragraphs.append(Paragraph(segments))
        sections.append(Section(key=spec["key"], title=patterns.substitute(spec["title"], variables),
                                level=spec["level"], part=spec["part"], number=number, paragraphs=paragraphs,
                                narrative=spec.get("narrative", ""), guidance=spec.get("guidance", ""),
                                pk=spec.get("pk")))
    return AssembledReport(org=organisation.code, org_name=organisation.name, year=year,
                           title=title or default_title(organisation, year), sections=sections,
                           figures=list(book.figures.values()), status=status)


def section_specs(report) -> list[dict]:
    return [{"key": s.key, "title": s.title, "level": s.level, "part": s.part, "sentences": s.sentences,
             "narrative": s.narrative, "guidance": s.guidance, "pk": s.pk} for s in report.sections.all()]


def assemble_report(report, *, live: bool = False) -> AssembledReport:
    """A saved report: as frozen at approval, or assembled from the records now (drafts, or `live=True`)."""
    if report.frozen and not live:
        out = AssembledReport.from_dict(report.frozen)
        out.status = report.status
        return out
    return assemble(report.organisation, report.year, section_specs(report), title=report.title,
                    status=report.status)


def assemble_for(organisation, year: int) -> AssembledReport:
    """The organisation's saved report for the year if there is one, else the default outline without
    narrative (what the command line produces for any organisation and year)."""
    report = AnnualReport.objects.filter(organisation=organisation, year=year).first()
    if report is not None:
        return assemble_report(report)
    return assemble(organisation, year, default_sections())


def default_sections() -> list[dict]:
    """The shared default template's sections (as edited by supervisors), else the shipped YAML."""
    template = OutlineTemplate.objects.filter(is_default=True, organisation__isnull=True).first()
    return template.sections if template is not None else load_default()["sections"]
