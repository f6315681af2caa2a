"""API of the enforcement module: the cases a token's user may see, and the steps of the case page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Body, Router, Schema
from ninja.errors import HttpError

from fazhi.core.api import window
from fazhi.core.permissions import ActionError
from fazhi.core.workflow import run_with_data
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.workflow import CASE

router = Router(tags=["行政执法"])
STEP_BODY = Body(...)


class CaseOut(Schema):
    id: int
    number: str
    organisation: str
    organisation_code: str
    kind: str
    procedure: str
    cause: str
    party_name: str
    filed_on: dt.date
    status: str
    status_label: str
    decision: str
    decided_on: dt.date | None
    decision_number: str
    penalty_kinds: list[str]
    fine_amount: Decimal
    confiscated_amount: Decimal
    published_on: dt.date | None
    correction: str
    source_system: str
    source_number: str


def _case(c: EnforcementCase) -> dict:
    return {"id": c.pk, "number": c.number, "organisation": c.organisation.name,
            "organisation_code": c.organisation.code, "kind": c.kind, "procedure": c.procedure, "cause": c.cause,
            "party_name": c.party_name, "filed_on": c.filed_on, "status": c.status,
            "status_label": c.get_status_display(), "decision": c.decision, "decided_on": c.decided_on,
            "decision_number": c.decision_number, "penalty_kinds": c.penalty_kinds, "fine_amount": c.fine_amount,
            "confiscated_amount": c.confiscated_amount, "published_on": c.published_on,
            "correction": c.correction, "source_system": c.source_system, "source_number": c.source_number}


@router.get("/cases", response=list[CaseOut], summary="行政执法案件清单")
def list_cases(request, q: str = "", kind: str = "", status: str = "", organisation: str = "",
               year: int | None = None, limit: int = 100, offset: int = 0):
    qs = EnforcementCase.objects.visible_to(request.auth).select_related("organisation")
    if q:
        qs = qs.filter(number__icontains=q) | qs.filter(cause__icontains=q)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if organisation:
        qs = qs.filter(organisation__code=organisation)
    if year:
        qs = qs.filter(year=year)
    limit, offset = window(limit, offset)
    return [_case(c) for c in qs[offset:offset + limit]]


@router.get("/cases/{case_id}", response=CaseOut, summary="行政执法案件详情")
def get_case(request, case_id: int):
    return _case(get_object_or_404(EnforcementCase.objects.visible_to(request.auth).select_related("organisation"),
                                   pk=case_id))


@router.post("/cases/{case_id}/steps/{step}", response=CaseOut,
             summary="办理步骤（notify、request_hearing、notify_hearing、hold_hearing、review、collective、decide、"
                     "serve、pay、publish、withdraw、close、drop、archive、link）")
def run_step(request, case_id: int, step: str, payload: dict = STEP_BODY):
    case = get_object_or_404(EnforcementCase.objects.visible_to(request.auth), pk=case_id)
    try:
        run_with_data(CASE, case, step, payload, request.auth, form_kwargs={"case": case, "user": request.auth})
    except ActionError as e:
        raise HttpError(400, e.message) from e
    return get_case(request, case_id)
