"""Pages of the law library: the list with search, a page per law version, a page per article, the citation tool.

The same views serve the public portal (laws are public): `portal=True` picks the portal layout and its URLs.
"""

from __future__ import annotations

import difflib

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.listing import Filter, Link, ScopedListView
from fazhi.laws.citations import CitationError, resolve
from fazhi.laws.models import Article, ArticleChange, Category, CitationFlag, FlagStatus, Law, LawVersion
from fazhi.laws.search import search_articles, search_laws


def _ctx(portal: bool) -> dict:
    if portal:
        return {"base_template": "portal/base.html", "ns": "laws_portal", "portal": True}
    return {"base_template": "base.html", "ns": "laws", "portal": False}


def _portal_extra(request, portal: bool) -> dict:
    if not portal:
        return {}
    from fazhi.portal.views import portal_context

    return portal_context(request)


class LawList(ScopedListView):
    title = "法律法规"
    columns = [("short_title", "简称"), ("title", "标题"), ("category_names", "类别"), ("n_versions", "版本数"),
               ("latest_label", "最新版本")]
    search_fields = ["title"]
    ordering = ["short_title"]
    template_name = "laws/law_list.html"

    def get_filters(self):
        return [Filter("category", "类别", "categories__name", [(c.name, c.name) for c in Category.objects.all()])]

    def base_queryset(self):
        return Law.objects.prefetch_related("categories").with_latest_label().annotate(
            n_versions=Count("versions", distinct=True))

    def get_queryset(self):
        qs = self.base_queryset()
        q = self.request.GET.get("q", "").strip()
        if q:
            qs = search_laws(qs, q)
        category = self.request.GET.get("category", "").strip()
        if category:
            qs = qs.filter(categories__name=category)
        return qs.order_by(*self.ordering)

    def get(self, request, *args, **kwargs):
        self.extra_actions = [(reverse("laws:article_search"), "条文检索"), (reverse("laws:cite"), "引用解析"),
                              (reverse("laws:flag_list") + "?status=open", "依据变更复核")]
        return super().get(request, *args, **kwargs)


def law_detail(request, pk, portal=False):
    """A law's page is the page of its version in force today."""
    law = get_object_or_404(Law.objects.visible_to(request.user), pk=pk)
    version = law.current_version()
    if version is None:
        return render(request, "laws/version_detail.html", {**_ctx(portal), **_portal_extra(request, portal),
                                                            "law": law, "version": None, "title": law.title})
    return redirect(f"{_ctx(portal)['ns']}:version_detail", pk=version.pk)


def version_detail(request, pk, portal=False):
    version = get_object_or_404(LawVersion.objects.visible_to(request.user).select_related("law", "superseded_by"),
                                pk=pk)
    today = clock.today()
    articles = list(version.articles.all())
    chapters: list[tuple[str, str, list[Article]]] = []  # (part, heading, articles)
    for a in articles:
        if not chapters or chapters[-1][0] != a.part or chapters[-1][1] != a.heading:
            chapters.append((a.part, a.heading, []))
        chapters[-1][2].append(a)
    versions = list(version.law.versions.order_by("-effective", "-version_date"))
    return render(request, "laws/version_detail.html", {
        **_ctx(portal), **_portal_extra(request, portal),
        "law": version.law, "version": version, "chapters": chapters, "versions": versions, "today": today,
        "in_force": version.is_in_force(today), "until": version.in_force_until(),
        "supersedes": version.supersedes.first(), "title": f"{version.law.title}（{version.label}）",
    })


def same_article_elsewhere(article: Article) -> list[dict]:
    """The same article in the law's other versions: the one with the same number, and, when the law was
    renumbered, the most similar text (行政复议法 2017 第三十一条 became 2023 第六十二条)."""
    out = []
    others = article.version.law.versions.exclude(pk=article.version_id).order_by("-effective")
    for v in others:
        candidates = list(v.articles.all())
        same = next((a for a in candidates if (a.number, a.suffix) == (article.number, article.suffix)), None)
        best, best_ratio = None, 0.0
        for a in candidates:
            m = difflib.SequenceMatcher(None, article.text, a.text, autojunk=False)
            if m.real_quick_ratio() <= best_ratio or m.quick_ratio() <= best_ratio:
                continue
            r = m.ratio()
            if r > best_ratio:
                best, best_ratio = a, r
        entry = {"version": v, "same": same, "similar": None, "ratio": 0}
        if best is not None and best_ratio >= 0.45 and best != same:
            entry["similar"], entry["ratio"] = best, round(best_ratio * 100)
        out.append(entry)
    return out


