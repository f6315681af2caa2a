"""Who may maintain the holiday schedules: they are national, so system administrators only."""

from fazhi.core.choices import Role
from fazhi.core.scoping import sees_everything


def may_manage_calendar(user) -> bool:
    if sees_everything(user):
        return True
    if user is None or not user.is_authenticated:
        return False
    return user.memberships.filter(role=Role.ADMIN).exists()
