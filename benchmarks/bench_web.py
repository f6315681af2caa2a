"""Pages as people wait for them (#16): the production server (`fazhi serve`) on loopback, a bounded load of 10 and
50 concurrent clients against the dashboard, every list, board and statistics page, metric drill-downs and the
portal; p50 / p95 / p99 latency, requests per second, errors, and the queries each page issues.

The baseline of every row is `/healthz` under the same load (one query, no rendering): the floor this server and
client reach on this machine, so a page's ratio says how much of its wait is the page itself. Each page is first
opened once alone ("first"): the wait of the first user after the records changed, when its figures and counts are
computed and stored (metrics.stored); then one unmeasured round (a request per client) warms every worker process,
and the load that follows is the steady state.

Before the load the benchmark gives the generated data what a running province has and `fazhi bench generate` does
not make: open deadlines (three per open 复议 case and as many again spread over the departments, about 300,000 at
province scale), a province-wide supervisor and a department's legal officer. The results are also written to
docs/benchmarks.md between the `web-benchmark` markers.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from _timing import entry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, reset_queries
from django.db.models import Count

from fazhi.core.choices import Role
from fazhi.core.models import Membership, Organisation

ROOT = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("FAZHI_BENCH_WEB_PORT", "8799"))
CLIENTS = [int(c) for c in os.environ.get("FAZHI_BENCH_WEB_CLIENTS", "10,50").split(",")]
# Per page and load: at least this many answers (enough for a p95; a p99 is indicative), or this many seconds for a
# page so slow that it cannot give them (its row says how many it answered).
MIN_REQUESTS = int(os.environ.get("FAZHI_BENCH_WEB_REQUESTS", "60"))
MAX_SECONDS = int(os.environ.get("FAZHI_BENCH_WEB_SECONDS", "20"))
PROVINCE, DEPARTMENT, PUBLIC = "province", "department", "public"
WHO = {PROVINCE: "全省用户", DEPARTMENT: "部门法制员", PUBLIC: "公众"}
# The pages of #16's table, measured at every load; the others at the first (10 clients).
HEADLINE = {("/", PROVINCE), ("/", DEPARTMENT), ("/reconsideration/", DEPARTMENT), ("/rules/board/", DEPARTMENT),
            ("/reconsideration/board/", DEPARTMENT), ("/portal/", PUBLIC)}
LISTS = ["/reconsideration/", "/reconsideration/board/", "/reconsideration/stats/", "/reconsideration/letters/",
         "/litigation/", "/litigation/stats/", "/rules/board/", "/powers/", "/powers/adjustments/", "/officers/",
         "/officers/certificates/", "/officers/subjects/", "/enforcement/", "/enforcement/standards/",
         "/enforcement/reviews/", "/enforcement/yearbook/", "/inspections/", "/inspections/plans/",
         "/inspections/entities/", "/inspections/results/", "/normdocs/", "/normdocs/comments/",
         "/normdocs/campaigns/", "/reports/", "/orgs/", "/audit/", "/laws/", "/metrics/"]
DRILLDOWNS = ["reconsideration.received", "reconsideration.correction_rate", "litigation.first_instance",
              "enforcement.officers", "normdocs.in_force"]
PORTAL = ["/portal/", "/portal/normdocs/", "/portal/orgs/"]


def _users(year: int):
    """A supervisor of the whole province and the legal officer of the department with the most 复议 cases."""
    from fazhi.reconsideration.models import Case

    User = get_user_model()
    root = Organisation.objects.filter(parent__isnull=True).order_by("path").first()
    province, _ = User.objects.get_or_create(username="bench_province")
    Membership.objects.get_or_create(user=province, organisation=root, role=Role.SUPERVISOR)
    busiest = (Case.objects.filter(received_on__year=year, respondent__kind="department").values("respondent")
               .annotate(n=Count("id"))
               .order_by("-n").first())
    dept = Organisation.objects.get(pk=busiest["respondent"]) if busiest else \
        Organisation.objects.filter(kind="department").order_by("path").first()
    officer, _ = User.objects.get_or_create(username="bench_department")
    Membership.objects.get_or_create(user=officer, organisation=dept, role=Role.LEGAL_OFFICER)
    return {PROVINCE: province, DEPARTMENT: officer}, root, dept


def _cookie(user) -> str:
    """A signed-in session for the user, made as the login view would (no password round trip under load)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    s = SessionStore()
    s[SESSION_KEY], s[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    return f"{settings.SESSION_COOKIE_NAME}={s.session_key}"


def _open_deadlines(year: int) -> int:
    """Three open deadlines per open 复议 case (owned by its 复议机关) and as many again over the departments."""
    from fazhi.reconsideration.models import Case
    from fazhi.rules.models import Deadline

    if Deadline.objects.filter(label="基准期限（网页）").exists():
        return Deadline.objects.filter(status="open").count()
    ct = ContentType.objects.get_for_model(Case).pk
    due = dt.date(year + 1, 1, 15)
    rules = ["reconsideration.decision", "reconsideration.acceptance", "reconsideration.reply"]
    rows = []
    with connection.cursor() as cur:
        for i, rule in enumerate(rules):
            cur.execute("""
                INSERT INTO rules_deadline (content_type_id, object_id, organisation_id, rule_id, rule_version,
                    label, start, due, provisional, status, extended, extension_approver, has_pauses, paused,
                    explanation, citation, created_at, updated_at)
                SELECT %s, CAST(id AS TEXT), organisation_id, %s, '', '基准期限（网页）', received_on,
                    received_on + %s, false, 'open', false, '', false, false, '', '', now(), now()
                FROM reconsideration_case WHERE status = 'accepted'""", [ct, rule, 60 + i])
            rows.append(cur.rowcount)
        depts = list(Organisation.objects.filter(kind="department").values_list("id", flat=True))
        other = ContentType.objects.get_for_model(Organisation).pk  # not a 复议 case: no collision with their ids
        n = sum(rows) * 3 if connection.vendor == "postgresql" else 0
        if n:
            cur.execute(f"""
                INSERT INTO rules_deadline (content_type_id, object_id, organisation_id, rule_id, rule_version,
                    label, start, due, provisional, status, extended, extension_approver, has_pauses, paused,
                    explanation, citation, created_at, updated_at)
                SELECT %s, g::text, (ARRAY[{",".join(map(str, depts))}])[1 + g %% {len(depts)}], 'disclosure.reply',
                    '', '基准期限（网页）', %s::date + (g %% 300), %s::date - (g %% 90), false, 'open', false, '',
                    false, false, '', '', now(), now()
                FROM generate_series(1, %s) AS g""", [other, dt.date(year, 1, 1), due, n])
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")  # the generator bulk-loads: without statistics the planner guesses (#16's 40 ms)
    return Deadline.objects.filter(status="open").count()


def _queries(path: str, user) -> int | None:
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if user is not None:
        client.force_login(user)
    reset_queries()  # the log keeps 9,000 queries: a full one would make every later count 0
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(path).status_code
    return len(ctx.captured_queries) if status == 200 else None


def _serve() -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "fazhi", "serve", "--port", str(PORT)], env=dict(os.environ),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(120):
        try:
            c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise RuntimeError("fazhi serve did not answer /healthz within 60 s")


