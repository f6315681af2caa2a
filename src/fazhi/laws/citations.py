"""Citations: "《中华人民共和国行政复议法》第六十二条", "《行政复议法》第62条第二款", "行政处罚法第五十八条".

A citation resolves to the article of the version in force on a date (or of the version it names, as in
"《行政复议法》（2017年修正）第三十一条"). Everything that cannot be resolved raises `CitationError` with a Chinese
message; an empty library is no exception, so callers can always fall back to showing the citation text alone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from fazhi.core.numerals import from_chinese, to_chinese
from fazhi.laws.models import Article, Law, LawVersion, article_label

NUM = r"[零〇○一二三四五六七八九十百千两\d０-９]+"
CITATION = re.compile(
    r"^(?:《(?P<title>[^《》]+)》|(?P<bare>[^《》\s]+?))\s*"
    r"(?:[（(](?P<year>\d{4})\s*年?\s*(?P<kind>修订|修正|版|通过|公布)?(?:本)?[）)])?\s*"
    rf"第(?P<article>{NUM})条(?:之(?P<suffix>{NUM}))?"
    rf"(?:第(?P<paragraph>{NUM})款)?"
    rf"(?:第[（(]?(?P<item>{NUM})[）)]?项)?"
    r"(?:的?规定)?[。.]?$"
)


# A citation inside running text (explanations, decisions): the title must be in 《》 there.
IN_TEXT = re.compile(
    r"《[^《》\n]{2,80}》(?:[（(]\d{4}年?(?:修订|修正|版|通过|公布)?[）)])?"
    rf"第{NUM}条(?:之{NUM})?(?:第{NUM}款)?(?:第[（(]?{NUM}[）)]?项)?"
)


class CitationError(Exception):
    """A citation that does not resolve; `.message` says why, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class ResolvedCitation:
    law: str  # the full title: 中华人民共和国行政复议法
    version: str  # 2023年修订
    effective: dt.date | None
    article: str  # 第六十二条
    number: int
    paragraph: int | None
    text: str  # the cited paragraph (with its items) or item, else the whole article
    url: str  # the article's page
    item: int | None = None
    short_title: str = ""
    article_text: str = ""
    version_id: int | None = None
    article_id: int | None = None

    @property
    def citation(self) -> str:
        """The canonical form: 《行政复议法》（2023年修订）第六十二条第二款."""
        out = f"《{self.short_title or self.law}》（{self.version}）{self.article}"
        if self.paragraph:
            out += f"第{to_chinese(self.paragraph)}款"
        if self.item:
            out += f"第（{to_chinese(self.item)}）项"
        return out

    def as_dict(self) -> dict:
        return {"law": self.law, "version": self.version, "article": self.article, "text": self.text,
                "effective": self.effective.isoformat() if self.effective else None, "number": self.number,
                "paragraph": self.paragraph, "item": self.item, "url": self.url, "citation": self.citation}


@dataclass
class ParsedCitation:
    title: str
    year: int | None
    number: int
    suffix: int
    paragraph: int | None
    item: int | None


def _num(text: str | None) -> int | None:
    if not text:
        return None
    text = text.translate(str.maketrans("０１２３４５６７８９○", "0123456789〇"))
    try:
        n = from_chinese(text)
    except ValueError:
        return None
    return n if n > 0 else None


def parse_citation(text: str) -> ParsedCitation:
    cleaned = re.sub(r"[\s\u3000]+", "", (text or "").strip())
    m = CITATION.match(cleaned)
    if not m:
        raise CitationError(f"无法识别的引用格式：“{text}”（应为“《法律名称》第X条”，可带第X款、第X项）")
    number = _num(m.group("article"))
    if number is None:
        raise CitationError(f"条号“{m.group('article')}”无法识别")
    title = (m.group("title") or m.group("bare") or "").strip()
    return ParsedCitation(title=title, year=int(m.group("year")) if m.group("year") else None, number=number,
                          suffix=_num(m.group("suffix")) or 0, paragraph=_num(m.group("paragraph")),
                          item=_num(m.group("item")))


