"""Legal bases of power items resolved against the law library on a date.

A basis that names a law the library does not hold is kept and shown as 法律法规库未收录 (a county's list cites many
local regulations); a basis that cannot be read, or names an article the law does not have on that date, is an
error and is refused. The resolver caches laws, versions and articles, so an import of 100,000 items resolves each
distinct citation once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from fazhi.core.permissions import ActionError
from fazhi.laws.citations import CitationError, ParsedCitation, find_version, parse_citation, resolve_in
from fazhi.laws.models import Article, Law, article_label
from fazhi.powers.choices import BasisStatus

SEPARATORS = re.compile(r"[\n\r；;]+")


def split_bases(text: str) -> list[str]:
    """One citation per line (or separated by ；) — the way county spreadsheets list several bases in one cell."""
    return [p.strip().strip("，,。") for p in SEPARATORS.split(text or "") if p.strip().strip("，,。")]


@dataclass
class Basis:
    citation: str
    status: str
    message: str = ""
    law_id: int | None = None
    version_id: int | None = None
    article_id: int | None = None
    number: int | None = None
    suffix: int = 0
    canonical: str = ""
    text: str = ""
    url: str = ""


class Resolver:
    def __init__(self):
        self._laws: dict[str, Law | None] = {}
        self._versions: dict[tuple, object] = {}
        self._articles: dict[tuple, Article | None] = {}
        self._done: dict[tuple, Basis] = {}

    def _law(self, title: str) -> Law | None:
        if title not in self._laws:
            laws = list(Law.objects.named(title)[:5])
            exact = [law for law in laws if title in (law.title, law.short_title)]
            self._laws[title] = (exact or laws or [None])[0]
        return self._laws[title]

    def resolve(self, citation: str, on: dt.date) -> Basis:
        """The basis as resolved on `on`; raises ActionError (in Chinese) for one that cannot stand."""
        key = (citation, on)
        if key in self._done:
            return self._done[key]
        try:
            c: ParsedCitation = parse_citation(citation)
        except CitationError as e:
            raise ActionError(f"依据“{citation}”：{e.message}") from None
        law = self._law(c.title)
        if law is None:
            b = Basis(citation=citation, status=BasisStatus.UNKNOWN_LAW, number=c.number, suffix=c.suffix,
                      message=f"法律法规库中没有《{c.title}》，未能核对条文")
            self._done[key] = b
            return b
        vkey = (law.pk, on, c.year)
        if vkey not in self._versions:
            try:
                self._versions[vkey] = find_version(law, on, c.year)
            except CitationError as e:
                self._versions[vkey] = e
        version = self._versions[vkey]
        if isinstance(version, CitationError):
            raise ActionError(f"依据“{citation}”：{version.message}")
        akey = (version.pk, c.number, c.suffix)
        if akey not in self._articles:
            self._articles[akey] = Article.objects.filter(version=version, number=c.number, suffix=c.suffix).first()
        article = self._articles[akey]
        if article is None:
            raise ActionError(f"依据“{citation}”：《{law.short_title}》（{version.label}）没有"
                              f"{article_label(c.number, c.suffix)}")
        try:
            r = resolve_in(law, version, article, c)
        except CitationError as e:
            raise ActionError(f"依据“{citation}”：{e.message}") from None
        b = Basis(citation=citation, status=BasisStatus.RESOLVED, law_id=law.pk, version_id=version.pk,
                  article_id=article.pk, number=article.number, suffix=article.suffix, canonical=r.citation,
                  text=r.text, url=r.url)
        self._done[key] = b
        return b


def resolve_all(citations: list[str], on: dt.date, resolver: Resolver | None = None) -> list[Basis]:
    resolver = resolver or Resolver()
    if not citations:
        raise ActionError("请至少填写一项设定依据（如《中华人民共和国行政处罚法》第十八条）。")
    return [resolver.resolve(c, on) for c in citations]
