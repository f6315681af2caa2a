"""双随机一公开: a draw of 1 % over the whole generated directory (10⁷ entities at province scale with
FAZHI_BENCH_ENTITIES=100000), its verification from the published record, and the directory import, each beside a
baseline in the same run:

- the commitment (population snapshot) beside a plain ordered dump of the same three columns;
- the draw beside the database drawing 1 % itself (PostgreSQL `TABLESAMPLE BERNOULLI (1)`, SQLite `random()`);
- the verification beside hashing the snapshot alone (the part no verifier can skip);
- importing FAZHI_BENCH_IMPORT_ROWS rows (default 200,000; 10⁷ for the issue's claim) beside a plain `COPY` of the
  same file into a table of text columns holding the directory's rows with its indexes (the write the import cannot
  avoid), and, printed beside it, into an empty table with those indexes and into a bare one (SQLite: csv.reader and
  executemany)."""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
import time

from _timing import best_of, copy_baseline, entry
from django.db import connection

from fazhi.core import clock
from fazhi.core.identifiers import credit_check_char
from fazhi.inspections import actions, draw, sampling
from fazhi.inspections.directory import COLUMNS, import_entities
from fazhi.inspections.models import Entity, Task
from fazhi.officers.models import Certificate
from fazhi.powers.models import PowerItem


def _department(today):
    """A department with a 行政检查 item and at least two officers with valid certificates."""
    for item in PowerItem.objects.filter(category="inspection").select_related("organisation").order_by("pk")[:500]:
        if Certificate.objects.valid_on(today).filter(officer__organisation=item.organisation).count() >= 2:
            return item.organisation, item
    raise RuntimeError("no department with an inspection item and two certified officers")


def _task(today):
    from django.contrib.auth import get_user_model

    actor = get_user_model().objects.get(username="bench_admin")
    org, power = _department(today)
    with clock.frozen(today):
        item = actions.create_item(actor=actor, organisation=org, power_item=power, code=f"BENCH-{time.time_ns()}",
                                   name="基准抽查事项", basis="基准依据", subject_type="企业")
        plan = actions.create_plan(actor=actor, organisation=org, year=today.year, title="基准抽查计划")
        task = actions.create_task(actor=actor, plan=plan, title="全省1%抽查", items=[item], start=today,
                                   end=today + dt.timedelta(days=60), ratios={c: "1" for c in "ABCD"})
        actions.publish_plan(plan, actor=actor, on=today)
    return actor, task


def _dump_baseline():
    if connection.vendor == "postgresql":
        sql = ("COPY (SELECT risk_class, credit_code, region_code FROM inspections_entity WHERE status = 'active' "
               "ORDER BY risk_class, credit_code COLLATE \"C\") TO STDOUT")
        with connection.cursor() as cur, cur.cursor.copy(sql) as copy:
            for _ in copy:
                pass
    else:
        with connection.cursor() as cur:
            cur.execute("SELECT risk_class, credit_code, region_code FROM inspections_entity "
                        "WHERE status = 'active' ORDER BY risk_class, credit_code")
            while cur.fetchmany(20000):
                pass


def _sample_baseline():
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT credit_code FROM inspections_entity TABLESAMPLE BERNOULLI (1)")
        else:
            cur.execute("SELECT credit_code FROM inspections_entity WHERE abs(random()) % 100 = 0")
        return len(cur.fetchall())


def _csv(path, count: int):
    """New entities: their codes carry a region part of this run's own (a rerun with --existing adds new rows)."""
    run = f"{time.time_ns() // 1000 % 10000:04d}"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([label.rstrip("*") for _, label in COLUMNS])
        for n in range(count):
            first = f"9297{run}{n:09d}"
            w.writerow([first + credit_check_char(first), f"导入基准主体{n}", "个体工商户", f"970000{n % 12 + 1:03d}000",
                        "批发和零售业", "ABCD"[n % 4], "存续"])


# The directory's indexes (unique credit code, region, status + risk class + code) on the file's columns
# (credit code, name, kind, region, industry, risk class, status): the apples-to-apples write into the directory.
DIRECTORY_INDEXES = ["UNIQUE (c0)", "(c3)", "(c6, c5, c0)"]
# The directory as it stands, in those columns: the import writes its rows into indexes of that size, and so does the
# baseline (a COPY into an empty table writes into small indexes, which no import into a province's directory can).
DIRECTORY_ROWS = "SELECT credit_code, name, kind, region_code, industry, risk_class, status FROM inspections_entity"


def run(scale: str) -> list[dict]:
    today = clock.today()
    n = Entity.objects.count()
    actor, task = _task(today)
    out = []
    started = time.perf_counter()
    with clock.frozen(today):
        actions.commit(task, actor=actor, on=today)
    commit_seconds = time.perf_counter() - started
    out.append(entry("commitment: population snapshot and hashes (commit)", n, commit_seconds,
                     "plain ordered dump of the same columns", best_of(_dump_baseline, 1)))
    started = time.perf_counter()
    with clock.frozen(today):
        actions.run_draw(task, actor=actor, on=today, entropy="bench")
    draw_seconds = time.perf_counter() - started
    task = Task.objects.get(pk=task.pk)
    selected = task.inspections.count()
    out.append(entry("draw of 1 % with two inspectors each (run_draw)", n, draw_seconds,
                     "TABLESAMPLE BERNOULLI (1)" if connection.vendor == "postgresql" else "random() sample",
                     best_of(_sample_baseline, 1), selected=selected, target="≤ 2 s"))
    record = sampling.record(task, inline_limit=0)
    population = sampling.read_snapshot(task)
    answer = draw.verify(record, population)
    assert answer["verified"], answer["problems"]
    out.append(entry("verification from the published record (draw.verify)", n,
                     best_of(lambda: draw.verify(record, population), 2), "SHA-256 of the snapshot alone",
                     best_of(lambda: draw.sha256_hex(population), 2), target="≤ 2 s"))
    rows = int(os.environ.get("FAZHI_BENCH_IMPORT_ROWS", "200000"))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "directory.csv")
        _csv(path, rows)
        bare = copy_baseline(path, 7)
        empty = copy_baseline(path, 7, DIRECTORY_INDEXES)
        baseline = copy_baseline(path, 7, DIRECTORY_INDEXES, prefill=DIRECTORY_ROWS)
        started = time.perf_counter()
        with open(path, "rb") as f:
            result = import_entities(f, actor=None, name="directory.csv")
        seconds = time.perf_counter() - started
        assert result.ok and result.created == rows, (result.errors[:3], result.created)
    plain = "plain COPY of the same file" if connection.vendor == "postgresql" else "csv.reader + executemany"
    out.append(entry("directory import, new entities (import_entities)", rows, seconds,
                     f"{plain} into a table holding the directory's {n} rows with its indexes", baseline,
                     empty_baseline=f"{plain} into an empty table with the directory's indexes",
                     empty_seconds=round(empty, 4), empty_ratio=round(seconds / empty, 2) if empty else None,
                     bare_baseline=f"{plain} into a bare table of text columns", bare_seconds=round(bare, 4),
                     bare_ratio=round(seconds / bare, 2) if bare else None, target="10⁷ rows ≤ 10 min, ratio ≤ 3"))
    return out
