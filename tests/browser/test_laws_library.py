"""Law library in the browser: search, read a version, follow an article into the other version, resolve a citation,
and read the same texts on the public portal without logging in."""

import pytest

from fazhi.laws.importers import BUNDLED_DIR, import_directory
from fazhi.testing.factories import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_read_and_cite(page, login, live_server):
    world()
    import_directory(BUNDLED_DIR)
    login("w_legal_a")
    page.click("nav.modules >> text=法律法规")
    page.wait_for_url("**/laws/")
    page.fill("input[name=q]", "复议决定 六十日")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/laws/?q=*")  # the results are swapped in (htmx) before a row is clicked
    page.click("table.grid >> text=行政复议法")
    page.wait_for_url("**/laws/versions/*/")
    assert "2023年修订" in page.locator(".law-head").inner_text()
    assert "现行有效" in page.locator(".law-head").inner_text()
    page.click("#a62 a.label")
    page.wait_for_url("**/laws/articles/*/")
    assert "第六十二条" in page.locator("h1").inner_text()
    # The 2017 text numbered the decision period 第三十一条; the page finds it by its wording.
    others = page.locator("section.card:has-text('其他版本中的本条')")
    assert "2017年修正" in others.inner_text() and "第三十一条" in others.inner_text()
    others.locator("a:has-text('第三十一条')").click()
    page.wait_for_url("**/laws/articles/*/")
    assert "2017年修正" in page.locator("main").inner_text()

    page.goto(f"{live_server.url}/laws/cite/")
    page.fill("input[name=text]", "《行政复议法》第62条第二款")
    page.fill("input[name=on]", "2024-06-01")
    page.click("form.filters button[type=submit]")
    result = page.locator("section.result")
    assert "《行政复议法》（2023年修订）第六十二条第二款" in result.inner_text()
    assert "适用简易程序" in result.inner_text()
    page.fill("input[name=text]", "《行政复议法》第九十九条")
    page.click("form.filters button[type=submit]")
    assert "没有第九十九条" in page.locator("[role=alert]").inner_text()


def test_portal_is_public(page, live_server):
    import_directory(BUNDLED_DIR)
    page.goto(f"{live_server.url}/portal/")
    page.click("main >> text=法律法规")
    page.wait_for_url("**/portal/laws/")
    page.click("text=中华人民共和国行政处罚法")
    page.wait_for_url("**/portal/laws/versions/*/")
    assert "第五十八条" in page.locator(".law-text").inner_text()
    assert "/accounts/login" not in page.url