def _load(path: str, cookies: list[str], clients: int, requests: int | None = None) -> dict:
    """`clients` threads, each a user of its own (a session: every request renews it) on one keep-alive connection,
    until `requests` (MIN_REQUESTS) answered or MAX_SECONDS passed."""
    times, errors, lock = [], [], threading.Lock()
    stop = time.perf_counter() + MAX_SECONDS
    wanted = requests or max(MIN_REQUESTS, 2 * clients)

    def client(i):
        headers = {"Cookie": cookies[i]} if cookies else {}
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
        while time.perf_counter() < stop:
            with lock:
                if len(times) + len(errors) >= wanted:
                    return
            t = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                r = conn.getresponse()
                r.read()
                ok = r.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
                ok = False
            with lock:
                (times if ok else errors).append(time.perf_counter() - t)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - started
    times.sort()

    def pct(p):
        return times[min(len(times) - 1, int(p * len(times)))] if times else float("nan")

    return {"requests": len(times), "errors": len(errors), "p50": statistics.median(times) if times else float("nan"),
            "p95": pct(0.95), "p99": pct(0.99), "rps": round(len(times) / wall, 1)}


def _once(path: str, cookies: list[str]) -> float:
    """One request alone, before the load: the page as the first user after a change sees it (figures and counts
    computed, not yet stored)."""
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=300)
    t = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookies[0]} if cookies else {})
    conn.getresponse().read()
    return round(time.perf_counter() - t, 4)


