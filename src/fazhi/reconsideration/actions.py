"""Every change of state of a 行政复议 case: one function per procedural step (行政复议法 2023).

Each action runs in a transaction, checks the actor's permission and the step's conditions, moves the case's
state machine, starts, pauses, resumes or completes the statutory deadlines (fazhi.rules.deadlines) and writes
the audit event. Views, the API, the Excel import, the demo and `fazhi tick` all come through here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django_fsm import can_proceed, has_transition_perm

from fazhi.calendar.workdays import next_working_day
from fazhi.core import audit, clock
from fazhi.core.choices import AuditAction, OrgKind, Role
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError, has_role, require
from fazhi.reconsideration import documents
from fazhi.reconsideration.choices import (
    DECISION_OUTCOMES,
    DOCUMENT_CODE,
    REVIEW_OPEN,
    ActKind,
    CaseStatus,
    Channel,
    DocumentKind,
    DocumentStatus,
    HearingKind,
    LetterKind,
    Outcome,
    PartyKind,
    PartyRole,
    Procedure,
    ReviewStatus,
    SuspensionGround,
)
from fazhi.reconsideration.models import (
    Case,
    CaseDocument,
    Hearing,
    IncidentalReview,
    Letter,
    Party,
    Suspension,
    may_handle,
)
from fazhi.rules import deadlines as dl
from fazhi.rules.engine import compute_due
from fazhi.rules.models import Deadline

# Art. 20(1): 60 days from knowing of the act. Only a warning at intake: a longer statutory period, force
# majeure (art. 20(2)) or an agency that did not tell the applicant of the right (art. 20(3)) may extend it.
APPLICATION_PERIOD_DAYS = 60

RULE_ACCEPTANCE = "reconsideration.acceptance"
RULE_SUPPLEMENT = "reconsideration.supplement"
RULE_OPINION_FOLLOWUP = "reconsideration.opinion_followup"
RULE_SUPPLEMENT_REPLY = "reconsideration.supplement_reply"
RULE_HEARING_NOTICE = "reconsideration.hearing_notice"
RULE_REVIEW_HANDLE = "reconsideration.incidental_review.handle"
RULE_REVIEW_TRANSFER = "reconsideration.incidental_review.transfer"
RULE_MAKER_NOTICE = "reconsideration.incidental_review.maker_notice"
RULE_MAKER_ANSWER = "reconsideration.incidental_review.maker_answer"
RULE_TRANSFEREE_REPLY = "reconsideration.incidental_review.transferee_reply"
RULES = {
    Procedure.ORDINARY: {"copy": "reconsideration.copy_to_respondent", "answer": "reconsideration.answer",
                         "decision": "reconsideration.decision"},
    Procedure.SIMPLIFIED: {"copy": "reconsideration.copy_to_respondent.simplified",
                           "answer": "reconsideration.answer.simplified",
                           "decision": "reconsideration.decision.simplified"},
}
DECISION_RULES = (RULES[Procedure.ORDINARY]["decision"], RULES[Procedure.SIMPLIFIED]["decision"])
OPEN = "open"


# --- helpers ---


def _today() -> dt.date:
    return clock.today()


def _name(actor) -> str:
    if actor is None:
        return "系统"
    return actor.get_full_name() or actor.get_username()


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("organisation", "respondent").get(pk=case.pk)


def _check(case: Case, method: str, actor, message: str):
    """The FSM guard: the transition must be possible from the current state and allowed for the actor."""
    bound = getattr(case, method)
    if not can_proceed(bound):
        raise ActionError(f"案件当前状态为“{case.get_status_display()}”，{message}")
    if actor is not None and not has_transition_perm(bound, actor):
        raise ActionError("您没有办理该行政复议案件的权限。")


def _open_deadline(subject, *rule_ids: str) -> Deadline | None:
    return dl.deadlines_for(subject).filter(rule_id__in=rule_ids, status=OPEN).order_by("-pk").first()


def _start(subject, rule_id: str, start: dt.date, *, actor, organisation, label: str) -> Deadline:
    return dl.start_deadline(subject, rule_id, start, actor=actor, organisation=organisation, label=label)


def _complete(subject, on: dt.date, actor, *rule_ids: str) -> Deadline | None:
    d = _open_deadline(subject, *rule_ids)
    if d is not None:
        d = dl.complete_deadline(d, on=on, actor=actor)
    return d


def _cancel_open(subject, actor, reason: str):
    for d in dl.deadlines_for(subject).filter(status=OPEN):
        dl.cancel_deadline(d, actor=actor, reason=reason)


def _not_before(on: dt.date, earlier: dt.date | None, what: str):
    if earlier and on < earlier:
        raise ActionError(f"日期 {on:%Y-%m-%d} 不能早于{what}（{earlier:%Y-%m-%d}）。")


def _not_future(on: dt.date, what: str = "日期"):
    if on > _today():
        raise ActionError(f"{what}（{on:%Y-%m-%d}）不能晚于今天。")


def document_prefix(organisation: Organisation) -> str:
    """清源县人民政府 → 清府 (the usual 机关代字 of a government); other bodies use their short name."""
    if organisation.kind == OrgKind.GOVERNMENT:
        return organisation.name[:1] + "府"
    return (organisation.short_name or organisation.name)[:2]


def application_deadline(known_on: dt.date) -> dt.date:
    """Art. 20(1) with 民事诉讼法 on 期间: the starting day excluded; a last day on a holiday moves on."""
    return next_working_day(known_on + dt.timedelta(days=APPLICATION_PERIOD_DAYS))


def late_warning(known_on: dt.date | None, received_on: dt.date) -> str:
    if known_on is None:
        return ""
    last = application_deadline(known_on)
    if received_on > last:
        return (f"申请可能已超过法定申请期限：自知道该行政行为之日（{known_on:%Y-%m-%d}）起六十日，"
                f"应于 {last:%Y-%m-%d} 前提出（《行政复议法》第二十条）。请核实是否有正当理由或更长的法定期限。")
    return ""


def _draft(subject_case: Case | None, kind: str, *, actor, letter: Letter | None = None) -> CaseDocument:
    organisation = subject_case.organisation if subject_case is not None else letter.organisation
    existing = CaseDocument.objects.filter(case=subject_case, letter=letter, kind=kind,
                                           status=DocumentStatus.DRAFT).first()
    if existing is not None:
        return existing
    title, recipients, body = documents.render(kind, case=subject_case, letter=letter)
    doc = CaseDocument.objects.create(organisation=organisation, case=subject_case, letter=letter, kind=kind,
                                      title=title, recipients=recipients, body=body)
    audit.record(actor=actor, obj=doc, organisation=organisation, action=AuditAction.CREATE, verb="生成文书草稿",
                 after={"kind": kind, "title": title})
    return doc


# --- intake (arts. 20–22) ---


@transaction.atomic
def register_application(*, actor, organisation: Organisation, respondent: Organisation, parties: list[dict],
                         act_kind: str, act_description: str, received_on: dt.date, channel: str, request: str,
                         known_on: dt.date | None = None, act_date: dt.date | None = None,
                         act_document_number: str = "", act_on_the_spot: bool = False, act_is_warning: bool = False,
                         amount: Decimal | None = None, parties_consent_simplified: bool = False, facts: str = "",
                         handler=None) -> Case:
    """Register an application (written or oral, art. 22) and start the 5-working-day review (art. 30)."""
    require(may_handle(actor, organisation), "您没有在该复议机关登记行政复议申请的权限。")
    if respondent.pk == organisation.pk:
        raise ActionError("被申请人不能是复议机关本身。")
    if act_kind not in ActKind.values:
        raise ActionError(f"未知的行政行为类别：{act_kind}")
    if channel not in Channel.values:
        raise ActionError(f"未知的申请方式：{channel}")
    if not (act_description or "").strip():
        raise ActionError("请填写被申请复议的行政行为。")
    if not (request or "").strip():
        raise ActionError("请填写行政复议请求（第二十二条）。")
    _not_future(received_on, "收到申请日期")
    if known_on and known_on > received_on:
        raise ActionError("知道该行政行为之日不能晚于收到申请日期。")
    if act_date and known_on and act_date > known_on:
        raise ActionError("行政行为作出日期不能晚于知道该行政行为之日。")
    if amount is not None and amount < 0:
        raise ActionError("涉及款额不能为负数。")
    applicants = [p for p in parties if p.get("role", PartyRole.APPLICANT) == PartyRole.APPLICANT]
    if not applicants or not all((p.get("name") or "").strip() for p in parties):
        raise ActionError("至少需要一名申请人，且每位当事人都须填写姓名或名称（第十四条）。")
    for p in parties:
        if p.get("role", PartyRole.APPLICANT) not in PartyRole.values:
            raise ActionError(f"未知的当事人身份：{p.get('role')}")
        if p.get("kind", PartyKind.PERSON) not in PartyKind.values:
            raise ActionError(f"未知的当事人类型：{p.get('kind')}")
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()  # serialise the numbering
    year = received_on.year
    seq = (Case.objects.filter(organisation=organisation, year=year).aggregate(m=Max("seq"))["m"] or 0) + 1
    case = Case.objects.create(
        organisation=organisation, respondent=respondent, year=year, seq=seq,
        number=f"{document_prefix(organisation)}复〔{year}〕{seq}号",
        act_kind=act_kind, act_description=act_description.strip(), act_document_number=act_document_number,
        act_date=act_date, known_on=known_on, act_on_the_spot=act_on_the_spot, act_is_warning=act_is_warning,
        amount=amount, parties_consent_simplified=parties_consent_simplified, request=request.strip(),
        facts=facts, received_on=received_on, channel=channel, late_warning=late_warning(known_on, received_on),
        handler=handler,
    )
    for p in parties:
        Party.objects.create(case=case, role=p.get("role", PartyRole.APPLICANT),
                             kind=p.get("kind", PartyKind.PERSON), name=p["name"].strip(),
                             id_number=p.get("id_number", "") or "", phone=p.get("phone", "") or "",
                             address=p.get("address", "") or "")
    audit.record(actor=actor, obj=case, organisation=organisation, action=AuditAction.CREATE, verb="登记行政复议申请",
                 after=audit.snapshot(case) | {"parties": [p["name"] for p in parties]},
                 reason=case.late_warning)
    # Art. 30(1): review within 5 (working, art. 88) days of receipt.
    _start(case, RULE_ACCEPTANCE, received_on, actor=actor, organisation=organisation, label="受理审查")
    return case


# --- 补正 (art. 31) ---


@transaction.atomic
def request_supplement(case: Case, *, actor, on: dt.date, items: str, draft: bool = True) -> Case:
    """Art. 31(1): one notice listing everything to supplement; the review clock pauses until it arrives."""
    case = _lock(case)
    _check(case, "ask_supplement", actor, "不能通知补正。")
    if not (items or "").strip():
        raise ActionError("补正通知应当一次性载明需要补正的事项（第三十一条第一款）。")
    _not_before(on, case.received_on, "收到申请日期")
    acceptance = _open_deadline(case, RULE_ACCEPTANCE)
    if acceptance is not None and on > acceptance.due:
        raise ActionError(f"补正通知应在收到申请之日起五个工作日内发出（应于 {acceptance.due:%Y-%m-%d} 前）；"
                          "审查期限已届满，申请已视为受理（第三十条第三款）。")
    case.ask_supplement()
    case.supplement_requested_on, case.supplement_items = on, items.strip()
    case.save()
    if acceptance is not None:
        dl.pause_deadline(acceptance, start=on, kind="补正", reason=items, actor=actor)
    # Art. 31(1): the notice is due within 5 working days of receipt; record whether it was in time.
    notice = _start(case, RULE_SUPPLEMENT, case.received_on, actor=actor, organisation=case.organisation,
                    label="发出补正通知")
    dl.complete_deadline(notice, on=on, actor=actor)
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb="通知补正",
                 after={"status": case.status, "supplement_items": items, "on": on})
    if draft:
        _draft(case, DocumentKind.SUPPLEMENT_NOTICE, actor=actor)
    return case


@transaction.atomic
def receive_supplement(case: Case, *, actor, on: dt.date) -> Case:
    """Art. 31(3): the material arrived; the acceptance review continues."""
    case = _lock(case)
    _check(case, "supplement_received", actor, "不能登记补正材料。")
    _not_before(on, case.received_on, "收到申请日期")
    _not_before(on, case.supplement_requested_on, "补正通知日期")
    case.supplement_received()
    case.save()
    acceptance = _open_deadline(case, RULE_ACCEPTANCE)
    if acceptance is not None:
        dl.resume_deadline(acceptance, on=on, actor=actor)
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb="收到补正材料",
                 after={"status": case.status, "on": on})
    return case


def _period_end(rule_id: str, start: dt.date) -> dt.date | None:
    """The end of a period that is checked, not tracked, under the rule version in force on `start`; None where
    the law then in force set no such period (the 1999 law had none for the supplement or the hearing notice)."""
    try:
        return compute_due(rule_id, start, with_text=False).due
    except ActionError:
        return None


def supplement_reply_due(case: Case) -> dt.date | None:
    """Art. 31(2): the applicant's period for the supplement, counted from the notice (rule
    reconsideration.supplement_reply)."""
    if case.supplement_requested_on is None:
        return None
    return _period_end(RULE_SUPPLEMENT_REPLY, case.supplement_requested_on)


@transaction.atomic
def mark_abandoned(case: Case, *, actor, on: dt.date, reason: str = "") -> Case:
    """Art. 31(2): no supplement within the period and no good reason: deemed abandoned, recorded."""
    case = _lock(case)
    _check(case, "abandon", actor, "不能记录视为放弃。")
    last = supplement_reply_due(case)
    if last is not None and on <= last:
        raise ActionError(f"补正期限至 {last:%Y-%m-%d} 届满，期满前不能视为放弃申请（第三十一条第二款）。")
    case.abandon()
    case.save()
    _cancel_open(case, actor, "申请人逾期未补正，视为放弃行政复议申请")
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb="视为放弃申请",
                 after={"status": case.status, "on": on}, reason=reason)
    return case


# --- acceptance (art. 30) ---


def _choose_procedure(case: Case, procedure: str | None) -> str:
    procedure = procedure or Procedure.ORDINARY
    if procedure not in Procedure.values:
        raise ActionError(f"未知的审理程序：{procedure}")
    if procedure == Procedure.SIMPLIFIED and not case.simplified_available():
        raise ActionError("本案不符合适用简易程序的条件：需行政行为当场作出、警告或者通报批评、涉及款额三千元以下、"
                          "属于政府信息公开案件之一，或者当事人各方同意（第五十三条）。")
    return procedure


def _start_hearing_clocks(case: Case, actor):
    rules = RULES[case.procedure]
    # Art. 48 / 54: copy to the respondent within 7 (simplified: 3) working days of acceptance.
    _start(case, rules["copy"], case.accepted_on, actor=actor, organisation=case.organisation,
           label="发送申请书副本")
    # Art. 62: decide within 60 (simplified: 30) days of acceptance.
    _start(case, rules["decision"], case.accepted_on, actor=actor, organisation=case.organisation,
           label="作出行政复议决定")


@transaction.atomic
def accept_case(case: Case, *, actor, on: dt.date, procedure: str | None = None, handler=None,
                draft: bool = True) -> Case:
    """Art. 30(1). When the review period has already run out, the case was accepted on its last day (30(3))."""
    case = _lock(case)
    _check(case, "accept", actor, "不能受理。")
    _not_before(on, case.received_on, "收到申请日期")
    case.procedure = _choose_procedure(case, procedure)
    acceptance = _open_deadline(case, RULE_ACCEPTANCE)
    deemed = acceptance is not None and on > acceptance.due
    accepted_on = acceptance.due if deemed else on
    case.accept()
    case.accepted_on, case.deemed_accepted = accepted_on, deemed
    if handler is not None:
        case.handler = handler
    case.save()
    if acceptance is not None:
        dl.complete_deadline(acceptance, on=accepted_on, actor=actor)
    _start_hearing_clocks(case, actor)
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION,
                 verb="视为受理" if deemed else "受理",
                 after={"status": case.status, "accepted_on": accepted_on, "procedure": case.procedure,
                        "deemed_accepted": deemed},
                 reason="审查期限届满未作出不予受理决定，自期限届满之日起视为受理（第三十条第三款）" if deemed else "")
    if draft:
        _draft(case, DocumentKind.ACCEPTANCE_NOTICE, actor=actor)
        _draft(case, DocumentKind.ANSWER_NOTICE, actor=actor)
    return case


@transaction.atomic
def reject_case(case: Case, *, actor, on: dt.date, reason: str, competent_body: str = "",
                draft: bool = True) -> Case:
    """Art. 30(2): 不予受理 with reasons, within the review period; name the competent body if not ours."""
    case = _lock(case)
    _check(case, "reject", actor, "不能作出不予受理决定。")
    if not (reason or "").strip():
        raise ActionError("不予受理应当说明理由（第三十条第二款）。")
    _not_before(on, case.received_on, "收到申请日期")
    acceptance = _open_deadline(case, RULE_ACCEPTANCE)
    if acceptance is not None and on > acceptance.due:
        raise ActionError(f"审查期限已于 {acceptance.due:%Y-%m-%d} 届满，申请已视为受理（第三十条第三款），"
                          "不能再决定不予受理；如不符合受理条件，应在受理后决定驳回申请（第三十三条）。")
    case.reject()
    case.rejected_on, case.rejection_reason, case.competent_body = on, reason.strip(), competent_body.strip()
    case.save()
    if acceptance is not None:
        dl.complete_deadline(acceptance, on=on, actor=actor)
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb="不予受理",
                 after={"status": case.status, "rejected_on": on, "competent_body": case.competent_body},
                 reason=case.rejection_reason)
    if draft:
        _draft(case, DocumentKind.REJECTION_DECISION, actor=actor)
    return case


def due_for_deemed_acceptance(today: dt.date):
    """Cases still under review whose 5-working-day period ended before today."""
    ids = Deadline.objects.filter(rule_id=RULE_ACCEPTANCE, status=OPEN, due__lt=today,
                                  content_type__app_label="reconsideration", content_type__model="case") \
        .values_list("object_id", flat=True)
    return Case.objects.filter(status=CaseStatus.RECEIVED, pk__in=[int(i) for i in ids])


def apply_deemed_acceptance(today: dt.date | None = None) -> list[Case]:
    """Art. 30(3): accept every case whose review period ran out with no 不予受理 decision (run by `fazhi tick`
    and on opening the case list)."""
    today = today or _today()
    done = []
    for case in due_for_deemed_acceptance(today):
        try:
            done.append(accept_case(case, actor=None, on=today))
        except ActionError:  # another request or the tick got there first
            continue
    return done


# --- hearing (arts. 48–55) ---


@transaction.atomic
def send_copy(case: Case, *, actor, on: dt.date, respondent_received_on: dt.date | None = None) -> Case:
    """Art. 48 / 54: the copy goes to the respondent, whose answer period starts on receipt."""
    case = _lock(case)
    require(may_handle(actor, case.organisation), "您没有办理该行政复议案件的权限。")
    if case.status not in (CaseStatus.ACCEPTED, CaseStatus.SUSPENDED):
        raise ActionError("只有已受理、尚未审结的案件才能发送申请书副本。")
    if case.copy_sent_on:
        raise ActionError(f"申请书副本已于 {case.copy_sent_on:%Y-%m-%d} 发送。")
    _not_before(on, case.accepted_on, "受理日期")
    received = respondent_received_on or on
    _not_before(received, on, "发送日期")
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
    require(may_handle(actor, case.organisation) or has_role(actor, case.respondent, Role.LEGAL_OFFICER),
            "您没有登记该案答复的权限。")
    if not case.copy_sent_on:
        raise ActionError("尚未发送申请书副本，不能登记答复。")
    if case.answered_on:
        raise ActionError(f"答复已于 {case.answered_on:%Y-%m-%d} 登记。")
    _not_before(on, case.copy_sent_on, "副本发送日期")
    case.answered_on = on
    case.save(update_fields=["answered_on", "updated_at"])
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
    require(may_handle(actor, case.organisation), "您没有办理该行政复议案件的权限。")
    if case.status not in (CaseStatus.ACCEPTED, CaseStatus.SUSPENDED) or case.procedure != Procedure.SIMPLIFIED:
        raise ActionError("只有适用简易程序、尚未审结的案件才能转为普通程序。")
    if not (approver or "").strip():
        raise ActionError("转为普通程序须经行政复议机构的负责人批准（第五十五条），请填写批准人。")
    _not_before(on, case.accepted_on, "受理日期")
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
                   notified_on: dt.date | None = None) -> Hearing:
    """Art. 49 (hearing the parties), 50–51 (听证: 1 presiding, ≥2 hearing officers, 1 clerk), 52 (委员会)."""
    case = _lock(case)
    require(may_handle(actor, case.organisation), "您没有办理该行政复议案件的权限。")
    if case.status not in (CaseStatus.ACCEPTED, CaseStatus.SUSPENDED):
        raise ActionError("只有已受理、尚未审结的案件才能安排听证或咨询。")
    if kind not in HearingKind.values:
        raise ActionError(f"未知的类型：{kind}")
    _not_before(held_on, case.accepted_on, "受理日期")
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
    h = Hearing.objects.create(case=case, kind=kind, held_on=held_on, notified_on=notified_on, place=place,
                               presiding=presiding, members=members, clerk=clerk, summary=summary)
    audit.record(actor=actor, obj=case, action=AuditAction.CREATE, verb=f"记录{h.get_kind_display()}",
                 after={"kind": kind, "held_on": held_on, "place": place, "presiding": presiding})
    return h


# --- 中止, 恢复, extension (arts. 39, 62) ---


@transaction.atomic
def suspend_case(case: Case, *, actor, on: dt.date, ground: str, reason: str = "") -> Suspension:
    """Art. 39: the decision period pauses while the case is suspended; the parties are told in writing."""
    case = _lock(case)
    _check(case, "suspend", actor, "不能中止。")
    if ground not in SuspensionGround.values:
        raise ActionError("请选择第三十九条规定的中止情形。")
    _not_before(on, case.accepted_on, "受理日期")
    case.suspend()
    case.save()
    s = Suspension.objects.create(case=case, ground=ground, start=on, reason=reason)
    d = _open_deadline(case, *DECISION_RULES)
    if d is not None:
        dl.pause_deadline(d, start=on, kind="中止", reason=s.get_ground_display(), actor=actor)
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb="中止审理",
                 after={"status": case.status, "ground": s.get_ground_display(), "on": on}, reason=reason)
    return s


@transaction.atomic
def resume_case(case: Case, *, actor, on: dt.date, reason: str = "") -> Case:
    """Art. 39(2): resume once the cause is gone; the decision period runs on."""
    case = _lock(case)
    _check(case, "resume", actor, "不能恢复审理。")
    s = case.suspensions.filter(end__isnull=True).order_by("-start").first()
    if s is not None:
        _not_before(on, s.start, "中止日期")
        s.end = on
        s.save(update_fields=["end"])
    case.resume()
    case.save()
    d = _open_deadline(case, *DECISION_RULES)
    if d is not None:
        dl.resume_deadline(d, on=on, actor=actor)
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb="恢复审理",
                 after={"status": case.status, "on": on}, reason=reason)
    return case


@transaction.atomic
def extend_case(case: Case, *, actor, on: dt.date, approver: str, reason: str, draft: bool = True) -> Case:
    """Art. 62(1): a complex ordinary case may be extended by at most 30 days, approved by the head of the
    复议机构, with written notice to the parties."""
    case = _lock(case)
    require(may_handle(actor, case.organisation), "您没有办理该行政复议案件的权限。")
    if case.status not in (CaseStatus.ACCEPTED, CaseStatus.SUSPENDED):
        raise ActionError("只有已受理、尚未审结的案件才能延期。")
    if case.procedure != Procedure.ORDINARY:
        raise ActionError("简易程序案件不能延长审理期限；确需延长的，应先转为普通程序（第五十五条、第六十二条）。")
    if case.extended:
        raise ActionError("本案已经延期一次，延长期限最多不得超过三十日（第六十二条第一款）。")
    if not (approver or "").strip():
        raise ActionError("延期须经行政复议机构的负责人批准（第六十二条第一款），请填写批准人。")
    if not (reason or "").strip():
        raise ActionError("请说明延期理由（情况复杂，不能在规定期限内作出决定）。")
    d = _open_deadline(case, RULES[Procedure.ORDINARY]["decision"])
    if d is None:
        raise ActionError("没有正在计算的审理期限，不能延期。")
    if on > d.due:
        raise ActionError(f"审理期限已于 {d.due:%Y-%m-%d} 届满，应在期限届满前批准延期。")
    dl.extend_deadline(d, approver=approver.strip(), on=on, actor=actor, reason=reason)
    case.extended, case.extension_approver = True, approver.strip()
    case.save(update_fields=["extended", "extension_approver", "updated_at"])
    audit.record(actor=actor, obj=case, verb="延长审理期限", after={"approver": case.extension_approver, "on": on},
                 reason=reason)
    if draft:
        _draft(case, DocumentKind.EXTENSION_NOTICE, actor=actor)
    return case


# --- conclusion (arts. 33, 41, 63–74) ---


def _conclude(case: Case, *, actor, on: dt.date, outcome: str, reason: str, verb: str, doc_kind: str | None,
              draft: bool, compensation: bool = False) -> Case:
    _check(case, "conclude", actor, "不能审结。")
    _not_before(on, case.accepted_on, "受理日期")
    suspension = case.suspensions.filter(end__isnull=True).first()
    if suspension is not None:
        _not_before(on, suspension.start, "中止日期")
        suspension.end = on
        suspension.save(update_fields=["end"])
    case.conclude()
    case.outcome, case.closed_on, case.outcome_reason = outcome, on, (reason or "").strip()
    case.compensation_ordered = compensation
    case.save()
    decision = _open_deadline(case, *DECISION_RULES)
    if decision is not None:
        dl.complete_deadline(decision, on=on, actor=actor)  # closes an open 中止 pause too
    _cancel_open(case, actor, "案件已审结")
    for review in case.incidental_reviews.filter(status__in=REVIEW_OPEN):
        _cancel_open(review, actor, "行政复议案件已审结")
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb=verb,
                 after={"status": case.status, "outcome": outcome, "closed_on": on,
                        "compensation_ordered": compensation}, reason=case.outcome_reason)
    if draft and doc_kind:
        _draft(case, doc_kind, actor=actor)
    return case


@transaction.atomic
def decide_case(case: Case, *, actor, on: dt.date, outcome: str, reason: str, compensation: bool = False,
                draft: bool = True) -> Case:
    """A 行政复议决定 of one of the kinds in arts. 63–72, or 驳回申请 for an accepted case that turns out not to
    meet art. 30 (art. 33)."""
    case = _lock(case)
    if outcome not in DECISION_OUTCOMES:
        raise ActionError("请选择第六十三条至第七十二条规定的决定类型，或驳回申请（第三十三条）。")
    if case.status == CaseStatus.SUSPENDED:
        raise ActionError("案件处于中止状态，应先恢复审理再作出决定（第三十九条第二款）。")
    if not (reason or "").strip():
        raise ActionError("请填写决定理由。")
    if outcome == Outcome.DISMISSED and case.act_kind != ActKind.NONPERFORMANCE:
        raise ActionError("驳回复议请求适用于申请人认为被申请人不履行法定职责的案件（第六十九条）。")
    if outcome == Outcome.ORDERED_TO_PERFORM and case.act_kind != ActKind.NONPERFORMANCE:
        raise ActionError("责令履行适用于被申请人不履行法定职责的案件（第六十六条）。")
    if compensation and outcome not in (Outcome.REVOKED, Outcome.ALTERED, Outcome.CONFIRMED_ILLEGAL,
                                        Outcome.CONFIRMED_VOID):
        raise ActionError("一并决定赔偿只能与撤销、变更、确认违法或确认无效决定同时作出（第七十二条）。")
    label = Outcome(outcome).label
    return _conclude(case, actor=actor, on=on, outcome=outcome, reason=reason, compensation=compensation,
                     verb="驳回申请" if outcome == Outcome.APPLICATION_DISMISSED else f"作出复议决定（{label}）",
                     doc_kind=DocumentKind.DECISION, draft=draft)


@transaction.atomic
def mediate_case(case: Case, *, actor, on: dt.date, agreement: str, draft: bool = True) -> Case:
    """Art. 73: the parties agree; the 调解书, signed by them and sealed, closes the case."""
    case = _lock(case)
    if not (agreement or "").strip():
        raise ActionError("请填写调解协议的内容。")
    return _conclude(case, actor=actor, on=on, outcome=Outcome.MEDIATED, reason=agreement, verb="调解结案",
                     doc_kind=DocumentKind.MEDIATION, draft=draft)


@transaction.atomic
def terminate_case(case: Case, *, actor, on: dt.date, reason: str, settled: bool = False,
                   draft: bool = True) -> Case:
    """Art. 41 (withdrawal, death, dissolution …) or art. 74 (settlement, then withdrawal): 终止."""
    case = _lock(case)
    if not (reason or "").strip():
        raise ActionError("请填写终止的事由（第四十一条）。")
    outcome = Outcome.SETTLED if settled else Outcome.TERMINATED
    return _conclude(case, actor=actor, on=on, outcome=outcome, reason=reason,
                     verb="和解撤回，终止行政复议" if settled else "终止行政复议",
                     doc_kind=DocumentKind.TERMINATION, draft=draft)


# --- 意见书 and 建议书 (art. 76; 实施条例 art. 58) ---


@transaction.atomic
def issue_letter(*, actor, organisation: Organisation, kind: str, recipient: Organisation, issued_on: dt.date,
                 subject: str, content: str = "", case: Case | None = None, draft: bool = True) -> Letter:
    """A 意见书 obliges the recipient to report its corrections within 60 days (art. 76); a 建议书 does not."""
    require(may_handle(actor, organisation), "您没有以该复议机关名义制发文书的权限。")
    if kind not in LetterKind.values:
        raise ActionError(f"未知的类型：{kind}")
    if not (subject or "").strip():
        raise ActionError("请填写事由。")
    if case is not None and case.organisation_id != organisation.pk:
        raise ActionError("该案件不属于本复议机关。")
    _not_future(issued_on, "制发日期")
    letter = Letter.objects.create(organisation=organisation, case=case, kind=kind, recipient=recipient,
                                   issued_on=issued_on, subject=subject.strip(), content=content)
    audit.record(actor=actor, obj=letter, organisation=organisation, action=AuditAction.CREATE,
                 verb=f"制发{letter.get_kind_display()}", after=audit.snapshot(letter))
    if kind == LetterKind.OPINION:
        # The report is the recipient's duty: the deadline belongs to it (and shows on its own lists).
        _start(letter, RULE_OPINION_FOLLOWUP, issued_on, actor=actor, organisation=recipient,
               label="报送纠正情况")
    if draft:
        _draft(None, DocumentKind.OPINION_LETTER if kind == LetterKind.OPINION else DocumentKind.SUGGESTION_LETTER,
               actor=actor, letter=letter)
    return letter


@transaction.atomic
def record_letter_reply(letter: Letter, *, actor, on: dt.date, reply: str) -> Letter:
    """Art. 76: the recipient reports how it corrected the act. Its legal officer may file the report."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    require(may_handle(actor, letter.organisation) or has_role(actor, letter.recipient, Role.LEGAL_OFFICER),
            "您没有登记该文书反馈的权限。")
    if letter.replied_on:
        raise ActionError(f"反馈已于 {letter.replied_on:%Y-%m-%d} 登记。")
    if not (reply or "").strip():
        raise ActionError("请填写纠正情况。")
    _not_before(on, letter.issued_on, "制发日期")
    letter.replied_on, letter.reply = on, reply.strip()
    letter.save(update_fields=["replied_on", "reply"])
    _complete(letter, on, actor, RULE_OPINION_FOLLOWUP)
    audit.record(actor=actor, obj=letter, organisation=letter.organisation, verb="登记整改反馈",
                 after={"replied_on": on}, reason=reply)
    return letter


