"""Pages of 双随机一公开: tasks, plans, the three lists (items, the entity directory, inspectors' 回避), a task with
its commitment and draw, each drawn entity's result, the directory import and the results export."""

from __future__ import annotations

from django.contrib import messages
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from fazhi.core import clock
from fazhi.core.excel import workbook_bytes, xlsx_response
from fazhi.core.import_views import ExcelImportView
from fazhi.core.listing import Filter, Link, ScopedListView
from fazhi.core.models import AuditEvent, Membership
from fazhi.core.permissions import ActionError
from fazhi.core.views import form_page
from fazhi.core.workflow import run_step
from fazhi.inspections import actions, attachments, directory, forms
from fazhi.inspections.choices import EntityKind, EntityStatus, PlanStatus, Result, RiskClass, TaskStatus
from fazhi.inspections.models import Conflict, Entity, Inspection, InspectionItem, Plan, Task
from fazhi.inspections.permissions import PLANNER_ROLES, may_plan
from fazhi.inspections.workflow import INSPECTION, PLAN, TASK
from fazhi.rules.deadlines import deadlines_for

SECTIONS = [(reverse_lazy("inspections:plans"), "年度抽查计划"), (reverse_lazy("inspections:items"), "抽查事项清单"),
            (reverse_lazy("inspections:entities"), "检查对象名录库"),
            (reverse_lazy("officers:officer_list"), "执法检查人员名录库"), (reverse_lazy("inspections:conflicts"), "回避关系"),
            (reverse_lazy("inspections:avoidance"), "回避规定"), (reverse_lazy("inspections:results"), "检查结果")]


def _plans_anything(user) -> bool:
    return user.is_superuser or Membership.objects.filter(user=user, role__in=PLANNER_ROLES).exists()


class TaskList(ScopedListView):
    title = "双随机抽查任务"
    columns = [(lambda t: Link(t.number, t.get_absolute_url()), "任务编号"), ("title", "任务名称"),
               ("organisation__name", "牵头部门"), (lambda t: "联合" if t.partners.all() else "", "联合抽查"),
               ("start", "检查开始"), ("end", "检查结束"), ("population_count", "总体户数"),
               ("get_status_display", "状态")]
    search_fields = ["number", "title"]
    filters = [Filter("status", "状态", "status", list(TaskStatus.choices))]
    ordering = ["-year", "-seq"]
    extra_actions = SECTIONS

    def may_create(self):
        return False

    def base_queryset(self):
        return Task.objects.select_related("organisation").prefetch_related("partners")


class PlanList(ScopedListView):
    title = "年度抽查计划"
    columns = [(lambda p: Link(p.title, p.get_absolute_url()), "计划名称"), ("organisation__name", "制定部门"),
               ("year", "年度"), ("get_status_display", "状态"), ("published_on", "公布日期")]
    search_fields = ["title"]
    filters = [Filter("status", "状态", "status", list(PlanStatus.choices))]
    create_url_name = "inspections:plan_create"
    create_label = "新建计划"

    def may_create(self):
        return _plans_anything(self.request.user)

    def base_queryset(self):
        return Plan.objects.select_related("organisation")


class ItemList(ScopedListView):
    title = "随机抽查事项清单"
    columns = [("code", "事项编号"), ("name", "抽查事项"), ("organisation__name", "检查部门"),
               ("power_item__code", "行政检查事项"), ("subject_type", "检查对象"), ("get_method_display", "检查方式"),
               ("default_ratio", "默认比例（%）"), ("basis", "检查依据")]
    search_fields = ["code", "name", "basis"]
    create_url_name = "inspections:item_create"
    create_label = "新增抽查事项"

    def may_create(self):
        return _plans_anything(self.request.user)

    def base_queryset(self):
        return InspectionItem.objects.select_related("organisation", "power_item")


class EntityList(ScopedListView):
    title = "检查对象名录库"
    columns = [(lambda e: Link(e.credit_code, e.get_absolute_url()), "统一社会信用代码"), ("name", "名称"),
               ("get_kind_display", "主体类型"), ("region_code", "区划代码"), ("industry", "行业"),
               ("risk_class", "风险分类"), ("get_status_display", "登记状态"),
               (lambda e: "是" if e.abnormal else "", "经营异常")]
    search_fields = ["credit_code", "name"]
    filters = [Filter("kind", "主体类型", "kind", list(EntityKind.choices)),
               Filter("risk", "风险分类", "risk_class", list(RiskClass.choices)),
               Filter("status", "登记状态", "status", list(EntityStatus.choices)),
               Filter("abnormal", "经营异常", "abnormal", [("True", "已列入"), ("False", "未列入")])]
    ordering = ["credit_code"]
    import_url_name = "inspections:entity_import"

    def may_create(self):
        return False

    def may_import(self):
        return directory.may_import(self.request.user)

    def base_queryset(self):
        return Entity.objects.all()


