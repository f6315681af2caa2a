"""Keyset paging (#16): past the tenth page a list's "下一页" carries the last row's sort key, and walking the
pages that way shows every row once, in order, forwards and back; a junk cursor shows the first page."""

import datetime as dt
import re

import pytest

from fazhi.core.keyset import NUMBERED_PAGES
from fazhi.officers import actions
from fazhi.officers.models import Certificate

pytestmark = pytest.mark.django_db


def _certificates(w, n):
    from fazhi.core.identifiers import id_check_digit

    for i in range(n):
        first = f"110105198501{i % 28 + 1:02d}{i:03d}"
        officer = actions.register_officer(actor=w.legal_a, organisation=w.dept_a, name=f"执法员{i}",
                                           id_number=first + id_check_digit(first))
        # few distinct expiry dates: the order's ties are broken by the id, as the keyset must
        actions.issue_certificate(officer, actor=w.supervisor, number=f"K-{i:04d}", issued_on=dt.date(2025, 1, 2),
                                  expires_on=dt.date(2030, 1, 1 + i % 3))


def _rows(html):
    return re.findall(r"K-\d{4}", html)


def _link(html, label):
    m = re.search(r'<a href="\?([^"]*)">' + label + "</a>", html)
    return m.group(1).replace("&amp;", "&") if m else None


def test_walking_the_pages_shows_every_row_once_in_order(w, client):
    per = 20
    total = per * (NUMBERED_PAGES + 2) + 7
    _certificates(w, total)
    expected = [c.number for c in Certificate.objects.order_by("expires_on", "pk")]
    client.force_login(w.supervisor)
    seen, query, pages = [], "", []
    while query is not None:
        html = client.get(f"/officers/certificates/?{query}").content.decode()
        seen += _rows(html)
        pages.append(query)
        query = _link(html, "下一页")
    assert seen == expected
    assert any("after=" in q for q in pages) and not any("after=" in q for q in pages[:NUMBERED_PAGES])
    assert "page=" not in pages[-1] and "n=13" in pages[-1]

    back = []
    query = pages[-1]
    while query is not None:
        html = client.get(f"/officers/certificates/?{query}").content.decode()
        back = _rows(html) + back
        query = _link(html, "上一页")
    assert back == expected


def test_a_junk_cursor_shows_the_first_page(w, client):
    _certificates(w, 3)
    client.force_login(w.supervisor)
    for junk in ("x", "W10", "WyJhIl0", "!!", "WzEsMiwzXQ"):
        r = client.get("/officers/certificates/", {"after": junk, "n": "12"})
        assert r.status_code == 200 and len(_rows(r.content.decode())) == 3