# --- 附带审查 (arts. 13, 56–60): a sub-case with its own deadlines, linked to the case it suspends ---


def _review_for_update(review: IncidentalReview, actor) -> IncidentalReview:
    review = IncidentalReview.objects.select_for_update().select_related("case__organisation").get(pk=review.pk)
    require(may_handle(actor, review.case.organisation), "您没有办理该行政复议案件的权限。")
    return review


def _review_clock(review: IncidentalReview, rule_id: str, start: dt.date, actor, label: str) -> Deadline:
    return _start(review, rule_id, start, actor=actor, organisation=review.case.organisation, label=label)


@transaction.atomic
def request_incidental_review(case: Case, *, actor, on: dt.date, document_title: str, maker: str,
                              competent: bool = True) -> IncidentalReview:
    """The applicant asks to review a normative document (art. 13); the case is suspended meanwhile
    (art. 39(1)(9)). Art. 56: handled within 30 days when this body may handle it, else transferred within 7
    (working) days; art. 58: the maker is told in writing within 3 (working) days of the suspension."""
    case = _lock(case)
    require(may_handle(actor, case.organisation), "您没有办理该行政复议案件的权限。")
    if case.status not in (CaseStatus.ACCEPTED, CaseStatus.SUSPENDED):
        raise ActionError("只有已受理、尚未审结的案件才能提出附带审查。")
    if not (document_title or "").strip() or not (maker or "").strip():
        raise ActionError("请填写规范性文件名称和制定机关。")
    _not_before(on, case.accepted_on, "受理日期")
    review = IncidentalReview.objects.create(case=case, document_title=document_title.strip(), maker=maker.strip(),
                                             requested_on=on, competent=competent)
    audit.record(actor=actor, obj=review, action=AuditAction.CREATE, verb="提出规范性文件附带审查",
                 after={"case": case.number, "document": review.document_title, "maker": review.maker,
                        "competent": competent})
    audit.record(actor=actor, obj=case, verb="规范性文件附带审查",
                 after={"document": review.document_title, "maker": review.maker, "competent": competent})
    if case.status == CaseStatus.ACCEPTED:
        suspend_case(case, actor=actor, on=on, ground=SuspensionGround.INCIDENTAL_REVIEW,
                     reason=f"对《{review.document_title}》进行附带审查")
    if competent:
        _review_clock(review, RULE_REVIEW_HANDLE, on, actor, f"附带审查处理：《{review.document_title}》")
        _review_clock(review, RULE_MAKER_NOTICE, on, actor, f"书面通知{review.maker}答复")
    else:
        _review_clock(review, RULE_REVIEW_TRANSFER, on, actor, f"附带审查转送：《{review.document_title}》")
    return review


