"""The audit of an existing report: extract, repair, clean, genre and era, outline, figures, checks.

`audit_text(text)` and `audit_file(path)` return an `AuditResult`; `.as_json()` is the documented JSON:
{"source", "text", "repairs", "removed",
 "genre": {"key", "label", "evidence"}, "era": {"key", "label", "year", "outline_checked"}, "year": {"year", "basis",
 "evidence"}, "outline": {"parts": {key: {"present", "label", "heading", "evidence"}}},
 "figures": [{"metric", "value", "unit", "sentence", "start", "end", "raw", "kind", "subject", "period", ...}],
 "unmapped": [{"index", "value", "unit", "raw", "sentence", "subject", "subjects", "reason", "start", "end"}],
 "findings": [{"kind", "severity", "message", "start", "end", "figures": [index, ...], "compared": [...]}],
 "summary": {...}}
`start`/`end` are offsets in "text" (the repaired and cleaned text); a finding's "figures" are indexes into
"figures" (the figures it compares), "compared" repeats their raw text and metric. "unmapped" lists the figures of
interest (a count, money or percent in a sentence about a known subject) that no metric key reads: a total across
categories ("total"), a subject without a rule for its wording ("no_rule"), a change against the year before
("change"), the value before a stated change ("earlier").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.reports.legacy.checks import ERROR, INFO, WARNING, Finding, check
from fazhi.reports.legacy.cleanup import Removed, clean
from fazhi.reports.legacy.extract import extract_bytes, extract_file
from fazhi.reports.legacy.figures import Figure, find_figures
from fazhi.reports.legacy.genre import ANNUAL, BEFORE, RULES, UNKNOWN, Era, Genre, era_of, genre_of
from fazhi.reports.legacy.glyphs import Repair, repair_glyphs
from fazhi.reports.legacy.grammar import subject_label
from fazhi.reports.legacy.outline import PART_KEYS, Part, find_parts
from fazhi.reports.legacy.year import ReportYear, report_year

SEVERITY_LABELS = {ERROR: "错误", WARNING: "提示", INFO: "信息"}
UNMAPPED_REASONS = {"total": "跨类别合计", "no_rule": "无对应指标的表述", "change": "同比增减", "earlier": "变化前的数值"}
REMOVED_LABELS = {"header": "网页页头", "footer": "网页页脚", "repeat": "重复段落", "duplicate_line": "重复行",
                  "page_number": "页码"}


@dataclass
class AuditResult:
    text: str
    repairs: list[Repair]
    removed: list[Removed]
    parts: dict[str, Part]
    figures: list[Figure]
    findings: list[Finding]
    source: str = ""
    genre: Genre = field(default_factory=lambda: Genre("other"))
    era: Era = field(default_factory=lambda: Era(None))
    year: ReportYear = field(default_factory=lambda: ReportYear(None))
    extra: dict = field(default_factory=dict)

    @property
    def unmapped(self) -> list[tuple[int, Figure]]:
        """(index, figure) of the figures of interest that no metric key reads."""
        return [(i, f) for i, f in enumerate(self.figures) if f.of_interest and not f.metric]

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(f.severity for f in self.findings)
        return {ERROR: c[ERROR], WARNING: c[WARNING], INFO: c[INFO]}

    def repair_summary(self) -> list[tuple[str, str, int]]:
        c = Counter((r.original, r.replacement) for r in self.repairs)
        return [(o, n, k) for (o, n), k in c.most_common()]

    def as_json(self) -> dict:
        return {
            "source": self.source,
            "text": self.text,
            "repairs": [r.as_dict() for r in self.repairs],
            "removed": [r.as_dict() for r in self.removed],
            "genre": self.genre.as_dict(),
            "era": self.era.as_dict(),
            "year": {"year": self.year.year, "basis": self.year.basis, "evidence": self.year.evidence},
            "outline": {"parts": {k: self.parts[k].as_dict() for k in PART_KEYS}},
            "figures": [f.as_dict() for f in self.figures],
            "unmapped": [unmapped_dict(i, f) for i, f in self.unmapped],
            "findings": [f.as_dict(self.figures) for f in self.findings],
            "summary": {"errors": self.counts[ERROR], "warnings": self.counts[WARNING], "infos": self.counts[INFO],
                        "repairs": len(self.repairs), "figures": len(self.figures),
                        "mapped_figures": sum(1 for f in self.figures if f.metric),
                        "unmapped_figures": len(self.unmapped)},
        }


def unmapped_dict(index: int, f: Figure) -> dict:
    d = f.as_dict()
    return {"index": index, "value": d["value"], "unit": f.unit, "kind": f.kind, "raw": f.raw,
            "sentence": f.sentence, "start": f.start, "end": f.end, "subject": f.subject,
            "subject_label": "、".join(subject_label(s) for s in (f.subjects or ([f.subject] if f.subject else []))),
            "subjects": list(f.subjects), "reason": f.reason, "reason_label": UNMAPPED_REASONS.get(f.reason, ""),
            "period": f.period}


def _outline_findings(parts: dict[str, Part], genre: Genre, era: Era) -> list[Finding]:
    """The five required parts, for an annual report of a year the rules of 2019 bound (or of a year not stated)."""
    if genre.key != ANNUAL:
        return [Finding("outline", INFO, f"文件类型为“{genre.label}”（据“{genre.evidence}”），不适用法治政府建设年度报告"
                                         "五部分必备内容的要求，未核对提纲。")]
    if era.key == BEFORE:
        return [Finding("outline", INFO, f"报告年度为 {era.year} 年，早于{RULES}，当时不要求五部分必备内容，"
                                         "未按其核对提纲。")]
    out = []
    if era.key == UNKNOWN:
        out.append(Finding("outline", INFO, f"报告未写明年度，提纲按{RULES}的五部分必备内容核对；"
                                            f"若报告年度早于 2019 年，下列提纲提示不适用。"))
    for key in PART_KEYS:
        p = parts[key]
        if p.present:
            continue
        # 法治政府建设与责任落实督察工作规定 art. 25: the report states these five parts.
        msg = f"未找到必备内容“{p.label}”的标题。"
        if p.evidence:
            msg += f"正文有相关表述：“{p.evidence[:60]}……”，建议单列成部分。"
        out.append(Finding("outline", WARNING if key != "other" else INFO, msg))
    return out


def _cleanup_findings(removed: list[Removed], repairs: list[Repair]) -> list[Finding]:
    out = []
    for r in removed:
        n = len(r.text.replace("\n", ""))
        out.append(Finding("cleanup", INFO, f"已删除{REMOVED_LABELS.get(r.kind, r.kind)}（{n} 字）：{r.text[:40]}……"))
    if repairs:
        c = Counter((r.original, r.replacement) for r in repairs)
        pairs = "、".join(f"{o}→{n}（{k}）" for (o, n), k in c.most_common(12))
        out.append(Finding("repair", INFO, f"已修复 PDF 字形替换 {len(repairs)} 处：{pairs}"
                                           f"{'等' if len(c) > 12 else ''}。"))
    return out


def audit_text(raw: str, source: str = "") -> AuditResult:
    text, removed = clean(raw)
    text, repairs = repair_glyphs(text)
    parts = find_parts(text)
    year = report_year(text, source)
    genre = genre_of(text, source)
    era = era_of(genre, year)
    figures = find_figures(text, year.year)
    findings = _cleanup_findings(removed, repairs) + _outline_findings(parts, genre, era) + check(text, figures)
    return AuditResult(text=text, repairs=repairs, removed=removed, parts=parts, figures=figures,
                       findings=findings, source=source, genre=genre, era=era, year=year)


def audit_bytes(data: bytes, filename: str) -> AuditResult:
    return audit_text(extract_bytes(data, filename), source=filename)


def audit_file(path: str | Path) -> AuditResult:
    return audit_text(extract_file(path), source=Path(path).name)
