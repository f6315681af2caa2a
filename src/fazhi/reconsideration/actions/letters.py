"""行政复议意见书 and 建议书 (行政复议法 art. 76; 实施条例 art. 57)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import audit, validate
from fazhi.core.choices import AuditAction, Role
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError, has_role, require
from fazhi.reconsideration.actions.common import RULE_OPINION_FOLLOWUP, _complete, _draft, _on
from fazhi.reconsideration.choices import DocumentKind, LetterKind
from fazhi.reconsideration.models import Case, Letter
from fazhi.reconsideration.permissions import may_handle


@transaction.atomic
def issue_letter(*, actor, organisation: Organisation, kind: str, recipient: Organisation, issued_on: dt.date,
                 subject: str, content: str = "", case: Case | None = None, draft: bool = True) -> Letter:
    """A 意见书 obliges the recipient to report its corrections within 60 days of receiving it (art. 76); a 建议书
    (实施条例 art. 57(2)) does not."""
    require(actor is not None and may_handle(actor, organisation), "您没有以该复议机关名义制发文书的权限。")
    kind = validate.choice(kind, LetterKind, "类型")
    subject = validate.text(subject, "事由", max_length=200)
    content = validate.text(content, "内容", required=False)
    if case is not None and case.organisation_id != organisation.pk:
        raise ActionError("该案件不属于本复议机关。")
    issued_on = _on(issued_on, "制发日期", (case.closed_on if case else None, "案件审结日期"))
    letter = Letter.objects.create(organisation=organisation, case=case, kind=kind, recipient=recipient,
                                   issued_on=issued_on, subject=subject, content=content)
    audit.record(actor=actor, obj=letter, organisation=organisation, action=AuditAction.CREATE,
                 verb=f"制发{letter.get_kind_display()}", after=audit.snapshot(letter))
    # A 意见书's 60 days run from the day the recipient receives it (art. 76): the deadline starts when its service
    # is recorded (actions.documents.serve_document), and belongs to the recipient.
    if draft:
        _draft(None, DocumentKind.OPINION_LETTER if kind == LetterKind.OPINION else DocumentKind.SUGGESTION_LETTER,
               actor=actor, letter=letter)
    return letter


@transaction.atomic
def record_letter_reply(letter: Letter, *, actor, on: dt.date, reply: str) -> Letter:
    """Art. 76: the recipient reports how it corrected the act. Its legal officer may file the report."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    require(actor is not None and (may_handle(actor, letter.organisation)
                                   or has_role(actor, letter.recipient, Role.LEGAL_OFFICER)),
            "您没有登记该文书反馈的权限。")
    if letter.replied_on:
        raise ActionError(f"反馈已于 {letter.replied_on:%Y-%m-%d} 登记。")
    if not (reply or "").strip():
        raise ActionError("请填写纠正情况。")
    on = _on(on, "反馈日期", (letter.issued_on, "制发日期"))
    letter.replied_on, letter.reply = on, reply.strip()
    letter.save(update_fields=["replied_on", "reply"])
    _complete(letter, on, actor, RULE_OPINION_FOLLOWUP)
    audit.record(actor=actor, obj=letter, organisation=letter.organisation, verb="登记整改反馈",
                 after={"replied_on": on}, reason=reply)
    return letter


