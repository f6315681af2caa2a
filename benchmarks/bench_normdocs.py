"""行政规范性文件: every normdocs figure of the root government for the last full year (≥ 50,000 documents at province
scale) through the metric registry, beside one hand-written SQL query computing the same counts; the public catalogue
(/portal/normdocs/, no login) at its first and its last page through the Django test client, beside the page's queries
written by hand; and the in-force count of one department, beside a hand-written count."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from _timing import best_of, entry, scans
from django.core.paginator import Paginator
from django.db import connection
from django.test import Client, override_settings

from fazhi.core import clock
from fazhi.core.models import Organisation
from fazhi.metrics.registry import Scope, all_metrics, evaluation, get
from fazhi.normdocs.choices import CORRECTIVE, EndKind, Outcome, Status
from fazhi.normdocs.models import PUBLIC_STATUSES, Document

PER_PAGE = 30  # the catalogue's page size (portal_views.index)
RATES = {"normdocs.filing_rate": ("filed", "issued"), "normdocs.filing_timely_rate": ("filed_on_time", "issued"),
         "normdocs.review_on_time_rate": ("reviewed_on_time", "reviewed")}


def _keys() -> list[str]:
    return sorted(m.key for m in all_metrics() if m.key.startswith("normdocs."))


def _in(values) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


IN_FORCE = (f"d.status IN {_in(PUBLIC_STATUSES)} AND d.published_on IS NOT NULL "
            "AND COALESCE(d.effective_from, d.published_on) <= %s AND (d.valid_until IS NULL OR d.valid_until >= %s) "
            "AND (d.ended_on IS NULL OR d.ended_on > %s)")


def hand_written(root: Organisation, start: dt.date, end: dt.date) -> dict:
    """The document figures in one pass of conditional sums over the subtree's documents, the clean-up figures in a
    second derived table over the entries of campaigns concluded in the period: one statement."""
    issued = "d.published_on BETWEEN %s AND %s"
    filed = f"{issued} AND d.filed_on IS NOT NULL"
    reviewed = "d.reviewed_on BETWEEN %s AND %s AND d.review_submitted_on IS NOT NULL"
    r = [start, end]
    docs = [("issued", issued, r), ("filed", filed, r),
            ("filed_on_time", f"{filed} AND (d.filing_due IS NULL OR d.filed_on <= d.filing_due)", r),
            ("reviewed", reviewed, r),
            ("reviewed_on_time", f"{reviewed} AND (d.review_due IS NULL OR d.reviewed_on <= d.review_due)", r),
            ("corrected_on_review", f"d.filing_outcome IN {_in(CORRECTIVE)} AND d.filing_outcome_on BETWEEN %s AND %s",
             r),
            ("in_force", IN_FORCE, [end, end, end]),
            ("abolished", f"d.end_kind = '{EndKind.ABOLISHED}' AND d.ended_on BETWEEN %s AND %s", r)]
    entries = [("cleanup.reviewed", None), ("cleanup.kept", Outcome.KEPT), ("cleanup.revised", Outcome.REVISED),
               ("cleanup.abolished", Outcome.ABOLISHED), ("cleanup.expired", Outcome.DECLARED_INVALID)]
    like = root.path + "%"
    cols, params = [], []
    for _, cond, p in docs:
        cols.append(f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)")
        params += p
    ecols = ["COUNT(*)"] + [f"SUM(CASE WHEN e.outcome = '{o}' THEN 1 ELSE 0 END)" for _, o in entries[1:]]
    sql = (f"SELECT dd.*, ee.* FROM (SELECT {', '.join(cols)} FROM normdocs_document d "
           "JOIN core_organisation o ON o.id = d.organisation_id WHERE o.path LIKE %s) dd, "
           f"(SELECT {', '.join(ecols)} FROM normdocs_entry e JOIN normdocs_campaign c ON c.id = e.campaign_id "
           "JOIN core_organisation co ON co.id = c.organisation_id "
           "WHERE co.path LIKE %s AND c.concluded_on BETWEEN %s AND %s) ee")
    params += [like, like, start, end]
    with connection.cursor() as cur:
        cur.execute(sql, params)
        row = [int(v or 0) for v in cur.fetchone()]
    out = dict(zip([f"normdocs.{k}" for k, *_ in docs + entries], row, strict=True))
    for key, (num, den) in RATES.items():
        n, d = out[f"normdocs.{num}"], out[f"normdocs.{den}"]
        out[key] = (Decimal(n) * 100 / Decimal(d)).quantize(Decimal("0.1"), ROUND_HALF_UP) if d else Decimal(0)
    return out


def all_figures(scope: Scope) -> dict:
    """What a dashboard or the report does: one evaluation (measured with the stored figures off: computed)."""
    with evaluation():
        return {k: get(k).value(scope) for k in _keys()}


def _page_sql(today: dt.date, page: int):
    """The catalogue page's queries, written by hand: the portal's name, the count, the page of rows with their
    makers, the open consultations."""
    base = f"FROM normdocs_document d JOIN core_organisation o ON o.id = d.organisation_id WHERE {IN_FORCE}"
    args = [today, today, today]
    with connection.cursor() as cur:
        cur.execute("SELECT name FROM core_organisation WHERE parent_id IS NULL AND kind = 'government' "
                    "ORDER BY path LIMIT 1")
        cur.fetchone()
        cur.execute(f"SELECT COUNT(*) {base}", args)
        n = cur.fetchone()[0]
        cur.execute(f"SELECT d.id, d.number, d.title, o.name, d.published_on, d.valid_until, d.filed_on {base} "
                    f"ORDER BY d.published_on DESC, d.id DESC LIMIT {PER_PAGE} OFFSET {(page - 1) * PER_PAGE}", args)
        rows = cur.fetchall()
        cur.execute("SELECT COUNT(*) FROM normdocs_document WHERE status = %s AND consultation_start <= %s "
                    "AND consultation_end >= %s", [Status.CONSULTING, today, today])
        cur.fetchone()
    return n, rows


def _page_orm(today: dt.date, page: int):
    """The view's own querysets without the request and the template (to split the page's time)."""
    qs = Document.objects.published().select_related("organisation").in_force_on(today).order_by("-published_on", "-pk")
    p = Paginator(qs, PER_PAGE).get_page(page)
    return p.paginator.count, list(p.object_list)


def _get(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content


def run(scale: str) -> list[dict]:
    """Measured with the stored figures and kept pages off (ADR 0014), so each call computes, as after a change of
    the documents; then the catalogue's first page as a visitor gets it when nothing changed (kept whole)."""
    with override_settings(FAZHI_FIGURE_CACHE=False):
        out, baseline = _computed()
    with override_settings(FAZHI_FIGURE_CACHE=True):
        client = Client()
        _get(client, "/portal/normdocs/")
        out.append(entry("the same first page, kept whole while the documents are unchanged (portal middleware)",
                         out[1]["n"], best_of(lambda: _get(client, "/portal/normdocs/"), 10),
                         "the page's four queries, hand-written (no rendering)", baseline))
    return out


