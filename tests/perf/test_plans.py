"""A department's figures must reach their rows through indexes: every query that computing all registered figures for
one department issues is EXPLAINed on PostgreSQL with sequential scans disabled, so the planner falls back to one only
where no index can serve the predicate. A table that grows with the records fails the test when it is read by a
sequential scan, or when the department's scope is applied to each of its rows as a filter (a `SubPlan` in the
node's Filter, a `hashed SubPlan`: the scope `IN (subquery) OR … IN (subquery)` that made a department's 复议 figures scan the province)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.metrics.registry import Scope, all_metrics, evaluation

pytestmark = pytest.mark.django_db

# Tables that grow with the records (10⁵–10⁷ rows in a province); small reference tables may be scanned.
LARGE = {"reconsideration_case", "reconsideration_casedocument", "rules_deadline", "enforcement_enforcementcase",
         "inspections_inspection", "inspections_entity", "normdocs_document", "normdocs_entry",
         "litigation_litigationcase", "powers_poweritem", "powers_powerbasis", "officers_officer",
         "officers_certificate", "officers_trainingrecord", "core_auditevent", "laws_article"}
NODE = re.compile(r"^(?P<indent>\s*)(?:->\s+)?(?P<kind>Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan)"
                  r"(?: Backward)?(?: using \S+)? on (?P<table>\w+)")


def _scans(sql: str) -> set[str]:
    """The large tables the plan reads without an index on the scope."""
    with connection.cursor() as c:
        c.execute("EXPLAIN " + sql)
        lines = [r[0] for r in c.fetchall()]
    bad, node = set(), None
    unbounded = []  # index scans of a large table: bad unless an Index Cond narrows them
    for line in lines:
        m = NODE.match(line)
        if m:
            node = (m["table"], len(m["indent"]))
            if m["kind"] == "Seq Scan" and m["table"] in LARGE:
                bad.add(m["table"])
            if m["kind"] in ("Index Scan", "Index Only Scan") and m["table"] in LARGE:
                unbounded.append(node)  # with sequential scans off, a whole index read instead is the same scan
            continue
        if node and "Index Cond:" in line and unbounded and unbounded[-1] == node:
            unbounded.pop()
        if node and "Filter:" in line and "hashed SubPlan" in line and len(line) - len(line.lstrip()) > node[1] \
                and node[0] in LARGE:
            bad.add(node[0])
    return bad | {table for table, _indent in unbounded}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL plans")
def test_a_department_figures_use_indexes(w):
    scope = Scope.for_year(w.dept_a, 2025)
    with CaptureQueriesContext(connection) as ctx, evaluation():
        for m in all_metrics():
            m.value(scope)
    queries = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert queries
    with connection.cursor() as c:
        c.execute("SET enable_seqscan = off")
    try:
        # The detector works: a predicate no index serves is a sequential scan even with them disabled.
        from fazhi.normdocs.models import Document

        assert _scans(str(Document.objects.filter(drafter="某单位").query).replace("= 某单位", "= '某单位'")) == {
            "normdocs_document"}
        found = {}
        for sql in queries:
            for table in _scans(sql):
                found.setdefault(table, sql[:1500])
    finally:
        with connection.cursor() as c:
            c.execute("SET enable_seqscan = on")
    assert found == {}, "\n\n".join(f"{t}: {q}" for t, q in found.items())
    # every module's records were read (the figures are a few aggregates each, so count tables, not queries)
    read = {t for t in LARGE if any(f'"{t}"' in q for q in queries)}
    assert read >= {"reconsideration_case", "enforcement_enforcementcase", "inspections_inspection", "normdocs_document",
                    "normdocs_entry", "litigation_litigationcase", "powers_poweritem", "officers_officer",
                    "officers_certificate", "officers_trainingrecord"}, read


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL plans")
def test_the_deadline_board_page_is_read_off_an_index(w):
    """The board's first page (open deadlines by due date, then id) comes off an index in order, not from sorting
    every open deadline of the province."""
    from fazhi.rules.models import Deadline

    sql = str(Deadline.objects.visible_to(w.supervisor).open().order_by("due", "id")[:20].query)
    sql = re.sub(r"= open\b", "= 'open'", sql)
    sql = re.sub(r"LIKE (/[^ )]*)", r"LIKE '\1'", sql)
    with connection.cursor() as c:
        c.execute("SET enable_seqscan = off")
        c.execute("SET enable_sort = off")
        try:
            c.execute("EXPLAIN " + sql)
            plan = "\n".join(r[0] for r in c.fetchall())
        finally:
            c.execute("SET enable_seqscan = on")
            c.execute("SET enable_sort = on")
    assert "Sort" not in plan and "Seq Scan on rules_deadline" not in plan and "rules_deadline_board" in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL plans")
def test_the_enforcement_list_first_page_is_read_off_an_index(w):
    """A province-wide user's enforcement list (10⁷ cases a year, 3 × 10⁴ filed on its latest day) comes off the
    (filed_on, id) index in the list's order: on the date alone, the latest day's cases were sorted for every page."""
    from fazhi.enforcement.models import EnforcementCase

    sql, params = EnforcementCase.objects.order_by("-filed_on", "-pk")[:20].query.sql_with_params()
    with connection.cursor() as c:
        c.execute("SET enable_seqscan = off")
        c.execute("SET enable_sort = off")
        c.execute("SET enable_incremental_sort = off")
        try:
            c.execute("EXPLAIN " + sql, params)
            plan = "\n".join(r[0] for r in c.fetchall())
        finally:
            c.execute("RESET enable_seqscan")
            c.execute("RESET enable_sort")
            c.execute("RESET enable_incremental_sort")
    assert "Sort" not in plan and "enforcement_case_filed" in plan, plan