class ConflictList(ScopedListView):
    title = "执法检查人员回避关系"
    columns = [("officer__name", "检查人员"), ("officer__organisation__name", "所在单位"),
               ("get_kind_display", "回避情形"), ("credit_code", "相关检查对象"), ("region_code", "相关乡镇（街道）"),
               ("reason", "说明"), ("recorded_on", "登记日期")]
    search_fields = ["officer__name", "credit_code", "region_code"]
    create_url_name = "inspections:conflict_create"
    create_label = "登记回避关系"

    def base_queryset(self):
        return Conflict.objects.select_related("officer__organisation")


class ResultList(ScopedListView):
    title = "抽查检查结果"
    columns = [(lambda i: Link(i.entity.name, i.get_absolute_url()), "检查对象"), ("entity__credit_code", "信用代码"),
               ("task__number", "抽查任务"), ("inspected_on", "检查日期"), ("get_result_display", "检查结果"),
               ("publicity_due", "公示期限"), ("published_on", "公示日期")]
    search_fields = ["entity__name", "entity__credit_code", "task__number"]
    filters = [Filter("result", "检查结果", "result", list(Result.choices))]
    ordering = ["-task_id", "draw"]  # the latest task first: the (task, draw descending) index read backwards; by
    # the task's year and number it joined every row to its task and sorted a province's 10⁶ inspections (64 s)

    def base_queryset(self):
        return Inspection.objects.select_related("task", "entity")


@require_http_methods(["GET", "POST"])
def plan_create(request):
    form = forms.PlanForm(request.POST or None, user=request.user)
    return form_page(request, form, "新建年度抽查计划", "保存",
                      lambda d: actions.create_plan(actor=request.user, **d))


@require_http_methods(["GET", "POST"])
def item_create(request):
    from fazhi.powers.models import PowerItem

    form = forms.ItemForm(request.POST or None, user=request.user)

    def run(d):
        d = dict(d)
        code = d.pop("power_item").strip()
        item = PowerItem.objects.visible_to(request.user).in_force_on(clock.today()).filter(
            organisation=d["organisation"], code=code).first()
        if item is None:
            raise ActionError(f"“{d['organisation'].name}”的权责清单中没有编码为“{code}”的事项。")
        return actions.create_item(actor=request.user, power_item=item, **d)

    return form_page(request, form, "新增随机抽查事项", "保存", run)


@require_http_methods(["GET", "POST"])
def conflict_create(request):
    from fazhi.officers.models import Certificate

    form = forms.ConflictForm(request.POST or None)

    def run(d):
        d = dict(d)
        number = d.pop("certificate").strip()
        cert = Certificate.objects.visible_to(request.user).select_related("officer__organisation").filter(
            number=number).first()
        if cert is None:
            raise ActionError(f"找不到执法证号“{number}”。")
        actions.add_conflict(actor=request.user, officer=cert.officer, **d)
        return cert.officer

    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "已登记回避关系。")
            return redirect("inspections:conflicts")
    return render(request, "core/form.html", {"form": form, "title": "登记回避关系", "submit_label": "保存"})


def _plan(request, pk):
    return get_object_or_404(Plan.objects.visible_to(request.user).select_related("organisation"), pk=pk)


def plan_detail(request, pk):
    plan = _plan(request, pk)
    return render(request, "inspections/plan_detail.html", {
        "plan": plan, "title": plan.title, "steps": PLAN.buttons(plan, request.user),
        "tasks": plan.tasks.select_related("organisation").prefetch_related("partners", "items"),
        "may_add": may_plan(request.user, plan.organisation), "history": AuditEvent.objects.for_object(plan)})


@require_http_methods(["GET", "POST"])
def plan_step(request, pk, step):
    plan = _plan(request, pk)
    return run_step(request, PLAN, plan, step, title=plan.title, form_kwargs={"obj": plan, "user": request.user})


@require_http_methods(["GET", "POST"])
def task_create(request, pk):
    plan = _plan(request, pk)
    if not may_plan(request.user, plan.organisation):
        raise Http404("您没有制定该计划抽查任务的权限。")
    form = forms.TaskForm(request.POST or None, plan=plan)
    return form_page(request, form, f"{plan.title} · 新建抽查任务", "保存",
                      lambda d: actions.create_task(actor=request.user, plan=plan, **d))


@require_http_methods(["GET", "POST"])
def avoidance(request):
    """The regions' 回避 rules, and a form for the regions the user administers."""
    from fazhi.inspections import avoidance as rules
    from fazhi.inspections.models import AvoidancePolicy
    from fazhi.rules.actions import overridable_regions

    regions = overridable_regions(request.user)  # the same permission as a deadline rule's local override
    form = forms.AvoidancePolicyForm(request.POST or None, regions=regions) if regions.exists() else None
    if request.method == "POST":
        if form is None:
            raise Http404("您没有设置回避规定的权限。")
        if form.is_valid():
            try:
                rules.save_policy(actor=request.user, **form.cleaned_data)
            except ActionError as e:
                form.add_error(None, e.message)
            else:
                messages.success(request, "已保存回避规定。")
                return redirect("inspections:avoidance")
    return render(request, "inspections/avoidance.html", {
        "title": "双随机抽查回避规定", "policies": AvoidancePolicy.objects.select_related("region"), "form": form,
        "sections": SECTIONS})


