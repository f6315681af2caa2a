"""Excel import of historical 行政复议 cases: template, dry run, all-or-nothing with a row-level error report.

Each row is validated like the intake form and the steps that follow it. Rows of cases still open go through the
live actions one by one, so their statutory clocks start; rows of finished cases are written in bulk by
`actions.import_closed_cases`, which applies the same checks, records one audit event per case and is fast
enough for tens of thousands of rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import transaction

from fazhi.core.excel import ImportResult, RowError, read_rows, workbook_bytes
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError
from fazhi.reconsideration import actions
from fazhi.reconsideration.choices import ActKind, Channel, Outcome, PartyKind, Procedure
from fazhi.reconsideration.models import Case
from fazhi.reconsideration.permissions import may_handle

COLUMNS = [
    ("organisation", "复议机关代码*"), ("respondent", "被申请人*"), ("applicants", "申请人*"),
    ("applicant_kind", "申请人类型"), ("act_kind", "行政行为类别*"), ("act_description", "被申请复议的行政行为*"),
    ("act_document_number", "行政行为文书号"), ("known_on", "知道行政行为日期"), ("received_on", "收到申请日期*"),
    ("channel", "申请方式*"), ("request", "行政复议请求*"), ("acceptance", "受理情况"),
    ("acceptance_on", "受理或不予受理日期"), ("procedure", "审理程序"), ("rejection_reason", "不予受理理由"),
    ("outcome", "审结方式"), ("closed_on", "审结日期"), ("outcome_reason", "决定理由"),
]
ACCEPTANCE = {"受理": "accepted", "视为受理": "deemed", "不予受理": "rejected", "待审查": "", "": ""}
OUTCOME_BY_LABEL = {label: value for value, label in Outcome.choices} | {"驳回": Outcome.DISMISSED,
                                                                          "和解": Outcome.SETTLED}


def _by_label(choices) -> dict:
    return {label: value for value, label in choices} | {v: v for v, _ in choices}


ACT_KIND = _by_label(ActKind.choices)
CHANNEL = _by_label(Channel.choices) | {"当面": Channel.IN_PERSON, "口头": Channel.ORAL, "网上": Channel.ONLINE}
PROCEDURE = _by_label(Procedure.choices) | {"": Procedure.ORDINARY, "普通": Procedure.ORDINARY,
                                            "简易": Procedure.SIMPLIFIED}
PARTY_KIND = _by_label(PartyKind.choices) | {"": PartyKind.PERSON, "个人": PartyKind.PERSON,
                                             "单位": PartyKind.ORGANISATION}


def template_bytes() -> bytes:
    notes = [
        "带 * 的列必填。日期格式为 2025-03-18。多名申请人以顿号“、”分隔。",
        "复议机关代码填写机构代码；被申请人填写机构代码或全称。",
        f"行政行为类别：{'、'.join(ActKind.labels)}。申请方式：{'、'.join(Channel.labels)}。",
        "受理情况：受理、视为受理、不予受理、待审查（留空同待审查）。不予受理须填写理由。",
        f"审结方式：{'、'.join(Outcome.labels)}。审结的案件须先受理。",
        "整表校验通过后才会导入；任何一行有误，全部不导入。未审结的案件按现行期限规则继续计算期限。",
    ]
    example = ["990121-gov", "清源县市场监督管理局", "张某某", "自然人", "行政处罚", "罚款五千元的行政处罚决定",
               "清市监罚〔2025〕12号", "2025-03-01", "2025-03-18", "邮寄", "撤销该行政处罚决定", "受理", "2025-03-20",
               "普通程序", "", "撤销", "2025-05-10", "主要事实不清、证据不足"]
    return workbook_bytes("行政复议案件导入模板", [c[1] for c in COLUMNS], [example], notes)


def _date(value, label: str, n: int, errs: list, required: bool = False) -> dt.date | None:
    if value in (None, ""):
        if required:
            errs.append(RowError(n, label, "必填"))
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip().replace("/", "-").replace(".", "-"))
    except ValueError:
        errs.append(RowError(n, label, f"日期格式有误：“{value}”，应为 2025-03-18"))
        return None


class _Lookup:
    """Organisations by code or name, and the actor's right to handle cases there, cached for the import."""

    def __init__(self, actor):
        self.actor = actor
        self.visible = Organisation.objects.visible_to(actor)
        self._orgs: dict = {}
        self._may: dict = {}

    def org(self, key: str) -> Organisation | None:
        if key not in self._orgs:
            self._orgs[key] = (self.visible.filter(code=key).first() or self.visible.filter(name=key).first())
        return self._orgs[key]

    def may(self, org: Organisation) -> bool:
        if org.pk not in self._may:
            self._may[org.pk] = may_handle(self.actor, org)
        return self._may[org.pk]


