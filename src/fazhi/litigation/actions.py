"""Every change to a litigation case: register, answer, hearings, judgment, appeal, judicial suggestions.

Each action runs in one transaction, locks the case, asks the declared procedure (`workflow.CASE.check`) whether the
actor may take the step now, validates its input with the shared validators (`fazhi.core.validate`; nothing is saved
when it refuses), moves the status (`CASE.move`) and writes one audit event on the case.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import audit, validate
from fazhi.core.choices import AuditAction
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError, require
from fazhi.core.signals import correction_of, outcome_recorded
from fazhi.litigation.choices import (
    HEAD_APPEARANCES,
    OPEN_STATUSES,
    ActKind,
    AppealOutcome,
    Appearance,
    Appellant,
    CaseStatus,
    Instance,
    Outcome,
)
from fazhi.litigation.models import (
    FIRST_INSTANCE_NUMBER,
    SECOND_INSTANCE_NUMBER,
    Appeal,
    Hearing,
    JudicialSuggestion,
    LitigationCase,
    normalise_case_number,
)
from fazhi.litigation.permissions import may_handle
from fazhi.litigation.workflow import CASE, SUGGESTION
from fazhi.reconsideration.choices import Outcome as ReconsiderationOutcome
from fazhi.reconsideration.models import Case as ReconsiderationCase
from fazhi.rules import deadlines as rule_deadlines

ANSWER_RULE = "litigation.answer"  # 行政诉讼法第六十七条：收到起诉状副本之日起十五日内答辩
CASE_FIELDS = ["court", "case_number", "plaintiffs", "contested_act", "act_kind", "filed_on", "co_defendant",
               "reconsideration_case"]
# 复议维持 (适用行政诉讼法解释第二十二条: includes dismissing the request): the 复议机关 is co-defendant.
UPHELD_IN_RECONSIDERATION = (ReconsiderationOutcome.UPHELD, ReconsiderationOutcome.DISMISSED)
RECEIVED = "收到起诉状副本日期"

_text = validate.text
_choice = validate.choice


def _lock(case: LitigationCase) -> LitigationCase:
    return LitigationCase.objects.select_for_update().select_related("organisation").get(pk=case.pk)


def _answer_deadline(case):
    return rule_deadlines.deadlines_for(case).filter(rule_id=ANSWER_RULE, status="open").first()


def _validate_first_instance_number(number: str, *, exclude_pk=None) -> str:
    number = normalise_case_number(number)
    if not number:
        raise ActionError("请填写案号。")
    if not FIRST_INSTANCE_NUMBER.match(number):
        raise ActionError(f"案号“{number}”格式不正确，一审行政案件案号应形如“（2025）苏1181行初12号”。")
    clash = LitigationCase.objects.filter(case_number=number)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ActionError(f"案号“{number}”已登记，请勿重复登记。")
    return number


def _check_reconsideration(actor, organisation, co_defendant, rc):
    """The linked 复议 case must be visible, closed, about this defendant; 复议维持 makes its 复议机关 co-defendant."""
    if rc is None:
        return co_defendant
    if not ReconsiderationCase.objects.visible_to(actor).filter(pk=rc.pk).exists():
        raise ActionError("找不到所选的行政复议案件，或您无权查看。")
    if not rc.closed_on:
        # 行政复议法第二十九条: no suit while an accepted 复议 case is pending.
        raise ActionError(f"行政复议案件 {rc.number} 尚未审结，复议期间不得提起行政诉讼。")
    if organisation.pk not in (rc.respondent_id, rc.organisation_id):
        raise ActionError(f"被告机构应为行政复议案件 {rc.number} 的被申请人或复议机关。")
    if rc.outcome in UPHELD_IN_RECONSIDERATION and organisation.pk == rc.respondent_id:
        if co_defendant is not None and co_defendant.pk != rc.organisation_id:
            raise ActionError(f"复议维持的案件，复议机关（{rc.organisation.name}）为共同被告（行政诉讼法第二十六条第二款）。")
        return rc.organisation
    return co_defendant


@transaction.atomic
def register_case(*, actor, organisation: Organisation, court: str, case_number: str, plaintiffs: str,
                  contested_act: str, act_kind: str, received_on: dt.date, filed_on: dt.date | None = None,
                  co_defendant: Organisation | None = None, reconsideration_case=None,
                  reason: str = "") -> LitigationCase:
    """Register a case when the complaint copy arrives and start the 15-day answer period (第六十七条)."""
    if organisation is None:
        raise ActionError("请选择被告机构。")
    require(actor is not None and may_handle(actor, organisation), f"您没有办理“{organisation.name}”行政应诉案件的权限。")
    number = _validate_first_instance_number(case_number)
    court = _text(court, "受理法院", max_length=100)
    plaintiffs = _text(plaintiffs, "原告")
    contested_act = _text(contested_act, "被诉行政行为", max_length=300)
    act_kind = _choice(act_kind, ActKind, "行为类别")
    received_on = validate.date(received_on, RECEIVED)
    filed_on = validate.date(filed_on, "立案日期", required=False, before=[(received_on, RECEIVED)])
    co_defendant = _check_reconsideration(actor, organisation, co_defendant, reconsideration_case)
    if co_defendant is not None and co_defendant.pk == organisation.pk:
        raise ActionError("共同被告不能与被告机构相同。")
    case = LitigationCase(organisation=organisation, co_defendant=co_defendant, court=court, case_number=number,
                          plaintiffs=plaintiffs, contested_act=contested_act, act_kind=act_kind, filed_on=filed_on,
                          received_on=received_on, status=CaseStatus.PENDING_ANSWER,
                          reconsideration_case=reconsideration_case)
    case.save()
    deadline = rule_deadlines.start_deadline(case, ANSWER_RULE, received_on, actor=actor,
                                             organisation=organisation, label="提交答辩状及证据")
    case.answer_due = deadline.due
    case.save(update_fields=["answer_due"])
    audit.record(actor=actor, obj=case, action=AuditAction.CREATE, verb="登记行政应诉案件",
                 after=audit.snapshot(case), reason=reason)
    return case


@transaction.atomic
def update_case(case: LitigationCase, *, actor, reason: str = "", **changes) -> LitigationCase:
    """Correct the registered particulars of a case (not its status or outcome, which have their own actions)."""
    case = _lock(case)
    CASE.check(case, "update", actor)
    unknown = set(changes) - set(CASE_FIELDS)
    if unknown:
        raise ActionError(f"不能修改的字段：{'、'.join(sorted(unknown))}")
    before = audit.snapshot(case)
    if "case_number" in changes:
        case.case_number = _validate_first_instance_number(changes["case_number"], exclude_pk=case.pk)
    if "court" in changes:
        case.court = _text(changes["court"], "受理法院", max_length=100)
    if "plaintiffs" in changes:
        case.plaintiffs = _text(changes["plaintiffs"], "原告")
    if "contested_act" in changes:
        case.contested_act = _text(changes["contested_act"], "被诉行政行为", max_length=300)
    if "act_kind" in changes:
        case.act_kind = _choice(changes["act_kind"], ActKind, "行为类别")
    if "filed_on" in changes:
        case.filed_on = validate.date(changes["filed_on"], "立案日期", required=False,
                                      before=[(case.received_on, RECEIVED)])
    if "reconsideration_case" in changes or "co_defendant" in changes:
        rc = changes.get("reconsideration_case", case.reconsideration_case)
        co = _check_reconsideration(actor, case.organisation, changes.get("co_defendant", case.co_defendant), rc)
        if co is not None and co.pk == case.organisation_id:
            raise ActionError("共同被告不能与被告机构相同。")
        case.co_defendant, case.reconsideration_case = co, rc
    case.save()
    b, a = audit.diff(before, audit.snapshot(case))
    if a:
        audit.record(actor=actor, obj=case, action=AuditAction.UPDATE, verb="修改案件信息", before=b, after=a,
                     reason=reason)
    return case


@transaction.atomic
def submit_answer(case: LitigationCase, *, actor, on: dt.date, reason: str = "") -> LitigationCase:
    """The answer and evidence were submitted to the court; closes the answer period as met or missed."""
    case = _lock(case)
    CASE.check(case, "answer", actor)
    on = validate.date(on, "提交答辩日期", after=[(case.received_on, RECEIVED)])
    before = audit.snapshot(case, ["status", "answered_on"])
    deadline = _answer_deadline(case)
    if deadline is not None:
        rule_deadlines.complete_deadline(deadline, on=on, actor=actor)
    case.answered_on = on
    CASE.move(case, "answer")
    case.save(update_fields=["answered_on", "status", "updated_at"])
    late = case.answer_due is not None and on > case.answer_due
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb="提交答辩状及证据" + ("（逾期）" if late else ""),
                 before=before, after=audit.snapshot(case, ["status", "answered_on"]), reason=reason)
    return case


@transaction.atomic
def record_hearing(case: LitigationCase, *, actor, held_on: dt.date, appearance: str, attendee: str = "",
                   absence_reason: str = "", note: str = "") -> Hearing:
    """A court session; when neither the head nor a deputy head appeared, the reason must be given (第三条第三款)."""
    case = _lock(case)
    CASE.check(case, "hearing", actor)
    instance = Instance.FIRST if case.status in OPEN_STATUSES else Instance.SECOND
    held_on = validate.date(held_on, "开庭日期", after=[(case.received_on, RECEIVED)])
    if instance == Instance.SECOND:
        held_on = validate.date(held_on, "二审开庭日期", after=[(case.appeal.filed_on, "上诉日期")])
    appearance = _choice(appearance, Appearance, "出庭情况")
    attendee = _text(attendee, "出庭人员及职务", required=appearance in HEAD_APPEARANCES, max_length=200)
    absence_reason = _text(absence_reason, "负责人未出庭原因", required=appearance not in HEAD_APPEARANCES)
    if appearance in HEAD_APPEARANCES:
        absence_reason = ""
    if case.hearings.filter(held_on=held_on, instance=instance).exists():
        raise ActionError(f"{held_on:%Y-%m-%d} 的庭审已登记。")
    hearing = Hearing.objects.create(case=case, instance=instance, held_on=held_on, appearance=appearance,
                                     attendee=attendee, absence_reason=absence_reason,
                                     note=_text(note, "备注", required=False))
    audit.record(actor=actor, obj=case, action=AuditAction.CREATE, verb=f"登记{hearing.get_instance_display()}庭审",
                 after={"hearing": hearing.pk, "held_on": held_on, "appearance": appearance, "attendee": attendee,
                        "absence_reason": absence_reason})
    return hearing


@transaction.atomic
def record_judgment(case: LitigationCase, *, actor, outcome: str, concluded_on: dt.date, summary: str = "",
                    reason: str = "") -> LitigationCase:
    """The first instance ended: judgment, ruling, withdrawal (第六十二条) or mediation (第六十条)."""
    case = _lock(case)
    CASE.check(case, "judgment", actor)
    outcome = _choice(outcome, Outcome, "一审结果")
    last_hearing = case.hearings.order_by("-held_on").first()
    concluded_on = validate.date(concluded_on, "一审审结日期", after=[
        (case.received_on, RECEIVED), (last_hearing.held_on if last_hearing else None, "最后一次开庭日期")])
    before = audit.snapshot(case, ["status", "outcome", "concluded_on"])
    deadline = _answer_deadline(case)
    if deadline is not None and concluded_on > deadline.due:
        # The period ran out with no answer filed: it was missed, whatever the outcome.
        rule_deadlines.complete_deadline(deadline, on=concluded_on, actor=actor)
    elif deadline is not None:
        # The case ended before the answer was due (e.g. an early withdrawal): the period no longer runs.
        rule_deadlines.cancel_deadline(deadline, actor=actor, reason="案件已审结，无需答辩")
    case.outcome = outcome
    case.concluded_on = concluded_on
    case.judgment_summary = _text(summary, "裁判要旨", required=False)
    CASE.move(case, "judgment")
    case.save(update_fields=["outcome", "concluded_on", "judgment_summary", "status", "updated_at"])
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb=f"登记一审结果：{case.get_outcome_display()}",
                 before=before, after=audit.snapshot(case, ["status", "outcome", "concluded_on"]), reason=reason)
    # A first-instance judgment takes effect unless appealed; the enforcement decision it concerns is marked now and
    # its publication withdrawn (行政处罚法第四十八条第二款 runs from the change).
    outcome_recorded.send(sender=LitigationCase, case=case, correction=correction_of(outcome), on=concluded_on,
                          actor=actor, source=f"行政诉讼案件 {case.case_number}（{case.get_outcome_display()}）")
    return case


@transaction.atomic
def file_appeal(case: LitigationCase, *, actor, appellant: str, court: str, case_number: str,
                filed_on: dt.date) -> Appeal:
    """A party appealed the first-instance judgment or ruling (第八十五条)."""
    case = _lock(case)
    CASE.check(case, "appeal", actor)
    appellant = _choice(appellant, Appellant, "上诉人")
    court = _text(court, "二审法院", max_length=100)
    number = normalise_case_number(case_number)
    if not SECOND_INSTANCE_NUMBER.match(number):
        raise ActionError(f"二审案号“{number}”格式不正确，应形如“（2025）苏11行终88号”。")
    if Appeal.objects.filter(case_number=number).exists():
        raise ActionError(f"二审案号“{number}”已登记。")
    filed_on = validate.date(filed_on, "上诉日期", after=[(case.concluded_on, "一审审结日期")])
    appeal = Appeal.objects.create(case=case, appellant=appellant, court=court, case_number=number,
                                   filed_on=filed_on)
    before = audit.snapshot(case, ["status"])
    CASE.move(case, "appeal")
    case.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb="登记上诉", before=before,
                 after={"status": case.status, "appeal": appeal.pk, "appellant": appellant, "court": court,
                        "case_number": number, "filed_on": filed_on})
    return appeal


@transaction.atomic
def decide_appeal(case: LitigationCase, *, actor, outcome: str, decided_on: dt.date, summary: str = "",
                  final_outcome: str = "") -> Appeal:
    """The second instance ended (第八十九条). Upheld or withdrawn, the first-instance judgment stands. Reversed
    (第八十九条第一款第二项), the second-instance judgment decides the act: `final_outcome`. Remanded (第三项), the
    first-instance judgment is set aside and the act stands until the retrial. In both cases the enforcement decision
    concerned is marked again (`outcome_recorded` with `reverses=True`): a correction the first instance made is
    changed, or taken back."""
    case = _lock(case)
    CASE.check(case, "appeal_decision", actor)
    appeal = Appeal.objects.select_for_update().get(case=case)
    outcome = _choice(outcome, AppealOutcome, "二审结果")
    if outcome == AppealOutcome.REVERSED:
        if not final_outcome:
            raise ActionError("依法改判的，请选择二审判决对被诉行政行为的处理（改判结果）。")
        final_outcome = _choice(final_outcome, Outcome, "改判结果")
    else:
        final_outcome = ""
    decided_on = validate.date(decided_on, "二审审结日期", after=[(appeal.filed_on, "上诉日期")])
    appeal.outcome, appeal.decided_on, appeal.final_outcome = outcome, decided_on, final_outcome
    appeal.summary = _text(summary, "二审裁判要旨", required=False)
    appeal.save(update_fields=["outcome", "decided_on", "summary", "final_outcome"])
    CASE.move(case, "appeal_decision")
    case.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb=f"登记二审结果：{appeal.get_outcome_display()}",
                 before={"status": CaseStatus.APPEALED},
                 after={"status": case.status, "appeal_outcome": outcome, "decided_on": decided_on,
                        "final_outcome": final_outcome})
    if outcome in (AppealOutcome.REVERSED, AppealOutcome.REMANDED):
        label = f"二审改判：{Outcome(final_outcome).label}" if final_outcome else "二审发回重审"
        outcome_recorded.send(sender=LitigationCase, case=case, correction=correction_of(final_outcome),
                              on=decided_on, actor=actor, reverses=True,
                              source=f"行政诉讼案件 {appeal.case_number}（{label}）")
    return appeal


@transaction.atomic
def record_suggestion(case: LitigationCase, *, actor, court: str, received_on: dt.date, content: str,
                      number: str = "") -> JudicialSuggestion:
    """A 司法建议书 received from the court (行政诉讼法第九十六条、第六十六条 and the courts' practice)."""
    case = _lock(case)
    CASE.check(case, "suggestion", actor)
    received_on = validate.date(received_on, "收到日期", after=[(case.received_on, RECEIVED)])
    s = JudicialSuggestion.objects.create(case=case, court=_text(court, "发出法院", max_length=100),
                                          number=_text(number, "文号", required=False, max_length=80),
                                          received_on=received_on, content=_text(content, "建议内容"))
    audit.record(actor=actor, obj=case, action=AuditAction.CREATE, verb="登记司法建议书",
                 after={"suggestion": s.pk, "court": s.court, "number": s.number, "received_on": received_on})
    return s


@transaction.atomic
def reply_suggestion(suggestion: JudicialSuggestion, *, actor, replied_on: dt.date, reply: str) -> JudicialSuggestion:
    """The agency's reply to a 司法建议书 and what it changed."""
    s = JudicialSuggestion.objects.select_for_update().select_related("case__organisation").get(pk=suggestion.pk)
    SUGGESTION.check(s, "reply", actor)
    s.replied_on = validate.date(replied_on, "回复日期", after=[(s.received_on, "收到日期")])
    s.reply = _text(reply, "回复及整改情况")
    s.save(update_fields=["replied_on", "reply"])
    audit.record(actor=actor, obj=s.case, action=AuditAction.UPDATE, verb="回复司法建议书",
                 after={"suggestion": s.pk, "replied_on": s.replied_on, "reply": s.reply})
    return s
