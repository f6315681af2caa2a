"""Small helpers for litigation tests: cases made through the actions, as users would make them."""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.litigation import actions
from fazhi.litigation.choices import ActKind

_seq = itertools.count(1)


def case_number(year: int = 2025) -> str:
    return f"（{year}）苏1181行初{next(_seq)}号"


def make_case(w, organisation=None, *, received_on: dt.date | None = None, actor=None, **kw):
    received_on = received_on or dt.date(2025, 3, 3)
    return actions.register_case(
        actor=actor or w.supervisor, organisation=organisation or w.dept_a, court=kw.pop("court", "清源县人民法院"),
        case_number=kw.pop("case_number", None) or case_number(received_on.year),
        plaintiffs=kw.pop("plaintiffs", "张某、李某"), contested_act=kw.pop("contested_act", "行政处罚决定"),
        act_kind=kw.pop("act_kind", ActKind.PENALTY), received_on=received_on, **kw)
