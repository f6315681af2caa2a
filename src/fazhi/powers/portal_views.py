"""The public 权责清单: the items in force today, searchable by department, category and keyword; an item's page with
its bases linked to the article text in force (the library's public pages) and its flowchart. Registries hold no
personal data; nothing here needs a login."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.choices import OrgKind
from fazhi.core.models import Organisation
from fazhi.portal.views import portal_context
from fazhi.powers import actions
from fazhi.powers import flowchart as flow
from fazhi.powers.choices import Category
from fazhi.powers.models import PowerItem


def _public():
    return PowerItem.objects.in_force_on(clock.today()).filter(organisation__active=True) \
        .select_related("organisation", "delegated_from")


def item_list(request):
    qs = _public().filter(parent__isnull=True)
    q = "".join(ch for ch in request.GET.get("q", "") if ch >= " ").strip()[:100]
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    category = request.GET.get("category", "")
    if category in Category.values:
        qs = qs.filter(category=category)
    else:
        category = ""
    org = request.GET.get("org", "")
    if org.isdigit():
        qs = qs.filter(organisation_id=int(org))
    else:
        org = ""
    page = Paginator(qs.order_by("organisation__path", "category", "code"), 30).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    orgs = Organisation.objects.active().exclude(kind=OrgKind.UNIT).filter(
        pk__in=PowerItem.objects.current().values("organisation_id")).order_by("path")
    return render(request, "powers/portal_list.html", {
        **portal_context(request), "page": page, "q": q, "category": category, "org": org,
        "categories": Category.choices, "orgs": orgs, "querystring": params.urlencode(),
    })


def item_detail(request, pk):
    item = get_object_or_404(_public(), pk=pk)
    bases = []
    for b in item.bases.select_related("article").all():
        bases.append({"citation": b.canonical or b.citation, "message": b.message,
                      "text": b.article.text if b.article_id else "",
                      "url": reverse("laws_portal:article_detail", args=[b.article_id]) if b.article_id else ""})
    return render(request, "powers/portal_detail.html", {
        **portal_context(request), "item": item, "bases": bases, "svg": flow.svg(item.flowchart),
        "subs": actions.sub_items(item, clock.today()) if item.parent_id is None else [],
    })
