"""The department's pages and the public portal: drafting with validation in Chinese, the steps, the comment form
(rate-limited, moderated, masked), the catalogue by date, the clean-up page, scoping."""

import datetime as dt

import pytest

from fazhi.core import clock
from fazhi.normdocs import actions
from fazhi.normdocs.models import Comment, Document
from fazhi.testing.normdocs import TEXT, published

D = dt.date
pytestmark = pytest.mark.django_db


def test_draft_page_steps_and_scoping(w, client):
    client.force_login(w.legal_a)
    with clock.frozen(D(2025, 3, 3)):
        bad = client.post("/normdocs/new/", {"organisation": w.dept_a.pk, "title": "  ", "drafted_on": "2025-03-03",
                                             "text": TEXT})
        assert bad.status_code == 200 and Document.objects.count() == 0
        ok = client.post("/normdocs/new/", {"organisation": w.dept_a.pk, "title": "测试县城市绿化管理办法",
                                            "drafted_on": "2025-03-03", "text": TEXT})
        doc = Document.objects.get()
        assert ok.status_code == 302 and ok["Location"] == doc.get_absolute_url()
        page = client.get(doc.get_absolute_url()).content.decode()
        assert "第三条" in page and "不得提交集体审议" in page and 'data-step="consult"' in page
        refused = client.get(f"/normdocs/{doc.pk}/steps/deliberate/", follow=True).content.decode()
        assert "未经合法性审核" in refused
        for url in ("/normdocs/", "/normdocs/?validity=drafting", "/normdocs/?validity=junk&status=zzz",
                    "/normdocs/comments/", "/normdocs/campaigns/", f"/normdocs/{doc.pk}/versions/1/",
                    "/normdocs/import/", "/normdocs/import/?template=1", "/normdocs/campaigns/new/"):
            assert client.get(url).status_code == 200, url
    client.force_login(w.legal_b)
    assert client.get(doc.get_absolute_url()).status_code == 404
    assert client.get(f"/normdocs/{doc.pk}/steps/consult/").status_code == 404


def test_portal_comment_is_moderated_masked_and_rate_limited(w, client):
    with clock.frozen(D(2025, 3, 3)):
        doc = actions.create_draft(actor=w.legal_a, organisation=w.dept_a, title="测试县城市绿化管理办法",
                                   drafted_on=D(2025, 3, 3), text=TEXT)
        url = f"/portal/normdocs/consultations/{doc.pk}/"
        assert client.get(url).status_code == 404  # not open yet
        actions.open_consultation(doc, actor=w.legal_a, on=D(2025, 3, 3))
    with clock.frozen(D(2025, 3, 10)):
        assert "测试县城市绿化管理办法" in client.get("/portal/normdocs/consultations/").content.decode()
        r = client.post(url, {"body": "建议第三条增加例外情形，联系电话 139-1234-5678。", "name": "张三",
                              "contact": "13912345678"})
        assert r.status_code == 302
        c = Comment.objects.get()
        assert c.status == "pending" and c.via_portal and c.client_hash
        assert "例外情形" not in client.get(url).content.decode()  # not shown before moderation
        robot = client.post(url, {"body": "广告内容广告内容", "website": "http://spam.example"})
        assert robot.status_code == 302 and Comment.objects.count() == 1
        for i in range(4):
            client.post(url, {"body": f"第{i}条补充意见内容"})
        limited = client.post(url, {"body": "第六条意见内容"})
        assert "提交过于频繁" in limited.content.decode() and Comment.objects.count() == 5
        short = client.post(url, {"body": "好"}, REMOTE_ADDR="10.0.0.9")
        assert "过短" in short.content.decode()
        client.force_login(w.legal_a)
        assert "例外情形" in client.get(doc.get_absolute_url()).content.decode()
        r = client.post(f"/normdocs/comments/{c.pk}/steps/moderate/", {"approve": "yes"})
        assert r.status_code == 302
        client.logout()
        shown = client.get(url).content.decode()
        assert "例外情形" in shown and "张某" in shown and "张三" not in shown and "1234-5678" not in shown
        assert "13912345678" not in shown


