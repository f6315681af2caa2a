"""No template comment leaks onto a page: Django's {# … #} is one line only; longer ones use {% comment %}."""

import datetime as dt
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "fazhi"


def test_no_multiline_hash_comments():
    bad = []
    for path in SRC.rglob("*.html"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            opened = line.count("{#") - line.count("#}")
            if opened > 0:
                bad.append(f"{path.relative_to(SRC)}:{n}")
    assert bad == []


def test_pages_show_no_comment_markers(client, w, db):
    from fazhi.litigation import actions

    case = actions.register_case(actor=w.supervisor, organisation=w.dept_a, court="法院",
                                 case_number="（2025）苏1181行初901号", plaintiffs="张某", contested_act="处罚",
                                 act_kind="penalty", received_on=dt.date(2025, 3, 3))
    client.force_login(w.supervisor)
    for url in (case.get_absolute_url(), "/", "/rules/board/", "/litigation/"):
        html = client.get(url).content.decode()
        assert "{#" not in html and "#}" not in html and "{%" not in html, url
