"""What kind of document an audited text is (its genre), and, for an annual report on rule-of-law government, which
rules on its structure bound it (its era).

Genres, recognised by the title (a short line at the top, or the file name), the more specific first:
- disclosure_report: 政府信息公开工作年度报告 (its own rules: 政府信息公开条例 art. 49–50);
- enforcement_yearbook: 行政执法数据年报 / 统计年报 (the enforcement figures of the year);
- statistical_analysis: 行政复议、行政应诉（诉讼）案件的统计分析;
- annual_report: 法治政府建设（依法行政）年度报告、情况报告、工作总结、自查报告; also a text without such a title
  that speaks of 法治政府 / 依法行政 throughout;
- other.

Era: the five required parts of an annual report came with 《法治政府建设与责任落实督察工作规定》 (in force
2019-05). A report on a year before 2019 was not bound by them; a report on 2019 or later is; a report whose year
the text does not state is checked against them, saying so. Only an annual report has an era.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from fazhi.reports.legacy.year import ReportYear

RULES_FIRST_YEAR = 2019
RULES = "《法治政府建设与责任落实督察工作规定》（2019年5月施行）"

ANNUAL, STATISTICS, YEARBOOK, DISCLOSURE, OTHER = ("annual_report", "statistical_analysis", "enforcement_yearbook",
                                                   "disclosure_report", "other")
GENRE_LABELS = {ANNUAL: "法治政府建设年度报告", STATISTICS: "行政复议、应诉统计分析", YEARBOOK: "行政执法数据年报",
                DISCLOSURE: "政府信息公开工作年度报告", OTHER: "其他文件"}
BOUND, BEFORE, UNKNOWN = "supervision_rules_2019", "before_2019", "unknown"

_TITLES = [
    (DISCLOSURE, re.compile(r"(政府)?信息公开.{0,6}(年度报告|年报|工作报告)|政务公开.{0,6}年度报告")),
    (YEARBOOK, re.compile(r"(行政)?执法.{0,8}(数据|统计).{0,4}(年报|报告|公开)|执法统计年报")),
    (STATISTICS, re.compile(r"(行政复议|行政应诉|行政诉讼|复议|应诉).{0,16}(统计分析|数据分析|案件分析|分析报告|统计报告|"
                            r"白皮书)")),
    (ANNUAL, re.compile(r"(法治政府|依法行政|法治建设|法制建设|法治).{0,16}(报告|总结|汇报|自查)")),
]
_BODY = re.compile(r"法治政府|依法行政")
_BODY_MIN = 3
_TITLE_MAX = 60
_HEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十]+[章节部分]|[一二三四五六七八九十]+\s*[、.．]|"
                      r"[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．])")


@dataclass(frozen=True)
class Genre:
    key: str
    evidence: str = ""  # the title (or file name) it was read from, or why

    @property
    def label(self) -> str:
        return GENRE_LABELS[self.key]

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "evidence": self.evidence}


@dataclass(frozen=True)
class Era:
    key: str | None  # None: not an annual report
    year: int | None = None

    @property
    def outline_checked(self) -> bool:
        """Whether the five required parts apply (unknown year: checked, with a note)."""
        return self.key in (BOUND, UNKNOWN)

    @property
    def label(self) -> str:
        if self.key == BOUND:
            return f"{self.year} 年度报告，适用{RULES}的五部分必备内容"
        if self.key == BEFORE:
            return f"{self.year} 年度报告，早于{RULES}，当时不要求五部分必备内容"
        if self.key == UNKNOWN:
            return f"报告年度不明，按{RULES}的五部分必备内容核对"
        return "非法治政府建设年度报告，不适用五部分必备内容"

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "year": self.year, "outline_checked": self.outline_checked}


def _title_lines(text: str) -> list[str]:
    out = []
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        if _HEADING.match(s) or len(out) >= 20:
            break
        if len(s) <= _TITLE_MAX and "。" not in s:
            out.append(s)
    return out


def genre_of(text: str, source: str = "") -> Genre:
    candidates = _title_lines(text)
    if source:
        candidates.append(PurePath(source).stem)
    for key, pattern in _TITLES:
        for line in candidates:
            if pattern.search(line):
                return Genre(key, line)
    mentions = len(_BODY.findall(text))
    if mentions >= _BODY_MIN:
        return Genre(ANNUAL, f"无标题；正文 {mentions} 次提到“法治政府”或“依法行政”")
    return Genre(OTHER, "标题和正文均不像上述文件")


def era_of(genre: Genre, year: ReportYear) -> Era:
    if genre.key != ANNUAL:
        return Era(None)
    if year.year is None:
        return Era(UNKNOWN)
    return Era(BOUND if year.year >= RULES_FIRST_YEAR else BEFORE, year.year)
