"""Pages of the normative-document module: the register (list, draft, document with its steps, versions and
comments), the moderation of public comments, clean-up campaigns and the catalogue import."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import clock
from fazhi.core.listing import Filter, Link, ScopedListView
from fazhi.core.models import AuditEvent
from fazhi.core.permissions import ActionError
from fazhi.core.views import form_page
from fazhi.core.workflow import run_step
from fazhi.normdocs import actions, cleanup, forms, links
from fazhi.normdocs.choices import DRAFTING, CampaignKind, CampaignStatus, CommentStatus, Outcome, Status
from fazhi.normdocs.models import Campaign, Comment, Document, Entry, Version
from fazhi.normdocs.workflow import CAMPAIGN, COMMENT, DOCUMENT, DONE
from fazhi.rules.deadlines import deadlines_for

SECTIONS = [(reverse_lazy("normdocs:campaigns"), "文件清理"), (reverse_lazy("normdocs:comments"), "征求意见审核")]
VALIDITY = [("in_force", "现行有效"), ("expiring", "6个月内到期"), ("ended", "已失效"), ("drafting", "制定中"),
            ("unfiled", "未报备")]


class DocumentList(ScopedListView):
    title = "行政规范性文件"
    columns = [(lambda d: Link(d.number or "（未编号）", d.get_absolute_url()), "文号"),
               (lambda d: Link(d.title, d.get_absolute_url()), "文件名称"), ("organisation__name", "制定机关"),
               ("get_status_display", "状态"), ("published_on", "公布日期"), ("valid_until", "有效期至"),
               ("filed_on", "报送备案日期"), ("correction_required", "待纠正")]
    search_fields = ["title", "number"]
    filters = [Filter("status", "状态", "status", list(Status.choices))]
    validity = Filter("validity", "效力", "", VALIDITY)
    ordering = ["-published_on", "-pk"]
    create_url_name = "normdocs:create"
    create_label = "起草文件"
    import_url_name = "normdocs:import"
    extra_actions = SECTIONS
    _querying = False

    def may_create(self):
        return cleanup.may_create(self.request.user)

    def get_filters(self):
        return self.filters if self._querying else [*self.filters, self.validity]

    def get_queryset(self):
        self._querying = True
        try:
            qs = super().get_queryset()
        finally:
            self._querying = False
        v = self.filter_value(self.validity)
        today = clock.today()
        if v == "in_force":
            qs = qs.in_force_on(today)
        elif v == "expiring":
            qs = qs.in_force_on(today).filter(valid_until__lte=today + dt.timedelta(days=183))
        elif v == "ended":
            qs = qs.ended_by(today)
        elif v == "drafting":
            qs = qs.filter(status__in=DRAFTING)
        elif v == "unfiled":
            qs = qs.published().filter(filed_on__isnull=True)
        return qs

    def base_queryset(self):
        return Document.objects.select_related("organisation")


def _doc(request, pk):
    return get_object_or_404(Document.objects.visible_to(request.user).select_related(
        "organisation", "reviewer", "filing_authority"), pk=pk)


@require_http_methods(["GET", "POST"])
def create(request):
    if not cleanup.may_create(request.user):
        raise Http404("您没有起草规范性文件的权限。")
    form = forms.DraftForm(request.POST or None, user=request.user, initial={"drafted_on": clock.today()})
    return form_page(request, form, "起草规范性文件", "保存草案", lambda d: actions.create_draft(actor=request.user, **d),
                     done="已保存草案：{obj}。")


def _blocked(doc, user):
    """Steps the user could take from this state but may not yet, with the reason (e.g. no deliberation before the
    legality review)."""
    out = []
    current = DOCUMENT.current(doc)
    for t in DOCUMENT:
        if t.form is None or t.system or not t.starts_from(current):
            continue
        if not (t.permission or DOCUMENT.permission)(user, doc):
            continue
        if any(c in DONE and not c.test(doc) for c in t.conditions):
            continue
        reason = DOCUMENT.refusal(doc, t.name, user)
        if reason is not None:
            out.append((t, reason))
    return out


def document(request, pk):
    doc = _doc(request, pk)
    version = doc.current_version()
    comments = doc.comments.order_by("submitted_at", "pk")
    from fazhi.reconsideration.models import IncidentalReview

    reviews = []
    if DOCUMENT.refusal(doc, "link_review", request.user) is None:
        reviews = IncidentalReview.objects.visible_to(request.user).filter(normdoc_link__isnull=True) \
            .select_related("case")[:50]
    return render(request, "normdocs/document_detail.html", {
        "doc": doc, "title": doc.title, "steps": DOCUMENT.buttons(doc, request.user),
        "blocked": _blocked(doc, request.user), "version": version,
        "articles": version.articles.all() if version else [],
        "versions": doc.versions.all(), "comments": comments, "comment_steps": {
            c.pk: COMMENT.buttons(c, request.user) for c in comments},
        "scrutinies": doc.scrutinies.select_related("incidental_review__case"), "reviews": reviews,
        "validity": doc.validity_label(clock.today()), "cleanups": doc.cleanups.select_related("campaign"),
        "deadlines": deadlines_for(doc), "history": AuditEvent.objects.for_object(doc)})


@require_http_methods(["GET", "POST"])
def step(request, pk, step):
    doc = _doc(request, pk)
    return run_step(request, DOCUMENT, doc, step, title=doc.title, form_kwargs={"obj": doc, "user": request.user})


def version(request, pk, seq):
    doc = _doc(request, pk)
    v = get_object_or_404(Version, document=doc, seq=seq)
    return render(request, "normdocs/version.html", {"doc": doc, "v": v, "title": f"{doc.title}（{v.label}）",
                                                      "articles": v.articles.all()})


@require_POST
def link_review(request, pk):
    from fazhi.reconsideration.models import IncidentalReview

    doc = _doc(request, pk)
    review = IncidentalReview.objects.visible_to(request.user).filter(pk=request.POST.get("review") or 0).first() \
        if str(request.POST.get("review", "")).isdigit() else None
    if review is None:
        messages.error(request, "请选择附带审查。")
        return redirect(doc)
    try:
        links.link_review(doc, review, actor=request.user)
    except ActionError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "已关联附带审查。")
    return redirect(doc)


class CommentList(ScopedListView):
    title = "公开征求意见"
    columns = [(lambda c: Link(f"#{c.pk}", c.get_absolute_url()), "编号"), ("document__title", "文件"),
               ("received_on", "收到日期"), ("get_status_display", "审核状态"), ("get_handling_display", "处理情况"),
               (lambda c: c.body[:60], "意见摘要")]
    search_fields = ["body", "document__title"]
    filters = [Filter("status", "审核状态", "status", list(CommentStatus.choices))]
    ordering = ["-submitted_at", "-pk"]

    def may_create(self):
        return False

    def base_queryset(self):
        return Comment.objects.select_related("document")


def _comment(request, pk):
    return get_object_or_404(Comment.objects.visible_to(request.user).select_related("document__organisation"),
                             pk=pk)


def comment(request, pk):
    c = _comment(request, pk)
    return render(request, "normdocs/comment_detail.html", {
        "c": c, "title": f"意见 #{c.pk}", "steps": COMMENT.buttons(c, request.user),
        "history": AuditEvent.objects.for_object(c)})


@require_http_methods(["GET", "POST"])
def comment_step(request, pk, step):
    c = _comment(request, pk)
    return run_step(request, COMMENT, c, step, title=f"意见 #{c.pk}", form_kwargs={"obj": c, "user": request.user})


class CampaignList(ScopedListView):
    title = "规范性文件清理"
    columns = [(lambda c: Link(c.title, c.get_absolute_url()), "清理名称"), ("organisation__name", "组织机关"),
               ("get_kind_display", "类型"), ("topic", "主题"), ("started_on", "开始日期"),
               ("get_status_display", "状态"), ("concluded_on", "公布日期")]
    search_fields = ["title", "topic"]
    filters = [Filter("kind", "类型", "kind", list(CampaignKind.choices)),
               Filter("status", "状态", "status", list(CampaignStatus.choices))]
    create_url_name = "normdocs:campaign_create"
    create_label = "开展清理"

    def may_create(self):
        return cleanup.may_create(self.request.user)

    def base_queryset(self):
        return Campaign.objects.select_related("organisation")


@require_http_methods(["GET", "POST"])
def campaign_create(request):
    if not cleanup.may_create(request.user):
        raise Http404("您没有组织规范性文件清理的权限。")
    form = forms.CampaignForm(request.POST or None, user=request.user, initial={"started_on": clock.today()})
    return form_page(request, form, "开展规范性文件清理", "保存",
                     lambda d: cleanup.create_campaign(actor=request.user, **d), done="已开展清理：{obj}。")


def _campaign(request, pk):
    return get_object_or_404(Campaign.objects.visible_to(request.user).select_related("organisation"), pk=pk)


def campaign(request, pk):
    from django.core.paginator import Paginator

    c = _campaign(request, pk)
    entries = c.entries.select_related("document__organisation").order_by("pk")
    outcome = request.GET.get("outcome", "")
    if outcome in Outcome.values or outcome == "pending":
        entries = entries.filter(outcome="" if outcome == "pending" else outcome)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    counts = {label: c.entries.filter(outcome=value).count() for value, label in Outcome.choices}
    return render(request, "normdocs/campaign_detail.html", {
        "c": c, "title": c.title, "steps": CAMPAIGN.buttons(c, request.user), "page": page, "counts": counts,
        "total": c.entries.count(), "pending": c.entries.filter(outcome="").count(), "outcome": outcome,
        "may_decide": CAMPAIGN.refusal(c, "decide", request.user) is None, "outcomes": Outcome.choices,
        "history": AuditEvent.objects.for_object(c)})


@require_http_methods(["GET", "POST"])
def campaign_step(request, pk, step):
    c = _campaign(request, pk)
    return run_step(request, CAMPAIGN, c, step, title=c.title, form_kwargs={"obj": c, "user": request.user})


@require_POST
def decide(request, pk, entry):
    c = _campaign(request, pk)
    e = get_object_or_404(Entry, campaign=c, pk=entry)
    form = forms.DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择清理结论。")
    else:
        try:
            cleanup.decide(e, actor=request.user, **form.cleaned_data)
        except ActionError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, f"已登记《{e.document.title}》的清理结论。")
    return redirect(f"{c.get_absolute_url()}?page={request.POST.get('page', '1')}")
