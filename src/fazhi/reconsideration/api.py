"""行政复议 API: cases and their deadlines, with the same scoping as the pages."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Body, Router, Schema
from ninja.errors import HttpError

from fazhi.core.api import window
from fazhi.core.permissions import ActionError
from fazhi.core.workflow import run_with_data
from fazhi.reconsideration import actions
from fazhi.reconsideration.models import Case
from fazhi.reconsideration.workflow import CASE
from fazhi.rules.deadlines import deadlines_for

router = Router(tags=["行政复议"])
STEP_BODY = Body(...)  # the step's fields as a JSON object


class DeadlineOut(Schema):
    rule_id: str
    label: str
    start: dt.date
    due: dt.date
    status: str
    provisional: bool
    explanation: str


class CaseOut(Schema):
    id: int
    number: str
    organisation: str
    respondent: str
    applicants: list[str]
    act_kind: str
    act_description: str
    received_on: dt.date
    status: str
    procedure: str
    accepted_on: dt.date | None
    outcome: str
    closed_on: dt.date | None
    deadlines: list[DeadlineOut] = []


def _out(case: Case, with_deadlines: bool = False) -> dict:
    out = {"id": case.pk, "number": case.number, "organisation": case.organisation.code,
           "respondent": case.respondent.code, "applicants": [p.name for p in case.parties.all()
                                                              if p.role == "applicant"],
           "act_kind": case.act_kind, "act_description": case.act_description, "received_on": case.received_on,
           "status": case.status, "procedure": case.procedure, "accepted_on": case.accepted_on,
           "outcome": case.outcome, "closed_on": case.closed_on, "deadlines": []}
    if with_deadlines:
        out["deadlines"] = [{"rule_id": d.rule_id, "label": d.label, "start": d.start, "due": d.due,
                             "status": d.status, "provisional": d.provisional, "explanation": d.explanation}
                            for d in deadlines_for(case)]
    return out


def _cases(request):
    return Case.objects.visible_to(request.auth).select_related("organisation", "respondent") \
        .prefetch_related("parties")


@router.get("/cases", response=list[CaseOut], summary="可见的行政复议案件")
def list_cases(request, status: str = "", year: int | None = None, limit: int = 100, offset: int = 0):
    qs = _cases(request)
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    limit, offset = window(limit, offset)  # a negative or huge slice would be a server error
    return [_out(c) for c in qs[offset:offset + limit]]


@router.get("/cases/{pk}", response=CaseOut, summary="行政复议案件详情（含法定期限）")
def get_case(request, pk: int):
    return _out(get_object_or_404(_cases(request), pk=pk), with_deadlines=True)


class AcceptIn(Schema):
    on: dt.date
    procedure: str = "ordinary"


@router.post("/cases/{pk}/accept", response=CaseOut, summary="受理")
def accept(request, pk: int, data: AcceptIn):
    case = get_object_or_404(_cases(request), pk=pk)
    try:
        actions.accept_case(case, actor=request.auth, on=data.on, procedure=data.procedure)
    except ActionError as e:
        raise HttpError(400, e.message) from e
    return _out(get_object_or_404(_cases(request), pk=pk), with_deadlines=True)


@router.post("/cases/{pk}/steps/{step}", response=CaseOut,
             summary="办理步骤（accept、supplement、reject、send_copy、answer、extend、suspend、resume、decide …）")
def run_step(request, pk: int, step: str, payload: dict = STEP_BODY):
    """Any step of the case page (workflow.CASE), with the same form validation, guard and action behind it."""
    case = get_object_or_404(_cases(request), pk=pk)
    try:
        run_with_data(CASE, case, step, payload, request.auth)
    except ActionError as e:
        raise HttpError(400, e.message) from e
    return _out(get_object_or_404(_cases(request), pk=pk), with_deadlines=True)
