"""Pages of the enforcement module: the case list, opening a case, the case page with its steps, evidence upload and
download, and the decision document."""

from __future__ import annotations

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from fazhi.core import clock
from fazhi.core.excel import download_response
from fazhi.core.import_views import ExcelImportView
from fazhi.core.listing import Filter, ScopedListView
from fazhi.core.models import AuditEvent, Organisation
from fazhi.core.permissions import ActionError
from fazhi.core.workflow import run_step
from fazhi.enforcement import actions, evidence, forms, intake, yearbook
from fazhi.enforcement.choices import AV_REQUIRED, CaseKind, CaseStatus, Decision, EvidenceKind
from fazhi.enforcement.models import DiscretionStandard, EnforcementCase, ReviewFile, ReviewRound
from fazhi.enforcement.permissions import HANDLER_ROLES, may_handle_case
from fazhi.enforcement.workflow import CASE
from fazhi.metrics import stored
from fazhi.rules.deadlines import deadlines_for


class CaseList(ScopedListView):
    title = "行政执法案件"
    columns = [("number", "案件编号"), ("organisation__name", "实施机关"), ("get_kind_display", "类别"),
               ("cause", "案由"), ("party_name", "当事人"), ("filed_on", "立案日期"), ("get_status_display", "状态"),
               ("get_decision_display", "决定"), ("decided_on", "决定日期"),
               (lambda c: c.fine_amount if c.fine_amount else "", "罚款（元）")]
    search_fields = ["number", "cause", "party_name", "decision_number", "source_number"]
    filters = [Filter("kind", "类别", "kind", list(CaseKind.choices)),
               Filter("status", "状态", "status", list(CaseStatus.choices)),
               Filter("decision", "决定", "decision", list(Decision.choices))]
    ordering = ["-filed_on", "-pk"]
    create_url_name = "enforcement:create"
    create_label = "立案或登记"
    import_url_name = "enforcement:import"
    extra_actions = [(reverse_lazy("enforcement:yearbook"), "执法数据年报"),
                     (reverse_lazy("enforcement:standards"), "裁量基准"), (reverse_lazy("enforcement:rounds"), "案卷评查")]

    def may_create(self):
        from fazhi.core.models import Membership

        user = self.request.user
        return user.is_superuser or Membership.objects.filter(user=user, role__in=HANDLER_ROLES).exists()

    def base_queryset(self):
        return EnforcementCase.objects.select_related("organisation")

    def get_filters(self):
        orgs = stored.values_list(Organisation.objects.visible_to(self.request.user).having(
            EnforcementCase.objects.all()).order_by("path"), "pk", "name")
        return [*self.filters, Filter("org", "实施机关", "organisation", [(str(pk), name) for pk, name in orgs])]


@require_http_methods(["GET", "POST"])
def create(request):
    form = forms.CaseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = actions.file_case(actor=request.user, organisation=d["organisation"], kind=d["kind"],
                                     procedure=d["procedure"], power_item=d["power_item"], cause=d["cause"],
                                     party_name=d["party_name"], party_kind=d["party_kind"], party_id=d["party_id"],
                                     officers=d["officers"], filed_on=d["filed_on"], facts=d["facts"],
                                     major=d["major"], review_ground=d["review_ground"],
                                     collective_required=d["collective_required"], decision=d["decision"],
                                     penalty_kinds=d["penalty_kinds"], fine_amount=d["fine_amount"],
                                     decision_number=d["decision_number"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"已登记案件 {case.number}。")
            return redirect(case)
    return render(request, "core/form.html", {"form": form, "title": "立案或登记执法案件", "submit_label": "保存"})


def _case(request, pk):
    return get_object_or_404(EnforcementCase.objects.visible_to(request.user).select_related(
        "organisation", "power_item"), pk=pk)


def detail(request, pk):
    case = _case(request, pk)
    records = list(case.evidence.all())
    has_av = {e.step for e in records if e.kind == EvidenceKind.AUDIOVISUAL}
    reached = {"investigation": case.kind in (CaseKind.PENALTY, CaseKind.INSPECTION) and case.procedure != "simple",
               "coercion": case.kind == CaseKind.COERCION, "hearing": bool(case.hearing_on)}
    av_missing = [s.label for s in AV_REQUIRED if reached.get(s.value) and s.value not in has_av]
    return render(request, "enforcement/detail.html", {
        "case": case, "title": case.number, "steps": CASE.buttons(case, request.user),
        "may_handle": may_handle_case(request.user, case), "officers": case.officers.select_related("organisation"),
        "evidence": records, "av_missing": av_missing, "deadlines": deadlines_for(case),
        "challenges": case.challenges.select_related("reconsideration_case", "litigation_case"),
        "decide_refusal": CASE.refusal(case, "decide", request.user) if case.status in (
            CaseStatus.NOTIFIED, CaseStatus.HEARING) else None,
        "evidence_form": forms.EvidenceForm() if CASE.refusal(case, "evidence", request.user) is None else None,
        "history": AuditEvent.objects.for_object(case),
    })


@require_http_methods(["GET", "POST"])
def step(request, pk, step):
    case = _case(request, pk)
    return run_step(request, CASE, case, step, title=case.number, form_kwargs={"case": case, "user": request.user})


@require_http_methods(["POST"])
def add_evidence(request, pk):
    case = _case(request, pk)
    if not may_handle_case(request.user, case):
        raise Http404("没有这个案件，或您无权办理。")
    form = forms.EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        d = form.cleaned_data
        try:
            evidence.add_evidence(case, actor=request.user, step=d["step"], kind=d["kind"], title=d["title"],
                                 recorded_on=d["recorded_on"], upload=d["file"])
        except ActionError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, f"已上传“{d['title']}”。")
    else:
        messages.error(request, "；".join(f"{form.fields[f].label if f in form.fields else '表单'}：{'，'.join(e)}"
                                         for f, e in form.errors.items()))
    return redirect(case)


