"""Who may do what in 行政复议."""

from fazhi.core.choices import Role
from fazhi.core.permissions import has_role

HANDLER_ROLES = (Role.RECONSIDERATION, Role.ADMIN)


def may_handle(user, organisation) -> bool:
    """复议 staff of the 复议机关 (or above it) handle its cases; departments only answer."""
    return has_role(user, organisation, *HANDLER_ROLES)


def may_handle_case(user, case) -> bool:
    return may_handle(user, case.organisation)


def may_answer(user, case) -> bool:
    """The answer is recorded by 复议 staff or by the respondent's own legal officer (art. 48)."""
    return may_handle(user, case.organisation) or has_role(user, case.respondent, Role.LEGAL_OFFICER)


def denied(case) -> str:
    return "您没有办理该行政复议案件的权限。"
