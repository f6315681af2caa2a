from django.contrib import admin

from fazhi.litigation.models import Appeal, Hearing, JudicialSuggestion, LitigationCase


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False


class HearingInline(ReadOnlyInline):
    model = Hearing


class SuggestionInline(ReadOnlyInline):
    model = JudicialSuggestion


@admin.register(LitigationCase)
class LitigationCaseAdmin(admin.ModelAdmin):
    """Read-only: cases change through the pages and their actions, so that every step is audited."""

    list_display = ["case_number", "organisation", "court", "received_on", "status", "outcome", "concluded_on"]
    list_filter = ["status", "outcome", "act_kind"]
    search_fields = ["case_number", "plaintiffs", "contested_act"]
    inlines = [HearingInline, SuggestionInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = ["case_number", "case", "court", "filed_on", "outcome", "decided_on"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
