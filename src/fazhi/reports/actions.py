"""Every change to reports, outline templates and department submissions goes through these functions."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import audit, clock, validate
from fazhi.core.choices import AuditAction
from fazhi.core.permissions import ActionError, require
from fazhi.reports import deadlines, patterns
from fazhi.reports.assemble import assemble_report, default_sections, default_title
from fazhi.reports.choices import ReportStatus, SubmissionKind, SubmissionStatus
from fazhi.reports.models import AnnualReport, OutlineTemplate, ReportSection, Submission, SubmissionAttachment
from fazhi.reports.outline import OutlineError, clean_sections, load_default
from fazhi.reports.permissions import (
    may_draft_report,
    may_edit_template,
    may_submit_material,
)
from fazhi.reports.workflow import REPORT, SUBMISSION

MAX_ATTACHMENT = 20 * 1024 * 1024
FIRST_YEAR = 2000


def _check_year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ActionError(f"年度无效：{year}", field="year")
    if not FIRST_YEAR <= year <= clock.today().year + 1:
        raise ActionError(f"年度应在 {FIRST_YEAR} 年至 {clock.today().year + 1} 年之间。", field="year")
    return year


# ---- outline templates -------------------------------------------------------------------------------------

@transaction.atomic
def ensure_default_template(*, actor=None) -> OutlineTemplate:
    """The shared default template, created from the shipped outlines/default.yaml the first time it is needed."""
    template = OutlineTemplate.objects.select_for_update().filter(is_default=True, organisation__isnull=True).first()
    if template is not None:
        return template
    data = load_default()
    template = OutlineTemplate.objects.create(name=data["name"], description=data.get("description", ""),
                                              is_default=True, sections=clean_sections(data["sections"]))
    audit.record(actor=actor, obj=template, action=AuditAction.CREATE, verb="载入默认报告提纲",
                 after={"name": template.name, "sections": len(template.sections)})
    return template


@transaction.atomic
def create_template(*, actor, name, organisation=None, copy_of: OutlineTemplate | None = None) -> OutlineTemplate:
    name = (name or "").strip()
    if not name:
        raise ActionError("请填写模板名称。", field="name")
    template = OutlineTemplate(name=name, organisation=organisation)
    require(may_edit_template(actor, template), "您没有新建该提纲模板的权限。")
    source = copy_of or ensure_default_template(actor=actor)
    template.sections = source.sections
    template.description = source.description
    template.save()
    audit.record(actor=actor, obj=template, action=AuditAction.CREATE, verb="新建报告提纲",
                 after={"name": name, "copy_of": source.pk})
    return template


@transaction.atomic
def update_template(template: OutlineTemplate, *, actor, name: str, sections, description: str = "",
                    reason: str = "") -> OutlineTemplate:
    """Replace a template's sections (already parsed from YAML, or a list of dicts); checked before saving."""
    template = OutlineTemplate.objects.select_for_update().get(pk=template.pk)
    require(may_edit_template(actor, template), "您没有修改该提纲模板的权限。")
    try:
        cleaned = clean_sections(sections)
    except OutlineError as e:
        raise ActionError(e.message, field="sections")
    if not (name or "").strip():
        raise ActionError("请填写模板名称。", field="name")
    before = audit.snapshot(template, ["name", "description", "sections"])
    template.name, template.description, template.sections = name.strip(), description.strip(), cleaned
    template.save()
    b, a = audit.diff(before, audit.snapshot(template, ["name", "description", "sections"]))
    audit.record(actor=actor, obj=template, action=AuditAction.UPDATE, verb="修改报告提纲", before=b, after=a,
                 reason=reason)
    return template


# ---- reports -----------------------------------------------------------------------------------------------

@transaction.atomic
def create_report(*, actor, organisation, year, template: OutlineTemplate | None = None,
                  title: str = "") -> AnnualReport:
    """A new draft with its sections copied from the template, and the publication deadline opened."""
    require(may_draft_report(actor, organisation), "您没有为该机构起草年度报告的权限。")
    year = _check_year(year)
    if AnnualReport.objects.filter(organisation=organisation, year=year).exists():
        raise ActionError(f"{organisation.name}的{year}年度报告已存在。")
    template = template or ensure_default_template(actor=actor)
    report = AnnualReport.objects.create(organisation=organisation, year=year, template=template,
                                         title=(title or "").strip() or default_title(organisation, year),
                                         created_by=actor if getattr(actor, "is_authenticated", False) else None)
    variables = {"year": str(year), "next_year": str(year + 1), "org_name": organisation.name}
    ReportSection.objects.bulk_create([
        ReportSection(report=report, order=i, key=s["key"], title=patterns.substitute(s["title"], variables),
                      level=s["level"], part=s["part"],
                      sentences=s.get("sentences", []), guidance=s.get("guidance", ""))
        for i, s in enumerate(template.sections, 1)
    ])
    audit.record(actor=actor, obj=report, action=AuditAction.CREATE, verb="起草年度报告",
                 after={"year": year, "title": report.title, "template": template.name})
    deadlines.start(report, actor=actor)
    return report


