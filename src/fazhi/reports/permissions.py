"""Who may draft, approve and publish reports, submit and review material, and edit outline templates."""

from __future__ import annotations

from fazhi.core.choices import OrgKind, Role
from fazhi.core.permissions import has_role
from fazhi.core.scoping import memberships, sees_everything


def may_draft_report(user, organisation) -> bool:
    """The supervisor's office drafts the government's report; a department's legal officer drafts its own."""
    if has_role(user, organisation, Role.SUPERVISOR, Role.ADMIN):
        return True
    return organisation.kind != OrgKind.GOVERNMENT and has_role(user, organisation, Role.LEGAL_OFFICER)


def may_approve_report(user, organisation) -> bool:
    return has_role(user, organisation, Role.SUPERVISOR, Role.ADMIN)


def may_submit_material(user, organisation) -> bool:
    return has_role(user, organisation, Role.LEGAL_OFFICER, Role.SUPERVISOR, Role.ADMIN)


def may_review_material(user, organisation) -> bool:
    """Material is reviewed by the supervisor above the department, never by the department itself; a
    government's own material by its own supervisors."""
    if sees_everything(user):
        return True
    reviewer_at = organisation if organisation.kind == OrgKind.GOVERNMENT else organisation.parent
    return reviewer_at is not None and has_role(user, reviewer_at, Role.SUPERVISOR, Role.ADMIN)


def may_edit_template(user, template) -> bool:
    """Own templates: supervisors of that organisation; shared ones: supervisors of a top-level organisation."""
    if sees_everything(user):
        return True
    if template.organisation_id:
        return has_role(user, template.organisation, Role.SUPERVISOR, Role.ADMIN)
    if user is None or not user.is_authenticated:
        return False
    return any(m.organisation.parent_id is None and m.role in (Role.SUPERVISOR, Role.ADMIN) for m in memberships(user))
