"""The dashboard panel's data: the user's overdue and soon-due deadlines and unread reminders."""

from django import template
from django.utils import timezone

from fazhi.calendar import workdays
from fazhi.rules.choices import DUE_SOON_WORKING_DAYS
from fazhi.rules.models import Deadline, Reminder

register = template.Library()


@register.simple_tag(takes_context=True)
def deadline_panel(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    today = timezone.localdate()
    limit = workdays.add_working_days(today, DUE_SOON_WORKING_DAYS)
    qs = Deadline.objects.visible_to(user).open().filter(paused=False, due__lte=limit)
    return {
        "overdue": qs.filter(due__lt=today).count(),
        "due_soon": qs.filter(due__gte=today).count(),
        "items": list(qs.select_related("organisation").order_by("due", "id")[:8]),
        "unread": Reminder.objects.filter(user=user, read_at__isnull=True).count(),
    }
