"""Pages: upload an existing report, see the audit, save its figures as historical values."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import jobs
from fazhi.core.job_views import own_job
from fazhi.core.models import JobStatus
from fazhi.core.permissions import ActionError
from fazhi.core.uploads import explain_rejected_upload
from fazhi.metrics.actions import save_historical_values
from fazhi.metrics.models import HistoricalValue
from fazhi.metrics.registry import UnknownMetric, get
from fazhi.reports.legacy.audit import SEVERITY_LABELS, AuditResult, audit_bytes, audit_text, unmapped_dict
from fazhi.reports.legacy.extract import UnsupportedFile, extract_bytes
from fazhi.reports.legacy.forms import SaveFiguresForm, UploadForm
from fazhi.reports.legacy.outline import PART_KEYS
from fazhi.reports.legacy.year import ReportYear

SESSION_KEY = "legacy_audit"


def _metric_label(key: str) -> str:
    try:
        return get(key).label
    except UnknownMetric:
        return ""


def _savable(f) -> bool:
    """A figure of the report's own year that a metric key reads (not the year before's, not a change)."""
    return bool(f.metric) and not f.period


def _session_payload(result: AuditResult, year: ReportYear) -> dict:
    figures = [{"metric": f.metric, "value": str(f.value), "unit": f.unit, "sentence": f.sentence[:500],
                "raw": f.raw} for f in result.figures if _savable(f)]
    # The year only as the report states it (title or opening); None leaves the form's 报告年度 for the user.
    return {"source": result.source, "figures": figures, "year": year.year}


def _choices(payload: dict) -> list[tuple[str, str]]:
    return [(str(i), f"{f['metric']} = {f['raw']}") for i, f in enumerate(payload.get("figures", []))]


def _context(result: AuditResult, form: SaveFiguresForm, year: ReportYear) -> dict:
    rows = []
    for i, f in enumerate(result.figures):
        rows.append({"index": i, "figure": f, "label": _metric_label(f.metric) if f.metric else ""})
    mapped_index = {}
    n = 0
    for i, f in enumerate(result.figures):
        if _savable(f):
            mapped_index[i] = str(n)
            n += 1
    for r in rows:
        r["choice"] = mapped_index.get(r["index"])
    unmapped = {i for i, _f in result.unmapped}
    rank = {"error": 0, "warning": 1, "info": 2}
    findings = [{"f": f, "label": SEVERITY_LABELS[f.severity],
                 "css": {"error": "missed", "warning": "due_soon", "info": "met"}[f.severity],
                 "compared": [result.figures[i] for i in f.figures if 0 <= i < len(result.figures)]}
                for f in sorted(result.findings, key=lambda f: rank[f.severity])]
    unmapped_rows = [{**r, "data": unmapped_dict(r["index"], r["figure"])} for r in rows if r["index"] in unmapped]
    return {"title": "历年报告审核", "result": result, "findings": findings,
            "mapped_rows": [r for r in rows if r["choice"] is not None],
            "previous_rows": [r for r in rows if r["figure"].metric and r["figure"].period == "previous"],
            "unmapped_rows": unmapped_rows,
            "other_rows": [r for r in rows if not r["figure"].metric and r["index"] not in unmapped],
            "parts": [result.parts[k] for k in PART_KEYS], "save_form": form, "report_year": year,
            "repair_summary": result.repair_summary()}


@require_http_methods(["GET", "POST"])
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not form.is_valid():
        explain_rejected_upload(request, form)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        if jobs.in_background(upload_file):
            job = jobs.start(user=request.user, kind="legacy_audit", title=f"报告审核：{upload_file.name}",
                             handler="fazhi.reports.legacy.views.extract_job", upload=upload_file,
                             params={"back": request.path})
            return redirect(job)
        try:
            result = audit_bytes(upload_file.read(), upload_file.name)
        except UnsupportedFile as e:
            form.add_error("file", e.message)
        else:
            return _show(request, result)
    return render(request, "legacy/upload.html", {"form": form, "title": "历年报告审核",
                                                  "recent": HistoricalValue.objects.visible_to(request.user)
                                                  .select_related("organisation").order_by("-updated_at")[:10]})


def _show(request, result: AuditResult):
    year = result.year
    payload = _session_payload(result, year)
    request.session[SESSION_KEY] = payload
    save_form = SaveFiguresForm(user=request.user, figure_choices=_choices(payload), initial={"year": payload["year"]})
    return render(request, "legacy/result.html", _context(result, save_form, year))


def extract_job(job) -> dict:
    """The background half of a large upload: read its text (a long PDF takes a while), keep it beside the job.
    The result page audits that text when it is opened, as an upload in the request would."""
    with jobs.upload(job) as f:
        text = extract_bytes(f.read(), job.params["upload_name"])
    (jobs.directory(job.pk) / "text.txt").write_text(text, encoding="utf-8")
    return {"view_url": reverse("legacy:job_result", args=[job.pk]), "characters": len(text)}


def job_result(request, pk):
    job = own_job(request, pk)
    path = jobs.directory(job.pk) / "text.txt"
    if job.status != JobStatus.DONE or job.kind != "legacy_audit" or not path.exists():
        raise Http404("该审核任务尚未完成或已过期。")
    return _show(request, audit_text(path.read_text(encoding="utf-8"), source=job.params.get("upload_name", "")))


@require_POST
def save(request):
    payload = request.session.get(SESSION_KEY)
    if not payload:
        messages.error(request, "审核结果已过期，请重新上传报告。")
        return redirect("legacy:upload")
    form = SaveFiguresForm(request.POST, user=request.user, figure_choices=_choices(payload))
    if form.is_valid():
        d = form.cleaned_data
        chosen = [payload["figures"][int(i)] for i in d["figures"]]
        items = [{"metric_key": f["metric"], "value": f["value"], "unit": f["unit"], "source_text": f["sentence"]}
                 for f in chosen]
        try:
            rows = save_historical_values(actor=request.user, organisation=d["organisation"], year=d["year"],
                                          items=items, source_document=payload["source"], reason=d["reason"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"已为“{d['organisation'].name}”保存 {d['year']} 年度的 {len(rows)} 个历史指标值。")
            return redirect("legacy:upload")
    return render(request, "legacy/save.html", {"form": form, "title": "保存历史指标值", "payload": payload})
