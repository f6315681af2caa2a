"""Public pages of normative documents: the catalogue of documents in force and of those no longer in force
(search, full text as in force on a date, validity, filing status), open consultations with a comment form (no
account; rate-limited; a comment appears only after moderation, its author's name masked), and clean-up results."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render

from fazhi.core import clock
from fazhi.core.listing import CountedPaginator
from fazhi.core.permissions import ActionError
from fazhi.normdocs import actions, forms
from fazhi.normdocs.choices import CampaignStatus, CommentStatus, Outcome, Status
from fazhi.normdocs.models import Campaign, Document
from fazhi.portal.masking import mask_name, mask_text
from fazhi.portal.views import portal_context

PUBLISHED = Document.objects.published().select_related("organisation")


def _q(request) -> str:
    return "".join(ch for ch in request.GET.get("q", "") if ch >= " ").strip()[:100]


def index(request):
    """现行有效 by default; 已失效 with ?view=ended. Validity is computed on the day, so a document past its validity
    leaves the catalogue on the day after it ends, whether or not the daily job has run."""
    today = clock.today()
    view = "ended" if request.GET.get("view") == "ended" else "in_force"
    qs = PUBLISHED.in_force_on(today) if view == "in_force" else PUBLISHED.ended_by(today)
    q = _q(request)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(number__icontains=q) | Q(organisation__name__icontains=q))
    page = CountedPaginator(qs.order_by("-published_on", "-pk"), 30).get_page(request.GET.get("page"))
    qs_params = "&".join(p for p in (f"view={view}" if view == "ended" else "", f"q={q}" if q else "") if p)
    return render(request, "normdocs/portal_index.html", {
        **portal_context(request), "page": page, "q": q, "view": view, "today": today, "querystring": qs_params,
        "open_consultations": Document.objects.filter(status=Status.CONSULTING, consultation_start__lte=today,
                                                      consultation_end__gte=today).count()})


def _on(request, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("on", "").strip())
    except ValueError:
        return default


def document(request, pk):
    doc = get_object_or_404(PUBLISHED, pk=pk)
    today = clock.today()
    on = _on(request, today)
    version = doc.version_on(on) or doc.current_version()
    return render(request, "normdocs/portal_document.html", {
        **portal_context(request), "doc": doc, "version": version, "articles": version.articles.all(),
        "on": on, "validity": doc.validity_label(today), "versions": doc.versions.filter(
            effective_from__isnull=False).order_by("seq")})


def _open():
    today = clock.today()
    return Document.objects.filter(status=Status.CONSULTING, consultation_start__lte=today,
                                   consultation_end__gte=today).select_related("organisation")


def consultations(request):
    page = CountedPaginator(_open().order_by("consultation_end", "pk"), 30).get_page(request.GET.get("page"))
    return render(request, "normdocs/portal_consultations.html", {**portal_context(request), "page": page,
                                                                  "querystring": ""})


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def consultation(request, pk):
    doc = get_object_or_404(_open(), pk=pk)
    form = forms.CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("website"):  # the hidden field: only robots fill it
            messages.success(request, "意见已提交，经审核后登载。")
            return redirect("normdocs_portal:consultation", pk=doc.pk)
        try:
            actions.submit_comment(doc, body=form.cleaned_data["body"], name=form.cleaned_data["name"],
                                   contact=form.cleaned_data["contact"], client=_client(request))
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "意见已提交，经审核后登载。感谢您的参与。")
            return redirect("normdocs_portal:consultation", pk=doc.pk)
    version = doc.current_version()
    shown = [(mask_name(c.name) if c.name else "匿名", mask_text(c.body, [c.name] if c.name else []), c)
             for c in doc.comments.filter(status=CommentStatus.APPROVED).order_by("submitted_at")]
    return render(request, "normdocs/portal_consultation.html", {
        **portal_context(request), "doc": doc, "version": version, "articles": version.articles.all(),
        "form": form, "comments": shown})


def cleanups(request):
    qs = Campaign.objects.filter(status=CampaignStatus.CONCLUDED).select_related("organisation")
    page = CountedPaginator(qs.order_by("-concluded_on", "-pk"), 30).get_page(request.GET.get("page"))
    return render(request, "normdocs/portal_cleanups.html", {**portal_context(request), "page": page,
                                                             "querystring": ""})


def cleanup(request, pk):
    c = get_object_or_404(Campaign.objects.filter(status=CampaignStatus.CONCLUDED).select_related("organisation"),
                          pk=pk)
    entries = c.entries.select_related("document__organisation").order_by("outcome", "pk")
    page = CountedPaginator(entries, 100).get_page(request.GET.get("page"))
    counts = [(label, c.entries.filter(outcome=value).count()) for value, label in Outcome.choices]
    return render(request, "normdocs/portal_cleanup.html", {**portal_context(request), "c": c, "page": page,
                                                            "counts": counts, "total": c.entries.count(),
                                                            "querystring": ""})
