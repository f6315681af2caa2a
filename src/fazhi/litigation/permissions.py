"""Who may do what with litigation cases."""

from fazhi.core.choices import Role
from fazhi.core.permissions import has_role

HANDLER_ROLES = (Role.RECONSIDERATION, Role.LEGAL_OFFICER, Role.SUPERVISOR, Role.ADMIN)


def may_handle(user, organisation) -> bool:
    """复议应诉 staff and supervisors of the subtree, and the defendant's own legal officer, record its cases."""
    return has_role(user, organisation, *HANDLER_ROLES)


def may_handle_case(user, case) -> bool:
    return may_handle(user, case.organisation)


def denied(case) -> str:
    return f"您没有办理“{case.organisation.name}”行政应诉案件的权限。"
