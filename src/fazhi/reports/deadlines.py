"""The 1 April publication deadline, through the rules engine when it is installed.

督察工作规定 art. 24: the annual report is published before 1 April of the following year (rule
`annual_report.publication`). The rules app is developed beside this one; without it reports work unchanged and
simply carry no deadline.
"""

from __future__ import annotations

import datetime as dt

try:
    from fazhi.rules import deadlines as rule_deadlines
except ImportError:  # the rules module is not installed on this instance
    rule_deadlines = None

RULE = "annual_report.publication"


def available() -> bool:
    return rule_deadlines is not None


def start(report, *, actor):
    """Open the publication deadline for a report, counting from the end of the reported year."""
    if rule_deadlines is None:
        return None
    existing = [d for d in rule_deadlines.deadlines_for(report) if d.rule_id == RULE]
    if existing:
        return existing[0]
    return rule_deadlines.start_deadline(report, RULE, dt.date(report.year, 12, 31), actor=actor,
                                         organisation=report.organisation, label="年度报告公开")


def complete(report, *, on: dt.date, actor):
    if rule_deadlines is None:
        return None
    for d in rule_deadlines.deadlines_for(report):
        if d.rule_id == RULE and d.status == "open":
            return rule_deadlines.complete_deadline(d, on=on, actor=actor)
    return None


def for_report(report) -> list:
    if rule_deadlines is None:
        return []
    return list(rule_deadlines.deadlines_for(report))
