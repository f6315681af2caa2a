"""The case's documents (文书): drafts filled from the case, edits, issuing with the next 文号 of the series."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import audit, clock, numbering, validate
from fazhi.core.choices import AuditAction
from fazhi.core.permissions import ActionError, require
from fazhi.reconsideration import documents
from fazhi.reconsideration.actions.common import (
    RULE_OPINION_FOLLOWUP,
    RULE_REDO,
    RULE_SUPPLEMENT_REPLY,
    _draft,
    _on,
    _open_deadline,
    _start,
    document_prefix,
)
from fazhi.reconsideration.choices import (
    CONCLUDING_KINDS,
    DOCUMENT_CODE,
    ActPublicity,
    CaseStatus,
    DocumentKind,
    DocumentStatus,
    PublicationScope,
    ServiceMethod,
)
from fazhi.reconsideration.models import Case, CaseDocument, DocumentService
from fazhi.reconsideration.permissions import may_handle
from fazhi.reconsideration.workflow import CASE, DOCUMENT
from fazhi.rules import deadlines as dl
from fazhi.rules.engine import compute_due

RULE_PUBLIC_NOTICE = "service.public_notice"


def _doc_permission(doc: CaseDocument, actor):
    require(actor is not None and may_handle(actor, doc.organisation), "您没有编辑或签发该文书的权限。")


@transaction.atomic
def draft_document(case: Case, kind: str, *, actor) -> CaseDocument:
    """Generate (or return the open draft of) a document of this kind, filled from the case."""
    CASE.check(case, "draft_document", actor)
    if kind not in DocumentKind.values or kind in (DocumentKind.OPINION_LETTER, DocumentKind.SUGGESTION_LETTER):
        raise ActionError("该类文书不能从案件直接生成。")
    if kind in CONCLUDING_KINDS:
        ready = (case.status in (CaseStatus.MEDIATING, CaseStatus.CONCLUDED) if kind == DocumentKind.MEDIATION
                 else case.status == CaseStatus.CONCLUDED)
        if not ready:
            raise ActionError(f"案件尚未审结，不能起草{DocumentKind(kind).label}：结案文书在作出决定（或达成调解协议）后"
                              "按记录的结果生成。")
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
    """Freeze the text, give it the next number of its kind for the year (e.g. 清府复决〔2026〕3号), audit it.
    Refused while a 【…】 blank remains, and for a concluding document before the case is concluded."""
    doc = CaseDocument.objects.select_for_update(of=("self",)).select_related("organisation", "case").get(pk=doc.pk)
    _doc_permission(doc, actor)
    if doc.is_issued:
        raise ActionError(f"文书已于 {doc.issued_on:%Y-%m-%d} 签发，文号 {doc.number}。")
    DOCUMENT.check(doc, "issue", actor)
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




def _service_date(method: str, sent_on: dt.date, received_on: dt.date | None) -> tuple[dt.date | None, str]:
    """When the recipient is taken to have received it, and how that was worked out."""
    if method == ServiceMethod.PUBLIC_NOTICE:
        r = compute_due(RULE_PUBLIC_NOTICE, sent_on, with_text=False)
        return r.due, f"公告送达，{r.explanation.splitlines()[0]}"
    return received_on, ""


def _on_receipt(doc: CaseDocument, service: DocumentService, actor):
    """What starts when a document reaches its recipient: the applicant's 补正 period (art. 31(2)), the recipient's
    report on a 意见书 (art. 76), the respondent's period to act anew or perform (arts. 64, 66)."""
    received = service.received_on
    if service.method == ServiceMethod.COPY_TO_SUPERIOR or received is None:
        return
    case = doc.case
    if doc.kind == DocumentKind.SUPPLEMENT_NOTICE and case is not None and case.status == CaseStatus.SUPPLEMENTING \
            and _open_deadline(case, RULE_SUPPLEMENT_REPLY) is None:
        _start(case, RULE_SUPPLEMENT_REPLY, received, actor=actor, organisation=case.organisation,
               label="申请人提交补正材料")
    if doc.kind == DocumentKind.OPINION_LETTER and doc.letter is not None and not doc.letter.replied_on \
            and _open_deadline(doc.letter, RULE_OPINION_FOLLOWUP) is None:
        _start(doc.letter, RULE_OPINION_FOLLOWUP, received, actor=actor, organisation=doc.letter.recipient,
               label="报送纠正情况")
    if doc.kind == DocumentKind.DECISION and case is not None and case.redo_days \
            and service.recipient.strip() == case.respondent.name \
            and not dl.deadlines_for(case).filter(rule_id=RULE_REDO).exists():
        dl.start_deadline(case, RULE_REDO, received, actor=actor, organisation=case.respondent,
                          label="重新作出行政行为或履行法定职责", length=case.redo_days)


