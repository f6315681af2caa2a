"""Concluding a case (行政复议法 arts. 33, 41, 63–74): decisions, 调解, 终止."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import audit, validate
from fazhi.core.choices import AuditAction
from fazhi.core.permissions import ActionError
from fazhi.core.signals import correction_of, outcome_recorded
from fazhi.reconsideration.actions.common import DECISION_RULES, _cancel_open, _draft, _lock, _on, _open_deadline
from fazhi.reconsideration.choices import (
    CONCLUDING_KINDS,
    DECISION_OUTCOMES,
    REVIEW_OPEN,
    ActKind,
    DocumentKind,
    DocumentStatus,
    Outcome,
)
from fazhi.reconsideration.models import Case, CaseDocument
from fazhi.reconsideration.workflow import CASE
from fazhi.rules import deadlines as dl


def _discard_stale_drafts(case: Case, actor):
    """A concluding document drafted before the outcome was known (older data) would say the wrong thing: drop
    the unissued drafts so the new one follows the recorded outcome."""
    stale = CaseDocument.objects.filter(case=case, kind__in=CONCLUDING_KINDS, status=DocumentStatus.DRAFT)
    if case.outcome == Outcome.MEDIATED:  # the 调解书 was drafted from the agreement it now carries out
        stale = stale.exclude(kind=DocumentKind.MEDIATION)
    for doc in stale:
        audit.record(actor=actor, obj=case, action=AuditAction.DELETE, verb="作废结案文书旧稿",
                     before={"title": doc.title, "kind": doc.kind}, reason="案件审结结果已记录，按结果重新生成")
        doc.delete()


def _conclude(case: Case, step: str, *, actor, on: dt.date, outcome: str, reason: str, verb: str,
              doc_kind: str | None, draft: bool, compensation: bool = False, findings: str = "",
              redo_days: int | None = None) -> Case:
    suspension = case.suspensions.filter(end__isnull=True).first()
    on = _on(on, "审结日期", (case.accepted_on, "受理日期"), (suspension.start if suspension else None, "中止日期"))
    if suspension is not None:
        suspension.end = on
        suspension.save(update_fields=["end"])
    CASE.move(case, step)
    case.outcome, case.closed_on, case.outcome_reason = outcome, on, (reason or "").strip()
    case.findings, case.redo_days = (findings or "").strip(), redo_days
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
                        "compensation_ordered": compensation, "redo_days": redo_days}, reason=case.outcome_reason)
    outcome_recorded.send(sender=Case, case=case, correction=correction_of(outcome), on=on, actor=actor,
                          source=f"行政复议案件 {case.number}（{Outcome(outcome).label}）")
    _discard_stale_drafts(case, actor)
    if draft and doc_kind:
        _draft(case, doc_kind, actor=actor)
    return case


REDO_OUTCOMES = (Outcome.REVOKED, Outcome.ORDERED_TO_PERFORM)


@transaction.atomic
def decide_case(case: Case, *, actor, on: dt.date, outcome: str, reason: str, findings: str = "",
                compensation: bool = False, redo_days: int | None = None, not_worse: bool = False,
                draft: bool = True) -> Case:
    """A 行政复议决定 of one of the kinds in arts. 63–72, or 驳回申请 for an accepted case that turns out not to
    meet art. 30 (art. 33). The workflow refuses it while a mandatory hearing (art. 50(1)) or committee opinion
    (art. 52(2)) is missing."""
    case = _lock(case)
    if case.status == "suspended":
        raise ActionError("案件处于中止状态，应先恢复审理再作出决定（第三十九条第二款）。")
    CASE.check(case, "decide", actor)
    if outcome not in DECISION_OUTCOMES:
        raise ActionError("请选择第六十三条至第七十二条规定的决定类型，或驳回申请（第三十三条）。")
    if not (reason or "").strip():
        raise ActionError("请填写决定理由。")
    findings = validate.text(findings, "经审理查明的事实", required=False)
    if outcome == Outcome.DISMISSED and case.act_kind != ActKind.NONPERFORMANCE:
        raise ActionError("驳回复议请求适用于申请人认为被申请人不履行法定职责的案件（第六十九条）。")
    if outcome == Outcome.ORDERED_TO_PERFORM and case.act_kind != ActKind.NONPERFORMANCE:
        raise ActionError("责令履行适用于被申请人不履行法定职责的案件（第六十六条）。")
    if compensation and outcome not in (Outcome.REVOKED, Outcome.ALTERED, Outcome.CONFIRMED_ILLEGAL,
                                        Outcome.CONFIRMED_VOID):
        raise ActionError("一并决定赔偿只能与撤销、变更、确认违法或确认无效决定同时作出（第七十二条）。")
    if outcome == Outcome.ALTERED and not not_worse:
        raise ActionError("行政复议机关不得作出对申请人更为不利的变更决定，但第三人提出相反请求的除外（第六十三条第二款）。"
                          "请确认变更决定没有加重申请人的负担。")
    if redo_days is not None and outcome not in REDO_OUTCOMES:
        raise ActionError("只有撤销并责令重新作出（第六十四条）或责令履行（第六十六条）的决定才确定被申请人的履行期限。")
    if outcome == Outcome.ORDERED_TO_PERFORM and not redo_days:
        raise ActionError("责令履行法定职责的，应当确定履行期限（第六十六条）。")
    if redo_days is not None and not (isinstance(redo_days, int) and 1 <= redo_days <= 365):
        raise ActionError("履行期限应为1至365日。")
    label = Outcome(outcome).label
    return _conclude(case, "decide", actor=actor, on=on, outcome=outcome, reason=reason, compensation=compensation,
                     verb="驳回申请" if outcome == Outcome.APPLICATION_DISMISSED else f"作出复议决定（{label}）",
                     doc_kind=DocumentKind.DECISION, draft=draft, findings=findings, redo_days=redo_days)


@transaction.atomic
def classify_case(case: Case, *, actor, major_complex: bool, technical: bool, reason: str = "") -> Case:
    """Record whether the case is 重大、疑难、复杂 (hearing mandatory, art. 50(1); committee, art. 52(2)(1)) or
    专业性、技术性较强 (committee, art. 52(2)(2))."""
    case = _lock(case)
    CASE.check(case, "classify", actor)
    before = audit.snapshot(case, ["major_complex", "technical"])
    case.major_complex, case.technical = bool(major_complex), bool(technical)
    case.save(update_fields=["major_complex", "technical", "updated_at"])
    b, a = audit.diff(before, audit.snapshot(case, ["major_complex", "technical"]))
    audit.record(actor=actor, obj=case, verb="认定案件情形", before=b, after=a, reason=reason)
    return case


@transaction.atomic
def mediate_case(case: Case, *, actor, on: dt.date, agreement: str, draft: bool = True) -> Case:
    """Art. 73(1): the parties agree; the 调解书 is drafted from the agreement. It takes effect only once every party
    has signed it (`sign_mediation`); until then a party may back out (`withdraw_mediation`)."""
    case = _lock(case)
    CASE.check(case, "mediate", actor)
    agreement = validate.text(agreement, "调解协议的内容")
    on = _on(on, "达成调解协议日期", (case.accepted_on, "受理日期"))
    CASE.move(case, "mediate")
    case.outcome_reason, case.mediation_agreed_on = agreement, on
    case.save()
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb="达成调解协议",
                 after={"status": case.status, "on": on}, reason=agreement)
    if draft:
        _draft(case, DocumentKind.MEDIATION, actor=actor)
    return case


@transaction.atomic
def sign_mediation(case: Case, *, actor, on: dt.date) -> Case:
    """Art. 73(1): signed by every party and sealed, the 调解书 takes effect and the case is concluded."""
    case = _lock(case)
    CASE.check(case, "sign_mediation", actor)
    on = _on(on, "签收日期", (case.mediation_agreed_on, "达成调解协议日期"))
    return _conclude(case, "sign_mediation", actor=actor, on=on,
                     outcome=Outcome.MEDIATED, reason=case.outcome_reason, verb="调解书签收生效，调解结案",
                     doc_kind=None, draft=False)


@transaction.atomic
def withdraw_mediation(case: Case, *, actor, on: dt.date, reason: str = "") -> Case:
    """Art. 73(2): a party backs out before the 调解书 takes effect: the case returns to review and decision; an
    unsigned 调解书 is void."""
    case = _lock(case)
    CASE.check(case, "withdraw_mediation", actor)
    on = _on(on, "反悔日期", (case.mediation_agreed_on, "达成调解协议日期"))
    CASE.move(case, "withdraw_mediation")
    agreement = case.outcome_reason
    case.outcome_reason, case.mediation_agreed_on = "", None
    case.save()
    for doc in CaseDocument.objects.filter(case=case, kind=DocumentKind.MEDIATION, status=DocumentStatus.DRAFT):
        doc.delete()
    audit.record(actor=actor, obj=case, action=AuditAction.TRANSITION, verb="调解书生效前一方反悔，恢复审理",
                 before={"agreement": agreement}, after={"status": case.status, "on": on}, reason=reason)
    return case


@transaction.atomic
def terminate_case(case: Case, *, actor, on: dt.date, reason: str, settled: bool = False,
                   draft: bool = True) -> Case:
    """Art. 41 (withdrawal, death, dissolution …) or art. 74 (settlement, then withdrawal): 终止."""
    case = _lock(case)
    CASE.check(case, "terminate", actor)
    if not (reason or "").strip():
        raise ActionError("请填写终止的事由（第四十一条）。")
    outcome = Outcome.SETTLED if settled else Outcome.TERMINATED
    return _conclude(case, "terminate", actor=actor, on=on, outcome=outcome, reason=reason,
                     verb="和解撤回，终止行政复议" if settled else "终止行政复议",
                     doc_kind=DocumentKind.TERMINATION, draft=draft)




@transaction.atomic
def record_redo(case: Case, *, actor, on: dt.date, reason: str = "") -> Case:
    """Arts. 64, 66: the respondent acted anew or performed within (or after) the period the decision set; its legal
    officer or the 复议 staff record it. Not doing so is for the 复议机关 to order (art. 77)."""
    from fazhi.reconsideration.actions.common import RULE_REDO

    case = _lock(case)
    CASE.check(case, "redo_done", actor)
    d = _open_deadline(case, RULE_REDO)
    on = _on(on, "重新作出或履行日期", (d.start if d else None, "收到决定书日期"))
    d = dl.complete_deadline(d, on=on, actor=actor)
    audit.record(actor=actor, obj=case, verb="登记重新作出或履行", after={"redo_done_on": on, "status": d.status},
                 reason=reason)
    return case
