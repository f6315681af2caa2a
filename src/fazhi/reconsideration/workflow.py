"""The 行政复议 procedure (行政复议法 2023) declared once (fazhi.core.workflow): every step of a case and of a 附带审查
sub-case, the states it starts from and leads to, its named conditions, its form and its action. The case page's
buttons, the step URLs, the API's step route and docs/workflows.md come from here; every action calls `check` first.
"""

from __future__ import annotations

import re

from fazhi.core.workflow import Condition, Transition, Workflow
from fazhi.reconsideration import forms
from fazhi.reconsideration.choices import (
    CONCLUDING_KINDS,
    CaseStatus,
    DocumentKind,
    DocumentStatus,
    Outcome,
    Procedure,
    ReviewStatus,
)
from fazhi.reconsideration.permissions import denied, may_answer, may_handle, may_handle_case

S = CaseStatus
OPEN_ACCEPTED = (S.ACCEPTED, S.SUSPENDED)


def _a():
    from fazhi.reconsideration import actions

    return actions


def _d(data, key):
    return data.get(key) or None


def _copy_sent(c):
    """申请书副本尚未发送"""
    return f"申请书副本已于 {c.copy_sent_on:%Y-%m-%d} 发送。"


def _answered(c):
    """答复尚未登记"""
    return f"答复已于 {c.answered_on:%Y-%m-%d} 登记。"


COPY_NOT_SENT = Condition(_copy_sent, lambda c: not c.copy_sent_on)
COPY_SENT = Condition("尚未发送申请书副本，不能登记答复。", lambda c: bool(c.copy_sent_on))
NOT_ANSWERED = Condition(_answered, lambda c: not c.answered_on)
SIMPLIFIED = Condition("只有适用简易程序、尚未审结的案件才能转为普通程序。", lambda c: c.procedure == Procedure.SIMPLIFIED)
ORDINARY = Condition("简易程序案件不能延长审理期限；确需延长的，应先转为普通程序（第五十五条、第六十二条）。",
                     lambda c: c.procedure == Procedure.ORDINARY)
NOT_EXTENDED = Condition("本案已经延期一次，延长期限最多不得超过三十日（第六十二条第一款）。", lambda c: not c.extended)


def _hearing_missing(c):
    """重大、疑难、复杂案件尚未听证"""
    return "本案为重大、疑难、复杂案件，应当组织听证后再作出决定（第五十条第一款）。"


def _committee_missing(c):
    """应当提请复议委员会咨询而尚未咨询"""
    why = "案情重大、疑难、复杂" if c.major_complex else "专业性、技术性较强"
    return f"本案{why}，应当提请行政复议委员会提出咨询意见后再作出决定（第五十二条第二款）。"


def _held(c, kind):
    return c.hearings.filter(kind=kind).exists()


def _redo_open(c) -> bool:
    from fazhi.rules.deadlines import deadlines_for

    return deadlines_for(c).filter(rule_id="reconsideration.redo", status="open").exists()


REDO_OPEN = Condition("没有待登记的重新作出行政行为或履行法定职责的期限（须在决定书送达被申请人后开始计算）。", _redo_open)
HEARD_IF_MAJOR = Condition(_hearing_missing, lambda c: not c.major_complex or _held(c, "hearing"))
COMMITTEE_IF_REQUIRED = Condition(_committee_missing,
                                  lambda c: not (c.major_complex or c.technical) or _held(c, "committee"))

