"""One audited action per change of state in 双随机一公开: items and 回避 declarations, plans, tasks, the commitment
and the draw, and each drawn entity's result, publication and rectification."""

from __future__ import annotations

import secrets
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal, InvalidOperation

from django.db import transaction

from fazhi.core import audit, clock, validate
from fazhi.core.choices import AuditAction
from fazhi.core.identifiers import check_credit_code
from fazhi.core.numbering import next_number
from fazhi.core.permissions import ActionError, has_role, require
from fazhi.inspections import avoidance, sampling
from fazhi.inspections import draw as algorithm
from fazhi.inspections.choices import ABNORMAL, ConflictKind, EntityKind, Method, Result, RiskClass
from fazhi.inspections.models import Conflict, Entity, Inspection, InspectionItem, Plan, Task
from fazhi.inspections.permissions import INSPECTOR_ROLES, may_plan
from fazhi.inspections.workflow import INSPECTION, PLAN, TASK

PUBLICITY_RULE = "inspection.results_publicity"


def _text(value, label, *, required=True, max_length=None):
    return validate.text(value, label, required=required, max_length=max_length)


@transaction.atomic
def create_item(*, actor, organisation, power_item, code, name, basis, subject_type, method=Method.ON_SITE,
                default_ratio=3) -> InspectionItem:
    from fazhi.powers.choices import Category

    if organisation is None:
        raise ActionError("请选择检查部门。")
    require(may_plan(actor, organisation), f"您没有维护“{organisation.name}”抽查事项的权限。")
    if power_item is None or power_item.category != Category.INSPECTION:
        raise ActionError("抽查事项应对应权责清单中的一项行政检查事项。")
    if power_item.organisation_id != organisation.pk:
        raise ActionError(f"所选行政检查事项不属于“{organisation.name}”的权责清单。")
    code = _text(code, "事项编号", max_length=60)
    if InspectionItem.objects.filter(organisation=organisation, code=code).exists():
        raise ActionError(f"事项编号“{code}”已存在。")
    item = InspectionItem.objects.create(
        organisation=organisation, power_item=power_item, code=code, name=_text(name, "抽查事项", max_length=200),
        basis=_text(basis, "检查依据"), subject_type=_text(subject_type, "检查对象类型", max_length=100),
        method=validate.choice(method, Method, "检查方式"), default_ratio=_ratio(default_ratio, "默认抽查比例"))
    audit.record(actor=actor, obj=item, action=AuditAction.CREATE, verb="新增随机抽查事项",
                 after=audit.snapshot(item, ["code", "name", "basis", "subject_type", "method", "default_ratio"]))
    return item


def _ratio(value, label) -> Decimal:
    try:
        r = Decimal(str(value).strip().rstrip("%"))
    except (InvalidOperation, ValueError):
        raise ActionError(f"{label}“{value}”不是有效的百分比。") from None
    if not r.is_finite() or not Decimal(0) < r <= 100:
        raise ActionError(f"{label}应大于 0 且不超过 100（%）。")
    return r.quantize(Decimal("0.01")).normalize()


@transaction.atomic
def add_conflict(*, actor, officer, kind, credit_code="", region_code="", reason="", recorded_on=None) -> Conflict:
    if officer is None:
        raise ActionError("请选择执法检查人员。")
    require(may_plan(actor, officer.organisation) or has_role(actor, officer.organisation, *INSPECTOR_ROLES),
            f"您没有登记“{officer.organisation.name}”执法人员回避关系的权限。")
    kind = validate.choice(kind, ConflictKind, "回避情形")
    credit_code = (credit_code or "").strip()
    region_code = (region_code or "").strip()
    if kind == ConflictKind.TOWNSHIP:
        if not region_code.isdigit() or not 6 <= len(region_code) <= 12:
            raise ActionError("本人乡镇（街道）回避应填写6至12位行政区划代码。")
        credit_code = ""
    else:
        try:
            credit_code = check_credit_code(credit_code)
        except ValueError as e:
            raise ActionError(str(e)) from None
        region_code = ""
    conflict = Conflict.objects.create(officer=officer, kind=kind, credit_code=credit_code, region_code=region_code,
                                       reason=_text(reason, "说明", required=False, max_length=300),
                                       recorded_on=validate.date(recorded_on or clock.today(), "登记日期"))
    audit.record(actor=actor, obj=conflict, action=AuditAction.CREATE, verb="登记回避关系",
                 organisation=officer.organisation,
                 after=audit.snapshot(conflict, ["kind", "credit_code", "region_code", "reason", "recorded_on"]))
    return conflict


