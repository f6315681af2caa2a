"""Benchmark data: a province's 权责清单 — every department of every generated county with its items, sub-items and
bases (resolved against the bundled laws once per citation), in bulk."""

from __future__ import annotations

import datetime as dt

from fazhi.powers.bases import Resolver
from fazhi.powers.choices import Category
from fazhi.powers.importers import _write

CITATIONS = ["《中华人民共和国行政处罚法》第十八条", "《中华人民共和国行政许可法》第十二条",
             "《中华人民共和国行政强制法》第九条", "《中华人民共和国行政处罚法》第二十八条"]
CATEGORIES = [Category.PENALTY] * 6 + [Category.LICENSE, Category.INSPECTION, Category.COERCION, Category.CONFIRMATION]


def generate(ctx, items_per_department: int = 50):
    """50 items per department (a quarter with a sub-item): 2,000 departments of a province → 125,000 rows."""
    rng = ctx.rng
    start = dt.date(ctx.year - 2, 1, 1)
    resolver = Resolver()
    bases = [resolver.resolve(c, start) for c in CITATIONS]
    rows = []
    for dept in ctx.departments:
        for n in range(items_per_department):
            category = CATEGORIES[n % len(CATEGORIES)]
            code = f"{dept.code}-{n:04d}"
            rows.append({"organisation": dept, "code": code, "name": f"{category.label}事项{n}", "category": category,
                         "level": "county", "bases": [bases[rng.randrange(len(bases))]], "valid_from": start,
                         "flowchart": [], "parent_code": "", "delegated_from": None, "responsibilities": "",
                         "accountability": ""})
            if n % 4 == 0:
                rows.append({**rows[-1], "code": f"{code}-01", "name": f"{category.label}事项{n}（子项）",
                             "parent_code": code})
        if len(rows) >= 20_000:
            _write(rows, {}, None)
            rows = []
    if rows:
        _write(rows, {}, None)