def article_detail(request, pk, portal=False):
    article = get_object_or_404(Article.objects.visible_to(request.user).select_related("version__law"), pk=pk)
    version = article.version
    neighbours = {
        "previous": version.articles.filter(Q(number__lt=article.number) | Q(number=article.number,
                                                                              suffix__lt=article.suffix))
        .order_by("-number", "-suffix").first(),
        "next": version.articles.filter(Q(number__gt=article.number) | Q(number=article.number,
                                                                         suffix__gt=article.suffix))
        .order_by("number", "suffix").first(),
    }
    return render(request, "laws/article_detail.html", {
        **_ctx(portal), **_portal_extra(request, portal),
        "article": article, "version": version, "law": version.law, "paragraphs": article.paragraphs(),
        "elsewhere": same_article_elsewhere(article), **neighbours,
        "title": f"《{version.law.short_title}》{article.label}",
    })


def article_search(request, portal=False):
    q = request.GET.get("q", "").strip()
    category = request.GET.get("category", "").strip()
    results = search_articles(q, category=category) if q else Article.objects.none()
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    laws_page = None
    if not q:
        laws = Law.objects.with_latest_label().order_by("short_title")
        if category:
            laws = laws.filter(categories__name=category)
        laws_page = Paginator(laws, 30).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "laws/article_search.html", {
        **_ctx(portal), **_portal_extra(request, portal),
        "q": q, "category": category, "categories": Category.objects.all(), "page": page,
        "querystring": params.urlencode(), "title": "条文检索", "laws_page": laws_page,
    })


def cite(request, portal=False):
    text = request.GET.get("text", "").strip()
    on_text = request.GET.get("on", "").strip() or clock.today().isoformat()
    result = error = None
    if text:
        try:
            result = resolve(text, on_text)
        except CitationError as e:
            error = e.message
    return render(request, "laws/cite.html", {
        **_ctx(portal), **_portal_extra(request, portal),
        "text": text, "on": on_text, "result": result, "error": error, "title": "引用解析",
        "examples": ["《中华人民共和国行政复议法》第六十二条", "《行政复议法》第62条第二款", "行政处罚法第五十八条"],
    })


# --- the review queue of changed legal bases (fazhi.laws.watch) ---


class FlagList(ScopedListView):
    title = "依据变更复核"
    columns = [(lambda f: Link(f.object_repr, f.get_absolute_url()), "引用记录"), ("citation", "原引用"),
               ("get_change_display", "变化"), ("new_article", "新条号"), ("organisation__name", "负责机构"),
               ("get_status_display", "状态"), ("created_at", "发现时间")]
    search_fields = ["object_repr", "citation", "law__title"]
    filters = [Filter("status", "状态", "status", list(FlagStatus.choices)),
               Filter("change", "变化", "change", list(ArticleChange.choices))]
    ordering = ["status", "-created_at", "-pk"]

    def base_queryset(self):
        return CitationFlag.objects.select_related("organisation", "law")


def _flags(user):
    return CitationFlag.objects.visible_to(user).select_related("organisation", "law", "old_version", "new_version")


def flag_detail(request, pk):
    from fazhi.core.models import AuditEvent
    from fazhi.laws.workflow import FLAG

    flag = get_object_or_404(_flags(request.user), pk=pk)
    old, new = flag.old_text.splitlines(), flag.new_text.splitlines()
    diff = list(difflib.ndiff(old, new)) if new else []
    return render(request, "laws/flag_detail.html", {
        "flag": flag, "title": f"依据变更复核：{flag.citation}", "steps": FLAG.buttons(flag, request.user),
        "diff": [(line[:1], line[2:]) for line in diff if not line.startswith("?")],
        "history": AuditEvent.objects.for_object(flag),
    })


def flag_step(request, pk, step):
    from fazhi.core.workflow import run_step
    from fazhi.laws.workflow import FLAG

    flag = get_object_or_404(_flags(request.user), pk=pk)
    return run_step(request, FLAG, flag, step, title=flag.citation)
