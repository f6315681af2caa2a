"""Which regional override applies to an organisation: the one of its nearest region (own region, then upward)."""

from __future__ import annotations

from fazhi.core.models import Organisation, Region
from fazhi.rules.engine import Override
from fazhi.rules.models import RuleOverride


def region_chain(organisation: Organisation) -> list[Region]:
    """The organisation's region (or its nearest ancestor's) and every region above it, nearest first."""
    region = organisation.region
    if region is None:
        for anc in reversed(organisation.ancestors()):
            if anc.region_id:
                region = anc.region
                break
    chain = []
    seen = set()
    while region is not None and region.pk not in seen:
        chain.append(region)
        seen.add(region.pk)
        region = region.parent
    return chain


def override_for(rule_id: str, organisation: Organisation) -> RuleOverride | None:
    chain = region_chain(organisation)
    if not chain:
        return None
    found = {o.region_id: o for o in RuleOverride.objects.filter(rule_id=rule_id, region__in=chain)
             .select_related("region")}
    return next((found[r.pk] for r in chain if r.pk in found), None)


def as_engine_override(o: RuleOverride | None) -> Override | None:
    if o is None:
        return None
    return Override(length=o.length, unit=o.unit, region_name=o.region.name, citation=o.citation, id=o.pk)
