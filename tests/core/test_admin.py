"""The Django admin is read-only everywhere: every change goes through an audited action."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from fazhi.core.admin import ReadOnlyAdmin, ReadOnlyInline
from fazhi.testing.factories import user


@pytest.mark.django_db
def test_every_admin_refuses_add_change_and_delete():
    root = user("admin_walker", superuser=True)
    request = RequestFactory().get("/admin/")
    request.user = root
    assert len(admin.site._registry) >= 15
    for model, model_admin in admin.site._registry.items():
        name = model._meta.label
        assert isinstance(model_admin, ReadOnlyAdmin), f"{name}: admin must derive from ReadOnlyAdmin"
        assert not model_admin.has_add_permission(request), name
        assert not model_admin.has_change_permission(request), name
        assert not model_admin.has_delete_permission(request), name
        for inline in model_admin.get_inline_instances(request):
            assert isinstance(inline, ReadOnlyInline), f"{name}: inline {type(inline).__name__}"


@pytest.mark.django_db
def test_admin_post_changes_nothing(client, w):
    root = user("admin_poster", superuser=True)
    client.force_login(root)
    org = w.dept_a
    resp = client.post(f"/admin/core/organisation/{org.pk}/change/", {"code": "x", "name": "改名", "kind": org.kind})
    assert resp.status_code in (403, 302)
    org.refresh_from_db()
    assert org.name != "改名"
    assert client.post("/admin/core/membership/add/", {}).status_code == 403
    assert client.get(f"/admin/core/organisation/{org.pk}/change/").status_code == 200  # still browsable


@pytest.mark.django_db
def test_no_superuser_granted_through_the_admin(client, w):
    """Django's own user admin would grant superuser or staff without an audit event: it is read-only too."""
    root = user("admin_granter", superuser=True)
    client.force_login(root)
    resp = client.post(f"/admin/auth/user/{w.legal_a.pk}/change/", {"username": w.legal_a.username,
                                                                     "is_superuser": "on", "is_staff": "on"})
    assert resp.status_code in (302, 403)
    w.legal_a.refresh_from_db()
    assert not w.legal_a.is_superuser
