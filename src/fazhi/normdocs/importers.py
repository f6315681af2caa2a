"""Excel import of an existing catalogue of normative documents (存量文件目录): template, dry run, all-or-nothing,
row-level errors in Chinese. A row whose maker already has a document with that number is skipped (re-importing the
same file adds nothing); the same number twice in one file is an error naming both rows."""

from __future__ import annotations

from django.http import Http404

from fazhi.core.excel import ImportResult, RowError, parse_date, read_rows, run_import, workbook_bytes
from fazhi.core.import_views import ExcelImportView
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError
from fazhi.normdocs import cleanup
from fazhi.normdocs.catalogue import register_existing
from fazhi.normdocs.choices import EndKind
from fazhi.normdocs.models import Document

COLUMNS = [("organisation", "制定机关代码*"), ("number", "文号*"), ("title", "文件名称*"), ("published_on", "公布日期*"),
           ("effective_from", "施行日期"), ("valid_until", "有效期至"), ("reviewed_on", "合法性审核日期"),
           ("filed_on", "报送备案日期"), ("ended_on", "失效日期"), ("end_kind", "失效方式"), ("text", "正文")]
OPTIONAL = ("effective_from", "valid_until", "reviewed_on", "filed_on", "ended_on", "end_kind", "text")
END_KIND = {label: value for value, label in EndKind.choices} | {v: v for v in EndKind.values}


def template_bytes() -> bytes:
    notes = ["带 * 的列必填；日期写作 2024-03-01。", "制定机关代码为本平台的机构代码。",
             "有效期一般不超过5年，标注“暂行”“试行”的不超过2年。",
             f"已失效的文件填写失效日期和失效方式（{'、'.join(EndKind.labels)}）。",
             "同一机关已登记的文号不会重复导入；整表校验通过后才导入，任何一行有误，全部不导入。"]
    return workbook_bytes("规范性文件目录导入模板", [c[1] for c in COLUMNS],
                          [["330100-gov", "示例府规〔2024〕1号", "示例市城市绿化管理办法", "2024-03-01", "2024-04-01",
                            "2029-03-31", "2024-02-20", "2024-03-10", "", "", "第一条 为了……制定本办法。"]], notes)


def _date(n, row, field, label, errs):
    v = row.get(field)
    if v in (None, ""):
        return None
    try:
        return parse_date(v)
    except (ValueError, TypeError):
        errs.append(RowError(n, label, f"“{v}”不是有效的日期（应为 YYYY-MM-DD）"))
        return None


def import_catalogue(fileobj, *, actor, dry_run: bool) -> ImportResult:
    rows = read_rows(fileobj, COLUMNS, optional=OPTIONAL)
    orgs: dict[str, Organisation | None] = {}
    seen: dict[tuple, int] = {}
    skipped = 0

    def handle(n, row):
        nonlocal skipped
        errs = []
        for field, label in COLUMNS:
            if label.endswith("*") and row.get(field) in (None, ""):
                errs.append(RowError(n, label.rstrip("*"), "必填"))
        code = str(row.get("organisation") or "").strip()
        if code and code not in orgs:
            orgs[code] = Organisation.objects.visible_to(actor).filter(code=code).first()
        org = orgs.get(code)
        if code and org is None:
            errs.append(RowError(n, "制定机关代码", f"找不到机构“{code}”，或不在您的管辖范围内"))
        dates = {f: _date(n, row, f, label.rstrip("*"), errs) for f, label in COLUMNS
                 if f in ("published_on", "effective_from", "valid_until", "reviewed_on", "filed_on", "ended_on")}
        kind = ""
        if row.get("end_kind"):
            kind = END_KIND.get(str(row["end_kind"]).strip(), "")
            if not kind:
                errs.append(RowError(n, "失效方式", f"无效的失效方式“{row['end_kind']}”"))
        number = str(row.get("number") or "").strip()
        if org is not None and number:
            key = (org.pk, number)
            if key in seen:
                errs.append(RowError(n, "文号", f"与第 {seen[key]} 行文号重复"))
            seen.setdefault(key, n)
        if errs:
            return errs
        if Document.objects.filter(organisation=org, number=number).exists():
            skipped += 1
            return []
        try:
            register_existing(actor=actor, organisation=org, title=row["title"], number=number,
                              text=str(row.get("text") or ""), end_kind=kind, audit_event=True, **dates)
        except ActionError as e:
            return [RowError(n, "", e.message)]
        return []

    result = run_import(rows, handle, dry_run=dry_run)
    result.skipped = skipped
    result.created = max(result.created - skipped, 0) if result.ok else 0
    return result


class CatalogueImport(ExcelImportView):
    title = "导入规范性文件目录"
    template_filename = "规范性文件目录导入模板.xlsx"
    success_url_name = "normdocs:documents"
    success_message = "已登记 {n} 件规范性文件。"

    def denied(self, request):
        if cleanup.may_create(request.user):
            return None
        raise Http404("您没有导入规范性文件目录的权限。")

    def template_bytes(self):
        return template_bytes()

    def run_import(self, fileobj, cleaned_data, *, actor, dry_run):
        return import_catalogue(fileobj, actor=actor, dry_run=dry_run)
