from django import template

from fazhi.calendar import workdays
from fazhi.calendar.permissions import may_manage_calendar
from fazhi.core import clock

register = template.Library()


@register.simple_tag(takes_context=True)
def missing_schedules(context):
    """The years without a holiday schedule that deadlines already reach, for the banner on the dashboard and board."""
    request = context.get("request")
    user = getattr(request, "user", None)
    today = clock.today()
    can = may_manage_calendar(user)
    return [{"year": y, "current": y == today.year, "can_manage": can}
            for y in workdays.missing_schedule_years(today)]
