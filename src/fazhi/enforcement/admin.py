from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.enforcement.models import Challenge, DiscretionLevel, DiscretionStandard, EnforcementCase, Evidence


@admin.register(EnforcementCase)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["number", "organisation", "kind", "status", "decided_on"]
    search_fields = ["number", "cause"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["case", "step", "kind", "title", "sha256"]


@admin.register(Challenge)
class ChallengeAdmin(ReadOnlyAdmin):
    list_display = ["case", "reconsideration_case", "litigation_case", "linked_on"]


@admin.register(DiscretionStandard)
class StandardAdmin(ReadOnlyAdmin):
    list_display = ["code", "organisation", "power_item", "valid_from"]


@admin.register(DiscretionLevel)
class LevelAdmin(ReadOnlyAdmin):
    list_display = ["standard", "circumstance", "fine_min", "fine_max"]
