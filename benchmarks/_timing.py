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


def entry(name: str, n: int, seconds: float, baseline: str, baseline_seconds: float, **extra) -> dict:
    return {"name": name, "n": n, "seconds": round(seconds, 4), "baseline": baseline,
            "baseline_seconds": round(baseline_seconds, 4),
            "ratio": round(seconds / baseline_seconds, 2) if baseline_seconds else None, **extra}


def copy_baseline(path, columns: int, indexes: list[str] = ()) -> None:
    """A CSV file (with a header) COPYed as it is into a temporary table of `columns` text columns c0, c1, … and an
    id, with `indexes` (such as "UNIQUE (c1, c0)" or "(c4) WHERE c4 <> ''") mirroring the real table's: the plain
    write a bulk import is measured against. On SQLite: csv.reader and executemany."""
    import csv

    from django.db import connection, transaction

    names = [f"c{i}" for i in range(columns)]
    id_column = "id bigserial PRIMARY KEY" if connection.vendor == "postgresql" else "id integer PRIMARY KEY"
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"CREATE TEMPORARY TABLE bench_plain ({id_column}, {', '.join(n + ' text' for n in names)})")
        for i, spec in enumerate(indexes):
            unique, spec = ("UNIQUE ", spec.removeprefix("UNIQUE ")) if spec.startswith("UNIQUE ") else ("", spec)
            cur.execute(f"CREATE {unique}INDEX bench_plain_{i} ON bench_plain {spec}")
        if connection.vendor == "postgresql":
            sql = f"COPY bench_plain ({', '.join(names)}) FROM STDIN (FORMAT csv, HEADER)"
            with open(path, "rb") as f, cur.cursor.copy(sql) as copy:
                while chunk := f.read(1 << 20):
                    copy.write(chunk)
        else:
            insert = f"INSERT INTO bench_plain ({', '.join(names)}) VALUES ({', '.join('%s' for _ in names)})"
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
        cur.execute("DROP TABLE bench_plain")
