"""The procedures of 双随机一公开, declared once: a plan is published; a task is committed (population and inspector
pool frozen, commitment published), drawn (seed revealed, entities and inspectors chosen) and completed; each drawn
entity's result is recorded, published within 20 working days and, where ordered, rectified."""

from __future__ import annotations

from fazhi.core.workflow import ANY, Condition, Transition, Workflow
from fazhi.inspections import forms
from fazhi.inspections.choices import PlanStatus, Result, TaskStatus
from fazhi.inspections.permissions import denied, may_record, may_run_plan, may_run_task

T = TaskStatus


def _a():
    from fazhi.inspections import actions

    return actions


PLAN = Workflow(
    name="inspections.plan", label="年度抽查计划", permission=may_run_plan, denied=denied,
    state_labels=dict(PlanStatus.choices), url_name="inspections:plan_step",
    transitions=[
        Transition("publish", "公布计划", PlanStatus.DRAFT, PlanStatus.PUBLISHED, primary=True, form=forms.OnForm,
                   basis="国办发〔2015〕58号 第三条（抽查计划向社会公开）", done="计划已公布。",
                   run=lambda p, u, d: _a().publish_plan(p, actor=u, on=d["on"])),
    ],
)

PLAN_PUBLISHED = Condition("年度抽查计划尚未公布。", lambda t: t.plan.status == PlanStatus.PUBLISHED)
ALL_RECORDED = Condition("还有检查对象尚未登记检查结果。",
                         lambda t: not t.inspections.filter(result="").exists())

TASK = Workflow(
    name="inspections.task", label="双随机抽查任务", permission=may_run_task, denied=denied,
    state_labels=dict(TaskStatus.choices), url_name="inspections:task_step",
    transitions=[
        Transition("commit", "公布抽取承诺", T.DRAFT, T.COMMITTED, conditions=[PLAN_PUBLISHED], primary=True,
                   form=forms.OnForm, basis="随机抽取过程可验证：先公布承诺（种子哈希、总体快照哈希、参数）",
                   done="已冻结总体和检查人员库并公布承诺值；随机种子在抽取时公开。",
                   run=lambda t, u, d: _a().commit(t, actor=u, on=d["on"])),
        Transition("draw", "随机抽取", T.COMMITTED, T.DRAWN, primary=True, form=forms.DrawForm,
                   basis="国办发〔2015〕58号 第二条（随机抽取检查对象、随机选派执法检查人员）",
                   done="已公开种子并抽取检查对象和检查人员。",
                   run=lambda t, u, d: _a().run_draw(t, actor=u, on=d["on"], entropy=d["entropy"])),
        Transition("complete", "完成任务", T.DRAWN, T.COMPLETED, conditions=[ALL_RECORDED], form=forms.OnForm,
                   done="抽查任务已完成。", run=lambda t, u, d: _a().complete(t, actor=u, on=d["on"])),
        Transition("cancel", "取消任务", (T.DRAFT, T.COMMITTED), T.CANCELLED, form=forms.CancelForm,
                   basis="已公布承诺的任务取消后仍公开，不能悄悄重新抽取", done="任务已取消。",
                   run=lambda t, u, d: _a().cancel(t, actor=u, on=d["on"], reason=d["reason"])),
    ],
)


def _state(i) -> str:
    if not i.result:
        return "pending"
    return "published" if i.published_on else "recorded"


DRAWN = Condition("抽查任务不在检查阶段。", lambda i: i.task.status in (T.DRAWN, T.COMPLETED))

INSPECTION = Workflow(
    name="inspections.inspection", label="抽查检查", permission=may_record, denied=denied, status_field=None,
    state=_state, state_labels={"pending": "待检查", "recorded": "已登记结果，待公示", "published": "已公示"},
    url_name="inspections:inspection_step",
    transitions=[
        Transition("record", "登记检查结果", "pending", "recorded", primary=True, form=forms.ResultForm,
                   conditions=[Condition("抽查任务不在检查阶段。", lambda i: i.task.status == T.DRAWN)],
                   basis="企业信息公示暂行条例第十七条（列入经营异常名录）", done="已登记检查结果，公示期限已开始计算。",
                   run=lambda i, u, d: _a().record_result(i, actor=u, **d)),
        Transition("publish", "公示检查结果", "recorded", "published", primary=True, form=forms.OnForm,
                   basis="国发〔2019〕5号（检查结束之日起20个工作日内公示）", done="检查结果已公示。",
                   run=lambda i, u, d: _a().publish(i, actor=u, on=d["on"])),
        Transition("rectify", "登记整改情况", ("recorded", "published"), None, form=forms.RectifyForm,
                   conditions=[Condition("只有责令改正的检查对象需要登记整改。",
                                         lambda i: i.result == Result.CORRECTED and not i.rectified_on)],
                   done="已登记整改情况。", run=lambda i, u, d: _a().rectify(i, actor=u, **d)),
        Transition("attach", "上传检查记录", ANY, conditions=[DRAWN]),
    ],
)
