"""A normative document's text as articles, the laws it cites, and citations *of* a document resolved by date.

Documents are written either in articles ("第一条 ……", as a 规章) or in numbered items ("一、……"). Both are parsed into
articles numbered 1, 2, 3 … in order; a text with neither is one article. A citation such as
"《清源县城市绿化管理办法》第五条" resolves to the article of the version in force on the date (`resolve`), the
same way a law citation does in the law library; `register_resolver` lets the power list and decisions link to it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from fazhi.core.numerals import from_chinese, to_chinese

CN = "零〇○一二三四五六七八九十百千两"
ARTICLE = re.compile(rf"^[\s\u3000]*第(?P<num>[{CN}\d]+)条(?:之(?P<suffix>[{CN}]+))?(?:[\s\u3000]+|$)(?P<rest>.*)$")
ITEM = re.compile(rf"^[\s\u3000]*(?P<num>[{CN}]+)、(?P<rest>.*)$")
CITED = re.compile(rf"《(?P<title>[^《》]{{2,120}})》(?:[（(](?P<number>[^）)]{{2,60}})[）)])?"
                   rf"第(?P<article>[{CN}\d]+)条(?:之(?P<suffix>[{CN}]+))?")


@dataclass
class ParsedArticle:
    number: int
    suffix: int
    label: str
    text: str


def _num(s: str | None) -> int:
    if not s:
        return 0
    try:
        return from_chinese(s)
    except ValueError:
        return 0


def parse_articles(text: str) -> list[ParsedArticle]:
    lines = [ln.rstrip() for ln in (text or "").replace("\r\n", "\n").split("\n")]
    by_article = [(i, ARTICLE.match(ln)) for i, ln in enumerate(lines)]
    starts = [(i, m) for i, m in by_article if m]
    style = "article"
    if not starts:
        starts = [(i, m) for i, m in ((i, ITEM.match(ln)) for i, ln in enumerate(lines)) if m]
        style = "item"
    if not starts:
        body = "\n".join(ln.strip() for ln in lines if ln.strip())
        return [ParsedArticle(1, 0, "全文", body)] if body else []
    out = []
    for k, (i, m) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        body = "\n".join(ln.strip() for ln in [m.group("rest"), *lines[i + 1:end]] if ln.strip())
        if style == "article":
            number, suffix = _num(m.group("num")) or (k + 1), _num(m.group("suffix"))
            label = f"第{to_chinese(number)}条" + (f"之{to_chinese(suffix)}" if suffix else "")
        else:
            number, suffix = k + 1, 0
            label = f"{m.group('num')}、"
        out.append(ParsedArticle(number, suffix, label, body))
    return out


def law_citations(text: str) -> list[tuple[str, int, int]]:
    """(title, article number, suffix) of each 《…》第X条 in the text."""
    out = []
    for m in CITED.finditer(text or ""):
        n = _num(m.group("article"))
        if n:
            out.append((m.group("title").strip(), n, _num(m.group("suffix"))))
    return out


@dataclass
class Resolved:
    document_id: int
    title: str
    version: str
    article: str
    text: str
    url: str

    @property
    def citation(self) -> str:
        return f"《{self.title}》{self.article}"


def resolve(citation: str, on: dt.date, *, organisation_ids=None) -> Resolved | None:
    """The article of a published normative document a citation names, in the text in force on `on`; None when no
    published document has that title. Raises ValueError (Chinese) for an article the text does not have."""
    from fazhi.normdocs.models import Article, Document

    m = CITED.search(re.sub(r"[\s\u3000]+", "", citation or ""))
    if not m:
        return None
    title = m.group("title").strip()
    docs = Document.objects.published().filter(title=title)
    if m.group("number"):
        docs = docs.filter(number=m.group("number").strip()) or docs
    if organisation_ids is not None:
        docs = docs.filter(organisation_id__in=organisation_ids)
    doc = next((d for d in docs.order_by("-published_on") if (d.effective_from or d.published_on) <= on), None)
    if doc is None:
        return None
    version = doc.version_on(on)
    if version is None:
        raise ValueError(f"《{title}》在 {on:%Y-%m-%d} 没有有效的文本")
    number, suffix = _num(m.group("article")), _num(m.group("suffix"))
    article = Article.objects.filter(version=version, number=number, suffix=suffix).first()
    if article is None:
        raise ValueError(f"《{title}》（{version.label}）没有第{to_chinese(number)}条")
    from django.urls import reverse

    url = reverse("normdocs_portal:document", args=[doc.pk]) + f"?on={on:%Y-%m-%d}#a{article.number}-{article.suffix}"
    return Resolved(doc.pk, doc.title, version.label, article.label, article.text, url)


def resolve_for_citations(citation: str, on: dt.date) -> dict | None:
    """The law library's hook (`fazhi.laws.citations.register_other_texts`): a power item or decision citing a
    normative document links to its article."""
    r = resolve(citation, on)
    return None if r is None else {"citation": r.citation, "text": r.text, "url": r.url}
