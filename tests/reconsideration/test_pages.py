"""Pages, API, scoping and the public portal."""

import datetime as dt
import io

from django.urls import reverse
from django.utils import timezone

from fazhi.core.gongwen import docx_text
from fazhi.reconsideration import actions
from fazhi.reconsideration.choices import CaseStatus, DocumentKind, Outcome
from fazhi.reconsideration.models import Case
from fazhi.reconsideration.workflow import PLACEHOLDER
from fazhi.testing.reconsideration import publish
from fazhi.testing.scoping import check_scoping

D = dt.date


def test_case_scoping_department_sees_only_cases_against_it(recon, w, client):
    def make(org):
        return recon.register(D(2025, 3, 3), respondent=org)

    check_scoping(w, make=make, model=Case, client=client, page_url=lambda c: c.get_absolute_url(),
                  api_url=lambda c: f"/api/v1/reconsideration/cases/{c.pk}")


def test_department_does_not_see_other_cases_in_the_list(recon, w, client):
    recon.register(D(2025, 3, 3), respondent=w.dept_a, name="甲申请人")
    recon.register(D(2025, 3, 4), respondent=w.dept_b, name="乙申请人")
    client.force_login(w.legal_a)
    html = client.get(reverse("reconsideration:case_list")).content.decode()
    assert "甲申请人" in html and "乙申请人" not in html
    client.force_login(w.reconsideration)
    html = client.get(reverse("reconsideration:case_list")).content.decode()
    assert "甲申请人" in html and "乙申请人" in html


def test_intake_form_and_steps(w, client):
    today = timezone.localdate()
    client.force_login(w.reconsideration)
    assert client.get(reverse("reconsideration:case_create")).status_code == 200
    resp = client.post(reverse("reconsideration:case_create"), {
        "organisation": w.gov.pk, "respondent": w.dept_a.pk, "applicant_name": "李四", "applicant_kind": "person",
        "act_kind": "penalty", "act_description": "罚款两千元", "received_on": today.isoformat(),
        "known_on": (today - dt.timedelta(days=100)).isoformat(),
        "channel": "mail", "request": "撤销罚款", "amount": "2000"})
    assert resp.status_code == 302
    case = Case.objects.get()
    assert case.late_warning
    page = client.get(case.get_absolute_url()).content.decode()
    assert "受理" in page and "六十日" in page
    resp = client.post(reverse("reconsideration:case_step", args=[case.pk, "accept"]),
                       {"on": today.isoformat(), "procedure": "simplified"})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.procedure == "simplified"
    resp = client.post(reverse("reconsideration:case_step", args=[case.pk, "extend"]),
                       {"on": today.isoformat(), "approver": "科长", "reason": "复杂"})
    assert resp.status_code == 200 and "简易程序案件不能延长" in resp.content.decode()
    assert client.get(reverse("reconsideration:case_step", args=[case.pk, "nope"])).status_code == 404


def test_list_board_stats_and_export(recon, w, client):
    recon.concluded(D(2025, 3, 3), D(2025, 3, 4), D(2025, 4, 10), Outcome.REVOKED)
    recon.register(D(2025, 5, 6))
    client.force_login(w.reconsideration)
    for name in ("case_list", "board", "stats", "letter_list"):
        assert client.get(reverse(f"reconsideration:{name}"), {"year": 2025}).status_code == 200, name
    resp = client.get(reverse("reconsideration:case_list"), {"format": "xlsx"})
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxml")
    stats = client.get(reverse("reconsideration:stats"), {"year": 2025, "org": w.gov.code}).content.decode()
    assert "直接纠错率" in stats and "echarts.min.js" in stats and "100.0" in stats


