"""API of normative documents: the documents a token's user may see (with the text in force on a date), the
public resolution of a citation, and the steps of a document."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Body, Router, Schema
from ninja.errors import HttpError

from fazhi.core import clock
from fazhi.core.api import window
from fazhi.core.permissions import ActionError
from fazhi.core.workflow import run_with_data
from fazhi.normdocs import text as texts
from fazhi.normdocs.choices import Status
from fazhi.normdocs.models import Document
from fazhi.normdocs.workflow import DOCUMENT

router = Router(tags=["规范性文件"])
STEP_BODY = Body(...)


class DocumentOut(Schema):
    id: int
    number: str
    title: str
    organisation: str
    status: str
    status_label: str
    published_on: dt.date | None
    effective_from: dt.date | None
    valid_until: dt.date | None
    filed_on: dt.date | None
    filing_due: dt.date | None
    in_force: bool


def _doc(d: Document) -> dict:
    return {"id": d.pk, "number": d.number, "title": d.title, "organisation": d.organisation.name,
            "status": d.status, "status_label": d.get_status_display(), "published_on": d.published_on,
            "effective_from": d.effective_from, "valid_until": d.valid_until, "filed_on": d.filed_on,
            "filing_due": d.filing_due, "in_force": d.in_force(clock.today())}


@router.get("/documents", response=list[DocumentOut], summary="规范性文件清单")
def list_documents(request, q: str = "", status: str = "", in_force: bool | None = None, limit: int = 100,
                   offset: int = 0):
    qs = Document.objects.visible_to(request.auth).select_related("organisation")
    if q:
        qs = qs.filter(title__icontains=q[:100]) | qs.filter(number__icontains=q[:100])
    if status:
        if status not in Status.values:
            raise HttpError(400, f"无效的状态“{status[:20]}”。")
        qs = qs.filter(status=status)
    if in_force is not None:
        qs = qs.in_force_on(clock.today()) if in_force else qs.exclude(pk__in=qs.in_force_on(clock.today()))
    limit, offset = window(limit, offset)
    return [_doc(d) for d in qs.order_by("-published_on", "-pk")[offset:offset + limit]]


@router.get("/documents/{doc_id}", response=DocumentOut, summary="规范性文件详情")
def get_document(request, doc_id: int):
    return _doc(get_object_or_404(Document.objects.visible_to(request.auth).select_related("organisation"),
                                  pk=doc_id))


@router.get("/documents/{doc_id}/text", summary="某日适用的文本（分条）")
def get_text(request, doc_id: int, on: dt.date | None = None):
    doc = get_object_or_404(Document.objects.visible_to(request.auth), pk=doc_id)
    v = doc.version_on(on or clock.today()) or doc.current_version()
    return {"version": v.label, "effective_from": v.effective_from, "sha256": v.sha256,
            "articles": [{"label": a.label, "number": a.number, "suffix": a.suffix, "text": a.text}
                         for a in v.articles.all()]}


@router.get("/resolve", summary="解析规范性文件条文引用（按日期）")
def resolve(request, citation: str, on: dt.date | None = None):
    try:
        r = texts.resolve(citation[:300], on or clock.today())
    except ValueError as e:
        raise HttpError(400, str(e)) from e
    if r is None:
        raise HttpError(404, "没有找到该名称的已公布规范性文件。")
    return {"citation": r.citation, "version": r.version, "text": r.text, "url": r.url}


@router.post("/documents/{doc_id}/steps/{step}", response=DocumentOut,
             summary="文件步骤（submit_review、review、deliberate、register、publish、file …）")
def document_step(request, doc_id: int, step: str, payload: dict = STEP_BODY):
    doc = get_object_or_404(Document.objects.visible_to(request.auth), pk=doc_id)
    try:
        run_with_data(DOCUMENT, doc, step, payload, request.auth, form_kwargs={"obj": doc, "user": request.auth})
    except ActionError as e:
        raise HttpError(400, e.message) from e
    return get_document(request, doc_id)
