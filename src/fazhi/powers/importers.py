"""Excel import of a 权责清单 in the layout counties export from their government-service systems: one row per item
or sub-item, several legal bases in one cell (one per line or separated by ；). Every row is checked (the
organisation is one the user keeps, the category and level are known, the code is new, the bases resolve against
the law library on the item's date); any error and nothing is imported. A valid file is written in bulk (a province's
100,000 items in one go), with one audit event per item."""

from __future__ import annotations

from django.db import transaction

from fazhi.core import audit, clock
from fazhi.core.choices import AuditAction
from fazhi.core.excel import ImportResult, RowError, parse_date, read_rows, workbook_bytes
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError
from fazhi.powers import bases as basis_mod
from fazhi.powers import flowchart as flow
from fazhi.powers.actions import _basis_rows
from fazhi.powers.choices import Category, Level
from fazhi.powers.models import PowerBasis, PowerItem
from fazhi.powers.permissions import may_manage

COLUMNS = [("organisation", "实施机关*"), ("code", "事项编码*"), ("name", "事项名称*"), ("parent_code", "所属事项编码"),
           ("category", "权力类别*"), ("level", "行使层级"), ("bases", "设定依据*"), ("responsibilities", "责任事项"),
           ("accountability", "追责情形"), ("delegated_from", "赋权或下放机关"), ("flowchart", "运行流程"),
           ("valid_from", "生效日期")]
LABELS = {k: v.rstrip("*") for k, v in COLUMNS}
CATEGORIES = {c.label: c.value for c in Category} | {c.value: c.value for c in Category} | {
    "许可": Category.LICENSE, "处罚": Category.PENALTY, "强制": Category.COERCION, "征收": Category.LEVY,
    "给付": Category.BENEFIT, "检查": Category.INSPECTION, "确认": Category.CONFIRMATION, "奖励": Category.REWARD,
    "裁决": Category.ADJUDICATION, "其他权力": Category.OTHER, "其他": Category.OTHER}
LEVELS = {lv.label: lv.value for lv in Level} | {lv.value: lv.value for lv in Level} | {
    "省": Level.PROVINCE, "市": Level.CITY, "县": Level.COUNTY, "乡": Level.TOWNSHIP, "乡镇": Level.TOWNSHIP,
    "省级": Level.PROVINCE, "市级": Level.CITY, "县级": Level.COUNTY, "乡镇级": Level.TOWNSHIP}


def template_bytes() -> bytes:
    notes = [
        "带 * 的列必填；每行一项事项或子项。子项填写“所属事项编码”（所属事项可在本表中，也可是已有的有效事项）。",
        "实施机关、赋权或下放机关填写机构全称或机构代码，实施机关须为您维护清单的机构。",
        f"权力类别填写：{'、'.join(Category.labels)}。行使层级填写：{'、'.join(Level.labels)}（不填为县级）。",
        "设定依据每行一项（或以；分隔），写成“《中华人民共和国行政处罚法》第十八条”，可带款、项；"
        "依据按生效日期当日有效的法律版本核对，条文不存在的整表不导入；法律法规库未收录的法规照录并标注。",
        "运行流程写成“受理→审查→决定→送达；审查（不符合条件）→不予受理”。",
        "生效日期写成 2025-01-01，不填为导入当天。同一机构的事项编码不得重复。",
        "整表校验通过后才会导入；任何一行有误，全部不导入。",
    ]
    sample = [["清源县市场监督管理局", "330000-CF-001", "对销售过期食品的行政处罚", "", "行政处罚", "县级",
               "《中华人民共和国行政处罚法》第十八条", "依法调查、作出处罚决定并送达", "不依法履行职责造成后果的，依法追责",
               "", "立案→调查→告知→决定→送达", "2025-01-01"]]
    return workbook_bytes("权责清单导入模板", [c[1] for c in COLUMNS], sample, notes)


