"""Normative documents and the procedures that scrutinise them.

- 行政复议附带审查 (行政复议法 arts. 56–60): a review names a document by title and maker. When the review is
  requested it is linked to the published document of that title (or linked by hand from the document's page);
  when it is decided, the finding lands on the document — an unlawful finding marks it for correction until its
  maker publishes an amended text or ends it. Wired to `fazhi.core.signals.incidental_review_*`.
- The law watch (`fazhi.laws.watch`): the laws a document's text cites are a citation source, so importing a new
  version of such a law files a review flag in the maker's queue (see `sources.py`)."""

from __future__ import annotations

import re

from django.db import transaction
from django.dispatch import receiver

from fazhi.core import audit, clock
from fazhi.core.permissions import ActionError
from fazhi.core.signals import incidental_review_decided, incidental_review_requested
from fazhi.normdocs.choices import ScrutinySource
from fazhi.normdocs.models import PUBLIC_STATUSES, Document, Scrutiny
from fazhi.normdocs.workflow import DOCUMENT


def _clean_title(title: str) -> str:
    return re.sub(r"[《》\s\u3000]", "", title or "")


def match(review) -> Document | None:
    """The published document a review names: same title, made by the named maker when several share it."""
    docs = list(Document.objects.filter(title=_clean_title(review.document_title), status__in=PUBLIC_STATUSES))
    if len(docs) > 1:
        by_maker = [d for d in docs if review.maker and review.maker in (d.organisation.name,
                                                                          d.organisation.short_name)]
        docs = by_maker or docs
    return docs[0] if len(docs) == 1 else None


def _finding(review) -> tuple[bool | None, str]:
    from fazhi.reconsideration.choices import ReviewStatus

    if review.status == ReviewStatus.LAWFUL:
        return True, review.result
    if review.status == ReviewStatus.UNLAWFUL:
        return False, review.result
    return None, ""


def _apply(link: Scrutiny, review, *, actor, on):
    lawful, finding = _finding(review)
    if lawful is None:
        return
    link.lawful, link.finding, link.decided_on = lawful, finding, on
    link.save()
    doc = Document.objects.select_for_update().get(pk=link.document_id)
    if not lawful:
        doc.correction_required = f"行政复议附带审查认定不合法（{review.case.number}）"
        doc.save(update_fields=["correction_required"])
    audit.record(actor=actor, obj=doc, verb="附带审查结论",
                 after={"case": review.case.number, "lawful": lawful, "on": on}, reason=finding)


@transaction.atomic
def link_review(doc: Document, review, *, actor) -> Scrutiny:
    DOCUMENT.check(doc, "link_review", actor)
    if hasattr(review, "normdoc_link"):
        raise ActionError("该附带审查已关联文件。")
    link = Scrutiny.objects.create(document=doc, source=ScrutinySource.INCIDENTAL, incidental_review=review,
                                   linked_on=clock.today())
    audit.record(actor=actor, obj=doc, verb="关联附带审查", after={"case": review.case.number,
                                                             "review": review.pk})
    if review.handled_on:
        _apply(link, review, actor=actor, on=review.handled_on)
    return link


@receiver(incidental_review_requested, dispatch_uid="normdocs.link_review")
def on_requested(sender, review, actor, **kwargs):
    doc = match(review)
    if doc is not None and not Scrutiny.objects.filter(incidental_review=review).exists():
        Scrutiny.objects.create(document=doc, source=ScrutinySource.INCIDENTAL, incidental_review=review,
                                linked_on=review.requested_on)
        audit.record(actor=actor, obj=doc, verb="关联附带审查", after={"case": review.case.number,
                                                                 "review": review.pk, "matched": "title"})


@receiver(incidental_review_decided, dispatch_uid="normdocs.review_outcome")
def on_decided(sender, review, on, actor, **kwargs):
    link = Scrutiny.objects.filter(incidental_review=review).first()
    if link is not None:
        _apply(link, review, actor=actor, on=on)
