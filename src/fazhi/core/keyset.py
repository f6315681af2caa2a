"""Keyset paging for the lists (#16): past the first pages, "下一页" and "上一页" carry the sort key of the last (or
first) row shown, and the next page is read off the index from there (`WHERE (date, id) < (…) ORDER BY … LIMIT 20`)
instead of skipping thousands of rows with OFFSET. The first pages keep their numbers, and the count stays.

A cursor is the ordering's values of one row, as JSON in URL-safe base64; a cursor that does not decode, or that
does not fit the list's ordering, is ignored (the first page is shown), never a 500.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, Q

NUMBERED_PAGES = 10  # pages 1–10 by number (OFFSET is cheap there); from the 10th on, links carry a cursor


def ordering_of(qs) -> list[str] | None:
    """The queryset's ordering, ending with the primary key so that every row has its own place; None when it cannot
    anchor a keyset (an expression, or a column that may be empty: NULLs sort differently by database and would be
    skipped by a comparison), and the list keeps numbered pages throughout."""
    order = list(qs.query.order_by or qs.model._meta.ordering or [])
    if not all(isinstance(o, str) and not o.startswith("?") for o in order):
        return None
    try:
        if any(_field(qs.model, o.lstrip("-")).null for o in order):
            return None
    except Exception:  # noqa: BLE001 - an ordering through something that is not a plain field
        return None
    if not any(o.lstrip("-") in ("pk", "id") for o in order):
        order.append("-pk" if order and order[0].startswith("-") else "pk")
    return order


def _value(obj, path: str):
    for part in path.split("__"):
        obj = getattr(obj, "pk" if part == "pk" else part, None)
        if obj is None:
            return None
    return obj


def encode(obj, order: list[str] | None) -> str | None:
    if order is None:
        return None
    values = [_value(obj, o.lstrip("-")) for o in order]
    if any(v is None for v in values):
        return None  # a row with an empty sort value cannot anchor a keyset: the pager falls back to numbers
    raw = json.dumps(values, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _field(model, path: str):
    for part in path.split("__"):
        field = model._meta.pk if part == "pk" else model._meta.get_field(part)
        model = field.related_model or model
    return field


def decode(cursor: str, model, order: list[str]) -> list | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != len(order):
            return None
        return [_field(model, o.lstrip("-")).to_python(v) for o, v in zip(order, values, strict=True)]
    except Exception:  # noqa: BLE001 - any junk in the address shows the first page
        return None


def after(order: list[str], values: list, *, backwards: bool = False) -> Q:
    """Rows after the key in the list's order (before it when going backwards): a lexicographic comparison."""
    q = Q(pk__in=[])
    for i, o in enumerate(order):
        name, desc = o.lstrip("-"), o.startswith("-")
        beyond = "lt" if desc != backwards else "gt"
        part = Q(**{f"{name}__{beyond}": values[i]})
        for prior, v in zip(order[:i], values[:i], strict=True):
            part &= Q(**{prior.lstrip("-"): v})
        q |= part
    return q


def reversed_order(order: list[str]) -> list:
    return [F(o.lstrip("-")).asc() if o.startswith("-") else F(o).desc() for o in order]


@dataclass
class KeysetPage:
    """What the pager needs: the rows, the page's number (as far as known), the cursors of its neighbours."""

    object_list: list
    number: int
    num_pages: int
    paginator: object
    next_cursor: str | None
    previous_cursor: str | None
    keyset = True

    def has_other_pages(self):
        return True

    def has_next(self):
        return self.next_cursor is not None

    def has_previous(self):
        return self.previous_cursor is not None or self.number > 1


def page(qs, paginator, per_page: int, *, after_cursor: str = "", before_cursor: str = "", number: int = 0):
    """A keyset page, or None when the cursor does not fit (the caller shows a numbered page)."""
    order = ordering_of(qs)
    if order is None:
        return None
    cursor = after_cursor or before_cursor
    values = decode(cursor, qs.model, order)
    if values is None:
        return None
    backwards = bool(before_cursor)
    rows_qs = qs.filter(after(order, values, backwards=backwards))
    rows_qs = rows_qs.order_by(*reversed_order(order)) if backwards else rows_qs.order_by(*order)
    rows = list(rows_qs[:per_page + 1])
    more = len(rows) > per_page
    rows = rows[:per_page]
    if backwards:
        rows.reverse()
    number = max(1, number)
    has_next = more if not backwards else True
    has_prev = more if backwards else True
    return KeysetPage(
        object_list=rows, number=number, num_pages=paginator.num_pages, paginator=paginator,
        next_cursor=encode(rows[-1], order) if rows and has_next else None,
        previous_cursor=encode(rows[0], order) if rows and has_prev and number > 1 else None)
