import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from fazhi.core.gongwen import docx_text
from fazhi.core.models import ApiToken
from fazhi.metrics.registry import Scope, evaluate
from fazhi.reports import actions
from fazhi.reports.choices import ReportStatus, SubmissionStatus
from fazhi.reports.models import AnnualReport, ReportSection, Submission
from fazhi.reports.outline import dump_sections
from fazhi.testing.factories import user
from fazhi.testing.scoping import check_scoping

YEAR = 2025


def _published(w):
    report = actions.create_report(actor=w.supervisor, organisation=w.gov, year=YEAR)
    for s in report.sections.filter(level=1):
        actions.update_section(s, actor=w.supervisor, narrative=f"{s.title}叙述。")
    actions.submit_report(report, actor=w.supervisor)
    actions.approve_report(report, actor=w.supervisor, on=dt.date(YEAR + 1, 3, 1))
    return actions.publish_report(report, actor=w.supervisor, on=dt.date(YEAR + 1, 3, 2))


def test_report_scoping(county, client):
    check_scoping(county, client=client, model=AnnualReport,
                  make=lambda org: actions.create_report(actor=county.supervisor, organisation=org, year=YEAR),
                  page_url=lambda r: r.get_absolute_url(),
                  api_url=lambda r: f"/api/v1/reports/reports/{r.pk}")


def test_submission_scoping(county, client):
    check_scoping(county, client=client, model=Submission,
                  make=lambda org: actions.submit_material(actor=county.supervisor, organisation=org, year=YEAR,
                                                           section_key="results", title="t", body="b"),
                  page_url=lambda s: s.get_absolute_url())


def test_report_page_links_every_figure_to_its_drilldown(county, client):
    report = actions.create_report(actor=county.supervisor, organisation=county.gov, year=YEAR)
    client.force_login(county.supervisor)
    html = client.get(report.get_absolute_url()).content.decode()
    url = f'/metrics/org.departments/?org={county.gov.code}&amp;year={YEAR}'
    assert f'href="{url}"' in html
    assert "五、其他需要报告的情况" in html and "（一）依法全面履行政府职能" in html
    assert "提交审核" in html


def test_section_edit_page_shows_accepted_material(county, client):
    report = actions.create_report(actor=county.supervisor, organisation=county.gov, year=YEAR)
    ok = actions.submit_material(actor=county.legal_a, organisation=county.dept_a, year=YEAR,
                                 section_key="results.enforcement", title="已采用做法", body="采用的内容")
    actions.accept_submission(ok, actor=county.supervisor)
    actions.submit_material(actor=county.legal_b, organisation=county.dept_b, year=YEAR,
                            section_key="results.enforcement", title="待审做法", body="待审")
    section = report.sections.get(key="results.enforcement")
    client.force_login(county.supervisor)
    html = client.get(f"/reports/sections/{section.pk}/").content.decode()
    assert "已采用做法" in html and "待审做法" not in html
    resp = client.post(f"/reports/sections/{section.pk}/", {"narrative": "采用的内容\r\n第二段"})
    assert resp.status_code == 302
    assert ReportSection.objects.get(pk=section.pk).narrative == "采用的内容\n第二段"
    # A department officer cannot see the county's report section at all.
    client.force_login(county.legal_a)
    assert client.get(f"/reports/sections/{section.pk}/").status_code == 404


def test_workflow_through_pages(county, client):
    client.force_login(county.supervisor)
    resp = client.post("/reports/new/", {"organisation": county.gov.pk, "year": YEAR})
    report = AnnualReport.objects.get()
    assert resp.status_code == 302 and resp["Location"] == report.get_absolute_url()
    resp = client.post(f"/reports/{report.pk}/submit/", follow=True)
    assert "尚未撰写" in resp.content.decode()
    for s in report.sections.filter(level=1):
        client.post(f"/reports/sections/{s.pk}/", {"narrative": "内容"})
    client.post(f"/reports/{report.pk}/submit/")
    client.post(f"/reports/{report.pk}/approve/")
    client.post(f"/reports/{report.pk}/publish/")
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED


def test_downloads(county, client):
    report = actions.create_report(actor=county.supervisor, organisation=county.gov, year=YEAR)
    client.force_login(county.supervisor)
    resp = client.get(f"/reports/{report.pk}/download/docx/")
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    text = docx_text(resp.content)
    for heading in ["一、", "二、存在的不足和原因", "三、党政主要负责人", "四、2026年推进法治政府建设的主要安排",
                    "五、其他需要报告的情况", "报告数据指标口径一览表"]:
        assert heading in text
    # Appendix: every figure with its definition.
    table = Document(io.BytesIO(resp.content)).tables[-1]
    labels = [row.cells[1].text for row in table.rows[1:]]
    assert "政府部门" in labels and any("有效的政府部门数" in row.cells[4].text for row in table.rows[1:])
    data = json.loads(client.get(f"/reports/{report.pk}/download/json/").content)
    assert data["org"] == county.gov.code
    assert "<article" in client.get(f"/reports/{report.pk}/download/html/").content.decode()


