"""Long work in the background (issue #17, ADR 0015): a large upload becomes a job the worker runs; its page shows
progress, then the outcome; nothing is half-saved when it fails or when the worker dies."""

import datetime as dt
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from fazhi.core import jobs
from fazhi.core.excel import workbook_bytes
from fazhi.core.importers import COLUMNS
from fazhi.core.models import Job, JobStatus, Organisation

HEADERS = [c[1] for c in COLUMNS]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def background(settings, tmp_path):
    settings.FAZHI_BACKGROUND_BYTES = 0  # every upload goes to the worker
    settings.FAZHI_JOBS_DIR = tmp_path / "jobs"


def _orgs_file(w, n=30, bad_row=None):
    rows = [[f"J{i:03d}", f"新机构{i}", "", "政府部门", w.gov.code, ""] for i in range(n)]
    if bad_row is not None:
        rows[bad_row][1] = ""  # 名称 is required
    return SimpleUploadedFile("机构.xlsx", workbook_bytes("机构", HEADERS, rows), content_type=XLSX)


def _post_import(client, w, **kw):
    client.force_login(w.supervisor)
    resp = client.post("/orgs/import/", {"file": _orgs_file(w, **kw)})
    assert resp.status_code == 302 and resp.url.startswith("/jobs/"), resp
    return Job.objects.get(), resp.url


def _work():
    """What the worker does, without its loop (which closes connections between jobs, as a test's transaction may not
    see); the first test runs the real worker."""
    for pk in Job.objects.filter(status=JobStatus.QUEUED).values_list("pk", flat=True):
        jobs.execute(str(pk))


def test_a_large_import_is_queued_then_done_by_the_worker(transactional_db, w, client, background):
    job, url = _post_import(client, w)
    page = client.get(url).content.decode()
    assert job.status == JobStatus.QUEUED and "排队中" in page and 'http-equiv="refresh"' in page
    assert not Organisation.objects.filter(code__startswith="J").exists()  # nothing done in the request

    call_command("worker", batch=True, verbosity=0)

    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert Organisation.objects.filter(code__startswith="J").count() == 30
    page = client.get(url).content.decode()
    assert "已导入 30 个机构" in page and "查看导入的记录" in page and 'http-equiv="refresh"' not in page
    assert not (jobs.directory(job.pk) / "upload").exists()  # the upload is not kept once done
    assert job.title in client.get("/jobs/").content.decode()


def test_a_background_import_with_a_bad_row_saves_nothing_and_lists_the_row(w, client, background):
    job, url = _post_import(client, w, bad_row=4)
    _work()
    page = client.get(url).content.decode()
    assert "未导入任何数据" in page and "<td>6</td><td>名称</td>" in page
    assert not Organisation.objects.filter(code__startswith="J").exists()


def test_only_its_user_sees_a_job(w, client, background):
    job, url = _post_import(client, w)
    client.force_login(w.legal_a)
    assert client.get(url).status_code == 404
    assert job.title not in client.get("/jobs/").content.decode()


def failing_handler(job):
    Organisation.objects.create(code="HALF", name="写了一半", kind="department", parent=None)
    raise RuntimeError("boom")


def test_a_job_that_breaks_says_so_in_chinese_and_leaves_nothing(w, client, background):
    client.force_login(w.supervisor)
    job = jobs.start(user=w.supervisor, kind="test", title="会出错的任务", handler=f"{__name__}.failing_handler",
                     params={})
    _work()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "系统错误" in job.error and "未写入任何数据" in job.error
    assert "未完成：处理过程中发生系统错误" in client.get(job.get_absolute_url()).content.decode()


def progress_handler(job):
    jobs.progress(3, 12, "校验第 3 行")
    return jobs.read_progress(job)


def test_progress_is_written_while_the_job_runs(w, background, monkeypatch):
    monkeypatch.setattr(jobs, "PROGRESS_EVERY", 0)
    job = jobs.start(user=w.supervisor, kind="test", title="进度", handler=f"{__name__}.progress_handler", params={})
    assert jobs.execute(str(job.pk)) == JobStatus.DONE
    job.refresh_from_db()
    assert job.result["done"] == 3 and job.result["total"] == 12 and job.result["percent"] == 25
    assert job.result["stage"] == "校验第 3 行"
    jobs.progress(1, 2)  # outside a job: nothing, no error