def test_catalogue_drops_a_document_the_day_after_its_validity(w, client):
    doc = published(w, valid_years=1)  # valid until 2026-03-12
    with clock.frozen(D(2026, 3, 12)):
        page = client.get("/portal/normdocs/").content.decode()
        assert doc.title in page and "现行有效" in client.get(f"/portal/normdocs/{doc.pk}/").content.decode()
    with clock.frozen(D(2026, 3, 13)):
        assert doc.title not in client.get("/portal/normdocs/").content.decode()
        assert doc.title in client.get("/portal/normdocs/?view=ended").content.decode()
        assert "有效期届满失效" in client.get(f"/portal/normdocs/{doc.pk}/").content.decode()
    for junk in ("?page=abc", "?q=%3Cscript%3E", "?view=zzz&page=999999", "?on=2025-02-30"):
        assert client.get(f"/portal/normdocs/{junk}").status_code == 200
    assert client.get(f"/portal/normdocs/{doc.pk}/?on=2025-02-30").status_code == 200


def test_api_lists_in_scope_resolves_by_date_and_runs_steps(w, client):
    from fazhi.core.models import ApiToken

    doc = published(w)
    _, key = ApiToken.issue(w.legal_a)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    with clock.frozen(D(2025, 5, 1)):
        items = client.get("/api/v1/normdocs/documents?in_force=true", **auth).json()
        assert [d["number"] for d in items] == [doc.number] and items[0]["in_force"]
        assert client.get("/api/v1/normdocs/documents?status=zzz", **auth).status_code == 400
        r = client.get("/api/v1/normdocs/resolve", {"citation": "《测试县城市绿化管理办法》第二条", "on": "2025-05-01"},
                       **auth).json()
        assert r["citation"] == "《测试县城市绿化管理办法》第二条" and "适用于本县城区" in r["text"]
        assert client.get("/api/v1/normdocs/resolve", {"citation": "《测试县城市绿化管理办法》第九条"},
                          **auth).status_code == 400
        bad = client.post(f"/api/v1/normdocs/documents/{doc.pk}/steps/renew",
                          {"on": "2025-05-01", "valid_until": "2040-01-01", "reason": "继续执行"},
                          content_type="application/json", **auth)
        assert bad.status_code == 400 and "不超过五年" in bad.json()["detail"]
        _, other = ApiToken.issue(w.legal_b)
        assert client.get(f"/api/v1/normdocs/documents/{doc.pk}",
                          HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404


def test_clean_up_through_the_pages(w, client):
    from fazhi.normdocs.models import Campaign
    from fazhi.testing.normdocs import registered

    registered(w, 3)
    client.force_login(w.legal_a)
    with clock.frozen(D(2025, 6, 2)):
        r = client.post("/normdocs/campaigns/new/", {"organisation": w.dept_a.pk, "title": "2025年全面清理", "kind": "full",
                                                     "started_on": "2025-06-02"})
        c = Campaign.objects.get()
        assert r.status_code == 302 and r["Location"] == c.get_absolute_url()
        assert client.post(f"/normdocs/campaigns/{c.pk}/steps/add/", {"keyword": ""}).status_code == 302
        entries = list(c.entries.order_by("pk"))
        assert len(entries) == 3
        refused = client.post(f"/normdocs/campaigns/{c.pk}/steps/conclude/", {"on": "2025-06-02"}, follow=True)
        assert "未登记清理结论" in refused.content.decode()
        for e, outcome in zip(entries, ("kept", "revised", "abolished"), strict=True):
            client.post(f"/normdocs/campaigns/{c.pk}/entries/{e.pk}/", {"outcome": outcome, "reason": "上位法修改"})
        assert client.post(f"/normdocs/campaigns/{c.pk}/steps/conclude/", {"on": "2025-06-02"}).status_code == 302
    c.refresh_from_db()
    assert c.status == "concluded"
    client.logout()
    page = client.get(f"/portal/normdocs/cleanups/{c.pk}/").content.decode()
    assert "继续有效 1 件" in page and "废止 1 件" in page
