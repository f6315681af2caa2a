"""Excel import of organisations: template, dry run, all-or-nothing with row-level errors."""

from __future__ import annotations

from fazhi.core import actions
from fazhi.core.choices import OrgKind
from fazhi.core.excel import RowError, read_rows, run_import, workbook_bytes
from fazhi.core.models import Organisation, Region
from fazhi.core.permissions import ActionError

COLUMNS = [("code", "机构代码*"), ("name", "名称*"), ("short_name", "简称"), ("kind", "类型*"),
           ("parent", "上级机构代码"), ("region", "行政区划代码")]
KIND_BY_LABEL = {label: value for value, label in OrgKind.choices} | {v: v for v in OrgKind.values}


def template_bytes() -> bytes:
    notes = ["带 * 的列必填。", f"类型填写：{'、'.join(OrgKind.labels)}。",
             "上级机构代码须为已有机构或本表中位于前面的行。", "整表校验通过后才会导入；任何一行有误，全部不导入。"]
    return workbook_bytes("机构导入模板", [c[1] for c in COLUMNS],
                          [["330100-sfj", "示例市司法局", "司法局", "政府部门", "330100-gov", ""]], notes)


def import_organisations(fileobj, *, actor, dry_run: bool):
    rows = read_rows(fileobj, COLUMNS)

    def handle(n, row):
        errs = []
        for field, label in COLUMNS:
            if label.endswith("*") and not row.get(field):
                errs.append(RowError(n, label.rstrip("*"), "必填"))
        kind = KIND_BY_LABEL.get(str(row.get("kind") or ""))
        if row.get("kind") and not kind:
            errs.append(RowError(n, "类型", f"无效的类型“{row['kind']}”"))
        parent = region = None
        if row.get("parent"):
            parent = Organisation.objects.visible_to(actor).filter(code=str(row["parent"])).first()
            if parent is None:
                errs.append(RowError(n, "上级机构代码", f"找不到机构“{row['parent']}”"))
        if row.get("region"):
            region = Region.objects.filter(code=str(row["region"])).first()
            if region is None:
                errs.append(RowError(n, "行政区划代码", f"找不到行政区划“{row['region']}”"))
        if row.get("code") and Organisation.objects.filter(code=str(row["code"])).exists():
            errs.append(RowError(n, "机构代码", f"机构代码“{row['code']}”已存在"))
        if errs:
            return errs
        try:
            actions.create_organisation(actor=actor, code=str(row["code"]), name=str(row["name"]), kind=kind,
                                        parent=parent, region=region, short_name=str(row.get("short_name") or ""),
                                        reason="Excel 导入")
        except ActionError as e:
            return [RowError(n, "", e.message)]
        return []

    return run_import(rows, handle, dry_run=dry_run)