def _pages(root, dept, year: int) -> list[tuple[str, str]]:
    pages = [("/", PROVINCE), ("/", DEPARTMENT)]
    pages += [(p, DEPARTMENT) for p in LISTS] + [(p, PROVINCE) for p in LISTS]
    for key in DRILLDOWNS:
        pages.append((f"/metrics/{key}/?org={dept.code}&year={year}", DEPARTMENT))
        pages.append((f"/metrics/{key}/?org={root.code}&year={year}", PROVINCE))
    return pages + [(p, PUBLIC) for p in PORTAL]


def _write_docs(rows: list[dict], meta: str) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    begin, end = "<!-- web-benchmark:begin -->", "<!-- web-benchmark:end -->"
    lines = [begin, meta, "",
             "| page | user | first, alone ms | clients | p50 ms | p95 ms | p99 ms | req/s | errors | queries |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        first = f"{r['cold'] * 1000:.0f}" if r["cold"] is not None else ""
        lines.append(f"| `{r['path']}` | {WHO[r['who']]} | {first} | {r['clients']} | {r['p50'] * 1000:.0f} | "
                     f"{r['p95'] * 1000:.0f} | {r['p99'] * 1000:.0f} | {r['rps']} | {r['errors']} | "
                     f"{r['queries'] if r['queries'] is not None else '—'} |")
    lines.append(end)
    text = path.read_text(encoding="utf-8")
    if begin in text:
        text = text[:text.index(begin)] + "\n".join(lines) + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n## Pages under load\n\n" + "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")


def run(scale: str) -> list[dict]:
    from fazhi.core import clock

    year = clock.today().year - 1  # the generated year (fazhi bench generate's default)
    users, root, dept = _users(year)
    deadlines = _open_deadlines(year)
    cookies = {who: [_cookie(u) for _ in range(max(CLIENTS))] for who, u in users.items()} | {PUBLIC: []}
    pages = _pages(root, dept, year)
    queries = {(p, who): _queries(p, users.get(who)) for p, who in pages}
    connection.close()
    server = _serve()
    results, rows, floors = [], [], {}
    try:
        for clients in CLIENTS:
            floor = floors[clients] = _load("/healthz", [], clients)
            for path, who in pages:
                if clients != CLIENTS[0] and (path, who) not in HEADLINE:
                    continue
                cold = _once(path, cookies[who][:1]) if clients == CLIENTS[0] else None
                _load(path, cookies[who], clients, requests=clients)  # one round unmeasured: every worker warm
                r = _load(path, cookies[who], clients)
                rows.append({"path": path, "who": who, "clients": clients, "queries": queries[path, who],
                             "cold": cold, **r})
                results.append(entry(f"GET {path} as {who}, {clients} clients: p95", r["requests"], r["p95"],
                                     "GET /healthz under the same load: p95", floor["p95"], p50=round(r["p50"], 4),
                                     p99=round(r["p99"], 4), rps=r["rps"], errors=r["errors"],
                                     queries=queries[path, who], first=cold, target="≤ 0.05 s" if who == PUBLIC else "≤ 0.3 s"))
    finally:
        server.terminate()
        server.wait(30)
    meta = (f"Last run {dt.datetime.now(dt.UTC):%Y-%m-%dT%H:%M:%SZ}: scale **{scale}**, **{connection.vendor}**, "
            f"{os.cpu_count()} cores, `fazhi serve` (its default workers); {deadlines:,} open deadlines; "
            f"department officer of {dept.name}; at least {MIN_REQUESTS} requests per row or {MAX_SECONDS} s. "
            "Baseline `/healthz` p95: " + ", ".join(f"{c} clients {f['p95'] * 1000:.0f} ms ({f['rps']} req/s)"
                                                    for c, f in floors.items()) + ".")
    _write_docs(rows, meta)
    return results

