"""Deadlines: working-day arithmetic (cumulative index vs a day-by-day loop) and recomputing open deadlines after a
holiday schedule arrives (set-based, vs one plain SQL UPDATE of the same rows).

`run(scale)` inserts its own deadlines in bulk: 1,000,000 at province scale on PostgreSQL (target ≤ 30 s),
100,000 at county scale or on SQLite.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from _timing import best_of, entry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from fazhi.calendar import actions as cal_actions
from fazhi.calendar import workdays
from fazhi.core.models import Organisation
from fazhi.rules.models import Deadline

RULES = ["disclosure.reply", "reconsideration.decision", "litigation.answer", "penalty.decision",
         "reconsideration.acceptance", "petition.handling"]


def _arithmetic(n: int) -> list[dict]:
    rng = random.Random(11)
    cases = [(dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(5800)), rng.randint(1, 60)) for _ in range(n)]
    workdays.add_working_days(dt.date(2024, 1, 1), 1)  # build the index once
    idx = workdays.index()
    rest = {workdays.RANGE_START + dt.timedelta(days=i) for i, w in enumerate(idx.is_work) if not w}

    def indexed():
        for d, k in cases:
            workdays.add_working_days(d, k)

    def naive():
        for d, k in cases:
            day, left = d, k
            while left:
                day += dt.timedelta(days=1)
                if day not in rest:
                    left -= 1

    return [entry("add_working_days (cumulative index)", n, best_of(indexed), "day-by-day loop over a rest-day set",
                  best_of(naive))]


def _insert(n: int, year: int) -> None:
    """Bulk-insert n open deadlines starting in the last two months of `year - 1`, all reaching into `year`."""
    orgs = list(Organisation.objects.order_by("id").values_list("id", flat=True)[:200])
    ct = ContentType.objects.get_for_model(Organisation).pk
    rules = ", ".join(f"'{r}'" for r in RULES)
    first = dt.date(year - 1, 11, 1)
    due = dt.date(year, 1, 15)
    org_list = ", ".join(str(o) for o in orgs)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f"""
                INSERT INTO rules_deadline (content_type_id, object_id, organisation_id, rule_id, rule_version,
                    label, start, due, provisional, status, extended, extension_approver, has_pauses, paused,
                    explanation, citation, created_at, updated_at)
                SELECT %s, g::text, (ARRAY[{org_list}])[1 + g %% {len(orgs)}], (ARRAY[{rules}])[1 + g %% {len(RULES)}],
                    '', '基准期限', %s::date + (g %% 61), %s::date, true, 'open', false, '', false, false, '', '',
                    now(), now()
                FROM generate_series(1, %s) AS g""", [ct, first, due, n])
        else:
            org_case = " ".join(f"WHEN {i} THEN {o}" for i, o in enumerate(orgs))
            rule_case = " ".join(f"WHEN {i} THEN '{r}'" for i, r in enumerate(RULES))
            cur.execute(f"""
                WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < %s)
                INSERT INTO rules_deadline (content_type_id, object_id, organisation_id, rule_id, rule_version,
                    label, start, due, provisional, status, extended, extension_approver, has_pauses, paused,
                    explanation, citation, created_at, updated_at)
                SELECT %s, CAST(x AS TEXT), CASE x % {len(orgs)} {org_case} END, CASE x % {len(RULES)} {rule_case} END,
                    '', '基准期限', date(%s, '+' || (x % 61) || ' days'), %s, 1, 'open', 0, '', 0, 0, '', '',
                    datetime('now'), datetime('now')
                FROM g""", [n, ct, first.isoformat(), due.isoformat()])
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE rules_deadline")


def _recompute(scale: str) -> list[dict]:
    n = 1_000_000 if scale == "province" and connection.vendor == "postgresql" else 100_000
    year = (workdays.last_known_year() or 2026) + 1
    actor = get_user_model().objects.filter(is_superuser=True).first() or \
        get_user_model().objects.create_superuser("bench_calendar", "bench@example.invalid", "Bench-password-2026")
    t = time.perf_counter()
    _insert(n, year)
    insert_seconds = time.perf_counter() - t
    days = [(dt.date(year, 1, 1), "holiday", "元旦"), (dt.date(year, 1, 4), "holiday", "测试假日"),
            (dt.date(year, 1, 5), "holiday", "测试假日")]
    t = time.perf_counter()
    cal_actions.save_schedule(actor=actor, year=year, days=days, notice="基准测试", reason="基准测试")
    seconds = time.perf_counter() - t
    changed = Deadline.objects.filter(rule_id__in=RULES, provisional=False, previous_due__isnull=False).count()

    def plain():
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("UPDATE rules_deadline SET due = due, provisional = %s, updated_at = updated_at "
                        "WHERE status = 'open' AND start <= %s AND due >= %s",
                        [False, dt.date(year, 12, 31), dt.date(year, 1, 1)])

    t = time.perf_counter()
    plain()
    plain_seconds = time.perf_counter() - t
    return [entry("recompute open deadlines after a holiday schedule is added", n, seconds,
                  "one plain SQL UPDATE of the same rows", plain_seconds, changed=changed,
                  insert_seconds=round(insert_seconds, 2), target_seconds=30 if n >= 1_000_000 else None)]


def run(scale: str) -> list[dict]:
    return _arithmetic(20_000) + _recompute(scale)