def test_a_job_whose_worker_died_says_it_was_interrupted(w, client, background):
    job = jobs.start(user=w.supervisor, kind="test", title="中断", handler=f"{__name__}.progress_handler", params={})
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    old = time.time() - jobs.STALE_SECONDS - 5
    os.utime(jobs.directory(job.pk) / "progress.json", (old, old))
    client.force_login(w.supervisor)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "后台处理中断" in page and "未写入任何数据" in page and 'http-equiv="refresh"' not in page


def test_a_queued_job_left_waiting_names_the_worker(w, client, background):
    job = jobs.start(user=w.supervisor, kind="test", title="等待", handler=f"{__name__}.progress_handler", params={})
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    client.force_login(w.supervisor)
    assert "fazhi worker" in client.get(job.get_absolute_url()).content.decode()


REPORT = ("清源县2025年法治政府建设年度报告\n一、主要举措和成效\n全年共收到行政复议申请150件，受理140件，审结120件。\n"
          "二、存在的不足和原因\n基层执法力量不足。\n")


def test_a_large_report_is_read_in_the_background_then_audited(w, client, background):
    client.force_login(w.supervisor)
    f = SimpleUploadedFile("报告.txt", REPORT.encode(), content_type="text/plain")
    resp = client.post("/reports/audit/", {"file": f})
    assert resp.status_code == 302 and resp.url.startswith("/jobs/")
    _work()
    resp = client.get(resp.url)
    assert resp.status_code == 302 and "/reports/audit/jobs/" in resp.url  # done: on to the result page
    page = client.get(resp.url).content.decode()
    assert "150" in page and "reconsideration" in page


def test_a_bad_report_file_fails_its_job_with_the_reason(w, client, background):
    client.force_login(w.supervisor)
    f = SimpleUploadedFile("乱码.txt", bytes(range(256)) * 40, content_type="text/plain")
    resp = client.post("/reports/audit/", {"file": f})
    _work()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and job.error
    assert job.error in client.get(resp.url).content.decode()


def test_small_files_stay_in_the_request(w, client, settings):
    client.force_login(w.supervisor)
    rows = [["S1", "小机构", "", "政府部门", w.gov.code, ""]]
    f = SimpleUploadedFile("机构.xlsx", workbook_bytes("机构", HEADERS, rows), content_type=XLSX)
    resp = client.post("/orgs/import/", {"file": f})
    assert resp.status_code == 302 and not resp.url.startswith("/jobs/")
    assert Organisation.objects.filter(code="S1").exists() and not Job.objects.exists()


def test_old_jobs_are_pruned_with_their_files(w, background):
    job = jobs.start(user=w.supervisor, kind="test", title="旧", handler=f"{__name__}.progress_handler", params={},
                     upload=SimpleUploadedFile("x.txt", b"x"))
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(days=jobs.KEEP_DAYS + 1))
    assert jobs.prune() == 1
    assert not Job.objects.exists() and not jobs.directory(job.pk).exists()


def test_a_large_scope_report_is_built_in_the_background_and_downloaded_from_its_job(w, client, background,
                                                                                      settings):
    from fazhi.reports import actions as report_actions

    settings.FAZHI_BACKGROUND_ORGS = 1  # the little world counts as large
    report = report_actions.create_report(actor=w.supervisor, organisation=w.gov, year=2025)
    client.force_login(w.supervisor)
    url = f"/reports/{report.pk}/download/docx/"
    page = client.get(url)
    assert page.status_code == 200 and "开始生成" in page.content.decode() and not Job.objects.exists()  # GET: no job
    resp = client.post(url)
    assert resp.status_code == 302 and resp.url.startswith("/jobs/")
    _work()
    job = Job.objects.get()
    assert job.status == JobStatus.DONE, job.error
    assert "下载" in client.get(resp.url).content.decode()
    got = client.get(f"{resp.url}file/")
    assert got.status_code == 200 and b"".join(got.streaming_content)[:2] == b"PK"
    client.force_login(w.legal_a)
    assert client.get(f"{resp.url}file/").status_code == 404  # another user: no file