@transaction.atomic
def create_plan(*, actor, organisation, year, title, note="") -> Plan:
    if organisation is None:
        raise ActionError("请选择制定部门。")
    require(may_plan(actor, organisation), f"您没有制定“{organisation.name}”抽查计划的权限。")
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ActionError("请填写有效的年度。") from None
    if not 2015 <= year <= clock.today().year + 1:
        raise ActionError(f"年度应在 2015 至 {clock.today().year + 1} 之间。")
    plan = Plan.objects.create(organisation=organisation, year=year, title=_text(title, "计划名称", max_length=200),
                               note=_text(note, "说明", required=False))
    audit.record(actor=actor, obj=plan, action=AuditAction.CREATE, verb="制定年度抽查计划",
                 after=audit.snapshot(plan, ["year", "title", "note"]))
    return plan


@transaction.atomic
def publish_plan(plan, *, actor, on) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    PLAN.check(plan, "publish", actor)
    if not plan.tasks.exists():
        raise ActionError("计划中还没有抽查任务。")
    plan.published_on = validate.date(on, "公布日期")
    PLAN.move(plan, "publish")
    plan.save()
    audit.record(actor=actor, obj=plan, action=AuditAction.TRANSITION, verb="公布年度抽查计划",
                 after={"published_on": plan.published_on, "tasks": plan.tasks.count()})
    return plan


def _clean_ratios(ratios) -> dict:
    if not isinstance(ratios, dict) or not ratios:
        raise ActionError("请至少为一个信用风险类别设置抽查比例。")
    out = {}
    for cls, value in ratios.items():
        if cls not in RiskClass.values:
            raise ActionError(f"无效的信用风险类别“{cls}”。")
        if value in (None, ""):
            continue
        out[cls] = format(_ratio(value, f"{cls}类抽查比例"), "f")
    if not out:
        raise ActionError("请至少为一个信用风险类别设置抽查比例。")
    return out


@transaction.atomic
def create_task(*, actor, plan, title, items, start, end, ratios, partners=(), region_prefix="", industries=(),
                kinds=(), inspectors_per_entity=2, avoid_township=True, avoid_former_employer=True) -> Task:
    if plan is None:
        raise ActionError("请选择年度抽查计划。")
    org = plan.organisation
    require(may_plan(actor, org), f"您没有制定“{org.name}”抽查任务的权限。")
    items = list(items or [])
    if not items:
        raise ActionError("请至少选择一个抽查事项。")
    partners = [p for p in partners or [] if p.pk != org.pk]
    allowed = {org.pk, *(p.pk for p in partners)}
    for item in items:
        if item.organisation_id not in allowed or not item.active:
            raise ActionError(f"抽查事项“{item.name}”不属于牵头或联合抽查部门的有效事项。")
    start = validate.date(start, "检查开始日期", future=True)
    end = validate.date(end, "检查结束日期", future=True, after=[(start, "检查开始日期")])
    if start.year != plan.year:
        raise ActionError(f"检查开始日期应在计划年度（{plan.year} 年）内。")
    region_prefix = (region_prefix or "").strip()
    if region_prefix and (not region_prefix.isdigit() or len(region_prefix) > 12):
        raise ActionError("区域应填写不超过12位的行政区划代码（前缀）。")
    kinds = [validate.choice(k, EntityKind, "主体类型") for k in kinds or []]
    industries = [_text(x, "行业", max_length=100) for x in industries or [] if str(x).strip()]
    try:
        per = int(inspectors_per_entity)
    except (TypeError, ValueError):
        raise ActionError("每户检查人员数应为整数。") from None
    if not 2 <= per <= 10:
        raise ActionError("每户应至少抽取 2 名检查人员（不超过 10 名）。")
    refused = avoidance.refusal(org, township=bool(avoid_township), former_employer=bool(avoid_former_employer))
    if refused:
        raise ActionError(refused)
    seq = next_number(Task.objects.filter(organisation=org, year=plan.year), lock=org)
    task = Task.objects.create(
        plan=plan, organisation=org, year=plan.year, seq=seq, number=f"{org.code}-抽查-{plan.year}-{seq:03d}",
        title=_text(title, "任务名称", max_length=200), region_prefix=region_prefix, industries=industries,
        kinds=kinds, ratios=_clean_ratios(ratios), inspectors_per_entity=per, avoid_township=bool(avoid_township),
        avoid_former_employer=bool(avoid_former_employer), start=start, end=end)
    task.items.set(items)
    task.partners.set(partners)
    audit.record(actor=actor, obj=task, action=AuditAction.CREATE, verb="新建抽查任务",
                 after={**audit.snapshot(task, ["number", "title", "region_prefix", "industries", "kinds", "ratios",
                                                "inspectors_per_entity", "start", "end"]),
                        "inspection_items": [i.code for i in items], "partners": [p.name for p in partners]})
    return task


def _lock(task) -> Task:
    return Task.objects.select_for_update(of=("self",)).select_related("organisation", "plan").get(pk=task.pk)


