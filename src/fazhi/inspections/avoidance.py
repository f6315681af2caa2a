"""本地区回避规定 (AvoidancePolicy): which kinds of 回避 a region requires of every random-inspection task, found for
an organisation the way a deadline rule's local override is (its region, then upward; the nearest binds), set by an
administrator of the region as an action with an audit event."""

from __future__ import annotations

from django.db import transaction

from fazhi.core import audit
from fazhi.core.choices import AuditAction
from fazhi.core.models import Organisation, Region
from fazhi.core.permissions import ActionError, require
from fazhi.inspections.models import AvoidancePolicy
from fazhi.rules.actions import may_override_region
from fazhi.rules.overrides import region_chain

OUT_OF_REGION = "您只能为本机构所在区划（或其下级区划）设置回避规定。"


def policy_for(organisation: Organisation) -> AvoidancePolicy | None:
    chain = region_chain(organisation)
    if not chain:
        return None
    found = {p.region_id: p for p in AvoidancePolicy.objects.filter(region__in=chain).select_related("region")}
    return next((found[r.pk] for r in chain if r.pk in found), None)


def refusal(organisation: Organisation, *, township: bool, former_employer: bool) -> str | None:
    """Why a task of `organisation` may not leave out a kind of 回避 its region requires, or None."""
    policy = policy_for(organisation)
    if policy is None:
        return None
    missing = [label for required, chosen, label in ((policy.township, township, "本人乡镇（街道）回避"),
                                                     (policy.former_employer, former_employer, "曾任职单位回避"))
               if required and not chosen]
    if not missing:
        return None
    return f"{policy.region.name}规定双随机抽查须实行{'和'.join(missing)}（{policy.basis}），任务不能取消。"


@transaction.atomic
def save_policy(*, actor, region: Region, township: bool, former_employer: bool, basis: str) -> AvoidancePolicy:
    if region is None:
        raise ActionError("请选择适用区划。")
    require(may_override_region(actor, region), OUT_OF_REGION)
    basis = (basis or "").strip()
    if not basis:
        raise ActionError("请填写地方依据（文件名称和条款）。")
    if len(basis) > 300:
        raise ActionError("地方依据不能超过 300 个字。")
    policy = AvoidancePolicy.objects.select_for_update().filter(region=region).first()
    fields = ["township", "former_employer", "basis"]
    before = audit.snapshot(policy, fields) if policy else None
    policy = policy or AvoidancePolicy(region=region)
    policy.township, policy.former_employer, policy.basis = bool(township), bool(former_employer), basis
    policy.save()
    audit.record(actor=actor, obj=policy, action=AuditAction.UPDATE if before else AuditAction.CREATE,
                 verb="设置双随机抽查回避规定", before=before, after=audit.snapshot(policy, fields))
    return policy
