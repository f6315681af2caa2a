"""Issue: a department legal officer gets 404 for another department's record; the county supervisor opens it."""

import pytest

from fazhi.core.models import ApiToken
from fazhi.testing.factories import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_department_officer_gets_404_supervisor_opens(page, login, live_server):
    w = world()
    url = f"{live_server.url}/orgs/{w.dept_b.code}/"

    login("w_legal_a")
    assert "工作台" in page.content()
    response = page.goto(url)
    assert response.status == 404
    assert "不在您的查看范围内" in page.content()
    # The list shows only the officer's own department.
    page.goto(f"{live_server.url}/orgs/")
    assert w.dept_a.name in page.content() and w.dept_b.name not in page.content()
    page.click("text=退出")
    page.wait_for_url("**/accounts/login/")

    login("w_supervisor")
    response = page.goto(url)
    assert response.status == 200
    assert page.locator("h1").inner_text() == w.dept_b.name

    # The same through the API.
    _, officer_key = ApiToken.issue(w.legal_a)
    _, supervisor_key = ApiToken.issue(w.supervisor)
    api = f"{live_server.url}/api/v1/core/orgs/{w.dept_b.code}"
    ctx = page.context.request
    assert ctx.get(api, headers={"Authorization": f"Bearer {officer_key}"}).status == 404
    r = ctx.get(api, headers={"Authorization": f"Bearer {supervisor_key}"})
    assert r.status == 200 and r.json()["name"] == w.dept_b.name


def test_form_validation_in_the_browser(page, login, live_server):
    w = world()
    login("w_supervisor")
    page.goto(f"{live_server.url}/orgs/new/")
    page.fill("input[name=code]", w.dept_a.code)
    page.fill("input[name=name]", "重复的机构")
    page.select_option("select[name=kind]", "department")
    page.click("main button[type=submit]")
    assert "这个字段是必填项" in page.locator(".field.has-error").inner_text()  # 上级机构
    page.select_option("select[name=parent]", label=w.gov.name)
    page.click("main button[type=submit]")
    assert "已存在" in page.locator(".errors").inner_text()


def test_list_filters_as_you_type(page, login, live_server):
    from fazhi.testing.factories import org

    w = world()
    for i in range(3):
        org(f"测试县第{i}乡", kind="township", parent=w.gov)
    login("w_supervisor")
    page.goto(f"{live_server.url}/orgs/")
    assert "共 6 条" in page.locator("#list-results").inner_text()
    page.fill("input[type=search]", "第1乡")
    page.locator("#list-results", has_text="共 1 条").wait_for()  # no string evaluation: the page's CSP forbids it
    assert "q=" in page.url  # the filtered list keeps its address
    assert "q=" in page.get_attribute("#export-link", "href")  # and the export follows the filter
    page.select_option("select[name=kind]", "department")
    page.locator("#list-results", has_text="共 0 条").wait_for()
