"""API of the litigation module: the cases a token's user may see, with hearings, appeal and deadlines."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Body, Router, Schema
from ninja.errors import HttpError

from fazhi.core.api import window
from fazhi.core.permissions import ActionError
from fazhi.core.workflow import run_with_data
from fazhi.litigation.models import LitigationCase
from fazhi.litigation.workflow import CASE

router = Router(tags=["行政应诉"])
STEP_BODY = Body(...)  # the step's fields as a JSON object


class CaseOut(Schema):
    id: int
    case_number: str
    court: str
    plaintiffs: list[str]
    defendant: str
    defendant_code: str
    co_defendant: str | None
    contested_act: str
    act_kind: str
    received_on: dt.date
    answer_due: dt.date | None
    answered_on: dt.date | None
    status: str
    status_label: str
    outcome: str
    outcome_label: str
    concluded_on: dt.date | None


class HearingOut(Schema):
    instance: str
    held_on: dt.date
    appearance: str
    appearance_label: str
    attendee: str
    absence_reason: str


class AppealOut(Schema):
    case_number: str
    court: str
    appellant: str
    filed_on: dt.date
    outcome: str
    decided_on: dt.date | None


class SuggestionOut(Schema):
    court: str
    number: str
    received_on: dt.date
    replied_on: dt.date | None


class CaseDetailOut(CaseOut):
    hearings: list[HearingOut]
    appeal: AppealOut | None
    suggestions: list[SuggestionOut]


def _case(c: LitigationCase) -> dict:
    return {"id": c.pk, "case_number": c.case_number, "court": c.court, "plaintiffs": c.plaintiff_names,
            "defendant": c.organisation.name, "defendant_code": c.organisation.code,
            "co_defendant": c.co_defendant.name if c.co_defendant_id else None, "contested_act": c.contested_act,
            "act_kind": c.act_kind, "received_on": c.received_on, "answer_due": c.answer_due,
            "answered_on": c.answered_on, "status": c.status, "status_label": c.get_status_display(),
            "outcome": c.outcome, "outcome_label": c.get_outcome_display(), "concluded_on": c.concluded_on}


@router.get("/cases", response=list[CaseOut], summary="行政应诉案件清单")
def list_cases(request, q: str = "", status: str = "", defendant: str = "", year: int | None = None,
               limit: int = 100, offset: int = 0):
    qs = LitigationCase.objects.visible_to(request.auth).select_related("organisation", "co_defendant")
    if q:
        qs = qs.filter(case_number__icontains=q) | qs.filter(plaintiffs__icontains=q)
    if status:
        qs = qs.filter(status=status)
    if defendant:
        qs = qs.filter(organisation__code=defendant)
    if year:
        qs = qs.filter(received_on__year=year)
    limit, offset = window(limit, offset)
    return [_case(c) for c in qs[offset:offset + limit]]


@router.get("/cases/{case_id}", response=CaseDetailOut, summary="行政应诉案件详情")
def get_case(request, case_id: int):
    c = get_object_or_404(LitigationCase.objects.visible_to(request.auth).select_related(
        "organisation", "co_defendant"), pk=case_id)
    appeal = getattr(c, "appeal", None)
    out = _case(c)
    out["hearings"] = [{"instance": h.instance, "held_on": h.held_on, "appearance": h.appearance,
                        "appearance_label": h.get_appearance_display(), "attendee": h.attendee,
                        "absence_reason": h.absence_reason} for h in c.hearings.all()]
    out["appeal"] = None if appeal is None else {
        "case_number": appeal.case_number, "court": appeal.court, "appellant": appeal.appellant,
        "filed_on": appeal.filed_on, "outcome": appeal.outcome, "decided_on": appeal.decided_on}
    out["suggestions"] = [{"court": s.court, "number": s.number, "received_on": s.received_on,
                           "replied_on": s.replied_on} for s in c.suggestions.all()]
    return out


@router.post("/cases/{case_id}/steps/{step}", response=CaseDetailOut,
             summary="办理步骤（answer、hearing、judgment、appeal、appeal_decision、suggestion）")
def run_step(request, case_id: int, step: str, payload: dict = STEP_BODY):
    """Any step of the case page (workflow.CASE), with the same form validation, guard and action behind it."""
    case = get_object_or_404(LitigationCase.objects.visible_to(request.auth), pk=case_id)
    try:
        run_with_data(CASE, case, step, payload, request.auth)
    except ActionError as e:
        raise HttpError(400, e.message) from e
    return get_case(request, case_id)
