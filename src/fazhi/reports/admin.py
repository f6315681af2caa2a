"""Read-only admin views: reports, templates and submissions change through the pages' actions, which audit them."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin, ReadOnlyInline
from fazhi.reports.models import AnnualReport, OutlineTemplate, ReportSection, Submission, SubmissionAttachment


class SectionInline(ReadOnlyInline):
    model = ReportSection
    fields = ["order", "key", "title", "level", "part"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    list_display = ["title", "year", "organisation", "status", "approved_on", "published_on"]
    list_filter = ["status", "year"]
    search_fields = ["title", "organisation__name"]
    inlines = [SectionInline]


@admin.register(OutlineTemplate)
class OutlineTemplateAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "is_default", "updated_at"]


class AttachmentInline(ReadOnlyInline):
    model = SubmissionAttachment
    fields = ["name", "size", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "year", "section_key", "kind", "status", "submitted_at"]
    list_filter = ["status", "kind", "year"]
    search_fields = ["title", "body", "organisation__name"]
    inlines = [AttachmentInline]
