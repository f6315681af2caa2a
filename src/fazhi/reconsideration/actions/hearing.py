"""Hearing a case (行政复议法 arts. 39, 48–55, 62): copy and answer, hearings, simplified → ordinary, 中止 and
恢复, extension."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import audit, validate
from fazhi.core.choices import AuditAction
from fazhi.core.permissions import ActionError
from fazhi.reconsideration.actions.common import (
    DECISION_RULES,
    RULE_HEARING_NOTICE,
    RULES,
    _complete,
    _draft,
    _lock,
    _on,
    _open_deadline,
    _period_end,
    _start,
)
from fazhi.reconsideration.choices import DocumentKind, HearingKind, Procedure, SuspensionGround
from fazhi.reconsideration.models import Case, Hearing, Suspension
from fazhi.reconsideration.workflow import CASE
from fazhi.rules import deadlines as dl

ACCEPTED = "受理日期"

@transaction.atomic
def send_copy(case: Case, *, actor, on: dt.date, respondent_received_on: dt.date | None = None) -> Case:
    """Art. 48 / 54: the copy goes to the respondent, whose answer period starts on receipt."""
    case = _lock(case)
    CASE.check(case, "send_copy", actor)
    on = _on(on, "副本发送日期", (case.accepted_on, ACCEPTED))
    received = _on(respondent_received_on or on, "被申请人收到副本日期", (on, "副本发送日期"))
    case.copy_sent_on = on
    case.save(update_fields=["copy_sent_on", "updated_at"])
    rules = RULES[case.procedure]
    _complete(case, on, actor, rules["copy"], RULES[Procedure.ORDINARY]["copy"])
    # The answer is the respondent's duty: the deadline belongs to it, so its legal officer sees and completes it.
    _start(case, rules["answer"], received, actor=actor, organisation=case.respondent, label="被申请人书面答复")
    audit.record(actor=actor, obj=case, verb="发送申请书副本", after={"copy_sent_on": on, "received_on": received})
    return case


@transaction.atomic
def record_answer(case: Case, *, actor, on: dt.date, summary: str = "") -> Case:
    """Art. 48 / 54: the respondent's written answer with evidence and basis. The respondent may file it."""
    case = _lock(case)
    CASE.check(case, "answer", actor)
    on = _on(on, "答复日期", (case.copy_sent_on, "副本发送日期"))
    case.answered_on = on
    case.answer_summary = validate.text(summary, "答复要点", required=False)
    case.save(update_fields=["answered_on", "answer_summary", "updated_at"])
    d = _complete(case, on, actor, *(r["answer"] for r in RULES.values()))
    audit.record(actor=actor, obj=case, verb="登记被申请人答复", after={"answered_on": on}, reason=summary)
    if d is not None and d.status == "missed":
        audit.record(actor=actor, obj=case, verb="答复逾期",
                     reason="被申请人未按期答复的，视为该行政行为没有证据、依据（第七十条）。")
    return case


@transaction.atomic
def convert_to_ordinary(case: Case, *, actor, on: dt.date, approver: str, reason: str = "") -> Case:
    """Art. 55: a simplified case unfit for that procedure becomes ordinary, approved by the 复议机构 head."""
    case = _lock(case)
    CASE.check(case, "convert", actor)
    if not (approver or "").strip():
        raise ActionError("转为普通程序须经行政复议机构的负责人批准（第五十五条），请填写批准人。")
    on = _on(on, "转为普通程序日期", (case.accepted_on, ACCEPTED))
    case.procedure = Procedure.ORDINARY
    case.save(update_fields=["procedure", "updated_at"])
    simple, ordinary = RULES[Procedure.SIMPLIFIED], RULES[Procedure.ORDINARY]
    for key in ("copy", "decision"):
        d = _open_deadline(case, simple[key])
        if d is not None:
            dl.cancel_deadline(d, actor=actor, reason="简易程序转为普通程序")
            _start(case, ordinary[key], case.accepted_on, actor=actor, organisation=case.organisation,
                   label=d.label)
    audit.record(actor=actor, obj=case, verb="转为普通程序", after={"procedure": case.procedure, "approver": approver},
                 reason=reason)
    return case