def _computed() -> tuple[list[dict], float]:
    if connection.vendor == "postgresql":
        # Freshly bulk-loaded tables have no statistics until autovacuum gets to them; without them the planner
        # nests a loop per organisation over the status index (4 s instead of 40 ms for the in-force count).
        with connection.cursor() as cur:
            cur.execute("ANALYZE core_organisation, normdocs_document, normdocs_campaign, normdocs_entry")
    root = Organisation.objects.get(code="B")
    year = clock.today().year - 1  # the last full year, as the generator's ctx.year
    scope = Scope.for_year(root, year)
    total = Document.objects.count()
    figures = all_figures(scope)
    sql = hand_written(root, scope.start, scope.end)
    assert set(figures) == set(sql), set(figures) ^ set(sql)
    for key, value in sql.items():
        assert figures[key] == value, (key, figures[key], value)
    assert figures["normdocs.issued"] and figures["normdocs.cleanup.reviewed"], figures
    out = [entry(f"all {len(figures)} normdocs figures, one year, whole tree (metric registry, one evaluation)", total,
                 best_of(lambda: all_figures(scope), 10), "one hand-written SQL query",
                 best_of(lambda: hand_written(root, scope.start, scope.end), 10), target="≤ 2 s, ratio ≤ 1.5",
                 plan=scans(lambda: all_figures(scope)),
                 baseline_plan=scans(lambda: hand_written(root, scope.start, scope.end)))]

    today = clock.today()
    client = Client()
    in_force = Document.objects.published().in_force_on(today).count()
    last = max(1, -(-in_force // PER_PAGE))
    for label, page in (("first page", 1), (f"last page ({last})", last)):
        url = "/portal/normdocs/" + (f"?page={page}" if page > 1 else "")
        n, rows = _page_sql(today, page)
        assert n == in_force
        content = _get(client, url).decode()
        assert all(f"/portal/normdocs/{r[0]}/" in content for r in rows), url
        out.append(entry(f"public catalogue in force, {label}: GET {url} (test client, anonymous)", in_force,
                         best_of(lambda url=url: _get(client, url), 10),
                         "the page's four queries, hand-written (no rendering)",
                         best_of(lambda page=page: _page_sql(today, page), 10),
                         orm_seconds=round(best_of(lambda page=page: _page_orm(today, page), 10), 4)))

    dept = Organisation.objects.filter(kind="department", normative_documents__isnull=False).order_by("path").first()
    dscope = Scope.for_year(dept, year)

    def dept_count():
        with evaluation():
            return get("normdocs.in_force").value(dscope)

    def dept_sql():
        with connection.cursor() as cur:
            cur.execute(f"SELECT COUNT(*) FROM normdocs_document d JOIN core_organisation o ON o.id = d.organisation_id "
                        f"WHERE o.path LIKE %s AND {IN_FORCE}", [dept.path + "%", dscope.end, dscope.end, dscope.end])
            return cur.fetchone()[0]

    assert dept_count() == dept_sql()
    out.append(entry("in-force count of one department at the year's end (metric normdocs.in_force)", total,
                     best_of(dept_count, 10), "hand-written SQL count", best_of(dept_sql, 10),
                     scope_documents=Document.objects.in_subtree(dept).count(), target="ratio ≤ 1.5, ≤ 5 ms (#16)",
                     plan=scans(dept_count), baseline_plan=scans(dept_sql)))
    return out, out[1]["baseline_seconds"]
