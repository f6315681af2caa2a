"""双随机一公开 figures: every inspections figure of its own records (entities checked, of them in joint tasks, with
problems, listed as abnormal, published on time; tasks completed; the two rates over them) for the last full year,
for the whole province and for one department, through the metric registry in one evaluation, beside one
hand-written SQL statement. The two figures that add the enforcement module's other inspections
(`inspections.all_checks`, `inspections.random_share`) are left out: their other part is the enforcement figures'
benchmark.

The year's tasks and results are written here when the database has none (the generator writes the directory, not
its inspections): FAZHI_BENCH_TASKS tasks (default 200) of the province's departments, one in five joint with another
department, each with FAZHI_BENCH_PER_TASK inspections (default 500: 10⁵ a year, a 1 % draw of the directory), nine
in ten with a result recorded in the year, most published within the 20 working days."""

from __future__ import annotations

import datetime as dt
import os

from _timing import figures_beside_sql
from django.db import connection, transaction

from fazhi.core import clock
from fazhi.core.models import Organisation
from fazhi.inspections.choices import ABNORMAL, PROBLEMS, PlanStatus, Result, TaskStatus
from fazhi.inspections.models import Entity, Inspection, Plan, Task
from fazhi.metrics.registry import get, percent, rounded

KEYS = ["inspections.entities_checked", "inspections.joint_checked", "inspections.problems_found",
        "inspections.abnormal_listed", "inspections.results_published_timely", "inspections.tasks",
        "inspections.joint_share", "inspections.results_publicity_timely_rate"]
RESULTS = [Result.NO_PROBLEM] * 14 + [Result.NOT_OPERATING, Result.CORRECTED, Result.CASE, Result.ANNUAL_REPORT,
                                      Result.UNREACHABLE, Result.TRANSFERRED]


def _in(values) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def _generate(year: int) -> None:
    tasks_n, per_task = int(os.environ.get("FAZHI_BENCH_TASKS", "200")), int(os.environ.get("FAZHI_BENCH_PER_TASK", "500"))
    departments = list(Organisation.objects.filter(kind="department", path__startswith="/B/").order_by("path")
                       .values_list("pk", flat=True))
    step = max(1, len(departments) // tasks_n)
    leads = departments[::step][:tasks_n]
    entities = list(Entity.objects.order_by("pk").values_list("pk", "risk_class")[:tasks_n * per_task])
    with transaction.atomic():
        plans = Plan.objects.bulk_create([Plan(organisation_id=o, year=year, title=f"{year}年度抽查计划（基准）",
                                               status=PlanStatus.PUBLISHED) for o in leads])
        tasks = Task.objects.bulk_create([
            Task(plan=p, organisation_id=p.organisation_id, year=year, seq=1, number=f"基准抽查〔{year}〕{i + 1}号",
                 title="基准抽查任务", start=dt.date(year, 3, 1), end=dt.date(year, 11, 30),
                 status=TaskStatus.COMPLETED, completed_on=dt.date(year, 12, 10))
            for i, p in enumerate(plans)])
        Task.partners.through.objects.bulk_create([
            Task.partners.through(task_id=t.pk, organisation_id=leads[(i + 1) % len(leads)])
            for i, t in enumerate(tasks) if i % 5 == 0])
        rows = []
        for i, task in enumerate(tasks):
            for n in range(per_task):
                entity, risk = entities[(i * per_task + n) % len(entities)]
                on = dt.date(year, 3, 1) + dt.timedelta(days=(n * 7 + i) % 270)
                result = RESULTS[(n * 3 + i) % len(RESULTS)] if n % 10 else ""
                due = on + dt.timedelta(days=28)
                rows.append(Inspection(
                    task=task, entity_id=entity, draw=n + 1, risk_class=risk, inspectors=[],
                    inspected_on=on if result else None, result=result, abnormal_listed=result in ABNORMAL,
                    publicity_due=due if result else None,
                    published_on=(on + dt.timedelta(days=(n % 40))) if result and n % 19 else None))
        Inspection.objects.bulk_create(rows, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE inspections_plan, inspections_task, inspections_task_partners, "
                        "inspections_inspection")


def hand_written(root: Organisation, start: dt.date, end: dt.date) -> dict:
    """One statement: the year's recorded results of the subtree's tasks counted under five conditions (the tasks by
    a semi-join on the path, their rows by the (task, draw) index), the joint ones by the tasks with partners hashed
    once (EXPLAIN: EXISTS probed the partners per row, 188 ms for the province against 56 ms through the registry);
    the tasks completed in the year in a sub-select."""
    scope = "SELECT id FROM core_organisation WHERE path LIKE %s"
    sql = f"""
    SELECT COUNT(*),
      COUNT(*) FILTER (WHERE i.task_id IN (SELECT p.task_id FROM inspections_task_partners p)),
      COUNT(*) FILTER (WHERE i.result IN {_in(PROBLEMS)}),
      COUNT(*) FILTER (WHERE i.abnormal_listed),
      COUNT(*) FILTER (WHERE i.published_on <= i.publicity_due),
      (SELECT COUNT(*) FROM inspections_task t WHERE t.organisation_id IN ({scope})
         AND t.completed_on BETWEEN %s AND %s)
    FROM inspections_inspection i
    WHERE i.task_id IN (SELECT t.id FROM inspections_task t WHERE t.organisation_id IN ({scope}))
      AND i.result <> '' AND i.inspected_on BETWEEN %s AND %s
    """
    like = root.path + "%"
    with connection.cursor() as cur:
        cur.execute(sql, [like, start, end, like, start, end])
        checked, joint, problems, abnormal, timely, tasks = (int(v) for v in cur.fetchone())
    return {"inspections.entities_checked": checked, "inspections.joint_checked": joint,
            "inspections.problems_found": problems, "inspections.abnormal_listed": abnormal,
            "inspections.results_published_timely": timely, "inspections.tasks": tasks,
            "inspections.joint_share": rounded(get("inspections.joint_share"), percent(joint, checked)),
            "inspections.results_publicity_timely_rate": rounded(get("inspections.results_publicity_timely_rate"),
                                                                  percent(timely, checked))}


def run(scale: str) -> list[dict]:
    year = clock.today().year - 1
    if not Inspection.objects.filter(inspected_on__year=year).exclude(result="").exists():
        _generate(year)
    root = Organisation.objects.get(code="B")
    dept = Task.objects.filter(year=year, partners__isnull=False).select_related("organisation") \
        .order_by("pk").first().organisation
    return figures_beside_sql(f"all {len(KEYS)} inspections figures of the year", KEYS, year, (root, dept),
                              hand_written, lambda _org, f: f["inspections.entities_checked"],
                              check=lambda f: f["inspections.entities_checked"] and f["inspections.joint_checked"])
