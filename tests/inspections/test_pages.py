"""The pages a department uses: items, 回避, the task list with its sections, results export; refusals in Chinese."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from fazhi.core import clock
from fazhi.inspections import actions
from fazhi.inspections.models import Conflict, InspectionItem, Task
from fazhi.powers import actions as powers

D = dt.date
pytestmark = pytest.mark.django_db


def test_item_and_conflict_pages(s, client):
    w = s.w
    client.force_login(w.legal_a)
    with clock.frozen(D(2025, 2, 1)):
        powers.add_item(actor=w.legal_a, organisation=w.dept_a, effective_on=D(2024, 1, 1), document_number="d",
                        code="JC-2", name="广告监督检查", category="inspection", level="county", bases="《广告法》第四十九条")
        bad = client.post("/inspections/items/new/", {"organisation": w.dept_a.pk, "power_item": "CF-1", "code": "SC-2",
                                                       "name": "广告抽查", "basis": "《广告法》", "subject_type": "企业",
                                                       "method": "on_site", "default_ratio": "3"})
        assert "行政检查事项" in bad.content.decode() and not InspectionItem.objects.filter(code="SC-2").exists()
        ok = client.post("/inspections/items/new/", {"organisation": w.dept_a.pk, "power_item": "JC-2", "code": "SC-2",
                                                      "name": "广告抽查", "basis": "《广告法》", "subject_type": "企业",
                                                      "method": "on_site", "default_ratio": "3"})
        assert ok.status_code == 302 and InspectionItem.objects.filter(code="SC-2").exists()
        wrong = client.post("/inspections/conflicts/new/", {"certificate": "ZF0001", "kind": "relationship",
                                                             "credit_code": "91330102MA2H0000X0",
                                                             "recorded_on": "2025-02-01"})
        assert "校验位不符" in wrong.content.decode() and Conflict.objects.count() == 0
        done = client.post("/inspections/conflicts/new/", {"certificate": "ZF0001", "kind": "relationship",
                                                            "credit_code": s.entities[0].credit_code,
                                                            "recorded_on": "2025-02-01", "reason": "配偶任该单位负责人"})
        assert done.status_code == 302 and Conflict.objects.get().officer == s.officers[0]
    client.force_login(w.legal_b)  # another department's officer is not found
    assert "找不到执法证号" in client.post("/inspections/conflicts/new/", {
        "certificate": "ZF0002", "kind": "township", "region_code": "330102001",
        "recorded_on": "2025-02-01"}).content.decode()


def test_task_pages_and_results_export(s, client):
    w = s.w
    plan = s.plan()
    task = s.task(plan)
    with clock.frozen(D(2025, 3, 3)):
        actions.commit(task, actor=w.legal_a, on=D(2025, 3, 3))
        actions.run_draw(task, actor=w.legal_a, on=D(2025, 3, 3))
        first = task.inspections.order_by("draw").first()
        actions.record_result(first, actor=w.legal_a, inspected_on=D(2025, 3, 3), result="no_problem")
    client.force_login(w.legal_a)
    page = client.get("/inspections/").content.decode()
    assert task.number in page and "检查对象名录库" in page and "执法检查人员名录库" in page
    detail = client.get(task.get_absolute_url()).content.decode()
    assert task.seed in detail
    # a row keeps certificate numbers; the pages name each inspector from the task's committed pool
    pool = Task.objects.get(pk=task.pk).inspectors_pool
    inspector = next(p for p in pool if p["certificate"] == first.inspectors[0])
    assert f"{inspector['name']}（{inspector['certificate']}）" in detail
    assert f"{inspector['name']}（{inspector['certificate']}，{inspector['organisation']}）" in client.get(
        first.get_absolute_url()).content.decode()
    resp = client.get(f"/inspections/tasks/{task.pk}/results.xlsx")
    ws = load_workbook(io.BytesIO(resp.content)).worksheets[0]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(r for r in values if r and r[0] == "统一社会信用代码")
    row = values[values.index(header) + 1]
    assert row[0] == first.entity.credit_code and row[7] == "未发现问题" and row[8] == "否"
    client.force_login(w.legal_b)
    assert client.get(task.get_absolute_url()).status_code == 404
    assert client.get(first.get_absolute_url()).status_code == 404


def test_an_inspection_record_altered_on_disk_is_named_by_audit_verify(s, client, settings, tmp_path):
    from django.core.files.storage import default_storage

    from fazhi.core.audit import verify_chain

    settings.MEDIA_ROOT = tmp_path
    w = s.w
    task = s.task(s.plan())
    with clock.frozen(D(2025, 3, 3)):
        actions.commit(task, actor=w.legal_a, on=D(2025, 3, 3))
        actions.run_draw(task, actor=w.legal_a, on=D(2025, 3, 3))
    first = task.inspections.order_by("draw").first()
    client.force_login(w.legal_a)
    empty = io.BytesIO(b"")
    empty.name = "空.pdf"
    client.post(f"/inspections/checks/{first.pk}/attach/", {"file": empty})
    first.refresh_from_db()
    assert not first.attachment
    record = io.BytesIO(b"%PDF-1.4 record")
    record.name = "检查记录表.pdf"
    assert client.post(f"/inspections/checks/{first.pk}/attach/", {"file": record}).status_code == 302
    first.refresh_from_db()
    assert first.attachment_name == "检查记录表.pdf" and len(first.attachment_sha256) == 64
    assert client.get(f"/inspections/checks/{first.pk}/file/").status_code == 200
    assert verify_chain().ok
    with open(default_storage.path(first.attachment.name), "wb") as f:
        f.write(b"replaced")
    result = verify_chain()
    assert not result.ok and "检查记录" in result.message and first.entity.name in result.message


def test_a_task_names_its_subject_types_in_chinese(s, client):
    task = s.task(s.plan(), kinds=["individual"])
    client.force_login(s.w.legal_a)
    page = client.get(task.get_absolute_url()).content.decode()
    assert "主体类型：个体工商户" in page  # the task's own description (the audit history keeps what was recorded)