def _editable(report: AnnualReport):
    if report.status != ReportStatus.DRAFT:
        raise ActionError("报告已提交审核或已审定，不能修改；如需修改请先退回起草。")


@transaction.atomic
def update_section(section: ReportSection, *, actor, narrative: str) -> ReportSection:
    section = ReportSection.objects.select_for_update().select_related("report__organisation").get(pk=section.pk)
    require(may_draft_report(actor, section.report.organisation), "您没有修改该报告的权限。")
    _editable(section.report)
    before = section.narrative
    section.narrative = (narrative or "").replace("\r\n", "\n").strip()
    if section.narrative == before:
        return section
    section.save(update_fields=["narrative"])
    AnnualReport.objects.filter(pk=section.report_id).update(updated_at=clock.now())
    audit.record(actor=actor, obj=section.report, action=AuditAction.UPDATE, verb=f"修改报告章节：{section.title}",
                 before={"section": section.key, "narrative": before},
                 after={"section": section.key, "narrative": section.narrative})
    return section


@transaction.atomic
def update_report_header(report: AnnualReport, *, actor, title: str, doc_number: str = "",
                         recipients: str = "") -> AnnualReport:
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    require(may_draft_report(actor, report.organisation), "您没有修改该报告的权限。")
    _editable(report)
    if not (title or "").strip():
        raise ActionError("请填写报告标题。", field="title")
    before = audit.snapshot(report, ["title", "doc_number", "recipients"])
    report.title, report.doc_number, report.recipients = title.strip(), doc_number.strip(), recipients.strip()
    report.save()
    b, a = audit.diff(before, audit.snapshot(report, ["title", "doc_number", "recipients"]))
    audit.record(actor=actor, obj=report, action=AuditAction.UPDATE, verb="修改报告标题和文号", before=b, after=a)
    return report


def _transition(report: AnnualReport, step: str, *, actor, verb: str, reason: str = "", **fields):
    before = report.status
    REPORT.move(report, step)
    if report.status == ReportStatus.DRAFT:
        report.frozen = None  # back to draft: assembled live again
    for k, v in fields.items():
        setattr(report, k, v)
    report.save()
    audit.record(actor=actor, obj=report, action=AuditAction.TRANSITION, verb=verb, before={"status": before},
                 after={"status": report.status, **{k: v for k, v in fields.items() if k != "frozen"}},
                 reason=reason)
    return report


def _locked(report) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("organisation").get(pk=report.pk)


@transaction.atomic
def submit_report(report: AnnualReport, *, actor) -> AnnualReport:
    report = _locked(report)
    REPORT.check(report, "submit", actor)
    return _transition(report, "submit", actor=actor, verb="提交审核年度报告")


@transaction.atomic
def return_report(report: AnnualReport, *, actor, reason: str) -> AnnualReport:
    report = _locked(report)
    step = "send_back" if report.status in (ReportStatus.DRAFT, ReportStatus.REVIEW) else "reopen"
    REPORT.check(report, step, actor)
    if not (reason or "").strip():
        raise ActionError("退回修改须说明理由。", field="reason")
    if step == "send_back":
        return _transition(report, "send_back", actor=actor, verb="退回修改年度报告", reason=reason.strip())
    return _transition(report, "reopen", actor=actor, verb="撤回审定稿重新起草", reason=reason.strip(),
                       published_on=None, approved_on=None)


@transaction.atomic
def approve_report(report: AnnualReport, *, actor, on: dt.date | None = None) -> AnnualReport:
    """Approve and freeze: the figures and text as they are now become the version to publish."""
    report = _locked(report)
    REPORT.check(report, "approve", actor)
    on = validate.date(on or clock.today(), "审定日期")
    frozen = assemble_report(report, live=True).as_dict()
    return _transition(report, "approve", actor=actor, verb="审定年度报告", frozen=frozen,
                       approved_by=actor if getattr(actor, "is_authenticated", False) else None,
                       approved_on=on)


