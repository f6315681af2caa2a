"""行政执法数据年报: what an enforcement body publishes of its previous year by 31 January (国办发〔2018〕118号).

Every number is a registered figure evaluated for the organisation's subtree and year, or a split of one by a field
of its own rows (`breakdown_by_field`), so the yearbook, the dashboard and the annual report cannot disagree. Penalty
decisions are split by their heaviest kind (a decision with several kinds is counted once, under the heaviest:
`choices.SEVERITY`). The JSON has `figures` shaped like the annual report's."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from fazhi.core import gongwen
from fazhi.core.excel import workbook_bytes
from fazhi.core.scoping import subtree_q
from fazhi.enforcement.choices import PenaltyKind
from fazhi.metrics.registry import Scope, breakdown_by_field, evaluation, format_value, get

SECTIONS = [
    ("执法决定", ["enforcement.decisions.penalty", "enforcement.decisions.license", "enforcement.decisions.coercion",
              "enforcement.decisions.inspection", "enforcement.fines_amount", "enforcement.hearings"]),
    ("三项制度", ["enforcement.publicity_required", "enforcement.published_timely", "enforcement.publicity_timely_rate",
              "enforcement.major_decisions", "enforcement.major_reviewed", "enforcement.major_review_rate"]),
    ("执法人员", ["enforcement.officers_on_duty", "enforcement.officers", "enforcement.certified_rate"]),
    ("复议诉讼", ["enforcement.corrected_by_reconsideration", "enforcement.lost_in_litigation"]),
]


@dataclass
class Yearbook:
    org: str
    org_name: str
    year: int
    figures: list[dict] = field(default_factory=list)
    by_penalty_kind: list[dict] = field(default_factory=list)
    challenges: list[dict] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.org_name}{self.year}年度行政执法数据"

    def as_dict(self) -> dict:
        return {"org": self.org, "org_name": self.org_name, "year": self.year, "title": self.title,
                "figures": self.figures, "by_penalty_kind": self.by_penalty_kind, "challenges": self.challenges}


def build(organisation, year: int) -> Yearbook:
    scope = Scope.for_year(organisation, year)
    book = Yearbook(org=organisation.code, org_name=organisation.name, year=year)
    with evaluation():
        for section, keys in SECTIONS:
            for key in keys:
                m = get(key)
                value = m.value(scope)
                book.figures.append({"metric": key, "label": m.label, "unit": m.unit, "definition": m.definition,
                                     "value": float(value) if m.decimals else value, "text": format_value(m, value),
                                     "section": section})
        split = dict(breakdown_by_field("enforcement.decisions.penalty", scope, "heaviest_kind"))
    book.by_penalty_kind = [{"kind": k.value, "label": k.label, "count": split.get(k.value, 0)}
                            for k in PenaltyKind if k != PenaltyKind.OTHER] + \
        [{"kind": PenaltyKind.OTHER.value, "label": PenaltyKind.OTHER.label, "count": split.get("other", 0)}]
    book.challenges = _challenges(organisation, scope)
    return book


def _challenges(organisation, scope) -> list[dict]:
    """复议 and 诉讼 cases about the subtree's decisions concluded in the year, by outcome."""
    from collections import Counter

    from fazhi.enforcement.models import Challenge

    links = Challenge.objects.filter(subtree_q("case__organisation", organisation)).select_related(
        "reconsideration_case", "litigation_case")
    counts = Counter()
    for link in links:
        rc, lc = link.reconsideration_case, link.litigation_case
        if rc is not None and rc.closed_on and scope.start <= rc.closed_on <= scope.end:
            counts[("行政复议", rc.get_outcome_display())] += 1
        if lc is not None and lc.concluded_on and scope.start <= lc.concluded_on <= scope.end:
            counts[("行政诉讼", lc.get_outcome_display())] += 1
    return [{"channel": ch, "outcome": outcome, "count": n} for (ch, outcome), n in sorted(counts.items())]


def render(book: Yearbook, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(book.as_dict(), ensure_ascii=False, indent=1).encode()
    if fmt == "xlsx":
        rows = [[f["section"], f["label"], f["text"], f["unit"]] for f in book.figures]
        rows += [["处罚种类（按最重种类计）", r["label"], r["count"], "件"] for r in book.by_penalty_kind]
        rows += [[r["channel"], r["outcome"], r["count"], "件"] for r in book.challenges]
        return workbook_bytes(book.title, ["类别", "项目", "数值", "单位"], rows,
                              ["一件决定有多种处罚的，按最重的种类计一次。", "数据口径见平台指标口径说明。"])
    if fmt == "docx":
        blocks = []
        for section, _keys in SECTIONS:
            blocks.append(gongwen.Heading(section))
            blocks.append(gongwen.Table(headers=["项目", "数值"], widths_mm=[100, 56], rows=[
                [f["label"], f"{f['text']}{'%' if f['unit'] == '%' else ' ' + f['unit']}"]
                for f in book.figures if f["section"] == section]))
        blocks.append(gongwen.Heading("行政处罚决定按处罚种类"))
        blocks.append(gongwen.Para("一件决定有多种处罚的，按最重的种类计一次。"))
        blocks.append(gongwen.Table(headers=["处罚种类", "件数"], widths_mm=[100, 56],
                                    rows=[[r["label"], str(r["count"])] for r in book.by_penalty_kind]))
        if book.challenges:
            blocks.append(gongwen.Heading("执法决定的行政复议和行政诉讼"))
            blocks.append(gongwen.Table(headers=["途径", "结果", "件数"], widths_mm=[40, 80, 36],
                                        rows=[[r["channel"], r["outcome"], str(r["count"])] for r in book.challenges]))
        return gongwen.render_docx(title=book.title, blocks=blocks)
    raise ValueError(fmt)


TYPES = {"json": "application/json", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def download(book: Yearbook, fmt: str):
    """The yearbook as a file to download (docx, xlsx or json)."""
    from fazhi.core.excel import download_response

    return download_response(f"{book.title}.{fmt}", render(book, fmt), TYPES[fmt])


