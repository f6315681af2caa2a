"""API of the deadline engine: rules, due-date computation, the deadlines a token's user may see."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from fazhi.core import clock
from fazhi.core.api import window
from fazhi.core.permissions import ActionError
from fazhi.rules import engine
from fazhi.rules.models import Deadline
from fazhi.rules.views import BUCKETS, bucket_filter

router = Router(tags=["法定期限"])


class RuleVersionOut(Schema):
    effective_from: dt.date
    effective_to: dt.date | None
    citation: str
    period: str
    unit: str
    length: int | None
    extension: str | None
    pauses: list[str]


class RuleOut(Schema):
    id: str
    title: str
    clock_starts: str
    versions: list[RuleVersionOut]


class ComputeOut(Schema):
    rule: str
    start: dt.date
    due: dt.date
    provisional: bool
    explanation: str
    citation: str


class DeadlineOut(Schema):
    id: int
    label: str
    rule_id: str
    rule_version: str
    organisation: str
    organisation_code: str
    subject_type: str
    subject_id: str
    start: dt.date
    due: dt.date
    previous_due: dt.date | None
    provisional: bool
    status: str
    display_status: str
    display_status_label: str
    completed_on: dt.date | None
    extended: bool
    explanation: str
    citation: str


def _rule_out(rule: engine.Rule) -> dict:
    return {"id": rule.id, "title": rule.title, "clock_starts": rule.clock_starts, "versions": [
        {"effective_from": v.effective_from, "effective_to": v.effective_to, "citation": v.citation.full(),
         "period": v.period_text(), "unit": v.unit, "length": v.length,
         "extension": f"{v.extension.length}{engine.UNITS[v.extension.unit]}（{v.extension.approver}批准）"
         if v.extension else None, "pauses": [p.kind for p in v.pauses]} for v in rule.versions]}


def _deadline_out(d: Deadline, today: dt.date) -> dict:
    return {"id": d.pk, "label": d.label, "rule_id": d.rule_id, "rule_version": d.rule_version,
            "organisation": d.organisation.name, "organisation_code": d.organisation.code,
            "subject_type": d.content_type.model_class()._meta.label_lower if d.content_type.model_class() else "",
            "subject_id": d.object_id, "start": d.start, "due": d.due, "previous_due": d.previous_due,
            "provisional": d.provisional, "status": d.status, "display_status": d.display_status(today),
            "display_status_label": d.get_display_status_label(today), "completed_on": d.completed_on,
            "extended": d.extended, "explanation": d.explanation, "citation": d.citation}


@router.get("/rules", response=list[RuleOut], summary="期限规则目录")
def list_rules(request):
    return [_rule_out(r) for r in sorted(engine.all_rules().values(), key=lambda r: r.id)]


@router.get("/compute", response=ComputeOut, summary="计算期满日")
def compute(request, rule: str, start: dt.date, extended: bool = False):
    try:
        r = engine.compute_due(rule, start, extended=extended)
    except ActionError as e:
        raise HttpError(400, e.message) from e
    return {"rule": rule, "start": r.start, "due": r.due, "provisional": r.provisional,
            "explanation": r.explanation, "citation": r.citation}


class DeadlineFilters(Schema):
    bucket: str | None = None
    rule: str | None = None
    org: str | None = None
    status: str | None = None
    limit: int = 100
    offset: int = 0


@router.get("/deadlines", response=list[DeadlineOut], summary="可见的法定期限")
def list_deadlines(request, filters: Query[DeadlineFilters]):
    today = clock.today()
    qs = Deadline.objects.visible_to(request.auth).select_related("organisation", "content_type")
    if filters.bucket:
        if filters.bucket not in dict(BUCKETS):
            raise HttpError(400, f"未知的范围“{filters.bucket}”，可用：{'、'.join(dict(BUCKETS))}")
        qs = bucket_filter(qs, filters.bucket, today)
    if filters.rule:
        qs = qs.filter(rule_id=filters.rule)
    if filters.org:
        qs = qs.filter(organisation__code=filters.org)
    if filters.status:
        qs = qs.filter(status=filters.status)
    limit, offset = window(filters.limit, filters.offset)
    rows = qs.order_by("due", "id")[offset:offset + limit]
    return [_deadline_out(d, today) for d in rows]


@router.get("/deadlines/{deadline_id}", response=DeadlineOut, summary="一项法定期限")
def get_deadline(request, deadline_id: int):
    d = get_object_or_404(Deadline.objects.visible_to(request.auth).select_related("organisation", "content_type"),
                          pk=deadline_id)
    return _deadline_out(d, clock.today())
