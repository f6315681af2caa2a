"""The API: tokens are required, scoping as on the pages, and paging parameters cannot make the server fail."""

import pytest

from fazhi.core.models import ApiToken

from .conftest import bearer


@pytest.mark.parametrize("url", ["/api/v1/reconsideration/cases", "/api/v1/litigation/cases", "/api/v1/laws/laws",
                                 "/api/v1/rules/deadlines"])
def test_negative_paging_is_not_a_server_error(w, client, url):
    headers = bearer(w.supervisor)
    for params in ("?offset=-5", "?limit=-3", "?offset=-5&limit=-1"):
        assert client.get(url + params, **headers).status_code == 200, params


def test_bad_and_revoked_tokens_are_refused(w, client):
    token, key = ApiToken.issue(w.legal_a)
    assert client.get("/api/v1/core/orgs", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert client.get("/api/v1/core/orgs", HTTP_AUTHORIZATION=f"Bearer {key}x").status_code == 401
    assert client.get("/api/v1/core/orgs", HTTP_AUTHORIZATION=f"Bearer {token.key_hash}").status_code == 401
    w.legal_a.is_active = False
    w.legal_a.save()
    assert client.get("/api/v1/core/orgs", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    w.legal_a.is_active = True
    w.legal_a.save()
    token.delete()
    assert client.get("/api/v1/core/orgs", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_session_login_does_not_open_the_api(w, client):
    client.force_login(w.supervisor)
    assert client.get("/api/v1/core/orgs").status_code == 401
