"""Marks on an enforcement decision from another procedure (行政处罚法第四十八条第二款): a 复议 decision or a judgment
revoked, altered, confirmed illegal or void it (`correct`), or a second instance changed or set aside the judgment that
did (`revise_correction`). Called by `triggers` inside the concluding action's transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import audit, validate
from fazhi.core.choices import AuditAction
from fazhi.core.workflow import SYSTEM
from fazhi.enforcement.actions import PUBLICITY_RULE, WITHDRAWAL_RULE, _lock, _open
from fazhi.enforcement.choices import Correction
from fazhi.rules import deadlines as dl


def correct(case, *, correction: str, on: dt.date, source: str, via: str, actor):
    """The decision was revoked, altered, confirmed illegal or void (called by `triggers` inside the concluding
    action's transaction). A published decision must be withdrawn within 3 days (第四十八条第二款); a decision not
    yet published is no longer to be published."""
    case = _lock(case)
    correction = validate.choice(correction, Correction, "纠正方式")
    if case.correction:
        return case
    case.correction, case.corrected_on, case.corrected_by, case.corrected_via = correction, on, source[:200], via
    case.save()
    keeper = actor if actor is not None and getattr(actor, "is_authenticated", False) else SYSTEM
    if case.published_on and not case.withdrawn_on:
        dl.start_deadline(case, WITHDRAWAL_RULE, on, actor=SYSTEM, organisation=case.organisation,
                          label="撤回公示并说明理由")
    publicity = _open(case, PUBLICITY_RULE)
    if publicity is not None:
        dl.cancel_deadline(publicity, actor=SYSTEM, reason=f"决定{Correction(correction).label}，不再公示")
    audit.record(actor=keeper, obj=case, action=AuditAction.UPDATE, verb=f"执法决定{Correction(correction).label}",
                 after=audit.snapshot(case, ["correction", "corrected_on", "corrected_by", "corrected_via"]))
    return case


@transaction.atomic
def revise_correction(case, *, correction: str, on: dt.date, source: str, via: str, actor):
    """A second instance reversed (改判) or set aside (发回重审) the judgment that marked the decision. The mark changes
    to what the new judgment decided, or is taken back when the decision stands again: an open withdrawal deadline is
    cancelled; a publication already withdrawn is left for the department to restore. A mark made through another
    procedure (a 复议 decision) is not touched."""
    case = _lock(case)
    if not case.correction or case.corrected_via != via:
        if correction:
            return correct(case, correction=correction, on=on, source=source, via=via, actor=actor)
        return case
    keeper = actor if actor is not None and getattr(actor, "is_authenticated", False) else SYSTEM
    before = audit.snapshot(case, ["correction", "corrected_on", "corrected_by"])
    if correction:
        case.correction = validate.choice(correction, Correction, "纠正方式")
        case.corrected_on, case.corrected_by = on, source[:200]
        verb = f"二审改判：执法决定{Correction(correction).label}"
    else:
        case.correction, case.corrected_on, case.corrected_by, case.corrected_via = "", None, "", ""
        withdrawal = _open(case, WITHDRAWAL_RULE)
        if withdrawal is not None:
            dl.cancel_deadline(withdrawal, actor=SYSTEM, reason=f"{source}：原纠正不再成立")
        verb = "二审后执法决定恢复效力" + ("（公示已撤回，可重新公示）" if case.withdrawn_on else "")
    case.save()
    audit.record(actor=keeper, obj=case, action=AuditAction.UPDATE, verb=verb, before=before,
                 after=audit.snapshot(case, ["correction", "corrected_on", "corrected_by"]), reason=source)
    return case
