from django.contrib import admin

from fazhi.rules.models import Deadline, Reminder, RuleOverride


class ReadOnlyAdmin(admin.ModelAdmin):
    """Changes go through the actions (pages, API, commands) so they are recomputed and audited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
