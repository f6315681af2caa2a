"""Read-only admin views: changes go through the actions, never through the admin."""

from django.contrib import admin

from fazhi.reconsideration.models import Case, CaseDocument, Letter


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnly):
    list_display = ["number", "organisation", "respondent", "act_kind", "received_on", "status", "outcome"]
    list_filter = ["status", "procedure", "outcome", "act_kind"]
    search_fields = ["number", "act_description"]


@admin.register(Letter)
class LetterAdmin(ReadOnly):
    list_display = ["kind", "organisation", "recipient", "issued_on", "replied_on"]


@admin.register(CaseDocument)
class CaseDocumentAdmin(ReadOnly):
    list_display = ["title", "number", "status", "issued_on"]