@transaction.atomic
def commit(task, *, actor, on) -> Task:
    """Freeze the population and the inspector pool and publish the commitment; the seed stays secret until the
    draw."""
    task = _lock(task)
    TASK.check(task, "commit", actor)
    on = validate.date(on, "公布承诺日期", before=[(task.end, "检查结束日期")])
    pool = sampling.inspector_pool(task, on)
    if len(pool) < task.inspectors_per_entity:
        raise ActionError(f"持有效执法证件的检查人员只有 {len(pool)} 名，少于每户应抽取的 "
                          f"{task.inspectors_per_entity} 名。")
    try:
        population_hash, count, name, ids_hash = sampling.write_snapshot(task)
    except algorithm.DrawError as e:
        raise ActionError(e.message) from None
    if count == 0:
        raise ActionError("按任务的区域、行业、主体类型和风险类别筛选，名录库中没有可抽取的检查对象。")
    task.seed = secrets.token_hex(32)
    task.parameters = sampling.parameters(task, on)
    task.population_hash, task.population_count, task.population_file = population_hash, count, name
    task.population_ids_sha256 = ids_hash
    task.inspectors_pool = pool
    task.inspectors_hash = algorithm.inspectors_hash(pool)
    task.commitment = algorithm.commitment(task.seed, population_hash, task.inspectors_hash, task.parameters)
    task.committed_on = on
    TASK.move(task, "commit")
    task.save()
    audit.record(actor=actor, obj=task, action=AuditAction.TRANSITION, verb="公布抽取承诺",
                 after={"commitment": task.commitment, "population_hash": population_hash, "population": count,
                        "inspectors_hash": task.inspectors_hash, "inspectors": len(pool)})
    return task


@transaction.atomic
def run_draw(task, *, actor, on, entropy="") -> Task:
    """Reveal the seed and draw: the entities, then the inspectors of each, by the published algorithm."""
    task = _lock(task)
    TASK.check(task, "draw", actor)
    on = validate.date(on, "抽取日期", after=[(task.committed_on, "公布承诺日期")])
    task.entropy = _text(entropy, "公开随机数", required=False, max_length=200)
    chosen = 0
    # file reads and SHA-256 release the interpreter lock: the ids are read while the snapshot is, and the snapshot
    # is checked as it is drawn
    hashing = ThreadPoolExecutor(2)
    try:
        ids_read = hashing.submit(sampling.read_ids, task)
        population = sampling.read_snapshot(task, checked=False)
        checked = hashing.submit(sampling.check_snapshot, task, population)
        ids = ids_read.result()
        selection = algorithm.iter_select(population, key=algorithm.key_for(task.seed, task.entropy),
                                          parameters=task.parameters, pool=task.inspectors_pool)
        if ids is None:  # committed before the ids were kept: look the drawn codes up
            selection = list(selection)
            found = sampling.ids_by_code([code for _, code, *_rest in selection])
            if len(found) != len(selection):
                raise ActionError("抽中的检查对象已不在名录库中，无法抽取；请取消该任务后重新制定。")

        def drawn():
            nonlocal chosen
            for n, (line, code, cls, _region, certificates) in enumerate(selection, start=1):
                chosen = n
                yield n, ids[line] if ids is not None else found[code], cls, certificates

        try:
            sampling.write_inspections(task, drawn())
        except Exception:
            checked.result()  # an altered snapshot is the cause to name, whatever it broke on the way
            raise
        checked.result()  # an altered snapshot undoes the draw with the transaction
    except algorithm.DrawError as e:
        raise ActionError(e.message) from None
    finally:
        hashing.shutdown()
    task.drawn_on = on
    TASK.move(task, "draw")
    task.save()
    audit.record(actor=actor, obj=task, action=AuditAction.TRANSITION, verb="随机抽取检查对象和检查人员",
                 after={"seed": task.seed, "entropy": task.entropy, "selected": chosen})
    return task


@transaction.atomic
def cancel(task, *, actor, on, reason) -> Task:
    task = _lock(task)
    TASK.check(task, "cancel", actor)
    task.cancel_reason = _text(reason, "取消原因", max_length=300)
    validate.date(on, "取消日期")
    TASK.move(task, "cancel")
    task.save()
    audit.record(actor=actor, obj=task, action=AuditAction.TRANSITION, verb="取消抽查任务", reason=task.cancel_reason)
    return task


@transaction.atomic
def complete(task, *, actor, on) -> Task:
    task = _lock(task)
    TASK.check(task, "complete", actor)
    last = max((d for d in task.inspections.values_list("inspected_on", flat=True) if d), default=task.drawn_on)
    task.completed_on = validate.date(on, "完成日期", after=[(last, "最后一户的检查日期")])
    TASK.move(task, "complete")
    task.save()
    audit.record(actor=actor, obj=task, action=AuditAction.TRANSITION, verb="完成抽查任务",
                 after={"completed_on": task.completed_on})
    return task