def evidence_file(request, pk, eid):
    case = _case(request, pk)
    ev = get_object_or_404(case.evidence, pk=eid)
    if not default_storage.exists(ev.file.name):
        raise Http404("文件缺失。")
    return FileResponse(default_storage.open(ev.file.name, "rb"), as_attachment=True, filename=ev.original_name)


def decision_document(request, pk):
    from fazhi.enforcement.documents import decision_docx

    case = _case(request, pk)
    if not case.decided_on or case.kind != CaseKind.PENALTY:
        raise Http404("该案尚未作出行政处罚决定。")
    return download_response(f"行政处罚决定书-{case.number}.docx", decision_docx(case), yearbook.TYPES["docx"])


class DecisionImport(ExcelImportView):
    """Bulk intake from a department's own system: CSV or Excel, columns matched by header or mapping."""

    title = "导入执法决定（其他系统数据）"
    template_filename = "执法决定导入模板.xlsx"
    success_url_name = "enforcement:list"
    success_message = "已导入 {n} 件执法决定。"
    form_class = forms.DecisionImportForm

    def denied(self, request):
        from fazhi.core.models import Membership

        if request.user.is_superuser or Membership.objects.filter(user=request.user, role__in=HANDLER_ROLES).exists():
            return None
        raise Http404("您没有导入执法决定的权限。")

    def template_bytes(self):
        return intake.template_bytes()

    def run_import(self, fileobj, cleaned_data, *, actor, dry_run):
        mapping = intake.parse_mapping(cleaned_data.get("mapping", ""))
        return intake.import_decisions(fileobj, actor=actor, source=cleaned_data["source"], name=fileobj.name,
                                       mapping=mapping, dry_run=dry_run)


def yearbook_page(request):
    """The 行政执法数据年报 of an organisation subtree and year, on screen or as Word, Excel or JSON."""
    from fazhi.metrics.web import scope_choices, scope_from_request

    if "year" not in request.GET:
        request.GET = request.GET.copy()
        request.GET["year"] = str(clock.today().year - 1)
    scope = scope_from_request(request)
    book = yearbook.build(scope.organisation, scope.year)
    fmt = request.GET.get("format", "")
    if fmt in yearbook.TYPES:
        return yearbook.download(book, fmt)
    this = clock.today().year
    return render(request, "enforcement/yearbook.html", {
        "title": book.title, "book": book, "scope": scope, "years": range(this, this - 6, -1),
        "orgs": scope_choices(request.user, scope.organisation)})


class StandardList(ScopedListView):
    title = "行政处罚裁量基准"
    columns = [("code", "基准编号"), ("organisation__name", "制定机关"), ("power_item__code", "权责事项"),
               ("violation", "违法行为"), ("document_number", "发布文号"), ("valid_from", "生效日期"),
               ("valid_to", "失效日期")]
    search_fields = ["code", "violation", "power_item__code", "power_item__name", "document_number"]
    ordering = ["organisation__path", "code", "pk"]
    import_url_name = "enforcement:standard_import"

    def may_create(self):
        return False  # standards come in by the Excel import (one row per circumstance)

    def base_queryset(self):
        return DiscretionStandard.objects.select_related("organisation", "power_item")