CASE = Workflow(
    name="reconsideration.case", label="行政复议案件", permission=may_handle_case, denied=denied,
    state_labels=dict(CaseStatus.choices), url_name="reconsideration:case_step",
    transitions=[
        Transition("accept", "受理", S.RECEIVED, S.ACCEPTED, form=forms.AcceptForm, primary=True, system=True,
                   basis="第三十条", run=lambda c, u, d: _a().accept_case(c, actor=u, on=d["on"],
                                                                     procedure=d["procedure"], handler=u)),
        Transition("supplement", "通知补正", S.RECEIVED, S.SUPPLEMENTING, form=forms.SupplementForm, basis="第三十一条",
                   run=lambda c, u, d: _a().request_supplement(c, actor=u, on=d["on"], items=d["items"])),
        Transition("reject", "不予受理", S.RECEIVED, S.REJECTED, form=forms.RejectForm, basis="第三十条第二款",
                   run=lambda c, u, d: _a().reject_case(c, actor=u, on=d["on"], reason=d["reason"],
                                                        competent_body=d["competent_body"])),
        Transition("supplement_received", "收到补正材料", S.SUPPLEMENTING, S.RECEIVED, form=forms.OnForm,
                   primary=True, basis="第三十一条", run=lambda c, u, d: _a().receive_supplement(c, actor=u, on=d["on"])),
        Transition("abandon", "逾期未补正，视为放弃", S.SUPPLEMENTING, S.ABANDONED, form=forms.ReasonForm,
                   basis="第三十一条第二款",
                   run=lambda c, u, d: _a().mark_abandoned(c, actor=u, on=d["on"], reason=d["reason"])),
        Transition("send_copy", "发送申请书副本", OPEN_ACCEPTED, conditions=[COPY_NOT_SENT], form=forms.SendCopyForm,
                   primary=True, basis="第四十八条、第五十四条",
                   run=lambda c, u, d: _a().send_copy(c, actor=u, on=d["on"],
                                                      respondent_received_on=_d(d, "respondent_received_on"))),
        Transition("answer", "登记被申请人答复", OPEN_ACCEPTED, conditions=[COPY_SENT, NOT_ANSWERED],
                   form=forms.AnswerForm, permission=may_answer, basis="第四十八条",
                   run=lambda c, u, d: _a().record_answer(c, actor=u, on=d["on"], summary=d["summary"])),
        Transition("hearing", "听证、听取意见或委员会咨询", OPEN_ACCEPTED, form=forms.HearingForm,
                   basis="第四十九条至第五十二条",
                   run=lambda c, u, d: _a().record_hearing(c, actor=u, kind=d["kind"], held_on=d["held_on"],
                                                           notified_on=_d(d, "notified_on"), place=d["place"],
                                                           presiding=d["presiding"], members=d["members"],
                                                           clerk=d["clerk"], summary=d["summary"],
                                                           respondent_head=d["respondent_head"],
                                                           head_attended=d["head_attended"],
                                                           head_absence_reason=d["head_absence_reason"])),
        Transition("convert", "转为普通程序", OPEN_ACCEPTED, conditions=[SIMPLIFIED], form=forms.ApprovalForm,
                   basis="第五十五条",
                   run=lambda c, u, d: _a().convert_to_ordinary(c, actor=u, on=d["on"], approver=d["approver"],
                                                                reason=d["reason"])),
        Transition("extend", "延长审理期限", OPEN_ACCEPTED, conditions=[ORDINARY, NOT_EXTENDED],
                   form=forms.ExtendForm, basis="第六十二条",
                   run=lambda c, u, d: _a().extend_case(c, actor=u, on=d["on"], approver=d["approver"],
                                                        reason=d["reason"], days=d["days"] or 30)),
        Transition("suspend", "中止", S.ACCEPTED, S.SUSPENDED, form=forms.SuspendForm, basis="第三十九条",
                   run=lambda c, u, d: _a().suspend_case(c, actor=u, on=d["on"], ground=d["ground"],
                                                         reason=d["reason"])),
        Transition("resume", "恢复审理", S.SUSPENDED, S.ACCEPTED, form=forms.ReasonForm, primary=True,
                   basis="第三十九条第二款",
                   run=lambda c, u, d: _a().resume_case(c, actor=u, on=d["on"], reason=d["reason"])),
        Transition("incidental", "规范性文件附带审查", OPEN_ACCEPTED, form=forms.IncidentalForm,
                   basis="第十三条、第五十六条",
                   run=lambda c, u, d: _a().request_incidental_review(c, actor=u, on=d["on"],
                                                                      document_title=d["document_title"],
                                                                      maker=d["maker"], competent=d["competent"])),
        Transition("classify", "认定案件情形", OPEN_ACCEPTED, form=forms.ClassifyForm, basis="第五十条、第五十二条",
                   run=lambda c, u, d: _a().classify_case(c, actor=u, major_complex=d["major_complex"],
                                                          technical=d["technical"], reason=d["reason"])),
        Transition("decide", "作出复议决定", S.ACCEPTED, S.CONCLUDED, form=forms.DecideForm, primary=True,
                   conditions=[HEARD_IF_MAJOR, COMMITTEE_IF_REQUIRED],
                   basis="第三十三条、第五十条、第五十二条、第六十三条至第七十二条",
                   run=lambda c, u, d: _a().decide_case(c, actor=u, on=d["on"], outcome=d["outcome"],
                                                        findings=d["findings"], reason=d["reason"],
                                                        compensation=d["compensation"], redo_days=d["redo_days"],
                                                        not_worse=d["not_worse"])),
        Transition("mediate", "达成调解协议", OPEN_ACCEPTED, S.MEDIATING, form=forms.MediateForm, basis="第七十三条",
                   run=lambda c, u, d: _a().mediate_case(c, actor=u, on=d["on"], agreement=d["agreement"])),
        Transition("sign_mediation", "调解书经各方签收生效", S.MEDIATING, S.CONCLUDED, form=forms.OnForm,
                   primary=True, basis="第七十三条第一款",
                   run=lambda c, u, d: _a().sign_mediation(c, actor=u, on=d["on"])),
        Transition("withdraw_mediation", "调解书生效前一方反悔", S.MEDIATING, S.ACCEPTED, form=forms.ReasonForm,
                   basis="第七十三条第二款",
                   run=lambda c, u, d: _a().withdraw_mediation(c, actor=u, on=d["on"], reason=d["reason"])),
        Transition("terminate", "终止", OPEN_ACCEPTED, S.CONCLUDED, form=forms.TerminateForm,
                   basis="第四十一条、第七十四条",
                   run=lambda c, u, d: _a().terminate_case(c, actor=u, on=d["on"], reason=d["reason"],
                                                           settled=d["settled"])),
        Transition("redo_done", "登记重新作出或履行", S.CONCLUDED, conditions=[REDO_OPEN], form=forms.ReasonForm,
                   permission=may_answer, basis="第六十四条、第六十六条、第七十七条",
                   run=lambda c, u, d: _a().record_redo(c, actor=u, on=d["on"], reason=d["reason"])),
        Transition("draft_document", "起草文书", (*OPEN_ACCEPTED, S.RECEIVED, S.SUPPLEMENTING, S.REJECTED,
                                                  S.ABANDONED, S.CONCLUDED, S.MEDIATING)),
    ],
)

