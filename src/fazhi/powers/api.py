"""API of the 权责清单: the items in force on a date that a token's user may see, one item with its bases, and the
item's steps (调整, 取消, 下放) through the same forms, guard and actions as the pages."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Body, Router, Schema
from ninja.errors import HttpError

from fazhi.core import clock
from fazhi.core.api import window
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError
from fazhi.core.workflow import run_with_data
from fazhi.powers.models import PowerItem
from fazhi.powers.workflow import ITEM, ORG

router = Router(tags=["权责清单"])
STEP_BODY = Body(...)


class BasisOut(Schema):
    citation: str
    status: str
    message: str
    article_url: str | None


class ItemOut(Schema):
    id: int
    code: str
    name: str
    category: str
    category_label: str
    organisation: str
    organisation_code: str
    parent: str | None
    level: str
    delegated_from: str | None
    valid_from: dt.date
    valid_to: dt.date | None
    bases: list[str]


class ItemDetailOut(ItemOut):
    responsibilities: str
    accountability: str
    flowchart: list[dict]
    basis_details: list[BasisOut]


def _item(i: PowerItem) -> dict:
    return {"id": i.pk, "code": i.code, "name": i.name, "category": i.category,
            "category_label": i.get_category_display(), "organisation": i.organisation.name,
            "organisation_code": i.organisation.code, "parent": i.parent.code if i.parent_id else None,
            "level": i.level, "delegated_from": i.delegated_from.name if i.delegated_from_id else None,
            "valid_from": i.valid_from, "valid_to": i.valid_to,
            "bases": [b.canonical or b.citation for b in i.bases.all()]}


@router.get("/items", response=list[ItemOut], summary="某日有效的权责事项（默认今天）")
def list_items(request, on: dt.date | None = None, org: str = "", category: str = "", q: str = "",
               limit: int = 100, offset: int = 0):
    qs = (PowerItem.objects.visible_to(request.auth).in_force_on(on or clock.today())
          .select_related("organisation", "parent", "delegated_from").prefetch_related("bases")
          .order_by("organisation__path", "category", "code"))
    if org:
        qs = qs.filter(organisation__code=org)
    if category:
        qs = qs.filter(category=category)
    if q:
        qs = qs.filter(name__icontains=q[:100])
    limit, offset = window(limit, offset)
    return [_item(i) for i in qs[offset:offset + limit]]


@router.get("/items/{item_id}", response=ItemDetailOut, summary="权责事项详情")
def get_item(request, item_id: int):
    i = get_object_or_404(PowerItem.objects.visible_to(request.auth).select_related(
        "organisation", "parent", "delegated_from"), pk=item_id)
    out = _item(i)
    out |= {"responsibilities": i.responsibilities, "accountability": i.accountability, "flowchart": i.flowchart,
            "basis_details": [{"citation": b.canonical or b.citation, "status": b.status, "message": b.message,
                               "article_url": b.article.get_absolute_url() if b.article_id else None}
                              for b in i.bases.select_related("article")]}
    return out


@router.post("/items/{item_id}/steps/{step}", response=ItemDetailOut, summary="调整（amend）、取消（cancel）、下放（delegate）")
def run_step(request, item_id: int, step: str, payload: dict = STEP_BODY):
    item = get_object_or_404(PowerItem.objects.visible_to(request.auth), pk=item_id)
    try:
        result = run_with_data(ITEM, item, step, payload, request.auth)
    except ActionError as e:
        raise HttpError(400, e.message) from e
    target = result if isinstance(result, PowerItem) and PowerItem.objects.visible_to(request.auth).filter(
        pk=result.pk).exists() else item
    return get_item(request, target.pk)


@router.post("/orgs/{org_code}/steps/{step}", response=ItemDetailOut,
             summary="机构清单的调整：新增（add）、承接（take_over）、合并（merge）")
def run_org_step(request, org_code: str, step: str, payload: dict = STEP_BODY):
    org = get_object_or_404(Organisation.objects.visible_to(request.auth), code=org_code)
    if "delegated_from" in payload:  # the form takes the organisation's id; the API speaks codes
        source = Organisation.objects.visible_to(request.auth).filter(code=payload["delegated_from"]).first()
        payload = {**payload, "delegated_from": source.pk if source else None}
    try:
        item = run_with_data(ORG, org, step, payload, request.auth)
    except ActionError as e:
        raise HttpError(400, e.message) from e
    return get_item(request, item.pk)
