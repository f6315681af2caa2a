"""Concluding a case (行政复议法 arts. 33, 41, 63–74): decisions, 调解, 终止."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import audit
from fazhi.core.choices import AuditAction
from fazhi.core.permissions import ActionError
from fazhi.reconsideration.actions.common import DECISION_RULES, _cancel_open, _draft, _lock, _on, _open_deadline
from fazhi.reconsideration.choices import DECISION_OUTCOMES, REVIEW_OPEN, ActKind, DocumentKind, Outcome
from fazhi.reconsideration.models import Case
from fazhi.reconsideration.workflow import CASE
from fazhi.rules import deadlines as dl


def _conclude(case: Case, step: str, *, actor, on: dt.date, outcome: str, reason: str, verb: str,
              doc_kind: str | None, draft: bool, compensation: bool = False) -> Case:
    suspension = case.suspensions.filter(end__isnull=True).first()
    on = _on(on, "审结日期", (case.accepted_on, "受理日期"), (suspension.start if suspension else None, "中止日期"))
    if suspension is not None:
        suspension.end = on
        suspension.save(update_fields=["end"])
    CASE.move(case, step)
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
    if case.status == "suspended":
        raise ActionError("案件处于中止状态，应先恢复审理再作出决定（第三十九条第二款）。")
    CASE.check(case, "decide", actor)
    if outcome not in DECISION_OUTCOMES:
        raise ActionError("请选择第六十三条至第七十二条规定的决定类型，或驳回申请（第三十三条）。")
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
    return _conclude(case, "decide", actor=actor, on=on, outcome=outcome, reason=reason, compensation=compensation,
                     verb="驳回申请" if outcome == Outcome.APPLICATION_DISMISSED else f"作出复议决定（{label}）",
                     doc_kind=DocumentKind.DECISION, draft=draft)


@transaction.atomic
def mediate_case(case: Case, *, actor, on: dt.date, agreement: str, draft: bool = True) -> Case:
    """Art. 73: the parties agree; the 调解书, signed by them and sealed, closes the case."""
    case = _lock(case)
    CASE.check(case, "mediate", actor)
    if not (agreement or "").strip():
        raise ActionError("请填写调解协议的内容。")
    return _conclude(case, "mediate", actor=actor, on=on, outcome=Outcome.MEDIATED, reason=agreement, verb="调解结案",
                     doc_kind=DocumentKind.MEDIATION, draft=draft)


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


