"""Searching the library by title and full text.

Plain `icontains` on every term (all terms must match), which works on SQLite and PostgreSQL alike; the library
is a few tens of thousands of articles, well within a sequential scan.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from fazhi.laws.models import Article


def terms(q: str) -> list[str]:
    return [t for t in q.replace("　", " ").split() if t][:8]


def search_laws(qs, q: str):
    """Laws whose title holds every term, or one of whose articles does."""
    for t in terms(q):
        in_text = Article.objects.filter(version__law=OuterRef("pk"), text__icontains=t)
        qs = qs.filter(Q(title__icontains=t) | Q(short_title__icontains=t) | Exists(in_text))
    return qs


def search_articles(q: str, *, category: str = ""):
    """Articles holding every term (or whose law's title holds it), newest versions first."""
    qs = Article.objects.select_related("version__law")
    for t in terms(q):
        qs = qs.filter(Q(text__icontains=t) | Q(version__law__title__icontains=t))
    if category:
        qs = qs.filter(version__law__categories__name=category)
    return qs.order_by("version__law__short_title", "-version__version_date", "number", "suffix")