R = ReviewStatus
REVIEW = Workflow(
    name="reconsideration.incidental_review", label="规范性文件附带审查",
    permission=lambda u, r: may_handle(u, r.case.organisation), denied=lambda r: denied(r.case),
    state_labels=dict(ReviewStatus.choices), url_name="reconsideration:review_step",
    transitions=[
        Transition("notify", "书面通知制定机关", R.PENDING, basis="第五十八条",
                   conditions=[Condition("本机关无权处理的，应当转送有权机关，无需通知制定机关。", lambda r: r.competent),
                               Condition("已书面通知制定机关。", lambda r: not r.maker_notified_on)],
                   form=forms.MakerNoticeForm,
                   run=lambda r, u, d: _a().notify_maker(r, actor=u, on=d["on"], received_on=d["received_on"])),
        Transition("answer", "登记制定机关答复", R.PENDING, basis="第五十八条",
                   conditions=[Condition("尚未通知制定机关。", lambda r: bool(r.maker_notified_on)),
                               Condition("制定机关的答复已登记。", lambda r: not r.maker_answered_on)],
                   form=forms.ReplyForm,
                   run=lambda r, u, d: _a().record_maker_answer(r, actor=u, on=d["on"], answer=d["text"])),
        Transition("decide", "处理或转送", R.PENDING, form=forms.ReviewDecisionForm, primary=True,
                   basis="第五十六条、第六十条",
                   run=lambda r, u, d: _a().decide_incidental_review(r, actor=u, on=d["on"], status=d["status"],
                                                                     result=d["result"],
                                                                     transferred_to=d.get("transferred_to", ""))),
        Transition("reply", "登记接受转送机关回复", R.TRANSFERRED, R.REPLIED, form=forms.ReplyForm, primary=True,
                   basis="第六十条",
                   run=lambda r, u, d: _a().record_transferee_reply(r, actor=u, on=d["on"], reply=d["text"])),
    ],
)


PLACEHOLDER = re.compile(r"【[^】]*】")


