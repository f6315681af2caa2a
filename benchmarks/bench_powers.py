"""权责清单: the province's list on a past date with its per-category counts (through the metric registry, as the
dashboard and the report read it) and the page's first screen, each beside one hand-written SQL query; and importing
a 100,000-row Excel list, beside reading the same workbook without importing it."""

from __future__ import annotations

import datetime as dt
import io
import time

from _timing import best_of, entry
from django.db import connection, transaction

from fazhi.core.excel import read_rows, workbook_bytes
from fazhi.core.models import Organisation
from fazhi.metrics.registry import Scope, evaluation, get
from fazhi.powers.choices import Category
from fazhi.powers.importers import COLUMNS, import_items
from fazhi.powers.models import PowerItem

KEYS = ["powers.items", "powers.sub_items", *[f"powers.items.{c.value}" for c in Category]]


def hand_written(root: Organisation, day: dt.date) -> dict:
    cats = ", ".join(f"SUM(CASE WHEN i.parent_id IS NULL AND i.category = '{c.value}' THEN 1 ELSE 0 END)"
                     for c in Category)
    sql = f"""
    SELECT SUM(CASE WHEN i.parent_id IS NULL THEN 1 ELSE 0 END), SUM(CASE WHEN i.parent_id IS NOT NULL THEN 1 ELSE 0 END),
           {cats}
    FROM powers_poweritem i JOIN core_organisation o ON o.id = i.organisation_id
    WHERE o.path LIKE %s AND i.valid_from <= %s AND (i.valid_to IS NULL OR i.valid_to > %s)"""
    with connection.cursor() as cur:
        cur.execute(sql, [root.path + "%", day, day])
        row = [int(v or 0) for v in cur.fetchone()]
    return dict(zip(KEYS, row, strict=True))


def _first_page(root, day):
    qs = (PowerItem.objects.in_subtree(root).in_force_on(day).select_related("organisation")
          .order_by("organisation__path", "category", "code"))
    return qs.count(), list(qs[:20])


def _first_page_sql(root, day):
    with connection.cursor() as cur:
        base = ("FROM powers_poweritem i JOIN core_organisation o ON o.id = i.organisation_id WHERE o.path LIKE %s "
                "AND i.valid_from <= %s AND (i.valid_to IS NULL OR i.valid_to > %s)")
        args = [root.path + "%", day, day]
        cur.execute(f"SELECT COUNT(*) {base}", args)
        n = cur.fetchone()[0]
        cur.execute(f"SELECT i.id, i.code, i.name, o.name {base} ORDER BY o.path, i.category, i.code LIMIT 20", args)
        return n, cur.fetchall()


def run(scale: str) -> list[dict]:
    root = Organisation.objects.get(code="B")
    first = PowerItem.objects.order_by("valid_from").values_list("valid_from", flat=True).first()
    if first is None:
        return []
    day = first + dt.timedelta(days=200)  # a past date
    scope = Scope(root, dt.date(day.year, 1, 1), day)
    n = PowerItem.objects.in_subtree(root).in_force_on(day).count()

    def through_registry():
        with evaluation():
            return {k: get(k).value(scope) for k in KEYS}

    assert through_registry() == hand_written(root, day)
    out = [entry("the list on a past date, every per-category count (metric registry)", n,
                 best_of(through_registry, 5), "one hand-written SQL query", best_of(lambda: hand_written(root, day), 5),
                 target="≤ 1 s, ratio ≤ 1.5")]
    assert _first_page(root, day)[0] == _first_page_sql(root, day)[0]
    out.append(entry("the list page on a past date: count and first 20 rows (ORM)", n,
                     best_of(lambda: _first_page(root, day), 5), "the same two hand-written SQL queries",
                     best_of(lambda: _first_page_sql(root, day), 5)))

    # Import 100,000 rows into a fresh department (rolled back afterwards).
    rows_n = 100_000 if scale == "province" else 10_000
    dept = Organisation.objects.filter(kind="department").order_by("path").first()
    rows = [[dept.code, f"IMP-{k:06d}", f"导入事项{k}", "", "行政处罚", "县级", "《中华人民共和国行政处罚法》第十八条", "", "", "",
             "", "2024-01-01"] for k in range(rows_n)]
    data = workbook_bytes("权责清单", [c[1] for c in COLUMNS], rows)
    t = time.perf_counter()
    read_rows(io.BytesIO(data), COLUMNS)
    read_seconds = time.perf_counter() - t

    class Rollback(Exception):
        pass

    t = time.perf_counter()
    try:
        with transaction.atomic():
            result = import_items(io.BytesIO(data), actor=None, dry_run=False)
            assert result.ok and result.created == rows_n, result.errors[:3]
            raise Rollback
    except Rollback:
        pass
    out.append(entry(f"import {rows_n:,} items from Excel (validate, resolve bases, write, audit)", rows_n,
                     time.perf_counter() - t, "reading the same workbook only", read_seconds, target="≤ 2 min"))
    return out