def _on(on) -> dt.date:
    if isinstance(on, dt.datetime):
        return on.date()
    if isinstance(on, dt.date):
        return on
    try:
        return dt.date.fromisoformat(str(on).strip())
    except ValueError:
        raise CitationError(f"日期“{on}”无效，应为 YYYY-MM-DD")


def find_law(title: str) -> Law:
    laws = list(Law.objects.named(title)[:5])
    if not laws:
        raise CitationError(f"法律法规库中没有《{title}》")
    exact = [law for law in laws if title in (law.title, law.short_title)]
    return (exact or laws)[0]


def find_version(law: Law, on: dt.date, year: int | None = None) -> LawVersion:
    if year is not None:
        version = law.versions.filter(version_date__year=year).order_by("-version_date").first()
        if version is None:
            raise CitationError(f"法律法规库中没有《{law.short_title}》{year}年的版本")
        return version
    version = law.version_on(on)
    if version is None:
        first = law.versions.order_by("effective").first()
        if first is None:
            raise CitationError(f"法律法规库中没有《{law.short_title}》的文本")
        raise CitationError(f"《{law.short_title}》在 {on:%Y-%m-%d} 尚无库中收录的有效版本"
                            f"（最早收录的版本自 {first.effective:%Y-%m-%d} 起施行）")
    return version


def resolve(text: str, on) -> ResolvedCitation:
    """The article a citation points at, in the version in force on `on` (a date or "YYYY-MM-DD")."""
    on = _on(on)
    c = parse_citation(text)
    law = find_law(c.title)
    version = find_version(law, on, c.year)
    article = Article.objects.filter(version=version, number=c.number, suffix=c.suffix).first()
    label = article_label(c.number, c.suffix)
    if article is None:
        raise CitationError(f"《{law.short_title}》（{version.label}）没有{label}")
    return resolve_in(law, version, article, c)


def resolve_in(law: Law, version: LawVersion, article: Article, c: ParsedCitation) -> ResolvedCitation:
    """The cited paragraph or item of an article already found (callers that cache laws and articles use this)."""
    paragraphs = article.paragraphs()
    text = article.text
    where = f"《{law.short_title}》（{version.label}）{article.label}"
    if c.paragraph:
        if c.paragraph > len(paragraphs):
            raise CitationError(f"{where}只有{to_chinese(len(paragraphs))}款，没有第{to_chinese(c.paragraph)}款")
        text = paragraphs[c.paragraph - 1].full_text
    if c.item:
        items = paragraphs[c.paragraph - 1].items if c.paragraph else [i for p in paragraphs for i in p.items]
        if c.item > len(items):
            raise CitationError(f"{where}{f'第{to_chinese(c.paragraph)}款' if c.paragraph else ''}"
                                f"没有第（{to_chinese(c.item)}）项")
        text = items[c.item - 1]
    return ResolvedCitation(law=law.title, version=version.label, effective=version.effective,
                            article=article.label, number=article.number, paragraph=c.paragraph, text=text,
                            url=article.get_absolute_url(), item=c.item, short_title=law.short_title,
                            article_text=article.text, version_id=version.pk, article_id=article.pk)


def find_citations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, citation) for each citation in running text, e.g. a deadline's explanation."""
    return [(m.start(), m.end(), m.group(0)) for m in IN_TEXT.finditer(text or "")]


# Texts that are not laws but are cited like them (normative documents): a module registers a resolver
# `fn(citation, on) -> dict | None` ({"citation", "text", "url"}) and a citing record that the law library cannot
# resolve is linked to the text in force on its date (`resolve_other`).
OTHER_TEXTS: list = []


def register_other_texts(fn):
    if fn not in OTHER_TEXTS:
        OTHER_TEXTS.append(fn)
    return fn


def resolve_other(citation: str, on) -> dict | None:
    for fn in OTHER_TEXTS:
        try:
            found = fn(citation, _on(on))
        except (ValueError, CitationError):
            found = None
        if found:
            return found
    return None
