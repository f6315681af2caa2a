"""裁量基准 (discretion benchmarks) as data: for a violation (tied to a penalty item of the power list and its basis), the
circumstances 不予处罚、减轻、从轻、一般、从重 with the kinds and fine range each allows, and the 首违不罚 / 轻微免罚
lists. The decision form applies them: the chosen circumstance must fit the penalty, or the deviation needs a
recorded reason (and is counted: `enforcement.discretion_deviations`)."""

from __future__ import annotations

from fazhi.core.permissions import ActionError
from fazhi.enforcement.choices import Circumstance, Decision, PenaltyKind


def check_discretion(case, level, *, decision, kinds, fine, reason: str) -> tuple[bool, str]:
    """(deviates, reason) for a decision under `level`, or ActionError when it deviates without a reason."""
    if level is None:
        return False, ""
    problems = []
    if level.circumstance == Circumstance.EXEMPT:
        if decision == Decision.PUNISHED:
            problems.append(f"适用“{level.get_circumstance_display()}”情形的，应当作出不予行政处罚的决定")
    else:
        if decision != Decision.PUNISHED:
            problems.append(f"“{level.get_circumstance_display()}”情形应当给予行政处罚")
        allowed = set(level.kinds or [])
        extra = [PenaltyKind(k).label for k in kinds if allowed and k not in allowed]
        if extra:
            problems.append(f"处罚种类{'、'.join(extra)}不在该情形的种类（{'、'.join(PenaltyKind(k).label for k in level.kinds)}）内")
        low, high = level.fine_min, level.fine_max
        if fine and ((low is not None and fine < low) or (high is not None and fine > high)):
            problems.append(f"罚款 {fine} 元不在该情形的幅度（{low if low is not None else 0}–{high if high is not None else '不限'} 元）内")
    if not problems:
        return False, ""
    reason = (reason or "").strip()
    if not reason:
        raise ActionError("；".join(problems) + "。偏离裁量基准的，须写明理由。")
    return True, reason


def levels_for(case, day):
    """The circumstances of the standards in force on `day` for the case's power item."""
    from fazhi.enforcement.models import DiscretionLevel

    if case.power_item_id is None:
        return DiscretionLevel.objects.none()
    return DiscretionLevel.objects.filter(
        standard__power_item_id=case.power_item_id, standard__valid_from__lte=day).exclude(
        standard__valid_to__lte=day).select_related("standard")


# ---- Excel: one row per circumstance; rows with the same 基准编号 form one standard ----------------------------------

COLUMNS = [("code", "基准编号*"), ("organisation", "制定机关*"), ("power_item", "权责事项编码*"), ("violation", "违法行为*"),
           ("basis", "处罚依据*"), ("circumstance", "裁量情形*"), ("conditions", "适用条件*"), ("kinds", "处罚种类"),
           ("fine_min", "罚款下限"), ("fine_max", "罚款上限"), ("exempt_list", "免罚清单"),
           ("valid_from", "生效日期*"), ("document_number", "发布文号*")]
SAMPLE = ["SCJG-CL-001", "清源县市场监督管理局", "QY-SCJGJ-CF-001", "销售超过保质期的食品", "《中华人民共和国食品安全法》第一百二十四条",
          "从轻处罚", "货值金额不足一万元，主动消除危害后果的", "罚款、没收违法所得", "50000", "70000", "", "2025-01-01",
          "清市监〔2025〕3号"]


def template_bytes() -> bytes:
    from fazhi.core.excel import workbook_bytes

    return workbook_bytes("裁量基准导入模板", [c[1] for c in COLUMNS], [SAMPLE], [
        "每一行是一个裁量情形；基准编号相同的行属于同一个裁量基准（违法行为、依据、日期、文号须一致）。",
        f"裁量情形：{'、'.join(Circumstance.labels)}；免罚清单：首违不罚、轻微免罚（仅用于不予处罚情形）。",
        f"处罚种类用“、”分隔：{'、'.join(PenaltyKind.labels)}。", "整表校验通过后才会导入；任何一行有误，全部不导入。"])


