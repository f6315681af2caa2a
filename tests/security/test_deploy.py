"""Deployment basics (issue #17 item 9): a public /healthz, API errors always JSON, the HTTPS settings behind a proxy."""

import json
import subprocess
import sys

import pytest

from .conftest import bearer

pytestmark = pytest.mark.django_db


def test_healthz_needs_no_login(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200 and resp.content == b"ok"


@pytest.mark.parametrize("path", ["/api/v1/reconsideration/cases?offset=100000000000000000000000",
                                  "/api/v1/reconsideration/cases?limit=abc", "/api/v1/reconsideration/cases/999999",
                                  "/api/v1/powers/items?on=2025-02-30", "/api/v1/officers/officers?offset=-5&limit=0",
                                  "/api/v1/nope"])
def test_api_errors_are_json(client, w, path):
    resp = client.get(path, **bearer(w.supervisor))
    assert resp.status_code < 500, (path, resp.status_code)
    assert resp["Content-Type"].startswith("application/json"), (path, resp["Content-Type"])
    json.loads(resp.content)


def test_https_settings_behind_a_proxy(tmp_path):
    code = ("import os; os.environ['DJANGO_SETTINGS_MODULE']='fazhi.settings'; import django; django.setup(); "
            "from django.conf import settings as s; import json; print(json.dumps([s.SECURE_PROXY_SSL_HEADER, "
            "s.CSRF_TRUSTED_ORIGINS, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
            "s.SESSION_COOKIE_AGE, 'fazhi.core.middleware.SessionRenewalMiddleware' in s.MIDDLEWARE]))")
    env = {"PATH": "/usr/bin:/bin", "FAZHI_HOME": str(tmp_path), "FAZHI_HTTPS": "1",
           "FAZHI_ALLOWED_HOSTS": "fazhi.example.gov.cn"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    header, origins, hsts, secure, redirect, age, renewed = json.loads(out)
    assert header == ["HTTP_X_FORWARDED_PROTO", "https"] and origins == ["https://fazhi.example.gov.cn"]
    assert hsts >= 31536000 and secure and redirect and age <= 8 * 3600 and renewed


def test_a_session_is_renewed_every_few_minutes_not_on_every_page(client, w, monkeypatch):
    """The idle timeout holds (a page after five minutes renews the session and its cookie), without a session write
    on every page view, which on SQLite waited for a background import's write lock."""
    import time

    from django.conf import settings

    client.force_login(w.supervisor)  # logging in counts as the first renewal
    assert settings.SESSION_COOKIE_NAME not in client.get("/").cookies  # no session write on the next pages
    assert settings.SESSION_COOKIE_NAME not in client.get("/").cookies
    later = time.time() + 301
    monkeypatch.setattr(time, "time", lambda: later)
    assert settings.SESSION_COOKIE_NAME in client.get("/").cookies  # five minutes on: renewed


def test_files_the_platform_writes_are_the_owners_only(tmp_path):
    import os
    import stat

    home = tmp_path / "home"
    env = {"PATH": "/usr/bin:/bin", "FAZHI_HOME": str(home)}
    subprocess.run([sys.executable, "-m", "fazhi", "migrate", "-v0"], env=env, check=True, capture_output=True)
    for name in ("fazhi.sqlite3", "secret_key"):
        mode = stat.S_IMODE(os.stat(home / name).st_mode)
        assert mode & 0o077 == 0, (name, oct(mode))


def test_pages_forbid_inline_scripts_and_have_none(client, w):
    """A Content-Security-Policy without 'unsafe-inline' for scripts, and no page that relies on one."""
    import re
    from pathlib import Path

    client.force_login(w.supervisor)
    resp = client.get("/")
    csp = resp["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert client.get("/portal/")["Content-Security-Policy"] == csp
    root = Path(__file__).resolve().parents[2] / "src" / "fazhi"
    inline = [str(p) for p in root.rglob("*.html")
              if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", p.read_text(encoding="utf-8"))]
    assert inline == []


def test_no_page_links_to_a_javascript_address_and_a_form_goes_back_where_it_came_from(client, w):
    """The CSP blocks `javascript:` links too: a form's 返回/取消 lead to the page the user came from (on this site),
    else to the module's first page."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "src" / "fazhi"
    assert [str(p) for p in root.rglob("*.html") if "javascript:" in p.read_text(encoding="utf-8")] == []
    client.force_login(w.supervisor)
    came = client.get("/inspections/conflicts/new/", HTTP_REFERER="http://testserver/inspections/conflicts/?q=张")
    links = re.findall(r'<a[^>]*href="([^"]+)"[^>]*>(?:‹ 返回|取消)</a>', came.content.decode())
    assert links == ["/inspections/conflicts/?q=张"] * 2
    foreign = client.get("/inspections/conflicts/new/", HTTP_REFERER="https://evil.example/x")
    assert re.findall(r'<a[^>]*href="([^"]+)"[^>]*>‹ 返回</a>', foreign.content.decode()) == ["/inspections/"]
