"""Periodic work for `fazhi tick`: apply what the law makes happen by the mere passing of time."""

from __future__ import annotations

import datetime as dt

from fazhi.reconsideration.actions import apply_deemed_acceptance


def tick(today: dt.date) -> list[str]:
    """Art. 30(3): applications with no decision at the end of the review period are deemed accepted.
    Returns one line per change, in Chinese, for the command's output."""
    return [f"{case.number} 审查期限届满，自 {case.accepted_on:%Y-%m-%d} 起视为受理"
            for case in apply_deemed_acceptance(today)]
