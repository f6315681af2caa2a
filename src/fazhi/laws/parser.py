"""Reading one Markdown file of the law collection (the format of /work/shared/laws, FORMAT-TEMPLATE.md).

A file holds a title line ("# 中华人民共和国行政复议法"), optionally a subtitle ("# 人格权编") when a code is split
into parts, history lines ("2023年9月1日 第十四届…修订") and maybe a "施行" line, then `<!-- INFO END -->`, then the
body: `#` headings for chapters and sections, and articles starting with "第X条". The file name is the short title
plus the date of adoption or amendment: "行政复议法(2023-09-01).md". Anything that cannot be read raises
`MalformedLaw` with a Chinese reason, so the importer can reject that file alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.core.numerals import from_chinese, to_chinese

INFO_END = "<!-- INFO END -->"
CN_NUM = "零〇○一二三四五六七八九十百千两"
FILE_DATE = re.compile(r"^(?P<stem>.+?)\s*[（(](?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})[)）]$")
HISTORY = re.compile(r"^[（(]?(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*(?P<event>.*?)[)）]?$")
ARTICLE = re.compile(rf"^第(?P<num>[{CN_NUM}\d]+)条(?:之(?P<suffix>[{CN_NUM}]+))?(?:[\s\u3000]+|$)(?P<rest>.*)$")
# "本法自2024年1月1日起施行" / "本条例自发布之日起施行" / "本办法自一九九四年一月一日起施行"
IN_FORCE = re.compile(rf"自(?P<when>[\d{CN_NUM}]{{4}}年[\d{CN_NUM}]{{1,3}}月[\d{CN_NUM}]{{1,3}}日|[^，。；]{{0,8}}之日)起施行")
INVISIBLE = "\u200b\ufeff\u200c\u200d\u2060"
CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}


class MalformedLaw(Exception):
    """A file that is not a readable law text; `.message` says why, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class ParsedArticle:
    number: int
    suffix: int
    heading: str
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class ParsedLaw:
    title: str
    short_title: str
    part: str  # subtitle of a split code, else ""
    version_date: dt.date
    label: str
    effective: dt.date
    effective_basis: str
    history: list[dict]
    preamble: str
    articles: list[ParsedArticle] = field(default_factory=list)
    sha256: str = ""
    path: str = ""


def _clean(line: str) -> str:
    for ch in INVISIBLE:
        line = line.replace(ch, "")
    return line.strip().strip("\u3000").strip()


def _date(y, m, d, where: str) -> dt.date:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        raise MalformedLaw(f"{where}的日期“{y}年{m}月{d}日”不是有效日期")


def _chinese_date(text: str) -> dt.date | None:
    """2024年1月1日 or 一九九四年一月一日 (years digit by digit, months and days as numerals)."""
    m = re.match(r"^(.{4})年(.{1,3})月(.{1,3})日", text)
    if not m:
        return None
    y, mo, d = m.groups()
    try:
        year = int(y) if y.isdigit() else int("".join(str(CN_DIGIT[c]) for c in y))
        return dt.date(year, from_chinese(mo), from_chinese(d))
    except (KeyError, ValueError):
        return None


def _number(text: str, where: str) -> int:
    try:
        n = from_chinese(text.replace("○", "〇"))
    except ValueError:
        raise MalformedLaw(f"{where}：条号“{text}”无法识别")
    if n <= 0:
        raise MalformedLaw(f"{where}：条号“{text}”无效")
    return n


def short_title_of(path: Path, title: str) -> tuple[str, dt.date | None]:
    """The short title and the date from a file name like 行政复议法(2023-09-01).md."""
    stem = path.stem.strip()
    m = FILE_DATE.match(stem)
    if m:
        return m.group("stem").strip(), _date(m.group("y"), m.group("m"), m.group("d"), "文件名")
    return stem, None


def parse_text(text: str, path: Path, *, rel: str = "") -> ParsedLaw:
    """Parse one file's text; `path` gives the file name (short title and date)."""
    where = rel or path.name
    if INFO_END not in text:
        raise MalformedLaw("缺少题注结束标记 <!-- INFO END -->")
    head, body = text.split(INFO_END, 1)
    head_lines = [_clean(line) for line in head.splitlines()]
    head_lines = [line for line in head_lines if line and not line.startswith("<!--") and line != "---"
                  and not line.startswith("bookHidden")]
    titles = [line.lstrip("#").strip() for line in head_lines if line.startswith("#")]
    titles = [re.sub(r"<!--.*?-->", "", t).strip() for t in titles]
    if not titles or not titles[0]:
        raise MalformedLaw("缺少标题行（“# 法律名称”）")
    title = titles[0]
    part = titles[1] if len(titles) > 1 else ""

    history: list[dict] = []
    effective_line: dt.date | None = None
    effective_on_publication = False
    for line in head_lines:
        if line.startswith("#"):
            continue
        m = HISTORY.match(line)
        if m:
            d = _date(m.group("y"), m.group("m"), m.group("d"), "题注")
            event = m.group("event").strip()
            if re.fullmatch(r"(起?施行|生效)", event):
                effective_line = d
            else:
                history.append({"date": d.isoformat(), "event": event})
        elif re.search(r"\d{4}年\d{1,2}月\d{1,2}日?$", line) is None and history:
            # A wrapped line continues the previous event ("…国务院" / "中央军委发布" / "发布之日施行").
            if re.search(r"(公布|发布|颁布)之日(起)?施行", line):
                effective_on_publication = True
            else:
                history[-1]["event"] = (history[-1]["event"] + line)[:500]

    short_title, file_date = short_title_of(path, title)
    if part and short_title == part:
        # 民法典/人格权编.md: the file is named after its part; the law's short title comes from the title.
        short_title = title.removeprefix("中华人民共和国")
    if file_date is not None:
        version_date = file_date
    elif history:
        version_date = max(dt.date.fromisoformat(h["date"]) for h in history)
    else:
        raise MalformedLaw("无法确定版本日期：文件名不含日期，题注中也没有“某年某月某日 …”的沿革行")
    if version_date > dt.date(2100, 1, 1) or version_date < dt.date(1900, 1, 1):
        raise MalformedLaw(f"版本日期 {version_date} 不合理")

    articles, preamble = _parse_body(body, where)
    if not articles and not preamble.strip():
        raise MalformedLaw("正文为空")

    effective, basis = _effective(version_date, effective_line, effective_on_publication, articles, preamble)
    label = _label(version_date, history)
    return ParsedLaw(title=title, short_title=short_title, part=part, version_date=version_date, label=label,
                     effective=effective, effective_basis=basis, history=history, preamble=preamble,
                     articles=articles, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), path=rel)


