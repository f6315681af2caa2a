"""Who may do what with normative documents.

The maker's legal officers and supervisors draft, consult, deliberate, register, publish, file and end its documents;
the reviewing body (the justice bureau for a government's documents, the department's own legal office for a
department's, 国办发〔2018〕115号) records the legality review; the level a document is filed with records the filing
review; whoever organises a clean-up records its outcomes."""

from fazhi.core.choices import Role
from fazhi.core.permissions import has_role

MAKER_ROLES = (Role.LEGAL_OFFICER, Role.SUPERVISOR, Role.ADMIN)
REVIEWER_ROLES = (Role.LEGAL_OFFICER, Role.SUPERVISOR, Role.ADMIN)


def may_draft(user, organisation) -> bool:
    return organisation is not None and has_role(user, organisation, *MAKER_ROLES)


def may_make(user, document) -> bool:
    return may_draft(user, document.organisation)


def may_review(user, document) -> bool:
    return has_role(user, document.reviewer, *REVIEWER_ROLES)


def may_record_filing_review(user, document) -> bool:
    """The reviewing level records its conclusion; a level outside the platform answers by letter, which the maker
    enters."""
    if document.filing_authority_id:
        return has_role(user, document.filing_authority, *REVIEWER_ROLES)
    return may_make(user, document)


def may_any(user, document) -> bool:
    return may_make(user, document) or may_review(user, document) or (
        document.filing_authority_id is not None and may_record_filing_review(user, document))


def may_link_review(user, document) -> bool:
    """The maker, or the 复议 staff who handle the incidental review."""
    return may_make(user, document) or has_role(user, document.organisation, Role.RECONSIDERATION)


def may_run_campaign(user, campaign) -> bool:
    return has_role(user, campaign.organisation, *MAKER_ROLES)


def may_moderate(user, comment) -> bool:
    return may_make(user, comment.document)


def denied(obj) -> str:
    org = getattr(obj, "organisation", None) or getattr(getattr(obj, "document", None), "organisation", None)
    return f"您没有办理“{org.name if org else ''}”规范性文件事项的权限。"
