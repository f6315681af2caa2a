"""Browser: a deadline reaching into a year without a holiday schedule is provisional on the board until an
administrator enters that year; the calculator explains a due date."""

import datetime as dt

import pytest

from fazhi.rules import deadlines as dl
from fazhi.testing.factories import user, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fresh_calendar_index():
    """The database is flushed around these tests: the working-day index must not outlive it."""
    from fazhi.calendar import workdays

    workdays.invalidate()
    yield
    workdays.invalidate()


def test_provisional_deadline_recomputed_after_the_schedule_is_entered(page, login, live_server):
    w = world()
    user("cal_browser_admin", superuser=True)
    d = dl.start_deadline(w.dept_a, "disclosure.reply", dt.date(2026, 12, 15), actor=None, organisation=w.dept_a,
                          label="跨年依申请公开")
    assert d.provisional

    login("w_legal_a")
    page.goto(f"{live_server.url}/rules/board/?bucket=provisional")
    assert page.locator("table.grid").inner_text().count("跨年依申请公开") == 1
    page.click("text=跨年依申请公开")
    # 20 working days (政府信息公开条例 art. 33); 2027-01-01 is 元旦 under the 放假办法 before any notice.
    assert "2027-01-13" in page.locator("#due").inner_text() and "暂定" in page.locator("#due").inner_text()

    page.context.clear_cookies()
    login("cal_browser_admin")
    page.goto(f"{live_server.url}/calendar/new/")
    page.fill("input[name=year]", "2027")
    # A hypothetical notice that also gives Monday 4 January off.
    page.fill("textarea[name=days]", "2027-01-01 放假 元旦\n2027-01-02 放假 元旦\n2027-01-03 放假 元旦\n2027-01-04 放假 元旦")
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server.url}/calendar/2027/")
    assert "元旦" in page.content()

    page.goto(f"{live_server.url}{d.get_absolute_url()}")
    due = page.locator("#due").inner_text()
    assert "2027-01-14" in due and "暂定" not in due and "原 2027-01-13" in due
    assert "重新计算期限" in page.locator("section.history").inner_text()


def test_calculator_page(page, login, live_server):
    world()
    login("w_legal_a")
    page.goto(f"{live_server.url}/rules/compute/")
    page.select_option("select[name=rule_id]", "disclosure.reply")
    page.fill("input[name=start]", "2024-09-27")
    page.click("#compute-form button[type=submit]")
    assert page.locator("#result-due").inner_text() == "2024-10-30"
    assert "第三十三条" in page.locator("#compute-result").inner_text()
