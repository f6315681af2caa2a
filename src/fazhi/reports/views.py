"""Pages of the annual report: the report list and page, section editing, workflow, downloads, department
submissions and outline templates. Logic lives in actions.py; views only translate requests."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import clock, jobs
from fazhi.core.listing import Filter, ScopedListView
from fazhi.core.models import AuditEvent, Organisation
from fazhi.core.permissions import ActionError
from fazhi.core.scoping import subtree_ids
from fazhi.core.views import home_organisation
from fazhi.metrics.registry import UnknownMetric, get
from fazhi.reports import actions, deadlines
from fazhi.reports.assemble import assemble_for, assemble_report, default_sections
from fazhi.reports.choices import ReportStatus, SubmissionKind, SubmissionStatus
from fazhi.reports.forms import (
    ReasonForm,
    ReportCreateForm,
    ReportHeaderForm,
    SectionForm,
    SubmissionForm,
    SubmissionReviseForm,
    TemplateCreateForm,
    TemplateForm,
)
from fazhi.reports.models import AnnualReport, OutlineTemplate, ReportSection, Submission, SubmissionAttachment
from fazhi.reports.outline import OutlineError, dump_sections, parse_sections
from fazhi.reports.patterns import metric_keys
from fazhi.reports.permissions import (
    may_approve_report,
    may_draft_report,
    may_edit_template,
    may_review_material,
    may_submit_material,
)
from fazhi.reports.render import to_docx, to_html, to_json

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment(content, filename: str, content_type: str) -> HttpResponse:
    resp = HttpResponse(content, content_type=content_type)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return resp


class ReportList(ScopedListView):
    title = "法治政府建设年度报告"
    columns = [("title", "标题"), ("year", "年度"), ("organisation__name", "报告机构"), ("get_status_display", "状态"),
               ("approved_on", "审定日期"), ("published_on", "公开日期")]
    search_fields = ["title", "organisation__name"]
    filters = [Filter("status", "状态", "status", list(ReportStatus.choices))]
    create_url_name = "reports:create"
    create_label = "起草年度报告"

    @property
    def extra_actions(self):
        return [(reverse("reports:submission_list"), "部门报送素材"), (reverse("reports:template_list"), "提纲模板")]

    def base_queryset(self):
        return AnnualReport.objects.select_related("organisation")


@require_http_methods(["GET", "POST"])
def report_create(request):
    org = home_organisation(request.user)
    initial = {"organisation": org.pk if org else None, "year": clock.today().year - 1}
    form = ReportCreateForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            report = actions.create_report(actor=request.user, organisation=d["organisation"], year=d["year"],
                                           template=d["template"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"已起草“{report.title}”。")
            return redirect(report)
    return render(request, "core/form.html", {"form": form, "title": "起草年度报告", "submit_label": "起草"})


def _report(request, pk) -> AnnualReport:
    return get_object_or_404(AnnualReport.objects.visible_to(request.user).select_related("organisation"), pk=pk)


def report_detail(request, pk):
    report = _report(request, pk)
    doc = assemble_report(report)
    can_draft = may_draft_report(request.user, report.organisation)
    can_approve = may_approve_report(request.user, report.organisation)
    pending = Submission.objects.visible_to(request.user).in_subtree(report.organisation).filter(
        year=report.year).pending().count()
    return render(request, "reports/detail.html", {
        "report": report, "doc": doc, "links": True, "can_draft": can_draft, "can_approve": can_approve,
        "editable": report.status == ReportStatus.DRAFT and can_draft,
        "sections_by_key": {s.key: s for s in report.sections.all()},
        "reason_form": ReasonForm(), "pending": pending,
        "deadlines": _deadline_rows(report),
        "history": AuditEvent.objects.for_object(report), "title": report.title,
    })


def _deadline_rows(report) -> list[dict]:
    today = clock.today()
    rows = []
    for d in deadlines.for_report(report):
        status = d.display_status(today) if hasattr(d, "display_status") else d.status
        label = d.get_display_status_label(today) if hasattr(d, "get_display_status_label") else d.status
        rows.append({"label": d.label, "start": d.start, "due": d.due, "status": status, "status_label": label,
                     "provisional": d.provisional, "explanation": d.explanation, "completed_on": d.completed_on})
    return rows


@require_POST
def report_transition(request, pk, action):
    report = _report(request, pk)
    reason = request.POST.get("reason", "")
    handlers = {
        "submit": lambda: actions.submit_report(report, actor=request.user),
        "return": lambda: actions.return_report(report, actor=request.user, reason=reason),
        "approve": lambda: actions.approve_report(report, actor=request.user),
        "publish": lambda: actions.publish_report(report, actor=request.user),
    }
    if action not in handlers:
        return HttpResponse("未知操作", status=400)
    try:
        report = handlers[action]()
    except ActionError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, f"报告状态：{report.get_status_display()}。")
    return redirect("reports:detail", pk=report.pk)


@require_http_methods(["GET", "POST"])
def report_header(request, pk):
    report = _report(request, pk)
    form = ReportHeaderForm(request.POST or None, initial={"title": report.title, "doc_number": report.doc_number,
                                                           "recipients": report.recipients})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_report_header(report, actor=request.user, **form.cleaned_data)
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "已保存。")
            return redirect(report)
    return render(request, "core/form.html", {"form": form, "title": f"修改标题和文号：{report.title}"})


@require_http_methods(["GET", "POST"])
def section_edit(request, pk):
    section = get_object_or_404(ReportSection.objects.visible_to(request.user).select_related("report__organisation"),
                                pk=pk)
    report = section.report
    form = SectionForm(request.POST or None, initial={"narrative": section.narrative})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_section(section, actor=request.user, narrative=form.cleaned_data["narrative"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"已保存“{section.title}”。")
            return redirect(f"{report.get_absolute_url()}#sec-{section.key}")
    doc = assemble_report(report, live=True)
    current = next(s for s in doc.sections if s.key == section.key)
    material = Submission.objects.visible_to(request.user).in_subtree(report.organisation).filter(
        year=report.year, section_key=section.key).accepted().select_related("organisation").prefetch_related(
        "attachments")
    return render(request, "reports/section_edit.html", {
        "report": report, "section": section, "current": current, "doc": doc, "form": form, "material": material,
        "title": f"编辑章节：{current.title}",
    })


FORMATS = ("docx", "json", "html")


@require_http_methods(["GET", "POST"])
def report_download(request, pk, fmt):
    """The report as a file. A report over more organisations than FAZHI_BACKGROUND_ORGS (a province's) is built by
    the background worker: the link shows a button that queues it, and the job's page offers the file (ADR 0015)."""
    report = _report(request, pk)
    if fmt not in FORMATS:
        return HttpResponse("未知格式", status=404)
    if len(subtree_ids(report.organisation)) > settings.FAZHI_BACKGROUND_ORGS:
        if request.method == "POST":
            job = jobs.start(user=request.user, kind="report_file", title=f"生成{report.title}（{fmt}）",
                             handler="fazhi.reports.views.report_file_job",
                             params={"report": report.pk, "fmt": fmt, "base_url": request.build_absolute_uri("/"),
                                     "back": report.get_absolute_url()})
            return redirect(job)
        return render(request, "reports/download_background.html", {"report": report, "fmt": fmt,
                                                                     "title": f"下载{report.title}"})
    return _download(request, assemble_report(report), fmt, report=report)


def report_file_job(job) -> dict:
    report = get_object_or_404(AnnualReport.objects.visible_to(job.user).select_related("organisation"),
                               pk=job.params["report"])
    jobs.progress(0, 2, "正在计算报告中的各项指标")
    doc = assemble_report(report)
    jobs.progress(1, 2, "正在排版")
    content, filename, ctype = _file(doc, job.params["fmt"], report=report, base_url=job.params["base_url"])
    return {**jobs.save_output(job, content, filename, ctype), "message": f"已生成“{filename}”。"}


def _download(request, doc, fmt, *, report=None):
    if fmt not in FORMATS:
        return HttpResponse("未知格式", status=404)
    return _attachment(*_file(doc, fmt, report=report, base_url=request.build_absolute_uri("/")))


def _file(doc, fmt, *, report=None, base_url="/") -> tuple[bytes, str, str]:
    """(content, file name, content type) of a report in one of FORMATS."""
    name = f"{doc.title}"
    if fmt == "docx":
        content = to_docx(doc, doc_number=report.doc_number if report else "",
                          recipients=report.recipients if report else "",
                          date=(report.published_on or report.approved_on) if report else None)
        return content, f"{name}.docx", DOCX
    if fmt == "json":
        return to_json(doc).encode(), f"{name}.json", "application/json"
    # The file is read away from the platform: its figure links carry the site's address.
    return to_html(doc, base_url=base_url).encode(), f"{name}.html", "text/html; charset=utf-8"


# ---- submissions -------------------------------------------------------------------------------------------

class SubmissionList(ScopedListView):
    title = "年度报告素材报送"
    columns = [("title", "标题"), ("organisation__name", "报送单位"), ("year", "年度"), ("section_title", "对应章节"),
               ("get_kind_display", "类型"), ("get_status_display", "状态"), ("submitted_at", "报送时间")]
    search_fields = ["title", "body", "organisation__name"]
    filters = [Filter("status", "状态", "status", list(SubmissionStatus.choices)),
               Filter("kind", "类型", "kind", list(SubmissionKind.choices))]
    create_url_name = "reports:submission_create"
    create_label = "报送素材"

    def get_filters(self):
        years = sorted(set(Submission.objects.visible_to(self.request.user).values_list("year", flat=True)),
                       reverse=True)
        return [*self.filters, Filter("year", "年度", "year", [(str(y), f"{y}年") for y in years])]

    def base_queryset(self):
        return Submission.objects.select_related("organisation")


@require_http_methods(["GET", "POST"])
def submission_create(request):
    org = home_organisation(request.user)
    sections = default_sections()
    form = SubmissionForm(request.POST or None, request.FILES or None, user=request.user, sections=sections,
                          initial={"organisation": org.pk if org else None, "year": clock.today().year})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sub = actions.submit_material(actor=request.user, organisation=d["organisation"], year=d["year"],
                                          section_key=d["section_key"], kind=d["kind"], title=d["title"],
                                          body=d["body"], files=d["files"])
        except ActionError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
        else:
            messages.success(request, "已报送，等待审核。")
            return redirect(sub)
    return render(request, "core/form.html", {"form": form, "title": "报送年度报告素材", "submit_label": "报送"})


def _submission(request, pk) -> Submission:
    return get_object_or_404(Submission.objects.visible_to(request.user).select_related("organisation"), pk=pk)


@require_http_methods(["GET", "POST"])
def submission_detail(request, pk):
    sub = _submission(request, pk)
    reason_form = ReasonForm(request.POST or None)
    revise_form = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                actions.accept_submission(sub, actor=request.user)
                messages.success(request, "已采用，该素材将出现在报告对应章节的编辑页。")
            elif action == "return" and reason_form.is_valid():
                actions.return_submission(sub, actor=request.user, reason=reason_form.cleaned_data["reason"])
                messages.success(request, "已退回。")
            elif action == "revise":
                revise_form = SubmissionReviseForm(request.POST, request.FILES)
                if revise_form.is_valid():
                    d = revise_form.cleaned_data
                    actions.revise_submission(sub, actor=request.user, title=d["title"], body=d["body"],
                                              files=d["files"])
                    messages.success(request, "已重新报送。")
                else:
                    raise ActionError("请检查标题和内容。")
            elif action == "return":
                raise ActionError("退回材料须说明理由。")
            else:
                raise ActionError("未知操作。")
        except ActionError as e:
            messages.error(request, e.message)
        else:
            return redirect(sub)
    sub.refresh_from_db()
    can_review = may_review_material(request.user, sub.organisation) and sub.status == SubmissionStatus.SUBMITTED
    can_revise = may_submit_material(request.user, sub.organisation) and sub.status == SubmissionStatus.RETURNED
    if can_revise and revise_form is None:
        revise_form = SubmissionReviseForm(initial={"title": sub.title, "body": sub.body})
    return render(request, "reports/submission_detail.html", {
        "sub": sub, "can_review": can_review, "can_revise": can_revise, "reason_form": reason_form,
        "revise_form": revise_form, "history": AuditEvent.objects.for_object(sub), "title": sub.title,
    })


def attachment_download(request, pk):
    att = get_object_or_404(SubmissionAttachment.objects.visible_to(request.user), pk=pk)
    return FileResponse(att.file.open("rb"), as_attachment=True, filename=att.name)


# ---- outline templates -------------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
def template_list(request):
    """The outline templates. The shipped default outline is loaded by a POST (or by the first report drafted), never
    by opening this page: a GET writes nothing."""
    if request.method == "POST":
        actions.ensure_default_template(actor=request.user)
        messages.success(request, "已载入默认提纲。")
        return redirect("reports:template_list")
    templates = OutlineTemplate.objects.visible_to(request.user).select_related("organisation")
    rows = [(t, may_edit_template(request.user, t)) for t in templates]
    has_default = OutlineTemplate.objects.filter(is_default=True, organisation__isnull=True).exists()
    return render(request, "reports/template_list.html", {"rows": rows, "title": "报告提纲模板",
                                                          "has_default": has_default})


@require_http_methods(["GET", "POST"])
def template_create(request):
    form = TemplateCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            t = actions.create_template(actor=request.user, name=d["name"], organisation=d["organisation"],
                                        copy_of=d["copy_of"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "已新建模板，可在下方修改章节。")
            return redirect("reports:template_edit", pk=t.pk)
    return render(request, "core/form.html", {"form": form, "title": "新建报告提纲模板"})


def _unregistered(sections) -> list[str]:
    out = []
    for s in sections:
        for pattern in s["sentences"]:
            for key in metric_keys(pattern):
                try:
                    get(key)
                except UnknownMetric:
                    if key not in out:
                        out.append(key)
    return out


@require_http_methods(["GET", "POST"])
def template_edit(request, pk):
    template = get_object_or_404(OutlineTemplate.objects.visible_to(request.user), pk=pk)
    can_edit = may_edit_template(request.user, template)
    form = TemplateForm(request.POST or None, initial={
        "name": template.name, "description": template.description, "sections": dump_sections(template.sections)})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sections = parse_sections(d["sections"])
            actions.update_template(template, actor=request.user, name=d["name"], sections=sections,
                                    description=d["description"], reason=d["reason"])
        except OutlineError as e:
            form.add_error("sections", e.message)
        except ActionError as e:
            form.add_error("sections" if e.field == "sections" else None, e.message)
        else:
            messages.success(request, "模板已保存。新起草的报告将使用修改后的提纲；已起草的报告不受影响。")
            missing = _unregistered(sections)
            if missing:
                messages.warning(request, f"以下指标本平台尚未提供，所在语句暂不生成：{'、'.join(missing)}")
            return redirect("reports:template_edit", pk=template.pk)
    return render(request, "reports/template_edit.html", {
        "template": template, "form": form, "can_edit": can_edit, "history": AuditEvent.objects.for_object(template),
        "title": f"提纲模板：{template.name}",
    })


def annual_for(request):
    """The live report for an organisation and year (`?org=CODE&year=Y&format=docx|html|json`)."""
    org = get_object_or_404(Organisation.objects.visible_to(request.user), code=request.GET.get("org", ""))
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return HttpResponse("年度无效", status=400)
    return _download(request, assemble_for(org, year), request.GET.get("format", "json"))
