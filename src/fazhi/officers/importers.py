"""Excel imports of the registers in the layouts counties keep: enforcement subjects; officers with their current
certificate (one row each); training and examination records. Every row is checked (organisation in the user's
remit, identity numbers and credit codes with their check digits, dates, bases resolving against the law library);
any error and nothing is imported."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction

from fazhi.core import audit
from fazhi.core.choices import AuditAction
from fazhi.core.excel import ImportResult, RowError, parse_date, read_rows, workbook_bytes
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError
from fazhi.officers import actions
from fazhi.officers.choices import CertificateKind, SubjectKind
from fazhi.officers.models import Officer
from fazhi.officers.permissions import may_issue, may_keep
from fazhi.powers.bases import Resolver

LAYOUTS = {
    "subjects": [("organisation", "执法主体*"), ("credit_code", "统一社会信用代码"), ("kind", "主体类别*"),
                 ("basis", "依据*"), ("scope", "执法领域和职权范围*"), ("entrusted_by", "委托机关"),
                 ("document_number", "确认或委托文件文号*"), ("valid_from", "起始日期*"), ("valid_to", "委托期限至")],
    "officers": [("organisation", "所在单位*"), ("name", "姓名*"), ("id_number", "身份证号码*"), ("position", "职务"),
                 ("phone", "联系电话"), ("areas", "执法领域"), ("joined_on", "从事执法工作起始日期"),
                 ("number", "执法证编号"), ("kind", "证件类别"), ("issued_on", "发证日期"), ("expires_on", "有效期至")],
    "training": [("id_number", "身份证号码*"), ("name", "姓名*"), ("on", "日期*"), ("title", "培训或考试名称*"),
                 ("hours", "学时"), ("exam_score", "考试成绩"), ("passed", "考试是否合格")],
}
NOTES = {
    "subjects": [f"主体类别填写：{'、'.join(SubjectKind.labels)}；受委托组织须填写委托机关和委托期限。",
                 "依据每行一项，写成“《中华人民共和国行政处罚法》第十八条”；统一社会信用代码按 GB 32100 校验。"],
    "officers": ["身份证号码按 GB 11643 校验（18位，末位可为X）；同一人只能登记一次。",
                 "持证的填写执法证编号、发证日期和有效期至；证件类别不填为行政执法证。"],
    "training": ["按身份证号码匹配已登记的执法人员（姓名须一致）；学时与考试成绩至少填一项；是否合格填“合格”或“不合格”。"],
}
SAMPLES = {
    "subjects": ["清源县市场监督管理局", "", "法定行政机关", "《中华人民共和国行政处罚法》第十八条", "市场监管领域行政处罚、行政检查",
                 "", "清政发〔2024〕12号", "2024-01-01", ""],
    "officers": ["清源县市场监督管理局", "张三", "11010519491231002X", "科员", "", "食品安全", "2020-03-01",
                 "99012100001", "行政执法证", "2024-01-01", "2029-12-31"],
    "training": ["11010519491231002X", "张三", "2025-05-20", "行政处罚法专题培训", "8", "", ""],
}
KINDS = {label: value for value, label in SubjectKind.choices} | {v: v for v in SubjectKind.values}
CERT_KINDS = {label: value for value, label in CertificateKind.choices} | {v: v for v in CertificateKind.values}
PASSED = {"合格": True, "通过": True, "是": True, "不合格": False, "未通过": False, "否": False}


def template_bytes(kind: str) -> bytes:
    notes = ["带 * 的列必填。", *NOTES[kind], "日期写成 2025-03-04，或使用 Excel 日期格式。", "整表校验通过后才会导入；任何一行有误，全部不导入。"]
    return workbook_bytes({"subjects": "执法主体", "officers": "执法人员", "training": "培训考试"}[kind] + "导入模板",
                          [c[1] for c in LAYOUTS[kind]], [SAMPLES[kind]], notes)


class _Rollback(Exception):
    pass


WORDS = [("身份证", "id_number"), ("证件编号", "number"), ("执法证", "number"), ("统一社会信用代码", "credit_code"),
         ("依据", "basis"), ("委托", "entrusted_by"), ("有效期", "expires_on"), ("发证日期", "issued_on"),
         ("学时", "hours"), ("成绩", "exam_score"), ("起始日期", "valid_from")]


def _column_of(message: str, columns) -> str:
    """The column an action's refusal is about, from its wording; else the row's first column."""
    names = {k for k, _ in columns}
    for word, field in WORDS:
        if word in message and field in names:
            return field
    return columns[0][0]


def run(kind: str, fileobj, *, actor, dry_run: bool) -> ImportResult:
    columns = LAYOUTS[kind]
    labels = {k: v.rstrip("*") for k, v in columns}
    rows = read_rows(fileobj, columns)
    result = ImportResult(total=len(rows), dry_run=dry_run)
    visible = Organisation.objects.visible_to(actor)
    orgs, allowed = {}, {}
    resolver = Resolver()
    check = may_issue if kind == "subjects" else may_keep

    def org(text):
        text = str(text or "").strip()
        if text not in orgs:
            orgs[text] = visible.filter(code=text).first() or visible.filter(name=text).first()
        return orgs[text]

    def dates(n, row, *fields):
        out = {}
        for f in fields:
            try:
                out[f] = parse_date(row.get(f))
            except ValueError:
                result.errors.append(RowError(n, labels[f], f"日期“{row.get(f)}”无法识别，请写成 2025-03-04"))
                out[f] = None
        return out

    entries, seen = [], {}
    try:
        with transaction.atomic():
            for n, row in rows:
                before = len(result.errors)

                def err(field, message, n=n):
                    result.errors.append(RowError(n, labels[field], message))

                for field, label in columns:
                    if label.endswith("*") and row.get(field) in (None, ""):
                        err(field, "必填")
                if len(result.errors) > before:
                    continue
                try:
                    with transaction.atomic():
                        made = _row(kind, n, row, org=org, dates=dates, err=err, allowed=allowed, check=check,
                                    actor=actor, resolver=resolver, seen=seen)
                except ActionError as e:
                    err(_column_of(e.message, columns), e.message)
                    continue
                if made is not None and len(result.errors) == before:
                    entries.append(made)
                    result.created += 1
            if result.errors or dry_run:
                raise _Rollback
            audit.record_many(actor=actor, verb={"subjects": "导入执法主体", "officers": "导入执法人员",
                                                 "training": "导入培训考试记录"}[kind], action=AuditAction.IMPORT,
                              entries=entries, describe=str)
    except _Rollback:
        pass
    if result.errors:
        result.created = 0
    result.errors.sort(key=lambda e: e.row)
    return result


def _decimal(value, label, err, field):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        err(field, f"{label}“{value}”不是数字")
        return None


def _row(kind, n, row, *, org, dates, err, allowed, check, actor, resolver, seen):
    if kind == "training":
        officer = Officer.objects.visible_to(actor).filter(id_number=str(row["id_number"]).strip().upper()).first()
        if officer is None or officer.name != str(row["name"]).strip():
            err("id_number", "找不到该身份证号码和姓名的执法人员，或您无权管理该人员")
            return None
        if not check(actor, officer.organisation):
            err("id_number", f"您没有管理“{officer.organisation.name}”执法人员的权限")
            return None
        d = dates(n, row, "on")
        hours = _decimal(row.get("hours"), "学时", err, "hours")
        score = _decimal(row.get("exam_score"), "考试成绩", err, "exam_score")
        passed = PASSED.get(str(row.get("passed") or "").strip()) if row.get("passed") not in (None, "") else None
        if row.get("passed") not in (None, "") and passed is None:
            err("passed", "是否合格请填写“合格”或“不合格”")
        if d["on"] is None:
            return None
        t = actions.record_training(officer, actor=None, on=d["on"], title=str(row["title"]), hours=hours,
                                    exam_score=score, passed=passed, record=False)
        return (officer, {"on": t.on, "title": t.title, "hours": t.hours})
    o = org(row["organisation"])
    if o is None:
        err("organisation", f"找不到机构“{row['organisation']}”，或您无权查看该机构")
        return None
    if o.pk not in allowed:
        allowed[o.pk] = check(actor, o)
    if not allowed[o.pk]:
        err("organisation", f"您没有办理“{o.name}”此项登记的权限")
        return None
    if kind == "subjects":
        kind_value = KINDS.get(str(row["kind"]).strip())
        if kind_value is None:
            err("kind", f"无效的主体类别“{row['kind']}”，应为：{'、'.join(SubjectKind.labels)}")
            return None
        entrusted = None
        if row.get("entrusted_by"):
            entrusted = org(row["entrusted_by"])
            if entrusted is None:
                err("entrusted_by", f"找不到委托机关“{row['entrusted_by']}”")
                return None
        d = dates(n, row, "valid_from", "valid_to")
        if d["valid_from"] is None:
            return None
        s = actions.register_subject(actor=None, organisation=o, kind=kind_value, basis=str(row["basis"]),
                                     scope=str(row["scope"]), entrusted_by=entrusted,
                                     document_number=str(row["document_number"]), valid_from=d["valid_from"],
                                     valid_to=d["valid_to"], credit_code=str(row.get("credit_code") or ""),
                                     resolver=resolver, record=False)
        return (s, {"kind": s.kind, "valid_from": s.valid_from})
    # officers
    key = str(row["id_number"]).strip().upper()
    if key in seen:
        err("id_number", f"与第 {seen[key]} 行的身份证号码重复")
        return None
    seen[key] = n
    d = dates(n, row, "joined_on", "issued_on", "expires_on")
    officer = actions.register_officer(actor=None, organisation=o, name=row["name"], id_number=row["id_number"],
                                       position=row.get("position") or "", phone=str(row.get("phone") or ""),
                                       areas=row.get("areas") or "", joined_on=d["joined_on"], record=False)
    if row.get("number"):
        if not d["issued_on"] or not d["expires_on"]:
            err("issued_on", "填写执法证编号时须填写发证日期和有效期至")
            return None
        cert_kind = CERT_KINDS.get(str(row.get("kind") or "行政执法证").strip())
        if cert_kind is None:
            err("kind", f"无效的证件类别“{row['kind']}”")
            return None
        actions.issue_certificate(officer, actor=None, number=str(row["number"]), kind=cert_kind,
                                  areas=row.get("areas") or "", issued_on=d["issued_on"], expires_on=d["expires_on"],
                                  record=False)
    return (officer, {"name": officer.name, "certificate": str(row.get("number") or "")})
