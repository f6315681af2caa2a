"""Who may do what with enforcement cases: the department's officers and legal officers handle its cases; the legal
officer (法制审核机构) records the legal review; supervisors of the subtree may do both; 复议应诉 staff link the cases
that challenge a decision."""

from fazhi.core.choices import Role
from fazhi.core.permissions import has_role

HANDLER_ROLES = (Role.ENFORCEMENT_OFFICER, Role.LEGAL_OFFICER, Role.SUPERVISOR, Role.ADMIN)
REVIEWER_ROLES = (Role.LEGAL_OFFICER, Role.SUPERVISOR, Role.ADMIN)
LINK_ROLES = (*HANDLER_ROLES, Role.RECONSIDERATION)


def may_handle(user, organisation) -> bool:
    return has_role(user, organisation, *HANDLER_ROLES)


def may_handle_case(user, case) -> bool:
    return may_handle(user, case.organisation)


def may_review_case(user, case) -> bool:
    """法制审核 is the legal officer's, not the handling officer's (行政处罚法第五十八条)."""
    return has_role(user, case.organisation, *REVIEWER_ROLES)


def may_link_case(user, case) -> bool:
    return has_role(user, case.organisation, *LINK_ROLES)


def denied(case) -> str:
    return f"您没有办理“{case.organisation.name}”行政执法案件的权限。"


def may_keep_standards(user, organisation) -> bool:
    """裁量基准 are made by the department's legal officer or the government's supervisors and administrators."""
    return user is None or has_role(user, organisation, *REVIEWER_ROLES)


def may_run_review(user, rnd) -> bool:
    """案卷评查 is organised and scored by the reviewing body's legal officers, supervisors and administrators."""
    return has_role(user, rnd.organisation, *REVIEWER_ROLES)


def may_score_file(user, file) -> bool:
    return has_role(user, file.round.organisation, *REVIEWER_ROLES)


def may_rectify_file(user, file) -> bool:
    """The reviewed department records its rectification."""
    return may_handle(user, file.case.organisation)


def review_denied(obj) -> str:
    return "您没有办理该案卷评查事项的权限。"
