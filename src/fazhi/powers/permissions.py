"""Who may keep a power list: the department's legal officer for its own list; the government's administrators and
rule-of-law supervisors (法治督察, the justice bureau) for every list below them."""

from fazhi.core.choices import Role
from fazhi.core.permissions import has_role

MANAGER_ROLES = (Role.LEGAL_OFFICER, Role.ADMIN, Role.SUPERVISOR)


def may_manage(user, organisation) -> bool:
    return has_role(user, organisation, *MANAGER_ROLES)


def may_manage_item(user, item) -> bool:
    return may_manage(user, item.organisation)


def denied(obj) -> str:
    return "您没有调整该机构权责清单的权限。"
