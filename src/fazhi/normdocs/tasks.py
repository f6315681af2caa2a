"""Periodic work for `fazhi tick`: a document past its validity lapses (the catalogue already leaves it out from the
day after its validity ends; the job records the change and closes its validity deadline)."""

from __future__ import annotations

import datetime as dt

from fazhi.core.workflow import SYSTEM
from fazhi.normdocs.choices import Status
from fazhi.normdocs.models import Document


def tick(today: dt.date) -> list[str]:
    from fazhi.normdocs.actions import lapse

    lines = []
    for doc in Document.objects.filter(status=Status.PUBLISHED, valid_until__lt=today, ended_on__isnull=True) \
            .order_by("valid_until", "pk"):
        lapse(doc, actor=SYSTEM)
        lines.append(f"《{doc.title}》（{doc.number}）有效期至 {doc.valid_until:%Y-%m-%d} 届满，已失效")
    return lines
