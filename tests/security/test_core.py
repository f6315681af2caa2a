"""Organisations, users, audit log and API tokens: scoping of pages and the API, and no escalation of roles."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from fazhi.core import actions
from fazhi.core.choices import OrgKind, Role
from fazhi.core.models import ApiToken, AuditEvent, Membership
from fazhi.core.permissions import ActionError
from fazhi.testing.factories import PASSWORD, org, user

from .conftest import bearer, xlsx_text


def test_other_department_pages_are_404(w, client):
    actions.update_organisation(w.dept_a, actor=w.supervisor, short_name="市场监管局", reason="简称")
    event = AuditEvent.objects.filter(organisation=w.dept_a).first()
    client.force_login(w.legal_b)
    for url in (reverse("core:org_detail", args=[w.dept_a.code]), reverse("core:org_edit", args=[w.dept_a.code]),
                reverse("core:user_create", args=[w.dept_a.code]),
                reverse("core:org_detail", args=[w.gov.code]),
                reverse("core:audit_detail", args=[event.seq])):
        assert client.get(url).status_code == 404, url
    assert event.object_repr not in xlsx_text(client.get(reverse("core:audit_list"), {"format": "xlsx"}).content)
    headers = bearer(w.legal_b)
    for url in (f"/api/v1/core/orgs/{w.dept_a.code}", f"/api/v1/core/orgs/{w.dept_a.code}/history"):
        assert client.get(url, **headers).status_code == 404, url


def test_department_officer_cannot_create_users_or_edit_organisations(w, client):
    client.force_login(w.legal_a)
    client.post(reverse("core:user_create", args=[w.dept_a.code]),
                {"username": "mole", "full_name": "内鬼", "password": PASSWORD + "x", "role": Role.ADMIN})
    assert not get_user_model().objects.filter(username="mole").exists()
    client.post(reverse("core:org_edit", args=[w.dept_a.code]),
                {"code": w.dept_a.code, "name": "改名", "kind": OrgKind.DEPARTMENT, "parent": w.gov.pk,
                 "reason": "x"})
    w.dept_a.refresh_from_db()
    assert w.dept_a.name != "改名"


def test_supervisor_cannot_hand_out_the_administrator_role(w, client):
    with pytest.raises(ActionError):
        actions.create_user(actor=w.supervisor, username="sneaky", full_name="越权", password=PASSWORD + "x",
                            organisation=w.dept_a, role=Role.ADMIN)
    assert not get_user_model().objects.filter(username="sneaky").exists()
    with pytest.raises(ActionError):
        actions.add_membership(actor=w.supervisor, user=w.legal_a, organisation=w.gov, role=Role.ADMIN)
    assert not Membership.objects.filter(user=w.legal_a, role=Role.ADMIN).exists()
    client.force_login(w.supervisor)
    client.post(reverse("core:user_create", args=[w.gov.code]),
                {"username": "sneaky2", "full_name": "越权", "password": PASSWORD + "x", "role": Role.ADMIN})
    assert not get_user_model().objects.filter(username="sneaky2").exists()
    # other roles remain the supervisor's to give, and an administrator may give the administrator role
    actions.create_user(actor=w.supervisor, username="newlegal", full_name="新法制员", password=PASSWORD + "x",
                        organisation=w.dept_a, role=Role.LEGAL_OFFICER)
    admin = user("w_admin", organisation=w.gov, role=Role.ADMIN)
    granted = actions.add_membership(actor=admin, user=w.legal_a, organisation=w.dept_a, role=Role.ADMIN)
    with pytest.raises(ActionError):  # nor take it away
        actions.remove_membership(granted, actor=w.supervisor, reason="x")
    actions.remove_membership(granted, actor=admin, reason="调岗")
    assert not Membership.objects.filter(pk=granted.pk).exists()


def test_organisation_cannot_be_moved_under_a_parent_outside_the_actor_scope(w):
    other = org("另一县人民政府", kind=OrgKind.GOVERNMENT, code="X-gov")
    dept = org("另一县司法局", parent=other, code="X-sfj")
    other_supervisor = user("x_supervisor", organisation=other, role=Role.SUPERVISOR)
    with pytest.raises(ActionError):
        actions.update_organisation(dept, actor=other_supervisor, parent=w.gov, reason="并入")
    dept.refresh_from_db()
    assert dept.parent == other


def test_tokens_of_others_cannot_be_revoked(w, client):
    token, _ = ApiToken.issue(w.legal_b)
    client.force_login(w.legal_a)
    client.post(reverse("core:tokens"), {"revoke": token.pk})
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_login_required_everywhere_but_the_portal(w, client):
    client.logout()
    for url in ("/", "/orgs/", "/audit/", "/metrics/", "/reconsideration/", "/litigation/", "/reports/",
                "/reports/submissions/", "/rules/board/", "/laws/"):
        resp = client.get(url)
        assert resp.status_code == 302 and "/accounts/login/" in resp["Location"], url
    assert client.get("/portal/").status_code == 200
    assert client.get("/api/v1/core/orgs").status_code == 401


def test_generated_secret_key_is_private(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "FAZHI_HOME": str(tmp_path)}
    env.pop("FAZHI_SECRET_KEY", None)
    env.pop("FAZHI_DEBUG", None)
    subprocess.run([sys.executable, "-c", "import fazhi.settings"], env=env, check=True)
    key = tmp_path / "secret_key"
    assert len(key.read_text().strip()) >= 50
    assert key.stat().st_mode & 0o077 == 0
    out = subprocess.run([sys.executable, "-c", "import fazhi.settings as s; print(s.DEBUG)"], env=env,
                         check=True, capture_output=True, text=True).stdout.strip()
    assert out == "False"  # DEBUG stays off unless asked for


def test_repeated_failed_logins_lock_the_name_out_in_chinese(w, client, settings):
    """Brute force: the fifth wrong password locks that user name from that address; even the right password is
    then refused with a Chinese page (HTTP 429), while another user from the same address may still log in."""
    settings.AXES_FAILURE_LIMIT = 5
    for i in range(4):
        r = client.post("/accounts/login/", {"username": w.legal_a.username, "password": f"wrong{i}"})
        assert r.status_code == 200 and "用户名或密码不正确" in r.content.decode()
    r = client.post("/accounts/login/", {"username": w.legal_a.username, "password": "wrong4"})
    assert r.status_code == 429 and "登录已暂停" in r.content.decode() and "15 分钟" in r.content.decode()
    r = client.post("/accounts/login/", {"username": w.legal_a.username, "password": PASSWORD})
    assert r.status_code == 429 and "_auth_user_id" not in client.session
    r = client.post("/accounts/login/", {"username": w.legal_b.username, "password": PASSWORD})
    assert r.status_code == 302 and client.session["_auth_user_id"] == str(w.legal_b.pk)


def test_a_successful_login_clears_earlier_failures(w, client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        client.post("/accounts/login/", {"username": w.legal_a.username, "password": "wrong"})
    assert client.post("/accounts/login/", {"username": w.legal_a.username, "password": PASSWORD}).status_code == 302
    client.logout()
    for _ in range(2):
        r = client.post("/accounts/login/", {"username": w.legal_a.username, "password": "wrong"})
        assert r.status_code == 200
