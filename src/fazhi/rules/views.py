"""Pages of the deadline engine: rule catalogue and overrides, deadline board, deadline detail, reminders."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.calendar import workdays
from fazhi.calendar.permissions import may_manage_calendar
from fazhi.core import clock
from fazhi.core.listing import Filter, Link, ScopedListView
from fazhi.core.models import AuditEvent, Organisation
from fazhi.core.permissions import ActionError
from fazhi.rules import actions, engine
from fazhi.rules.choices import DUE_SOON_WORKING_DAYS
from fazhi.rules.forms import ComputeForm, OverrideForm, rule_choices
from fazhi.rules.models import Deadline, Reminder, RuleOverride

BUCKETS = [("week", "本周到期"), ("due_soon", "即将到期"), ("overdue", "已逾期"), ("provisional", "暂定期限"),
           ("paused", "暂停计时")]


def bucket_filter(qs, bucket: str, today: dt.date):
    """The board's views of open deadlines."""
    qs = qs.open()
    if bucket == "week":
        monday = today - dt.timedelta(days=today.weekday())
        return qs.filter(due__gte=monday, due__lte=monday + dt.timedelta(days=6))
    if bucket == "due_soon":
        return qs.filter(paused=False, due__gte=today,
                         due__lte=workdays.add_working_days(today, DUE_SOON_WORKING_DAYS))
    if bucket == "overdue":
        return qs.overdue(today)
    if bucket == "provisional":
        return qs.provisional()
    if bucket == "paused":
        return qs.filter(paused=True)
    return qs


def subject_cell(deadline: Deadline) -> Link:
    """The board's 案件 cell: the case (or other record) the deadline belongs to, linked to its page."""
    return Link(deadline.subject_label(), deadline.subject_url())


class DeadlineBoard(ScopedListView):
    title = "期限看板"
    columns = [("label", "事项"), (subject_cell, "案件"), ("rule_title", "规则"), ("organisation__name", "机构"),
               ("start", "起算日"), ("due", "期满日"), ("status_label", "状态"), ("provisional", "暂定"), ("citation", "依据")]
    search_fields = ["label", "rule_id", "organisation__name"]
    ordering = ["due", "id"]
    template_name = "rules/board.html"

    def get_filters(self):
        orgs = Organisation.objects.visible_to(self.request.user).active().order_by("path")[:300]
        return [Filter("bucket", "范围", "", BUCKETS),
                Filter("org", "机构", "organisation__code", [(o.code, o.name) for o in orgs]),
                Filter("rule", "规则", "rule_id", rule_choices())]

    def base_queryset(self):
        # The subjects (cases of any module) come in one query per kind of record, not one per row.
        return Deadline.objects.select_related("organisation").prefetch_related("subject")

    def get_queryset(self):
        request = self.request
        qs = self.base_queryset().visible_to(request.user)
        q = request.GET.get("q", "").strip()
        if q:
            from django.db.models import Q

            qs = qs.filter(Q(label__icontains=q) | Q(rule_id__icontains=q) | Q(organisation__name__icontains=q))
        for f in self.get_filters():
            v = request.GET.get(f.param, "").strip()
            if v and f.lookup:
                qs = qs.filter(**{f.lookup: v})
        qs = bucket_filter(qs, request.GET.get("bucket", ""), clock.today())
        return qs.order_by(*self.ordering)


def deadline_detail(request, pk):
    deadline = get_object_or_404(Deadline.objects.visible_to(request.user).select_related("organisation"), pk=pk)
    return render(request, "rules/deadline_detail.html", {
        "title": deadline.label, "deadline": deadline, "pauses": deadline.pauses.all(),
        "article": deadline.article(), "subject_url": deadline.subject_url(),
        "history": AuditEvent.objects.for_object(deadline), "today": clock.today(),
    })


def catalogue(request):
    overrides = {}
    for o in RuleOverride.objects.select_related("region"):
        overrides.setdefault(o.rule_id, []).append(o)
    rules = [(r, overrides.get(r.id, [])) for r in sorted(engine.all_rules().values(), key=lambda r: r.id)]
    return render(request, "rules/catalogue.html", {"title": "期限规则目录", "rules": rules,
                                                     "can_manage": may_manage_calendar(request.user)})


@require_http_methods(["GET", "POST"])
def override_create(request):
    if not may_manage_calendar(request.user):
        messages.error(request, actions.DENIED)
        return redirect("rules:catalogue")
    form = OverrideForm(request.POST or None, initial={"rule_id": request.GET.get("rule")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.save_override(actor=request.user, rule_id=d["rule_id"], region=d["region"], length=d["length"],
                                  unit=d["unit"], citation=d["citation"], note=d["note"], reason=d["reason"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "已保存地方覆盖，相关期限已重新计算。")
            return redirect("rules:catalogue")
    return render(request, "core/form.html", {"form": form, "title": "设置期限规则地方覆盖"})


@require_POST
def override_delete(request, pk):
    override = get_object_or_404(RuleOverride, pk=pk)
    try:
        actions.delete_override(override, actor=request.user, reason=request.POST.get("reason", ""))
    except ActionError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "已删除地方覆盖，相关期限已重新计算。")
    return redirect("rules:catalogue")


def compute(request):
    form = ComputeForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        d = form.cleaned_data
        try:
            result = engine.compute_due(d["rule_id"], d["start"], extended=d["extended"])
        except ActionError as e:
            form.add_error(None, e.message)
    return render(request, "rules/compute.html", {"title": "期限计算", "form": form, "result": result})


def reminders(request):
    items = Reminder.objects.filter(user=request.user).select_related("deadline", "deadline__organisation")[:200]
    return render(request, "rules/reminders.html", {"title": "期限提醒", "reminders": items})


@require_POST
def reminders_read(request):
    from fazhi.rules.reminders import mark_read

    mark_read(request.user, ids=request.POST.getlist("id") or None)
    return redirect("rules:reminders")
