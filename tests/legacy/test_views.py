from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import AuditEvent
from fazhi.metrics.models import HistoricalValue

LAST_YEAR = timezone.localdate().year - 1


def upload(client, seed_path, n=1):
    path = seed_path(n)
    return client.post(reverse("legacy:upload"), {"file": SimpleUploadedFile(path.name, path.read_bytes())})


def test_login_required(client):
    resp = client.get(reverse("legacy:upload"))
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]
    assert reverse("legacy:upload") == "/reports/audit/"


def test_upload_shows_audit(w, client, seed_path):
    client.force_login(w.legal_a)
    assert client.get(reverse("legacy:upload")).status_code == 200
    resp = upload(client, seed_path, 2)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "99.37%" in html and "截断" in html
    assert "mediation.success_rate" in html
    assert "二、存在问题" in html
    assert "阅读次数" not in html  # the cleaned text, without the portal header
    # The organisations offered for saving are those the user may record: legal_a's own department only.
    form = resp.context["save_form"]
    assert list(form.fields["organisation"].queryset) == [w.dept_a]
    assert form.initial["year"] == 2016
    assert "2016 年（据标题“盖州市政府2016年依法行政工作报告”）" in html


def test_upload_leaves_year_blank_when_report_does_not_state_it(w, client, seed_path):
    """Seed 000 has lost its years except "我市自1999年开始……推行": that is no report year (issue #10 item 9)."""
    client.force_login(w.legal_a)
    resp = upload(client, seed_path, 0)
    assert resp.status_code == 200
    assert resp.context["save_form"].initial["year"] is None
    assert client.session["legacy_audit"]["year"] is None
    assert "未能确定（标题和正文开头均未写明报告年度）" in resp.content.decode()


def test_unsupported_file_message(w, client):
    client.force_login(w.legal_a)
    resp = client.post(reverse("legacy:upload"), {"file": SimpleUploadedFile("a.xlsx", b"x")})
    assert resp.status_code == 200
    assert "不支持的文件类型" in resp.content.decode()


def test_save_selected_figures(w, client, seed_path):
    client.force_login(w.legal_a)
    resp = upload(client, seed_path, 1)
    payload = client.session["legacy_audit"]
    wanted = {"reconsideration.received", "reconsideration.accepted", "mediation.success_rate"}
    picks = [str(i) for i, f in enumerate(payload["figures"]) if f["metric"] in wanted]
    assert len(picks) == 3
    resp = client.post(reverse("legacy:save"), {"organisation": w.dept_a.pk, "year": 2019, "figures": picks,
                                                 "reason": "导入2019年度报告"})
    assert resp.status_code == 302
    values = {v.metric_key: v for v in HistoricalValue.objects.filter(organisation=w.dept_a, year=2019)}
    assert set(values) == wanted
    assert values["reconsideration.received"].value == 37
    assert str(values["mediation.success_rate"].value.normalize()) == "98.8"
    assert values["reconsideration.received"].source_document == seed_path(1).name
    assert "37件" in values["reconsideration.received"].source_text
    assert AuditEvent.objects.filter(verb="录入历史指标值").count() == 3


def test_save_for_invisible_organisation_refused(w, client, seed_path):
    client.force_login(w.legal_a)
    upload(client, seed_path, 1)
    resp = client.post(reverse("legacy:save"), {"organisation": w.dept_b.pk, "year": 2019, "figures": ["0"]})
    assert resp.status_code == 200
    assert "选择一个有效的选项" in resp.content.decode()
    assert not HistoricalValue.objects.exists()


def test_save_future_year_refused(w, client, seed_path):
    client.force_login(w.supervisor)
    upload(client, seed_path, 1)
    resp = client.post(reverse("legacy:save"), {"organisation": w.gov.pk, "year": LAST_YEAR + 1, "figures": ["0"]})
    assert resp.status_code == 200 and "以往年度" in resp.content.decode()
    assert not HistoricalValue.objects.exists()


def test_save_without_audit_in_session(w, client):
    client.force_login(w.legal_a)
    resp = client.post(reverse("legacy:save"), {"organisation": w.dept_a.pk, "year": 2019, "figures": ["0"]})
    assert resp.status_code == 302


def test_the_page_shows_genre_era_and_unmapped_figures(w, client):
    client.force_login(w.legal_a)
    text = ("青山县2017年依法行政工作报告\n一、主要举措\n全年复议、应诉、调解案件共计 1,300 件。"
            "全年收到行政复议申请 48 件，上年为 41 件，同比增长17.1%。\n")
    resp = client.post(reverse("legacy:upload"), {"file": SimpleUploadedFile("r.txt", text.encode())})
    html = resp.content.decode()
    assert "文件类型" in html and "法治政府建设年度报告" in html
    assert "2017 年度报告，早于《法治政府建设与责任落实督察工作规定》" in html
    assert 'id="unmapped"' in html and "跨类别合计" in html and "行政复议、行政诉讼（应诉）、矛盾纠纷调解" in html
    assert "同比增减" in html and "上年数（用于同比核对" in html
    # The year before's figure is shown, not offered for saving as this year's.
    assert [f["raw"] for f in client.session["legacy_audit"]["figures"]] == ["48 件"]
