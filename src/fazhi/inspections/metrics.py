"""双随机一公开 figures (口径), for an organisation and everything below it. A task and its inspections count under
the lead department (a joint task once, not once per partner); an entity is counted when its result is recorded,
on its inspection date."""

from __future__ import annotations

from django.db.models import Count, F, Q

from fazhi.inspections.choices import PROBLEMS
from fazhi.inspections.models import Inspection, Task
from fazhi.metrics.registry import Scope, register_count, register_part, register_rate, register_sum, scope_aggregate

COLUMNS = [("task__number", "抽查任务"), ("task__organisation__name", "牵头部门"), ("entity__credit_code", "统一社会信用代码"),
           ("entity__name", "检查对象"), ("inspected_on", "检查日期"), ("get_result_display", "检查结果"),
           ("published_on", "公示日期")]
TASK_COLUMNS = [("number", "任务编号"), ("title", "任务名称"), ("organisation__name", "牵头部门"),
                ("population_count", "总体户数"), ("completed_on", "完成日期")]

CONDITIONS = {
    "inspections.entities_checked": Q(),
    # a task among those with partners (hashed once), not a join that repeats a row per partner
    "inspections.joint_checked": Q(task_id__in=Task.partners.through.objects.values("task_id")),
    "inspections.problems_found": Q(result__in=PROBLEMS),
    "inspections.abnormal_listed": Q(abnormal_listed=True),
    "inspections.results_published_timely": Q(published_on__isnull=False, published_on__lte=F("publicity_due")),
}


def checked(scope: Scope):
    return Inspection.objects.in_subtree(scope.organisation).exclude(result="").filter(
        inspected_on__gte=scope.start, inspected_on__lte=scope.end).select_related("task__organisation", "entity")


def figures(scope: Scope) -> dict:
    """Every figure of the scope's recorded results in one aggregate, its statement kept per subtree and dates."""
    return scope_aggregate("inspections.checked", scope, lambda: (
        checked(scope).order_by().select_related(None),
        {k.replace(".", "__"): Count("pk", filter=q or None) for k, q in CONDITIONS.items()}))


def _count(key, *, label, definition, unit="户"):
    register_part(key, figures=figures, part=key.replace(".", "__"), label=label, unit=unit, definition=definition,
                  columns=COLUMNS,
                  rows=lambda scope: checked(scope).filter(CONDITIONS[key]), module="inspections")


_count("inspections.entities_checked", label="抽查检查对象",
       definition="期间内双随机抽查已登记检查结果的检查对象户数（以检查日期计，联合抽查只计一次）。")
_count("inspections.joint_checked", label="部门联合抽查的检查对象",
       definition="期间内在部门联合抽查任务中检查的对象户数。")
_count("inspections.problems_found", label="抽查发现问题",
       definition="检查结果为责令改正、立案查处、移送、未按规定公示年报或无法联系的检查对象户数。")
_count("inspections.abnormal_listed", label="列入经营异常名录",
       definition="抽查后因未按规定公示年度报告或通过登记的住所无法联系而列入经营异常名录的户数"
                  "（企业信息公示暂行条例第十七条）。")
_count("inspections.results_published_timely", label="按时公示抽查结果",
       definition="期间内检查的对象中，在检查之日起20个工作日内公示检查结果的户数。")


def completed(scope: Scope):
    return Task.objects.in_subtree(scope.organisation).filter(
        completed_on__gte=scope.start, completed_on__lte=scope.end).select_related("organisation")


register_count("inspections.tasks", label="双随机抽查任务", unit="个", module="inspections", queryset=completed, kept=True,
               columns=TASK_COLUMNS, definition="期间内完成的双随机抽查任务数（以完成日期计）。")


# the enforcement module's 行政检查 records are `enforcement.decisions.inspection`: the sum names both parts, so its
# drill-down leads to each part's rows
register_sum("inspections.all_checks", label="行政检查总次数", unit="次", module="inspections",
             parts=["inspections.entities_checked", "enforcement.decisions.inspection"],
             definition="双随机抽查检查户数与行政执法模块登记的其他行政检查次数之和。")


register_rate("inspections.random_share", label="双随机抽查占比", module="inspections",
              numerator="inspections.entities_checked", denominator="inspections.all_checks",
              definition="双随机抽查检查户数 ÷ 行政检查总次数 × 100%。")
register_rate("inspections.joint_share", label="部门联合抽查占比", module="inspections",
              numerator="inspections.joint_checked", denominator="inspections.entities_checked",
              definition="部门联合抽查的检查对象户数 ÷ 抽查检查对象户数 × 100%。")
register_rate("inspections.results_publicity_timely_rate", label="抽查结果公示及时率", module="inspections",
              numerator="inspections.results_published_timely", denominator="inspections.entities_checked",
              definition="按时公示检查结果的户数 ÷ 抽查检查对象户数 × 100%。")