def import_standards(fileobj, *, actor, dry_run: bool):
    from django.db import transaction

    from fazhi.core import audit
    from fazhi.core.choices import AuditAction
    from fazhi.core.excel import ImportResult, RowError, parse_date, read_rows
    from fazhi.core.models import Organisation
    from fazhi.enforcement.choices import ExemptList
    from fazhi.enforcement.models import DiscretionLevel, DiscretionStandard
    from fazhi.enforcement.permissions import may_keep_standards
    from fazhi.powers.models import PowerItem

    rows = read_rows(fileobj, COLUMNS, optional={"kinds", "fine_min", "fine_max", "exempt_list"})
    result = ImportResult(total=len(rows), dry_run=dry_run)
    circumstances = {label: v for v, label in Circumstance.choices}
    kinds_by_label = {label: v for v, label in PenaltyKind.choices}
    lists = {label: v for v, label in ExemptList.choices}
    standards: dict[str, dict] = {}
    for n, row in rows:
        def err(field, message, n=n):
            result.errors.append(RowError(n, dict(COLUMNS)[field].rstrip("*"), message))

        text = {k: ("" if row.get(k) is None else str(row[k]).strip()) for k, _ in COLUMNS}
        for k, label in COLUMNS:
            if label.endswith("*") and not text[k]:
                err(k, f"请填写{label.rstrip('*')}。")
        org = Organisation.objects.filter(code=text["organisation"]).first() or \
            Organisation.objects.filter(name=text["organisation"]).first()
        if text["organisation"] and org is None:
            err("organisation", f"找不到制定机关“{text['organisation']}”。")
        elif org is not None and not may_keep_standards(actor, org):
            err("organisation", f"您没有制定“{org.name}”裁量基准的权限。")
        try:
            valid_from = parse_date(row.get("valid_from"))
        except ValueError:
            valid_from = None
            err("valid_from", f"“{text['valid_from']}”不是有效的日期。")
        item = None
        if text["power_item"] and valid_from:
            item = PowerItem.objects.filter(code=text["power_item"], category="penalty").in_force_on(valid_from) \
                .select_related("organisation").first()
            if item is None:
                err("power_item", f"“{text['power_item']}”不是 {valid_from:%Y-%m-%d} 有效的行政处罚事项。")
        circumstance = circumstances.get(text["circumstance"])
        if text["circumstance"] and circumstance is None:
            err("circumstance", f"裁量情形“{text['circumstance']}”无效，可选：{'、'.join(Circumstance.labels)}。")
        kinds = []
        for label in [p.strip() for p in text["kinds"].split("、") if p.strip()]:
            if label not in kinds_by_label:
                err("kinds", f"处罚种类“{label}”无效。")
            else:
                kinds.append(kinds_by_label[label])
        amounts = {}
        for k in ("fine_min", "fine_max"):
            try:
                amounts[k] = validate_money(row.get(k), dict(COLUMNS)[k])
            except ActionError as e:
                err(k, e.message)
        if amounts.get("fine_min") is not None and amounts.get("fine_max") is not None and \
                amounts["fine_min"] > amounts["fine_max"]:
            err("fine_max", "罚款上限不能低于下限。")
        exempt = lists.get(text["exempt_list"], "") if text["exempt_list"] else ""
        if text["exempt_list"] and not exempt:
            err("exempt_list", "免罚清单应填“首违不罚”或“轻微免罚”。")
        if exempt and circumstance != Circumstance.EXEMPT:
            err("exempt_list", "只有“不予处罚”情形可以列入免罚清单。")
        if circumstance == Circumstance.EXEMPT and (kinds or any(v is not None for v in amounts.values())):
            err("kinds", "“不予处罚”情形不能填写处罚种类或罚款幅度。")
        head = (text["organisation"], text["power_item"], text["violation"], text["basis"], text["valid_from"],
                text["document_number"])
        std = standards.setdefault(text["code"], {"head": head, "org": org, "item": item, "valid_from": valid_from,
                                                  "text": text, "levels": []})
        if std["head"] != head:
            err("code", f"基准编号“{text['code']}”的各行制定机关、事项、违法行为、依据、日期或文号不一致。")
        std["levels"].append({"circumstance": circumstance, "conditions": text["conditions"], "kinds": kinds,
                              "fine_min": amounts.get("fine_min"), "fine_max": amounts.get("fine_max"),
                              "exempt_list": exempt})
    for code, std in standards.items():
        if std["org"] is not None and DiscretionStandard.objects.filter(
                organisation=std["org"], code=code, valid_from=std["valid_from"]).exists():
            result.errors.append(RowError(0, "基准编号", f"基准“{code}”（{std['valid_from']}起）已导入。"))
    if result.errors or dry_run:
        result.created = 0 if result.errors else len(rows)
        return result
    with transaction.atomic():
        for code, std in standards.items():
            t = std["text"]
            s = DiscretionStandard.objects.create(
                organisation=std["org"], power_item=std["item"], code=code, violation=t["violation"][:300],
                basis=t["basis"], document_number=t["document_number"][:100], valid_from=std["valid_from"])
            DiscretionLevel.objects.bulk_create([DiscretionLevel(standard=s, **lv) for lv in std["levels"]])
            audit.record(actor=actor, obj=s, action=AuditAction.IMPORT, verb="导入裁量基准",
                         after={"code": code, "power_item": std["item"].code, "levels": len(std["levels"]),
                                "document_number": s.document_number})
    result.created = len(rows)
    return result


def validate_money(value, label):
    from fazhi.core import validate

    return validate.money(value, label.rstrip("*"))


__all__ = ["check_discretion", "import_standards", "levels_for", "template_bytes"]
