"""The procedure of a litigation case, declared once (fazhi.core.workflow): the steps, the states they start from
and lead to, their conditions, forms and actions. The case page's buttons, the step URLs and pages, the API's step
route and docs/workflows.md all come from here; every action in `actions.py` calls `CASE.check` first."""

from __future__ import annotations

from fazhi.core.workflow import ANY, Condition, Transition, Workflow
from fazhi.litigation import forms
from fazhi.litigation.choices import OPEN_STATUSES, CaseStatus, Outcome
from fazhi.litigation.permissions import denied, may_handle, may_handle_case

S = CaseStatus


def _actions():
    from fazhi.litigation import actions

    return actions


NOT_MEDIATED = Condition("调解结案的案件不能上诉。", lambda c: c.outcome != Outcome.MEDIATED)

CASE = Workflow(
    name="litigation.case", label="行政应诉案件", permission=may_handle_case, denied=denied,
    state_labels=dict(CaseStatus.choices), url_name="litigation:step",
    transitions=[
        Transition("answer", "登记答辩", S.PENDING_ANSWER, S.IN_TRIAL, form=forms.AnswerForm, primary=True,
                   run=lambda c, u, d: _actions().submit_answer(c, actor=u, on=d["on"]), done="已登记答辩。",
                   basis="行政诉讼法第六十七条"),
        Transition("hearing", "登记庭审", (*OPEN_STATUSES, S.APPEALED), form=forms.HearingForm,
                   run=lambda c, u, d: _actions().record_hearing(c, actor=u, **d), done="已登记庭审。",
                   basis="行政诉讼法第三条第三款"),
        Transition("judgment", "登记一审结果", OPEN_STATUSES, S.CONCLUDED, form=forms.JudgmentForm,
                   run=lambda c, u, d: _actions().record_judgment(c, actor=u, **d), done="已登记一审结果。",
                   basis="行政诉讼法第六十九条至第七十八条"),
        Transition("appeal", "登记上诉", S.CONCLUDED, S.APPEALED, conditions=[NOT_MEDIATED], form=forms.AppealForm,
                   run=lambda c, u, d: _actions().file_appeal(c, actor=u, **d), done="已登记上诉。",
                   basis="行政诉讼法第八十五条"),
        Transition("appeal_decision", "登记二审结果", S.APPEALED, S.CLOSED, form=forms.AppealDecisionForm,
                   done="已登记二审结果。",
                   run=lambda c, u, d: _actions().decide_appeal(c, actor=u, **d), basis="行政诉讼法第八十九条"),
        Transition("suggestion", "登记司法建议书", ANY, form=forms.SuggestionForm,
                   run=lambda c, u, d: _actions().record_suggestion(c, actor=u, **d), done="已登记司法建议书。",
                   basis="行政诉讼法第九十六条"),
        Transition("update", "修改案件信息", ANY),
    ],
)

SUGGESTION = Workflow(
    name="litigation.suggestion", label="司法建议书", status_field=None,
    state=lambda s: "replied" if s.replied_on else "awaiting", state_labels={"awaiting": "待回复", "replied": "已回复"},
    permission=lambda u, s: may_handle(u, s.case.organisation), denied=lambda s: denied(s.case),
    url_name="litigation:suggestion_step", url_args=lambda s: (s.case_id, s.pk),
    transitions=[
        Transition("reply", "登记回复", "awaiting", "replied", form=forms.SuggestionReplyForm,
                   run=lambda s, u, d: _actions().reply_suggestion(s, actor=u, **d), done="已登记回复。"),
    ],
)