def test_portal_shows_only_published_reports(county, client):
    draft = actions.create_report(actor=county.supervisor, organisation=county.dept_a, year=YEAR)
    published = _published(county)
    client.logout()
    html = client.get("/portal/reports/").content.decode()
    assert published.title in html and draft.title not in html
    page = client.get(f"/portal/reports/{published.pk}/")
    assert page.status_code == 200 and "/metrics/" not in page.content.decode()
    assert client.get(f"/portal/reports/{draft.pk}/").status_code == 404
    assert client.get(f"/portal/reports/{published.pk}/word/")["Content-Type"].startswith("application/vnd")


def test_submission_pages(county, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(county.legal_a)
    resp = client.post("/reports/submissions/new/", {
        "organisation": county.dept_a.pk, "year": YEAR, "section_key": "results.rules", "kind": "measure",
        "title": "合法性审核全覆盖", "body": "内容"})
    sub = Submission.objects.get()
    assert resp.status_code == 302 and sub.organisation == county.dept_a
    html = client.get(sub.get_absolute_url()).content.decode()
    assert "采用" not in html.split("变更历史")[0].split("</dl>")[1]  # the department sees no review buttons
    client.force_login(county.supervisor)
    client.post(sub.get_absolute_url(), {"action": "return", "reason": ""})
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.SUBMITTED
    client.post(sub.get_absolute_url(), {"action": "accept"})
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.ACCEPTED
    assert "合法性审核全覆盖" in client.get("/reports/submissions/?status=accepted").content.decode()


def test_template_page_validates_yaml(county, client):
    template = actions.ensure_default_template()
    client.force_login(county.supervisor)
    resp = client.post(f"/reports/templates/{template.pk}/", {"name": "默认", "sections": "- key: a\n  title: b"})
    assert resp.status_code == 200 and "缺少" in resp.content.decode()
    client.force_login(county.legal_a)
    assert "没有修改权限" in client.get(f"/reports/templates/{template.pk}/").content.decode()


def test_dashboard_panel_shows_key_figures(county, client):
    client.force_login(county.supervisor)
    html = client.get("/").content.decode()
    assert 'id="key-figures"' in html and "vendor/echarts.min.js" in html
    assert f'/metrics/org.departments/?org={county.gov.code}' in html


def test_api(county, client):
    report = actions.create_report(actor=county.supervisor, organisation=county.gov, year=YEAR)
    _, key = ApiToken.issue(county.supervisor)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    data = client.get(f"/api/v1/reports/annual?org={county.gov.code}&year={YEAR}", **auth).json()
    assert data["figures"] and data["org"] == county.gov.code
    listing = client.get("/api/v1/reports/reports", **auth).json()
    assert [r["id"] for r in listing] == [report.pk]


def test_command_json_equals_metrics(county, tmp_path):
    out = tmp_path / "r.json"
    call_command("report", "annual", "--org", county.gov.code, "--year", str(YEAR), "--format", "json",
                 "--out", str(out))
    data = json.loads(out.read_text())
    assert data["figures"]
    for f in data["figures"]:
        assert f["value"] == evaluate(f["metric"], Scope.for_year(county.gov, YEAR))["value"]
    docx = tmp_path / "r.docx"
    call_command("report", "annual", "--org", county.gov.code, "--year", str(YEAR), "--format", "docx",
                 "--out", str(docx))
    assert "一、2025年推进法治政府建设的主要举措和成效" in docx_text(docx.read_bytes())


@pytest.mark.parametrize("args, message", [
    (["--org", "NOPE", "--year", "2025"], "不存在"),
    (["--org", "W-gov", "--year", "20x5"], "年度无效"),
    (["--org", "W-gov", "--year", "1800"], "年度无效"),
    (["--org", "W-gov", "--year", "2025", "--format", "pdf"], "格式无效"),
    (["--org", "W-gov", "--year", "2025", "--format", "json", "--out", "/nonexistent-dir/r.json"], "所在目录不存在"),
])
def test_command_errors(county, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", "annual", *args)


def test_admin_is_read_only(county, client):
    report = actions.create_report(actor=county.supervisor, organisation=county.gov, year=YEAR)
    client.force_login(user("root", superuser=True))
    assert client.get("/admin/reports/annualreport/").status_code == 200
    page = client.get(f"/admin/reports/annualreport/{report.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()


def test_template_save_warns_about_unregistered_metrics(county, client):
    template = actions.ensure_default_template()
    sections = [dict(s) for s in template.sections]
    sections[1]["sentences"] = ["共{{no.such_metric}}项。"]
    client.force_login(county.supervisor)
    resp = client.post(f"/reports/templates/{template.pk}/", {"name": "默认", "sections": dump_sections(sections)},
                       follow=True)
    assert "no.such_metric" in resp.content.decode()
    template.refresh_from_db()
    assert template.sections[1]["sentences"] == ["共{{no.such_metric}}项。"]


def test_downloaded_html_links_are_absolute_but_the_page_keeps_its_own(county, client):
    import re

    report = actions.create_report(actor=county.supervisor, organisation=county.gov, year=YEAR)
    client.force_login(county.supervisor)
    for url in (f"/reports/{report.pk}/download/html/",
                f"/reports/annual/?org={county.gov.code}&year={YEAR}&format=html"):
        html = client.get(url).content.decode()
        links = re.findall(r'href="([^"]*)"', html)
        assert links and all(link.startswith("http://testserver/metrics/") for link in links), url
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert 'class="fig" href="/metrics/' in page and "http://testserver/metrics/" not in page
