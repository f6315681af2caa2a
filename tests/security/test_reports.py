"""Attacks on annual reports and submitted material: another organisation's report, submission and attachment,
actions posted by a department on material it may not review, and attachment names that try to leave the upload
directory."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.reports import actions
from fazhi.reports.choices import ReportStatus, SubmissionStatus
from fazhi.reports.models import AnnualReport, Submission

from .conftest import bearer, xlsx_text


def _material(w, organisation, **kw):
    files = kw.pop("files", [SimpleUploadedFile("做法.txt", "部门内部材料".encode())])
    return actions.submit_material(actor=w.supervisor, organisation=organisation, year=2025,
                                   section_key="results.rules", kind="measure", title="部门内部做法",
                                   body="内容", files=files, **kw)


def test_other_department_gets_404_for_submission_and_attachment(w, client, media):
    sub = _material(w, w.dept_a)
    att = sub.attachments.get()
    client.force_login(w.legal_b)
    assert client.get(sub.get_absolute_url()).status_code == 404
    assert client.post(sub.get_absolute_url(), {"action": "accept"}).status_code == 404
    assert client.get(reverse("reports:attachment", args=[att.pk])).status_code == 404
    resp = client.get(reverse("reports:submission_list"), {"format": "xlsx", "q": "部门内部做法"})
    assert "部门内部做法" not in xlsx_text(resp.content)
    client.force_login(w.legal_a)
    resp = client.get(reverse("reports:attachment", args=[att.pk]))
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == "部门内部材料".encode()


def test_department_cannot_accept_its_own_material(w, client, media):
    sub = _material(w, w.dept_a)
    client.force_login(w.legal_a)
    client.post(sub.get_absolute_url(), {"action": "accept"})
    assert Submission.objects.get(pk=sub.pk).status == SubmissionStatus.SUBMITTED


def test_department_cannot_reach_or_move_the_government_report(w, client):
    report = actions.create_report(actor=w.supervisor, organisation=w.gov, year=2025)
    section = report.sections.first()
    client.force_login(w.legal_a)
    for url in (report.get_absolute_url(), reverse("reports:header", args=[report.pk]),
                reverse("reports:download", args=[report.pk, "docx"]),
                reverse("reports:section_edit", args=[section.pk])):
        assert client.get(url).status_code == 404, url
    for action in ("submit", "return", "approve", "publish"):
        assert client.post(reverse("reports:transition", args=[report.pk, action])).status_code == 404
    assert client.post(reverse("reports:section_edit", args=[section.pk]),
                       {"narrative": "篡改"}).status_code == 404
    assert client.get(f"/api/v1/reports/reports/{report.pk}", **bearer(w.legal_a)).status_code == 404
    assert client.get("/api/v1/reports/annual?org=W-gov&year=2025", **bearer(w.legal_a)).status_code == 404
    assert client.get(reverse("reports:annual"), {"org": w.gov.code, "year": 2025}).status_code == 404


def test_department_cannot_approve_its_own_report(w, client):
    report = actions.create_report(actor=w.legal_a, organisation=w.dept_a, year=2025)
    for s in report.sections.filter(level=1):
        actions.update_section(s, actor=w.legal_a, narrative=f"{s.title}叙述。")
    actions.submit_report(report, actor=w.legal_a)
    client.force_login(w.legal_a)
    client.post(reverse("reports:transition", args=[report.pk, "approve"]))
    client.post(reverse("reports:transition", args=[report.pk, "publish"]))
    assert AnnualReport.objects.get(pk=report.pk).status == ReportStatus.REVIEW


@pytest.mark.parametrize("name", ["../../../escape.txt", "..\\..\\escape.txt", "/etc/escape.txt"])
def test_attachment_names_stay_inside_the_upload_directory(w, media, name):
    try:
        sub = _material(w, w.dept_a, files=[SimpleUploadedFile(name, b"x")])
    except Exception as e:  # refusing the name is as good as cleaning it
        assert "escape" in str(e) or "path" in str(e).lower()
        return
    att = sub.attachments.get()
    stored = (media / att.file.name).resolve()
    assert str(stored).startswith(str(media.resolve())) and stored.exists()
    assert not (media.parent / "escape.txt").exists()


def test_uploaded_material_is_always_downloaded_not_rendered(w, client, media):
    sub = _material(w, w.dept_a, files=[SimpleUploadedFile("x.html", b"<script>alert(1)</script>",
                                                           content_type="text/html")])
    client.force_login(w.legal_a)
    resp = client.get(reverse("reports:attachment", args=[sub.attachments.get().pk]))
    assert resp["Content-Disposition"].startswith("attachment")
    assert resp["X-Content-Type-Options"] == "nosniff"