def standard_detail(request, pk):
    std = get_object_or_404(DiscretionStandard.objects.visible_to(request.user).select_related(
        "organisation", "power_item"), pk=pk)
    return render(request, "enforcement/standard_detail.html", {
        "std": std, "title": f"{std.code} {std.violation}", "levels": std.levels.all(),
        "history": AuditEvent.objects.for_object(std)})


class StandardImport(ExcelImportView):
    title = "导入裁量基准"
    template_filename = "裁量基准导入模板.xlsx"
    success_url_name = "enforcement:standards"
    success_message = "已导入 {n} 个裁量情形。"

    def denied(self, request):
        from fazhi.core.models import Membership
        from fazhi.enforcement.permissions import REVIEWER_ROLES

        if request.user.is_superuser or Membership.objects.filter(user=request.user, role__in=REVIEWER_ROLES).exists():
            return None
        raise Http404("您没有导入裁量基准的权限。")

    def template_bytes(self):
        from fazhi.enforcement import discretion

        return discretion.template_bytes()

    def run_import(self, fileobj, cleaned_data, *, actor, dry_run):
        from fazhi.enforcement import discretion

        return discretion.import_standards(fileobj, actor=actor, dry_run=dry_run)


class RoundList(ScopedListView):
    title = "案卷评查"
    columns = [("title", "评查活动"), ("organisation__name", "组织评查机关"), ("start", "案卷决定日期自"), ("end", "至"),
               ("per_organisation", "每单位抽取"), ("get_status_display", "状态")]
    search_fields = ["title", "organisation__name"]
    ordering = ["-start", "-pk"]
    create_url_name = "enforcement:round_create"
    create_label = "新建评查活动"

    def may_create(self):
        from fazhi.core.models import Membership
        from fazhi.enforcement.permissions import REVIEWER_ROLES

        user = self.request.user
        return user.is_superuser or Membership.objects.filter(user=user, role__in=REVIEWER_ROLES).exists()

    def base_queryset(self):
        return ReviewRound.objects.select_related("organisation")


@require_http_methods(["GET", "POST"])
def round_create(request):
    from fazhi.enforcement import review

    form = forms.RoundForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            rnd = review.create_round(actor=request.user, **form.cleaned_data)
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"已创建评查活动（随机种子 {rnd.seed}）。")
            return redirect(rnd)
    return render(request, "core/form.html", {"form": form, "title": "新建案卷评查活动", "submit_label": "创建"})


def _round(request, pk):
    return get_object_or_404(ReviewRound.objects.visible_to(request.user).select_related("organisation"), pk=pk)


def round_detail(request, pk):
    from fazhi.enforcement import review
    from fazhi.enforcement.workflow import ROUND

    rnd = _round(request, pk)
    pool = {org: len(ids) for org, ids in review.candidates(rnd).items()} if rnd.status == "draft" else {}
    return render(request, "enforcement/round_detail.html", {
        "rnd": rnd, "title": rnd.title, "steps": ROUND.buttons(rnd, request.user), "pool": pool,
        "sheet": rnd.sheet.all(), "ranking": review.ranking(rnd),
        "files": rnd.files.select_related("case__organisation").order_by("case__organisation__path", "draw"),
        "history": AuditEvent.objects.for_object(rnd)})


@require_http_methods(["GET", "POST"])
def round_step(request, pk, step):
    from fazhi.enforcement.workflow import ROUND

    rnd = _round(request, pk)
    return run_step(request, ROUND, rnd, step, title=rnd.title, form_kwargs={"case": rnd, "user": request.user})


def _file(request, pk):
    return get_object_or_404(ReviewFile.objects.visible_to(request.user).select_related(
        "round__organisation", "case__organisation"), pk=pk)


def review_file(request, pk):
    from fazhi.enforcement.workflow import FILE

    f = _file(request, pk)
    return render(request, "enforcement/review_file.html", {
        "f": f, "title": f"{f.round.title}：{f.case.number}", "steps": FILE.buttons(f, request.user),
        "scores": f.scores.select_related("item"), "deadlines": deadlines_for(f),
        "history": AuditEvent.objects.for_object(f)})


@require_http_methods(["GET", "POST"])
def review_file_step(request, pk, step):
    from fazhi.enforcement.workflow import FILE

    f = _file(request, pk)
    return run_step(request, FILE, f, step, title=f.case.number, form_kwargs={"case": f, "user": request.user})
