"""The audit of an existing annual report: extract, repair, clean, outline, figures, checks.

`audit_text(text)` and `audit_file(path)` return an `AuditResult`; `.as_json()` is the documented JSON:
{"text", "repairs", "removed", "outline": {"parts": {key: {"present", "label", "heading", "evidence"}}},
 "figures": [{"metric", "value", "unit", "sentence", "start", "end", ...}],
 "findings": [{"kind", "severity", "message", "start", "end"}], "summary": {...}}
`start`/`end` are offsets in "text" (the repaired and cleaned text).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.reports.legacy.checks import ERROR, INFO, WARNING, Finding, check
from fazhi.reports.legacy.cleanup import Removed, clean
from fazhi.reports.legacy.extract import extract_bytes, extract_file
from fazhi.reports.legacy.figures import Figure, find_figures
from fazhi.reports.legacy.glyphs import Repair, repair_glyphs
from fazhi.reports.legacy.outline import PART_KEYS, Part, find_parts

SEVERITY_LABELS = {ERROR: "错误", WARNING: "提示", INFO: "信息"}
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
    extra: dict = field(default_factory=dict)

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
            "outline": {"parts": {k: self.parts[k].as_dict() for k in PART_KEYS}},
            "figures": [f.as_dict() for f in self.figures],
            "findings": [f.as_dict() for f in self.findings],
            "summary": {"errors": self.counts[ERROR], "warnings": self.counts[WARNING], "infos": self.counts[INFO],
                        "repairs": len(self.repairs), "figures": len(self.figures),
                        "mapped_figures": sum(1 for f in self.figures if f.metric)},
        }


def _outline_findings(parts: dict[str, Part]) -> list[Finding]:
    out = []
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
    figures = find_figures(text)
    findings = _cleanup_findings(removed, repairs) + _outline_findings(parts) + check(text, figures)
    return AuditResult(text=text, repairs=repairs, removed=removed, parts=parts, figures=figures,
                       findings=findings, source=source)


def audit_bytes(data: bytes, filename: str) -> AuditResult:
    return audit_text(extract_bytes(data, filename), source=filename)


def audit_file(path: str | Path) -> AuditResult:
    return audit_text(extract_file(path), source=Path(path).name)