@transaction.atomic
def publish_report(report: AnnualReport, *, actor, on: dt.date | None = None) -> AnnualReport:
    """Publish on the portal; meets (or misses) the 1 April deadline of 督察工作规定 art. 24."""
    report = _locked(report)
    REPORT.check(report, "publish", actor)
    on = validate.date(on or clock.today(), "公开日期", after=[(report.approved_on, "审定日期")])
    _transition(report, "publish", actor=actor, verb="公开年度报告", published_on=on)
    deadlines.complete(report, on=on, actor=actor)
    return report


# ---- department submissions --------------------------------------------------------------------------------

def _section_title(key: str) -> str:
    for s in default_sections():
        if s["key"] == key:
            return s["title"]
    raise ActionError(f"报告章节“{key}”不存在。", field="section_key")


def _attach(submission: Submission, files, *, actor):
    for f in files or ():
        if f.size > MAX_ATTACHMENT:
            raise ActionError(f"附件“{f.name}”超过 20 MB。", field="files")
        att = SubmissionAttachment(submission=submission, name=f.name[:200], size=f.size)
        att.file.save(f.name, f, save=False)
        att.save()


@transaction.atomic
def submit_material(*, actor, organisation, year, section_key: str, title: str, body: str,
                    kind: str = SubmissionKind.MEASURE, files=()) -> Submission:
    """A department sends a measure or typical practice, with attachments, for the supervisor to review."""
    require(may_submit_material(actor, organisation), "您没有为该机构报送材料的权限。")
    year = _check_year(year)
    if kind not in SubmissionKind.values:
        raise ActionError(f"未知的材料类型：{kind}", field="kind")
    if not (title or "").strip():
        raise ActionError("请填写标题。", field="title")
    if not (body or "").strip():
        raise ActionError("请填写内容。", field="body")
    sub = Submission.objects.create(organisation=organisation, year=year, section_key=section_key,
                                    section_title=_section_title(section_key), kind=kind, title=title.strip(),
                                    body=body.replace("\r\n", "\n").strip(), submitted_at=clock.now(),
                                    submitted_by=actor if getattr(actor, "is_authenticated", False) else None)
    _attach(sub, files, actor=actor)
    audit.record(actor=actor, obj=sub, action=AuditAction.CREATE, verb="报送年度报告素材",
                 after={"year": year, "section": section_key, "kind": kind, "title": sub.title,
                        "attachments": sub.attachments.count()})
    return sub


@transaction.atomic
def accept_submission(sub: Submission, *, actor) -> Submission:
    sub = Submission.objects.select_for_update().select_related("organisation").get(pk=sub.pk)
    SUBMISSION.check(sub, "accept", actor)
    SUBMISSION.move(sub, "accept")
    sub.reviewed_by, sub.reviewed_at, sub.review_reason = actor, clock.now(), ""
    sub.save()
    audit.record(actor=actor, obj=sub, action=AuditAction.TRANSITION, verb="采用报告素材",
                 before={"status": SubmissionStatus.SUBMITTED}, after={"status": sub.status})
    return sub


@transaction.atomic
def return_submission(sub: Submission, *, actor, reason: str) -> Submission:
    sub = Submission.objects.select_for_update().select_related("organisation").get(pk=sub.pk)
    SUBMISSION.check(sub, "return", actor)
    if not (reason or "").strip():
        raise ActionError("退回材料须说明理由。", field="reason")
    SUBMISSION.move(sub, "return")
    sub.reviewed_by, sub.reviewed_at, sub.review_reason = actor, clock.now(), reason.strip()
    sub.save()
    audit.record(actor=actor, obj=sub, action=AuditAction.TRANSITION, verb="退回报告素材",
                 before={"status": SubmissionStatus.SUBMITTED}, after={"status": sub.status}, reason=sub.review_reason)
    return sub


@transaction.atomic
def revise_submission(sub: Submission, *, actor, title: str, body: str, files=()) -> Submission:
    """The department corrects a returned submission and sends it again."""
    sub = Submission.objects.select_for_update().select_related("organisation").get(pk=sub.pk)
    SUBMISSION.check(sub, "revise", actor)
    if not (title or "").strip() or not (body or "").strip():
        raise ActionError("标题和内容不能为空。")
    before = audit.snapshot(sub, ["title", "body", "status"])
    SUBMISSION.move(sub, "revise")
    sub.title, sub.body, sub.submitted_at = title.strip(), body.replace("\r\n", "\n").strip(), clock.now()
    sub.save()
    _attach(sub, files, actor=actor)
    b, a = audit.diff(before, audit.snapshot(sub, ["title", "body", "status"]))
    audit.record(actor=actor, obj=sub, action=AuditAction.TRANSITION, verb="重新报送报告素材", before=b, after=a)
    return sub
