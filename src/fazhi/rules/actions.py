"""Changes to the rules' regional overrides (规则覆盖); each recomputes the open deadlines of the rule."""

from __future__ import annotations

from django.db import transaction

from fazhi.calendar.permissions import may_manage_calendar
from fazhi.core import audit
from fazhi.core.choices import AuditAction, Role
from fazhi.core.models import Region
from fazhi.core.permissions import ActionError, require
from fazhi.core.scoping import sees_everything
from fazhi.rules import engine, recompute
from fazhi.rules.choices import TimeUnit
from fazhi.rules.models import RuleOverride

DENIED = "只有系统管理员可以维护期限规则的地方覆盖。"
OUT_OF_REGION = "您只能为本机构所在区划（或其下级区划）设置期限规则的地方覆盖。"


def overridable_regions(user):
    """The regions whose local rules `user` may set (a deadline rule's override, a 回避 rule): a local rule binds
    every organisation in the region, so an administrator sets it for the region of an organisation they administer
    or a region below it; only a superuser for any region. Read in one pass over the regions."""
    if sees_everything(user):
        return Region.objects.all()
    if not may_manage_calendar(user):
        return Region.objects.none()
    own = {m.organisation.region_id for m in user.memberships.filter(role=Role.ADMIN).select_related("organisation")
           if m.organisation.region_id}
    parents = dict(Region.objects.values_list("pk", "parent_id"))
    allowed = []
    for pk in parents:
        seen, r = set(), pk
        while r is not None and r not in seen:
            if r in own:
                allowed.append(pk)
                break
            seen.add(r)
            r = parents.get(r)
    return Region.objects.filter(pk__in=allowed)


def may_override_region(user, region: Region) -> bool:
    return overridable_regions(user).filter(pk=region.pk).exists()


def _follow(rule_id: str, *, actor, reason: str):
    recompute.reassign_overrides(rule_id)
    recompute.recompute(rule_ids=[rule_id], actor=actor, reason=reason)


@transaction.atomic
def save_override(*, actor, rule_id: str, region: Region, length: int, unit: str = TimeUnit.CALENDAR_DAYS,
                  citation: str = "", note: str = "", reason: str = "") -> RuleOverride:
    """Create or change a region's length for a rule."""
    require(may_manage_calendar(actor), DENIED)
    require(may_override_region(actor, region), OUT_OF_REGION)
    rule = engine.get_rule(rule_id)
    if rule.current.unit == engine.FIXED_DATE:
        raise ActionError(f"“{rule.title}”是固定日期，不能按区划覆盖期限长度。")
    if unit not in TimeUnit.values:
        raise ActionError(f"未知的期限单位“{unit}”。")
    if not isinstance(length, int) or not 0 < length <= 3650:
        raise ActionError("期限长度应为 1—3650 之间的整数。")
    o = RuleOverride.objects.select_for_update().filter(rule_id=rule_id, region=region).first()
    before = audit.snapshot(o, ["length", "unit", "citation", "note"]) if o else None
    if o is None:
        o = RuleOverride(rule_id=rule_id, region=region)
    o.length, o.unit, o.citation, o.note = length, unit, citation.strip(), note.strip()
    o.save()
    audit.record(actor=actor, obj=o, action=AuditAction.UPDATE if before else AuditAction.CREATE,
                 verb="设置期限规则地方覆盖", before=before,
                 after=audit.snapshot(o, ["rule_id", "region", "length", "unit", "citation", "note"]), reason=reason)
    _follow(rule_id, actor=actor, reason=f"{region.name}调整“{rule.title}”为{length}{o.get_unit_display()}")
    return o


@transaction.atomic
def delete_override(override: RuleOverride, *, actor, reason: str = "") -> None:
    require(may_manage_calendar(actor), DENIED)
    require(may_override_region(actor, override.region), OUT_OF_REGION)
    rule_id, region = override.rule_id, override.region
    audit.record(actor=actor, obj=override, action=AuditAction.DELETE, verb="删除期限规则地方覆盖",
                 before=audit.snapshot(override, ["rule_id", "region", "length", "unit", "citation"]), reason=reason)
    override.delete()
    _follow(rule_id, actor=actor, reason=f"撤销{region.name}对“{rule_id}”的地方覆盖")
