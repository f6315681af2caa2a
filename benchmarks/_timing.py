"""Small helpers shared by the benchmark modules."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of `repeat` runs, in seconds (the least disturbed by the rest of the machine)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def entry(name: str, n: int, seconds: float, baseline: str, baseline_seconds: float | None, **extra) -> dict:
    """One row. `baseline_seconds=None` where no fair baseline exists (the row then has no ratio; say why in
    `baseline`, and give a physical floor as `floor_seconds` if there is one)."""
    return {"name": name, "n": n, "seconds": round(seconds, 4), "baseline": baseline,
            "baseline_seconds": None if baseline_seconds is None else round(baseline_seconds, 4),
            "ratio": round(seconds / baseline_seconds, 2) if baseline_seconds else None, **extra}


def copy_baseline(path, columns: int, indexes: list[str] = (), prefill: str | None = None) -> float:
    """Seconds to COPY a CSV file (with a header) as it is into a table of `columns` text columns c0, c1, … and an
    id, with `indexes` (such as "UNIQUE (c1, c0)" or "(c4) WHERE c4 <> ''") mirroring the real table's: the plain
    write a bulk import is measured against. The table is a regular one, written through the WAL as the real tables
    are (a temporary table skips it, which no import can). `prefill`, a SELECT of `columns` text values, loads the
    rows the real table already holds before the indexes are built and the clock starts, so that the COPY writes
    into indexes as large as the import's. On SQLite: csv.reader and executemany."""
    import csv

    from django.db import connection, transaction

    names = [f"c{i}" for i in range(columns)]
    id_column = "id bigserial PRIMARY KEY" if connection.vendor == "postgresql" else "id integer PRIMARY KEY"
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS fazhi_bench_plain")
        cur.execute(f"CREATE TABLE fazhi_bench_plain ({id_column}, {', '.join(n + ' text' for n in names)})")
        if prefill:
            cur.execute(f"INSERT INTO fazhi_bench_plain ({', '.join(names)}) {prefill}")
        for i, spec in enumerate(indexes):
            unique, spec = ("UNIQUE ", spec.removeprefix("UNIQUE ")) if spec.startswith("UNIQUE ") else ("", spec)
            cur.execute(f"CREATE {unique}INDEX fazhi_bench_plain_{i} ON fazhi_bench_plain {spec}")
        if prefill and connection.vendor == "postgresql":
            cur.execute("ANALYZE fazhi_bench_plain")
        started = time.perf_counter()
        if connection.vendor == "postgresql":
            sql = f"COPY fazhi_bench_plain ({', '.join(names)}) FROM STDIN (FORMAT csv, HEADER)"
            with open(path, "rb") as f, cur.cursor.copy(sql) as copy:
                while chunk := f.read(1 << 20):
                    copy.write(chunk)
        else:
            insert = f"INSERT INTO fazhi_bench_plain ({', '.join(names)}) VALUES ({', '.join('%s' for _ in names)})"
            with open(path, encoding="utf-8", newline="") as f:
                reader = csv.reader(f)
                next(reader)
                batch = []
                for row in reader:
                    batch.append(row)
                    if len(batch) >= 5000:
                        cur.executemany(insert, batch)
                        batch = []
                if batch:
                    cur.executemany(insert, batch)
        seconds = time.perf_counter() - started
        cur.execute("DROP TABLE fazhi_bench_plain")
    return seconds


def scans(fn: Callable[[], object]) -> str:
    """How PostgreSQL reads the tables in the statements `fn` runs (EXPLAIN of each, after one run): e.g.
    "index: normdocs_document; seq: core_organisation". The baselines are checked with it: a hand-written statement
    that scans a large table for a small scope is not the best one. Empty on SQLite."""
    import json

    from django.db import connection

    if connection.vendor != "postgresql":
        return ""
    seen = []

    def capture(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        fn()
    found: dict[str, set[str]] = {}

    def walk(node):
        kind = node["Node Type"]
        if "Relation Name" in node:
            short = "seq" if kind == "Seq Scan" else "bitmap" if kind.startswith("Bitmap") else "index"
            found.setdefault(short, set()).add(node["Relation Name"])
        for child in node.get("Plans", []):
            walk(child)

    with connection.cursor() as cur:
        for sql, params in seen:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            cur.execute("EXPLAIN (FORMAT JSON) " + sql, params)
            plan = cur.fetchone()[0]
            walk((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"])
    return "; ".join(f"{k}: {', '.join(sorted(v))}" for k, v in sorted(found.items()))


def figures_beside_sql(what: str, keys: list[str], year: int, organisations, hand_written, n_of,
                       check=lambda figures: True) -> list[dict]:
    """A module's figures through the metric registry in one evaluation, computed (the stored figures off), beside
    `hand_written(organisation, start, end)` (one SQL statement giving the same dict), for the whole tree and one
    department (`organisations`: the two, in that order). Both must agree; `check(figures)` of the whole tree says
    the data exercises them; `n_of(organisation, figures)` is the row's n. Each row records both plans (`scans`)."""
    from django.test import override_settings

    from fazhi.metrics.registry import Scope, evaluation, get

    def registry(scope):
        with evaluation():
            return {k: get(k).value(scope) for k in keys}

    out = []
    with override_settings(FAZHI_FIGURE_CACHE=False):
        for label, org in zip(("whole tree", "one department"), organisations, strict=True):
            scope = Scope.for_year(org, year)

            def sql(org=org, scope=scope):
                return hand_written(org, scope.start, scope.end)

            figures, by_hand = registry(scope), sql()
            assert figures == by_hand, {k: (figures[k], by_hand[k]) for k in keys if figures[k] != by_hand[k]}
            assert label != "whole tree" or check(figures), figures
            out.append(entry(f"{what}, {label} (metric registry, one evaluation)", n_of(org, figures),
                             best_of(lambda scope=scope: registry(scope), 10), "one hand-written SQL statement",
                             best_of(sql, 10), target="ratio ≤ 1.5" + (", ≤ 5 ms (#16)" if label != "whole tree" else ""),
                             plan=scans(lambda scope=scope: registry(scope)), baseline_plan=scans(sql)))
    return out