def _lock_inspection(inspection) -> Inspection:
    return Inspection.objects.select_for_update(of=("self",)).select_related("task__organisation", "entity").get(
        pk=inspection.pk)


def _recording_organisation(inspection, actor):
    task = inspection.task
    if actor is None or getattr(actor, "is_superuser", False) or has_role(actor, task.organisation, *INSPECTOR_ROLES):
        return task.organisation
    return next((p for p in task.partners.all() if has_role(actor, p, *INSPECTOR_ROLES)), task.organisation)


@transaction.atomic
def record_result(inspection, *, actor, inspected_on, result, findings="", enforcement_case=None, rectify_due=None) -> Inspection:
    from fazhi.enforcement.models import EnforcementCase
    from fazhi.rules import deadlines as dl

    inspection = _lock_inspection(inspection)
    INSPECTION.check(inspection, "record", actor)
    task = inspection.task
    inspection.inspected_on = validate.date(inspected_on, "检查日期", after=[(task.drawn_on, "抽取日期")])
    inspection.result = validate.choice(result, Result, "检查结果")
    inspection.findings = _text(findings, "检查情况", required=inspection.result != Result.NO_PROBLEM)
    if inspection.result == Result.CASE:
        if enforcement_case is None:
            raise ActionError("检查结果为立案查处的，请关联立案的执法案件。")
        orgs = {task.organisation_id, *task.partners.values_list("pk", flat=True)}
        if enforcement_case.organisation_id not in orgs or not EnforcementCase.objects.visible_to(actor).filter(
                pk=enforcement_case.pk).exists():
            raise ActionError("关联的执法案件应为牵头或联合抽查部门立案的案件。")
        inspection.enforcement_case = enforcement_case
    else:
        inspection.enforcement_case = None
    if inspection.result == Result.CORRECTED:
        inspection.rectify_due = validate.date(rectify_due, "整改期限", future=True,
                                               after=[(inspection.inspected_on, "检查日期")])
    inspection.abnormal_listed = inspection.result in ABNORMAL
    org = _recording_organisation(inspection, actor)
    d = dl.start_deadline(inspection, PUBLICITY_RULE, inspection.inspected_on, actor=actor, organisation=org,
                          label="抽查结果公示")
    inspection.publicity_due = d.due
    inspection.save()
    if inspection.abnormal_listed and not inspection.entity.abnormal:
        Entity.objects.filter(pk=inspection.entity_id).update(abnormal=True)
    audit.record(actor=actor, obj=inspection, action=AuditAction.UPDATE, verb="登记检查结果", organisation=org,
                 after={"entity": inspection.entity.credit_code, "inspected_on": inspection.inspected_on,
                        "result": inspection.result, "findings": inspection.findings,
                        "enforcement_case": inspection.enforcement_case_id, "rectify_due": inspection.rectify_due,
                        "abnormal_listed": inspection.abnormal_listed})
    return inspection


def _complete_deadline(inspection, rule_id, on, actor):
    from fazhi.rules import deadlines as dl
    from fazhi.rules.choices import DeadlineStatus

    d = dl.deadlines_for(inspection).filter(rule_id=rule_id, status=DeadlineStatus.OPEN).first()
    if d is not None:
        dl.complete_deadline(d, on=on, actor=actor)


@transaction.atomic
def publish(inspection, *, actor, on) -> Inspection:
    inspection = _lock_inspection(inspection)
    INSPECTION.check(inspection, "publish", actor)
    inspection.published_on = validate.date(on, "公示日期", after=[(inspection.inspected_on, "检查日期")])
    inspection.save()
    _complete_deadline(inspection, PUBLICITY_RULE, inspection.published_on, actor)
    audit.record(actor=actor, obj=inspection, action=AuditAction.TRANSITION, verb="公示检查结果",
                 organisation=_recording_organisation(inspection, actor),
                 after={"published_on": inspection.published_on, "due": inspection.publicity_due})
    return inspection


@transaction.atomic
def rectify(inspection, *, actor, on, rectification) -> Inspection:
    inspection = _lock_inspection(inspection)
    INSPECTION.check(inspection, "rectify", actor)
    inspection.rectified_on = validate.date(on, "整改完成日期", after=[(inspection.inspected_on, "检查日期")])
    inspection.rectification = _text(rectification, "整改情况")
    inspection.save()
    audit.record(actor=actor, obj=inspection, action=AuditAction.UPDATE, verb="登记整改情况",
                 organisation=_recording_organisation(inspection, actor),
                 after={"rectified_on": inspection.rectified_on, "rectification": inspection.rectification})
    return inspection

