"""本地区回避规定 in the browser: the county's administrator is refused a rule without its local basis, then sets one;
a legal officer's new task starts with the required kind ticked, says why, and is refused when it is unticked."""

import pytest
from django.urls import reverse

from fazhi.core.choices import Role
from fazhi.core.models import Region
from fazhi.inspections.models import AvoidancePolicy, Task
from fazhi.testing.factories import user, world
from fazhi.testing.inspections import Setup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_sets_the_rule_and_a_task_cannot_drop_it(page, login, live_server):
    w = world()
    s = Setup(w, entity_count=20)
    province = Region.objects.create(code="990000", name="示范省")
    county = Region.objects.create(code="990101", name="示范县", parent=province)
    w.gov.region = county
    w.gov.save()
    user("w_admin", organisation=w.gov, role=Role.ADMIN)
    plan = s.plan()

    login("w_admin")
    page.goto(f"{live_server.url}{reverse('inspections:avoidance')}")
    assert "尚未设置地方回避规定" in page.locator("#policies").inner_text()
    options = page.locator("select[name=region] option").all_inner_texts()
    assert any("示范县" in o for o in options) and not any("示范省" in o for o in options)
    page.select_option("select[name=region]", str(county.pk))
    page.uncheck("input[name=former_employer]")
    page.click("main button[type=submit]")
    assert "请更正下方标红的字段" in page.locator("main").inner_text()
    assert not AvoidancePolicy.objects.exists()
    page.fill("input[name=basis]", "示范县双随机抽查实施办法第八条")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=已保存回避规定")
    row = page.locator("#policies tbody tr").first.inner_text()
    assert "示范县（990101）" in row and "必须" in row and "不要求" in row and "实施办法第八条" in row
    policy = AvoidancePolicy.objects.get()
    assert policy.township and not policy.former_employer

    page.context.clear_cookies()
    login("w_legal_a")
    page.goto(f"{live_server.url}{reverse('inspections:task_create', args=[plan.pk])}")
    township = page.locator("input[name=avoid_township]")
    assert township.is_checked()
    assert "示范县规定必须回避（示范县双随机抽查实施办法第八条）" in page.locator("main").inner_text()
    page.fill("input[name=title]", "食品经营者专项抽查")
    page.check("input[name=items]")
    page.fill("input[name=start]", f"{plan.year}-03-01")
    page.fill("input[name=end]", f"{plan.year}-06-30")
    township.uncheck()
    page.click("main button[type=submit]")
    assert "须实行本人乡镇（街道）回避" in page.locator("main").inner_text()
    assert not Task.objects.exists()
    page.locator("input[name=avoid_township]").check()
    page.click("main button[type=submit]")
    page.wait_for_url("**/inspections/tasks/*/")
    assert Task.objects.get().avoid_township