@transaction.atomic
def notify_maker(review: IncidentalReview, *, actor, on: dt.date, received_on: dt.date | None = None
                 ) -> IncidentalReview:
    """Art. 58: the maker is asked in writing to answer on the lawfulness of the clauses; it answers within 10
    (working) days of receiving the notice."""
    review = _review_for_update(review, actor)
    if not review.competent or review.status != ReviewStatus.PENDING:
        raise ActionError("只有本机关有权处理、尚在审查中的附带审查才需要书面通知制定机关。")
    if review.maker_notified_on:
        raise ActionError(f"已于 {review.maker_notified_on:%Y-%m-%d} 书面通知制定机关。")
    _not_before(on, review.requested_on, "提出日期")
    _not_future(on, "通知日期")
    received = received_on or on
    _not_before(received, on, "通知日期")
    review.maker_notified_on = on
    review.save(update_fields=["maker_notified_on"])
    _complete(review, on, actor, RULE_MAKER_NOTICE)
    _review_clock(review, RULE_MAKER_ANSWER, received, actor, f"{review.maker}提交书面答复")
    audit.record(actor=actor, obj=review, verb="书面通知制定机关", after={"maker_notified_on": on,
                                                                   "received_on": received})
    return review


@transaction.atomic
def record_maker_answer(review: IncidentalReview, *, actor, on: dt.date, answer: str) -> IncidentalReview:
    review = _review_for_update(review, actor)
    if review.status != ReviewStatus.PENDING:
        raise ActionError("该附带审查已经处理，不能再登记制定机关的答复。")
    if not review.maker_notified_on:
        raise ActionError("尚未书面通知制定机关，不能登记答复。")
    if review.maker_answered_on:
        raise ActionError(f"已于 {review.maker_answered_on:%Y-%m-%d} 登记制定机关的答复。")
    if not (answer or "").strip():
        raise ActionError("请填写制定机关书面答复的要点。")
    _not_before(on, review.maker_notified_on, "通知日期")
    _not_future(on, "答复日期")
    review.maker_answered_on, review.maker_answer = on, answer.strip()
    review.save(update_fields=["maker_answered_on", "maker_answer"])
    _complete(review, on, actor, RULE_MAKER_ANSWER)
    audit.record(actor=actor, obj=review, verb="登记制定机关答复", after={"maker_answered_on": on},
                 reason=review.maker_answer)
    return review


