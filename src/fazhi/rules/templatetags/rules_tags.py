"""The dashboard panel's data: the user's overdue and soon-due deadlines and unread reminders."""

from django import template

from fazhi.calendar import workdays
from fazhi.core import clock
from fazhi.metrics import stored
from fazhi.rules.choices import DUE_SOON_WORKING_DAYS
from fazhi.rules.models import Deadline, Reminder

register = template.Library()


@register.simple_tag(takes_context=True)
def deadline_panel(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    today = clock.today()
    limit = workdays.add_working_days(today, DUE_SOON_WORKING_DAYS)
    qs = Deadline.objects.visible_to(user).open().filter(paused=False, due__lte=limit)
    return {
        "overdue": stored.count(qs.filter(due__lt=today)),  # kept while the deadlines are unchanged (ADR 0014)
        "due_soon": stored.count(qs.filter(due__gte=today)),
        # The subjects come in one query per kind of record; each row names its case by number (我的期限).
        "items": list(qs.select_related("organisation").prefetch_related("subject").order_by("due", "id")[:8]),
        "unread": Reminder.objects.filter(user=user, read_at__isnull=True).count(),
    }


@register.simple_tag(takes_context=True)
def visible_deadline_ids(context, deadlines) -> set[int]:
    """The ids among `deadlines` whose page the current user may open (a respondent department sees a case and
    its deadlines, but a deadline kept by the 复议机关 is not its own: its page would be 404)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    ids = [d.pk for d in deadlines]
    if user is None or not ids:
        return set()
    return set(Deadline.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
