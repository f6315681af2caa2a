"""A litigation officer records a case, its hearing and its judgment, and the statistics page follows."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.core.choices import OrgKind, Role
from fazhi.testing.factories import org, user


def figure(page, key):
    return page.locator(f'[data-key="{key}"] .value .n').inner_text().strip()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_record_case_hearing_and_judgment(page, login, live_server):
    gov = org("测试县人民政府", kind=OrgKind.GOVERNMENT, code="L-gov")
    dept = org("测试县自然资源局", parent=gov, code="L-zr")
    user("l_fuyi", organisation=gov, role=Role.RECONSIDERATION, full_name="复议应诉员")
    today = timezone.localdate()
    stats = f"{live_server.url}/litigation/stats/?org={gov.code}&year={today.year}"

    login("l_fuyi")
    page.goto(stats)
    assert figure(page, "litigation.first_instance") == "0"
    assert figure(page, "litigation.loss_rate") == "—"  # nothing concluded: the rate does not apply

    page.goto(f"{live_server.url}/litigation/")
    page.click("text=登记案件")
    page.select_option("select[name=organisation]", label=dept.name)
    page.fill("input[name=court]", "测试县人民法院")
    page.fill("input[name=case_number]", f"({today.year})苏1181行初12号")
    page.fill("textarea[name=plaintiffs]", "张某、李某")
    page.fill("input[name=contested_act]", "不动产登记")
    page.select_option("select[name=act_kind]", label="行政登记确认")
    page.fill("input[name=received_on]", today.isoformat())
    page.click("main form button.primary")
    page.wait_for_selector("#case-status")
    assert f"（{today.year}）苏1181行初12号" in page.locator("h1").inner_text()
    assert page.locator("#case-status").inner_text() == "待答辩"

    page.click("text=登记庭审")
    page.fill("input[name=held_on]", today.isoformat())
    page.select_option("select[name=appearance]", "lawyer")
    page.fill("input[name=attendee]", "律师王某")
    page.click("main form button.primary")
    assert "请填写负责人未出庭原因" in page.locator(".errors").inner_text()
    page.select_option("select[name=appearance]", "deputy")
    page.fill("input[name=attendee]", "赵某（副局长）")
    page.click("main form button.primary")
    page.wait_for_selector("#hearings")
    assert "副职负责人出庭" in page.locator("#hearings").inner_text()

    page.click("text=登记一审结果")
    page.select_option("select[name=outcome]", "confirmed_illegal")
    page.fill("input[name=concluded_on]", today.isoformat())
    page.click("main form button.primary")
    page.wait_for_selector("#case-outcome")
    assert "判决确认违法（败诉）" in page.locator("#case-outcome").inner_text()
    assert page.locator("#case-status").inner_text() == "一审审结"

    page.goto(stats)
    assert figure(page, "litigation.first_instance") == "1"
    assert figure(page, "litigation.concluded") == "1"
    assert figure(page, "litigation.lost") == "1"
    assert figure(page, "litigation.loss_rate") == "100.0"
    assert figure(page, "litigation.head_appearance_rate") == "100.0"
    # The charts drew (ECharts renders into a canvas).
    expect(page.locator("#chart-months canvas")).to_have_count(1)
