"""Read-only admin views: changes go through the actions, never through the admin."""

from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.reconsideration.models import Case, CaseDocument, Letter


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["number", "organisation", "respondent", "act_kind", "received_on", "status", "outcome"]
    list_filter = ["status", "procedure", "outcome", "act_kind"]
    search_fields = ["number", "act_description"]


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdmin):
    list_display = ["kind", "organisation", "recipient", "issued_on", "replied_on"]


@admin.register(CaseDocument)
class CaseDocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "number", "status", "issued_on"]