def placeholders(doc) -> list[str]:
    """The 【…】 blanks of a draft still to be filled."""
    return PLACEHOLDER.findall(f"{doc.title}\n{doc.recipients}\n{doc.body}")


def _placeholder_message(doc):
    """文书中仍有【…】待填写的内容"""
    found = placeholders(doc)
    return f"文书中仍有待填写的内容：{'、'.join(dict.fromkeys(found))}。请修改后再签发。"


def _concluded_for(doc) -> bool:
    if doc.kind not in CONCLUDING_KINDS or doc.case_id is None:
        return True
    if doc.kind == DocumentKind.MEDIATION:
        return doc.case.status in (S.MEDIATING, S.CONCLUDED) and doc.case.outcome in ("", Outcome.MEDIATED)
    return doc.case.status == S.CONCLUDED


def _conclusion_message(doc):
    """案件尚未审结，不能签发结案文书"""
    return (f"案件当前状态为“{doc.case.get_status_display()}”：{doc.get_kind_display()}只能在案件审结后签发，"
            "其内容须与记录的审结结果一致。")


def _may_publish_kind(doc) -> bool:
    from fazhi.reconsideration.models import PUBLIC_DOCUMENT_KINDS

    return doc.kind in PUBLIC_DOCUMENT_KINDS and doc.case_id is not None and doc.case.status == S.CONCLUDED


def _served_message(doc):
    """文书尚未送达"""
    return "文书送达后才发生法律效力（第七十五条第二款），请先登记送达及签收日期，再审核公开。"


NO_PLACEHOLDER = Condition(_placeholder_message, lambda d: not placeholders(d))
CONCLUDED_FOR_KIND = Condition(_conclusion_message, _concluded_for)
PUBLIC_KIND = Condition("只有已审结案件的行政复议决定书、调解书和终止决定书向社会公开（第七十九条）。", _may_publish_kind)
SERVED = Condition(_served_message, lambda d: d.received_on() is not None)
NOT_PUBLISHED = Condition(lambda d: f"公开审核已于 {d.published_on:%Y-%m-%d} 完成（{d.get_publication_scope_display()}）。",
                          lambda d: d.published_on is None)


def _may_handle_document(user, doc) -> bool:
    return may_handle(user, doc.organisation)


DOCUMENT = Workflow(
    name="reconsideration.document", label="复议文书", permission=_may_handle_document,
    denied=lambda d: "您没有编辑、签发或送达该文书的权限。", state_labels=dict(DocumentStatus.choices),
    url_name="reconsideration:document_step",
    transitions=[
        Transition("issue", "签发并编号", DocumentStatus.DRAFT, DocumentStatus.ISSUED, form=forms.OnForm,
                   primary=True, conditions=[NO_PLACEHOLDER, CONCLUDED_FOR_KIND], basis="第七十五条",
                   run=lambda d, u, data: _a().issue_document(d, actor=u, on=data["on"])),
        Transition("serve", "登记送达", DocumentStatus.ISSUED, form=forms.ServiceForm, primary=True,
                   basis="第八十八条第一款（民事诉讼法关于送达的规定）",
                   run=lambda d, u, data: _a().serve_document(d, actor=u, recipient=data["recipient"],
                                                              method=data["method"], sent_on=data["sent_on"],
                                                              received_on=data["received_on"],
                                                              reference=data["reference"])),
        Transition("receipt", "登记签收", DocumentStatus.ISSUED, form=forms.ReceiptForm,
                   conditions=[Condition("没有待登记签收的送达记录。",
                                         lambda d: d.services.filter(received_on__isnull=True).exists())],
                   basis="民事诉讼法第八十七条至第九十条",
                   run=lambda d, u, data: _a().record_receipt(data["service"], actor=u,
                                                              received_on=data["received_on"])),
        Transition("publish", "审核公开", DocumentStatus.ISSUED, form=forms.PublishForm,
                   conditions=[PUBLIC_KIND, SERVED, NOT_PUBLISHED], basis="第七十九条",
                   run=lambda d, u, data: _a().publish_document(d, actor=u, on=data["on"],
                                                                act_publicity=data["act_publicity"],
                                                                scope=data["scope"], note=data["note"],
                                                                checked=data["checked"])),
    ],
)
