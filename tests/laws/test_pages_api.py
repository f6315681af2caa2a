import io

from openpyxl import load_workbook

from fazhi.core.models import ApiToken
from fazhi.laws.models import Article, Law, LawVersion


def _fuyi(label):
    return LawVersion.objects.get(law__short_title="行政复议法", label=label)


def test_list_searches_titles_and_full_text(library, w, client):
    client.force_login(w.legal_a)
    html = client.get("/laws/").content.decode()
    assert "共 3 条" in html and "行政复议法" in html and "法律法规" in html  # nav entry too
    # A word that appears only in the text of 政府信息公开条例 and 行政复议法, not in any title.
    html = client.get("/laws/", {"q": "政府信息公开"}).content.decode()
    assert "共 2 条" in html and "行政处罚法" not in html
    html = client.get("/laws/", {"q": "法制审核 听证"}).content.decode()
    assert "行政处罚法" in html
    html = client.get("/laws/", {"category": "行政法规"}).content.decode()
    assert "共 1 条" in html and "政府信息公开条例" in html
    wb = load_workbook(io.BytesIO(client.get("/laws/", {"format": "xlsx"}).content))
    assert wb.active.max_row == 4


def test_article_search_pages(library, w, client):
    client.force_login(w.legal_a)
    html = client.get("/laws/search/", {"q": "法制审核"}).content.decode()
    assert "第五十八条" in html and "行政处罚法" in html
    html = client.get("/laws/search/", {"q": "不存在的词语组合"}).content.decode()
    assert "没有找到" in html


def test_version_page_shows_chapters_articles_and_versions(library, w, client):
    client.force_login(w.legal_a)
    new, old = _fuyi("2023年修订"), _fuyi("2017年修正")
    law = new.law
    assert client.get(f"/laws/{law.pk}/").url == f"/laws/versions/{new.pk}/"
    html = client.get(f"/laws/versions/{new.pk}/").content.decode()
    assert "第一章 总则" in html and "第六十二条" in html and "现行有效" in html
    assert f"/laws/versions/{old.pk}/" in html and "取代" in html
    html = client.get(f"/laws/versions/{old.pk}/").content.decode()
    assert "已被修改" in html and "2023年12月31日" in html
    assert client.get("/laws/versions/999999/").status_code == 404


def test_article_page_finds_the_same_article_in_other_versions(library, w, client):
    client.force_login(w.legal_a)
    art = _fuyi("2017年修正").articles.get(number=31)
    html = client.get(f"/laws/articles/{art.pk}/").content.decode()
    renumbered = _fuyi("2023年修订").articles.get(number=62)
    same = _fuyi("2023年修订").articles.get(number=31)
    # 2017 第三十一条 (decision period) became 2023 第六十二条; 2023 第三十一条 is about something else.
    assert f"/laws/articles/{renumbered.pk}/" in html and f"/laws/articles/{same.pk}/" in html
    assert "相似度" in html and "第2款" in html


def test_cite_page(library, w, client):
    client.force_login(w.legal_a)
    html = client.get("/laws/cite/", {"text": "《行政复议法》第62条第二款", "on": "2024-06-01"}).content.decode()
    assert "《行政复议法》（2023年修订）第六十二条第二款" in html and "适用简易程序" in html
    html = client.get("/laws/cite/", {"text": "《行政复议法》第九十九条", "on": "2024-06-01"}).content.decode()
    assert "没有第九十九条" in html


def test_pages_need_login_but_the_portal_is_public(library, client):
    assert client.get("/laws/").status_code == 302
    html = client.get("/portal/laws/").content.decode()
    assert "中华人民共和国行政复议法" in html
    html = client.get("/portal/").content.decode()
    assert "/portal/laws/" in html
    art = Article.objects.filter(version__law__short_title="行政处罚法", number=58).get()
    html = client.get(f"/portal/laws/articles/{art.pk}/").content.decode()
    assert "法制审核" in html and "/portal/laws/versions/" in html and "/laws/articles/" not in html.replace(
        "/portal/laws/articles/", "")
    law = Law.objects.get(short_title="行政处罚法")
    assert client.get(f"/portal/laws/{law.pk}/").url.startswith("/portal/laws/versions/")
    assert "第五十八条" in client.get("/portal/laws/", {"q": "法制审核"}).content.decode()
    html = client.get("/portal/laws/cite/", {"text": "行政处罚法第五十八条", "on": "2024-06-01"}).content.decode()
    assert f"/portal/laws/articles/{art.pk}/" in html


def test_api(library, w, client):
    _, key = ApiToken.issue(w.legal_a)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/laws/laws").status_code == 401
    laws = client.get("/api/v1/laws/laws", {"q": "行政复议"}, **auth).json()
    fuyi = next(x for x in laws if x["short_title"] == "行政复议法")
    assert [v["label"] for v in fuyi["versions"]] == ["2017年修正", "2023年修订"]
    assert fuyi["versions"][0]["superseded_by"] == fuyi["versions"][1]["id"]
    r = client.get("/api/v1/laws/cite", {"text": "行政处罚法第五十八条", "on": "2024-06-01"}, **auth).json()
    assert (r["law"], r["version"], r["article"]) == ("中华人民共和国行政处罚法", "2021年修订", "第五十八条")
    a = client.get(f"/api/v1/laws/articles/{r['article_id']}", **auth).json()
    assert a["number"] == 58 and len(a["paragraphs"]) == 2 and a["paragraphs"][0].count("\n") == 4
    r = client.get("/api/v1/laws/cite", {"text": "《行政复议法》第九十九条", "on": "2024-06-01"}, **auth)
    assert r.status_code == 404 and "没有第九十九条" in r.json()["detail"]
    r = client.get("/api/v1/laws/cite", {"text": "《行政复议法》第一条", "on": "2024-99-01"}, **auth)
    assert r.status_code == 422
    assert client.get("/api/v1/laws/articles/999999", **auth).status_code == 404
