"""The case's documents (文书): drafts filled from the case, edits, issuing with the next 文号 of the series."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import audit, clock, numbering, validate
from fazhi.core.choices import AuditAction
from fazhi.core.permissions import ActionError, require
from fazhi.reconsideration import documents
from fazhi.reconsideration.actions.common import _draft, _on, document_prefix
from fazhi.reconsideration.choices import DOCUMENT_CODE, DocumentKind, DocumentStatus
from fazhi.reconsideration.models import Case, CaseDocument
from fazhi.reconsideration.permissions import may_handle
from fazhi.reconsideration.workflow import CASE


def _doc_permission(doc: CaseDocument, actor):
    require(actor is not None and may_handle(actor, doc.organisation), "您没有编辑或签发该文书的权限。")


@transaction.atomic
def draft_document(case: Case, kind: str, *, actor) -> CaseDocument:
    """Generate (or return the open draft of) a document of this kind, filled from the case."""
    CASE.check(case, "draft_document", actor)
    if kind not in DocumentKind.values or kind in (DocumentKind.OPINION_LETTER, DocumentKind.SUGGESTION_LETTER):
        raise ActionError("该类文书不能从案件直接生成。")
    return _draft(case, kind, actor=actor)


@transaction.atomic
def edit_document(doc: CaseDocument, *, actor, title: str, body: str, recipients: str = "") -> CaseDocument:
    doc = CaseDocument.objects.select_for_update().get(pk=doc.pk)
    _doc_permission(doc, actor)
    if doc.is_issued:
        raise ActionError("文书已签发，不能再修改。")
    if not (title or "").strip() or not (body or "").strip():
        raise ActionError("标题和正文不能为空。")
    before = audit.snapshot(doc, ["title", "recipients", "body"])
    doc.title = validate.text(title, "标题", max_length=200)
    doc.body = validate.text(body, "正文")
    doc.recipients = validate.text(recipients, "主送", required=False, max_length=200)
    doc.save(update_fields=["title", "body", "recipients", "updated_at"])
    b, a = audit.diff(before, audit.snapshot(doc, ["title", "recipients", "body"]))
    audit.record(actor=actor, obj=doc, organisation=doc.organisation, verb="修改文书", before=b, after=a)
    return doc


@transaction.atomic
def issue_document(doc: CaseDocument, *, actor, on: dt.date | None = None) -> CaseDocument:
    """Freeze the text, give it the next number of its kind for the year (e.g. 清府复决〔2026〕3号), audit it."""
    doc = CaseDocument.objects.select_for_update().select_related("organisation").get(pk=doc.pk)
    _doc_permission(doc, actor)
    if doc.is_issued:
        raise ActionError(f"文书已于 {doc.issued_on:%Y-%m-%d} 签发，文号 {doc.number}。")
    on = _on(on or clock.today(), "签发日期", (doc.case.received_on if doc.case_id else None, "收到申请日期"),
             (doc.letter.issued_on if doc.letter_id else None, "制发日期"))
    seq = numbering.next_number(CaseDocument.objects.filter(organisation=doc.organisation, kind=doc.kind,
                                                            year=on.year), lock=doc.organisation)
    doc.status, doc.year, doc.seq, doc.issued_on = DocumentStatus.ISSUED, on.year, seq, on
    doc.number = f"{document_prefix(doc.organisation)}复{DOCUMENT_CODE[doc.kind]}〔{on.year}〕{seq}号"
    doc.issued_by = actor
    doc.save()
    audit.record(actor=actor, obj=doc, organisation=doc.organisation, action=AuditAction.TRANSITION, verb="签发文书",
                 after={"number": doc.number, "issued_on": on, "title": doc.title,
                        "body_sha256": documents.body_hash(doc.body)})
    return doc


