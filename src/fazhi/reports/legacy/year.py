"""Which year an old annual report is about, read only from where a report states it.

A report states its year in its title ("XX县2023年法治政府建设工作情况报告", "关于2023年度法治政府建设情况的报告")
or at the start of its body ("2023年，我县……", "2023年以来……", "现将我县2023年度法治政府建设情况报告如下").
Any other year in the text is about something else: "自1999年开始推行", "2015年起", "早在2010年",
"2035年远景目标", "（2021—2025年）", a date "2023年10月", a document name "《2019年工作要点》".
So the year is taken, in this order, from
  1. a title line near the top of the text,
  2. the opening of the body (before the first "一、" heading),
  3. the file name, when it reads like a title,
and is left empty (None) when none of these states one: the person saving figures then enters it.
A year is plausible only from 2004 (国务院《全面推进依法行政实施纲要》, when these reports began) up to the
current year (`clock.today()`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from fazhi.core import clock

EARLIEST_REPORT_YEAR = 2004

TITLE, OPENING, FILENAME = "title", "opening", "filename"
BASIS_LABELS = {TITLE: "标题", OPENING: "正文开头", FILENAME: "文件名"}

# A four-digit year followed by 年 (年度).
_YEAR = re.compile(r"(?<![0-9０-９])((?:19|20)\d\d)\s*年(度)?")
# What before or after a year makes it a starting point, a deadline, a range, a date or a target.
_NOT_BEFORE = re.compile(r"(?:自|从|早在|截至|截止|直至|始于|至|到|[-—–－~～])\s*$")
_NOT_AFTER = re.compile(r"^\s*(?:起|开始|始|以前|之前|前|为止|止|底|末|至|到|[-—–－~～]|远景|目标|规划|愿景|"
                        r"\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月)")
# A title: short, no sentence in it, about 法治政府/依法行政, and a report.
_SUBJECT = re.compile(r"法治|依法行政|法制")
_REPORT = re.compile(r"报告|总结|汇报|自查|情况")
_TITLE_MAX = 60
# The start of the body: "2023年，我县……", "2023年以来……", "2023年是……".
_LEAD = re.compile(r"^\s*((?:19|20)\d\d)\s*年度?\s*(?:[，,]|以来|是)")
# "现将我县2023年度法治政府建设情况报告如下".
_PRESENT = re.compile(r"现将[^。；]{0,40}?((?:19|20)\d\d)\s*年度?[^。；]{0,40}?(?:报告|汇报|总结)")
# A numbered heading: the body proper has begun ("第一篇：" before a title numbers documents, not parts).
_HEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十]+[章节部分]|[一二三四五六七八九十]+\s*[、.．]|"
                      r"[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．])")
_FIRST_LINES = 20  # non-empty lines looked at for a title and the opening
_OPENING_PARAGRAPHS = 3  # lines of prose at the start of the body (not a salutation, signature or date)
_PROSE = re.compile(r"[，,。；;]")
_PROSE_MIN = 15


@dataclass(frozen=True)
class ReportYear:
    year: int | None
    basis: str = ""  # TITLE, OPENING, FILENAME, or "" when the year is not known
    evidence: str = ""  # the line the year was read from

    @property
    def label(self) -> str:
        """For the page: "2023 年（据标题“……”）" or why it is blank."""
        if self.year is None:
            return "未能确定（标题和正文开头均未写明报告年度），保存时请填写"
        return f"{self.year} 年（据{BASIS_LABELS[self.basis]}“{self.evidence}”）"


def plausible(year: int) -> bool:
    return EARLIEST_REPORT_YEAR <= year <= clock.today().year


def _inside_book_title(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.rfind("《") > before.rfind("》")


def _stated_year(line: str, start: int) -> int | None:
    """The year written at `start` of `line` if nothing around it says it is another kind of year."""
    m = _YEAR.match(line, start)
    if not m or _NOT_BEFORE.search(line[:m.start()]) or _NOT_AFTER.match(line[m.end():]):
        return None
    if _inside_book_title(line, m.start()):
        return None
    year = int(m.group(1))
    return year if plausible(year) else None


def _is_title(line: str) -> bool:
    return (len(line) <= _TITLE_MAX and "。" not in line and not line.endswith(("：", ":", "；", ";"))
            and not _HEADING.match(line) and bool(_SUBJECT.search(line)) and bool(_REPORT.search(line)))


def year_in_title(line: str) -> int | None:
    """The first plausible report year in a title line ("关于2022年法治政府建设情况和2023年工作安排的报告" → 2022)."""
    line = line.strip()
    if not _is_title(line):
        return None
    for m in _YEAR.finditer(line):
        year = _stated_year(line, m.start())
        if year is not None:
            return year
    return None


def year_in_opening(paragraph: str) -> int | None:
    """The year a body paragraph opens with ("2021年，我局……") or presents ("现将我局2021年度……报告如下")."""
    paragraph = paragraph.strip()
    m = _LEAD.match(paragraph)
    if m:
        year = int(m.group(1))
        if plausible(year):
            return year
    m = _PRESENT.search(paragraph)
    if m:
        return _stated_year(paragraph, m.start(1))
    return None


def _top_lines(text: str) -> list[str]:
    """The non-empty lines before the first numbered heading, at most _FIRST_LINES of them."""
    out = []
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        if _HEADING.match(s) or len(out) >= _FIRST_LINES:
            break
        out.append(s)
    return out


def _short(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[:n] + "……"


def report_year(text: str, source: str = "") -> ReportYear:
    """The year the report is about, with where it was read; ReportYear(None) when the report does not say."""
    lines = _top_lines(text)
    for line in lines:
        year = year_in_title(line)
        if year is not None:
            return ReportYear(year, TITLE, _short(line))
    paragraphs = [s for s in lines if not _is_title(s) and (_PROSE.search(s) or len(s) >= _PROSE_MIN)]
    for s in paragraphs[:_OPENING_PARAGRAPHS]:
        year = year_in_opening(s)
        if year is not None:
            return ReportYear(year, OPENING, _short(s))
    name = PurePath(source).stem if source else ""
    year = year_in_title(name) if name else None
    if year is not None:
        return ReportYear(year, FILENAME, _short(PurePath(source).name))
    return ReportYear(None)
