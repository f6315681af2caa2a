"""Excel import of historical litigation cases: template, dry run, all-or-nothing, row-level errors.

Each row goes through the same actions as the pages (register, answer, hearing, judgment), so an imported case
has its answer deadline and its audit trail like any other.
"""

from __future__ import annotations

from fazhi.core.excel import RowError, parse_date, read_rows, run_import, workbook_bytes
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError
from fazhi.litigation import actions
from fazhi.litigation.choices import HEAD_APPEARANCES, ActKind, Appearance, Outcome
from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration.models import Case as ReconsiderationCase

COLUMNS = [("defendant", "被告机构*"), ("case_number", "案号*"), ("court", "受理法院*"), ("plaintiffs", "原告*"),
           ("contested_act", "被诉行政行为*"), ("act_kind", "行为类别*"), ("reconsideration", "行政复议案件编号"),
           ("filed_on", "立案日期"),
           ("received_on", "收到起诉状副本日期*"), ("answered_on", "提交答辩日期"), ("held_on", "开庭日期"),
           ("appearance", "出庭情况"), ("attendee", "出庭人员及职务"), ("absence_reason", "负责人未出庭原因"),
           ("outcome", "一审结果"), ("concluded_on", "一审审结日期")]
LABELS = dict(COLUMNS)


def _lookup(choices, extra: dict[str, str] | None = None) -> dict[str, str]:
    table = {v: v for v in choices.values} | {label: v for v, label in choices.choices}
    return table | (extra or {})


ACT_KINDS = _lookup(ActKind)
APPEARANCES = _lookup(Appearance, {"正职负责人": Appearance.HEAD, "副职负责人": Appearance.DEPUTY,
                                   "工作人员": Appearance.STAFF, "律师": Appearance.LAWYER,
                                   "委托律师": Appearance.LAWYER})
OUTCOMES = _lookup(Outcome, {label.removeprefix("判决").removeprefix("裁定"): v for v, label in Outcome.choices}
                   | {"撤诉": Outcome.WITHDRAWN, "调解": Outcome.MEDIATED})


def template_bytes() -> bytes:
    notes = [
        "带 * 的列必填；每行一件一审案件。",
        "被告机构填写机构全称或机构代码，须为您有权办理的机构。",
        "案号形如“（2025）苏1181行初12号”，不得与已登记案件重复。",
        "经行政复议后起诉的，填写行政复议案件编号（须已审结）；复议维持的，复议机关自动列为共同被告。",
        f"行为类别填写：{'、'.join(ActKind.labels)}。",
        "日期写成 2025-03-04，或使用 Excel 日期格式；不得晚于今天。",
        f"出庭情况填写：{'、'.join(Appearance.labels)}；负责人未出庭时须填写原因。",
        f"一审结果填写：{'、'.join(Outcome.labels)}；填写结果时须同时填写一审审结日期。",
        "整表校验通过后才会导入；任何一行有误，全部不导入。",
    ]
    sample = ["清源县市场监督管理局", "（2025）苏1181行初12号", "清源县人民法院", "张某、李某", "行政处罚决定书（清市监罚〔2025〕8号）",
              "行政处罚", "", "2025-03-01", "2025-03-04", "2025-03-15", "2025-04-20", "正职负责人出庭", "王某（局长）", "",
              "判决驳回诉讼请求", "2025-05-30"]
    return workbook_bytes("行政应诉案件导入模板", [c[1] for c in COLUMNS], [sample], notes)