def _resume_if_reviews_done(case: Case, *, actor, on: dt.date):
    case.refresh_from_db()
    if case.incidental_reviews.filter(status__in=REVIEW_OPEN).exists():
        return
    open_suspension = case.suspensions.filter(end__isnull=True).first()
    if case.status == CaseStatus.SUSPENDED and open_suspension is not None \
            and open_suspension.ground == SuspensionGround.INCIDENTAL_REVIEW:
        resume_case(case, actor=actor, on=on, reason="附带审查已处理")


@transaction.atomic
def decide_incidental_review(review: IncidentalReview, *, actor, on: dt.date, status: str, result: str = "",
                             transferred_to: str = "") -> IncidentalReview:
    """Art. 59: a competent body finds the clauses lawful, or stops them and orders the maker to correct them;
    art. 56: a body that may not handle it transfers it, and the transferee replies within 60 days (art. 60).
    When no review is open any more, the case resumes."""
    review = _review_for_update(review, actor)
    case = review.case
    if review.status != ReviewStatus.PENDING:
        raise ActionError("该附带审查已经处理。")
    if status not in (ReviewStatus.LAWFUL, ReviewStatus.UNLAWFUL, ReviewStatus.TRANSFERRED):
        raise ActionError("请选择处理结果。")
    if status == ReviewStatus.TRANSFERRED:
        if review.competent:
            raise ActionError("本机关有权处理的附带审查应当依法处理，不能转送（第五十六条）。")
        if not transferred_to.strip():
            raise ActionError("请填写有权处理的机关（第五十六条）。")
    elif not review.competent:
        raise ActionError("本机关无权处理的附带审查应当转送有权处理的机关（第五十六条）。")
    _not_before(on, review.requested_on, "提出日期")
    _not_future(on, "处理日期")
    review.status, review.handled_on, review.result = status, on, (result or "").strip()
    review.transferred_to = transferred_to.strip()
    review.save()
    if status == ReviewStatus.TRANSFERRED:
        _complete(review, on, actor, RULE_REVIEW_TRANSFER)
        _review_clock(review, RULE_TRANSFEREE_REPLY, on, actor, f"{review.transferred_to}回复处理意见")
    else:
        _complete(review, on, actor, RULE_REVIEW_HANDLE)
        _cancel_open(review, actor, "附带审查已处理")
    audit.record(actor=actor, obj=review, action=AuditAction.TRANSITION, verb="附带审查处理",
                 after={"status": status, "handled_on": on, "transferred_to": review.transferred_to},
                 reason=review.result)
    audit.record(actor=actor, obj=case, verb="附带审查处理", after={"document": review.document_title,
                                                              "status": status, "on": on}, reason=review.result)
    _resume_if_reviews_done(case, actor=actor, on=on)
    return review