def test_document_edit_issue_and_download(recon, w, client):
    case = recon.concluded(D(2025, 3, 3), D(2025, 3, 4), D(2025, 4, 10), Outcome.UPHELD)
    doc = case.documents.get(kind=DocumentKind.DECISION)
    client.force_login(w.reconsideration)
    # 签发 waits for the blanks: the page says which, the step refuses.
    page = client.get(reverse("reconsideration:document_detail", args=[doc.pk])).content.decode()
    assert "暂不能签发" in page and "【被申请人的答复意见】" in page
    issue_url = reverse("reconsideration:document_step", args=[doc.pk, "issue"])
    assert client.get(issue_url).status_code == 302  # refused, back to the document with the reason
    body = PLACEHOLDER.sub("（已核实）", doc.body)
    resp = client.post(reverse("reconsideration:document_detail", args=[doc.pk]),
                       {"title": "行政复议决定书", "recipients": "", "body": body + "\n\n经集体讨论决定。"})
    assert resp.status_code == 302
    assert client.post(issue_url, {"on": "2025-04-11"}).status_code == 302
    doc.refresh_from_db()
    assert doc.number == "测府复决〔2025〕1号"
    # Served by post, then signed for: recorded on the document's own steps.
    resp = client.post(reverse("reconsideration:document_step", args=[doc.pk, "serve"]),
                       {"recipient": "张三", "method": "mail", "sent_on": "2025-04-11", "reference": "XA1CN"})
    assert resp.status_code == 302 and doc.services.get().received_on is None
    resp = client.post(reverse("reconsideration:document_step", args=[doc.pk, "receipt"]),
                       {"service": doc.services.get().pk, "received_on": "2025-04-14"})
    assert resp.status_code == 302 and doc.services.get().received_on == D(2025, 4, 14)
    page = client.get(reverse("reconsideration:document_detail", args=[doc.pk])).content.decode()
    assert "未公开" in page and "公开文本预览" in page and "张某" in page
    resp = client.get(reverse("reconsideration:document_download", args=[doc.pk]))
    text = docx_text(resp.content)
    assert "测府复决〔2025〕1号" in text and "经集体讨论决定。" in text and "维持" in text
    client.force_login(w.legal_b)
    assert client.get(reverse("reconsideration:document_detail", args=[doc.pk])).status_code == 404


def test_portal_shows_issued_decisions_without_personal_data(recon, w, client):
    case = recon.concluded(D(2025, 3, 3), D(2025, 3, 4), D(2025, 4, 10), Outcome.REVOKED, name="王小明")
    draft_only = recon.concluded(D(2025, 3, 5), D(2025, 3, 6), D(2025, 4, 12), Outcome.UPHELD, name="赵大海")
    doc = case.documents.get(kind=DocumentKind.DECISION)
    publish(doc, actor=recon.actor, on=D(2025, 4, 11))
    client.logout()
    listing = client.get(reverse("reconsideration_portal:list")).content.decode()
    assert doc.number in listing and "王某" in listing
    assert "赵" not in listing  # a draft decision is not published
    detail = client.get(reverse("reconsideration_portal:detail", args=[doc.pk])).content.decode()
    assert "撤销被申请人作出的" in detail or "撤销测试县" in detail
    for secret in ("王小明", "小明", "110101199001011234", "13812345678", "幸福路8号"):
        assert secret not in listing and secret not in detail, secret
    assert client.get(reverse("reconsideration_portal:detail",
                              args=[draft_only.documents.get(kind="decision").pk])).status_code == 404
    assert "王某" in client.get(reverse("reconsideration_portal:list"), {"q": "测试县市场"}).content.decode()


def test_api_lists_cases_with_deadlines(recon, w, client):
    from fazhi.core.models import ApiToken

    case = recon.register(D(2025, 3, 3))
    _, key = ApiToken.issue(w.reconsideration)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    data = client.get("/api/v1/reconsideration/cases", **auth).json()
    assert [c["number"] for c in data] == [case.number]
    resp = client.post(f"/api/v1/reconsideration/cases/{case.pk}/accept", data={"on": "2025-03-04"},
                       content_type="application/json", **auth)
    assert resp.status_code == 200 and resp.json()["status"] == "accepted"
    assert any(d["rule_id"] == "reconsideration.decision" for d in resp.json()["deadlines"])
    resp = client.post(f"/api/v1/reconsideration/cases/{case.pk}/accept", data={"on": "2025-03-04"},
                       content_type="application/json", **auth)
    assert resp.status_code == 400


