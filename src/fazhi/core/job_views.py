"""The pages of background jobs (fazhi.core.jobs): one job's progress and outcome, and the user's list of jobs."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from fazhi.core import clock, jobs
from fazhi.core.models import Job, JobStatus

QUEUED_HINT_SECONDS = 60  # queued longer than this: say that the worker may not be running


def own_job(request, pk) -> Job:
    """Only the job's own user (or a superuser) sees it: its report names rows of the user's upload."""
    qs = Job.objects.all() if request.user.is_superuser else Job.objects.filter(user=request.user)
    return get_object_or_404(qs, pk=pk)


def job_detail(request, pk):
    job = own_job(request, pk)
    result = job.result or {}
    if job.status == JobStatus.DONE and result.get("view_url"):
        return redirect(result["view_url"])  # the work has a page of its own (an audit's result page)
    progress = jobs.read_progress(job)
    context = {"job": job, "title": job.title, "progress": progress, "refresh": not job.finished and not
               progress["stale"], "waiting_long": job.status == JobStatus.QUEUED and
               (_age(job) > QUEUED_HINT_SECONDS)}
    if job.status == JobStatus.DONE and job.kind == "import":
        from fazhi.core.import_views import result_from_job

        context["result"] = result_from_job(result)
    return render(request, "core/job.html", context)


def _age(job) -> float:

    return (clock.now() - job.created_at).total_seconds()


def job_list(request):
    page = Paginator(Job.objects.filter(user=request.user).only(
        "id", "title", "status", "created_at", "finished_at"), 20).get_page(request.GET.get("page"))
    return render(request, "core/jobs.html", {"page": page, "title": "我的后台任务", "pager": {}})


def job_file(request, pk):
    """The file a finished job made (a province's annual report), for the job's own user."""
    from urllib.parse import quote

    from django.http import FileResponse, Http404

    job = own_job(request, pk)
    path = jobs.output_path(job)
    if path is None:
        raise Http404("该任务没有可下载的文件，或文件已过期。")
    resp = FileResponse(path.open("rb"), content_type=job.result.get("content_type", "application/octet-stream"))
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(job.result['file'])}"
    return resp
