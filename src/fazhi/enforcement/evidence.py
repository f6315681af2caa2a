"""全过程记录 (行政处罚法第四十七条): evidence files attached to a case's steps. Each file's SHA-256 goes into the audit
event that attaches it, and `verify_evidence_files` (registered with `fazhi.core.audit.register_file_check`) lets
`fazhi audit verify` name a file missing, replaced or altered on disk."""

from __future__ import annotations

from django.core.files.base import File
from django.db import transaction

from fazhi.core import audit, validate
from fazhi.core.choices import AuditAction
from fazhi.core.permissions import ActionError
from fazhi.enforcement.choices import EvidenceKind, RecordStep
from fazhi.enforcement.models import EnforcementCase, Evidence
from fazhi.enforcement.workflow import CASE

_text = validate.text


def _lock(case):
    return EnforcementCase.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=case.pk)


@transaction.atomic
def add_evidence(case, *, actor, step: str, kind: str, title: str, recorded_on, upload) -> Evidence:
    """Attach a file to a step; its SHA-256 goes into the audit chain (verified by `fazhi audit verify`)."""
    case = _lock(case)
    CASE.check(case, "evidence", actor)
    step = validate.choice(step, RecordStep, "环节")
    kind = validate.choice(kind, EvidenceKind, "类型")
    title = _text(title, "名称", max_length=200)
    recorded_on = validate.date(recorded_on, "记录日期", after=[(case.filed_on, "立案日期")])
    if upload is None:
        raise ActionError("请选择要上传的文件。")
    digest, size = audit.file_sha256(upload)
    if size == 0:
        raise ActionError("上传的文件是空的。")
    name = (getattr(upload, "name", "") or "file").rsplit("/", 1)[-1][:255]
    ev = Evidence(case=case, step=step, kind=kind, title=title, recorded_on=recorded_on, original_name=name,
                  size=size, sha256=digest)
    ev.file.save(f"{case.organisation.code}-{case.pk}-{digest[:16]}-{name}"[-200:], File(upload), save=False)
    ev.save()
    audit.record(actor=actor, obj=ev, action=AuditAction.CREATE, verb="上传全过程记录",
                 organisation=case.organisation,
                 after={"case": case.number, "step": step, "kind": kind, "title": title, "file": ev.file.name,
                        "size": size, "sha256": digest})
    return ev


def verify_evidence_files() -> str | None:
    """Each evidence file against the SHA-256 written into the audit chain when it was attached: the first file that
    is missing, replaced or altered, or None. Registered with `fazhi.core.audit.register_file_check`."""
    from django.core.files.storage import default_storage

    from fazhi.core.models import AuditEvent

    recorded = {}
    for object_id, after in AuditEvent.objects.filter(object_type="enforcement.evidence",
                                                      action=AuditAction.CREATE).values_list("object_id", "after"):
        recorded[object_id] = (after or {}).get("sha256")
    for ev in Evidence.objects.select_related("case").order_by("pk").iterator(chunk_size=500):
        label = f"执法案件 {ev.case.number} 的记录“{ev.title}”（{ev.file.name}）"
        expected = recorded.get(str(ev.pk))
        if expected is None or expected != ev.sha256:
            return f"{label}在审计链中的登记与数据库不符。"
        if not default_storage.exists(ev.file.name):
            return f"{label}的文件缺失。"
        with default_storage.open(ev.file.name, "rb") as f:
            digest, _ = audit.file_sha256(f)
        if digest != expected:
            return f"{label}的文件已被替换或修改（SHA-256 与上传时登记的不符）。"
    return None
