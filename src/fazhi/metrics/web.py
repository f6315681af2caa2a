"""Reading a figure's scope from a request: ?org=CODE&year=Y, defaulting to the user's organisation and this year."""

from django.http import Http404
from django.utils import timezone

from fazhi.core.models import Organisation
from fazhi.core.views import home_organisation
from fazhi.metrics.registry import Scope


def scope_from_request(request) -> Scope:
    """The scope asked for, or 404 when the organisation is unknown or outside the user's view."""
    visible = Organisation.objects.visible_to(request.user)
    code = request.GET.get("org")
    org = visible.filter(code=code).first() if code else home_organisation(request.user)
    if org is None or not visible.filter(pk=org.pk).exists():
        raise Http404("机构不存在或您无权查看。")
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        raise Http404("年份无效。") from None
    if not 1900 <= year <= 2100:
        raise Http404("年份无效。")
    return Scope.for_year(org, year)
