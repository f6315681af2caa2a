from django.test import Client

from fazhi.core.models import ApiToken, AuditEvent


def test_openapi_document_is_served(db, client):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    assert doc["openapi"].startswith("3.") and "/api/v1/core/orgs" in doc["paths"]


def test_api_needs_a_valid_token(w, client):
    assert client.get("/api/v1/core/orgs").status_code == 401
    assert client.get("/api/v1/core/orgs", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    _, key = ApiToken.issue(w.legal_a)
    r = client.get("/api/v1/core/orgs", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert [o["code"] for o in r.json()] == [w.dept_a.code]


def test_token_page_issues_token_once(w, client):
    client.force_login(w.legal_a)
    html = client.post("/account/tokens/", {"name": "报送"}).content.decode()
    assert "只显示这一次" in html and ApiToken.objects.filter(user=w.legal_a, name="报送").exists()


def test_csrf_is_enforced(w):
    c = Client(enforce_csrf_checks=True)
    c.force_login(w.supervisor)
    r = c.post("/orgs/new/", {"code": "X", "name": "X", "kind": "department"})
    assert r.status_code == 403


def test_list_search_filter_paging_export(w, client):
    from fazhi.testing.factories import org

    for i in range(25):
        org(f"乡镇{i:02d}", kind="township", parent=w.gov)
    client.force_login(w.supervisor)
    html = client.get("/orgs/?kind=township").content.decode()
    assert "共 25 条" in html and "第 1 / 2 页" in html
    # the filter keeps the chosen value selected, and only it; labels and values are escaped
    assert html.count(" selected>") == 1 and '<option value="township" selected>' in html
    from fazhi.core.templatetags.fazhi_tags import filter_options
    assert filter_options([("a\"b", "<b>&局</b>"), (1, "一")], 1) == (
        '<option value="a&quot;b">&lt;b&gt;&amp;局&lt;/b&gt;</option><option value="1" selected>一</option>')
    html = client.get("/orgs/?q=乡镇07").content.decode()
    assert "共 1 条" in html
    x = client.get("/orgs/?kind=township&format=xlsx")
    assert x["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(x.content)).active
    assert ws.max_row == 26 and ws["B1"].value == "名称"


def test_dashboard_and_audit_pages(w, client):
    from fazhi.core import actions

    actions.update_organisation(w.dept_b, actor=w.supervisor, short_name="生态环境")
    client.force_login(w.supervisor)
    assert "最近操作" in client.get("/").content.decode()
    seq = AuditEvent.objects.latest("seq").seq
    assert client.get(f"/audit/{seq}/").status_code == 200
    client.force_login(w.legal_a)  # the event belongs to dept_b
    assert client.get(f"/audit/{seq}/").status_code == 404


def test_login_page_is_chinese(db, client):
    html = client.get("/accounts/login/").content.decode()
    assert "登录" in html and 'lang="zh-CN"' in html
    r = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert "用户名或密码不正确" in r.content.decode()


def test_navigation_marks_only_the_longest_match(w, client):
    client.force_login(w.supervisor)
    resp = client.get("/reports/audit/")
    active = [i["label"] for i in resp.context["nav_items"] + resp.context["nav_settings"] if i["active"]]
    assert active == ["报告审核"]
    assert not resp.context["nav_settings_active"]


def test_breadcrumb_shows_only_visible_ancestors(w, client):
    client.force_login(w.legal_a)
    html = client.get(f"/orgs/{w.dept_a.code}/").content.decode()
    assert f"/orgs/{w.gov.code}/" not in html


def test_a_small_list_is_paged_from_its_ordered_keys_with_the_same_rows(w, monkeypatch):
    """CountedPaginator reads a list of at most SMALL_LIST rows by its ordered keys, then the page's rows by key: the
    pages hold the same rows, in the same order, as OFFSET/LIMIT pages."""
    from django.core.paginator import Paginator

    from fazhi.core import listing
    from fazhi.core.models import Organisation
    from fazhi.testing.factories import org

    for i in range(23):
        org(f"乡镇{i % 4}", kind="township", parent=w.gov)
    qs = Organisation.objects.filter(kind="township").order_by("-name", "pk")
    small = listing.CountedPaginator(qs, 5)
    plain = Paginator(qs, 5)
    assert small.num_pages == plain.num_pages == 5
    for n in range(1, 6):
        assert list(small.page(n).object_list) == list(plain.page(n).object_list)
    monkeypatch.setattr(listing, "SMALL_LIST", 0)  # the usual path for a list above the threshold
    assert list(listing.CountedPaginator(qs, 5).page(2).object_list) == list(plain.page(2).object_list)