def parse_row(n: int, row: dict, lookup: _Lookup) -> tuple[dict | None, list[RowError]]:
    """One row as the arguments of the actions, or its errors."""
    errs: list[RowError] = []
    for field, label in COLUMNS:
        if label.endswith("*") and row.get(field) in (None, ""):
            errs.append(RowError(n, label.rstrip("*"), "必填"))
    organisation = respondent = None
    if row.get("organisation"):
        organisation = lookup.org(str(row["organisation"]))
        if organisation is None:
            errs.append(RowError(n, "复议机关代码", f"找不到机构“{row['organisation']}”"))
        elif not lookup.may(organisation):
            errs.append(RowError(n, "复议机关代码", f"您没有在“{organisation.name}”登记行政复议案件的权限"))
    if row.get("respondent"):
        respondent = lookup.org(str(row["respondent"]))
        if respondent is None:
            errs.append(RowError(n, "被申请人", f"找不到机构“{row['respondent']}”"))
    act_kind = ACT_KIND.get(str(row.get("act_kind") or ""))
    if row.get("act_kind") and not act_kind:
        errs.append(RowError(n, "行政行为类别", f"无效的类别“{row['act_kind']}”"))
    channel = CHANNEL.get(str(row.get("channel") or ""))
    if row.get("channel") and not channel:
        errs.append(RowError(n, "申请方式", f"无效的申请方式“{row['channel']}”"))
    party_kind = PARTY_KIND.get(str(row.get("applicant_kind") or ""))
    if party_kind is None:
        errs.append(RowError(n, "申请人类型", f"无效的类型“{row['applicant_kind']}”"))
    procedure = PROCEDURE.get(str(row.get("procedure") or ""))
    if procedure is None:
        errs.append(RowError(n, "审理程序", f"无效的程序“{row['procedure']}”"))
    acceptance = ACCEPTANCE.get(str(row.get("acceptance") or ""), None)
    if acceptance is None:
        errs.append(RowError(n, "受理情况", f"无效的受理情况“{row['acceptance']}”，应为受理、视为受理、不予受理或待审查"))
    outcome = None
    if row.get("outcome"):
        outcome = OUTCOME_BY_LABEL.get(str(row["outcome"]))
        if outcome is None:
            errs.append(RowError(n, "审结方式", f"无效的审结方式“{row['outcome']}”"))
    known_on = _date(row.get("known_on"), "知道行政行为日期", n, errs)
    received_on = _date(row.get("received_on"), "收到申请日期", n, errs, required=False)
    acceptance_on = _date(row.get("acceptance_on"), "受理或不予受理日期", n, errs)
    closed_on = _date(row.get("closed_on"), "审结日期", n, errs)
    if acceptance and acceptance_on is None:
        errs.append(RowError(n, "受理或不予受理日期", "填写了受理情况，须填写日期"))
    if acceptance == "rejected" and not row.get("rejection_reason"):
        errs.append(RowError(n, "不予受理理由", "不予受理须说明理由（第三十条第二款）"))
    if outcome and acceptance not in ("accepted", "deemed"):
        errs.append(RowError(n, "审结方式", "审结的案件须先受理"))
    if outcome and closed_on is None:
        errs.append(RowError(n, "审结日期", "填写了审结方式，须填写审结日期"))
    if closed_on and not outcome:
        errs.append(RowError(n, "审结方式", "填写了审结日期，须填写审结方式"))
    if received_on and acceptance_on and acceptance_on < received_on:
        errs.append(RowError(n, "受理或不予受理日期", "不能早于收到申请日期"))
    if acceptance_on and closed_on and closed_on < acceptance_on:
        errs.append(RowError(n, "审结日期", "不能早于受理日期"))
    if outcome in (Outcome.DISMISSED, Outcome.ORDERED_TO_PERFORM) and act_kind and act_kind != ActKind.NONPERFORMANCE:
        errs.append(RowError(n, "审结方式", f"“{Outcome(outcome).label}”只适用于不履行法定职责案件（第六十六条、第六十九条）"))
    if errs:
        return None, errs
    names = [x.strip() for x in str(row["applicants"]).replace("，", "、").replace(",", "、").split("、") if x.strip()]
    return {
        "organisation": organisation, "respondent": respondent,
        "parties": [{"role": "applicant", "kind": party_kind, "name": name} for name in names],
        "act_kind": act_kind, "act_description": str(row["act_description"]),
        "act_document_number": str(row.get("act_document_number") or ""), "known_on": known_on,
        "received_on": received_on, "channel": channel, "request": str(row["request"]),
        "acceptance": acceptance, "acceptance_on": acceptance_on, "procedure": procedure,
        "rejection_reason": str(row.get("rejection_reason") or ""), "outcome": outcome, "closed_on": closed_on,
        "outcome_reason": str(row.get("outcome_reason") or "") or "历史案件导入",
    }, []


