"""The procedure of an enforcement case, declared once. The ordinary penalty procedure (行政处罚法 2021, arts. 54–67):
立案 → 调查取证 → 事先告知 (陈述申辩, 听证 on request) → 法制审核 where art. 58 requires it → 集体讨论 where art. 57(2)
requires it → 决定 → 送达 → 缴纳 → 结案 → 归档. 许可、强制、检查 and on-the-spot penalties are recorded decided."""

from __future__ import annotations

from fazhi.core.workflow import ANY, Condition, Transition, Workflow
from fazhi.enforcement import forms
from fazhi.enforcement.choices import BEFORE_DECISION, CaseKind, CaseStatus, Decision, Grade, Procedure, RoundStatus
from fazhi.enforcement.permissions import (
    denied,
    may_handle_case,
    may_link_case,
    may_rectify_file,
    may_review_case,
    may_run_review,
    may_score_file,
    review_denied,
)

S = CaseStatus


def _a():
    from fazhi.enforcement import actions

    return actions


ORDINARY_PENALTY = Condition("只有适用普通程序的行政处罚案件有此步骤。",
                             lambda c: c.kind == CaseKind.PENALTY and c.procedure == Procedure.ORDINARY)
HEARING_OFFERED = Condition("告知时未告知听证权利，当事人不能申请听证（第六十三条）。", lambda c: c.hearing_right)
HEARING_NOTIFIED = Condition("请先发出听证通知（第六十四条第二项）。", lambda c: c.hearing_notified_on is not None)
NOT_HEARD = Condition("听证已举行。", lambda c: c.hearing_on is None)
PUBLISHABLE = Condition("该决定不属于应当公示的决定，或已公示。",
                        lambda c: c.publication_required and c.published_on is None and not c.correction)
WITHDRAWABLE = Condition("只有已公示且被变更、撤销、确认违法或确认无效的决定需要撤回公示（第四十八条第二款）。",
                         lambda c: bool(c.published_on and c.correction and not c.withdrawn_on))
PAYABLE = Condition("该决定没有罚款或没收金额需要缴纳，或已缴纳。",
                    lambda c: c.decision == Decision.PUNISHED and c.fine_amount > 0 and c.paid_on is None)


def _major_reviewed(c):
    return not c.major or c.legal_review_passed is True


def _review_message(c):
    if c.legal_review_passed is False:
        return f"法制审核未通过（{c.legal_review_on:%Y-%m-%d}），不得作出决定（第五十八条第二款）。"
    return "该案属于重大执法决定，未经法制审核不得作出决定（第五十八条）。"


def _heard(c):
    return c.hearing_requested_on is None or c.hearing_on is not None


MAJOR_REVIEWED = Condition(_review_message, _major_reviewed)
COLLECTIVE_DONE = Condition("情节复杂或者重大违法的案件，应当由行政机关负责人集体讨论决定（第五十七条第二款）。",
                            lambda c: not c.collective_required or c.collective_on is not None)
HEARD = Condition("当事人已申请听证，听证结束后方可作出决定（第六十五条）。", _heard)

