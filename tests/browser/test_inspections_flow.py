"""A random inspection in the browser: the legal officer makes a plan and a task, publishes the plan, commits (the
commitment shows, the seed does not), draws with a public number, records a result, sees the 20-working-day
publicity deadline and publishes it; the public record on the portal verifies, and an altered one does not."""

import datetime as dt
import json

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.inspections import draw
from fazhi.inspections.models import Inspection, Task
from fazhi.testing.factories import world
from fazhi.testing.inspections import Setup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _step(page, name, fields, selects=None):
    page.click(f"[data-step={name}]")
    for field, value in fields.items():
        page.fill(f"[name={field}]", value)
    for field, value in (selects or {}).items():
        page.select_option(f"select[name={field}]", value)
    page.click("main button[type=submit]")


def test_plan_commit_draw_record_publish_verify(page, login, live_server, tmp_path):
    w = world()
    Setup(w, entity_count=120)
    today = timezone.localdate()
    login("w_legal_a")
    page.goto(f"{live_server.url}/inspections/plans/new/")
    page.select_option("select[name=organisation]", str(w.dept_a.pk))
    page.fill("input[name=year]", str(today.year))
    page.fill("input[name=title]", f"{today.year}年度双随机抽查计划")
    page.click("main button[type=submit]")
    page.wait_for_url("**/inspections/plans/*/")
    page.click("#add-task")
    page.fill("input[name=title]", "食品经营者专项抽查")
    page.check("input[name=items]")
    page.fill("input[name=start]", today.isoformat())
    page.fill("input[name=end]", (today + dt.timedelta(days=40)).isoformat())
    page.fill("input[name=ratio_a]", "abc")
    page.click("main button[type=submit]")
    assert "不是有效的百分比" in page.locator("main").inner_text()
    assert Task.objects.count() == 0
    page.fill("input[name=ratio_a]", "5")
    page.fill("input[name=ratio_d]", "20")
    page.click("main button[type=submit]")
    page.wait_for_url("**/inspections/tasks/*/")
    task = Task.objects.get()
    page.goto(f"{live_server.url}{task.plan.get_absolute_url()}")
    _step(page, "publish", {"on": today.isoformat()})
    expect(page.locator("#plan-status")).to_have_text("已公布")

    page.goto(f"{live_server.url}{task.get_absolute_url()}")
    _step(page, "commit", {"on": today.isoformat()})
    expect(page.locator("#task-status")).to_have_text("已公布承诺，待抽取")
    task.refresh_from_db()
    text = page.locator("#commitment").inner_text()
    assert task.commitment in text and task.seed not in page.content()
    page.screenshot(path=str(tmp_path / "committed.png"), full_page=True)

    _step(page, "draw", {"on": today.isoformat(), "entropy": "12 25 33"})
    expect(page.locator("#task-status")).to_have_text("已抽取，检查中")
    task.refresh_from_db()
    expect(page.locator("#seed")).to_contain_text(task.seed)
    rows = page.locator("#selected tbody tr")
    expect(rows).to_have_count(task.inspections.count())
    page.screenshot(path=str(tmp_path / "drawn.png"), full_page=True)

    first = Inspection.objects.filter(task=task).order_by("draw").first()
    page.click(f"#selected a[href='{first.get_absolute_url()}']")
    page.wait_for_url(f"**{first.get_absolute_url()}")
    _step(page, "record", {"inspected_on": today.isoformat(), "findings": "进货查验记录不全",
                           "rectify_due": (today + dt.timedelta(days=15)).isoformat()}, {"result": "corrected"})
    expect(page.locator("#inspection-status")).to_have_text("已登记结果，待公示")
    first.refresh_from_db()
    assert first.publicity_due is not None
    expect(page.locator("#deadlines")).to_contain_text(first.publicity_due.isoformat())
    _step(page, "publish", {"on": today.isoformat()})
    expect(page.locator("#inspection-status")).to_have_text("已公示")

    # the public record: no login, verifies; an altered one names the change
    response = page.request.get(f"{live_server.url}/portal/inspections/draws/{task.pk}.json")
    record = json.loads(response.body())
    assert draw.verify(record)["verified"] is True
    record["selected"][0]["credit_code"] = record["selected"][1]["credit_code"]
    answer = draw.verify(record)
    assert answer["verified"] is False and answer["differences"][0]["position"] == 1
    page.goto(f"{live_server.url}/portal/inspections/tasks/{task.pk}/")
    expect(page.locator("#seed")).to_contain_text(task.seed)
    assert first.entity.credit_code in page.locator("#selected").inner_text()
    page.screenshot(path=str(tmp_path / "portal.png"), full_page=True)
