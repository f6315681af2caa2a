"""The entity directory import: row-level errors in Chinese and nothing written, duplicates named, idempotent."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core.models import AuditEvent
from fazhi.core.permissions import ActionError
from fazhi.inspections.directory import import_entities
from fazhi.inspections.models import Entity
from fazhi.testing.inspections import credit_code

pytestmark = pytest.mark.django_db
HEADER = "统一社会信用代码,名称,主体类型,所在地行政区划代码,行业,信用风险分类,登记状态\n"


def csv_file(lines, encoding="utf-8"):
    f = io.BytesIO((HEADER + "".join(line + "\n" for line in lines)).encode(encoding))
    f.name = "名录.csv"
    return f


def good(n, name=None, risk="B", status="存续"):
    return f"{credit_code(n)},{name or f'商户{n}'},个体工商户,330102001000,批发和零售业,{risk},{status}"


def test_a_file_is_imported_and_again_changes_nothing(w):
    lines = [good(n) for n in range(1, 51)]
    r = import_entities(csv_file(lines), actor=w.legal_a, name="名录.csv")
    assert r.ok and (r.total, r.created, r.updated, r.skipped) == (50, 50, 0, 0)
    stamp = Entity.objects.get(credit_code=credit_code(1)).updated_at
    again = import_entities(csv_file(lines), actor=w.legal_a, name="名录.csv")
    assert (again.created, again.updated, again.skipped) == (0, 0, 50)
    assert Entity.objects.get(credit_code=credit_code(1)).updated_at == stamp
    lines[0] = good(1, risk="D", status="吊销")
    third = import_entities(csv_file(lines, "gb18030"), actor=w.legal_a, name="名录.csv")
    assert (third.created, third.updated) == (0, 1)
    e = Entity.objects.get(credit_code=credit_code(1))
    assert (e.risk_class, e.status) == ("D", "revoked")
    assert AuditEvent.objects.filter(object_type="inspections.entity", verb="导入检查对象名录").count() == 3


def test_errors_are_reported_by_row_and_nothing_is_written(w):
    bad_check = credit_code(3)[:-1] + ("0" if credit_code(3)[-1] != "0" else "1")
    lines = [good(1), f"{bad_check},商户,企业,330102001000,,B,存续", f"{credit_code(4)},,企业,330102,,B,存续",
             f"{credit_code(5)},商户,外星企业,33,,Z,休眠", good(6), good(1, name="重复")]
    r = import_entities(csv_file(lines), actor=w.legal_a, name="名录.csv")
    assert not r.ok and Entity.objects.count() == 0
    found = {(e.row, e.column) for e in r.errors}
    assert {(3, "统一社会信用代码"), (4, "名称"), (5, "主体类型"), (5, "所在地行政区划代码"), (5, "信用风险分类"),
            (5, "登记状态"), (7, "统一社会信用代码")} == found
    dup = next(e for e in r.errors if e.row == 7)
    assert "与第 2 行重复" in dup.message
    assert "校验位不符" in next(e for e in r.errors if e.row == 3).message


def test_dry_run_and_permission(w):
    r = import_entities(csv_file([good(1)]), actor=w.legal_a, name="名录.csv", dry_run=True)
    assert r.ok and r.created == 1 and Entity.objects.count() == 0
    with pytest.raises(ActionError, match="权限"):
        import_entities(csv_file([good(1)]), actor=w.officer_a, name="名录.csv")


def test_cli_import_fails_with_a_report(w, tmp_path, capsys):
    path = tmp_path / "名录.csv"
    path.write_bytes(csv_file([good(1), "x,y,企业,330102,,B,存续"]).getvalue())
    with pytest.raises(CommandError, match="未导入任何记录"):
        call_command("inspections", "import", str(path))
    assert "第 3 行 统一社会信用代码" in capsys.readouterr().out
    path.write_bytes(csv_file([good(1), good(2)]).getvalue())
    call_command("inspections", "import", str(path))
    assert "新增 2 户" in capsys.readouterr().out and Entity.objects.count() == 2


def test_the_import_page(w, client):
    client.force_login(w.legal_a)
    f = csv_file([good(1), good(2)])
    resp = client.post("/inspections/entities/import/", {"file": f})
    assert resp.status_code == 302 and Entity.objects.count() == 2
    page = client.get("/inspections/entities/", {"q": credit_code(2)}).content.decode()
    assert "商户2" in page and "商户1<" not in page
    client.force_login(w.outsider)
    assert client.get("/inspections/entities/import/").status_code == 404


def test_the_server_side_check_says_what_the_python_check_says(w, monkeypatch):
    """On PostgreSQL a CSV file is checked in SQL over the staged file; both paths give the same report."""
    bad_check = credit_code(3)[:-1] + ("0" if credit_code(3)[-1] != "0" else "1")
    lines = [good(1), f"{bad_check},商户,企业,330102001000,,B,存续", f"{credit_code(4)},,企业,330102,,B,存续",
             f"{credit_code(5)},商户,外星企业,33,,Z,休眠", good(6), good(1, name="重复"),
             "９１３３０１０２ＭＡ２Ｈ００００Ｘ１,全角代码,企业,330102001000,,b,",
             f'{credit_code(8)},"名称, 含逗号",个体,330102001000,{"行" * 101},C类,吊销，未注销',
             f"{credit_code(9)}, 前后空格 ,企业,3301020010001,,,注销", "ABC,短码,企业,330102001000,,A,存续",
             f"{credit_code(10)[:2]}ABCDEF{credit_code(10)[8:]},区划错,企业,330102001000,,A,存续"]
    from django.db import connection

    from fazhi.inspections import directory_sql

    calls = []
    real = directory_sql.import_csv
    monkeypatch.setattr(directory_sql, "import_csv", lambda *a, **k: calls.append(1) or real(*a, **k))
    sql = import_entities(csv_file(lines), actor=w.legal_a, name="名录.csv")
    assert len(calls) == (1 if connection.vendor == "postgresql" else 0)
    monkeypatch.setenv("FAZHI_IMPORT_PYTHON", "1")
    python = import_entities(csv_file(lines), actor=w.legal_a, name="名录.csv")
    assert [(e.row, e.column, e.message) for e in sql.errors] == [(e.row, e.column, e.message) for e in python.errors]
    assert (sql.total, sql.error_count) == (python.total, python.error_count) and Entity.objects.count() == 0
    good_lines = [good(n) for n in range(1, 30)] + [f"{credit_code(40)},\t名称\t,农专,330102001000,,d,在营"]
    monkeypatch.delenv("FAZHI_IMPORT_PYTHON")
    first = import_entities(csv_file(good_lines, "gb18030"), actor=w.legal_a, name="名录.csv")
    assert first.ok and first.created == 30
    rows = {e.credit_code: (e.name, e.kind, e.risk_class, e.status) for e in Entity.objects.all()}
    Entity.objects.all().delete()
    monkeypatch.setenv("FAZHI_IMPORT_PYTHON", "1")
    import_entities(csv_file(good_lines, "gb18030"), actor=w.legal_a, name="名录.csv")
    assert rows == {e.credit_code: (e.name, e.kind, e.risk_class, e.status) for e in Entity.objects.all()}
    assert rows[credit_code(40)] == ("名称", "cooperative", "D", "active")
