"""An ordinary penalty case in the browser: the legal officer opens it, gives notice, is refused the decision while
the mandatory 法制审核 is missing, records the review, decides, sees the publicity deadline, serves, downloads the
decision, records payment and closes it."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.core.gongwen import docx_text
from fazhi.enforcement.models import EnforcementCase
from fazhi.testing.enforcement import Setup
from fazhi.testing.factories import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _step(page, name, fields, selects=None, checks=()):
    page.click(f"[data-step={name}]")
    for field, value in fields.items():
        page.fill(f"[name={field}]", value)
    for field, value in (selects or {}).items():
        page.select_option(f"select[name={field}]", value)
    for selector in checks:
        page.check(selector)
    page.click("main button[type=submit]")


def test_ordinary_penalty_case_end_to_end(page, login, live_server, tmp_path):
    w = world()
    Setup(w)
    today = timezone.localdate()
    ago = lambda n: (today - dt.timedelta(days=n)).isoformat()  # noqa: E731
    login("w_legal_a")
    page.goto(f"{live_server.url}/enforcement/new/")
    page.select_option("select[name=organisation]", str(w.dept_a.pk))
    page.select_option("select[name=kind]", "penalty")
    page.select_option("select[name=procedure]", "ordinary")
    page.fill("input[name=power_item]", "CF-1")
    page.fill("input[name=cause]", "销售不合格食品")
    page.fill("input[name=party_name]", "测试县好味食品有限公司")
    page.select_option("select[name=party_kind]", "legal")
    page.fill("textarea[name=officers]", "ZF0001")
    page.fill("input[name=filed_on]", ago(30))
    page.check("input[name=major]")
    page.fill("input[name=review_ground]", "涉及重大公共利益")
    page.click("main button[type=submit]")
    assert "执法人员不得少于2人" in page.locator("main").inner_text()  # refused with the reason, nothing saved
    assert EnforcementCase.objects.count() == 0
    page.fill("textarea[name=officers]", "ZF0001\nZF0002")
    page.click("main button[type=submit]")
    page.wait_for_url("**/enforcement/*/")
    expect(page.locator("#case-status")).to_have_text("调查取证")

    _step(page, "notify", {"on": ago(20), "proposal": "拟罚款五万元"})
    page.wait_for_selector("#decide-refusal")
    assert "未经法制审核不得作出决定（第五十八条）" in page.locator("#decide-refusal").inner_text()
    assert page.locator("[data-step=decide]").count() == 0

    _step(page, "review", {"on": ago(10), "opinion": "事实清楚，同意"}, {"passed": "1"})
    page.wait_for_selector("text=已登记法制审核意见")
    _step(page, "decide", {"on": ago(5), "decision_number": "测市监罚〔2026〕1号", "decision_text": "罚款五万元",
                           "fine_amount": "50000"}, {"decision": "punished"},
          ["input[name=penalty_kinds][value=fine]", "input[name=social_impact]"])
    page.wait_for_selector("text=已作出决定")
    expect(page.locator("#case-status")).to_have_text("已作出决定")
    assert "公示执法决定" in page.locator("#deadlines").inner_text()
    assert "应于" in page.locator("#publicity").inner_text()

    with page.expect_download() as info:
        page.click("#decision-docx")
    path = tmp_path / "decision.docx"
    info.value.save_as(path)
    text = docx_text(path.read_bytes())
    assert "行政处罚决定书" in text and "测市监罚〔2026〕1号" in text and "罚款人民币50000.00元" in text

    _step(page, "serve", {"on": ago(4)}, {"method": "直接送达"})
    page.wait_for_selector("text=已登记送达")
    _step(page, "pay", {"on": ago(2), "amount": "50000"})
    page.wait_for_selector("text=已登记缴纳")
    _step(page, "close", {"on": ago(1)})
    page.wait_for_selector("text=已结案。")
    expect(page.locator("#case-status")).to_have_text("已结案")
    page.screenshot(path="/tmp/fazhi-enforcement-case.png", full_page=True)
