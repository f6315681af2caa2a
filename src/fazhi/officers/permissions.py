"""Who may keep the registers, and who may act: a department keeps its own officers and training; the government's
administrators and supervisors (the justice bureau) confirm subjects and issue, suspend and revoke certificates.
`may_enforce` and `may_act_as_subject` are what enforcement cases and inspections call."""

from __future__ import annotations

import datetime as dt

from fazhi.core.choices import Role
from fazhi.core.permissions import has_role

KEEPER_ROLES = (Role.LEGAL_OFFICER, Role.ADMIN, Role.SUPERVISOR)
ISSUER_ROLES = (Role.ADMIN, Role.SUPERVISOR)


def may_keep(user, organisation) -> bool:
    return has_role(user, organisation, *KEEPER_ROLES)


def may_issue(user, organisation) -> bool:
    """Certificates and subject confirmations come from above: a government's administrators or supervisors."""
    return has_role(user, organisation, *ISSUER_ROLES)


def may_keep_officer(user, officer) -> bool:
    return may_keep(user, officer.organisation)


def may_issue_for(user, certificate) -> bool:
    return may_issue(user, certificate.officer.organisation)


def may_issue_subject(user, subject) -> bool:
    return may_issue(user, subject.organisation)


def denied(obj) -> str:
    return "您没有办理该机构执法主体、执法人员或证件事项的权限。"


def enforcement_refusal(officer, day: dt.date) -> str | None:
    """Why `officer` may not act as handling officer or inspector on `day`, or None when they may."""
    if officer is None:
        return "请选择执法人员。"
    if not officer.active or (officer.left_on and officer.left_on <= day):
        return f"{officer.name}已离开执法岗位，不能从事执法活动。"
    cert = officer.certificate_on(day)
    if cert is None:
        latest = officer.certificates.order_by("-expires_on").first()
        why = "没有行政执法证件" if latest is None else (
            f"的执法证（{latest.number}）已于 {latest.expires_on:%Y-%m-%d} 到期" if latest.expires_on < day
            else f"的执法证（{latest.number}）{latest.get_status_display()}")
        return f"{officer.name}{why}，不能从事执法活动（行政处罚法第四十二条）。"
    return None


def may_enforce(officer, day: dt.date) -> bool:
    return enforcement_refusal(officer, day) is None


def may_act_as_subject(organisation, day: dt.date) -> bool:
    """Whether the organisation is an enforcement subject on `day`: a statutory organ or authorised organisation in
    force, or an entrustment that has not ended."""
    from fazhi.officers.models import EnforcementSubject

    return EnforcementSubject.objects.filter(organisation=organisation).active_on(day).exists()