@transaction.atomic
def record_transferee_reply(review: IncidentalReview, *, actor, on: dt.date, reply: str) -> IncidentalReview:
    """Art. 60: the body the review was transferred to replies with its opinion; the case may then resume."""
    review = _review_for_update(review, actor)
    if review.status != ReviewStatus.TRANSFERRED:
        raise ActionError("只有已转送的附带审查才能登记接受转送机关的回复。")
    if not (reply or "").strip():
        raise ActionError("请填写接受转送机关的处理意见。")
    _not_before(on, review.handled_on, "转送日期")
    _not_future(on, "回复日期")
    review.status, review.transferee_replied_on, review.transferee_reply = ReviewStatus.REPLIED, on, reply.strip()
    review.save(update_fields=["status", "transferee_replied_on", "transferee_reply"])
    _complete(review, on, actor, RULE_TRANSFEREE_REPLY)
    audit.record(actor=actor, obj=review, action=AuditAction.TRANSITION, verb="登记接受转送机关回复",
                 after={"status": review.status, "transferee_replied_on": on}, reason=review.transferee_reply)
    _resume_if_reviews_done(review.case, actor=actor, on=on)
    return review


# --- documents ---


def _doc_permission(doc: CaseDocument, actor):
    require(may_handle(actor, doc.organisation), "您没有编辑或签发该文书的权限。")


