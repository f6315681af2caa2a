"""Every change to a 权责清单: one dated action per adjustment (新增, 取消, 下放, 承接, 调整, 合并), each with its
approving document. An item is never edited: the action ends it on the effective date and starts its successor,
so the list on any earlier date stays as it was. Each action checks the declared step (`workflow.ITEM` / `ORG`),
validates every field, resolves the legal bases against the law library on the effective date, records the
`Adjustment` and audits it."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction

from fazhi.core import audit, validate
from fazhi.core.choices import AuditAction, OrgKind
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError, require
from fazhi.powers import bases as basis_mod
from fazhi.powers import flowchart as flow
from fazhi.powers.choices import AdjustmentKind, Category, Level
from fazhi.powers.models import Adjustment, PowerBasis, PowerItem
from fazhi.powers.permissions import may_manage
from fazhi.powers.workflow import ITEM, ORG

EFFECTIVE = "生效日期"


def _document(effective_on, document_number, document_title, reason, *, not_before=None):
    on = validate.date(effective_on, EFFECTIVE, future=True,
                       after=[(not_before, "该事项的生效日期")] if not_before else [])
    return {"effective_on": on,
            "document_number": validate.text(document_number, "批准文件文号", max_length=100),
            "document_title": validate.text(document_title, "批准文件名称", required=False, max_length=300),
            "reason": validate.text(reason, "调整理由", required=False)}


def clean_fields(*, organisation, code, name, category, level, bases, responsibilities="", accountability="",
                 flowchart="", on: dt.date, replacing: PowerItem | None = None, resolver=None) -> dict:
    """Validated item fields; the bases resolved on `on`. Raises ActionError naming the field."""
    code = validate.text(code, "事项编码", max_length=60)
    if not re.fullmatch(r"[0-9A-Za-z\-_.（）()\u4e00-\u9fff]+", code):
        raise ActionError(f"事项编码“{code}”含有空格或特殊字符。")
    clash = PowerItem.objects.in_force_on(on).filter(organisation=organisation, code=code)
    if replacing is not None:
        clash = clash.exclude(pk=replacing.pk)
    if clash.exists():
        raise ActionError(f"{organisation.name}在 {on:%Y-%m-%d} 已有编码为“{code}”的有效事项。")
    chart = flowchart if isinstance(flowchart, list) else flow.parse(validate.text(flowchart, "运行流程",
                                                                                 required=False))
    citations = bases if isinstance(bases, list) else basis_mod.split_bases(validate.text(bases, "设定依据"))
    return {
        "code": code, "name": validate.text(name, "事项名称", max_length=300),
        "category": validate.choice(category, Category, "权力类别"), "level": validate.choice(level, Level, "行使层级"),
        "responsibilities": validate.text(responsibilities, "责任事项", required=False),
        "accountability": validate.text(accountability, "追责情形", required=False),
        "flowchart": chart, "bases": basis_mod.resolve_all(citations, on, resolver),
    }


def _basis_rows(item: PowerItem, resolved: list) -> list[PowerBasis]:
    return [PowerBasis(item=item, position=n, citation=b.citation[:300], status=b.status, message=b.message[:300],
                       law_id=b.law_id, version_id=b.version_id, article_id=b.article_id, number=b.number,
                       suffix=b.suffix, canonical=b.canonical[:300])
            for n, b in enumerate(resolved, start=1)]


def _create(organisation, fields: dict, on: dt.date, *, parent=None, delegated_from=None, source_item=None):
    data = {k: v for k, v in fields.items() if k != "bases"}
    item = PowerItem.objects.create(organisation=organisation, valid_from=on, parent=parent,
                                    delegated_from=delegated_from, source_item=source_item, **data)
    PowerBasis.objects.bulk_create(_basis_rows(item, fields["bases"]))
    return item


def _parent(organisation, parent_code: str, on: dt.date) -> PowerItem | None:
    parent_code = (parent_code or "").strip()
    if not parent_code:
        return None
    parent = PowerItem.objects.in_force_on(on).filter(organisation=organisation, code=parent_code).first()
    if parent is None:
        raise ActionError(f"{organisation.name}在 {on:%Y-%m-%d} 没有编码为“{parent_code}”的有效事项，不能作为所属事项。")
    if parent.parent_id is not None:
        raise ActionError("子项之下不能再设子项。")
    return parent


def sub_items(item: PowerItem, on: dt.date):
    """The sub-items in force on `on` under any version of the item (they follow the item's code)."""
    return PowerItem.objects.in_force_on(on).filter(organisation=item.organisation, parent__code=item.code,
                                                    parent__organisation=item.organisation)


def _end(item: PowerItem, on: dt.date, actor, verb: str) -> list[PowerItem]:
    """End the item (and, for an item, its sub-items) on `on`: it is in force up to the day before."""
    if on <= item.valid_from:
        raise ActionError(f"{EFFECTIVE}（{on:%Y-%m-%d}）应晚于该事项的生效日期（{item.valid_from:%Y-%m-%d}）。")
    ended = [item]
    if item.parent_id is None:
        ended += list(sub_items(item, on))
    for it in ended:
        it.valid_to = on
        it.save(update_fields=["valid_to"])
        audit.record(actor=actor, obj=it, action=AuditAction.UPDATE, verb=verb, after={"valid_to": on})
    return ended


def _adjustment(organisation, kind, doc: dict, *, actor, ended=(), started=()) -> Adjustment:
    adj = Adjustment.objects.create(organisation=organisation, kind=kind, **doc)
    adj.ended.set(ended)
    adj.started.set(started)
    audit.record(actor=actor, obj=adj, organisation=organisation, action=AuditAction.CREATE,
                 verb=f"权责清单{adj.get_kind_display()}",
                 after={"kind": kind, "effective_on": doc["effective_on"], "document_number": doc["document_number"],
                        "ended": [i.code for i in ended], "started": [i.code for i in started]},
                 reason=doc["reason"])
    return adj


def _started(item, actor, verb):
    audit.record(actor=actor, obj=item, action=AuditAction.CREATE, verb=verb,
                 after={"code": item.code, "name": item.name, "category": item.category, "valid_from": item.valid_from,
                        "bases": [b.canonical or b.citation for b in item.bases.all()]})


@transaction.atomic
def add_item(*, actor, organisation: Organisation, effective_on, document_number, document_title="", reason="",
             parent_code="", kind=AdjustmentKind.ADD, delegated_from=None, **fields) -> PowerItem:
    """新增 an item (or a sub-item under `parent_code`) from the effective date."""
    ORG.check(organisation, "take_over" if kind == AdjustmentKind.TAKE_OVER else "add", actor)
    doc = _document(effective_on, document_number, document_title, reason)
    on = doc["effective_on"]
    parent = _parent(organisation, parent_code, on)
    clean = clean_fields(organisation=organisation, on=on, **fields)
    item = _create(organisation, clean, on, parent=parent, delegated_from=delegated_from)
    _started(item, actor, f"{AdjustmentKind(kind).label}事项")
    _adjustment(organisation, kind, doc, actor=actor, started=[item])
    return item


@transaction.atomic
def take_over_item(*, actor, organisation: Organisation, delegated_from: Organisation, **kw) -> PowerItem:
    """承接 an item that a higher level delegated to this organisation; the item keeps the link to it."""
    if delegated_from is None or delegated_from.pk == organisation.pk:
        raise ActionError("请选择下放或赋权的机关（不能是本机关）。")
    return add_item(actor=actor, organisation=organisation, kind=AdjustmentKind.TAKE_OVER,
                    delegated_from=delegated_from, **kw)


def _lock(item: PowerItem) -> PowerItem:
    return PowerItem.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=item.pk)


