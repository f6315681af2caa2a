"""A 行政规范性文件 in the browser, from draft to the public catalogue: the legal officer drafts (a blank title is
refused in Chinese and nothing is saved), sees deliberation refused before the legality review, opens the public
consultation; a citizen comments on the portal without an account; the officer moderates the comment and registers
its handling, closes the consultation once its 30 days are over, sends the text for legality review, records the
opinion no sooner than 5 working days later, then deliberation, registration with a number, publication and filing;
the document is then in the portal's catalogue with its articles.

The live server runs in a thread of this process, so `clock.set_today` moves the platform's date for it too."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from fazhi.core import clock
from fazhi.normdocs.models import Comment, Document
from fazhi.rules.engine import compute_due
from fazhi.testing.factories import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = dt.date
START = D(2026, 3, 2)  # a Monday
TITLE = "测试县市场监管领域轻微违法行为免罚清单"
TEXT = """第一条 为了优化营商环境，根据《中华人民共和国行政处罚法》第三十三条，制定本清单。
第二条 本清单适用于本县市场监督管理部门实施的行政处罚。
第三条 当事人有违法行为轻微并及时改正，没有造成危害后果情形的，不予行政处罚。"""
SHOTS = Path("/tmp/normdocs-shots")


@pytest.fixture
def moved_clock():
    """Move the platform's date (the test and the live server share the clock); put it back afterwards."""
    yield clock.set_today
    clock.set_today(None)


def _step(page, name, fields=None, selects=None):
    """Open a step from the page's step buttons, fill its form and submit it."""
    page.click(f"#steps [data-step={name}]")
    page.wait_for_url(f"**/steps/{name}/")
    for field, value in (fields or {}).items():
        page.fill(f"[name={field}]", value)
    for field, value in (selects or {}).items():
        page.select_option(f"select[name={field}]", value)
    page.click("main button[type=submit]")


def _shot(page, tmp_path, name, keep=False):
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if keep:
        SHOTS.mkdir(exist_ok=True)
        shutil.copy(path, SHOTS / path.name)


