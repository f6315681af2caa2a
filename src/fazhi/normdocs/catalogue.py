"""Registering documents made before the platform (存量文件): one at a time or from the maker's Excel catalogue.

An import is all-or-nothing with a row-level report (`fazhi.core.excel.run_import`); a document already registered
under the same maker and number is reported, not doubled."""

from __future__ import annotations

from django.db import transaction

from fazhi.core import audit, validate
from fazhi.core.choices import AuditAction
from fazhi.core.permissions import ActionError, require
from fazhi.normdocs.actions import (
    _add_version,
    _start_filing,
    _start_validity,
    default_filing_authority,
    default_reviewer,
)
from fazhi.normdocs.choices import EndKind, Status
from fazhi.normdocs.models import Document
from fazhi.normdocs.permissions import may_draft


@transaction.atomic
def register_existing(*, actor, organisation, title, number, published_on, effective_from=None, valid_until=None,
                      filed_on=None, text="", reviewed_on=None, ended_on=None, end_kind="", audit_event=True
                      ) -> Document:
    if organisation is None:
        raise ActionError("请选择制定机关。")
    require(may_draft(actor, organisation), f"您没有登记“{organisation.name}”规范性文件的权限。")
    title = validate.text(title, "文件名称", max_length=300)
    number = validate.text(number, "文号", max_length=100)
    if Document.objects.filter(organisation=organisation, number=number).exists():
        raise ActionError(f"“{organisation.name}”已登记文号为“{number}”的文件。")
    published_on = validate.date(published_on, "公布日期")
    effective_from = validate.date(effective_from, "施行日期", required=False, future=True,
                                   after=[(published_on, "公布日期")]) or published_on
    # An existing document is registered with the validity it states (older documents may predate the 5-year rule).
    valid_until = validate.date(valid_until, "有效期至", required=False, future=True,
                                after=[(effective_from, "施行日期")])
    filed_on = validate.date(filed_on, "报送备案日期", required=False, after=[(published_on, "公布日期")])
    reviewed_on = validate.date(reviewed_on, "合法性审核日期", required=False, before=[(published_on, "公布日期")])
    status = Status.PUBLISHED
    if ended_on:
        ended_on = validate.date(ended_on, "失效日期", future=True, after=[(published_on, "公布日期")])
        end_kind = validate.choice(end_kind or EndKind.ABOLISHED, EndKind, "失效方式")
        status = Status.ABOLISHED if end_kind == EndKind.ABOLISHED else Status.EXPIRED
    doc = Document.objects.create(
        organisation=organisation, title=title, number=number, year=published_on.year, legacy=True, status=status,
        drafted_on=reviewed_on or published_on, reviewer=default_reviewer(organisation),
        filing_authority=default_filing_authority(organisation), published_on=published_on,
        effective_from=effective_from, valid_until=valid_until or None, filed_on=filed_on,
        reviewed_on=reviewed_on, review_opinion="lawful" if reviewed_on else "",
        ended_on=ended_on or None, end_kind=end_kind if ended_on else "")
    _add_version(doc, validate.text(text, "正文", required=False) or f"（{title}，{number}，全文未录入）",
                 label="公布文本", effective_from=effective_from, note="存量文件登记")
    if status == Status.PUBLISHED:
        _start_filing(doc, actor)
        if doc.filed_on and doc.filing_due is not None:
            from fazhi.normdocs.actions import RULE_FILING, _complete

            _complete(doc, RULE_FILING, doc.filed_on, actor)
        _start_validity(doc, actor)
        doc.save()
    if audit_event:
        audit.record(actor=actor, obj=doc, action=AuditAction.CREATE, verb="登记存量规范性文件",
                     after=audit.snapshot(doc, ["title", "number", "published_on", "valid_until", "filed_on"]))
    return doc
