"""检查记录 attached to an inspection (检查记录表, photos, in one file): its SHA-256 goes into the audit chain when it is
uploaded, and `fazhi audit verify` finds a file replaced or altered on disk (`verify_attachments`)."""

from __future__ import annotations

from django.core.files import File
from django.db import transaction

from fazhi.core import audit
from fazhi.core.choices import AuditAction
from fazhi.core.permissions import ActionError
from fazhi.inspections.actions import _lock_inspection, _recording_organisation
from fazhi.inspections.models import Inspection
from fazhi.inspections.workflow import INSPECTION

VERB = "上传检查记录"


@transaction.atomic
def attach(inspection, *, actor, upload) -> Inspection:
    """The inspection record (检查记录表, photos in one file); its SHA-256 goes into the audit chain."""
    inspection = _lock_inspection(inspection)
    INSPECTION.check(inspection, "attach", actor)
    if upload is None:
        raise ActionError("请选择要上传的文件。")
    digest, size = audit.file_sha256(upload)
    if size == 0:
        raise ActionError("上传的文件是空的。")
    task = inspection.task
    name = (getattr(upload, "name", "") or "record").rsplit("/", 1)[-1][:200]
    inspection.attachment.save(f"{task.number}-{inspection.draw}-{digest[:12]}-{name}"[-200:],
                               File(upload), save=False)
    inspection.attachment_name, inspection.attachment_sha256 = name, digest
    inspection.save()
    audit.record(actor=actor, obj=inspection, action=AuditAction.UPDATE, verb=VERB,
                 organisation=_recording_organisation(inspection, actor),
                 after={"file": inspection.attachment.name, "size": size, "sha256": inspection.attachment_sha256})
    return inspection


def verify_attachments() -> str | None:
    """Each attached record against the SHA-256 written into the audit chain at upload: the first that is missing,
    replaced or altered, or None."""
    from django.core.files.storage import default_storage

    from fazhi.core.models import AuditEvent

    recorded = {}
    for object_id, after in AuditEvent.objects.filter(object_type="inspections.inspection", verb=VERB).order_by(
            "seq").values_list("object_id", "after"):
        recorded[object_id] = (after or {}).get("sha256")
    for i in Inspection.objects.exclude(attachment="").select_related("task", "entity").order_by("pk").iterator(
            chunk_size=500):
        label = f"抽查任务 {i.task.number} 对 {i.entity.name} 的检查记录（{i.attachment.name}）"
        if recorded.get(str(i.pk)) != i.attachment_sha256:
            return f"{label}在审计链中的登记与数据库不符。"
        if not default_storage.exists(i.attachment.name):
            return f"{label}的文件缺失。"
        with default_storage.open(i.attachment.name, "rb") as f:
            digest, _ = audit.file_sha256(f)
        if digest != i.attachment_sha256:
            return f"{label}已被替换或改动（SHA-256 不符）。"
    return None
