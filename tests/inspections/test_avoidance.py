"""本地区回避规定: a region requires kinds of 回避 of every task below it; a task may add but not drop them."""

import pytest
from django.urls import reverse

from fazhi.core.choices import Role
from fazhi.core.models import AuditEvent, Region
from fazhi.core.permissions import ActionError
from fazhi.inspections import avoidance
from fazhi.inspections.models import AvoidancePolicy, Task
from fazhi.testing.factories import user

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions(s):
    province = Region.objects.create(code="990000", name="示范省")
    county = Region.objects.create(code="990101", name="示范县", parent=province)
    s.w.gov.region = county
    s.w.gov.save()
    return province, county


def test_the_nearest_region_binds_and_a_task_cannot_drop_what_it_requires(s, regions):
    province, county = regions
    admin = user("w_admin", organisation=s.w.gov, role=Role.ADMIN)
    with pytest.raises(ActionError, match="本机构所在区划"):
        avoidance.save_policy(actor=admin, region=province, township=True, former_employer=True, basis="省细则第十条")
    with pytest.raises(ActionError, match="地方依据"):
        avoidance.save_policy(actor=admin, region=county, township=True, former_employer=False, basis=" ")
    avoidance.save_policy(actor=admin, region=county, township=True, former_employer=False,
                          basis="示范县双随机抽查实施办法第八条")
    assert avoidance.policy_for(s.w.dept_a).region == county  # a department below the county government
    plan = s.plan()
    with pytest.raises(ActionError, match="示范县规定双随机抽查须实行本人乡镇（街道）回避（示范县双随机抽查实施办法第八条）"):
        s.task(plan, avoid_township=False)
    assert not Task.objects.exists()
    task = s.task(plan, avoid_township=True, avoid_former_employer=False)  # the county does not require the other
    assert task.avoid_township and not task.avoid_former_employer
    assert AuditEvent.objects.filter(verb="设置双随机抽查回避规定").count() == 1


def test_the_page_lists_the_rules_and_only_an_administrator_of_the_region_sets_one(s, regions, client):
    province, county = regions
    url = reverse("inspections:avoidance")
    client.force_login(s.w.legal_a)
    page = client.get(url).content.decode()
    assert "尚未设置地方回避规定" in page and "设置本地区回避规定" not in page
    assert client.post(url, {"region": county.pk, "township": "on", "basis": "x"}).status_code == 404
    admin = user("w_admin", organisation=s.w.gov, role=Role.ADMIN)
    client.force_login(admin)
    page = client.get(url).content.decode()
    assert "设置本地区回避规定" in page
    refused = client.post(url, {"region": province.pk, "township": "on", "basis": "省细则"})
    assert refused.status_code == 200 and not AvoidancePolicy.objects.exists()  # the province is not among the choices
    client.post(url, {"region": county.pk, "township": "on", "former_employer": "on", "basis": "县办法第八条"})
    policy = AvoidancePolicy.objects.get()
    assert policy.township and policy.former_employer and "县办法第八条" in client.get(url).content.decode()
    # the task form starts with the required kinds ticked and says why
    client.force_login(s.w.legal_a)
    form = client.get(reverse("inspections:task_create", args=[s.plan().pk])).content.decode()
    assert "示范县规定必须回避（县办法第八条）" in form
