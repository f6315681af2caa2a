"""Organisation scoping: every domain queryset answers `.visible_to(user)`.

A model says where its organisation is with `scope_field` on its queryset (a lookup path to an Organisation).
A user sees a record when the record's organisation lies in one of the user's visible organisation paths:
the whole subtree for supervisory roles, the organisation itself for department roles. Records outside are
"not found" (404), never "forbidden", so their existence does not leak.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from fazhi.core.choices import SUBTREE_ROLES


def memberships(user) -> list:
    """The user's memberships with their organisations; read once and cached on the user object, which lives for one
    request (the scoping below and the role checks of `core.permissions` both read them)."""
    if user is None or not user.is_authenticated:
        return []
    from fazhi.metrics.freshness import writes_to

    stamp = (writes_to("core_membership"), writes_to("core_organisation"))  # read again after either was written
    cached = getattr(user, "_fazhi_memberships", None)
    if cached is None or cached[0] != stamp:
        from fazhi.core.models import Membership

        cached = user._fazhi_memberships = (
            stamp, list(Membership.objects.filter(user=user).select_related("organisation")))
    return cached[1]


def visible_scopes(user) -> list[tuple[str, bool]]:
    """(organisation path, include subtree) pairs for a user."""
    return [(m.organisation.path, m.role in SUBTREE_ROLES) for m in memberships(user) if m.organisation.active]


def sees_everything(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_superuser)


def subtree_ids(organisation) -> list[int]:
    """The ids of an organisation and everything below it, as a list read once per organisation object.

    Filters use the list (`organisation_id = ANY(ids)`, an index scan of the records) rather than a join on the
    organisations' paths, which makes the planner read every record of the province for one department (#16)."""
    from fazhi.core.models import Organisation
    from fazhi.metrics.freshness import writes_to

    stamp = (organisation.path, writes_to("core_organisation"))  # read again after any organisation was written
    memo = organisation.__dict__.get("_subtree_ids")
    if memo is None or memo[0] != stamp:
        memo = (stamp,
                list(Organisation.objects.filter(path__startswith=organisation.path).values_list("pk", flat=True)))
        organisation.__dict__["_subtree_ids"] = memo
    return memo[1]


# Above this many organisations a subtree is filtered by a subquery on the path instead of a list of ids: compiling a
# list of thousands of parameters costs Django more than the query (80 ms for a province's 3,811), and a subtree
# that large is read by a scan anyway.
MAX_ID_LIST = 500


def subtree_q(field: str, organisation) -> Q:
    """Records whose organisation (at lookup `field`, "" for Organisation itself) lies in the subtree."""
    lookup = f"{field}__in" if field else "pk__in"
    ids = subtree_ids(organisation)
    if len(ids) <= MAX_ID_LIST:
        return Q(**{lookup: ids})
    from fazhi.core.models import Organisation

    return Q(**{lookup: Organisation.objects.filter(path__startswith=organisation.path).values("pk")})


def scope_q(user, field: str) -> Q | None:
    """The filter for records whose organisation (at lookup `field`; "" for Organisation itself) the user may
    see; None means all."""
    if sees_everything(user):
        return None
    own: set[int] = set()
    q = Q(pk__in=[])
    for m in memberships(user):
        if not m.organisation.active:
            continue
        if m.role not in SUBTREE_ROLES:
            own.add(m.organisation_id)
        elif len(subtree_ids(m.organisation)) <= MAX_ID_LIST:
            own.update(subtree_ids(m.organisation))
        else:
            q |= subtree_q(field, m.organisation)
    if own:
        q |= Q(**{f"{field}__in" if field else "pk__in": sorted(own)})
    return q


class ScopedQuerySet(models.QuerySet):
    """Base queryset for domain models. Subclasses set `scope_field` to the lookup of their organisation."""

    scope_field = "organisation"

    def visible_to(self, user):
        q = scope_q(user, self.scope_field)
        return self if q is None else self.filter(q)

    def in_subtree(self, organisation):
        """Records of an organisation and everything below it (used by metrics)."""
        return self.filter(subtree_q(self.scope_field, organisation))
