"""Intake and acceptance (行政复议法 arts. 20–22, 30, 31): register, 补正, accept (or deemed accepted), reject."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from fazhi.core import audit, numbering, validate
from fazhi.core.choices import AuditAction
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError, require
from fazhi.core.workflow import SYSTEM
from fazhi.reconsideration.actions.common import (
    OPEN,
    RULE_ACCEPTANCE,
    RULE_SUPPLEMENT,
    RULE_SUPPLEMENT_REPLY,
    RULES,
    _cancel_open,
    _draft,
    _lock,
    _on,
    _open_deadline,
    _start,
    _today,
    document_prefix,
    late_warning,
)
from fazhi.reconsideration.choices import (
    ActKind,
    CaseStatus,
    Channel,
    DocumentKind,
    Outcome,
    PartyKind,
    PartyRole,
    Procedure,
)
from fazhi.reconsideration.models import Case, Party
from fazhi.reconsideration.permissions import may_handle
from fazhi.reconsideration.workflow import CASE
from fazhi.rules import deadlines as dl
from fazhi.rules.models import Deadline

RECEIVED = "收到申请日期"
NEW_LAW = dt.date(2024, 1, 1)  # 行政复议法 (2023年修订) in force

@transaction.atomic
def register_application(*, actor, organisation: Organisation, respondent: Organisation, parties: list[dict],
                         act_kind: str, act_description: str, received_on: dt.date, channel: str, request: str,
                         known_on: dt.date | None = None, act_date: dt.date | None = None,
                         act_document_number: str = "", act_on_the_spot: bool = False, act_is_warning: bool = False,
                         amount: Decimal | None = None, parties_consent_simplified: bool = False, facts: str = "",
                         handler=None, withdrawal_involuntary: bool = False) -> Case:
    """Register an application (written or oral, art. 22) and start the 5-working-day review (art. 30)."""
    require(actor is not None and may_handle(actor, organisation), "您没有在该复议机关登记行政复议申请的权限。")
    if respondent.pk == organisation.pk:
        raise ActionError("被申请人不能是复议机关本身。")
    act_kind = validate.choice(act_kind, ActKind, "行政行为类别")
    channel = validate.choice(channel, Channel, "申请方式")
    act_description = validate.text(act_description, "被申请复议的行政行为", max_length=500)
    request = validate.text(request, "行政复议请求（第二十二条）")
    facts = validate.text(facts, "事实和理由", required=False)
    received_on = validate.date(received_on, RECEIVED)
    known_on = validate.date(known_on, "知道该行政行为之日", required=False, before=[(received_on, RECEIVED)])
    act_date = validate.date(act_date, "行政行为作出日期", required=False, before=[(known_on, "知道该行政行为之日")])
    amount = validate.money(amount, "涉及款额")
    applicants = [p for p in parties if p.get("role", PartyRole.APPLICANT) == PartyRole.APPLICANT]
    if not applicants or not all((p.get("name") or "").strip() for p in parties):
        raise ActionError("至少需要一名申请人，且每位当事人都须填写姓名或名称（第十四条）。")
    for p in parties:
        if p.get("role", PartyRole.APPLICANT) not in PartyRole.values:
            raise ActionError(f"未知的当事人身份：{p.get('role')}")
        if p.get("kind", PartyKind.PERSON) not in PartyKind.values:
            raise ActionError(f"未知的当事人类型：{p.get('kind')}")
    prior = _withdrawn_before(organisation, respondent, act_document_number, act_description, parties)
    if prior is not None and not withdrawal_involuntary:
        raise ActionError(f"申请人已在{prior.number}中与被申请人和解并撤回申请，行政复议已终止（{prior.closed_on:%Y-%m-%d}），"
                          "不得再以同一事实和理由提出行政复议申请（第七十四条第二款）。申请人能够证明撤回违背其真实意愿的，"
                          "请勾选并在事实和理由中说明。")
    year = received_on.year
    seq = numbering.next_number(Case.objects.filter(organisation=organisation, year=year), lock=organisation)
    case = Case.objects.create(
        organisation=organisation, respondent=respondent, year=year, seq=seq,
        number=f"{document_prefix(organisation)}复〔{year}〕{seq}号",
        act_kind=act_kind, act_description=act_description,
        act_document_number=validate.text(act_document_number, "行政行为文号", required=False, max_length=100),
        act_date=act_date, known_on=known_on, act_on_the_spot=act_on_the_spot, act_is_warning=act_is_warning,
        amount=amount, parties_consent_simplified=parties_consent_simplified, request=request,
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


def _withdrawn_before(organisation, respondent, act_document_number: str, act_description: str,
                      parties: list[dict]) -> Case | None:
    """Art. 74(2): an earlier case on the same act by the same applicant that ended in settlement and withdrawal."""
    same_act = Q(act_document_number=act_document_number.strip()) if (act_document_number or "").strip() \
        else Q(act_description=(act_description or "").strip())
    applicants = [p for p in parties if p.get("role", PartyRole.APPLICANT) == PartyRole.APPLICANT]
    who = Q()
    for p in applicants:
        who |= Q(parties__name=(p.get("name") or "").strip(), parties__role=PartyRole.APPLICANT)
        if (p.get("id_number") or "").strip():
            who |= Q(parties__id_number=p["id_number"].strip(), parties__role=PartyRole.APPLICANT)
    return (Case.objects.filter(same_act, who, organisation=organisation, respondent=respondent,
                                status=CaseStatus.CONCLUDED, outcome=Outcome.SETTLED)
            .order_by("-closed_on").first())


# --- 补正 (art. 31) ---


@transaction.atomic
def request_supplement(case: Case, *, actor, on: dt.date, items: str, draft: bool = True) -> Case:
    """Art. 31(1): one notice listing everything to supplement; the review clock pauses until it arrives."""
    case = _lock(case)
    CASE.check(case, "supplement", actor)
    if not (items or "").strip():
        raise ActionError("补正通知应当一次性载明需要补正的事项（第三十一条第一款）。")
    on = _on(on, "补正通知日期", (case.received_on, RECEIVED))
    acceptance = _open_deadline(case, RULE_ACCEPTANCE)
    if acceptance is not None and on > acceptance.due:
        raise ActionError(f"补正通知应在收到申请之日起五个工作日内发出（应于 {acceptance.due:%Y-%m-%d} 前）；"
                          "审查期限已届满，申请已视为受理（第三十条第三款）。")
    CASE.move(case, "supplement")
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
    CASE.check(case, "supplement_received", actor)
    on = _on(on, "收到补正材料日期", (case.received_on, RECEIVED), (case.supplement_requested_on, "补正通知日期"))
    CASE.move(case, "supplement_received")
    case.save()
    acceptance = _open_deadline(case, RULE_ACCEPTANCE)
    if acceptance is not None:
        dl.resume_deadline(acceptance, on=on, actor=actor)
    reply = _open_deadline(case, RULE_SUPPLEMENT_REPLY)
    if reply is not None:
        dl.complete_deadline(reply, on=on, actor=actor)
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb="收到补正材料",
                 after={"status": case.status, "on": on})
    return case


def supplement_reply_due(case: Case) -> dt.date | None:
    """Art. 31(2): the applicant's period for the supplement runs from the day the notice was received; None while
    the receipt is not recorded (the deadline is then pending receipt)."""
    d = _open_deadline(case, RULE_SUPPLEMENT_REPLY)
    return d.due if d is not None else None


@transaction.atomic
def mark_abandoned(case: Case, *, actor, on: dt.date, reason: str = "") -> Case:
    """Art. 31(2): no supplement within the period and no good reason: deemed abandoned, recorded."""
    case = _lock(case)
    CASE.check(case, "abandon", actor)
    on = _on(on, "视为放弃日期", (case.supplement_requested_on, "补正通知日期"))
    period = _open_deadline(case, RULE_SUPPLEMENT_REPLY)
    if period is None and case.received_on < NEW_LAW:
        pass  # 2017 law (实施条例 art. 29): the notice itself set a reasonable period, checked by the handler
    elif period is None:
        raise ActionError("补正通知的送达签收日期尚未登记：申请人的补正期限自收到补正通知之日起计算（第三十一条第二款），"
                          "请先在补正通知书上登记送达。")
    elif period.paused or on <= period.due:
        raise ActionError(f"补正期限至 {period.due:%Y-%m-%d} 届满，期满前不能视为放弃申请（第三十一条第二款）。")
    CASE.move(case, "abandon")
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
    if procedure == Procedure.SIMPLIFIED and case.received_on < NEW_LAW:
        raise ActionError("2024年1月1日前收到的申请适用2017年《行政复议法》，该法没有简易程序。")
    if procedure == Procedure.SIMPLIFIED and not case.simplified_available():
        raise ActionError("本案不符合适用简易程序的条件：需行政行为当场作出、警告或者通报批评、涉及款额三千元以下、"
                          "属于政府信息公开案件之一，或者当事人各方同意（第五十三条）。")
    return procedure


def clocks_start(case: Case) -> dt.date:
    """Where the hearing periods run from. An application received before 2024-01-01 follows the 2017 law
    throughout: it was accepted on receipt unless refused within 5 days (2017 art. 17(2)), so its periods run from
    receipt, under the 2017 rules (the rule version is the one in force on that date)."""
    return case.received_on if case.received_on < NEW_LAW else case.accepted_on


def _start_hearing_clocks(case: Case, actor):
    rules = RULES[case.procedure]
    start = clocks_start(case)
    # Art. 48 / 54 (2017: art. 23): copy to the respondent within 7 (simplified: 3) working days of acceptance.
    _start(case, rules["copy"], start, actor=actor, organisation=case.organisation, label="发送申请书副本")
    # Art. 62 (2017: art. 31): decide within 60 (simplified: 30) days of acceptance.
    _start(case, rules["decision"], start, actor=actor, organisation=case.organisation, label="作出行政复议决定")


@transaction.atomic
def accept_case(case: Case, *, actor, on: dt.date, procedure: str | None = None, handler=None,
                draft: bool = True) -> Case:
    """Art. 30(1). When the review period has already run out, the case was accepted on its last day (30(3))."""
    case = _lock(case)
    CASE.check(case, "accept", actor)
    on = _on(on, "受理日期", (case.received_on, RECEIVED))
    case.procedure = _choose_procedure(case, procedure)
    acceptance = _open_deadline(case, RULE_ACCEPTANCE)
    deemed = acceptance is not None and on > acceptance.due
    accepted_on = acceptance.due if deemed else on
    CASE.move(case, "accept")
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
    CASE.check(case, "reject", actor)
    if not (reason or "").strip():
        raise ActionError("不予受理应当说明理由（第三十条第二款）。")
    on = _on(on, "不予受理日期", (case.received_on, RECEIVED))
    acceptance = _open_deadline(case, RULE_ACCEPTANCE)
    if acceptance is not None and on > acceptance.due:
        raise ActionError(f"审查期限已于 {acceptance.due:%Y-%m-%d} 届满，申请已视为受理（第三十条第三款），"
                          "不能再决定不予受理；如不符合受理条件，应在受理后决定驳回申请（第三十三条）。")
    CASE.move(case, "reject")
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
    """Art. 30(3): accept every case whose review period ran out with no 不予受理 decision. Done by the system
    actor in `fazhi tick` only; pages show what is due (`due_for_deemed_acceptance`) without writing it."""
    today = today or _today()
    done = []
    for case in due_for_deemed_acceptance(today):
        try:
            done.append(accept_case(case, actor=SYSTEM, on=today))
        except ActionError:  # another request or the tick got there first
            continue
    return done