def _task(request, pk):
    return get_object_or_404(Task.objects.visible_to(request.user).select_related("organisation", "plan"), pk=pk)


def task_detail(request, pk):
    task = _task(request, pk)
    page = Paginator(task.inspections.select_related("entity").order_by("draw"), 50).get_page(request.GET.get("page"))
    return render(request, "inspections/task_detail.html", {
        "task": task, "title": task.title, "steps": TASK.buttons(task, request.user), "page": page,
        "partners": task.partners.all(), "items": task.items.all(), "history": AuditEvent.objects.for_object(task)})


@require_http_methods(["GET", "POST"])
def task_step(request, pk, step):
    task = _task(request, pk)
    return run_step(request, TASK, task, step, title=task.title, form_kwargs={"obj": task, "user": request.user})


RESULT_HEADERS = ["统一社会信用代码", "市场主体名称", "抽查任务编号", "抽查任务名称", "抽查事项", "检查机关", "检查日期",
                  "检查结果", "是否列入经营异常名录", "公示日期"]


def task_results(request, pk):
    """The results in the layout a credit-information system imports (one row per entity, 国家企业信用信息公示系统
    抽查检查结果 columns)."""
    task = _task(request, pk)
    items = "、".join(task.items.values_list("name", flat=True))
    orgs = "、".join([task.organisation.name, *task.partners.values_list("name", flat=True)])
    rows = ([i.entity.credit_code, i.entity.name, task.number, task.title, items, orgs, i.inspected_on,
             i.get_result_display(), "是" if i.abnormal_listed else "否", i.published_on]
            for i in task.inspections.select_related("entity").exclude(result="").order_by("draw"))
    return xlsx_response(f"{task.number} 抽查检查结果.xlsx", workbook_bytes("抽查检查结果", RESULT_HEADERS, rows))


def _inspection(request, pk):
    return get_object_or_404(Inspection.objects.visible_to(request.user).select_related(
        "task__organisation", "entity", "enforcement_case"), pk=pk)


def inspection_detail(request, pk):
    i = _inspection(request, pk)
    return render(request, "inspections/inspection_detail.html", {
        "i": i, "title": f"{i.entity.name}", "steps": INSPECTION.buttons(i, request.user),
        "state": INSPECTION.state_label(i),
        "may_attach": INSPECTION.refusal(i, "attach", request.user) is None, "attach_form": forms.AttachForm(),
        "deadlines": deadlines_for(i), "history": AuditEvent.objects.for_object(i)})


@require_http_methods(["GET", "POST"])
def inspection_step(request, pk, step):
    i = _inspection(request, pk)
    return run_step(request, INSPECTION, i, step, title=i.entity.name, form_kwargs={"obj": i, "user": request.user})


@require_http_methods(["POST"])
def inspection_attach(request, pk):
    from fazhi.core.uploads import explain_rejected_upload

    i = _inspection(request, pk)
    form = forms.AttachForm(request.POST, request.FILES)
    if not form.is_valid():
        explain_rejected_upload(request, form)
    else:
        try:
            attachments.attach(i, actor=request.user, upload=form.cleaned_data["file"])
        except ActionError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, "已上传检查记录，其 SHA-256 已写入审计链。")
    return redirect(i)


def inspection_file(request, pk):
    i = _inspection(request, pk)
    if not i.attachment or not default_storage.exists(i.attachment.name):
        raise Http404("文件不存在。")
    return FileResponse(default_storage.open(i.attachment.name, "rb"), as_attachment=True,
                        filename=i.attachment_name or "检查记录")


def entity_detail(request, pk):
    entity = get_object_or_404(Entity.objects.visible_to(request.user), pk=pk)
    inspections = Inspection.objects.visible_to(request.user).filter(entity=entity).select_related("task")
    return render(request, "inspections/entity_detail.html", {"entity": entity, "title": entity.name,
                                                              "inspections": inspections})


class EntityImport(ExcelImportView):
    title = "导入检查对象名录"
    template_filename = "检查对象名录导入模板.xlsx"
    success_url_name = "inspections:entities"
    success_message = "已新增 {n} 户检查对象。"
    updated_message = "另有 {n} 户按本次内容更新。"
    form_class = forms.EntityImportForm

    def denied(self, request):
        if directory.may_import(request.user):
            return None
        raise Http404("您没有导入检查对象名录的权限。")

    def template_bytes(self):
        return directory.template_bytes()

    def run_import(self, fileobj, cleaned_data, *, actor, dry_run):
        return directory.import_entities(fileobj, actor=actor, name=fileobj.name, dry_run=dry_run)
