"""Roles and API tokens change only through audited actions, on their own pages."""

import pytest

from fazhi.core.choices import Role
from fazhi.core.models import ApiToken, AuditEvent, Membership

pytestmark = pytest.mark.django_db


def test_supervisor_grants_and_revokes_a_role_with_audit(client, w):
    client.force_login(w.supervisor)
    page = client.get(f"/orgs/{w.dept_a.code}/").content.decode()
    assert "分配角色" in page
    resp = client.post(f"/orgs/{w.dept_a.code}/members/new/", {"user": w.legal_b.pk, "role": Role.LEGAL_OFFICER,
                                                              "reason": "轮岗"})
    assert resp.status_code == 302
    m = Membership.objects.get(user=w.legal_b, organisation=w.dept_a)
    assert AuditEvent.objects.for_object(m).filter(verb="分配角色", reason="轮岗").exists()
    assert client.post(f"/orgs/{w.dept_a.code}/members/{m.pk}/remove/").status_code == 302
    assert not Membership.objects.filter(pk=m.pk).exists()
    assert AuditEvent.objects.filter(verb="撤销角色", object_id=str(m.pk)).exists()


def test_department_cannot_grant_roles_or_admin(client, w):
    client.force_login(w.legal_a)
    resp = client.post(f"/orgs/{w.dept_a.code}/members/new/", {"user": w.legal_a.pk, "role": Role.ADMIN})
    assert resp.status_code == 200 and "权限" in resp.content.decode()
    assert not Membership.objects.filter(user=w.legal_a, role=Role.ADMIN).exists()
    assert client.get(f"/orgs/{w.dept_b.code}/members/new/").status_code == 404  # out of scope
    client.force_login(w.supervisor)
    resp = client.post(f"/orgs/{w.dept_a.code}/members/new/", {"user": w.legal_a.pk, "role": Role.ADMIN})
    assert "只有系统管理员可以分配系统管理员角色" in resp.content.decode()


def test_tokens_are_issued_and_revoked_with_audit(client, w):
    client.force_login(w.legal_a)
    page = client.post("/account/tokens/", {"name": "统计报送"}).content.decode()
    token = ApiToken.objects.get(user=w.legal_a)
    assert token.name == "统计报送" and "fz_" in page
    assert AuditEvent.objects.filter(verb="签发 API 令牌", object_id=str(token.pk)).exists()
    other = ApiToken.issue(w.legal_b, "别人的")[0]
    client.post("/account/tokens/", {"revoke": other.pk})
    assert ApiToken.objects.filter(pk=other.pk).exists()  # not mine: 404, nothing revoked
    client.post("/account/tokens/", {"revoke": "abc"})
    client.post("/account/tokens/", {"revoke": token.pk})
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert AuditEvent.objects.filter(verb="撤销 API 令牌", object_id=str(token.pk)).exists()


def test_api_use_stamps_the_token_without_an_audit_event(client, w):
    token, key = ApiToken.issue(w.legal_a, "统计")
    events = AuditEvent.objects.count()
    assert client.get("/api/v1/litigation/cases", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None and AuditEvent.objects.count() == events
