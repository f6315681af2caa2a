import io

from fazhi.core.excel import workbook_bytes
from fazhi.core.importers import COLUMNS, import_organisations, template_bytes
from fazhi.core.models import AuditEvent, Organisation

HEADERS = [c[1] for c in COLUMNS]


def _file(rows):
    return io.BytesIO(workbook_bytes("机构", HEADERS, rows))


def test_template_downloads(w, client):
    client.force_login(w.supervisor)
    resp = client.get("/orgs/import/?template=1")
    assert resp.status_code == 200 and resp.content[:2] == b"PK"
    assert template_bytes()[:2] == b"PK"


def test_import_is_all_or_nothing_with_row_errors(w):
    rows = [["N1", "新机构一", "", "政府部门", w.gov.code, ""],
            ["N2", "", "", "政府部门", w.gov.code, ""],
            ["N3", "新机构三", "", "不存在的类型", "NOPE", ""]]
    events = AuditEvent.objects.count()
    result = import_organisations(_file(rows), actor=w.supervisor, dry_run=False)
    assert not result.ok
    msgs = {(e.row, e.column) for e in result.errors}
    assert (3, "名称") in msgs and (4, "类型") in msgs and (4, "上级机构代码") in msgs
    assert not Organisation.objects.filter(code__in=["N1", "N2", "N3"]).exists()
    assert AuditEvent.objects.count() == events


def test_dry_run_then_import(w):
    rows = [["N1", "新机构一", "", "政府部门", w.gov.code, ""], ["N1-U", "大队", "", "所属单位", "N1", ""]]
    dry = import_organisations(_file(rows), actor=w.supervisor, dry_run=True)
    assert dry.ok and dry.created == 2 and not Organisation.objects.filter(code="N1").exists()
    real = import_organisations(_file(rows), actor=w.supervisor, dry_run=False)
    assert real.ok and Organisation.objects.get(code="N1-U").parent.code == "N1"


def test_import_page_reports_bad_file(w, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(w.supervisor)
    resp = client.post("/orgs/import/", {"file": SimpleUploadedFile("x.xlsx", b"not excel"), "dry_run": "on"})
    assert "无法读取该文件" in resp.content.decode()
