"""Audit values as people read them: the model's Chinese field names and choice labels instead of `status: received`."""

from __future__ import annotations

from django.apps import apps

HIDDEN = {"id", "created_at", "updated_at", "path", "depth"}


def _model(event):
    try:
        return apps.get_model(event.object_type) if "." in (event.object_type or "") else None
    except LookupError:
        return None


def _field(model, key):
    if model is None:
        return None
    return next((f for f in model._meta.concrete_fields if key in (f.name, f.attname)), None)


def _extra(model) -> dict:
    """Keys a model's events carry that are not its own fields, as {key: (label, format)}: a model declares them
    with a classmethod `audit_extra_fields()` (e.g. a holiday schedule's events name one of its days)."""
    hook = getattr(model, "audit_extra_fields", None)
    return hook() if hook is not None else {}


# Keys that actions record about a related record (a hearing on a case's event, an appeal, a 附带审查) are shown with
# that record's field name and choice labels: key → "app_label.model.field".
BORROWED = {
    "appearance": "litigation.hearing.appearance", "attendee": "litigation.hearing.attendee",
    "absence_reason": "litigation.hearing.absence_reason", "held_on": "litigation.hearing.held_on",
    "appellant": "litigation.appeal.appellant", "appeal_outcome": "litigation.appeal.outcome",
    "decided_on": "litigation.appeal.decided_on", "final_outcome": "litigation.appeal.final_outcome", "replied_on": "litigation.judicialsuggestion.replied_on",
    "reply": "litigation.judicialsuggestion.reply", "number": "litigation.judicialsuggestion.number",
    "ground": "reconsideration.suspension.ground", "competent": "reconsideration.incidentalreview.competent",
    "maker": "reconsideration.incidentalreview.maker", "narrative": "reports.reportsection.narrative",
    "recipient": "reconsideration.documentservice.recipient", "method": "reconsideration.documentservice.method",
    "sent_on": "reconsideration.documentservice.sent_on", "place": "reconsideration.hearing.place",
    "presiding": "reconsideration.hearing.presiding", "hours": "officers.trainingrecord.hours",
    "passed": "officers.trainingrecord.passed", "exam_score": "officers.trainingrecord.exam_score",
    "head_attended":
        "reconsideration.hearing.respondent_head_attended",
}
# Keys that name no field anywhere: their Chinese labels.
COMMON = {
    "on": "日期", "hearing": "庭审记录", "appeal": "上诉记录", "suggestion": "司法建议书", "document": "规范性文件",
    "parties": "当事人", "section": "章节", "attachments": "附件数", "file": "文件", "part": "部分", "name": "姓名",
    "received_on": "收到日期", "user": "用户", "role": "角色", "days": "天数", "approver": "批准人",
    "case": "案件", "status": "状态", "kind": "类型", "title": "标题", "year": "年度", "sections": "章节数",
    "username": "用户名", "body_sha256": "正文摘要（SHA-256）", "agreement": "调解协议",
    "bases": "设定依据", "ended": "终止的事项", "started": "新生效的事项", "certificate": "执法证", "basis": "依据",
    "redo_done_on": "重新作出或履行日期",
    "files": "抽取案卷数", "seed": "随机种子", "sampled_on": "抽取日期", "score": "得分", "grade": "等次",
    "problems": "发现问题数", "sha256": "文件摘要（SHA-256）", "size": "文件大小（字节）", "step": "环节",
    "power_item": "权责事项", "officers": "执法人员", "reconsideration": "行政复议案件", "litigation": "行政诉讼案件",
    "rows": "行数", "source_system": "来源系统", "first": "首个来源编号", "last": "末个来源编号", "levels": "裁量情形数",
    "code": "编号", "document_number": "文号",
    "selected": "抽中户数", "population": "总体户数", "inspectors": "检查人员数", "inspection_items": "抽查事项",
    "partners": "联合抽查部门", "entity": "检查对象", "created": "新增户数", "updated": "更新户数",
}


def _borrowed(key):
    path = BORROWED.get(key)
    if path is None:
        return None
    app_label, model_name, field_name = path.split(".")
    try:
        return apps.get_model(app_label, model_name)._meta.get_field(field_name)
    except LookupError:
        return None


def _entry(model, extra, key, value):
    """(label, shown value) of one key."""
    if key in extra:
        label_text, fmt = extra[key]
        return label_text, "—" if value is None or value == "" else fmt(value)
    field = _field(model, key) or _borrowed(key)
    if field is None and key in COMMON:
        return COMMON[key], display(None, value)
    return label(field, key), display(field, value)


def display(field, value):
    if value is None or value == "":
        return "—"
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return value


def label(field, key) -> str:
    return str(field.verbose_name) if field is not None else key


def rows(event, side="after") -> list[tuple[str, object]]:
    values = getattr(event, side, None)
    if not isinstance(values, dict):
        return []
    model = _model(event)
    extra = _extra(model)
    return [_entry(model, extra, key, value) for key, value in values.items() if key not in HIDDEN]


def before_after(event) -> list[tuple[str, object, object]]:
    """(label, before, after) for every field the event touched."""
    before, after = event.before or {}, event.after or {}
    model = _model(event)
    extra = _extra(model)
    out = []
    for key in sorted(set(before) | set(after)):
        if key in HIDDEN:
            continue
        name = _entry(model, extra, key, None)[0]
        out.append((name, _entry(model, extra, key, before.get(key))[1] if key in before else "",
                    _entry(model, extra, key, after.get(key))[1] if key in after else ""))
    return out
