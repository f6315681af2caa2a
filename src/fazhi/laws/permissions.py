"""Who may do what with the law library: keep it (administrators, the command line), and review a changed basis in
an organisation's queue (its legal officer, or the government's administrators and supervisors)."""

from fazhi.core.choices import Role
from fazhi.core.permissions import has_role


def may_resolve(user, flag) -> bool:
    return has_role(user, flag.organisation, Role.LEGAL_OFFICER, Role.ADMIN, Role.SUPERVISOR)


def denied(flag) -> str:
    return "您没有复核该机构依据变更的权限。"
