"""Test helpers for 行政复议 documents: take a drafted concluding document through 签发, 送达 and 公开 with the real
actions, filling any 【…】 blank the draft still has."""

from __future__ import annotations

import datetime as dt

from fazhi.reconsideration import actions
from fazhi.reconsideration.workflow import PLACEHOLDER


def fill_blanks(doc, *, actor, text: str = "（已补充）"):
    if PLACEHOLDER.search(doc.body) or PLACEHOLDER.search(doc.title):
        doc = actions.edit_document(doc, actor=actor, title=PLACEHOLDER.sub(text, doc.title),
                                    body=PLACEHOLDER.sub(text, doc.body), recipients=doc.recipients)
    return doc


def issue(doc, *, actor, on: dt.date):
    return actions.issue_document(fill_blanks(doc, actor=actor), actor=actor, on=on)


def publish(doc, *, actor, on: dt.date, scope: str = "full"):
    """Issue (if still a draft), serve on the applicant in person the same day, and publish."""
    if not doc.is_issued:
        doc = issue(doc, actor=actor, on=on)
    actions.serve_document(doc, actor=actor, recipient="申请人", method="direct", sent_on=on, received_on=on)
    return actions.publish_document(doc, actor=actor, on=on, act_publicity="public", scope=scope, checked=True)