@transaction.atomic
def draft_document(case: Case, kind: str, *, actor) -> CaseDocument:
    """Generate (or return the open draft of) a document of this kind, filled from the case."""
    require(may_handle(actor, case.organisation), "您没有办理该行政复议案件的权限。")
    if kind not in DocumentKind.values or kind in (DocumentKind.OPINION_LETTER, DocumentKind.SUGGESTION_LETTER):
        raise ActionError("该类文书不能从案件直接生成。")
    return _draft(case, kind, actor=actor)


@transaction.atomic
def edit_document(doc: CaseDocument, *, actor, title: str, body: str, recipients: str = "") -> CaseDocument:
    doc = CaseDocument.objects.select_for_update().get(pk=doc.pk)
    _doc_permission(doc, actor)
    if doc.is_issued:
        raise ActionError("文书已签发，不能再修改。")
    if not title.strip() or not body.strip():
        raise ActionError("标题和正文不能为空。")
    before = audit.snapshot(doc, ["title", "recipients", "body"])
    doc.title, doc.body, doc.recipients = title.strip(), body.strip(), recipients.strip()
    doc.save(update_fields=["title", "body", "recipients", "updated_at"])
    b, a = audit.diff(before, audit.snapshot(doc, ["title", "recipients", "body"]))
    audit.record(actor=actor, obj=doc, organisation=doc.organisation, verb="修改文书", before=b, after=a)
    return doc