def import_cases(fileobj, *, actor, dry_run: bool):
    rows = read_rows(fileobj, COLUMNS)
    visible = Organisation.objects.visible_to(actor)
    # The case number is the source key: a row whose case is already registered (for the same defendant) is skipped
    # and counted; the same case number twice in one file is an error.
    first_row, skipped = {}, set()
    existing = {c.case_number: c.organisation_id for c in LitigationCase.objects.filter(case_number__in=[
        _number(r.get("case_number")) for _n, r in rows if r.get("case_number")])}

    def handle(n, row):
        errs = []
        number = _number(row.get("case_number"))
        if number:
            if number in first_row:
                return [RowError(n, "案号", f"与第 {first_row[number]} 行的案号重复")]
            first_row[number] = n
            if number in existing:
                defendant = visible.filter(code=str(row.get("defendant") or "")).first() or \
                    visible.filter(name=str(row.get("defendant") or "")).first()
                if defendant is not None and existing[number] == defendant.pk:
                    skipped.add(n)
                    return []

        def err(field, message):
            errs.append(RowError(n, LABELS[field].rstrip("*"), message))

        for field, label in COLUMNS:
            if label.endswith("*") and row.get(field) in (None, ""):
                err(field, "必填")
        dates = {}
        for field in ("filed_on", "received_on", "answered_on", "held_on", "concluded_on"):
            try:
                dates[field] = parse_date(row.get(field))
            except ValueError:
                err(field, f"日期“{row.get(field)}”无法识别，请写成 2025-03-04")
                dates[field] = None
        defendant = None
        if row.get("defendant"):
            text = str(row["defendant"])
            defendant = visible.filter(code=text).first() or visible.filter(name=text).first()
            if defendant is None:
                err("defendant", f"找不到机构“{text}”，或您无权办理该机构的案件")
        reconsideration = None
        if row.get("reconsideration"):
            reconsideration = ReconsiderationCase.objects.visible_to(actor).filter(
                number=str(row["reconsideration"])).first()
            if reconsideration is None:
                err("reconsideration", f"找不到行政复议案件“{row['reconsideration']}”")
        act_kind = ACT_KINDS.get(str(row.get("act_kind") or ""))
        if row.get("act_kind") and act_kind is None:
            err("act_kind", f"无效的行为类别“{row['act_kind']}”")
        appearance = APPEARANCES.get(str(row.get("appearance") or ""))
        if row.get("appearance") and appearance is None:
            err("appearance", f"无效的出庭情况“{row['appearance']}”")
        if dates["held_on"] and not appearance:
            err("appearance", "填写开庭日期时须填写出庭情况")
        if appearance and appearance not in HEAD_APPEARANCES and not row.get("absence_reason"):
            err("absence_reason", "正职、副职负责人均未出庭时须填写原因（行政诉讼法第三条第三款）")
        if appearance and not dates["held_on"]:
            err("held_on", "填写出庭情况时须填写开庭日期")
        outcome = OUTCOMES.get(str(row.get("outcome") or ""))
        if row.get("outcome") and outcome is None:
            err("outcome", f"无效的一审结果“{row['outcome']}”")
        if outcome and not dates["concluded_on"]:
            err("concluded_on", "填写一审结果时须填写一审审结日期")
        if dates["concluded_on"] and not outcome:
            err("outcome", "填写一审审结日期时须填写一审结果")
        if errs:
            return errs
        step = "case_number"
        try:
            case = actions.register_case(actor=actor, organisation=defendant, court=str(row["court"]),
                                         case_number=str(row["case_number"]), plaintiffs=str(row["plaintiffs"]),
                                         contested_act=str(row["contested_act"]), act_kind=act_kind,
                                         received_on=dates["received_on"], filed_on=dates["filed_on"],
                                         reconsideration_case=reconsideration, reason="Excel 导入")
            if dates["answered_on"]:
                step = "answered_on"
                actions.submit_answer(case, actor=actor, on=dates["answered_on"], reason="Excel 导入")
            if dates["held_on"]:
                step = "held_on"
                actions.record_hearing(case, actor=actor, held_on=dates["held_on"], appearance=appearance,
                                       attendee=str(row.get("attendee") or ""),
                                       absence_reason=str(row.get("absence_reason") or ""))
            if outcome:
                step = "outcome"
                actions.record_judgment(case, actor=actor, outcome=outcome, concluded_on=dates["concluded_on"],
                                        reason="Excel 导入")
        except ActionError as e:
            return [RowError(n, LABELS[step].rstrip("*"), e.message)]
        return []

    result = run_import(rows, handle, dry_run=dry_run)
    result.skipped = len(skipped)
    result.created = max(0, result.created - len(skipped)) if result.ok else 0
    return result


def _number(value) -> str:
    from fazhi.litigation.models import normalise_case_number

    return normalise_case_number(str(value)) if value else ""
