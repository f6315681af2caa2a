from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.rules.models import Deadline, Reminder, RuleOverride


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ["label", "rule_id", "organisation", "start", "due", "status", "provisional"]
    list_filter = ["status", "provisional", "rule_id"]
    search_fields = ["label", "rule_id"]


@admin.register(RuleOverride)
class RuleOverrideAdmin(ReadOnlyAdmin):
    list_display = ["rule_id", "region", "length", "unit", "citation"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["user", "stage", "message", "created_at", "read_at", "emailed_at"]