def test_draft_consult_review_publish_file_catalogue(page, browser, login, live_server, tmp_path, moved_clock):
    moved_clock(START)
    w = world()
    login("w_legal_a")

    # 1. the draft: junk first (a blank title), then the real one, affecting rights and duties
    page.goto(f"{live_server.url}/normdocs/new/")
    page.select_option("select[name=organisation]", str(w.dept_a.pk))
    page.fill("input[name=title]", "")
    page.fill("input[name=drafted_on]", START.isoformat())
    page.fill("textarea[name=text]", TEXT)
    page.check("input[name=affects_rights]")
    page.click("main button[type=submit]")
    expect(page.locator("main .errors")).to_contain_text("请更正")
    expect(page.locator(".field.has-error")).to_have_count(1)
    assert "必" in page.locator(".field.has-error .error").inner_text()  # Django's 这个字段是必填项。
    assert Document.objects.count() == 0
    _shot(page, tmp_path, "01-draft-refused", keep=True)
    page.fill("input[name=title]", TITLE)
    page.click("main button[type=submit]")
    page.wait_for_url("**/normdocs/*/")
    doc = Document.objects.get()
    assert doc.affects_rights and doc.title == TITLE
    doc_url = f"{live_server.url}{doc.get_absolute_url()}"
    expect(page.locator("#doc-status")).to_have_text("起草中")
    expect(page.locator("#text")).to_contain_text("不予行政处罚")

    # 2. no deliberation before the legality review: listed with the reason, and the step page sends back
    expect(page.locator("#blocked li[data-step=deliberate]")).to_contain_text("未经合法性审核")
    expect(page.locator("#blocked li[data-step=submit_review]")).to_contain_text("公开征求意见")
    assert page.locator("#steps [data-step=deliberate]").count() == 0
    _shot(page, tmp_path, "02-draft", keep=True)
    page.goto(f"{doc_url}steps/deliberate/")
    page.wait_for_url(doc_url)
    expect(page.locator("ul.messages")).to_contain_text("未经合法性审核")
    _shot(page, tmp_path, "02b-deliberate-refused")

    # 3. the public consultation (30 days), a citizen's comment, its moderation and handling
    _step(page, "consult", {"on": START.isoformat()})
    page.wait_for_url(doc_url)
    expect(page.locator("#doc-status")).to_have_text("公开征求意见")
    doc.refresh_from_db()
    end = doc.consultation_end
    assert end == compute_due("normdoc.consultation", START, with_text=False).due and end >= START + dt.timedelta(30)

    citizen = browser.new_context(locale="zh-CN").new_page()
    try:
        citizen.set_default_timeout(15000)
        citizen.goto(f"{live_server.url}/portal/normdocs/")
        citizen.click("text=公开征求意见（1）")
        citizen.click(f"#consultations >> text={TITLE}")
        citizen.wait_for_url(f"**/portal/normdocs/consultations/{doc.pk}/")
        assert "第三条" in citizen.locator("main").inner_text()
        citizen.fill("textarea[name=body]", "建议第三条明确“及时改正”的期限，例如责令改正通知书规定的期限内。")
        citizen.fill("input[name=name]", "李明华")
        citizen.fill("input[name=contact]", "13912345678")
        citizen.click("#comment-form button[type=submit]")
        expect(citizen.locator("#messages")).to_contain_text("意见已提交，经审核后登载")
        expect(citizen.locator("#comments")).to_contain_text("尚无登载的意见")  # not before moderation
        _shot(citizen, tmp_path, "03-portal-comment-sent", keep=True)
    finally:
        citizen.context.close()
    comment = Comment.objects.get()
    assert comment.name == "李明华" and comment.contact == "13912345678" and comment.status == "pending"

    page.goto(doc_url)
    row = page.locator("#comments tbody tr", has_text="及时改正")
    expect(row).to_contain_text("待审核")
    # closing is refused: the period is not over and a comment waits
    blocked = page.locator("#blocked li[data-step=close_consultation]")
    expect(blocked).to_contain_text(f"至 {end:%Y-%m-%d} 届满")
    _shot(page, tmp_path, "04-consulting", keep=True)
    row.locator(f"a[href='{comment.get_absolute_url()}']").click()
    page.wait_for_url(f"**{comment.get_absolute_url()}")
    expect(page.locator("#comment-body")).to_contain_text("及时改正")
    expect(page.locator("main")).to_contain_text("13912345678")  # the officer sees the contact, the public never
    _step(page, "moderate", selects={"approve": "yes"})
    page.wait_for_url(f"**{comment.get_absolute_url()}")
    expect(page.locator("#comment-status")).to_have_text("审核通过")
    _step(page, "handle", {"on": START.isoformat(), "note": "期限由责令改正通知书确定，已在第三条中补充。"},
          {"handling": "partly"})
    page.wait_for_url(f"**{comment.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("部分采纳")
    assert page.locator("#steps [data-step]").count() == 0
    _shot(page, tmp_path, "05-comment-handled")

    # the masked comment is public now
    anon = browser.new_context(locale="zh-CN").new_page()
    try:
        anon.goto(f"{live_server.url}/portal/normdocs/consultations/{doc.pk}/")
        expect(anon.locator("#comments")).to_contain_text("李某")
        assert "李明华" not in anon.content() and "13912345678" not in anon.content()
        _shot(anon, tmp_path, "05b-portal-comment-shown", keep=True)
    finally:
        anon.context.close()

    # the day after the period ends the consultation closes, then the text goes to the legality review
    closed = end + dt.timedelta(days=1)
    moved_clock(closed)
    page.goto(doc_url)
    expect(page.locator("#comments tbody tr", has_text="及时改正")).to_contain_text("部分采纳")
    _step(page, "close_consultation", {"on": closed.isoformat(), "summary": "收到意见1条，部分采纳。"})
    page.wait_for_url(doc_url)
    expect(page.locator("#doc-status")).to_have_text("起草中")
    # the consultation is closed: the public page is gone
    assert page.request.get(f"{live_server.url}/portal/normdocs/consultations/{doc.pk}/").status == 404

    # 4. legality review (no sooner than 5 working days), deliberation, number, publication, filing
    _step(page, "submit_review", {"on": closed.isoformat()})
    page.wait_for_url(doc_url)
    expect(page.locator("#doc-status")).to_have_text("合法性审核中")
    doc.refresh_from_db()
    expect(page.locator("#review")).to_contain_text(f"期限 {doc.review_due:%Y-%m-%d}")
    _step(page, "review", {"on": closed.isoformat(), "note": "符合《中华人民共和国行政处罚法》第三十三条的规定。"},
          {"opinion": "lawful"})
    earliest = compute_due("normdoc.legality_review.minimum", closed, with_text=False).due
    expect(page.locator("main .errors")).to_contain_text(f"{earliest:%Y-%m-%d} 起才能出具审核意见")
    doc.refresh_from_db()
    assert doc.reviewed_on is None
    _shot(page, tmp_path, "06-review-too-early", keep=True)

    day = earliest
    moved_clock(day)
    page.fill("input[name=on]", day.isoformat())
    page.click("main button[type=submit]")
    page.wait_for_url(doc_url)
    expect(page.locator("#doc-status")).to_have_text("已通过合法性审核")
    expect(page.locator("#review")).to_contain_text("出具意见“合法”")
    assert page.locator("#blocked li[data-step=deliberate]").count() == 0

    _step(page, "deliberate", {"on": day.isoformat(), "meeting": "县市场监督管理局2026年第5次局务会议"})
    page.wait_for_url(doc_url)
    expect(page.locator("#doc-status")).to_have_text("已集体审议")
    _step(page, "register", {"on": day.isoformat()})
    page.wait_for_url(doc_url)
    number = f"测试县市场监督管理局规〔{day.year}〕1号"
    expect(page.locator("#doc-number")).to_have_text(number)

    too_long = day.replace(year=day.year + 6)
    _step(page, "publish", {"on": day.isoformat(), "valid_until": too_long.isoformat()})
    expect(page.locator("main .errors")).to_contain_text("有效期不超过五年")
    until = day.replace(year=day.year + 5) - dt.timedelta(days=1)
    page.fill("input[name=valid_until]", until.isoformat())
    page.click("main button[type=submit]")
    page.wait_for_url(doc_url)
    expect(page.locator("#doc-status")).to_have_text("已公布")
    expect(page.locator("#validity")).to_contain_text(f"有效期至 {until:%Y-%m-%d}")
    doc.refresh_from_db()
    expect(page.locator("#filing")).to_contain_text(f"报备期限 {doc.filing_due:%Y-%m-%d}")
    expect(page.locator("#filing")).to_contain_text("尚未报送")

    _step(page, "file", {"on": day.isoformat()})
    page.wait_for_url(doc_url)
    expect(page.locator("#filing")).to_contain_text(f"{day:%Y-%m-%d} 已报送")
    assert page.locator("#steps [data-step=file]").count() == 0
    doc.refresh_from_db()
    assert (doc.number, doc.published_on, doc.filed_on, doc.valid_until) == (number, day, day, until)
    _shot(page, tmp_path, "07-published-filed", keep=True)

    # 5. the public catalogue, without an account
    page.click("text=退出")
    page.goto(f"{live_server.url}/portal/normdocs/")
    row = page.locator("#catalogue tbody tr", has_text=number)
    expect(row).to_contain_text(TITLE)
    expect(row).to_contain_text("已报备")
    _shot(page, tmp_path, "08-portal-catalogue", keep=True)
    row.locator(f"text={TITLE}").click()
    page.wait_for_url(f"**/portal/normdocs/{doc.pk}/")
    articles = page.locator("#articles")
    expect(articles.locator("dt")).to_have_count(3)
    expect(articles).to_contain_text("不予行政处罚")
    expect(page.locator("#validity")).to_contain_text("现行有效")
    _shot(page, tmp_path, "09-portal-document", keep=True)
