"""Organisation scoping: every domain queryset answers `.visible_to(user)`.

A model says where its organisation is with `scope_field` on its queryset (a lookup path to an Organisation).
A user sees a record when the record's organisation lies in one of the user's visible organisation paths:
the whole subtree for supervisory roles, the organisation itself for department roles. Records outside are
"not found" (404), never "forbidden", so their existence does not leak.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q

from fazhi.core.choices import SUBTREE_ROLES


def visible_scopes(user) -> list[tuple[str, bool]]:
    """(organisation path, include subtree) pairs for a user; cached on the user object for one request."""
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, "_fazhi_scopes", None)
    if cached is not None:
        return cached
    from fazhi.core.models import Membership

    scopes = []
    for m in Membership.objects.filter(user=user, organisation__active=True).select_related("organisation"):
        scopes.append((m.organisation.path, m.role in SUBTREE_ROLES))
    user._fazhi_scopes = scopes
    return scopes


def sees_everything(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_superuser)


def scope_q(user, field: str) -> Q | None:
    """The filter for records whose organisation (at lookup `field`; "" for Organisation itself) the user may
    see; None means all."""
    if sees_everything(user):
        return None
    prefix = f"{field}__" if field else ""
    parts = []
    for path, subtree in visible_scopes(user):
        if subtree:
            parts.append(Q(**{f"{prefix}path__startswith": path}))
        else:
            parts.append(Q(**{f"{prefix}path": path}))
    if not parts:
        return Q(pk__in=[])
    return reduce(or_, parts)


class ScopedQuerySet(models.QuerySet):
    """Base queryset for domain models. Subclasses set `scope_field` to the lookup of their organisation."""

    scope_field = "organisation"

    def visible_to(self, user):
        q = scope_q(user, self.scope_field)
        return self if q is None else self.filter(q)

    def in_subtree(self, organisation):
        """Records of an organisation and everything below it (used by metrics)."""
        prefix = f"{self.scope_field}__" if self.scope_field else ""
        return self.filter(**{f"{prefix}path__startswith": organisation.path})
