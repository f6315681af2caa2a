"""The platform on any date: the demo and a short path through each module, on the dates the calendar makes hard.

Early January (days, not months, of the current year), 1 February, 29 February, mid-March (before last year's report
is due), the middle and the last day of the year, from 2026 to 2030 — years beyond the bundled holiday data, whose
deadlines are provisional until an administrator enters the schedule. The clock is set through `fazhi.core.clock`,
never by patching the system clock.
"""

import datetime as dt

import pytest
from django.test import Client

from fazhi.calendar import workdays
from fazhi.core import clock, demo
from fazhi.core.gongwen import docx_text
from fazhi.litigation import actions as litigation
from fazhi.metrics.registry import Scope, all_metrics, evaluate
from fazhi.reconsideration import actions as reconsideration
from fazhi.reports.assemble import assemble_for
from fazhi.reports.render import to_docx
from fazhi.rules.deadlines import deadlines_for

DATES = sorted({dt.date(y, m, d) for y in range(2026, 2031) for m, d in [(1, 1), (1, 5), (2, 1), (3, 15), (6, 30),
                                                                          (12, 31)]} | {dt.date(2028, 2, 29)})
PAGES = ["/", "/rules/board/", "/reconsideration/", "/reconsideration/board/", "/reconsideration/stats/",
         "/litigation/", "/metrics/", "/reports/", "/calendar/", "/portal/"]


# The calendar logic does not depend on the database: PostgreSQL builds the demo on a few of the dates (one per kind
# of hard date), SQLite on all of them, so the suite stays within its time budget as the demo grows.
POSTGRES_DATES = {dt.date(2026, 1, 1), dt.date(2027, 1, 5), dt.date(2028, 2, 29), dt.date(2029, 3, 15),
                  dt.date(2030, 12, 31)}


@pytest.mark.slow
@pytest.mark.parametrize("today", DATES, ids=str)
def test_demo_and_main_flows_on(db, today):
    from django.db import connection

    if connection.vendor == "postgresql" and today not in POSTGRES_DATES:
        pytest.skip("on PostgreSQL the sweep runs on POSTGRES_DATES only; SQLite runs every date")
    with clock.frozen(today):
        assert clock.today() == today
        ctx = demo.build(seed=20260101, today=today)
        gov, fuyi = ctx.orgs["gov"], ctx.users["fuyi"]

        # Reconsideration: an application received today opens its acceptance period, due after today.
        case = reconsideration.register_application(
            actor=fuyi, organisation=gov, respondent=ctx.orgs["scjgj"],
            parties=[{"role": "applicant", "kind": "person", "name": "测试人"}], act_kind="penalty",
            act_description="罚款决定", known_on=today - dt.timedelta(days=3), received_on=today, channel="mail",
            request="撤销该决定", facts="事实与理由", handler=fuyi)
        due = [d for d in deadlines_for(case) if d.status == "open"]
        assert due and all(d.due > today for d in due)
        known = today.year in workdays.index().known_years
        assert all(d.provisional == (not known) for d in due if d.due.year == today.year)

        # Litigation: a complaint copy received today opens the 15-day answer period.
        lc = litigation.register_case(actor=fuyi, organisation=ctx.orgs["gaj"], court="清源县人民法院",
                                      case_number=f"（{today.year}）清0121行初999号", plaintiffs="测试人",
                                      contested_act="行政拘留决定", act_kind="penalty", received_on=today)
        answer = [d for d in deadlines_for(lc) if d.status == "open"]
        assert answer and answer[0].due >= today + dt.timedelta(days=15)

        # Every figure of the registry, this year and last, for the county.
        for year in (ctx.previous_year, ctx.year):
            scope = Scope.for_year(gov, year)
            for metric in all_metrics():
                evaluate(metric.key, scope)
        previous = Scope.for_year(gov, ctx.previous_year)
        assert evaluate("reconsideration.received", previous)["value"] >= 30

        # The annual report of the previous year, in Word.
        text = docx_text(to_docx(assemble_for(gov, ctx.previous_year)))
        assert f"{ctx.previous_year}年" in text and f"{ctx.year}年推进法治政府建设的主要安排" in text

        # The pages people open first, as the county supervisor and as the system administrator.
        for username in ("supervisor", "admin"):
            client = Client()
            client.force_login(ctx.users[username])
            for url in PAGES:
                r = client.get(url)
                assert r.status_code == 200, (username, url, r.status_code)
            dashboard = client.get("/").content.decode()
            if known:
                assert f"{today.year}年节假日安排尚未录入" not in dashboard
            else:
                assert f"{today.year}年节假日安排尚未录入：相关期限为暂定" in dashboard
                assert ("粘贴国务院办公厅通知录入" in dashboard) == (username == "admin")
