"""检查对象名录库: bulk import of the entity directory from the registration system (CSV, UTF-8 or GB18030, or Excel),
a province's ~10⁷ rows in one file.

Each row is validated as it streams in (the credit code's check digit under GB 32100, the kind, the region code, the
risk class, the status) and staged (`fazhi.core.bulk.Stage`: COPY on PostgreSQL); a credit code that appears twice in
the file is an error naming both rows. Any error, and nothing is written; otherwise one statement merges the stage
into the directory: new codes are added, known codes updated where something changed, so importing the same file
again changes nothing. One audit event per file (its SHA-256 and counts)."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection, transaction

from fazhi.core import audit, clock, jobs
from fazhi.core.bulk import Stage
from fazhi.core.choices import AuditAction
from fazhi.core.excel import ImportFailed, ImportResult, RowError, read_csv, read_rows, workbook_bytes
from fazhi.core.identifiers import check_credit_code
from fazhi.core.permissions import ActionError
from fazhi.inspections.choices import EntityKind, EntityStatus, RiskClass

COLUMNS = [("credit_code", "统一社会信用代码*"), ("name", "名称*"), ("kind", "主体类型*"),
           ("region_code", "所在地行政区划代码*"), ("industry", "行业"), ("risk_class", "信用风险分类"),
           ("status", "登记状态")]
REQUIRED = {"credit_code", "name", "kind", "region_code"}
FIELDS = ["credit_code", "name", "kind", "region_code", "industry", "risk_class", "status"]
MAX_ERRORS = 200


def _lookup(choices, extra=None):
    return {label: value for value, label in choices.choices} | {v: v for v in choices.values} | (extra or {})


KINDS = _lookup(EntityKind, {"个体": EntityKind.INDIVIDUAL, "农专": EntityKind.COOPERATIVE,
                             "农民专业合作社": EntityKind.COOPERATIVE, "公司": EntityKind.ENTERPRISE})
RISKS = _lookup(RiskClass, {"": RiskClass.B, "A类": "A", "B类": "B", "C类": "C", "D类": "D", "低": "A", "一般": "B",
                            "较高": "C", "高": "D"})
STATUSES = _lookup(EntityStatus, {"": EntityStatus.ACTIVE, "在业": EntityStatus.ACTIVE, "在营": EntityStatus.ACTIVE,
                                  "开业": EntityStatus.ACTIVE, "存续（在营、开业、在册）": EntityStatus.ACTIVE,
                                  "吊销，未注销": EntityStatus.REVOKED})
SAMPLE = ["91330102MA2H0000X1", "某某商贸有限公司", "企业", "330102001000", "批发和零售业", "B", "存续"]


def template_bytes() -> bytes:
    notes = ["带 * 的列必填；统一社会信用代码按 GB 32100 校验，同一代码在文件中只能出现一次；已有的代码按本次内容更新。",
             f"主体类型：{'、'.join(EntityKind.labels)}。信用风险分类：A、B、C、D（留空为 B）。"
             f"登记状态：{'、'.join(EntityStatus.labels)}（留空为存续）。",
             "所在地行政区划代码写到乡镇（街道）的12位代码更好（回避按乡镇判断），至少6位。",
             "百万行以上的名录请用 CSV（UTF-8 或 GB18030），或 `fazhi inspections import`。"]
    return workbook_bytes("检查对象名录导入模板", [label for _, label in COLUMNS], [SAMPLE], notes)


def _row(n: int, row: dict) -> tuple[tuple | None, list[RowError]]:
    errors = []

    def err(name, message):
        errors.append(RowError(n, dict(COLUMNS)[name].rstrip("*"), message))

    def text(name):
        v = row.get(name)
        return "" if v is None else str(v).strip()

    try:
        code = check_credit_code(text("credit_code"))
    except ValueError as e:
        err("credit_code", str(e))
        code = ""
    name = "".join(ch for ch in text("name") if ch >= " ")
    if not name:
        err("name", "请填写名称。")
    elif len(name) > 200:
        err("name", f"名称不能超过 200 个字（现有 {len(name)} 个）。")
    kind = KINDS.get(text("kind"))
    if kind is None:
        err("kind", f"无效的主体类型“{text('kind')}”。可选：{'、'.join(EntityKind.labels)}。")
    region = text("region_code")
    if not (region.isascii() and region.isdigit() and 6 <= len(region) <= 12):
        err("region_code", f"行政区划代码“{region}”应为6至12位数字。")
    industry = text("industry")
    if len(industry) > 100:
        err("industry", "行业不能超过 100 个字。")
    risk = RISKS.get(text("risk_class").upper() if len(text("risk_class")) == 1 else text("risk_class"))
    if risk is None:
        err("risk_class", f"无效的信用风险分类“{text('risk_class')}”，应为 A、B、C 或 D。")
    status = STATUSES.get(text("status"))
    if status is None:
        err("status", f"无效的登记状态“{text('status')}”。可选：{'、'.join(EntityStatus.labels)}。")
    if errors:
        return None, errors
    return (str(n), code, name, kind, region, industry, risk, status), []


def read(fileobj, name: str):
    if (name or "").lower().endswith(".csv"):
        return read_csv(fileobj, COLUMNS, required=REQUIRED)
    return read_rows(fileobj, COLUMNS, optional={k for k, _ in COLUMNS} - REQUIRED)


class _Rollback(Exception):
    pass


MERGE = """
INSERT INTO inspections_entity (credit_code, name, kind, region_code, industry, risk_class, status, abnormal,
                                updated_at)
