from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from fazhi.core.models import AuditEvent, Organisation

router = Router(tags=["机构"])


class OrgOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None
    region: str | None
    active: bool


def _org(o: Organisation) -> dict:
    return {"code": o.code, "name": o.name, "kind": o.kind, "parent": o.parent.code if o.parent_id else None,
            "region": o.region.code if o.region_id else None, "active": o.active}


@router.get("/orgs", response=list[OrgOut], summary="可见机构清单")
def list_orgs(request, q: str = ""):
    qs = Organisation.objects.visible_to(request.auth).select_related("parent", "region")
    if q:
        qs = qs.filter(name__icontains=q)
    return [_org(o) for o in qs]


@router.get("/orgs/{code}", response=OrgOut, summary="机构详情")
def get_org(request, code: str):
    return _org(get_object_or_404(Organisation.objects.visible_to(request.auth).select_related("parent", "region"),
                                  code=code))


class EventOut(Schema):
    seq: int
    at: str
    actor: str
    action: str
    verb: str
    object_type: str
    object_id: str
    before: dict | None
    after: dict | None
    reason: str


@router.get("/orgs/{code}/history", response=list[EventOut], summary="机构变更历史")
def org_history(request, code: str):
    org = get_object_or_404(Organisation.objects.visible_to(request.auth), code=code)
    return [{"seq": e.seq, "at": e.at.isoformat(), "actor": e.actor_name, "action": e.action, "verb": e.verb,
             "object_type": e.object_type, "object_id": e.object_id, "before": e.before, "after": e.after,
             "reason": e.reason} for e in AuditEvent.objects.for_object(org)]


MAX_OFFSET = 10_000_000  # beyond any table; a larger offset would overflow the database's integer


def window(limit: int, offset: int, most: int = 1000) -> tuple[int, int]:
    """A list endpoint's (limit, offset), clamped: 1 ≤ limit ≤ most, 0 ≤ offset ≤ MAX_OFFSET."""
    return max(1, min(limit, most)), max(0, min(offset, MAX_OFFSET))