@transaction.atomic
def serve_document(doc: CaseDocument, *, actor, recipient: str, method: str, sent_on: dt.date,
                   received_on: dt.date | None = None, reference: str = "") -> DocumentService:
    """Record one 送达 (or the 抄告 of art. 79(2)). The periods that run from receipt start when it is known."""
    doc = CaseDocument.objects.select_for_update(of=("self",)).select_related("organisation", "case", "letter").get(pk=doc.pk)
    DOCUMENT.check(doc, "serve", actor)
    recipient = validate.text(recipient, "受送达人", max_length=200)
    method = validate.choice(method, ServiceMethod, "送达方式")
    sent_on = _on(sent_on, "交付、发出或公告日期", (doc.issued_on, "签发日期"))
    if method == ServiceMethod.PUBLIC_NOTICE and received_on:
        raise ActionError("公告送达的送达日期由法律规定（自发出公告之日起经过三十日视为送达），不需填写签收日期。")
    received_on = validate.date(received_on, "签收或送达日期", required=False, after=[(sent_on, "交付、发出或公告日期")])
    deemed, how = _service_date(method, sent_on, received_on)
    service = DocumentService.objects.create(document=doc, recipient=recipient, method=method, sent_on=sent_on,
                                             received_on=deemed, reference=validate.text(
                                                 reference, "送达回证或邮件号", required=False, max_length=100))
    audit.record(actor=actor, obj=doc, organisation=doc.organisation, action=AuditAction.CREATE,
                 verb="抄告" if method == ServiceMethod.COPY_TO_SUPERIOR else "登记送达",
                 after={"recipient": recipient, "method": method, "sent_on": sent_on, "received_on": deemed},
                 reason=how)
    _on_receipt(doc, service, actor)
    return service


@transaction.atomic
def record_receipt(service: DocumentService, *, actor, received_on: dt.date) -> DocumentService:
    """The signed receipt came back (邮寄回执, 送达回证): record the day it was received."""
    service = DocumentService.objects.select_for_update(of=("self",)).select_related("document").get(pk=service.pk)
    doc = CaseDocument.objects.select_related("organisation", "case", "letter").get(pk=service.document_id)
    DOCUMENT.check(doc, "receipt", actor)
    if service.received_on is not None:
        raise ActionError(f"该送达已登记签收日期 {service.received_on:%Y-%m-%d}。")
    service.received_on = validate.date(received_on, "签收或送达日期", after=[(service.sent_on, "交付或发出日期")])
    service.save(update_fields=["received_on"])
    audit.record(actor=actor, obj=doc, organisation=doc.organisation, verb="登记签收",
                 after={"recipient": service.recipient, "received_on": service.received_on})
    _on_receipt(doc, service, actor)
    return service


@transaction.atomic
def publish_document(doc: CaseDocument, *, actor, on: dt.date, act_publicity: str, scope: str, note: str = "",
                     checked: bool = False) -> CaseDocument:
    """Art. 79(1): after service, a reviewer decides how the document is made public given how public the contested
    act was — in full with personal data removed, as a summary, or not at all (with the reason recorded)."""
    doc = CaseDocument.objects.select_for_update(of=("self",)).select_related("organisation", "case").get(pk=doc.pk)
    DOCUMENT.check(doc, "publish", actor)
    act_publicity = validate.choice(act_publicity, ActPublicity, "被申请行政行为的公开情况")
    scope = validate.choice(scope, PublicationScope, "公开方式")
    note = validate.text(note, "审核意见", required=False, max_length=300)
    if not checked:
        raise ActionError("请逐段核对公开文本并确认个人信息已隐去后再公开。")
    if act_publicity == ActPublicity.CONFIDENTIAL and scope != PublicationScope.NONE:
        raise ActionError("涉及国家秘密、商业秘密或者个人隐私的，决定书不向社会公开（第七十九条第一款），请选择“不予公开”。")
    if act_publicity == ActPublicity.ON_REQUEST and scope == PublicationScope.FULL:
        raise ActionError("被申请的行政行为未主动公开的，决定书不宜全文公开，可以摘要公开或不予公开（第七十九条第一款）。")
    if scope == PublicationScope.NONE and not note:
        raise ActionError("不予公开的，请在审核意见中说明理由。")
    on = _on(on, "公开日期", (doc.received_on(), "送达日期"))
    doc.act_publicity, doc.publication_scope, doc.publication_note = act_publicity, scope, note
    doc.published_on, doc.published_by = on, actor
    doc.save(update_fields=["act_publicity", "publication_scope", "publication_note", "published_on",
                            "published_by", "updated_at"])
    audit.record(actor=actor, obj=doc, organisation=doc.organisation, action=AuditAction.TRANSITION,
                 verb="审核公开" if scope != PublicationScope.NONE else "审核决定不予公开",
                 after={"publication_scope": scope, "act_publicity": act_publicity, "published_on": on},
                 reason=note)
    return doc
