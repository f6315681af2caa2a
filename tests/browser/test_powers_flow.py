"""The 权责清单 in the browser: a legal officer adds an item on the department's list page (bases resolved against
the law library, flowchart drawn), cancels it from a date, and the list on the day before still shows it."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.powers.models import PowerItem
from fazhi.testing.factories import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_add_item_see_flowchart_cancel_and_list_on_a_date(page, login, live_server, tmp_path):
    from fazhi.laws.importers import BUNDLED_DIR, import_directory

    w = world()
    src = BUNDLED_DIR / "行政法/行政处罚法(2021-01-22).md"
    (tmp_path / "行政法").mkdir()
    (tmp_path / "行政法" / src.name).write_bytes(src.read_bytes())
    import_directory(tmp_path)
    today = timezone.localdate()
    login("w_legal_a")
    page.goto(f"{live_server.url}/powers/orgs/{w.dept_a.pk}/")
    page.click("[data-step=add]")
    page.fill("input[name=code]", "A-CF-001")
    page.fill("input[name=name]", "对违反食品安全规定行为的行政处罚")
    page.select_option("select[name=category]", "penalty")
    page.fill("textarea[name=bases]", "《中华人民共和国行政处罚法》第九百条")
    page.fill("textarea[name=flowchart]", "立案→调查→告知→决定；告知（要求听证）→听证→决定")
    page.fill("input[name=effective_on]", (today - dt.timedelta(days=30)).isoformat())
    page.fill("input[name=document_number]", "测政发〔2026〕1号")
    page.click("main button[type=submit]")
    assert "没有第九百条" in page.locator("main").inner_text()  # refused with the reason, nothing saved
    assert PowerItem.objects.count() == 0
    page.fill("textarea[name=bases]", "《中华人民共和国行政处罚法》第十八条")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/powers/orgs/{w.dept_a.pk}/")
    page.click("text=A-CF-001")
    page.wait_for_url("**/powers/items/*/")
    expect(page.locator("#flowchart svg rect")).to_have_count(5)
    assert "要求听证" in page.locator("#flowchart").inner_text()
    assert "第十八条" in page.locator("#bases").inner_text()
    page.screenshot(path="/tmp/fazhi-power-item.png", full_page=True)
    page.click("[data-step=cancel]")
    page.fill("input[name=effective_on]", today.isoformat())
    page.fill("input[name=document_number]", "测政发〔2026〕2号")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=已失效")
    page.goto(f"{live_server.url}/powers/?on={(today - dt.timedelta(days=1)).isoformat()}")
    assert "A-CF-001" in page.locator("#list-results").inner_text()
    page.goto(f"{live_server.url}/powers/?on={today.isoformat()}")
    assert "A-CF-001" not in page.locator("#list-results").inner_text()
