"""Helpers shared by the 行政复议 actions: rules, locking, deadlines, document drafts and numbering."""

from __future__ import annotations

import datetime as dt

from fazhi.core import audit, clock, validate
from fazhi.core.choices import AuditAction, OrgKind
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError
from fazhi.reconsideration import documents
from fazhi.reconsideration.choices import DocumentStatus, Procedure
from fazhi.reconsideration.models import Case, CaseDocument, Letter
from fazhi.rules import deadlines as dl
from fazhi.rules.engine import compute_due
from fazhi.rules.models import Deadline

# Art. 20(1) (2017: art. 9): 60 days from knowing of the act. Only a warning at intake: a longer statutory period,
# force majeure (art. 20(2)) or an agency that did not tell the applicant of the right (art. 20(3)) may extend it.
RULE_APPLICATION = "reconsideration.application"
RULE_ACCEPTANCE = "reconsideration.acceptance"
RULE_SUPPLEMENT = "reconsideration.supplement"
RULE_OPINION_FOLLOWUP = "reconsideration.opinion_followup"
RULE_SUPPLEMENT_REPLY = "reconsideration.supplement_reply"
RULE_HEARING_NOTICE = "reconsideration.hearing_notice"
RULE_REVIEW_HANDLE = "reconsideration.incidental_review.handle"
RULE_REVIEW_TRANSFER = "reconsideration.incidental_review.transfer"
RULE_MAKER_NOTICE = "reconsideration.incidental_review.maker_notice"
RULE_MAKER_ANSWER = "reconsideration.incidental_review.maker_answer"
RULE_TRANSFEREE_REPLY = "reconsideration.incidental_review.transferee_reply"
RULE_REDO = "reconsideration.redo"
RULES = {
    Procedure.ORDINARY: {"copy": "reconsideration.copy_to_respondent", "answer": "reconsideration.answer",
                         "decision": "reconsideration.decision"},
    Procedure.SIMPLIFIED: {"copy": "reconsideration.copy_to_respondent.simplified",
                           "answer": "reconsideration.answer.simplified",
                           "decision": "reconsideration.decision.simplified"},
}
DECISION_RULES = (RULES[Procedure.ORDINARY]["decision"], RULES[Procedure.SIMPLIFIED]["decision"])
OPEN = "open"




def _today() -> dt.date:
    return clock.today()


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("organisation", "respondent").get(pk=case.pk)


def _open_deadline(subject, *rule_ids: str) -> Deadline | None:
    return dl.deadlines_for(subject).filter(rule_id__in=rule_ids, status=OPEN).order_by("-pk").first()


def _start(subject, rule_id: str, start: dt.date, *, actor, organisation, label: str) -> Deadline:
    return dl.start_deadline(subject, rule_id, start, actor=actor, organisation=organisation, label=label)


def _complete(subject, on: dt.date, actor, *rule_ids: str) -> Deadline | None:
    d = _open_deadline(subject, *rule_ids)
    if d is not None:
        d = dl.complete_deadline(d, on=on, actor=actor)
    return d


def _cancel_open(subject, actor, reason: str):
    for d in dl.deadlines_for(subject).filter(status=OPEN):
        dl.cancel_deadline(d, actor=actor, reason=reason)


def _on(value, label: str, *after: tuple[dt.date | None, str]) -> dt.date:
    """A step's date: a real date, not in the future, not before the dates it follows (收到 ≤ 受理 ≤ 决定)."""
    return validate.date(value, label, after=after)


def document_prefix(organisation: Organisation) -> str:
    """清源县人民政府 → 清府 (the usual 机关代字 of a government); other bodies use their short name."""
    if organisation.kind == OrgKind.GOVERNMENT:
        return organisation.name[:1] + "府"
    return (organisation.short_name or organisation.name)[:2]


def application_deadline(known_on: dt.date) -> dt.date:
    """The last day to apply (rule reconsideration.application, the version in force when the act became known)."""
    return compute_due(RULE_APPLICATION, known_on, with_text=False).due


def late_warning(known_on: dt.date | None, received_on: dt.date) -> str:
    if known_on is None:
        return ""
    result = compute_due(RULE_APPLICATION, known_on, with_text=False)
    if received_on > result.due:
        return (f"申请可能已超过法定申请期限：自知道该行政行为之日（{known_on:%Y-%m-%d}）起六十日，"
                f"应于 {result.due:%Y-%m-%d} 前提出（{result.citation}）。请核实是否有正当理由或更长的法定期限。")
    return ""


def _draft(subject_case: Case | None, kind: str, *, actor, letter: Letter | None = None) -> CaseDocument:
    organisation = subject_case.organisation if subject_case is not None else letter.organisation
    existing = CaseDocument.objects.filter(case=subject_case, letter=letter, kind=kind,
                                           status=DocumentStatus.DRAFT).first()
    if existing is not None:
        return existing
    title, recipients, body = documents.render(kind, case=subject_case, letter=letter)
    doc = CaseDocument.objects.create(organisation=organisation, case=subject_case, letter=letter, kind=kind,
                                      title=title, recipients=recipients, body=body)
    audit.record(actor=actor, obj=doc, organisation=organisation, action=AuditAction.CREATE, verb="生成文书草稿",
                 after={"kind": kind, "title": title})
    return doc




def _period_end(rule_id: str, start: dt.date) -> dt.date | None:
    """The end of a period that is checked, not tracked, under the rule version in force on `start`; None where
    the law then in force set no such period (the 1999 law had none for the supplement or the hearing notice)."""
    try:
        return compute_due(rule_id, start, with_text=False).due
    except ActionError:
        return None