@transaction.atomic
def issue_document(doc: CaseDocument, *, actor, on: dt.date | None = None) -> CaseDocument:
    """Freeze the text, give it the next number of its kind for the year (e.g. 清府复决〔2026〕3号), audit it."""
    doc = CaseDocument.objects.select_for_update().select_related("organisation").get(pk=doc.pk)
    _doc_permission(doc, actor)
    if doc.is_issued:
        raise ActionError(f"文书已于 {doc.issued_on:%Y-%m-%d} 签发，文号 {doc.number}。")
    on = on or _today()
    if doc.case_id:
        _not_before(on, doc.case.received_on, "收到申请日期")
    Organisation.objects.select_for_update().filter(pk=doc.organisation_id).first()
    seq = (CaseDocument.objects.filter(organisation=doc.organisation, kind=doc.kind, year=on.year)
           .aggregate(m=Max("seq"))["m"] or 0) + 1
    doc.status, doc.year, doc.seq, doc.issued_on = DocumentStatus.ISSUED, on.year, seq, on
    doc.number = f"{document_prefix(doc.organisation)}复{DOCUMENT_CODE[doc.kind]}〔{on.year}〕{seq}号"
    doc.issued_by = actor
    doc.save()
    audit.record(actor=actor, obj=doc, organisation=doc.organisation, action=AuditAction.TRANSITION, verb="签发文书",
                 after={"number": doc.number, "issued_on": on, "title": doc.title,
                        "body_sha256": documents.body_hash(doc.body)})
    return doc


