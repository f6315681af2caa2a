"""Template tags for the dashboard panel of the litigation module."""

from django import template

from fazhi.litigation.choices import CaseStatus
from fazhi.litigation.models import LitigationCase

register = template.Library()


@register.simple_tag(takes_context=True)
def litigation_open_answers(context, limit: int = 10):
    """Cases still waiting for the answer (第六十七条), soonest deadline first, that the user may see."""
    user = context["request"].user
    return list(LitigationCase.objects.visible_to(user).filter(status=CaseStatus.PENDING_ANSWER)
                .select_related("organisation").order_by("answer_due", "pk")[:limit])
