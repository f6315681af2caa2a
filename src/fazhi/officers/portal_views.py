"""Public pages: the announced enforcement subjects (执法主体公告) and the directory of officers holding a valid
certificate — name, unit, certificate number and areas only; no identity number, phone or address."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from fazhi.core import clock
from fazhi.officers.models import Certificate, EnforcementSubject
from fazhi.portal.views import portal_context


def _q(request) -> str:
    return "".join(ch for ch in request.GET.get("q", "") if ch >= " ").strip()[:100]


def subjects(request):
    today = clock.today()
    qs = EnforcementSubject.objects.active_on(today).filter(announced_on__isnull=False, announced_on__lte=today) \
        .select_related("organisation", "entrusted_by").order_by("organisation__path")
    q = _q(request)
    if q:
        qs = qs.filter(Q(organisation__name__icontains=q) | Q(scope__icontains=q))
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "officers/portal_subjects.html", {**portal_context(request), "page": page, "q": q,
                                                             "querystring": f"q={q}" if q else ""})


def officers(request):
    today = clock.today()
    qs = Certificate.objects.valid_on(today).filter(officer__active=True).select_related(
        "officer__organisation").order_by("officer__organisation__path", "officer__name")
    q = _q(request)
    if q:
        qs = qs.filter(Q(officer__name__icontains=q) | Q(number__icontains=q) | Q(officer__organisation__name__icontains=q))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "officers/portal_officers.html", {**portal_context(request), "page": page, "q": q,
                                                             "querystring": f"q={q}" if q else ""})
