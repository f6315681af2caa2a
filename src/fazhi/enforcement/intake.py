"""Bulk intake of decisions from departments' own case-handling systems (CSV or Excel, up to millions of rows).

The columns are matched by header, either the template's Chinese headers or a mapping the user gives
(`field=表头`, one per line, for a system that names them its own way). Every row is validated first; any error and
nothing is written, with a row-level report in Chinese. Rows whose (organisation, source system, source case
number) is already here are skipped unchanged, so importing the same file twice changes nothing. The write is one
transaction of batched inserts (COPY-like batches of `BATCH` rows), one audit event per organisation and file (its
SHA-256, row count and number range) instead of one per row, and no deadlines: these are decided history. The
publicity due date is still computed from the rule in force, once per decision date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction

from fazhi.core import audit, jobs, validate
from fazhi.core.bulk import Stage, copy_field, copy_value
from fazhi.core.choices import AuditAction
from fazhi.core.excel import ImportFailed, ImportResult, RowError, parse_date, read_csv, read_rows, workbook_bytes
from fazhi.core.identifiers import check_credit_code, check_id_number
from fazhi.core.models import Organisation
from fazhi.core.numbering import lock_organisations
from fazhi.core.permissions import ActionError
from fazhi.enforcement.choices import (
    DECISIONS_BY_KIND,
    CaseKind,
    CaseStatus,
    Decision,
    PartyKind,
    PenaltyKind,
    Procedure,
    heaviest,
)
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.permissions import may_handle
from fazhi.rules.engine import compute_due

MAX_ERRORS = 1000  # the report lists the first ones; the count is of all
COLUMNS = [
    ("source_number", "来源案件编号*"), ("organisation", "实施机关*"), ("kind", "执法类别*"), ("procedure", "程序"),
    ("power_item", "权责事项编码"), ("cause", "案由*"), ("party_name", "当事人*"), ("party_kind", "当事人类型*"),
    ("party_id", "当事人证件号码"), ("filed_on", "立案日期*"), ("decided_on", "决定日期*"), ("decision", "决定*"),
    ("decision_number", "决定书文号"), ("penalty_kinds", "处罚种类"), ("fine_amount", "罚款金额"),
    ("confiscated_amount", "没收金额"), ("major", "重大执法决定"), ("legal_review_on", "法制审核日期"),
    ("hearing_on", "听证日期"), ("social_impact", "应公示"), ("published_on", "公示日期"), ("served_on", "送达日期"),
    ("paid_on", "缴纳日期"), ("closed_on", "结案日期"),
]
REQUIRED = {k for k, label in COLUMNS if label.endswith("*")}
LABELS = {k: label.rstrip("*") for k, label in COLUMNS}
SAMPLE = ["SCJG-2025-000001", "清源县市场监督管理局", "行政处罚", "普通程序", "QY-SCJGJ-CF-001", "销售过期食品",
          "清源县百味餐饮有限公司", "法人", "", "2025-03-03", "2025-04-08", "给予行政处罚", "清市监罚〔2025〕12号",
          "警告、罚款", "5000", "", "否", "", "", "是", "2025-04-10", "2025-04-09", "2025-04-20", "2025-04-21"]
OPTIONAL_DATES = ("legal_review_on", "hearing_on", "published_on", "served_on", "paid_on", "closed_on")
ZERO = Decimal("0.00")
YES = {"是": True, "y": True, "yes": True, "true": True, "1": True, "否": False, "n": False, "no": False,
       "false": False, "0": False, "": False}


def _lookup(choices):
    return {label: value for value, label in choices.choices} | {v: v for v in choices.values}


KINDS, PROCEDURES, PARTY_KINDS = _lookup(CaseKind), _lookup(Procedure), _lookup(PartyKind)
PROCEDURES |= {"简易程序": Procedure.SIMPLE, "当场处罚": Procedure.SIMPLE}
DECISIONS, PENALTIES = _lookup(Decision), _lookup(PenaltyKind)
PENALTIES |= {"没收违法所得、没收非法财物": PenaltyKind.CONFISCATE_GAINS}


def template_bytes() -> bytes:
    notes = ["带 * 的列必填；同一来源系统的“来源案件编号”不得重复，已导入的编号再次导入时跳过、不作修改。",
             f"执法类别：{'、'.join(CaseKind.labels)}；决定：{'、'.join(Decision.labels)}。",
             f"处罚种类用“、”分隔：{'、'.join(PenaltyKind.labels)}。当事人类型：{'、'.join(PartyKind.labels)}。",
             "实施机关写全称或机构代码；自然人的证件号码按 GB 11643、单位的按 GB 32100 校验。",
             "也可上传 CSV（UTF-8 或 GB18030 编码）；列名不同的，在“列对应”中写“字段=表头”。"]
    return workbook_bytes("执法决定导入模板", [label for _, label in COLUMNS], [SAMPLE], notes)


def parse_mapping(text: str) -> dict[str, str]:
    """"字段=表头" lines (the field may be given by its template header too) → {field: header}."""
    by_label = {label: k for k, label in LABELS.items()}
    mapping = {}
    for n, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if "=" not in line:
            raise ImportFailed(f"列对应第 {n} 行应写成“字段=表头”，如“来源案件编号=案件编号”。")
        name, header = (p.strip() for p in line.split("=", 1))
        key = name if name in LABELS else by_label.get(name.rstrip("*"))
        if key is None:
            raise ImportFailed(f"列对应第 {n} 行：没有“{name}”这个字段。")
        mapping[key] = header
    return mapping


def read(fileobj, name: str, mapping: dict[str, str] | None = None, keep=None):
    """(row number, {field: value}) for each row of a CSV file (streamed; `keep`: only these fields) or of an .xlsx
    file (a list)."""
    columns = [(k, mapping.get(k, label) if mapping else label) for k, label in COLUMNS]
    if (name or "").lower().endswith(".csv"):
        return read_csv(fileobj, columns, required=REQUIRED, keep=keep)
    return read_rows(fileobj, columns, optional={k for k, _ in COLUMNS} - REQUIRED)


@dataclass
class _Context:
    """What validating a row needs from the database, looked up once by `_prepare` before the write opens its COPY
    (no other statement can run on the connection while it is open)."""

    actor: object
    source: str
    today: dt.date
    orgs: dict = field(default_factory=dict)  # the file's text → Organisation, None (unknown) or False (not theirs)
    items: dict = field(default_factory=dict)  # (organisation id, code) → [(pk, valid_from, valid_to, category)]
    publicity: dict = field(default_factory=dict)  # decision date → publicity due
    existing: dict = field(default_factory=dict)  # organisation id → source numbers already here
    series: set = field(default_factory=set)  # (organisation id, year) of the rows: the numbering series written to
    seen: set = field(default_factory=set)


def _parsed(value):
    try:
        return parse_date(value)
    except (ValueError, TypeError):
        return None


PRESCAN = {"organisation", "power_item", "filed_on", "decided_on"}


def _prepare(ctx, rows) -> None:
    """One look at the columns that need the database: the organisations (and the importer's right to them), their
    power items named in the file, and the publicity due date of each decision date."""
    from fazhi.powers.models import PowerItem

    names, codes, days, filed = set(), set(), set(), set()
    for _, row in rows:
        name = _text(row.get("organisation"))
        names.add(name)
        codes.add(_text(row.get("power_item")))
        days.add(row.get("decided_on"))
        filed.add((name, row.get("filed_on")))
    by_code = {o.code: o for o in Organisation.objects.filter(code__in=names)}
    by_name = {o.name: o for o in Organisation.objects.filter(name__in=names - set(by_code))}
    for key in names:
        org = by_code.get(key) or by_name.get(key)
        if org is not None and not (ctx.actor is None or may_handle(ctx.actor, org)):
            org = False
        ctx.orgs[key] = org
    ids = {o.pk for o in ctx.orgs.values() if o}
    for org_id, code, *rest in PowerItem.objects.filter(organisation_id__in=ids, code__in=codes - {""}).values_list(
            "organisation_id", "code", "pk", "valid_from", "valid_to", "category"):
        ctx.items.setdefault((org_id, code), []).append(tuple(rest))
    for name, value in filed:
        day = _parsed(value)
        if day is not None and ctx.orgs[name]:
            ctx.series.add((ctx.orgs[name].pk, day.year))
    for value in days:
        day = _parsed(value)
        if day is not None:
            ctx.publicity[day] = compute_due("enforcement.publicity.license_penalty", day, with_text=False).due


def _load_existing(ctx) -> None:
    for org_id in {o.pk for o in ctx.orgs.values() if o}:
        ctx.existing[org_id] = set(EnforcementCase.objects.filter(  # the condition of the unique index: it is used
            organisation_id=org_id, source_system=ctx.source).exclude(source_number="")
            .values_list("source_number", flat=True))


def _org(ctx, value):
    return ctx.orgs[_text(value)]


def _item(ctx, org, code, day):
    for pk, start, end, category in ctx.items.get((org.pk, code), ()):
        if start <= day and (end is None or end > day):
            return pk, category
    return None


def _publicity_due(ctx, day):
    return ctx.publicity[day]


def _text(v) -> str:
    return "" if v is None else str(v).strip()


def _date(row, name, errors, n, *, required=False):
    v = row.get(name)
    if v in (None, ""):
        if required:
            errors.append(RowError(n, LABELS[name], f"请填写{LABELS[name]}。"))
        return None
    try:
        d = parse_date(v)
    except (ValueError, TypeError):
        d = None
    if d is None:
        errors.append(RowError(n, LABELS[name], f"“{v}”不是有效的日期（应为 YYYY-MM-DD）。"))
        return None
    return d


def _row(ctx, n, row) -> tuple[dict | None, list[RowError]]:
    errors: list[RowError] = []

    def err(name, message):
        errors.append(RowError(n, LABELS[name], message))

    source = _text(row.get("source_number"))
    if not source:
        err("source_number", "请填写来源案件编号。")
    elif len(source) > 100:
        err("source_number", "来源案件编号不能超过 100 个字。")
    elif source in ctx.seen:
        err("source_number", f"来源案件编号“{source}”在文件中重复。")
    ctx.seen.add(source)
    org = _org(ctx, row.get("organisation"))
    if org is None:
        err("organisation", f"找不到实施机关“{_text(row.get('organisation'))}”。")
    elif org is False:
        err("organisation", f"您没有导入“{_text(row.get('organisation'))}”执法案件的权限。")
    kind = KINDS.get(_text(row.get("kind")))
    if kind is None:
        err("kind", f"执法类别“{_text(row.get('kind'))}”无效，可选：{'、'.join(CaseKind.labels)}。")
    procedure = ""
    if kind == CaseKind.PENALTY:
        procedure = PROCEDURES.get(_text(row.get("procedure")) or "普通程序")
        if procedure is None:
            err("procedure", f"程序“{_text(row.get('procedure'))}”无效，可选：普通程序、简易程序。")
    decision = DECISIONS.get(_text(row.get("decision")))
    if decision is None or (kind and decision not in DECISIONS_BY_KIND[kind]):
        allowed = DECISIONS_BY_KIND.get(kind, ())
        err("decision", f"决定“{_text(row.get('decision'))}”无效" + (
            f"，{CaseKind(kind).label}可选：{'、'.join(Decision(d).label for d in allowed)}。" if allowed else "。"))
    party_kind = PARTY_KINDS.get(_text(row.get("party_kind")))
    if party_kind is None:
        err("party_kind", f"当事人类型“{_text(row.get('party_kind'))}”无效，可选：{'、'.join(PartyKind.labels)}。")
    party_id = _text(row.get("party_id")).upper()
    if party_id and party_kind:
        try:
            party_id = check_id_number(party_id) if party_kind == PartyKind.NATURAL else check_credit_code(party_id)
        except ValueError as e:
            err("party_id", str(e))
    texts = {}
    for name, limit in (("cause", 300), ("party_name", 200), ("decision_number", 100)):
        try:
            texts[name] = validate.text(row.get(name), LABELS[name], required=name in REQUIRED, max_length=limit)
        except ActionError as e:
            err(name, e.message)
    filed_on = _date(row, "filed_on", errors, n, required=True)
    decided_on = _date(row, "decided_on", errors, n, required=True)
    dates = {k: _date(row, k, errors, n) if row.get(k) else None for k in OPTIONAL_DATES}
    for name, d in (("filed_on", filed_on), ("decided_on", decided_on), *dates.items()):
        if d and d > ctx.today:
            err(name, f"{LABELS[name]}（{d:%Y-%m-%d}）不能晚于今天。")
    if filed_on and decided_on and decided_on < filed_on:
        err("decided_on", f"决定日期（{decided_on:%Y-%m-%d}）不能早于立案日期（{filed_on:%Y-%m-%d}）。")
    for name in ("published_on", "served_on", "paid_on", "closed_on"):
        if dates[name] and decided_on and dates[name] < decided_on:
            err(name, f"{LABELS[name]}（{dates[name]:%Y-%m-%d}）不能早于决定日期（{decided_on:%Y-%m-%d}）。")
    kinds, bad_kind = [], False
    for label in [p.strip() for p in _text(row.get("penalty_kinds")).replace(",", "、").replace("，", "、").split("、")
                  if p.strip()]:
        if label not in PENALTIES:
            err("penalty_kinds", f"处罚种类“{label}”无效，可选：{'、'.join(PenaltyKind.labels)}。")
            bad_kind = True
        else:
            kinds.append(PENALTIES[label])
    amounts = {}
    for name in ("fine_amount", "confiscated_amount"):
        try:
            amounts[name] = validate.money(row.get(name), LABELS[name]) or ZERO if row.get(name) else ZERO
        except ActionError as e:
            err(name, e.message)
    flags = {}
    for name in ("major", "social_impact"):
        v = row.get(name) or ""
        v = v.strip().lower() if isinstance(v, str) else str(v).lower()
        if v not in YES:
            err(name, f"{LABELS[name]}应填“是”或“否”。")
        flags[name] = YES.get(v, False)
    if decision == Decision.PUNISHED and not kinds and not bad_kind:
        err("penalty_kinds", "给予行政处罚的决定须填写处罚种类（行政处罚法第九条）。")
    if decision and decision != Decision.PUNISHED and (kinds or any(amounts.values())):
        err("penalty_kinds", "未给予处罚的决定不能填写处罚种类或金额。")
    if kinds and not bad_kind and (PenaltyKind.FINE in kinds) != (amounts.get("fine_amount", 0) > 0):
        err("fine_amount", "处罚种类含罚款的须填写罚款金额；填写罚款金额的处罚种类须含罚款。")
    item_pk = None
    code = _text(row.get("power_item"))
    if code and org and kind and filed_on:
        found = _item(ctx, org, code, filed_on)
        if found is None:
            err("power_item", f"“{code}”不是{org.name}在 {filed_on:%Y-%m-%d} 有效的权责事项。")
        else:
            item_pk = found[0]
    if errors:
        return None, errors
    social = flags["social_impact"] and decision == Decision.PUNISHED
    published = decided_on and (kind == CaseKind.LICENSE or (kind == CaseKind.PENALTY and social))
    fields = {"kind": kind, "procedure": procedure, "power_item_id": item_pk, "source_system": ctx.source,
              "source_number": source, "party_kind": party_kind, "party_id": party_id, "filed_on": filed_on,
              "decided_on": decided_on, "decision": decision, "penalty_kinds": kinds, "heaviest_kind": heaviest(kinds),
              **texts, **amounts, **dates, "major": flags["major"], "social_impact": social,
              "legal_review_passed": True if dates["legal_review_on"] else None,
              "publicity_due": _publicity_due(ctx, decided_on) if published else None,
              "status": CaseStatus.CLOSED if dates["closed_on"] else (
                  CaseStatus.SERVED if dates["served_on"] else CaseStatus.DECIDED)}
    return (org, filed_on.year, fields), []


def _digest(fileobj) -> str:
    h = hashlib.sha256()
    fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(1 << 20), b""):
        h.update(chunk if isinstance(chunk, bytes) else chunk.encode())
    fileobj.seek(0)
    return h.hexdigest()


class _Rollback(Exception):
    """A row failed after the write began: nothing of the file may stay."""


def import_decisions(fileobj, *, actor, source: str, name: str = "", mapping: dict | None = None, dry_run: bool,
                     today: dt.date | None = None) -> ImportResult:
    """A first look at the few columns that need the database (`_prepare`), then one pass that validates each row
    and, while no row has failed, writes it at once into an open COPY (SQLite: batched inserts), so that the
    database stores the rows while the next ones are being checked. The organisations are locked and numbered first;
    the first failing row stops the writing, and the transaction is rolled back at the end: nothing is half-saved,
    and the report lists every row's errors."""
    from fazhi.core import clock

    source = validate.text(source, "来源系统", max_length=60)
    digest = _digest(fileobj)
    ctx = _Context(actor=actor, source=source, today=today or clock.today())
    rows = read(fileobj, name, mapping, keep=PRESCAN)
    _prepare(ctx, rows)
    if not isinstance(rows, list):  # a CSV is streamed: read it again, every column
        rows = read(fileobj, name, mapping)
    result = ImportResult(dry_run=dry_run)
    if dry_run:
        _load_existing(ctx)
        _validate(ctx, rows, result, None)
        return result
    try:
        with transaction.atomic():
            ids = sorted({o.pk for o in ctx.orgs.values() if o})
            lock_organisations(*ids)
            _load_existing(ctx)
            with CaseWriter(ctx.series) as writer:
                _validate(ctx, rows, result, writer)
                if result.errors:
                    raise _Rollback
            for org, count, first, final, _ in writer.tally.values():
                audit.record(actor=actor, organisation=org, action=AuditAction.IMPORT, verb="批量导入执法决定",
                             object_type="enforcement.enforcementcase", object_id="", object_repr=f"{org.name}：{source}",
                             after={"source_system": source, "file": name, "sha256": digest, "rows": count,
                                    "first": first, "last": final})
    except _Rollback:
        result.created = 0
    except IntegrityError:
        raise ImportFailed("写入时发现部分来源案件编号已由另一次导入写入，本次未导入任何记录。请重新导入：已有的编号会被跳过。") from None
    return result


def _validate(ctx, rows, result: ImportResult, writer) -> None:
    errors = 0
    for n, row in rows:
        result.total += 1
        case, row_errors = _row(ctx, n, row)
        if row_errors:
            errors += len(row_errors)
            if len(result.errors) < MAX_ERRORS:
                result.errors.extend(row_errors[: MAX_ERRORS - len(result.errors)])
            continue
        org, year, fields = case
        if fields["source_number"] in ctx.existing[org.pk]:
            result.skipped += 1
            continue
        result.created += 1
        if writer is not None and not errors:
            writer.add(org, year, fields)
    result.error_count = errors
    if result.errors:
        result.created = 0
    elif writer is not None:
        jobs.progress(result.total, result.total, f"已校验并写入 {result.created} 件")


# The columns the intake sets, after (organisation_id, year, seq, number), which the write adds.
ROW_COLUMNS = ["kind", "procedure", "power_item_id", "source_system", "source_number", "party_kind", "party_id",
               "filed_on", "decided_on", "decision", "penalty_kinds", "heaviest_kind", "cause", "party_name",
               "decision_number", "fine_amount", "confiscated_amount", "legal_review_on", "hearing_on",
               "published_on", "served_on", "paid_on", "closed_on", "major", "social_impact", "legal_review_passed",
               "publicity_due", "status"]


def _converters():
    """One converter to COPY text per column of ROW_COLUMNS, chosen by the field's type once, not per value."""
    kinds = {f.column: f.get_internal_type() for f in EnforcementCase._meta.concrete_fields}
    out = []
    for c in ROW_COLUMNS:
        kind = kinds[c]
        if kind in ("CharField", "TextField"):
            out.append(copy_field)
        elif kind == "DateField":
            out.append(lambda v: "\\N" if v is None else v.isoformat())
        elif kind in ("DecimalField", "ForeignKey"):
            out.append(lambda v: "\\N" if v is None else str(v))
        else:
            out.append(copy_value)
    return out


_CONVERT = _converters()


def _copy_line(fields: dict) -> str:
    return "\t".join([convert(fields[c]) for c, convert in zip(ROW_COLUMNS, _CONVERT, strict=True)])


def _other_columns(now) -> list[tuple[str, object]]:
    """(column, value) for every other column of the case table (not the key): its default, the times now."""
    written = {"organisation_id", "year", "seq", "number", *ROW_COLUMNS}
    out = []
    for f in EnforcementCase._meta.concrete_fields:
        if f.primary_key or f.column in written:
            continue
        out.append((f.column, now if f.column in ("created_at", "updated_at") else f.get_default()))
    return out


class CaseWriter:
    """Numbers each new case in its organisation's series (`…执法案〔年〕序号号`, after the last one here, under the
    lock) and streams it into the case table; keeps per organisation the count and first and last source numbers
    for the audit event."""

    def __init__(self, series):
        """`series`: the (organisation id, year) the rows will be numbered in; the last number of each is read on
        the unique index (one short query each, not an aggregate over the organisations' every case)."""
        from django.db import connection
        from django.db.models import Max

        from fazhi.core import clock

        self.last = {(o, y): EnforcementCase.objects.filter(organisation_id=o, year=y).aggregate(m=Max("seq"))["m"]
                     or 0 for o, y in series}
        self.tally: dict[int, list] = {}
        others = _other_columns(clock.now())
        self.pg = connection.vendor == "postgresql"
        fields = {f.column: f for f in EnforcementCase._meta.concrete_fields}
        if self.pg:
            self.tail = "".join("\t" + copy_value(v) for _, v in others)
        else:
            self.tail = [fields[c].get_db_prep_save(v, connection) for c, v in others]
            self.prep = [(c, fields[c]) for c in ROW_COLUMNS]
            self.connection = connection
        self.stage = Stage(EnforcementCase._meta.db_table,
                           ["organisation_id", "year", "seq", "number", *ROW_COLUMNS, *(c for c, _ in others)],
                           create=False)

    def __enter__(self):
        self.stage.__enter__()
        return self

    def __exit__(self, *exc):
        return self.stage.__exit__(*exc)

    def add(self, org, year: int, fields: dict) -> None:
        key = (org.pk, year)
        seq = self.last[key] = self.last.get(key, 0) + 1
        tally = self.tally.get(org.pk)
        if tally is None:
            tally = self.tally[org.pk] = [org, 0, fields["source_number"], "", org.short_name or org.name]
        tally[1] += 1
        tally[3] = fields["source_number"]
        number = f"{tally[4]}执法案〔{year}〕{seq}号"
        if self.pg:
            self.stage.add((f"{org.pk}\t{year}\t{seq}\t{copy_field(number)}\t{_copy_line(fields)}{self.tail}",),
                           escaped=True)
        else:
            self.stage.add((org.pk, year, seq, number,
                            *(f.get_db_prep_save(fields[c], self.connection) for c, f in self.prep), *self.tail))