@transaction.atomic
def amend_item(item: PowerItem, *, actor, effective_on, document_number, document_title="", reason="",
               **fields) -> PowerItem:
    """调整: the item as amended from the effective date; the earlier text stays for the dates before."""
    item = _lock(item)
    ITEM.check(item, "amend", actor)
    doc = _document(effective_on, document_number, document_title, reason)
    on = doc["effective_on"]
    if fields.get("code") and fields["code"].strip() != item.code and sub_items(item, on).exists():
        raise ActionError("该事项有子项，不能修改事项编码；请先取消或调整其子项。")
    clean = clean_fields(organisation=item.organisation, on=on, replacing=item, **fields)
    if on <= item.valid_from:
        raise ActionError(f"{EFFECTIVE}（{on:%Y-%m-%d}）应晚于该事项的生效日期（{item.valid_from:%Y-%m-%d}）。")
    item.valid_to = on
    item.save(update_fields=["valid_to"])
    audit.record(actor=actor, obj=item, verb="调整：原事项失效", after={"valid_to": on})
    new = _create(item.organisation, clean, on, parent=item.parent, delegated_from=item.delegated_from,
                  source_item=item)
    _started(new, actor, "调整：新事项生效")
    _adjustment(item.organisation, AdjustmentKind.AMEND, doc, actor=actor, ended=[item], started=[new])
    return new


