"""The annual report on rule-of-law government (法治政府建设年度报告), its outline templates and the material
departments submit for it during the year."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from fazhi.core.models import Organisation
from fazhi.core.scoping import ScopedQuerySet, scope_q, sees_everything
from fazhi.reports.choices import ReportStatus, SubmissionKind, SubmissionStatus


class OutlineTemplateQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Shared templates (no organisation) are visible to every signed-in user; own ones by scope."""
        if sees_everything(user):
            return self
        if user is None or not user.is_authenticated:
            return self.none()
        q = scope_q(user, self.scope_field)
        return self.filter(Q(organisation__isnull=True) | q)


class OutlineTemplate(models.Model):
    """An outline (提纲) as data: ordered sections, each with sentence patterns over metric keys and guidance
    for the narrative. The shipped default lives in outlines/default.yaml and is loaded by a migration."""

    name = models.CharField("名称", max_length=200)
    description = models.TextField("说明", blank=True)
    organisation = models.ForeignKey(Organisation, verbose_name="所属机构", null=True, blank=True,
                                     on_delete=models.PROTECT, help_text="为空表示全平台通用模板")
    is_default = models.BooleanField("默认模板", default=False)
    sections = models.JSONField("章节", default=list)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = OutlineTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "报告提纲模板"
        ordering = ["-is_default", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reports:template_edit", args=[self.pk])


class AnnualReportQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(status=ReportStatus.PUBLISHED)


class AnnualReport(models.Model):
    """One organisation's report for one year: sections copied from a template when the report is created."""

    organisation = models.ForeignKey(Organisation, verbose_name="报告机构", on_delete=models.PROTECT,
                                     related_name="annual_reports")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=300)
    template = models.ForeignKey(OutlineTemplate, verbose_name="提纲模板", null=True, blank=True,
                                 on_delete=models.SET_NULL)
    status = models.CharField("状态", max_length=50, default=ReportStatus.DRAFT, choices=ReportStatus.choices)  # workflow.REPORT
    # The assembled report (sections, figures) frozen at approval, so what is published does not change when
    # records are corrected later; a report returned to draft is assembled live again.
    frozen = models.JSONField("审定稿", null=True, blank=True, editable=False)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    recipients = models.CharField("主送", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审定人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    approved_on = models.DateField("审定日期", null=True, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "法治政府建设年度报告"
        ordering = ["-year", "organisation__path"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="uniq_report_org_year")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.pk])

    @property
    def editable(self) -> bool:
        return self.status == ReportStatus.DRAFT


class ReportSectionQuerySet(ScopedQuerySet):
    scope_field = "report__organisation"


class ReportSection(models.Model):
    """A section of a report: its heading, the sentence patterns generating data paragraphs, and the narrative
    written by staff."""

    report = models.ForeignKey(AnnualReport, verbose_name="报告", on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField("顺序")
    key = models.CharField("章节代码", max_length=60)
    title = models.CharField("标题", max_length=200)
    level = models.PositiveSmallIntegerField("层级", default=1)
    part = models.PositiveSmallIntegerField("所属部分", default=1)
    sentences = models.JSONField("数据语句", default=list, blank=True)
    guidance = models.TextField("撰写提示", blank=True)
    narrative = models.TextField("叙述", blank=True)

    objects = ReportSectionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "报告章节"
        ordering = ["report", "order"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="uniq_report_section_key")]

    def __str__(self):
        return f"{self.report.title} · {self.title}"

    @property
    def organisation(self):
        return self.report.organisation


class SubmissionQuerySet(ScopedQuerySet):
    def accepted(self):
        return self.filter(status=SubmissionStatus.ACCEPTED)

    def pending(self):
        return self.filter(status=SubmissionStatus.SUBMITTED)


class Submission(models.Model):
    """A measure or typical practice a department submits during the year for the annual report."""

    organisation = models.ForeignKey(Organisation, verbose_name="报送单位", on_delete=models.PROTECT,
                                     related_name="report_submissions")
    year = models.PositiveSmallIntegerField("年度")
    section_key = models.CharField("对应章节", max_length=60)
    section_title = models.CharField("章节标题", max_length=200, blank=True)
    kind = models.CharField("类型", max_length=20, choices=SubmissionKind.choices, default=SubmissionKind.MEASURE)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    status = models.CharField("状态", max_length=50, default=SubmissionStatus.SUBMITTED,
                              choices=SubmissionStatus.choices)  # workflow.SUBMISSION
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField("报送时间")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    review_reason = models.TextField("退回理由", blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "报告素材报送"
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["year", "section_key", "status"])]

    def __str__(self):
        return f"{self.organisation.short_name or self.organisation.name}：{self.title}"

    def get_absolute_url(self):
        return reverse("reports:submission_detail", args=[self.pk])


class SubmissionAttachmentQuerySet(ScopedQuerySet):
    scope_field = "submission__organisation"


class SubmissionAttachment(models.Model):
    submission = models.ForeignKey(Submission, verbose_name="素材", on_delete=models.CASCADE,
                                   related_name="attachments")
    file = models.FileField("文件", upload_to="reports/submissions/%Y/")
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小", default=0)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    objects = SubmissionAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "素材附件"

    def __str__(self):
        return self.name
