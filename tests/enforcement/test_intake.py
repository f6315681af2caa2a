"""Bulk intake of decisions from other systems: CSV (UTF-8 or GB18030) and Excel, column mapping, row-level errors in
Chinese with nothing written, idempotent on the source case number, scoped to the importer's organisations."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from fazhi.core import clock
from fazhi.core.excel import ImportFailed, workbook_bytes
from fazhi.core.models import AuditEvent
from fazhi.enforcement import intake
from fazhi.enforcement.models import EnforcementCase
from fazhi.metrics.registry import Scope, evaluate

D = dt.date
pytestmark = pytest.mark.django_db
HEADER = ["来源案件编号", "实施机关", "执法类别", "程序", "权责事项编码", "案由", "当事人", "当事人类型", "当事人证件号码",
          "立案日期", "决定日期", "决定", "决定书文号", "处罚种类", "罚款金额", "没收金额", "应公示", "公示日期"]
ROWS = [
    ["S-1", "W-a", "行政处罚", "普通程序", "CF-1", "销售过期食品", "甲公司", "法人", "91350100M000100Y43", "2025-03-01",
     "2025-04-01", "给予行政处罚", "测罚〔2025〕1号", "警告、罚款", "5000", "", "是", "2025-04-08"],
    ["S-2", "测试县市场监督管理局", "行政处罚", "简易程序", "", "占道经营", "张三", "自然人", "", "2025-03-02", "2025-03-02",
     "给予行政处罚", "测当罚〔2025〕2号", "罚款、没收违法所得", "200", "50.5", "否", ""],
    ["S-3", "W-a", "行政检查", "", "JC-1", "日常检查", "乙超市", "法人", "", "2025-05-01", "2025-05-01", "检查未发现问题",
     "", "", "", "", "", ""],
]


def _csv(rows, header=HEADER, encoding="utf-8-sig"):
    lines = [",".join(header)] + [",".join(r) for r in rows]
    return io.BytesIO(("\n".join(lines) + "\n").encode(encoding))


def _import(s, f, *, dry_run=False, name="cases.csv", actor=None, **kw):
    with clock.frozen(D(2025, 12, 1)):
        return intake.import_decisions(f, actor=actor or s.w.legal_a, source="省执法平台", name=name,
                                       dry_run=dry_run, **kw)


def test_csv_import_is_all_or_nothing_and_idempotent(s):
    dry = _import(s, _csv(ROWS), dry_run=True)
    assert dry.ok and dry.created == 3 and EnforcementCase.objects.count() == 0
    result = _import(s, _csv(ROWS))
    assert result.ok and result.created == 3 and result.skipped == 0
    one = EnforcementCase.objects.get(source_number="S-1")
    assert one.power_item.code == "CF-1" and one.heaviest_kind == "fine" and one.publicity_due == D(2025, 4, 11)  # 清明 4-4 is a holiday
    assert one.status == "decided" and one.number == "测试县市场监督管理局执法案〔2025〕1号"
    two = EnforcementCase.objects.get(source_number="S-2")
    assert two.heaviest_kind == "confiscate_gains" and two.confiscated_amount == Decimal("50.50")
    assert AuditEvent.objects.filter(verb="批量导入执法决定").get().after["rows"] == 3
    again = _import(s, _csv(ROWS))  # the same file again changes nothing
    assert again.ok and again.created == 0 and again.skipped == 3 and EnforcementCase.objects.count() == 3
    scope = Scope(s.w.gov, D(2025, 1, 1), D(2025, 12, 31))
    assert evaluate("enforcement.decisions.penalty", scope)["value"] == 2
    assert evaluate("enforcement.fines_amount", scope)["value"] == Decimal("5250.50")
    assert evaluate("enforcement.publicity_timely_rate", scope)["value"] == Decimal("100.0")


def test_bad_rows_are_reported_and_nothing_is_written(s):
    bad = [r[:] for r in ROWS]
    bad[0][8] = "91350100M000100Y44"  # check character
    bad[1][13] = "罚金"
    bad[2][10] = "2025-04-31"
    bad.append(ROWS[0][:])  # duplicate source number in the file
    bad.append(["S-9", "W-b", *ROWS[2][2:]])  # another department: not legal_a's
    result = _import(s, _csv(bad))
    assert not result.ok and EnforcementCase.objects.count() == 0
    by_row = {(e.row, e.column): e.message for e in result.errors}
    assert "校验位" in by_row[(2, "当事人证件号码")]
    assert "处罚种类“罚金”无效" in by_row[(3, "处罚种类")]
    assert "不是有效的日期" in by_row[(4, "决定日期")]
    assert "在文件中重复" in by_row[(5, "来源案件编号")]
    assert "您没有导入“W-b”执法案件的权限" in by_row[(6, "实施机关")]


def test_a_bad_row_after_thousands_streamed_leaves_nothing(s):
    """The rows are written while the file is read (one COPY on PostgreSQL): a bad last row rolls back every row
    already sent, and the next import numbers its cases from 1."""
    good = [[f"L-{n}", "W-a", *ROWS[2][2:]] for n in range(3000)]
    bad = [["L-bad", "W-a", *ROWS[2][2:10], "2025-04-30", *ROWS[2][11:]]]  # decided before it was filed
    result = _import(s, _csv(good + bad))
    assert not result.ok and result.created == 0 and result.error_count == 1
    assert result.errors[0].row == 3002 and "不能早于立案日期" in result.errors[0].message
    assert EnforcementCase.objects.count() == 0 and not AuditEvent.objects.filter(verb="批量导入执法决定").exists()
    result = _import(s, _csv(good[:2]))
    assert result.ok and sorted(EnforcementCase.objects.values_list("seq", flat=True)) == [1, 2]


def test_mapping_gb18030_and_excel(s):
    header = ["案件编号" if h == "来源案件编号" else h for h in HEADER]
    with pytest.raises(ImportFailed, match="表头缺少列：来源案件编号"):
        _import(s, _csv(ROWS, header=header))
    mapping = intake.parse_mapping("来源案件编号=案件编号")
    result = _import(s, _csv(ROWS, header=header, encoding="gb18030"), mapping=mapping)
    assert result.ok and result.created == 3
    with pytest.raises(ImportFailed, match="没有“编号”这个字段"):
        intake.parse_mapping("编号=案件编号")
    xlsx = io.BytesIO(workbook_bytes("x", HEADER, [[("S-4" if i == 0 else v) for i, v in enumerate(ROWS[0])]]))
    result = _import(s, xlsx, name="cases.xlsx")
    assert result.ok and result.created == 1 and result.skipped == 0


def test_command_line(s, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(_csv(ROWS).getvalue())
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv([ROWS[0][:8] + ["x"] + ROWS[0][9:]]).getvalue())
    with clock.frozen(D(2025, 12, 1)):
        with pytest.raises(CommandError, match="未导入任何记录"):
            call_command("enforcement", "import", str(bad), "--source", "省执法平台", stdout=io.StringIO())
        out = io.StringIO()
        call_command("enforcement", "import", str(path), "--source", "省执法平台", stdout=out)
    assert "已导入 3 件" in out.getvalue() and EnforcementCase.objects.count() == 3