@transaction.atomic
def cancel_item(item: PowerItem, *, actor, effective_on, document_number, document_title="", reason="") -> Adjustment:
    """取消: the item (with its sub-items) ceases from the effective date."""
    item = _lock(item)
    ITEM.check(item, "cancel", actor)
    doc = _document(effective_on, document_number, document_title, reason)
    ended = _end(item, doc["effective_on"], actor, "取消")
    return _adjustment(item.organisation, AdjustmentKind.CANCEL, doc, actor=actor, ended=ended)


@transaction.atomic
def delegate_item(item: PowerItem, *, actor, to: Organisation, effective_on, document_number, document_title="",
                  reason="", keep_original: bool = True) -> PowerItem:
    """下放 to a lower level, or 赋权乡镇 (the township exercises it in its area and the department keeps it): the
    receiving organisation's item keeps the link to the delegating department and to the item it came from."""
    item = _lock(item)
    ITEM.check(item, "delegate", actor)
    if to is None or to.pk == item.organisation_id:
        raise ActionError("请选择承接的机关（不能是本机关）。")
    require(may_manage(actor, to), "您没有调整承接机关权责清单的权限。")
    doc = _document(effective_on, document_number, document_title, reason)
    on = doc["effective_on"]
    bases = [b.canonical or b.citation for b in item.bases.all()]
    level = Level.TOWNSHIP if to.kind == OrgKind.TOWNSHIP else item.level
    clean = clean_fields(organisation=to, code=item.code, name=item.name, category=item.category, level=level,
                         bases=bases, responsibilities=item.responsibilities, accountability=item.accountability,
                         flowchart=item.flowchart, on=on)
    ended = [] if keep_original else _end(item, on, actor, "下放：本机关不再行使")
    new = _create(to, clean, on, delegated_from=item.organisation, source_item=item)
    _started(new, actor, "承接下放事项")
    _adjustment(item.organisation, AdjustmentKind.DELEGATE, doc, actor=actor, ended=ended, started=[new])
    return new


@transaction.atomic
def merge_items(*, actor, organisation: Organisation, merged_codes, effective_on, document_number,
                document_title="", reason="", **fields) -> PowerItem:
    """合并 several items of one organisation into one, from the effective date."""
    ORG.check(organisation, "merge", actor)
    doc = _document(effective_on, document_number, document_title, reason)
    on = doc["effective_on"]
    codes = [c.strip() for c in re.split(r"[、，,\s]+", merged_codes or "") if c.strip()]
    if len(set(codes)) < 2:
        raise ActionError("合并至少需要两项有效事项的编码。")
    items = list(PowerItem.objects.select_for_update().in_force_on(on).filter(organisation=organisation,
                                                                             code__in=codes, parent__isnull=True))
    missing = sorted(set(codes) - {i.code for i in items})
    if missing:
        raise ActionError(f"{organisation.name}在 {on:%Y-%m-%d} 没有这些有效事项：{'、'.join(missing)}。")
    ended = []
    for it in items:
        ended += _end(it, on, actor, "合并：原事项失效")
    clean = clean_fields(organisation=organisation, on=on, **fields)
    new = _create(organisation, clean, on)
    _started(new, actor, "合并：新事项生效")
    _adjustment(organisation, AdjustmentKind.MERGE, doc, actor=actor, ended=ended, started=[new])
    return new


@transaction.atomic
def replace_basis(basis: PowerBasis, new_citation: str, actor) -> PowerBasis:
    """A reviewed law change (fazhi.laws.watch): the basis now cites `new_citation`, resolved today. Recorded on the
    item; the item's own validity is not split, as the duty did not change, only its citation."""
    from fazhi.core import clock

    basis = PowerBasis.objects.select_for_update(of=("self",)).select_related("item__organisation").get(pk=basis.pk)
    require(may_manage(actor, basis.item.organisation), "您没有调整该机构权责清单的权限。")
    b = basis_mod.Resolver().resolve(validate.text(new_citation, "新的引用", max_length=300), clock.today())
    before = {"citation": basis.canonical or basis.citation}
    for f in ("citation", "status", "message", "law_id", "version_id", "article_id", "number", "suffix", "canonical"):
        setattr(basis, f, getattr(b, f) if f != "citation" else b.citation)
    basis.save()
    audit.record(actor=actor, obj=basis.item, verb="更新设定依据", before=before,
                 after={"citation": basis.canonical or basis.citation})
    return basis