def test_import_template_dry_run_and_errors(w, client):
    from fazhi.core.excel import workbook_bytes
    from fazhi.reconsideration.importers import COLUMNS

    client.force_login(w.reconsideration)
    resp = client.get(reverse("reconsideration:case_import"), {"template": 1})
    assert resp.status_code == 200
    headers = [c[1] for c in COLUMNS]
    good = [w.gov.code, w.dept_a.code, "张三、李四", "自然人", "行政处罚", "罚款", "", "2025-01-02", "2025-01-10",
            "邮寄", "撤销", "受理", "2025-01-12", "普通程序", "", "撤销", "2025-02-20", "事实不清"]
    open_row = [w.gov.code, w.dept_b.name, "某公司", "法人或其他组织", "行政许可", "不予许可", "", "", "2025-03-10",
                "网上申请", "撤销", "受理", "2025-03-11", "", "", "", "", ""]
    bad = [w.gov.code, "不存在的局", "王五", "自然人", "行政处罚", "罚款", "", "", "2025-01-10", "飞鸽", "撤销",
           "受理", "", "", "", "维持", "2025-02-20", ""]

    def upload(rows, dry_run):
        f = io.BytesIO(workbook_bytes("导入", headers, rows))
        f.name = "cases.xlsx"
        data = {"file": f}
        if dry_run:
            data["dry_run"] = "on"
        return client.post(reverse("reconsideration:case_import"), data)

    resp = upload([good, bad], dry_run=False)
    html = resp.content.decode()
    assert "找不到机构" in html and "无效的申请方式" in html and "须填写日期" in html
    assert Case.objects.count() == 0  # all or nothing
    resp = upload([good, open_row], dry_run=True)
    assert "校验通过" in resp.content.decode() and Case.objects.count() == 0
    resp = upload([good, open_row], dry_run=False)
    assert resp.status_code == 302
    closed, live = Case.objects.order_by("received_on")
    assert closed.status == CaseStatus.CONCLUDED and closed.outcome == Outcome.REVOKED
    assert list(closed.parties.values_list("name", flat=True)) == ["张三", "李四"]
    assert live.status == CaseStatus.ACCEPTED and live.respondent == w.dept_b
    from fazhi.rules.deadlines import deadlines_for

    assert deadlines_for(live).filter(rule_id="reconsideration.decision", status="open").exists()
    from fazhi.core.audit import verify_chain

    assert verify_chain().ok


def test_case_page_in_every_open_state(recon, w, client):
    today = timezone.localdate()
    received = recon.register(today)
    supplementing = recon.register(today)
    actions.request_supplement(supplementing, actor=recon.actor, on=today, items="补充身份证明")
    suspended = recon.accepted(today, today)
    actions.suspend_case(suspended, actor=recon.actor, on=today, ground="6")
    client.force_login(w.reconsideration)
    for case in (received, supplementing, suspended):
        html = client.get(case.get_absolute_url()).content.decode()
        assert case.number in html
    html = client.get(supplementing.get_absolute_url()).content.decode()
    assert "收到补正材料" in html and "补充身份证明" in html
    client.force_login(w.legal_a)  # the respondent sees the case but has no handling steps
    html = client.get(received.get_absolute_url()).content.decode()
    assert "不予受理</a>" not in html


def test_metric_drilldown_lists_the_cases_behind_a_figure(recon, w, client):
    revoked = recon.concluded(D(2025, 3, 3), D(2025, 3, 4), D(2025, 4, 10), Outcome.REVOKED, name="撤销案申请人")
    recon.concluded(D(2025, 3, 5), D(2025, 3, 6), D(2025, 4, 12), Outcome.UPHELD, name="维持案申请人")
    client.force_login(w.supervisor)
    html = client.get("/metrics/reconsideration.revoked/", {"org": w.gov.code, "year": 2025}).content.decode()
    assert revoked.number in html and "撤销案申请人" in html and "维持案申请人" not in html
    html = client.get("/metrics/reconsideration.correction_rate/", {"org": w.gov.code, "year": 2025}).content.decode()
    assert "50.0" in html


def test_board_flags_long_suspensions_for_termination(recon, w, client):
    today = timezone.localdate()
    case = recon.accepted(today - dt.timedelta(days=90), today - dt.timedelta(days=88))
    actions.suspend_case(case, actor=recon.actor, on=today - dt.timedelta(days=61), ground="1")
    other = recon.accepted(today - dt.timedelta(days=90), today - dt.timedelta(days=88))
    actions.suspend_case(other, actor=recon.actor, on=today - dt.timedelta(days=61), ground="8")
    client.force_login(w.reconsideration)
    html = client.get(reverse("reconsideration:board")).content.decode()
    assert html.count("中止满六十日") == 1


