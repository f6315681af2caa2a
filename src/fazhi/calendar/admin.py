from django.contrib import admin

from fazhi.calendar.models import HolidaySchedule, SpecialDay


class SpecialDayInline(admin.TabularInline):
    model = SpecialDay
    extra = 0
    readonly_fields = ["date", "kind", "name"]
    can_delete = False


@admin.register(HolidaySchedule)
class HolidayScheduleAdmin(admin.ModelAdmin):
    """Read-only here: changes go through the calendar pages so deadlines are recomputed and audited."""

    list_display = ["year", "source", "notice", "updated_at"]
    inlines = [SpecialDayInline]
    readonly_fields = ["year", "source", "notice"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
