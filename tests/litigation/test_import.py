import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from fazhi.core.excel import ImportFailed
from fazhi.litigation import importers
from fazhi.litigation.choices import CaseStatus, Outcome
from fazhi.litigation.models import Hearing, LitigationCase

HEADER = [label for _, label in importers.COLUMNS]


def xlsx(rows, header=HEADER):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def row(w, number, **kw):
    data = {"defendant": w.dept_a.name, "case_number": number, "court": "清源县人民法院", "plaintiffs": "张某",
            "contested_act": "行政处罚决定", "act_kind": "行政处罚", "reconsideration": "", "filed_on": "", "received_on": "2025-03-03",
            "answered_on": "2025-03-12", "held_on": dt.date(2025, 4, 10), "appearance": "正职负责人",
            "attendee": "王某（局长）", "absence_reason": "", "outcome": "驳回诉讼请求", "concluded_on": "2025年5月20日"}
    data.update(kw)
    return [data[f] for f, _ in importers.COLUMNS]


def test_template_has_the_columns_and_notes():
    wb = load_workbook(io.BytesIO(importers.template_bytes()))
    assert [c.value for c in wb.active[1]] == HEADER
    assert "填写说明" in wb.sheetnames


def test_dry_run_then_import(w):
    f = [row(w, "（2025）苏1181行初1号"),
         row(w, "（2025）苏1181行初2号", defendant=w.dept_a.code, answered_on="", held_on="", appearance="",
             attendee="", outcome="", concluded_on="")]
    result = importers.import_cases(xlsx(f), actor=w.legal_a, dry_run=True)
    assert result.ok and result.total == 2 and not LitigationCase.objects.exists()
    result = importers.import_cases(xlsx(f), actor=w.legal_a, dry_run=False)
    assert result.ok and result.created == 2
    first = LitigationCase.objects.get(case_number="（2025）苏1181行初1号")
    assert first.status == CaseStatus.CONCLUDED and first.outcome == Outcome.CLAIMS_REJECTED
    assert first.concluded_on == dt.date(2025, 5, 20) and first.answered_on == dt.date(2025, 3, 12)
    assert Hearing.objects.get().head_appeared
    second = LitigationCase.objects.get(case_number="（2025）苏1181行初2号")
    assert second.status == CaseStatus.PENDING_ANSWER and second.answer_due == dt.date(2025, 3, 18)


def test_one_bad_row_imports_nothing(w):
    f = [row(w, "（2025）苏1181行初1号"),
         row(w, "（2025）苏1181行初2号", act_kind="罚款", received_on="3月3日"),
         row(w, "（2025）苏1181行初3号", defendant=w.dept_b.name),
         row(w, "（2025）苏1181行初4号", appearance="仅委托律师出庭", attendee="律师"),
         row(w, "（2025）苏1181行初1号"),
         row(w, "（2025）苏1181行初6号", outcome="", concluded_on="2025-05-20"),
         row(w, "（2025）苏1181行初7号", reconsideration="清复〔2025〕99号")]
    result = importers.import_cases(xlsx(f), actor=w.legal_a, dry_run=False)
    assert not result.ok and result.created == 0
    assert not LitigationCase.objects.exists()
    errors = {(e.row, e.column): e.message for e in result.errors}
    assert errors[(3, "行为类别")] == "无效的行为类别“罚款”"
    assert "无法识别" in errors[(3, "收到起诉状副本日期")]
    assert "找不到机构" in errors[(4, "被告机构")]
    assert "须填写原因" in errors[(5, "负责人未出庭原因")]
    assert "与第 2 行的案号重复" in errors[(6, "案号")]  # the same case twice in one file
    assert errors[(7, "一审结果")] == "填写一审审结日期时须填写一审结果"
    assert errors[(8, "行政复议案件编号")] == "找不到行政复议案件“清复〔2025〕99号”"
    assert (2, "案号") not in errors


def test_missing_columns_are_refused(w):
    with pytest.raises(ImportFailed, match="表头缺少列"):
        importers.import_cases(xlsx([], header=["案号", "原告"]), actor=w.legal_a, dry_run=True)
    with pytest.raises(ImportFailed, match="无法读取"):
        importers.import_cases(io.BytesIO(b"not excel"), actor=w.legal_a, dry_run=True)


def test_import_page(w, client):
    client.force_login(w.legal_a)
    resp = client.get("/litigation/import/?template=1")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxml")
    f = xlsx([row(w, "（2025）苏1181行初1号")])
    f.name = "cases.xlsx"
    resp = client.post("/litigation/import/", {"file": f, "dry_run": ""})
    assert resp.status_code == 302 and LitigationCase.objects.count() == 1


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_parse_date_reads_the_usual_spellings(d):
    for text in (d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日",
                 f"{d.year}.{d.month:02d}.{d.day:02d}"):
        assert importers.parse_date(text) == d
    assert importers.parse_date(dt.datetime.combine(d, dt.time(8, 30))) == d