# --- historical import ---


def _closed_record_error(r: dict, today: dt.date) -> str:
    if r["respondent"].pk == r["organisation"].pk:
        return "被申请人不能是复议机关本身。"
    for field, label in (("received_on", "收到申请日期"), ("acceptance_on", "受理或不予受理日期"), ("closed_on", "审结日期")):
        if r.get(field) and r[field] > today:
            return f"{label}（{r[field]:%Y-%m-%d}）不能晚于今天。"
    if r.get("known_on") and r["known_on"] > r["received_on"]:
        return "知道该行政行为之日不能晚于收到申请日期。"
    if not r["parties"]:
        return "至少需要一名申请人（第十四条）。"
    if r["outcome"] and r["outcome"] not in Outcome.values:
        return f"未知的审结方式：{r['outcome']}"
    return ""


@transaction.atomic
def import_closed_cases(records: list[dict], *, actor) -> list[tuple[int, str]]:
    """Write finished historical cases (不予受理 or 审结) in bulk, after the same checks the steps apply.
    Returns (index, message) for each invalid record; nothing is written when there is any."""
    today = _today()
    errors = []
    allowed: dict[int, bool] = {}
    for i, r in enumerate(records):
        org = r["organisation"]
        if org.pk not in allowed:
            allowed[org.pk] = may_handle(actor, org)
        message = "" if allowed[org.pk] else f"您没有在“{org.name}”登记行政复议案件的权限。"
        message = message or _closed_record_error(r, today)
        if message:
            errors.append((i, message))
    if errors or not records:
        return errors
    org_ids = {r["organisation"].pk for r in records}
    years = {r["received_on"].year for r in records}
    Organisation.objects.select_for_update().filter(pk__in=org_ids).count()  # serialise the numbering
    next_seq = {(row["organisation_id"], row["year"]): row["m"] for row in
                Case.objects.filter(organisation_id__in=org_ids, year__in=years)
                .values("organisation_id", "year").annotate(m=Max("seq"))}
    prefixes = {r["organisation"].pk: document_prefix(r["organisation"]) for r in records}
    cases = []
    for r in records:
        key = (r["organisation"].pk, r["received_on"].year)
        next_seq[key] = next_seq.get(key) or 0
        next_seq[key] += 1
        seq = next_seq[key]
        rejected = r["acceptance"] == "rejected"
        cases.append(Case(
            organisation=r["organisation"], respondent=r["respondent"], year=key[1], seq=seq,
            number=f"{prefixes[key[0]]}复〔{key[1]}〕{seq}号", act_kind=r["act_kind"],
            act_description=r["act_description"], act_document_number=r["act_document_number"],
            known_on=r["known_on"], request=r["request"], received_on=r["received_on"], channel=r["channel"],
            late_warning=late_warning(r["known_on"], r["received_on"]) if r["known_on"] else "",
            status=CaseStatus.REJECTED if rejected else CaseStatus.CONCLUDED,
            procedure="" if rejected else r["procedure"],
            accepted_on=None if rejected else r["acceptance_on"], deemed_accepted=r["acceptance"] == "deemed",
            rejected_on=r["acceptance_on"] if rejected else None,
            rejection_reason=r["rejection_reason"] if rejected else "",
            outcome="" if rejected else r["outcome"], closed_on=None if rejected else r["closed_on"],
            outcome_reason="" if rejected else r["outcome_reason"],
        ))
    Case.objects.bulk_create(cases, batch_size=1000)
    parties = [Party(case=c, role=p.get("role", PartyRole.APPLICANT), kind=p.get("kind", PartyKind.PERSON),
                     name=p["name"]) for c, r in zip(cases, records, strict=True) for p in r["parties"]]
    Party.objects.bulk_create(parties, batch_size=2000)
    audit.record_many(actor=actor, verb="导入历史行政复议案件", reason="Excel 导入", describe=lambda c: c.number,
                      entries=[(c, {"number": c.number, "status": c.status, "respondent": c.respondent_id,
                              "received_on": c.received_on, "accepted_on": c.accepted_on,
                              "rejected_on": c.rejected_on, "outcome": c.outcome, "closed_on": c.closed_on,
                              "applicants": [p["name"] for p in r["parties"]]})
                         for c, r in zip(cases, records, strict=True)])
    return []
