"""规范性文件附带审查 (行政复议法 arts. 13, 56–60): a sub-case with its own deadlines, linked to the case it suspends."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import audit
from fazhi.core.choices import AuditAction
from fazhi.core.permissions import ActionError
from fazhi.core.signals import incidental_review_decided, incidental_review_requested
from fazhi.reconsideration.actions.common import (
    RULE_MAKER_ANSWER,
    RULE_MAKER_NOTICE,
    RULE_REVIEW_HANDLE,
    RULE_REVIEW_TRANSFER,
    RULE_TRANSFEREE_REPLY,
    _cancel_open,
    _complete,
    _lock,
    _on,
    _start,
)
from fazhi.reconsideration.actions.hearing import resume_case, suspend_case
from fazhi.reconsideration.choices import REVIEW_OPEN, CaseStatus, ReviewStatus, SuspensionGround
from fazhi.reconsideration.models import Case, IncidentalReview
from fazhi.reconsideration.workflow import CASE, REVIEW
from fazhi.rules.models import Deadline


def _review_for_update(review: IncidentalReview, step: str, actor) -> IncidentalReview:
    review = IncidentalReview.objects.select_for_update().select_related("case__organisation").get(pk=review.pk)
    REVIEW.check(review, step, actor)
    return review


def _review_clock(review: IncidentalReview, rule_id: str, start: dt.date, actor, label: str) -> Deadline:
    return _start(review, rule_id, start, actor=actor, organisation=review.case.organisation, label=label)


@transaction.atomic
def request_incidental_review(case: Case, *, actor, on: dt.date, document_title: str, maker: str,
                              competent: bool = True) -> IncidentalReview:
    """The applicant asks to review a normative document (art. 13); the case is suspended meanwhile
    (art. 39(1)(9)). Art. 56: handled within 30 days when this body may handle it, else transferred within 7
    (working) days; art. 58: the maker is told in writing within 3 (working) days of the suspension."""
    case = _lock(case)
    CASE.check(case, "incidental", actor)
    if not (document_title or "").strip() or not (maker or "").strip():
        raise ActionError("请填写规范性文件名称和制定机关。")
    on = _on(on, "提出日期", (case.accepted_on, "受理日期"))
    review = IncidentalReview.objects.create(case=case, document_title=document_title.strip(), maker=maker.strip(),
                                             requested_on=on, competent=competent)
    audit.record(actor=actor, obj=review, action=AuditAction.CREATE, verb="提出规范性文件附带审查",
                 after={"case": case.number, "document": review.document_title, "maker": review.maker,
                        "competent": competent})
    audit.record(actor=actor, obj=case, verb="规范性文件附带审查",
                 after={"document": review.document_title, "maker": review.maker, "competent": competent})
    if case.status == CaseStatus.ACCEPTED:
        suspend_case(case, actor=actor, on=on, ground=SuspensionGround.INCIDENTAL_REVIEW,
                     reason=f"对《{review.document_title}》进行附带审查")
    if competent:
        _review_clock(review, RULE_REVIEW_HANDLE, on, actor, f"附带审查处理：《{review.document_title}》")
        _review_clock(review, RULE_MAKER_NOTICE, on, actor, f"书面通知{review.maker}答复")
    else:
        _review_clock(review, RULE_REVIEW_TRANSFER, on, actor, f"附带审查转送：《{review.document_title}》")
    incidental_review_requested.send(sender=IncidentalReview, review=review, actor=actor)
    return review


@transaction.atomic
def notify_maker(review: IncidentalReview, *, actor, on: dt.date, received_on: dt.date | None = None
                 ) -> IncidentalReview:
    """Art. 58: the maker is asked in writing to answer on the lawfulness of the clauses; it answers within 10
    (working) days of receiving the notice."""
    review = _review_for_update(review, "notify", actor)
    on = _on(on, "通知日期", (review.requested_on, "提出日期"))
    received = _on(received_on or on, "制定机关收到通知日期", (on, "通知日期"))
    review.maker_notified_on = on
    review.save(update_fields=["maker_notified_on"])
    _complete(review, on, actor, RULE_MAKER_NOTICE)
    _review_clock(review, RULE_MAKER_ANSWER, received, actor, f"{review.maker}提交书面答复")
    audit.record(actor=actor, obj=review, verb="书面通知制定机关", after={"maker_notified_on": on,
                                                                   "received_on": received})
    return review


@transaction.atomic
def record_maker_answer(review: IncidentalReview, *, actor, on: dt.date, answer: str) -> IncidentalReview:
    review = _review_for_update(review, "answer", actor)
    if not (answer or "").strip():
        raise ActionError("请填写制定机关书面答复的要点。")
    on = _on(on, "答复日期", (review.maker_notified_on, "通知日期"))
    review.maker_answered_on, review.maker_answer = on, answer.strip()
    review.save(update_fields=["maker_answered_on", "maker_answer"])
    _complete(review, on, actor, RULE_MAKER_ANSWER)
    audit.record(actor=actor, obj=review, verb="登记制定机关答复", after={"maker_answered_on": on},
                 reason=review.maker_answer)
    return review


def _resume_if_reviews_done(case: Case, *, actor, on: dt.date):
    case.refresh_from_db()
    if case.incidental_reviews.filter(status__in=REVIEW_OPEN).exists():
        return
    open_suspension = case.suspensions.filter(end__isnull=True).first()
    if case.status == CaseStatus.SUSPENDED and open_suspension is not None \
            and open_suspension.ground == SuspensionGround.INCIDENTAL_REVIEW:
        resume_case(case, actor=actor, on=on, reason="附带审查已处理")


@transaction.atomic
def decide_incidental_review(review: IncidentalReview, *, actor, on: dt.date, status: str, result: str = "",
                             transferred_to: str = "") -> IncidentalReview:
    """Art. 59: a competent body finds the clauses lawful, or stops them and orders the maker to correct them;
    art. 56: a body that may not handle it transfers it, and the transferee replies within 60 days (art. 60).
    When no review is open any more, the case resumes."""
    review = _review_for_update(review, "decide", actor)
    case = review.case
    if status not in (ReviewStatus.LAWFUL, ReviewStatus.UNLAWFUL, ReviewStatus.TRANSFERRED):
        raise ActionError("请选择处理结果。")
    if status == ReviewStatus.TRANSFERRED:
        if review.competent:
            raise ActionError("本机关有权处理的附带审查应当依法处理，不能转送（第五十六条）。")
        if not transferred_to.strip():
            raise ActionError("请填写有权处理的机关（第五十六条）。")
    elif not review.competent:
        raise ActionError("本机关无权处理的附带审查应当转送有权处理的机关（第五十六条）。")
    on = _on(on, "处理日期", (review.requested_on, "提出日期"))
    review.status, review.handled_on, review.result = status, on, (result or "").strip()
    review.transferred_to = transferred_to.strip()
    review.save()
    if status == ReviewStatus.TRANSFERRED:
        _complete(review, on, actor, RULE_REVIEW_TRANSFER)
        _review_clock(review, RULE_TRANSFEREE_REPLY, on, actor, f"{review.transferred_to}回复处理意见")
    else:
        _complete(review, on, actor, RULE_REVIEW_HANDLE)
        _cancel_open(review, actor, "附带审查已处理")
    audit.record(actor=actor, obj=review, action=AuditAction.TRANSITION, verb="附带审查处理",
                 after={"status": status, "handled_on": on, "transferred_to": review.transferred_to},
                 reason=review.result)
    audit.record(actor=actor, obj=case, verb="附带审查处理", after={"document": review.document_title,
                                                              "status": status, "on": on}, reason=review.result)
    incidental_review_decided.send(sender=IncidentalReview, review=review, on=on, actor=actor)
    _resume_if_reviews_done(case, actor=actor, on=on)
    return review


@transaction.atomic
def record_transferee_reply(review: IncidentalReview, *, actor, on: dt.date, reply: str) -> IncidentalReview:
    """Art. 60: the body the review was transferred to replies with its opinion; the case may then resume."""
    review = _review_for_update(review, "reply", actor)
    if not (reply or "").strip():
        raise ActionError("请填写接受转送机关的处理意见。")
    on = _on(on, "回复日期", (review.handled_on, "转送日期"))
    review.status, review.transferee_replied_on, review.transferee_reply = ReviewStatus.REPLIED, on, reply.strip()
    review.save(update_fields=["status", "transferee_replied_on", "transferee_reply"])
    _complete(review, on, actor, RULE_TRANSFEREE_REPLY)
    audit.record(actor=actor, obj=review, action=AuditAction.TRANSITION, verb="登记接受转送机关回复",
                 after={"status": review.status, "transferee_replied_on": on}, reason=review.transferee_reply)
    _resume_if_reviews_done(review.case, actor=actor, on=on)
    return review