def import_key(record: dict) -> str:
    """The identity of a row: the same 复议机关, 被申请人, applicants, act and date of receipt is the same case."""
    parts = [record["organisation"].code, record["respondent"].code,
             "、".join(sorted(p["name"] for p in record["parties"])), record["act_description"].strip(),
             record["act_document_number"].strip(), record["received_on"].isoformat() if record["received_on"] else ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _run_live(record: dict, actor):
    """An open case: through the live actions, so that its deadlines run."""
    case = actions.register_application(
        actor=actor, organisation=record["organisation"], respondent=record["respondent"],
        parties=record["parties"], act_kind=record["act_kind"], act_description=record["act_description"],
        act_document_number=record["act_document_number"], known_on=record["known_on"],
        received_on=record["received_on"], channel=record["channel"], request=record["request"])
    Case.objects.filter(pk=case.pk).update(import_key=record["import_key"])
    if record["acceptance"] in ("accepted", "deemed"):
        actions.accept_case(case, actor=actor, on=record["acceptance_on"], procedure=record["procedure"], draft=False)
    return case


def is_closed(record: dict) -> bool:
    return record["acceptance"] == "rejected" or bool(record["outcome"])


def import_cases(fileobj, *, actor, dry_run: bool) -> ImportResult:
    rows = read_rows(fileobj, COLUMNS)
    return import_rows(rows, actor=actor, dry_run=dry_run)


class _Rollback(Exception):
    pass


def import_rows(rows: list[tuple[int, dict]], *, actor, dry_run: bool) -> ImportResult:
    result = ImportResult(total=len(rows), dry_run=dry_run)
    lookup = _Lookup(actor)
    parsed, first_row = [], {}
    for n, row in rows:
        record, errs = parse_row(n, row, lookup)
        if errs:
            result.errors.extend(errs)
            continue
        record["import_key"] = key = import_key(record)
        if key in first_row:
            result.errors.append(RowError(n, "", f"与第 {first_row[key]} 行是同一案件（复议机关、被申请人、申请人、"
                                                 "行政行为和收到申请日期均相同）"))
            continue
        first_row[key] = n
        parsed.append((n, record))
    if result.errors:
        return result
    # Rows imported before: nothing changes for them, and the result says how many.
    known = set(Case.objects.filter(import_key__in=list(first_row)).values_list("import_key", flat=True))
    result.skipped = sum(1 for _n, r in parsed if r["import_key"] in known)
    parsed = [(n, r) for n, r in parsed if r["import_key"] not in known]
    try:
        with transaction.atomic():
            closed = [(n, r) for n, r in parsed if is_closed(r)]
            for n, record in parsed:
                if is_closed(record):
                    continue
                try:
                    _run_live(record, actor)
                except ActionError as e:
                    result.errors.append(RowError(n, "", e.message))
            errors = actions.import_closed_cases([r for _, r in closed], actor=actor)
            for index, message in errors:
                result.errors.append(RowError(closed[index][0], "", message))
            result.created = 0 if result.errors else len(parsed)
            if result.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    result.errors.sort(key=lambda e: e.row)
    if result.errors:
        result.created = 0
    return result