CASE = Workflow(
    name="enforcement.case", label="行政执法案件", permission=may_handle_case, denied=denied,
    state_labels=dict(CaseStatus.choices), url_name="enforcement:step",
    transitions=[
        Transition("notify", "事先告知", S.FILED, S.NOTIFIED, conditions=[ORDINARY_PENALTY], form=forms.NoticeForm,
                   primary=True, basis="行政处罚法第四十四条、第六十二条", done="已登记事先告知。",
                   run=lambda c, u, d: _a().notify(c, actor=u, **d)),
        Transition("request_hearing", "登记听证申请", S.NOTIFIED, S.HEARING, conditions=[HEARING_OFFERED],
                   form=forms.HearingRequestForm, basis="行政处罚法第六十四条第一项", done="已登记听证申请。",
                   run=lambda c, u, d: _a().request_hearing(c, actor=u, **d)),
        Transition("notify_hearing", "发出听证通知", S.HEARING, conditions=[NOT_HEARD], form=forms.HearingNoticeForm,
                   primary=True, basis="行政处罚法第六十四条第二项", done="已登记听证通知。",
                   run=lambda c, u, d: _a().notify_hearing(c, actor=u, **d)),
        Transition("hold_hearing", "登记举行听证", S.HEARING, conditions=[HEARING_NOTIFIED, NOT_HEARD],
                   form=forms.HearingForm, basis="行政处罚法第六十四条", done="已登记听证。",
                   run=lambda c, u, d: _a().hold_hearing(c, actor=u, **d)),
        Transition("extend", "批准延长办案期限", BEFORE_DECISION, conditions=[ORDINARY_PENALTY], form=forms.ExtendForm,
                   basis="行政处罚法第六十条", done="已延长办案期限。",
                   run=lambda c, u, d: _a().extend(c, actor=u, **d)),
        Transition("review", "法制审核", BEFORE_DECISION, form=forms.ReviewForm, permission=may_review_case,
                   basis="行政处罚法第五十八条", done="已登记法制审核意见。",
                   run=lambda c, u, d: _a().legal_review(c, actor=u, **d)),
        Transition("collective", "登记集体讨论", BEFORE_DECISION, form=forms.CollectiveForm,
                   basis="行政处罚法第五十七条第二款", done="已登记集体讨论。",
                   run=lambda c, u, d: _a().collective(c, actor=u, **d)),
        Transition("decide", "作出处罚决定", (S.FILED, S.NOTIFIED, S.HEARING), S.DECIDED,
                   conditions=[ORDINARY_PENALTY, HEARD, MAJOR_REVIEWED, COLLECTIVE_DONE], form=forms.DecideForm,
                   basis="行政处罚法第五十七条至第六十条", done="已作出决定。",
                   run=lambda c, u, d: _a().decide(c, actor=u, **d)),
        Transition("serve", "登记送达", S.DECIDED, S.SERVED, form=forms.ServeForm, primary=True,
                   basis="行政处罚法第六十一条", done="已登记送达。",
                   run=lambda c, u, d: _a().serve(c, actor=u, **d)),
        Transition("pay", "登记缴纳罚款", S.SERVED, conditions=[PAYABLE], form=forms.PayForm, primary=True,
                   basis="行政处罚法第六十七条、第七十二条", done="已登记缴纳。",
                   run=lambda c, u, d: _a().pay(c, actor=u, **d)),
        Transition("publish", "登记公示", ANY, conditions=[PUBLISHABLE], form=forms.PublishForm,
                   basis="行政处罚法第四十八条第一款；国办发〔2018〕118号", done="已登记公示。",
                   run=lambda c, u, d: _a().publish(c, actor=u, **d)),
        Transition("withdraw", "撤回公示", ANY, conditions=[WITHDRAWABLE], form=forms.WithdrawForm, primary=True,
                   basis="行政处罚法第四十八条第二款", done="已撤回公示并说明理由。",
                   run=lambda c, u, d: _a().withdraw_publication(c, actor=u, **d)),
        Transition("close", "结案", (S.DECIDED, S.SERVED), S.CLOSED, form=forms.CloseForm,
                   basis="行政处罚法第六十六条至第七十三条", done="已结案。",
                   run=lambda c, u, d: _a().close(c, actor=u, **d)),
        Transition("drop", "撤销立案", (S.FILED, S.NOTIFIED), S.DROPPED, conditions=[ORDINARY_PENALTY],
                   form=forms.DropForm, basis="行政处罚法第五十七条第一款", done="已撤销立案。",
                   run=lambda c, u, d: _a().drop(c, actor=u, **d)),
        Transition("archive", "归档", (S.CLOSED, S.DROPPED), S.ARCHIVED, form=forms.CloseForm,
                   basis="行政处罚法第四十七条", done="已归档。",
                   run=lambda c, u, d: _a().archive(c, actor=u, **d)),
        Transition("link", "关联复议诉讼案件", ANY, conditions=[Condition("尚未作出决定。", lambda c: c.decided_on)],
                   form=forms.LinkForm, permission=may_link_case, basis="行政处罚法第七条",
                   done="已关联。", run=lambda c, u, d: _a().link(c, actor=u, **d)),
        Transition("evidence", "上传全过程记录", ANY,
                   conditions=[Condition("已归档的案卷不能再添加记录。", lambda c: c.status != S.ARCHIVED)],
                   basis="行政处罚法第四十七条"),
    ],
)



def _r():
    from fazhi.enforcement import review

    return review


ROUND = Workflow(
    name="enforcement.review_round", label="案卷评查活动", permission=may_run_review, denied=review_denied,
    state_labels=dict(RoundStatus.choices), url_name="enforcement:round_step",
    transitions=[
        Transition("sample", "随机抽取案卷", RoundStatus.DRAFT, RoundStatus.REVIEWING, primary=True,
                   form=forms.OnForm, basis="行政执法案卷评查（随机抽取，种子公开）", done="已抽取案卷。",
                   run=lambda r, u, d: _r().sample(r, actor=u, on=d["on"])),
        Transition("close", "结束评查", RoundStatus.REVIEWING, RoundStatus.CLOSED,
                   conditions=[Condition("还有案卷尚未评分。", lambda r: not r.files.filter(score__isnull=True).exists())],
                   form=forms.OnForm, done="评查已结束。", run=lambda r, u, d: _r().close(r, actor=u, on=d["on"])),
    ],
)

FILE = Workflow(
    name="enforcement.review_file", label="评查案卷", permission=may_score_file, denied=review_denied,
    status_field=None, url_name="enforcement:review_file_step",
    state=lambda f: "rectified" if f.rectified_on else ("scored" if f.score is not None else "pending"),
    state_labels={"pending": "待评分", "scored": "已评分", "rectified": "已整改"},
    transitions=[
        Transition("score", "评分", "pending", "scored", primary=True, form=forms.ScoreForm, done="已评分。",
                   conditions=[Condition("评查活动不在评查中。", lambda f: f.round.status == RoundStatus.REVIEWING)],
                   run=lambda f, u, d: _r().score(f, actor=u, **d)),
        Transition("rectify", "登记整改", "scored", "rectified", permission=may_rectify_file, form=forms.RectifyForm,
                   conditions=[Condition("该案卷为优秀等次，无需整改。", lambda f: f.grade != Grade.EXCELLENT)],
                   done="已登记整改情况。", run=lambda f, u, d: _r().rectify(f, actor=u, **d)),
    ],
)
