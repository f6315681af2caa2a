"""Importing the same file twice changes nothing the second time and says so; the same case twice in one file is a
row error (issue #17 item 7)."""

import io

import pytest

from fazhi.core.excel import workbook_bytes
from fazhi.litigation.importers import COLUMNS as LIT_COLUMNS
from fazhi.litigation.importers import import_cases as import_litigation
from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration.importers import COLUMNS as REC_COLUMNS
from fazhi.reconsideration.importers import import_cases as import_reconsideration
from fazhi.reconsideration.models import Case

pytestmark = pytest.mark.django_db


def _file(columns, rows):
    return io.BytesIO(workbook_bytes("x", [c[1] for c in columns], rows))


def test_reconsideration_import_twice(w):
    rows = [[w.gov.code, w.dept_a.name, "张三", "自然人", "行政处罚", "罚款决定", "测罚〔2025〕1号", "2025-01-02",
             "2025-01-10", "邮寄", "撤销", "受理", "2025-01-12", "普通程序", "", "维持", "2025-03-01", "事实清楚"],
            [w.gov.code, w.dept_a.name, "李四", "自然人", "行政处罚", "罚款决定", "测罚〔2025〕2号", "2025-01-02",
             "2025-01-11", "邮寄", "撤销", "", "", "", "", "", "", ""]]
    first = import_reconsideration(_file(REC_COLUMNS, rows), actor=w.reconsideration, dry_run=False)
    assert first.ok and first.created == 2 and Case.objects.count() == 2
    again = import_reconsideration(_file(REC_COLUMNS, rows), actor=w.reconsideration, dry_run=False)
    assert again.ok and again.created == 0 and again.skipped == 2 and Case.objects.count() == 2
    doubled = import_reconsideration(_file(REC_COLUMNS, [rows[0], rows[0]]), actor=w.reconsideration, dry_run=False)
    assert not doubled.ok and "与第 2 行是同一案件" in doubled.errors[0].message and Case.objects.count() == 2


def test_litigation_import_twice(w):
    rows = [[w.dept_a.name, "（2025）苏1181行初801号", "测试县人民法院", "张某", "处罚决定", "行政处罚", "", "2025-03-01",
             "2025-03-04", "", "", "", "", "", "", ""]]
    first = import_litigation(_file(LIT_COLUMNS, rows), actor=w.supervisor, dry_run=False)
    assert first.ok and first.created == 1
    again = import_litigation(_file(LIT_COLUMNS, rows), actor=w.supervisor, dry_run=False)
    assert again.ok and again.created == 0 and again.skipped == 1 and LitigationCase.objects.count() == 1
    doubled = import_litigation(_file(LIT_COLUMNS, [rows[0], rows[0]]), actor=w.supervisor, dry_run=False)
    assert not doubled.ok and "重复" in doubled.errors[0].message
