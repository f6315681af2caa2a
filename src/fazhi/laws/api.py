"""API of the law library: search laws, read an article, resolve a citation."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from fazhi.core import clock
from fazhi.core.api import window
from fazhi.laws.citations import CitationError, resolve
from fazhi.laws.models import Article, Law
from fazhi.laws.search import search_laws

router = Router(tags=["法律法规"])


class VersionOut(Schema):
    id: int
    label: str
    version_date: dt.date
    effective: dt.date
    superseded_by: int | None
    article_count: int


class LawOut(Schema):
    id: int
    title: str
    short_title: str
    categories: list[str]
    versions: list[VersionOut]


class ArticleOut(Schema):
    id: int
    law: str
    short_title: str
    version: str
    version_id: int
    effective: dt.date
    article: str
    number: int
    suffix: int
    part: str
    heading: str
    text: str
    paragraphs: list[str]


class CitationOut(Schema):
    law: str
    version: str
    effective: dt.date | None
    article: str
    number: int
    paragraph: int | None
    item: int | None
    text: str
    citation: str
    article_id: int | None
    url: str


def _law(law: Law) -> dict:
    return {"id": law.pk, "title": law.title, "short_title": law.short_title,
            "categories": [c.name for c in law.categories.all()],
            "versions": [{"id": v.pk, "label": v.label, "version_date": v.version_date, "effective": v.effective,
                          "superseded_by": v.superseded_by_id, "article_count": v.article_count}
                         for v in sorted(law.versions.all(), key=lambda v: v.effective)]}


@router.get("/laws", response=list[LawOut], summary="检索法律法规（标题和条文全文）")
def list_laws(request, q: str = "", category: str = "", limit: int = 50, offset: int = 0):
    qs = Law.objects.visible_to(request.auth).prefetch_related("categories", "versions")
    if q.strip():
        qs = search_laws(qs, q)
    if category:
        qs = qs.filter(categories__name=category)
    limit, offset = window(limit, offset, 200)
    return [_law(law) for law in qs.order_by("short_title")[offset:offset + limit]]


@router.get("/laws/{law_id}", response=LawOut, summary="法律法规及其版本")
def get_law(request, law_id: int):
    return _law(get_object_or_404(Law.objects.visible_to(request.auth).prefetch_related("categories", "versions"),
                                  pk=law_id))


@router.get("/articles/{article_id}", response=ArticleOut, summary="条文")
def get_article(request, article_id: int):
    a = get_object_or_404(Article.objects.visible_to(request.auth).select_related("version__law"), pk=article_id)
    v = a.version
    return {"id": a.pk, "law": v.law.title, "short_title": v.law.short_title, "version": v.label,
            "version_id": v.pk, "effective": v.effective, "article": a.label, "number": a.number,
            "suffix": a.suffix, "part": a.part, "heading": a.heading, "text": a.text,
            "paragraphs": [p.full_text for p in a.paragraphs()]}


@router.get("/cite", response=CitationOut, summary="解析法条引用（取指定日期有效的版本）")
def cite(request, text: str, on: str = ""):
    try:
        day = dt.date.fromisoformat(on) if on else clock.today()
    except ValueError:
        raise HttpError(422, f"日期“{on}”无效，应为 YYYY-MM-DD")
    try:
        r = resolve(text, day)
    except CitationError as e:
        raise HttpError(404, e.message)
    return {**r.as_dict(), "effective": r.effective, "article_id": r.article_id}