def test_api_runs_any_step_with_form_validation(recon, w, client):
    from fazhi.core.models import ApiToken

    case = recon.accepted(D(2025, 3, 3), D(2025, 3, 4))
    _, key = ApiToken.issue(w.reconsideration)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    url = f"/api/v1/reconsideration/cases/{case.pk}/steps/"
    resp = client.post(url + "extend", data={"on": "2025-03-10"}, content_type="application/json", **auth)
    assert resp.status_code == 400 and "批准人" in resp.json()["detail"]
    resp = client.post(url + "extend", data={"on": "2025-03-10", "approver": "科长", "reason": "复杂"},
                       content_type="application/json", **auth)
    assert resp.status_code == 200
    decision = next(d for d in resp.json()["deadlines"] if d["rule_id"] == "reconsideration.decision")
    assert decision["due"] > "2025-05-06"
    resp = client.post(url + "decide", data={"on": "2025-04-01", "outcome": "upheld", "reason": "事实清楚"},
                       content_type="application/json", **auth)
    assert resp.status_code == 400 and "经审理查明的事实" in resp.json()["detail"]
    resp = client.post(url + "decide", data={"on": "2025-04-01", "outcome": "upheld", "reason": "事实清楚",
                                             "findings": "申请人销售过期食品"},
                       content_type="application/json", **auth)
    assert resp.status_code == 200 and resp.json()["outcome"] == "upheld"
    _, other = ApiToken.issue(w.legal_b)
    resp = client.post(url + "decide", data={}, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {other}")
    assert resp.status_code == 404


def test_incidental_review_sub_case_pages(recon, w, client):
    case = recon.accepted(D(2025, 3, 3), respondent=w.dept_a)
    review = actions.request_incidental_review(case, actor=recon.actor, on=D(2025, 3, 10),
                                               document_title="测试县某某管理办法", maker="测试县人民政府")
    client.force_login(w.reconsideration)
    html = client.get(case.get_absolute_url()).content.decode()
    assert review.get_absolute_url() in html
    html = client.get(review.get_absolute_url()).content.decode()
    assert "书面通知制定机关" in html and "第五十六条" in html and "2025-04-09" in html
    url = reverse("reconsideration:review_step", args=[review.pk, "notify"])
    r = client.post(url, {"on": "2025-03-20", "received_on": "2025-03-19"})
    assert "不能早于通知日期" in r.content.decode()  # the error, in Chinese, and nothing saved
    review.refresh_from_db()
    assert review.maker_notified_on is None
    r = client.post(url, {"on": "2025-03-12"})
    assert r.status_code == 302
    review.refresh_from_db()
    assert review.maker_notified_on == D(2025, 3, 12)
    again = client.get(url, follow=True)  # the step is done: no second notice, and the page says why
    assert again.redirect_chain[-1][0] == review.get_absolute_url() and "已书面通知制定机关" in again.content.decode()
    client.force_login(w.legal_a)  # the respondent department reads the sub-case of its case but cannot act on it
    html = client.get(review.get_absolute_url()).content.decode()
    assert "2025-03-12" in html and "/steps/" not in html
    assert client.get(reverse("reconsideration:review_step", args=[review.pk, "decide"])).status_code == 404
    client.force_login(w.reconsideration)
    r = client.post(reverse("reconsideration:review_step", args=[review.pk, "decide"]),
                    {"on": "2025-03-25", "status": "transferred", "result": ""})
    assert "有效的选项" in r.content.decode()  # a competent body may not transfer: the choice is not offered
    r = client.post(reverse("reconsideration:review_step", args=[review.pk, "decide"]),
                    {"on": "2025-03-25", "status": "unlawful", "result": "第五条超越权限，停止执行并责令纠正"})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    assert "停止执行并责令纠正" in client.get(review.get_absolute_url()).content.decode()
    client.force_login(w.legal_b)  # another department: 404
    assert client.get(review.get_absolute_url()).status_code == 404


def test_case_page_links_only_the_deadlines_the_user_may_open(recon, w, client):
    import re

    from fazhi.rules.deadlines import deadlines_for

    case = recon.accepted(dt.date(2024, 9, 2))
    case = actions.send_copy(case, actor=w.reconsideration, on=dt.date(2024, 9, 4))
    deadlines = list(deadlines_for(case))
    own = [d for d in deadlines if d.organisation == w.dept_a]  # the respondent's written answer
    kept = [d for d in deadlines if d.organisation == w.gov]  # the 复议机关's own periods
    assert own and kept
    client.force_login(w.legal_a)
    page = client.get(case.get_absolute_url()).content.decode()
    for d in kept:
        assert d.label in page and f'href="{d.get_absolute_url()}"' not in page
    for d in own:
        assert f'href="{d.get_absolute_url()}"' in page
    for url in set(re.findall(r'href="(/rules/deadlines/\d+/)"', page)):
        assert client.get(url).status_code == 200
    client.force_login(w.reconsideration)
    page = client.get(case.get_absolute_url()).content.decode()
    for d in deadlines:
        assert f'href="{d.get_absolute_url()}"' in page


def test_stats_rate_trend_takes_years_without_cases_from_saved_reports(recon, w, client):
    import json
    import re

    from fazhi.metrics.actions import save_historical_value

    recon.concluded(D(2025, 3, 3), D(2025, 3, 4), D(2025, 4, 10), Outcome.REVOKED)
    for year, value in ((2022, "12.5"), (2025, "99")):  # 2025 has a case: its saved figure is not used
        save_historical_value(actor=w.supervisor, organisation=w.gov, year=year,
                              metric_key="reconsideration.correction_rate", value=value, unit="%")
    client.force_login(w.reconsideration)
    page = client.get(reverse("reconsideration:stats"), {"year": 2025, "org": w.gov.code}).content.decode()
    data = json.loads(re.search(r'<script id="charts-data" type="application/json">(.*?)</script>', page, re.S)[1])
    assert data["rate_years"] == ["2021", "2022", "2023", "2024", "2025"]
    assert data["rates"] == [0.0, 12.5, 0.0, 0.0, 100.0]
    assert data["rate_from_report"] == [False, True, False, False, False]
    assert "2022年没有案件记录，数值来自往年报告" in page and "reconsideration/stats.js" in page
    from django.contrib.staticfiles import finders

    assert "（来自往年报告）" in open(finders.find("reconsideration/stats.js"), encoding="utf-8").read()  # the tooltip


def test_department_officer_is_not_offered_registration_or_import(w, client):
    client.force_login(w.legal_a)
    page = client.get("/reconsideration/").content.decode()
    assert "/reconsideration/new/" not in page and "/reconsideration/import/" not in page
    client.force_login(w.reconsideration)
    page = client.get("/reconsideration/").content.decode()
    assert "/reconsideration/new/" in page and "/reconsideration/import/" in page


def test_my_deadlines_name_each_case_by_its_number(recon, w, client):
    """我的期限 on the dashboard: the respondent's answer period, named by the case number and linked to the case."""
    case = recon.accepted(D(2025, 3, 3), D(2025, 3, 4))
    actions.send_copy(case, actor=recon.actor, on=D(2025, 3, 5))  # answer due long ago: overdue
    client.force_login(w.legal_a)
    page = client.get("/").content.decode()
    panel = page[page.index('id="deadline-panel"'):]
    assert case.number in panel and case.get_absolute_url() in panel and "被申请人书面答复" in panel


def test_board_orders_open_cases_by_their_nearest_open_deadline(recon, w, client):
    from fazhi.rules.deadlines import deadlines_for

    later, earliest, middle = recon.register(D(2025, 5, 6)), recon.register(D(2025, 3, 3)), recon.register(D(2025, 4, 1))
    deadlines_for(earliest).update(status="done")  # no open deadline left: listed after every case that has one
    client.force_login(w.reconsideration)
    page = client.get(reverse("reconsideration:board")).content.decode()
    at = [page.index(c.number) for c in (middle, later, earliest)]
    assert at == sorted(at) and "未结案件 3 件" in page
    assert client.get(reverse("reconsideration:board"), {"page": "junk"}).status_code == 200
    # the order is kept between changes, never after one: the middle case's deadlines done, it follows `later` and,
    # among the cases without an open deadline, comes after `earliest` (by id)
    deadlines_for(middle).update(status="done")
    page = client.get(reverse("reconsideration:board")).content.decode()
    at = [page.index(c.number) for c in (later, earliest, middle)]
    assert at == sorted(at)
