import pytest

from fazhi.core.models import Organisation
from fazhi.testing.factories import org, user
from fazhi.testing.scoping import check_scoping


def test_supervisor_sees_subtree_department_sees_itself(w):
    assert set(Organisation.objects.visible_to(w.supervisor)) == {w.gov, w.dept_a, w.dept_b}
    assert list(Organisation.objects.visible_to(w.legal_a)) == [w.dept_a]
    assert list(Organisation.objects.visible_to(w.outsider)) == []


def test_subtree_includes_grandchildren_but_not_siblings(w):
    unit = org("执法大队", kind="unit", parent=w.dept_a)
    other_gov = org("邻县人民政府", kind="government")
    visible = set(Organisation.objects.visible_to(w.supervisor))
    assert unit in visible and other_gov not in visible


def test_superuser_sees_everything(w):
    admin = user(superuser=True)
    assert Organisation.objects.visible_to(admin).count() == Organisation.objects.count()


def test_organisation_page_and_api_are_scoped(w, client):
    check_scoping(w, make=lambda o: o, model=Organisation, client=client,
                  page_url=lambda o: f"/orgs/{o.code}/", api_url=lambda o: f"/api/v1/core/orgs/{o.code}")


@pytest.mark.parametrize("url", ["/", "/orgs/", "/audit/", "/metrics/"])
def test_pages_require_login(client, db, url):
    resp = client.get(url)
    assert resp.status_code == 302 and resp["Location"].startswith("/accounts/login/")


def test_portal_is_public(client, db):
    assert client.get("/portal/").status_code == 200
