from django.contrib import admin

from fazhi.calendar.models import HolidaySchedule, SpecialDay
from fazhi.core.admin import ReadOnlyAdmin, ReadOnlyInline


class SpecialDayInline(ReadOnlyInline):
    model = SpecialDay
    extra = 0
    readonly_fields = ["date", "kind", "name"]
    can_delete = False


@admin.register(HolidaySchedule)
class HolidayScheduleAdmin(ReadOnlyAdmin):
    """Read-only here: changes go through the calendar pages so deadlines are recomputed and audited."""

    list_display = ["year", "source", "notice", "updated_at"]
    inlines = [SpecialDayInline]
    readonly_fields = ["year", "source", "notice"]
