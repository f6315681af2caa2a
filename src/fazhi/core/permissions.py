"""Who may do what: small `may_*` functions used by actions and views alike."""

from __future__ import annotations

from fazhi.core.choices import SUBTREE_ROLES, Role
from fazhi.core.scoping import memberships, sees_everything


class ActionError(Exception):
    """A refused or invalid action, with a message for the user in Chinese."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotVisible(ActionError):
    """The record is outside the user's scope; pages and the API answer 404."""


def roles_for(user, organisation) -> set[str]:
    """Roles the user holds at this organisation, directly or (for subtree roles) at an ancestor."""
    if user is None or not user.is_authenticated:
        return set()
    out = set()
    for m in memberships(user):
        if m.organisation_id == organisation.pk:
            out.add(m.role)
        elif m.role in SUBTREE_ROLES and organisation.path.startswith(m.organisation.path):
            out.add(m.role)
    return out


def has_role(user, organisation, *roles: str) -> bool:
    if sees_everything(user):
        return True
    return bool(roles_for(user, organisation) & set(roles))


def may_manage_organisation(user, parent) -> bool:
    """Administrators and supervisors manage the organisations below their own."""
    if sees_everything(user):
        return True
    if parent is None:
        return False
    return has_role(user, parent, Role.ADMIN, Role.SUPERVISOR)


def require(condition: bool, message: str = "您没有执行此操作的权限。"):
    if not condition:
        raise ActionError(message)
