from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin, ReadOnlyInline
from fazhi.litigation.models import Appeal, Hearing, JudicialSuggestion, LitigationCase


class HearingInline(ReadOnlyInline):
    model = Hearing


class SuggestionInline(ReadOnlyInline):
    model = JudicialSuggestion


@admin.register(LitigationCase)
class LitigationCaseAdmin(ReadOnlyAdmin):
    """Read-only: cases change through the pages and their actions, so that every step is audited."""

    list_display = ["case_number", "organisation", "court", "received_on", "status", "outcome", "concluded_on"]
    list_filter = ["status", "outcome", "act_kind"]
    search_fields = ["case_number", "plaintiffs", "contested_act"]
    inlines = [HearingInline, SuggestionInline]


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ["case_number", "case", "court", "filed_on", "outcome", "decided_on"]
