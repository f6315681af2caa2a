"""Long work in the background (issue #17, ADR 0015).

A page that would keep its user waiting (a large import, the audit of a large file) calls `start()`: the upload is
saved under FAZHI_HOME/jobs/<id>/, a `Job` row records who asked for what, and the Django tasks backport's database
queue gets `run_job(id)`. `fazhi worker` (started beside the server by `fazhi serve`) takes it and calls the job's
handler, a function `handler(job) -> dict` named by dotted path. The user is sent to the job's page, which shows a
progress bar while the work runs and the outcome when it ends; `/jobs/` lists the user's jobs to come back to.

Progress is a small JSON file beside the upload, replaced atomically, not a database row: the work holds its own
transaction open until it commits (an import is all or nothing), and on SQLite a second writer would wait behind it.
Work reports progress through `progress(done, total, stage)`, a no-op outside a job, so importers call it freely. A
heartbeat thread touches the file while the job runs; a job whose file has not moved for STALE_SECONDS was
interrupted (the worker was killed) and its page says so. Nothing of it was saved: the work's transaction rolled
back with the process.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import os
import shutil
import threading
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.utils.module_loading import import_string
from django_tasks import task

from fazhi.core import clock
from fazhi.core.models import Job, JobStatus
from fazhi.core.permissions import ActionError

log = logging.getLogger(__name__)

STALE_SECONDS = 180  # no heartbeat for this long: the worker running the job is gone
HEARTBEAT_SECONDS = 20
KEEP_DAYS = 30  # finished jobs (and what is left of their files) are removed after this by `fazhi tick`
PROGRESS_EVERY = 0.5  # seconds between two writes of the progress file

_current: contextvars.ContextVar[_Reporter | None] = contextvars.ContextVar("fazhi_job", default=None)


def directory(job_id) -> Path:
    return Path(settings.FAZHI_JOBS_DIR) / str(job_id)


def in_background(upload) -> bool:
    """Whether an uploaded file is large enough that its work should not run inside the request."""
    return (getattr(upload, "size", 0) or 0) > settings.FAZHI_BACKGROUND_BYTES


def start(*, user, kind: str, title: str, handler: str, params: dict, upload=None) -> Job:
    """Save the upload, record the job and queue it. `params` must be JSON; the handler finds the upload with
    `upload(job)`."""
    job_id = uuid.uuid4()
    d = directory(job_id)
    d.mkdir(parents=True, mode=0o700)
    params = dict(params)
    if upload is not None:
        params["upload_name"] = os.path.basename(getattr(upload, "name", "") or "upload")
        with open(d / "upload", "wb") as f:
            for chunk in upload.chunks():
                f.write(chunk)
    _write(d, {"done": 0, "total": 0, "stage": "排队等候后台处理"})
    job = Job.objects.create(id=job_id, user=user, kind=kind, title=title[:200], handler=handler, params=params)
    run_job.enqueue(str(job_id))
    return job


def upload(job: Job) -> File:
    """The job's uploaded file, opened, under its original name (importers look at the extension)."""
    return File(open(directory(job.pk) / "upload", "rb"), name=job.params.get("upload_name", "upload"))


def save_output(job: Job, content: bytes, filename: str, content_type: str) -> dict:
    """Keep a file the job made for its user to download from the job's page; the result entries that name it."""
    (directory(job.pk) / "output").write_bytes(content)
    return {"file": os.path.basename(filename), "content_type": content_type}


def output_path(job: Job) -> Path | None:
    path = directory(job.pk) / "output"
    return path if (job.result or {}).get("file") and path.exists() else None


def progress(done: int, total: int = 0, stage: str = "") -> None:
    """Report progress of the job running in this context (nothing outside a job)."""
    reporter = _current.get()
    if reporter is not None:
        reporter.report(done, total, stage)


def read_progress(job: Job) -> dict:
    """{"done", "total", "stage", "percent", "stale"} of a job, from its progress file."""
    path = directory(job.pk) / "progress.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        age = time.time() - path.stat().st_mtime
    except (OSError, ValueError):
        data, age = {}, 0.0
    done, total = int(data.get("done") or 0), int(data.get("total") or 0)
    percent = min(100, round(100 * done / total)) if total else None
    stale = job.status == JobStatus.RUNNING and age > STALE_SECONDS
    return {"done": done, "total": total, "stage": data.get("stage", ""), "percent": percent, "stale": stale}


class _Reporter:
    def __init__(self, d: Path):
        self.dir = d
        self.state = {"done": 0, "total": 0, "stage": "开始处理"}
        self.last = 0.0
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def report(self, done: int, total: int, stage: str) -> None:
        with self.lock:
            self.state = {"done": done, "total": total or self.state["total"], "stage": stage or self.state["stage"]}
            now = time.monotonic()
            if now - self.last >= PROGRESS_EVERY or (total and done >= total):
                self.last = now
                _write(self.dir, self.state)

    def beat(self) -> None:
        while not self.stop.wait(HEARTBEAT_SECONDS):
            with self.lock:
                _write(self.dir, self.state)


def _write(d: Path, state: dict) -> None:
    tmp = d / "progress.json.tmp"
    tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, d / "progress.json")


@task()
def run_job(job_id: str) -> str:
    """The task the worker runs: one job, start to end."""
    return execute(job_id)


def execute(job_id: str) -> str:
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.status != JobStatus.QUEUED:
        return "skipped"
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=clock.now())
    d = directory(job.pk)
    reporter = _Reporter(d)
    reporter.report(0, 0, "开始处理")
    heartbeat = threading.Thread(target=reporter.beat, daemon=True)
    heartbeat.start()
    token = _current.set(reporter)
    from fazhi.core.excel import ImportFailed

    status, result, error = JobStatus.FAILED, None, ""
    try:
        result = import_string(job.handler)(job)
        status = JobStatus.DONE
    except (ActionError, ImportFailed) as e:
        error = e.message
    except Exception:
        log.exception("background job %s failed", job.pk)
        error = "处理过程中发生系统错误，未写入任何数据。请稍后重试；如仍失败，请联系系统管理员查看服务日志。"
    finally:
        _current.reset(token)
        reporter.stop.set()
        heartbeat.join(timeout=5)
    with reporter.lock:
        _write(d, {**reporter.state, "stage": "已完成" if status == JobStatus.DONE else "未完成"})
    (d / "upload").unlink(missing_ok=True)  # the file served its purpose; personal data is not kept twice
    Job.objects.filter(pk=job.pk).update(status=status, result=result, error=error, finished_at=clock.now())
    return status


def prune(now=None) -> int:
    """Remove finished jobs older than KEEP_DAYS and their directories; returns how many."""
    cutoff = (now or clock.now()) - dt.timedelta(days=KEEP_DAYS)
    old = list(Job.objects.filter(created_at__lt=cutoff).values_list("pk", flat=True))
    for pk in old:
        shutil.rmtree(directory(pk), ignore_errors=True)
    Job.objects.filter(pk__in=old).delete()
    return len(old)
