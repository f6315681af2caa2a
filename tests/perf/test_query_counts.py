"""No page's query count grows with its rows (#16): every page without parameters (lists, boards, statistics, the
dashboard) is opened by the county supervisor and by a department's legal officer with one record of every scoped
model, then with three; no page may issue more queries the second time. A page that reads a relation
per row (N+1) fails here with the page and the two counts."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from security.test_generated_scoping import FACTORIES
from security.test_get_writes_nothing import _plain_urls

from fazhi.core import clock

pytestmark = pytest.mark.django_db


def _make_one_of_each(w):
    for _label, make in sorted(FACTORIES.items()):
        if make is not None:
            make(w)


def _shape(sql: str) -> str:
    return re.sub(r"\d+", "N", sql)[:160]


def _query_counts(client, users, urls) -> dict:
    """{(user, url): (count, the queries' shapes)} of each page that answers 200, the fewer of two openings after a
    warm-up (a per-process cache filled by one opening is not the page's own cost)."""
    counts = {}
    for user in users:
        client.force_login(user)
        for url in urls:
            client.get(url)  # warm per-process caches (rule catalogue, calendars) so both rounds compare alike
            best = None
            for _ in range(2):
                with CaptureQueriesContext(connection) as ctx:
                    status = client.get(url).status_code
                shapes = [_shape(q["sql"]) for q in ctx.captured_queries]
                if best is None or len(shapes) < len(best):
                    best = shapes
            if status == 200:
                counts[(user.username, url)] = (len(best), best)
    return counts


def test_no_page_issues_more_queries_for_more_rows(w, client):
    urls = _plain_urls()
    users = (w.supervisor, w.legal_a)
    with clock.frozen(dt.date(2025, 6, 1)):
        _make_one_of_each(w)
        small = _query_counts(client, users, urls)
        for _ in range(2):
            _make_one_of_each(w)
        large = _query_counts(client, users, urls)
    assert len(small) > 40
    # Fewer is fine: a page of deadlines reads each kind of case on it once, and twenty rows may hold fewer kinds.
    grown = {}
    for key, (n, shapes) in small.items():
        m, more = large.get(key, (0, []))
        if m > n:
            extra = [q for q in more if more.count(q) > shapes.count(q)]
            grown[f"{key[0]} {key[1]}"] = (n, m, sorted(set(extra)))
    assert grown == {}, "queries with one record of each kind → with three:\n" + "\n".join(
        f"{page}: {a} → {b}; more often: {extra}" for page, (a, b, extra) in sorted(grown.items()))


def test_a_statistics_page_offers_the_tree_level_by_level(w, client):
    """Not a province's thousands of organisations in one drop-down: the chosen one, those above it, those directly
    below it (and the user's own)."""
    import re

    from fazhi.core.choices import OrgKind
    from fazhi.testing.factories import org

    unit = org("某执法大队", kind=OrgKind.UNIT, parent=w.dept_a)
    client.force_login(w.supervisor)

    def offered(code):
        html = client.get("/metrics/", {"org": code}).content.decode()
        select = re.search(r'<select name="org".*?</select>', html, re.S).group(0)
        return set(re.findall(r'value="([^"]+)"', select))

    assert offered(w.gov.code) == {w.gov.code, w.dept_a.code, w.dept_b.code}
    assert offered(w.dept_a.code) == {w.gov.code, w.dept_a.code, unit.code}
