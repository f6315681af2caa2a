"""One 行政复议 case from application to decision in the browser: intake, acceptance, the decision deadline moving
with an extension, the decision, its issue with a number (refused while a 【…】 blank remains), service, the
reviewed publication (art. 79) and the portal, and the Word download."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from fazhi.core.gongwen import docx_text
from fazhi.reconsideration.models import Case
from fazhi.rules.deadlines import deadlines_for
from fazhi.testing.factories import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _decision_due_text(page) -> str:
    row = page.locator("#deadlines tr", has_text="作出行政复议决定")
    return row.locator("td").nth(2).inner_text()


def test_application_to_decision(page, login, live_server):
    w = world()
    today = timezone.localdate()
    login("w_fuyi")
    page.goto(f"{live_server.url}/reconsideration/")
    page.click("text=登记申请")
    page.select_option("select[name=organisation]", label=w.gov.name)
    page.select_option("select[name=respondent]", label=w.dept_a.name)
    page.fill("input[name=applicant_name]", "周小川")
    page.fill("input[name=applicant_id_number]", "990121199001011234")
    page.select_option("select[name=act_kind]", "penalty")
    page.fill("input[name=act_description]", "罚款五万元的行政处罚决定")
    page.fill("input[name=received_on]", today.isoformat())
    page.fill("input[name=known_on]", (today - dt.timedelta(days=10)).isoformat())
    page.select_option("select[name=channel]", "in_person")
    page.fill("textarea[name=request]", "撤销该行政处罚决定")
    page.click("main button[type=submit]")
    page.wait_for_url("**/reconsideration/cases/*/")
    case = Case.objects.get()
    assert case.number in page.locator("h1").inner_text()
    assert "受理审查" in page.locator("#deadlines").inner_text()

    page.click("#steps >> text=受理")
    page.select_option("select[name=procedure]", "ordinary")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**{case.get_absolute_url()}")
    assert "审理中" in page.locator("h1").inner_text()
    due_before = _decision_due_text(page)
    expected_before = deadlines_for(case).get(rule_id="reconsideration.decision").due
    assert expected_before.isoformat() in due_before

    page.click("#steps >> text=延长审理期限")
    page.fill("input[name=approver]", "复议科科长 马立新")
    page.fill("textarea[name=reason]", "案情复杂，需要补充调查。")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**{case.get_absolute_url()}")
    extended = deadlines_for(case).get(rule_id="reconsideration.decision")
    assert extended.extended and extended.due > expected_before
    due_after = _decision_due_text(page)
    assert extended.due.isoformat() in due_after and expected_before.isoformat() in due_after  # 原 … shown

    page.click("#steps >> text=作出复议决定")
    page.select_option("select[name=outcome]", "upheld")
    page.fill("textarea[name=findings]", "申请人于当日销售过期食品，有现场检查笔录为证。")
    page.fill("textarea[name=reason]", "被申请人认定事实清楚，证据确凿，程序合法。")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**{case.get_absolute_url()}")
    assert "已审结" in page.locator("h1").inner_text()
    assert "已完成" in page.locator("#deadlines tr", has_text="作出行政复议决定").inner_text() or \
        deadlines_for(case).get(rule_id="reconsideration.decision").status == "met"

    page.click("#documents >> text=行政复议决定书")
    doc_url = page.url
    assert "暂不能签发" in page.locator("#issue-refusal").inner_text()  # 【申请人的事实和理由】 …
    assert page.locator("[data-step=issue]").count() == 0
    body = re.sub(r"【[^】]*】", "处罚过重，请求撤销。", page.input_value("textarea[name=body]"))
    page.fill("textarea[name=body]", body + "\n\n本决定经集体讨论通过。")
    page.click("main form.form button[type=submit]")
    page.wait_for_selector("[data-step=issue]")
    page.click("[data-step=issue]")
    page.fill("input[name=on]", today.isoformat())
    page.click("main button[type=submit]")
    page.wait_for_url(doc_url)
    number = f"测府复决〔{today.year}〕1号"
    assert number in page.content()
    assert page.locator("#unpublished-badge").is_visible()  # signed, not public
    page.screenshot(path="/tmp/fazhi-decision-signed.png", full_page=True)

    page.click("[data-step=serve]")
    page.fill("input[name=recipient]", "周小川")
    page.select_option("select[name=method]", "direct")
    page.fill("input[name=sent_on]", today.isoformat())
    page.fill("input[name=received_on]", today.isoformat())
    page.click("main button[type=submit]")
    page.wait_for_url(doc_url)
    assert "周小川" in page.locator("#services").inner_text()
    assert "周某" in page.locator("#public-preview").inner_text()
    page.click("[data-step=publish]")
    page.fill("input[name=on]", today.isoformat())
    page.select_option("select[name=act_publicity]", "public")
    page.select_option("select[name=scope]", "full")
    page.check("input[name=checked]")
    page.click("main button[type=submit]")
    page.wait_for_url(doc_url)
    assert page.locator("#published-badge").is_visible()
    page.screenshot(path="/tmp/fazhi-decision-published.png", full_page=True)
    with page.expect_download() as info:
        page.click("#download-docx")
    path = info.value.path()
    text = docx_text(open(path, "rb").read())
    assert number in text and "本决定经集体讨论通过。" in text and "维持被申请人作出的" in text
    page.click("text=退出")
    page.goto(f"{live_server.url}/portal/reconsideration/")
    assert number in page.locator("main").inner_text()
    page.click(f"main table >> text={number}")
    page.wait_for_url("**/portal/reconsideration/*/")
    assert "周某" in page.locator("main").inner_text() and "周小川" not in page.content()


def test_statistics_page_draws_its_charts_and_portal_masks(page, login, live_server):
    from fazhi.reconsideration import actions
    from fazhi.reconsideration.choices import DocumentKind
    from fazhi.testing.reconsideration import publish

    w = world()
    today = timezone.localdate()
    case = actions.register_application(
        actor=w.reconsideration, organisation=w.gov, respondent=w.dept_a, act_kind="penalty",
        act_description="罚款决定", received_on=today, channel="mail", request="撤销",
        parties=[{"name": "钱多多", "id_number": "990121199001011234", "phone": "13900001111", "address": "幸福路1号"}])
    actions.accept_case(case, actor=w.reconsideration, on=today)
    case = actions.decide_case(case, actor=w.reconsideration, on=today, outcome="revoked", reason="证据不足",
                               findings="被申请人未提交现场检查笔录。")
    publish(case.documents.get(kind=DocumentKind.DECISION), actor=w.reconsideration, on=today)
    login("w_fuyi")
    page.goto(f"{live_server.url}/reconsideration/stats/?org={w.gov.code}&year={today.year}")
    for chart in ("chart-month", "chart-outcome", "chart-rate", "chart-kind", "chart-respondent"):
        page.wait_for_selector(f"#{chart} canvas")
    assert "100.0" in page.locator(".cards").first.inner_text()
    page.click("text=退出")
    page.goto(f"{live_server.url}/portal/reconsideration/")
    page.click("main table >> text=行政复议决定书")
    page.wait_for_url("**/portal/reconsideration/*/")
    text = page.locator("main").inner_text()
    assert "钱某" in text and "撤销被申请人作出的" in text
    for secret in ("钱多多", "990121199001011234", "13900001111", "幸福路1号"):
        assert secret not in page.content()