def _parse_body(body: str, where: str) -> tuple[list[ParsedArticle], str]:
    articles: list[ParsedArticle] = []
    preamble: list[str] = []
    headings: dict[int, str] = {}
    seen: dict[tuple[int, int], int] = {}
    current: ParsedArticle | None = None
    for raw in body.splitlines():
        line = _clean(raw)
        if not line or line.startswith("<!--"):
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            headings = {k: v for k, v in headings.items() if k < level}
            headings[level] = _heading(line.lstrip("#"))
            current = None
            continue
        m = ARTICLE.match(line)
        if m:
            number = _number(m.group("num"), f"{where}“{line[:20]}”")
            suffix = _number(m.group("suffix"), where) if m.group("suffix") else 0
            key = (number, suffix)
            if key in seen:
                raise MalformedLaw(f"条号重复：第{m.group('num')}条出现了两次")
            seen[key] = len(articles)
            heading = " · ".join(headings[k] for k in sorted(headings))
            current = ParsedArticle(number, suffix, heading, [m.group("rest").strip()] if m.group("rest") else [])
            articles.append(current)
        elif current is not None:
            current.lines.append(line)
        else:
            preamble.append(line)
    for a in articles:
        if not a.lines:
            raise MalformedLaw(f"第{to_chinese(a.number)}条没有内容")
    return articles, "\n".join(preamble)


def _heading(text: str) -> str:
    """'第一章　总 则' → '第一章 总则': Chinese headings carry no meaningful spaces after the number."""
    text = re.sub(r"[\s\u3000]+", " ", text).strip()
    m = re.match(rf"^(第[{CN_NUM}\d]+(?:分编|编|章|节))\s*(.*)$", text)
    if m:
        return f"{m.group(1)} {m.group(2).replace(' ', '')}".strip()
    return text.replace(" ", "") if re.fullmatch(r"[\u4e00-\u9fff ]{2,12}", text) else text


def _effective(version_date, effective_line, on_publication, articles, preamble) -> tuple[dt.date, str]:
    """When the version takes effect: the 施行 line, else the version's own 施行 article, else its date.

    An amended text keeps the original "本法自1999年10月1日起施行"; a date before the version date is the law's
    first entry into force, not this version's, so the version date is used then.
    """
    if effective_line is not None:
        return effective_line, "题注所载施行日期"
    if on_publication:
        return version_date, "题注：自公布（发布）之日起施行"
    texts = [(a, a.text) for a in reversed(articles)] or [(None, preamble)]
    for a, text in texts[:5]:
        m = IN_FORCE.search(text)
        if not m:
            continue
        where = f"第{to_chinese(a.number)}条" if a is not None else "正文"
        when = m.group("when")
        if when.endswith("之日") and not re.match(r"^[\d" + CN_NUM + "]{4}年", when):
            return version_date, f"{where}：自{when}起施行"
        d = _chinese_date(when)
        if d is not None and d >= version_date:
            return d, f"{where}：自{when}起施行"
        break
    return version_date, "按通过或修改日期"


def _label(version_date: dt.date, history: list[dict]) -> str:
    """2023年修订 / 2017年修正 / 2011年 — from the history line of that date."""
    kind = ""
    for h in history:
        if h["date"] == version_date.isoformat():
            event = h["event"]
            kind = "修订" if "修订" in event else "修正" if "修正" in event else "公布" if "公布" in event else ""
            kind = kind or ("通过" if "通过" in event else "")
    return f"{version_date.year}年{kind}" if kind else f"{version_date.year}年版"


def parse_file(path: Path, *, root: Path | None = None) -> ParsedLaw:
    rel = str(path.relative_to(root)) if root else path.name
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise MalformedLaw("文件不是 UTF-8 编码的文本")
    except OSError as e:
        raise MalformedLaw(f"无法读取文件：{e.strerror or e}")
    return parse_text(text, path, rel=rel)