SELECT credit_code, name, kind, region_code, industry, risk_class, status, %s, %s FROM {stage} WHERE true
ON CONFLICT (credit_code) DO UPDATE SET name = excluded.name, kind = excluded.kind,
    region_code = excluded.region_code, industry = excluded.industry, risk_class = excluded.risk_class,
    status = excluded.status, updated_at = excluded.updated_at
WHERE inspections_entity.name {ne} excluded.name OR inspections_entity.kind {ne} excluded.kind
   OR inspections_entity.region_code {ne} excluded.region_code OR inspections_entity.industry {ne} excluded.industry
   OR inspections_entity.risk_class {ne} excluded.risk_class OR inspections_entity.status {ne} excluded.status
"""


def may_import(actor) -> bool:
    from fazhi.core.models import Membership
    from fazhi.inspections.permissions import PLANNER_ROLES

    return actor is None or actor.is_superuser or Membership.objects.filter(user=actor,
                                                                             role__in=PLANNER_ROLES).exists()


def import_entities(fileobj, *, actor, name: str = "", dry_run: bool = False) -> ImportResult:
    """Validate every row, then merge the file into the directory (or nothing, on any error or a dry run).
    `created` counts new entities, `skipped` known ones left unchanged; `updated` is set on the result."""
    if not may_import(actor):
        raise ActionError("您没有导入检查对象名录的权限。")
    digest, _ = audit.file_sha256(fileobj)
    result = ImportResult(dry_run=dry_run)
    errors = 0
    try:
        with transaction.atomic():
            table = _stage_sql(fileobj, name, result) if _sql_path(name) else None
            if table is not None:
                errors = result.error_count
            else:
                stage = Stage("fazhi_stage_entity", ["line", *FIELDS])
                with stage:
                    for n, row in read(fileobj, name):
                        result.total += 1
                        values, row_errors = _row(n, row)
                        if row_errors:
                            errors += len(row_errors)
                            room = MAX_ERRORS - len(result.errors)
                            result.errors.extend(row_errors[:max(room, 0)])
                            continue
                        stage.add(values)
                table = stage.table
            if result.total == 0:
                raise ImportFailed("文件中没有数据行。")
            cast = "integer"
            cursor = connection.cursor()
            cursor.execute(
                f"SELECT credit_code, MIN(CAST(line AS {cast})), MAX(CAST(line AS {cast})), COUNT(*) "
                f"FROM {table} GROUP BY credit_code HAVING COUNT(*) > 1 ORDER BY 2 LIMIT {MAX_ERRORS}")
            for code, first, again, times in cursor.fetchall():
                errors += times - 1
                if len(result.errors) < MAX_ERRORS:
                    result.errors.append(RowError(int(again), "统一社会信用代码",
                                                  f"{code} 与第 {first} 行重复（文件中共出现 {times} 次）。"))
            result.error_count = errors
            if errors or dry_run:
                result.created = 0 if errors else result.total
                raise _Rollback
            from fazhi.inspections.models import Entity

            jobs.progress(result.total, result.total, f"校验通过，正在写入 {result.total} 户")
            if connection.vendor == "postgresql":  # counted as they are written: xmax is 0 for a new row
                with _secondary_indexes_rebuilt(cursor, result.total):
                    cursor.execute(f"WITH m AS ({MERGE.format(stage=table, ne='IS DISTINCT FROM')} "
                                   "RETURNING (xmax = 0) AS created) "
                                   "SELECT count(*) FILTER (WHERE created), count(*) FROM m", [False, clock.now()])
                    result.created, changed = cursor.fetchone()
            else:
                before = Entity.objects.count()
                cursor.execute(MERGE.format(stage=table, ne="IS NOT"), [False, clock.now()])
                changed = cursor.rowcount
                result.created = Entity.objects.count() - before
            cursor.execute(f"DROP TABLE {table}")
            result.updated = max(changed - result.created, 0)
            result.skipped = result.total - result.created - result.updated
            audit.record(actor=actor, action=AuditAction.IMPORT, verb="导入检查对象名录",
                         object_type="inspections.entity", object_id="", object_repr=name or "检查对象名录",
                         after={"file": name, "sha256": digest, "rows": result.total,
                                "created": result.created, "updated": result.updated})
    except _Rollback:
        pass
    return result


REBUILD_MIN = 200_000  # rows in a file from which a load as large as the directory rebuilds its secondary indexes


@contextmanager
def _secondary_indexes_rebuilt(cursor, rows: int):
    """A file at least as large as the directory (a first load, a province's 10⁷ rows): its non-unique indexes are
    dropped before the merge and built again after it, a sort each instead of millions of inserts at random places.
    The unique index stays (the merge's ON CONFLICT needs it). Inside the import's transaction: a failure restores
    them; the table is locked for writing meanwhile, as it is by any import."""
    cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'inspections_entity'::regclass")
    if rows < max(REBUILD_MIN, cursor.fetchone()[0]):
        yield
        return
    cursor.execute("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                   "WHERE indrelid = 'inspections_entity'::regclass AND NOT indisunique AND NOT indisprimary")
    indexes = cursor.fetchall()
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    yield
    for _, definition in indexes:
        cursor.execute(definition)


def _sql_path(name: str) -> bool:
    """A CSV file on PostgreSQL is read by the server (`directory_sql`); unless FAZHI_IMPORT_PYTHON is set."""
    import os

    return connection.vendor == "postgresql" and (name or "").lower().endswith(".csv") and \
        not os.environ.get("FAZHI_IMPORT_PYTHON")


def _stage_sql(fileobj, name, result) -> str | None:
    from fazhi.core.excel import csv_encoding
    from fazhi.inspections import directory_sql

    fileobj.seek(0)
    encoding = csv_encoding(fileobj.read(1 << 16))
    try:
        table, total, errors, count = directory_sql.import_csv(
            fileobj, encoding, COLUMNS, REQUIRED, KINDS, RISKS, STATUSES, MAX_ERRORS)
    except directory_sql.Unsupported:
        return None
    result.total, result.errors, result.error_count = total, errors, count
    return table
