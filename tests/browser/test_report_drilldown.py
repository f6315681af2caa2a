"""The HTML report: a figure in the text opens the drill-down with the rows behind it."""

import pytest

from fazhi.core.choices import OrgKind, Role
from fazhi.reports import actions
from fazhi.testing.factories import org, user

YEAR = 2025


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_figure_in_report_opens_its_rows(page, login, live_server):
    gov = org("浏览器县人民政府", kind=OrgKind.GOVERNMENT, code="B-gov")
    org("浏览器县司法局", parent=gov, code="B-sfj")
    org("浏览器县市场监督管理局", parent=gov, code="B-scj")
    org("浏览器县城关镇", kind=OrgKind.TOWNSHIP, parent=gov, code="B-cgz")
    supervisor = user("b_supervisor", organisation=gov, role=Role.SUPERVISOR)
    report = actions.create_report(actor=supervisor, organisation=gov, year=YEAR)

    login("b_supervisor")
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    fig = page.locator('#report-body p.data a.fig[data-metric="org.departments"]').first
    assert fig.inner_text() == "2"
    fig.click()
    page.wait_for_url("**/metrics/org.departments/**")
    assert page.locator("#metric-value").inner_text() == "2"
    rows = page.locator("#drilldown-rows tbody tr")
    assert rows.count() == 2
    names = page.locator("#drilldown-rows tbody").inner_text()
    assert "浏览器县司法局" in names and "浏览器县市场监督管理局" in names and "城关镇" not in names


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_use_accepted_material_in_a_section(page, login, live_server):
    gov = org("浏览器县人民政府", kind=OrgKind.GOVERNMENT, code="B-gov")
    dept = org("浏览器县市场监督管理局", parent=gov, code="B-scj")
    supervisor = user("b_supervisor", organisation=gov, role=Role.SUPERVISOR)
    legal = user("b_legal", organisation=dept, role=Role.LEGAL_OFFICER)
    report = actions.create_report(actor=supervisor, organisation=gov, year=YEAR)
    sub = actions.submit_material(actor=legal, organisation=dept, year=YEAR, section_key="results.enforcement",
                                  title="首违不罚", body="推行轻微违法行为不予处罚清单。")

    login("b_supervisor")
    page.goto(f"{live_server.url}{sub.get_absolute_url()}")
    page.click("button:has-text('采用')")
    assert page.locator("#submission-status").inner_text() == "已采用"
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.click("#sec-results\\.enforcement a.edit")
    # The section page has loaded, its script (a static file) with it: the buttons have their handlers.
    page.wait_for_url("**/reports/sections/*/", wait_until="load")
    page.click("button.use-material")
    assert "不予处罚清单" in page.locator("#narrative").input_value()
    page.click("button:has-text('保存')")
    page.wait_for_url(f"**{report.get_absolute_url()}**")
    assert "推行轻微违法行为不予处罚清单。" in page.locator("#sec-results\\.enforcement").inner_text()
