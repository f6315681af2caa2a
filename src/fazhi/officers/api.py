"""API of the registers: officers (with their certificates and whether they may act today), enforcement subjects, and
the officer and certificate steps through the same forms, guards and actions as the pages."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Body, Router, Schema
from ninja.errors import HttpError

from fazhi.core import clock
from fazhi.core.api import window
from fazhi.core.permissions import ActionError
from fazhi.core.workflow import run_with_data
from fazhi.officers.models import Certificate, EnforcementSubject, Officer
from fazhi.officers.permissions import enforcement_refusal
from fazhi.officers.workflow import CERTIFICATE, OFFICER

router = Router(tags=["执法主体与人员"])
STEP_BODY = Body(...)


class CertificateOut(Schema):
    id: int
    number: str
    kind: str
    issued_on: dt.date
    expires_on: dt.date
    status: str


class OfficerOut(Schema):
    id: int
    name: str
    organisation: str
    organisation_code: str
    position: str
    areas: str
    active: bool
    may_enforce_today: bool
    refusal: str | None
    certificates: list[CertificateOut]


class SubjectOut(Schema):
    id: int
    organisation: str
    kind: str
    entrusted_by: str | None
    scope: str
    valid_from: dt.date
    valid_to: dt.date | None
    announced_on: dt.date | None


def _officer(o: Officer) -> dict:
    why = enforcement_refusal(o, clock.today())
    return {"id": o.pk, "name": o.name, "organisation": o.organisation.name, "organisation_code": o.organisation.code,
            "position": o.position, "areas": o.areas, "active": o.active, "may_enforce_today": why is None,
            "refusal": why, "certificates": [{"id": c.pk, "number": c.number, "kind": c.kind, "issued_on": c.issued_on,
                                              "expires_on": c.expires_on, "status": c.status}
                                             for c in o.certificates.all()]}


@router.get("/officers", response=list[OfficerOut], summary="执法人员（含证件，及今日能否执法）")
def list_officers(request, org: str = "", q: str = "", limit: int = 100, offset: int = 0):
    qs = Officer.objects.visible_to(request.auth).select_related("organisation").prefetch_related("certificates")
    if org:
        qs = qs.filter(organisation__code=org)
    if q:
        qs = qs.filter(name__icontains=q[:60])
    limit, offset = window(limit, offset)
    return [_officer(o) for o in qs[offset:offset + limit]]


@router.get("/officers/{officer_id}", response=OfficerOut, summary="执法人员详情")
def get_officer(request, officer_id: int):
    return _officer(get_object_or_404(Officer.objects.visible_to(request.auth).select_related("organisation"),
                                      pk=officer_id))


@router.post("/officers/{officer_id}/steps/{step}", response=OfficerOut, summary="发放执法证、登记培训考试、离岗")
def officer_step(request, officer_id: int, step: str, payload: dict = STEP_BODY):
    officer = get_object_or_404(Officer.objects.visible_to(request.auth), pk=officer_id)
    try:
        run_with_data(OFFICER, officer, step, payload, request.auth)
    except ActionError as e:
        raise HttpError(400, e.message) from e
    return get_officer(request, officer_id)


@router.post("/certificates/{cert_id}/steps/{step}", response=CertificateOut, summary="暂扣、恢复、注销执法证")
def certificate_step(request, cert_id: int, step: str, payload: dict = STEP_BODY):
    cert = get_object_or_404(Certificate.objects.visible_to(request.auth), pk=cert_id)
    try:
        run_with_data(CERTIFICATE, cert, step, payload, request.auth)
    except ActionError as e:
        raise HttpError(400, e.message) from e
    cert.refresh_from_db()
    return {"id": cert.pk, "number": cert.number, "kind": cert.kind, "issued_on": cert.issued_on,
            "expires_on": cert.expires_on, "status": cert.status}


@router.get("/subjects", response=list[SubjectOut], summary="执法主体")
def list_subjects(request, limit: int = 100, offset: int = 0):
    qs = EnforcementSubject.objects.visible_to(request.auth).select_related("organisation", "entrusted_by")
    limit, offset = window(limit, offset)
    return [{"id": s.pk, "organisation": s.organisation.name, "kind": s.kind,
             "entrusted_by": s.entrusted_by.name if s.entrusted_by_id else None, "scope": s.scope,
             "valid_from": s.valid_from, "valid_to": s.valid_to, "announced_on": s.announced_on}
            for s in qs[offset:offset + limit]]
