"""Pages of the litigation module: list, detail, a form per step, statistics, Excel import."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from fazhi.core import clock
from fazhi.core.import_views import ExcelImportView
from fazhi.core.listing import Filter, ScopedListView
from fazhi.core.models import AuditEvent, Organisation
from fazhi.core.permissions import ActionError
from fazhi.core.workflow import run_step
from fazhi.litigation import actions, importers
from fazhi.litigation.choices import (
    OUTCOME_GROUPS,
    ActKind,
    CaseStatus,
    Outcome,
)
from fazhi.litigation.forms import CaseForm
from fazhi.litigation.metrics import ALL_KEYS, litigation_figures
from fazhi.litigation.models import JudicialSuggestion, LitigationCase
from fazhi.litigation.workflow import CASE, SUGGESTION
from fazhi.metrics import stored
from fazhi.metrics.registry import (
    NOT_APPLICABLE,
    breakdown_by_child,
    breakdown_by_field,
    breakdown_by_month,
    format_value,
    get,
    own_share,
    shown,
)
from fazhi.metrics.web import scope_choices, scope_from_request
from fazhi.rules.deadlines import deadlines_for


def _year_choices():
    this = clock.today().year
    return [(str(y), f"{y}年") for y in range(this, this - 6, -1)]


class CaseList(ScopedListView):
    title = "行政应诉案件"
    columns = [("case_number", "案号"), ("court", "受理法院"), ("plaintiffs", "原告"), ("organisation__name", "被告"),
               ("get_act_kind_display", "行为类别"), ("received_on", "收到起诉状副本"), ("answer_due", "答辩期限"),
               ("get_status_display", "状态"), ("get_outcome_display", "一审结果"), ("concluded_on", "审结日期")]
    search_fields = ["case_number", "plaintiffs", "contested_act", "court", "organisation__name"]
    create_url_name = "litigation:create"
    create_label = "登记案件"
    import_url_name = "litigation:import"
    extra_actions = [(reverse_lazy("litigation:stats"), "统计分析")]

    def get_filters(self):
        defendants = stored.values_list(Organisation.objects.visible_to(self.request.user).having(
            LitigationCase.objects.all()).order_by("path"), "code", "name")
        groups = [(key, label) for key, (label, _members) in OUTCOME_GROUPS.items()]
        return [
            Filter("status", "状态", "status", list(CaseStatus.choices)),
            Filter("defendant", "被告", "organisation__code", [(code, name) for code, name in defendants]),
            Filter("result", "结果类别", "outcome__in", groups),
            Filter("outcome", "一审结果", "outcome", list(Outcome.choices)),
            Filter("kind", "行为类别", "act_kind", list(ActKind.choices)),
            Filter("year", "收案年度", "received_on__year", _year_choices()),
        ]

    def get_queryset(self):
        if not self.request.GET.get("result"):
            return super().get_queryset()
        # The "结果类别" filter names a group of outcomes; apply it here, the other filters generically.
        group = OUTCOME_GROUPS.get(self.request.GET["result"])
        params = self.request.GET.copy()
        params.pop("result")
        original, self.request.GET = self.request.GET, params
        try:
            qs = super().get_queryset()
        finally:
            self.request.GET = original
        return qs.filter(outcome__in=group[1]) if group else qs.none()

    def base_queryset(self):
        return LitigationCase.objects.select_related("organisation")


def _case(request, pk) -> LitigationCase:
    return get_object_or_404(LitigationCase.objects.visible_to(request.user).select_related(
        "organisation", "co_defendant", "reconsideration_case"), pk=pk)


def detail(request, pk):
    case = _case(request, pk)
    appeal = getattr(case, "appeal", None)  # the reverse one-to-one raises an AttributeError when absent
    return render(request, "litigation/detail.html", {
        "case": case,
        "title": case.case_number,
        "deadlines": deadlines_for(case),
        "hearings": case.hearings.all(),
        "appeal": appeal,
        "suggestions": case.suggestions.all(),
        "history": AuditEvent.objects.for_object(case),
        "can_handle": CASE.permitted(request.user, case),
        "steps": CASE.buttons(case, request.user),
    })


@require_http_methods(["GET", "POST"])
def create(request):
    form = CaseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = actions.register_case(actor=request.user, organisation=d["organisation"], court=d["court"],
                                         case_number=d["case_number"], plaintiffs=d["plaintiffs"],
                                         contested_act=d["contested_act"], act_kind=d["act_kind"],
                                         received_on=d["received_on"], filed_on=d["filed_on"],
                                         co_defendant=d["co_defendant"],
                                         reconsideration_case=d["reconsideration_case"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"已登记案件 {case.case_number}，答辩期限 {case.answer_due:%Y-%m-%d}。")
            return redirect(case)
    return render(request, "core/form.html", {"form": form, "title": "登记行政应诉案件"})


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    case = _case(request, pk)
    initial = {"organisation": case.organisation_id, "court": case.court, "case_number": case.case_number,
               "plaintiffs": case.plaintiffs, "contested_act": case.contested_act, "act_kind": case.act_kind,
               "filed_on": case.filed_on, "received_on": case.received_on, "co_defendant": case.co_defendant_id,
               "reconsideration_case": case.reconsideration_case.number if case.reconsideration_case else ""}
    form = CaseForm(request.POST or None, user=request.user, initial=initial)
    for name in ("organisation", "received_on"):  # fixed once registered: they own the case and its deadline
        form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.update_case(case, actor=request.user, court=d["court"], case_number=d["case_number"],
                                plaintiffs=d["plaintiffs"], contested_act=d["contested_act"],
                                act_kind=d["act_kind"], filed_on=d["filed_on"], co_defendant=d["co_defendant"],
                                reconsideration_case=d["reconsideration_case"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "已保存。")
            return redirect(case)
    return render(request, "core/form.html", {"form": form, "title": f"修改案件信息：{case.case_number}"})


@require_http_methods(["GET", "POST"])
def step(request, pk, step):
    """Any step of the case (workflow.CASE): its form, the guard and the action."""
    case = _case(request, pk)
    return run_step(request, CASE, case, step, title=case.case_number)


@require_http_methods(["GET", "POST"])
def suggestion_step(request, pk, sid, step):
    s = get_object_or_404(JudicialSuggestion.objects.visible_to(request.user).select_related("case__organisation"),
                          pk=sid, case_id=pk)
    return run_step(request, SUGGESTION, s, step, title=f"{s.case.case_number} · 司法建议书", redirect_to=s.case)


class CaseImport(ExcelImportView):
    title = "导入行政应诉案件"
    template_filename = "行政应诉案件导入模板.xlsx"
    success_url_name = "litigation:list"
    success_message = "已导入 {n} 件案件。"

    def template_bytes(self):
        return importers.template_bytes()

    def run_import(self, fileobj, cleaned_data, *, actor, dry_run):
        return importers.import_cases(fileobj, actor=actor, dry_run=dry_run)


def stats(request):
    """Figures and charts for one organisation subtree and year, every one read from the metric registry: the
    totals, the months, the outcomes, and each organisation directly below with its own subtree's figures."""
    scope = scope_from_request(request)
    per_month = dict(breakdown_by_month("litigation.first_instance", scope))
    outcomes = [{"name": label, "value": n} for label, n in
                breakdown_by_field("litigation.concluded", scope, "outcome", dict(Outcome.choices))]
    keys = ["litigation.concluded", "litigation.lost", "litigation.loss_rate", "litigation.hearings",
            "litigation.head_appearances", "litigation.head_appearance_rate"]
    children = list(Organisation.objects.filter(parent=scope.organisation).order_by("path"))
    columns = {k: dict(breakdown_by_child(k, scope, children=children)) for k in keys}
    rows = [(f"{scope.organisation.name}（本级）", {k: own_share(k, scope, children) for k in keys})]
    rows += [(child.name, {k: columns[k][child] for k in keys}) for child in children]
    by_defendant = []
    for name, v in rows:
        if not (v["litigation.concluded"] or v["litigation.hearings"]):
            continue
        loss, appearance = get("litigation.loss_rate"), get("litigation.head_appearance_rate")
        by_defendant.append({
            "name": name, "concluded": v["litigation.concluded"], "lost": v["litigation.lost"],
            "loss_rate": format_value(loss, v[loss.key]) if v["litigation.concluded"] else NOT_APPLICABLE,
            "held": v["litigation.hearings"], "heads": v["litigation.head_appearances"],
            "appearance_rate": format_value(appearance, v[appearance.key]) if v["litigation.hearings"]
            else NOT_APPLICABLE,
            "loss_value": float(v[loss.key]) if v["litigation.concluded"] else None,
            "appearance_value": float(v[appearance.key]) if v["litigation.hearings"] else None,
        })
    values = litigation_figures(scope)
    figures = [{"metric": get(k), "value": shown(get(k), scope, values[k])} for k in ALL_KEYS]
    this = clock.today().year
    return render(request, "litigation/stats.html", {
        "title": "行政应诉统计", "scope": scope, "figures": figures, "by_defendant": by_defendant,
        "orgs": scope_choices(request.user, scope.organisation),
        "years": range(this, this - 6, -1),
        "chart_data": {
            "months": [f"{m}月" for m in range(1, 13)],
            "per_month": [per_month.get(m, 0) for m in range(1, 13)],
            "outcomes": outcomes,
            "defendants": [r["name"] for r in by_defendant],
            "loss_rates": [r["loss_value"] for r in by_defendant],
            "appearance_rates": [r["appearance_value"] for r in by_defendant],
        },
    })
