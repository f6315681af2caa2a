"""Reading a figure's scope from a request: ?org=CODE&year=Y, defaulting to the user's organisation and this year."""

from django.db import models
from django.db.models import Q
from django.http import Http404

from fazhi.core import clock
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
        year = int(request.GET.get("year") or clock.today().year)
    except ValueError:
        raise Http404("年份无效。") from None
    if not 1900 <= year <= 2100:
        raise Http404("年份无效。")
    return Scope.for_year(org, year)


def scope_choices(user, organisation):
    """The organisations offered in a statistics page's selector: the chosen one, the levels above it and the ones
    directly below it that the user may see, and the user's own. Level by level, not a province's thousands of
    organisations in one drop-down (#16)."""
    paths = [organisation.path[:i + 1] for i, ch in enumerate(organisation.path) if ch == "/" and i]
    near = Q(path__in=paths) | Q(parent=organisation) | Q(memberships__user=user)
    return Organisation.objects.visible_to(user).active().filter(
        pk__in=Organisation.objects.filter(near).values("pk")).order_by("path")


def visible_rows(rows, user):
    """The rows behind a figure that the user may see. A figure covers the organisation's subtree, but a
    department role sees its own organisation only (fazhi.core.scoping): the drill-down must not list records
    of the units below it. Rows of models without scoping (laws, catalogues) pass as they are."""
    if isinstance(rows, models.QuerySet):
        return rows.visible_to(user) if hasattr(rows, "visible_to") else rows
    out = []
    for r in rows:
        qs = getattr(type(r), "objects", None)
        if isinstance(r, models.Model) and qs is not None and hasattr(qs, "visible_to"):
            if not qs.visible_to(user).filter(pk=r.pk).exists():
                continue
        out.append(r)
    return out
