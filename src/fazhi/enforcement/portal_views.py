"""Public page: the published enforcement decisions (行政执法决定公示). A natural person's name is masked and their
identity number never shown; a withdrawn publication (行政处罚法第四十八条第二款) leaves the list."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import render

from fazhi.core import clock
from fazhi.core.listing import CountedPaginator
from fazhi.enforcement.choices import PartyKind
from fazhi.enforcement.models import EnforcementCase
from fazhi.portal.masking import mask_name, mask_text
from fazhi.portal.views import portal_context


def published(day):
    return EnforcementCase.objects.filter(published_on__isnull=False, published_on__lte=day,
                                          withdrawn_on__isnull=True).select_related("organisation")


def _row(case) -> dict:
    natural = case.party_kind == PartyKind.NATURAL
    names = [case.party_name] if natural else []
    return {"organisation": case.organisation.name, "kind": case.get_kind_display(),
            "number": case.decision_number, "party": mask_name(case.party_name) if natural else case.party_name,
            "party_id": "" if natural else case.party_id, "cause": mask_text(case.cause, names),
            "decision": mask_text("、".join(case.penalty_kind_labels) or case.get_decision_display(), names),
            "fine": case.fine_amount, "decided_on": case.decided_on, "published_on": case.published_on}


def decisions(request):
    q = "".join(ch for ch in request.GET.get("q", "") if ch >= " ").strip()[:100]
    qs = published(clock.today()).order_by("-published_on", "-pk")
    if q:
        qs = qs.filter(Q(organisation__name__icontains=q) | Q(decision_number__icontains=q) | Q(cause__icontains=q))
    page = CountedPaginator(qs, 30).get_page(request.GET.get("page"))
    rows = [_row(c) for c in page.object_list]
    return render(request, "enforcement/portal_list.html", {**portal_context(request), "page": page, "rows": rows,
                                                            "q": q, "querystring": f"q={q}" if q else ""})


def yearbook(request):
    """The published 行政执法数据年报 of past years (aggregates only), for the bodies that are enforcement subjects."""
    from django.http import Http404

    from fazhi.core.models import Organisation
    from fazhi.enforcement import yearbook as books
    from fazhi.officers.models import EnforcementSubject

    this = clock.today().year
    orgs = Organisation.objects.filter(pk__in=EnforcementSubject.objects.values("organisation")).order_by("path")
    code = request.GET.get("org") or (orgs.first().code if orgs.exists() else "")
    org = orgs.filter(code=code).first()
    try:
        year = int(request.GET.get("year") or this - 1)
    except ValueError:
        raise Http404("年份无效。") from None
    if org is None or not this - 10 <= year < this:
        raise Http404("没有该机构或年度的执法数据年报。")
    book = books.build(org, year)
    if request.GET.get("format") in ("docx", "xlsx"):
        return books.download(book, request.GET["format"])
    return render(request, "enforcement/portal_yearbook.html", {
        **portal_context(request), "book": book, "orgs": orgs, "org": org, "year": year,
        "years": range(this - 1, this - 6, -1)})