@transaction.atomic
def record_hearing(case: Case, *, actor, kind: str, held_on: dt.date, place: str = "", presiding: str = "",
                   members: str = "", clerk: str = "", summary: str = "",
                   notified_on: dt.date | None = None, respondent_head: str = "", head_attended: bool | None = None,
                   head_absence_reason: str = "") -> Hearing:
    """Art. 49 (hearing the parties), 50–51 (听证: 1 presiding, ≥2 hearing officers, 1 clerk), 52 (委员会)."""
    case = _lock(case)
    CASE.check(case, "hearing", actor)
    kind = validate.choice(kind, HearingKind, "类型")
    held_on = _on(held_on, "举行日期", (case.accepted_on, ACCEPTED))
    notified_on = validate.date(notified_on, "通知日期", required=False, before=[(held_on, "举行日期")])
    if kind == HearingKind.HEARING:
        officers = [m for m in members.replace("，", "、").replace(",", "、").split("、") if m.strip()]
        if not presiding.strip() or len(officers) < 2 or not clerk.strip():
            raise ActionError("听证由一名行政复议人员任主持人，二名以上行政复议人员任听证员，一名记录员制作笔录"
                              "（第五十条第二款）。")
        # Art. 51: written notice five (working, art. 88) days before the hearing (rule
        # reconsideration.hearing_notice: its end is the earliest day the hearing may be held).
        earliest = _period_end(RULE_HEARING_NOTICE, notified_on) if notified_on else None
        if earliest and held_on < earliest:
            raise ActionError(f"应当于举行听证的五日前书面通知当事人（第五十一条）：{notified_on:%Y-%m-%d} 通知的，"
                              f"听证最早于 {earliest:%Y-%m-%d} 举行。")
        # Art. 51(3): the respondent's head attends, or gives reasons and sends staff. Recorded either way.
        if head_attended is None:
            raise ActionError("请登记被申请人负责人是否参加听证（第五十一条第三款）。")
        if head_attended and not (respondent_head or "").strip():
            raise ActionError("请填写参加听证的被申请人负责人姓名。")
        if not head_attended and not (head_absence_reason or "").strip():
            raise ActionError("被申请人负责人不能参加听证的，应当说明理由并委托相应的工作人员参加（第五十一条第三款），"
                              "请填写理由和委托的工作人员。")
    else:
        head_attended, respondent_head, head_absence_reason = None, "", ""
    h = Hearing.objects.create(case=case, kind=kind, held_on=held_on, notified_on=notified_on, place=place,
                               presiding=presiding, members=members, clerk=clerk, summary=summary,
                               respondent_head=validate.text(respondent_head, "被申请人负责人", required=False,
                                                             max_length=100),
                               respondent_head_attended=head_attended,
                               head_absence_reason=validate.text(head_absence_reason, "未参加的理由", required=False,
                                                                 max_length=300))
    audit.record(actor=actor, obj=case, action=AuditAction.CREATE, verb=f"记录{h.get_kind_display()}",
                 after={"kind": kind, "held_on": held_on, "place": place, "presiding": presiding})
    return h


# --- 中止, 恢复, extension (arts. 39, 62) ---


@transaction.atomic
def suspend_case(case: Case, *, actor, on: dt.date, ground: str, reason: str = "", draft: bool = True) -> Suspension:
    """Art. 39: the decision period pauses while the case is suspended; the parties are told in writing."""
    case = _lock(case)
    CASE.check(case, "suspend", actor)
    if ground not in SuspensionGround.values:
        raise ActionError("请选择第三十九条规定的中止情形。")
    on = _on(on, "中止日期", (case.accepted_on, ACCEPTED))
    CASE.move(case, "suspend")
    case.save()
    s = Suspension.objects.create(case=case, ground=ground, start=on, reason=reason)
    d = _open_deadline(case, *DECISION_RULES)
    if d is not None:
        dl.pause_deadline(d, start=on, kind="中止", reason=s.get_ground_display(), actor=actor)
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb="中止审理",
                 after={"status": case.status, "ground": s.get_ground_display(), "on": on}, reason=reason)
    if draft:  # art. 39(3): the parties are told in writing
        _draft(case, DocumentKind.SUSPENSION_NOTICE, actor=actor)
    return s


@transaction.atomic
def resume_case(case: Case, *, actor, on: dt.date, reason: str = "", draft: bool = True) -> Case:
    """Art. 39(2): resume once the cause is gone; the decision period runs on."""
    case = _lock(case)
    CASE.check(case, "resume", actor)
    s = case.suspensions.filter(end__isnull=True).order_by("-start").first()
    on = _on(on, "恢复审理日期", (s.start if s else None, "中止日期"))
    if s is not None:
        s.end = on
        s.save(update_fields=["end"])
    CASE.move(case, "resume")
    case.save()
    d = _open_deadline(case, *DECISION_RULES)
    if d is not None:
        dl.resume_deadline(d, on=on, actor=actor)
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb="恢复审理",
                 after={"status": case.status, "on": on}, reason=reason)
    if draft:  # art. 39(3)
        _draft(case, DocumentKind.RESUMPTION_NOTICE, actor=actor)
    return case


@transaction.atomic
def extend_case(case: Case, *, actor, on: dt.date, approver: str, reason: str, days: int = 30,
                draft: bool = True) -> Case:
    """Art. 62(1): a complex ordinary case may be extended by at most 30 days, approved by the head of the
    复议机构, with written notice to the parties."""
    case = _lock(case)
    CASE.check(case, "extend", actor)
    on = _on(on, "批准延期日期", (case.accepted_on, ACCEPTED))
    if not (approver or "").strip():
        raise ActionError("延期须经行政复议机构的负责人批准（第六十二条第一款），请填写批准人。")
    if not (reason or "").strip():
        raise ActionError("请说明延期理由（情况复杂，不能在规定期限内作出决定）。")
    d = _open_deadline(case, RULES[Procedure.ORDINARY]["decision"])
    if d is None:
        raise ActionError("没有正在计算的审理期限，不能延期。")
    if on > d.due:
        raise ActionError(f"审理期限已于 {d.due:%Y-%m-%d} 届满，应在期限届满前批准延期。")
    if not isinstance(days, int) or not 1 <= days <= 30:
        raise ActionError("延长期限最多不得超过三十日（第六十二条第一款）。")
    dl.extend_deadline(d, approver=approver.strip(), on=on, actor=actor, reason=reason, length=days)
    case.extended, case.extension_approver, case.extension_days = True, approver.strip(), days
    case.save(update_fields=["extended", "extension_approver", "extension_days", "updated_at"])
    audit.record(actor=actor, obj=case, verb="延长审理期限",
                 after={"approver": case.extension_approver, "on": on, "days": days}, reason=reason)
    if draft:
        _draft(case, DocumentKind.EXTENSION_NOTICE, actor=actor)
    return case