def import_items(fileobj, *, actor, dry_run: bool) -> ImportResult:
    rows = read_rows(fileobj, COLUMNS)
    result = ImportResult(total=len(rows), dry_run=dry_run)
    today = clock.today()
    # The command line (no actor) keeps every list, as it keeps the law library.
    visible = Organisation.objects.all() if actor is None else Organisation.objects.visible_to(actor)
    orgs: dict[str, Organisation | None] = {}
    manages: dict[int, bool] = {}
    resolver = basis_mod.Resolver()

    def org(text) -> Organisation | None:
        text = str(text or "").strip()
        if text not in orgs:
            orgs[text] = visible.filter(code=text).first() or visible.filter(name=text).first()
        return orgs[text]

    def err(n, field, message):
        result.errors.append(RowError(n, LABELS[field], message))

    valid, seen = [], {}
    for n, row in rows:
        before = len(result.errors)
        for field, label in COLUMNS:
            if label.endswith("*") and row.get(field) in (None, ""):
                err(n, field, "必填")
        o = org(row.get("organisation")) if row.get("organisation") else None
        if row.get("organisation") and o is None:
            err(n, "organisation", f"找不到机构“{row['organisation']}”，或您无权查看该机构")
        elif o is not None:
            if o.pk not in manages:
                manages[o.pk] = actor is None or may_manage(actor, o)
            if not manages[o.pk]:
                err(n, "organisation", f"您没有维护“{o.name}”权责清单的权限")
        delegated = None
        if row.get("delegated_from"):
            delegated = org(row["delegated_from"])
            if delegated is None:
                err(n, "delegated_from", f"找不到机构“{row['delegated_from']}”")
        category = CATEGORIES.get(str(row.get("category") or "").strip())
        if row.get("category") and category is None:
            err(n, "category", f"无效的权力类别“{row['category']}”，应为：{'、'.join(Category.labels)}")
        level = LEVELS.get(str(row.get("level") or "县级").strip())
        if level is None:
            err(n, "level", f"无效的行使层级“{row['level']}”")
        try:
            valid_from = parse_date(row.get("valid_from")) or today
        except ValueError:
            err(n, "valid_from", f"日期“{row.get('valid_from')}”无法识别，请写成 2025-01-01")
            valid_from = today
        code = str(row.get("code") or "").strip()
        if len(code) > 60:
            err(n, "code", "事项编码不能超过 60 个字")
        name = str(row.get("name") or "").strip()
        if len(name) > 300:
            err(n, "name", "事项名称不能超过 300 个字")
        if o is not None and code:
            if (o.pk, code) in seen:
                err(n, "code", f"与第 {seen[(o.pk, code)]} 行的事项编码重复")
            else:
                seen[(o.pk, code)] = n
        chart = []
        try:
            chart = flow.parse(str(row.get("flowchart") or ""))
        except ActionError as e:
            err(n, "flowchart", e.message)
        resolved = []
        citations = basis_mod.split_bases(str(row.get("bases") or ""))
        for c in citations:
            try:
                resolved.append(resolver.resolve(c, valid_from))
            except ActionError as e:
                err(n, "bases", e.message)
        if len(result.errors) == before:
            valid.append({"n": n, "organisation": o, "code": code, "name": name, "category": category,
                          "level": level, "bases": resolved, "valid_from": valid_from, "flowchart": chart,
                          "parent_code": str(row.get("parent_code") or "").strip(), "delegated_from": delegated,
                          "responsibilities": str(row.get("responsibilities") or "").strip(),
                          "accountability": str(row.get("accountability") or "").strip()})
    # Codes already in the lists, and parents in the file or in the lists.
    org_ids = {r["organisation"].pk for r in valid}
    current = {(o, c): pk for o, c, pk in PowerItem.objects.filter(organisation_id__in=org_ids, valid_to__isnull=True)
               .values_list("organisation_id", "code", "pk").iterator(chunk_size=5000)}
    in_file_top = {(r["organisation"].pk, r["code"]) for r in valid if not r["parent_code"]}
    for r in valid:
        key = (r["organisation"].pk, r["code"])
        if key in current:
            err(r["n"], "code", f"{r['organisation'].name}已有编码为“{r['code']}”的有效事项")
        if r["parent_code"]:
            pkey = (r["organisation"].pk, r["parent_code"])
            if pkey not in in_file_top and pkey not in current:
                err(r["n"], "parent_code", f"所属事项“{r['parent_code']}”既不在本表中，也不是该机构的有效事项")
    result.errors.sort(key=lambda e: e.row)
    if result.errors or dry_run:
        result.created = 0 if result.errors else len(valid)
        return result
    with transaction.atomic():
        result.created = _write(valid, current, actor)
    return result


def _write(valid: list[dict], current: dict, actor) -> int:
    def item(r, parent_id=None):
        return PowerItem(organisation=r["organisation"], code=r["code"], name=r["name"], category=r["category"],
                         level=r["level"], parent_id=parent_id, responsibilities=r["responsibilities"],
                         accountability=r["accountability"], flowchart=r["flowchart"],
                         delegated_from=r["delegated_from"], valid_from=r["valid_from"])

    tops = [r for r in valid if not r["parent_code"]]
    subs = [r for r in valid if r["parent_code"]]
    top_items = PowerItem.objects.bulk_create([item(r) for r in tops], batch_size=2000)
    ids = dict(current) | {(i.organisation_id, i.code): i.pk for i in top_items}
    if any(i.pk is None for i in top_items):  # a backend that does not return ids
        ids |= {(o, c): pk for o, c, pk in PowerItem.objects.filter(valid_to__isnull=True, organisation_id__in={
            r["organisation"].pk for r in tops}).values_list("organisation_id", "code", "pk")}
        top_items = list(PowerItem.objects.filter(pk__in=[ids[(r["organisation"].pk, r["code"])] for r in tops]))
    sub_items = PowerItem.objects.bulk_create(
        [item(r, ids[(r["organisation"].pk, r["parent_code"])]) for r in subs], batch_size=2000)
    created = list(top_items) + list(sub_items)
    by_key = {(i.organisation_id, i.code, i.parent_id is not None): i for i in created}
    basis_rows = []
    for r in valid:
        it = by_key[(r["organisation"].pk, r["code"], bool(r["parent_code"]))]
        basis_rows += _basis_rows(it, r["bases"])
    PowerBasis.objects.bulk_create(basis_rows, batch_size=5000)
    audit.record_many(actor=actor, verb="导入权责事项", action=AuditAction.IMPORT,
                      entries=[(i, {"code": i.code, "name": i.name, "category": i.category,
                                    "valid_from": i.valid_from}) for i in created],
                      describe=lambda i: f"{i.code} {i.name}")
    return len(created)
