"""Every change to an enforcement case. Each action runs in one transaction, locks the case, asks the declared
procedure (`workflow.CASE.check`) whether the actor may take the step now, validates its input (nothing is saved
when it refuses), moves the status and writes one audit event. Periods come from the rules in force (penalty.*,
enforcement.publicity.*), never from constants here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from fazhi.core import audit, clock, validate
from fazhi.core.choices import AuditAction
from fazhi.core.models import Organisation
from fazhi.core.numbering import next_number
from fazhi.core.permissions import ActionError, require
from fazhi.enforcement.choices import (
    DECISIONS_BY_KIND,
    SIMPLE_FINE_LIMIT,
    SIMPLE_KINDS,
    CaseKind,
    CaseStatus,
    Decision,
    PartyKind,
    PenaltyKind,
    Procedure,
    heaviest,
)
from fazhi.enforcement.models import Challenge, EnforcementCase
from fazhi.enforcement.permissions import may_handle
from fazhi.enforcement.workflow import CASE
from fazhi.rules import deadlines as dl
from fazhi.rules.choices import DeadlineStatus

DECISION_RULE = "penalty.decision"
HEARING_REQUEST_RULE = "penalty.hearing_request"
HEARING_NOTICE_RULE = "penalty.hearing_notice"
SERVICE_RULE = "penalty.service"
PAYMENT_RULE = "penalty.payment"
PUBLICITY_RULE = "enforcement.publicity.license_penalty"
WITHDRAWAL_RULE = "penalty.publicity_withdrawal"
SURCHARGE_RATE = Decimal("0.03")  # 第七十二条第一款第一项：每日按罚款数额的百分之三加处罚款
CATEGORY_OF_KIND = {CaseKind.PENALTY: "penalty", CaseKind.LICENSE: "licensing", CaseKind.COERCION: "coercion",
                    CaseKind.INSPECTION: "inspection"}
MIN_OFFICERS = {CaseKind.PENALTY: 2, CaseKind.COERCION: 2, CaseKind.INSPECTION: 2, CaseKind.LICENSE: 1}
KIND_ABBR = {CaseKind.PENALTY: "罚", CaseKind.LICENSE: "许", CaseKind.COERCION: "强", CaseKind.INSPECTION: "检"}

_text = validate.text


def _lock(case: EnforcementCase) -> EnforcementCase:
    return EnforcementCase.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=case.pk)


def _open(case, rule_id):
    return dl.deadlines_for(case).filter(rule_id=rule_id, status=DeadlineStatus.OPEN).first()


def _complete(case, rule_id, on, actor):
    d = _open(case, rule_id)
    if d is not None:
        dl.complete_deadline(d, on=on, actor=actor)
    return d


def _cancel_open(case, actor, reason, keep=()):
    for d in dl.deadlines_for(case).filter(status=DeadlineStatus.OPEN).exclude(rule_id__in=keep):
        dl.cancel_deadline(d, actor=actor, reason=reason)


def _record(case, actor, verb, fields, *, action=AuditAction.TRANSITION, reason=""):
    audit.record(actor=actor, obj=case, action=action, verb=verb, after=audit.snapshot(case, fields), reason=reason)


# ---- who and what --------------------------------------------------------------------------------------------------

def _officers(organisation, numbers, day: dt.date, minimum: int):
    """The handling officers, named by certificate number: each of the organisation, holding a valid certificate on
    `day` (行政处罚法第四十二条), at least `minimum` of them (第五十五条；行政强制法第十八条)."""
    from fazhi.officers.models import Certificate
    from fazhi.officers.permissions import enforcement_refusal

    if isinstance(numbers, str):
        numbers = [n.strip() for n in numbers.replace("，", "\n").replace(",", "\n").replace("、", "\n").split("\n")]
    numbers = list(dict.fromkeys(n for n in numbers if n))
    officers = []
    for n in numbers:
        cert = Certificate.objects.select_related("officer__organisation").filter(number=n).first()
        if cert is None:
            raise ActionError(f"执法证号“{n}”不存在，请核对。")
        officer = cert.officer
        if officer.organisation_id != organisation.pk:
            raise ActionError(f"{officer.name}（{n}）不是{organisation.name}的执法人员。")
        why = enforcement_refusal(officer, day)
        if why:
            raise ActionError(why)
        if officer not in officers:
            officers.append(officer)
    if len(officers) < minimum:
        raise ActionError(f"执法人员不得少于{minimum}人，现有 {len(officers)} 人（行政处罚法第四十二条、第五十五条）。")
    return officers


def _power_item(organisation, code, kind, day):
    from fazhi.powers.models import PowerItem

    code = (code.code if hasattr(code, "code") else str(code or "")).strip()
    if not code:
        raise ActionError("请填写权责事项编码。")
    item = PowerItem.objects.filter(organisation=organisation, code=code).in_force_on(day).first()
    if item is None:
        raise ActionError(f"“{code}”不是{organisation.name}在 {day:%Y-%m-%d} 有效的权责事项，请先核对权责清单。")
    if item.category != CATEGORY_OF_KIND[kind]:
        raise ActionError(f"权责事项“{item.name}”属于{item.get_category_display()}，"
                          f"不能办理{CaseKind(kind).label}案件。")
    return item


def _party(kind, name, number):
    kind = validate.choice(kind, PartyKind, "当事人类型")
    name = _text(name, "当事人", max_length=200)
    number = (number or "").strip().upper()
    if number:
        number = validate.id_number(number, "当事人身份证号码") if kind == PartyKind.NATURAL \
            else validate.credit_code(number, "当事人统一社会信用代码")
    return kind, name, number


def _kinds(decision, kinds, fine, confiscated):
    """Penalty kinds and amounts consistent with each other (第九条)."""
    kinds = list(dict.fromkeys(validate.choice(k, PenaltyKind, "处罚种类") for k in (kinds or [])))
    fine = validate.money(fine, "罚款金额") or Decimal("0.00")
    confiscated = validate.money(confiscated, "没收金额") or Decimal("0.00")
    if decision != Decision.PUNISHED:
        if kinds or fine or confiscated:
            raise ActionError("不予处罚、违法事实不能成立或移送司法机关的决定不能填写处罚种类或金额。")
        return [], fine, confiscated
    if not kinds:
        raise ActionError("给予行政处罚的决定须选择处罚种类（第九条）。")
    if (PenaltyKind.FINE in kinds) != (fine > 0):
        raise ActionError("选择了罚款的须填写罚款金额；填写罚款金额的须选择“罚款”。")
    confiscating = {PenaltyKind.CONFISCATE_GAINS, PenaltyKind.CONFISCATE_PROPERTY} & set(kinds)
    if confiscated and not confiscating:
        raise ActionError("填写没收金额的须选择“没收违法所得”或“没收非法财物”。")
    return kinds, fine, confiscated


def _case_number(organisation, year):
    seq = next_number(EnforcementCase.objects.filter(organisation=organisation, year=year), lock=organisation)
    return seq, f"{organisation.short_name or organisation.name}执法案〔{year}〕{seq}号"


# ---- opening a case ------------------------------------------------------------------------------------------------

@transaction.atomic
def file_case(*, actor, organisation: Organisation, kind: str, power_item, cause: str, party_name: str,
              party_kind: str, officers, filed_on, procedure: str = "", party_id: str = "", facts: str = "",
              major: bool = False, review_ground: str = "", collective_required: bool = False, decision: str = "",
              penalty_kinds=(), fine_amount=None, decision_number: str = "") -> EnforcementCase:
    """Open a case. An ordinary-procedure penalty is 立案 and runs its procedure (the 90-day period starts,
    第六十条); an on-the-spot penalty (第五十一条) and a 许可、强制 or 检查 are recorded with their decision."""
    if organisation is None:
        raise ActionError("请选择实施机关。")
    require(actor is not None and may_handle(actor, organisation), f"您没有办理“{organisation.name}”行政执法案件的权限。")
    kind = validate.choice(kind, CaseKind, "执法类别")
    filed_on = validate.date(filed_on, "立案（受理、检查）日期")
    from fazhi.officers.permissions import may_act_as_subject

    if not may_act_as_subject(organisation, filed_on):
        raise ActionError(f"{organisation.name}在 {filed_on:%Y-%m-%d} 不是经确认的行政执法主体，不能办理执法案件"
                          "（行政处罚法第十七条至第二十条）。")
    if kind == CaseKind.PENALTY:
        procedure = validate.choice(procedure, Procedure, "程序")
    else:
        procedure = ""
    item = _power_item(organisation, power_item, kind, filed_on)
    party_kind, party_name, party_id = _party(party_kind, party_name, party_id)
    minimum = 1 if procedure == Procedure.SIMPLE else MIN_OFFICERS[kind]
    people = _officers(organisation, officers, filed_on, minimum)
    case = EnforcementCase(organisation=organisation, kind=kind, procedure=procedure, power_item=item,
                           cause=_text(cause, "案由", max_length=300), party_name=party_name, party_kind=party_kind,
                           party_id=party_id, filed_on=filed_on, facts=_text(facts, "违法事实", required=False),
                           major=bool(major), review_ground=_text(review_ground, "法制审核情形", required=False,
                                                                   max_length=200),
                           collective_required=bool(collective_required), year=filed_on.year)
    if major and not case.review_ground:
        raise ActionError("重大执法决定请写明法制审核情形（第五十八条第一款）。")
    ordinary = kind == CaseKind.PENALTY and procedure == Procedure.ORDINARY
    if ordinary:
        if decision or penalty_kinds or fine_amount:
            raise ActionError("普通程序案件立案时不能填写决定，决定在调查、告知之后作出（第五十七条）。")
        case.status = CaseStatus.FILED
    else:
        _decided_on_record(case, decision, penalty_kinds, fine_amount, decision_number)
    case.seq, case.number = _case_number(organisation, case.year)
    case.save()
    case.officers.set(people)
    if ordinary:
        dl.start_deadline(case, DECISION_RULE, filed_on, actor=actor, organisation=organisation,
                          label="作出行政处罚决定")
    else:
        _after_decision(case, actor)
    audit.record(actor=actor, obj=case, action=AuditAction.CREATE,
                 verb=f"{'立案' if ordinary else '登记'}{CaseKind(kind).label}案件",
                 after={**audit.snapshot(case, ["number", "kind", "procedure", "cause", "party_name", "filed_on",
                                               "status", "decision", "fine_amount"]),
                        "power_item": item.code, "officers": [o.name for o in people]})
    return case


def _decided_on_record(case, decision, kinds, fine, number):
    """An act decided when it is recorded: 当场处罚, 许可, 强制, 检查."""
    allowed = DECISIONS_BY_KIND[case.kind]
    if case.kind == CaseKind.PENALTY:
        allowed = (Decision.PUNISHED,)
    if decision not in allowed:
        raise ActionError(f"请选择{CaseKind(case.kind).label}的结果：{'、'.join(Decision(d).label for d in allowed)}。")
    case.decision = decision
    case.decided_on = case.filed_on
    case.decision_number = _text(number, "决定书文号", required=case.kind in (CaseKind.PENALTY, CaseKind.LICENSE),
                                 max_length=100)
    if case.kind == CaseKind.PENALTY:
        kinds, fine, _ = _kinds(decision, kinds, fine, None)
        if set(kinds) - set(SIMPLE_KINDS):
            raise ActionError("当场处罚只能给予警告、通报批评或者罚款（第五十一条）。")
        limit = SIMPLE_FINE_LIMIT[case.party_kind]
        if fine > limit:
            raise ActionError(f"当场处罚的罚款，{PartyKind(case.party_kind).label}不得超过 {limit} 元（第五十一条），"
                              "超过的应适用普通程序。")
        case.penalty_kinds, case.heaviest_kind, case.fine_amount = kinds, heaviest(kinds), fine
        case.served_on, case.service_method = case.filed_on, "当场交付"  # 第五十二条第二款
        case.status = CaseStatus.SERVED if fine else CaseStatus.CLOSED
        case.closed_on = None if fine else case.filed_on
    else:
        if kinds or fine:
            raise ActionError(f"{CaseKind(case.kind).label}案件不能填写处罚种类或罚款。")
        case.status = CaseStatus.CLOSED if case.kind == CaseKind.INSPECTION else CaseStatus.DECIDED
        case.closed_on = case.filed_on if case.kind == CaseKind.INSPECTION else None


def _after_decision(case, actor):
    """Periods that run from the decision: publication (7 working days for 许可 and 处罚), service and payment."""
    if case.publication_required:
        d = dl.start_deadline(case, PUBLICITY_RULE, case.decided_on, actor=actor, organisation=case.organisation,
                              label="公示执法决定")
        case.publicity_due = d.due
        case.save(update_fields=["publicity_due"])
    if case.served_on and case.fine_amount > 0 and case.paid_on is None:
        dl.start_deadline(case, PAYMENT_RULE, case.served_on, actor=actor, organisation=case.organisation,
                          label="当事人缴纳罚款")


# ---- the ordinary procedure ----------------------------------------------------------------------------------------

@transaction.atomic
def notify(case, *, actor, on, proposal: str, hearing_right: bool = False):
    """事先告知 (第四十四条): the proposed penalty, facts, reasons and basis, and the rights of 陈述、申辩 and, for the
    penalties of 第六十三条, 听证. The 5-day period to ask for a hearing starts."""
    case = _lock(case)
    CASE.check(case, "notify", actor)
    case.notified_on = validate.date(on, "告知日期", after=[(case.filed_on, "立案日期")])
    case.proposal = _text(proposal, "拟处罚内容")
    case.hearing_right = bool(hearing_right)
    CASE.move(case, "notify")
    case.save()
    if case.hearing_right:
        dl.start_deadline(case, HEARING_REQUEST_RULE, case.notified_on, actor=actor, organisation=case.organisation,
                          label="当事人申请听证")
    _record(case, actor, "事先告知", ["status", "notified_on", "proposal", "hearing_right"])
    return case


@transaction.atomic
def request_hearing(case, *, actor, on):
    case = _lock(case)
    CASE.check(case, "request_hearing", actor)
    on = validate.date(on, "申请听证日期", after=[(case.notified_on, "告知日期")])
    period = _open(case, HEARING_REQUEST_RULE)
    if period is not None and on > period.due:
        raise ActionError(f"当事人应当在告知后五日内提出听证申请，期限已于 {period.due:%Y-%m-%d} 届满"
                          "（第六十四条第一项）。")
    case.hearing_requested_on = on
    CASE.move(case, "request_hearing")
    case.save()
    _complete(case, HEARING_REQUEST_RULE, on, actor)
    _record(case, actor, "当事人申请听证", ["status", "hearing_requested_on"])
    return case


@transaction.atomic
def notify_hearing(case, *, actor, on, hearing_on):
    """The hearing is notified 7 (working) days before it is held (第六十四条第二项)."""
    case = _lock(case)
    CASE.check(case, "notify_hearing", actor)
    on = validate.date(on, "听证通知日期", after=[(case.hearing_requested_on, "申请听证日期")])
    hearing_on = validate.date(hearing_on, "拟举行听证日期", future=True, after=[(on, "听证通知日期")])
    earliest = dl.compute_due(HEARING_NOTICE_RULE, on, with_text=False).due
    if hearing_on < earliest:
        raise ActionError(f"应当在举行听证的七日前通知当事人；{on:%Y-%m-%d} 通知的，听证最早于 {earliest:%Y-%m-%d} "
                          "举行（第六十四条第二项、第八十五条）。")
    old = _open(case, HEARING_NOTICE_RULE)
    if old is not None:
        dl.cancel_deadline(old, actor=actor, reason="重新通知听证")
    dl.start_deadline(case, HEARING_NOTICE_RULE, on, actor=actor, organisation=case.organisation,
                      label="听证通知提前期（最早举行日）")
    case.hearing_notified_on, case.hearing_planned_on = on, hearing_on
    case.save()
    _record(case, actor, "发出听证通知", ["hearing_notified_on", "hearing_planned_on"], action=AuditAction.UPDATE)
    return case


@transaction.atomic
def hold_hearing(case, *, actor, on):
    case = _lock(case)
    CASE.check(case, "hold_hearing", actor)
    notice = _open(case, HEARING_NOTICE_RULE)
    on = validate.date(on, "举行听证日期", after=[(notice.due if notice else case.hearing_notified_on,
                                                "最早可举行听证之日")])
    case.hearing_on = on
    case.save()
    _complete(case, HEARING_NOTICE_RULE, on, actor)
    _record(case, actor, "举行听证", ["hearing_on"], action=AuditAction.UPDATE)
    return case


@transaction.atomic
def extend(case, *, actor, on, approver: str, length: int, reason: str):
    case = _lock(case)
    CASE.check(case, "extend", actor)
    period = _open(case, DECISION_RULE)
    if period is None:
        raise ActionError("该案没有进行中的办案期限。")
    on = validate.date(on, "批准日期", after=[(case.filed_on, "立案日期")])
    dl.extend_deadline(period, approver=_text(approver, "批准人", max_length=60), on=on, actor=actor,
                       reason=_text(reason, "延长理由", max_length=300), length=length)
    return case


@transaction.atomic
def legal_review(case, *, actor, on, passed: bool, opinion: str):
    """法制审核 (第五十八条): recorded by the legal officer; a case that fails it cannot be decided."""
    case = _lock(case)
    CASE.check(case, "review", actor)
    case.legal_review_on = validate.date(on, "法制审核日期", after=[(case.filed_on, "立案日期")])
    case.legal_review_passed = bool(passed)
    case.legal_review_opinion = _text(opinion, "审核意见")
    case.save()
    _record(case, actor, "法制审核" + ("通过" if passed else "未通过"),
            ["legal_review_on", "legal_review_passed", "legal_review_opinion"], action=AuditAction.UPDATE)
    return case


@transaction.atomic
def collective(case, *, actor, on, minutes: str):
    case = _lock(case)
    CASE.check(case, "collective", actor)
    case.collective_on = validate.date(on, "集体讨论日期", after=[(case.filed_on, "立案日期")])
    case.collective_minutes = _text(minutes, "讨论结论")
    case.save()
    _record(case, actor, "负责人集体讨论", ["collective_on", "collective_minutes"], action=AuditAction.UPDATE)
    return case


@transaction.atomic
def decide(case, *, actor, on, decision: str, decision_number: str, decision_text: str, penalty_kinds=(),
           fine_amount=None, confiscated_amount=None, social_impact: bool = False, discretion_level=None,
           deviation_reason: str = ""):
    case = _lock(case)
    CASE.check(case, "decide", actor)
    decision = validate.choice(decision, Decision, "决定")
    if decision not in DECISIONS_BY_KIND[CaseKind.PENALTY]:
        raise ActionError("请选择行政处罚案件的决定（第五十七条第一款）。")
    if decision == Decision.PUNISHED and case.notified_on is None:
        raise ActionError("作出行政处罚决定之前，应当告知当事人拟作出的处罚内容及事实、理由、依据和陈述、申辩、听证权利"
                          "（第四十四条、第六十二条）。")
    on = validate.date(on, "决定日期", after=[(case.notified_on, "告知日期"), (case.hearing_on, "听证日期"),
                                              (case.legal_review_on, "法制审核日期"),
                                              (case.collective_on, "集体讨论日期")])
    kinds, fine, confiscated = _kinds(decision, penalty_kinds, fine_amount, confiscated_amount)
    level, deviates, why = _discretion(case, on, discretion_level, decision=decision, kinds=kinds, fine=fine,
                                       reason=deviation_reason)
    case.discretion_level, case.discretion_deviation, case.discretion_reason = level, deviates, why
    case.decision, case.decided_on = decision, on
    case.penalty_kinds, case.heaviest_kind, case.fine_amount, case.confiscated_amount = \
        kinds, heaviest(kinds), fine, confiscated
    case.decision_number = _text(decision_number, "决定书文号", max_length=100)
    case.decision_text = _text(decision_text, "决定内容")
    case.social_impact = bool(social_impact) and decision == Decision.PUNISHED
    CASE.move(case, "decide")
    case.save()
    _complete(case, DECISION_RULE, on, actor)
    _cancel_open(case, actor, "已作出决定")
    dl.start_deadline(case, SERVICE_RULE, on, actor=actor, organisation=case.organisation, label="送达行政处罚决定书")
    _after_decision(case, actor)
    _record(case, actor, f"作出决定：{Decision(decision).label}",
            ["status", "decision", "decided_on", "decision_number", "penalty_kinds", "fine_amount",
             "confiscated_amount", "social_impact", "discretion_level", "discretion_deviation", "discretion_reason"])
    return case


def _discretion(case, on, chosen, *, decision, kinds, fine, reason):
    """The circumstance applied, whether the decision deviates from it, and the recorded reason (第三十四条: the
    published 裁量基准 bind the body; a deviation is allowed only with reasons)."""
    from fazhi.enforcement.discretion import check_discretion, levels_for

    levels = levels_for(case, on)
    pk = getattr(chosen, "pk", chosen)
    if not levels.exists():
        if pk:
            raise ActionError("该权责事项在决定日期没有有效的裁量基准，不能选择裁量情形。")
        return None, False, ""
    if not pk:
        raise ActionError("该事项有行政处罚裁量基准，请选择适用的裁量情形（行政处罚法第三十四条）。")
    level = levels.filter(pk=pk).first()
    if level is None:
        raise ActionError("所选裁量情形不属于该事项在决定日期有效的裁量基准。")
    deviates, why = check_discretion(case, level, decision=decision, kinds=kinds, fine=fine, reason=reason)
    return level, deviates, _text(why, "偏离裁量基准的理由", required=False)


@transaction.atomic
def serve(case, *, actor, on, method: str):
    case = _lock(case)
    CASE.check(case, "serve", actor)
    case.served_on = validate.date(on, "送达日期", after=[(case.decided_on, "决定日期")])
    case.service_method = _text(method, "送达方式", max_length=20)
    CASE.move(case, "serve")
    case.save()
    _complete(case, SERVICE_RULE, case.served_on, actor)
    _after_decision_payment(case, actor)
    _record(case, actor, "送达决定书", ["status", "served_on", "service_method"])
    return case


def _after_decision_payment(case, actor):
    if case.fine_amount > 0 and case.paid_on is None and _open(case, PAYMENT_RULE) is None:
        dl.start_deadline(case, PAYMENT_RULE, case.served_on, actor=actor, organisation=case.organisation,
                          label="当事人缴纳罚款")


def surcharge_on(case, day: dt.date) -> tuple[Decimal, dt.date | None]:
    """The late-payment surcharge owed if paid on `day`: 3 % of the fine a day after the payment period, never more
    than the fine (第七十二条第一款第一项). Returns (surcharge, due date of the payment period)."""
    period = dl.deadlines_for(case).filter(rule_id=PAYMENT_RULE).order_by("-id").first()
    if period is None or day <= period.due:
        return Decimal("0.00"), period.due if period else None
    days = (day - period.due).days
    return min(case.fine_amount, (case.fine_amount * SURCHARGE_RATE * days).quantize(Decimal("0.01"))), period.due


@transaction.atomic
def pay(case, *, actor, on, amount):
    case = _lock(case)
    CASE.check(case, "pay", actor)
    on = validate.date(on, "缴纳日期", after=[(case.served_on, "送达日期")])
    amount = validate.money(amount, "缴纳金额", required=True)
    surcharge, due = surcharge_on(case, on)
    owed = case.fine_amount + surcharge
    if amount < owed:
        extra = f"，加处罚款 {surcharge} 元（{due:%Y-%m-%d} 到期后每日百分之三，第七十二条）" if surcharge else ""
        raise ActionError(f"应缴 {owed} 元（罚款 {case.fine_amount} 元{extra}），登记的 {amount} 元不足。")
    case.paid_on, case.paid_amount, case.surcharge = on, amount, surcharge
    case.save()
    _complete(case, PAYMENT_RULE, on, actor)
    _record(case, actor, "缴纳罚款", ["paid_on", "paid_amount", "surcharge"], action=AuditAction.UPDATE)
    return case


@transaction.atomic
def publish(case, *, actor, on):
    case = _lock(case)
    CASE.check(case, "publish", actor)
    case.published_on = validate.date(on, "公示日期", after=[(case.decided_on, "决定日期")])
    case.save()
    _complete(case, PUBLICITY_RULE, case.published_on, actor)
    _record(case, actor, "公示执法决定", ["published_on"], action=AuditAction.UPDATE)
    return case


@transaction.atomic
def withdraw_publication(case, *, actor, on, reason: str):
    case = _lock(case)
    CASE.check(case, "withdraw", actor)
    case.withdrawn_on = validate.date(on, "撤回公示日期", after=[(case.corrected_on, "纠正日期")])
    case.withdrawal_reason = _text(reason, "公开说明的理由", max_length=300)
    case.save()
    _complete(case, WITHDRAWAL_RULE, case.withdrawn_on, actor)
    _record(case, actor, "撤回公示", ["withdrawn_on", "withdrawal_reason"], action=AuditAction.UPDATE)
    return case


@transaction.atomic
def close(case, *, actor, on):
    case = _lock(case)
    CASE.check(case, "close", actor)
    if case.kind == CaseKind.PENALTY and case.decision == Decision.PUNISHED and case.served_on is None:
        raise ActionError("行政处罚决定书尚未送达，不能结案（第六十一条）。")
    if case.fine_amount > 0 and case.paid_on is None:
        raise ActionError("罚款尚未缴纳，不能结案；逾期不缴纳的，依法加处罚款或申请人民法院强制执行（第七十二条）。")
    case.closed_on = validate.date(on, "结案日期", after=[(case.decided_on, "决定日期"), (case.paid_on, "缴纳日期")])
    CASE.move(case, "close")
    case.save()
    _cancel_open(case, actor, "已结案", keep=(PUBLICITY_RULE, WITHDRAWAL_RULE))
    _record(case, actor, "结案", ["status", "closed_on"])
    return case


@transaction.atomic
def drop(case, *, actor, on, reason: str):
    case = _lock(case)
    CASE.check(case, "drop", actor)
    case.closed_on = validate.date(on, "撤销立案日期", after=[(case.filed_on, "立案日期")])
    CASE.move(case, "drop")
    case.save()
    _cancel_open(case, actor, "已撤销立案")
    _record(case, actor, "撤销立案", ["status", "closed_on"], reason=_text(reason, "撤销立案理由", max_length=300))
    return case


@transaction.atomic
def archive(case, *, actor, on):
    case = _lock(case)
    CASE.check(case, "archive", actor)
    case.archived_on = validate.date(on, "归档日期", after=[(case.closed_on, "结案日期")])
    CASE.move(case, "archive")
    case.save()
    _record(case, actor, "归档", ["status", "archived_on"])
    return case


# ---- 复议 and 诉讼 of a decision -------------------------------------------------------------------------------------

@transaction.atomic
def link(case, *, actor, number: str):
    """Link the 复议 or 诉讼 case about this decision; an outcome already recorded marks the decision at once."""
    from fazhi.enforcement import triggers
    from fazhi.litigation.models import LitigationCase, normalise_case_number
    from fazhi.reconsideration.models import Case as ReconsiderationCase

    case = _lock(case)
    CASE.check(case, "link", actor)
    number = _text(number, "案件编号", max_length=60)
    rc = ReconsiderationCase.objects.visible_to(actor).filter(number=number).first()
    lc = None if rc else LitigationCase.objects.visible_to(actor).filter(
        case_number=normalise_case_number(number)).first()
    if rc is None and lc is None:
        raise ActionError(f"找不到编号为“{number}”的行政复议或行政诉讼案件，或您无权查看。")
    party = rc.respondent_id if rc else lc.organisation_id
    if party != case.organisation_id:
        raise ActionError(f"该案的被申请人或被告不是{case.organisation.name}。")
    if Challenge.objects.filter(case=case, reconsideration_case=rc, litigation_case=lc).exists():
        raise ActionError("该案件已关联。")
    link = Challenge.objects.create(case=case, reconsideration_case=rc, litigation_case=lc, linked_on=clock.today())
    audit.record(actor=actor, obj=case, action=AuditAction.UPDATE, verb="关联复议诉讼案件",
                 after={"reconsideration": rc.number if rc else None, "litigation": lc.case_number if lc else None})
    triggers.apply_existing(link, actor=actor)
    return link
