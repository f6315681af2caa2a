"""The 权责清单: imported, adjusted by dated actions, and shown as it stood on the day before and after."""

import io
import json

import pytest
from django.core.management import call_command

from fazhi.core.choices import OrgKind
from fazhi.core.permissions import ActionError
from fazhi.metrics.registry import Scope, evaluate
from fazhi.powers import actions
from fazhi.powers.importers import import_items
from fazhi.powers.models import Adjustment, PowerItem
from fazhi.testing.factories import org

from .conftest import D, row, sheet

pytestmark = pytest.mark.django_db


def _import(w, rows, actor=None, dry_run=False):
    return import_items(io.BytesIO(sheet(rows)), actor=actor or w.legal_a, dry_run=dry_run)


def _listing(on: str) -> dict:
    out = io.StringIO()
    call_command("powers", "list", "--org", "W-gov", "--on", on, "--json", stdout=out)
    return json.loads(out.getvalue())


def _doc(on, n="测府发〔2025〕1号"):
    return {"effective_on": on, "document_number": n, "document_title": "关于调整权责清单的决定", "reason": "机构改革"}


def test_import_adjust_and_list_on_any_date(w, laws):
    a = w.dept_a.name
    result = _import(w, [
        row(a, "A-CF-001", "对未建立农产品生产记录的行政处罚", bases="《中华人民共和国农产品质量安全法》第四十七条"),
        row(a, "A-CF-002", "对冒用农产品质量标志的行政处罚", bases="《中华人民共和国农产品质量安全法》第五十一条"),
        row(a, "A-CF-003", "对销售未包装农产品的行政处罚", bases="《中华人民共和国农产品质量安全法》第四十八条"),
        row(a, "A-XK-001", "农产品质量安全检测机构资质认定", category="行政许可",
            bases="《中华人民共和国农产品质量安全法》第三十五条\n《中华人民共和国行政处罚法》第十八条"),
        row(a, "A-XK-001-01", "资质认定（新办）", category="行政许可", parent="A-XK-001",
            bases="《中华人民共和国农产品质量安全法》第三十五条"),
        row(a, "A-XK-001-02", "资质认定（延续）", category="行政许可", parent="A-XK-001",
            bases="《中华人民共和国农产品质量安全法》第三十五条"),
    ])
    assert result.ok and result.created == 6, result.errors
    town = org("测试县城关镇", kind=OrgKind.TOWNSHIP, parent=w.gov, code="W-town")
    by_code = {i.code: i for i in PowerItem.objects.all()}
    # 2025-07-01: cancel one (with nothing else), amend one, delegate one to the town (赋权乡镇, kept here too),
    # cancel the licensing item with its two sub-items; 2025-08-01: merge what is left.
    actions.cancel_item(by_code["A-CF-003"], actor=w.legal_a, **_doc("2025-07-01"))
    renamed = actions.amend_item(by_code["A-CF-002"], actor=w.legal_a, code="A-CF-002", name="对冒用农产品质量标志行为的处罚",
                                 category="penalty", level="county",
                                 bases="《中华人民共和国农产品质量安全法》第五十一条", **_doc("2025-07-01"))
    delegated = actions.delegate_item(by_code["A-CF-001"], actor=w.supervisor, to=town, keep_original=True,
                                      **_doc("2025-07-01", "测政发〔2025〕3号"))
    actions.cancel_item(by_code["A-XK-001"], actor=w.legal_a, **_doc("2025-07-01"))
    before, after = _listing("2025-06-30"), _listing("2025-07-01")
    assert before["count"] == 6 and after["count"] == 3  # 6 − 1 − 3 (item and sub-items) + 1 (the town's)
    assert {i["code"] for i in before["items"]} == {"A-CF-001", "A-CF-002", "A-CF-003", "A-XK-001", "A-XK-001-01",
                                                     "A-XK-001-02"}
    names = {(i["organisation"], i["name"]) for i in after["items"]}
    assert (a, "对冒用农产品质量标志行为的处罚") in names and ("测试县城关镇", "对未建立农产品生产记录的行政处罚") in names
    first = next(i for i in before["items"] if i["code"] == "A-CF-001")
    assert first["category"] == "行政处罚" and first["organisation"] == a
    assert first["bases"] == ["《农产品质量安全法》（2018年修正）第四十七条"]
    assert delegated.delegated_from == w.dept_a and delegated.source_item == by_code["A-CF-001"]
    assert delegated.level == "township" and renamed.source_item == by_code["A-CF-002"]
    # The figures the seeds report, at the end of each period.
    h1, y = Scope(w.gov, D(2025, 1, 1), D(2025, 6, 30)), Scope.for_year(w.gov, 2025)
    assert evaluate("powers.items", h1)["value"] == 4 and evaluate("powers.sub_items", h1)["value"] == 2
    assert evaluate("powers.items", y)["value"] == 3 and evaluate("powers.sub_items", y)["value"] == 0
    assert evaluate("powers.items.penalty", y)["value"] == 3 and evaluate("powers.items.licensing", y)["value"] == 0
    assert evaluate("powers.adjustments.cancel", y)["value"] == 2
    assert evaluate("powers.adjustments.amend", y)["value"] == 1
    assert evaluate("powers.adjustments.delegate", y)["value"] == 1
    assert evaluate("powers.adjustments.cancel", h1)["value"] == 0
    # A department's own figures: the town's item is not the department's.
    assert evaluate("powers.items", Scope.for_year(w.dept_a, 2025))["value"] == 2
    merged = actions.merge_items(actor=w.legal_a, organisation=w.dept_a, merged_codes="A-CF-001、A-CF-002",
                                 code="A-CF-010", name="对农产品生产经营违法行为的处罚", category="penalty",
                                 level="county", bases="《中华人民共和国农产品质量安全法》第四十七条",
                                 **_doc("2025-08-01"))
    assert _listing("2025-08-01")["count"] == 2 and merged.code == "A-CF-010"
    assert Adjustment.objects.filter(kind="merge").get().ended.count() == 2


def test_import_is_all_or_nothing_with_row_errors(w, laws):
    a = w.dept_a.name
    rows = [
        row(a, "A-1", "正常事项"),
        row(a, "A-2", "条文不存在", bases="《中华人民共和国行政处罚法》第九百条"),
        row(a, "A-1", "重复编码"),
        row(a, "A-3", "类别错误", category="行政批评"),
        row("不存在的局", "A-4", "机构不存在"),
        row(w.dept_b.name, "B-1", "别人的清单"),
        row(a, "A-5", "子项无所属", parent="A-99"),
        row(a, "A-6", "引用写法无法识别", bases="行政处罚法有关规定"),
        row(a, "A-7", "流程有误", flow="立案→" + "步骤名称过长" * 8),
    ]
    result = _import(w, rows)
    assert not result.ok and result.created == 0 and PowerItem.objects.count() == 0
    errors = {(e.row, e.column) for e in result.errors}
    assert errors == {(3, "设定依据"), (4, "事项编码"), (5, "权力类别"), (6, "实施机关"), (7, "实施机关"),
                      (8, "所属事项编码"), (9, "设定依据"), (10, "运行流程")}
    msg = {e.row: e.message for e in result.errors}
    assert "没有第九百条" in msg[3] and "第 2 行" in msg[4]
    # A local regulation the library does not hold is kept and marked, not refused.
    ok = _import(w, [row(a, "A-1", "地方性法规设定的事项", bases="《示范省食品小作坊管理条例》第二十条")])
    assert ok.ok and PowerItem.objects.get().bases.get().status == "unknown_law"
    again = _import(w, [row(a, "A-1", "同一编码再导入")])
    assert not again.ok and "已有编码" in again.errors[0].message


def test_actions_refuse_and_save_nothing(w, laws):
    item = actions.add_item(actor=w.legal_a, organisation=w.dept_a, code="A-1", name="事项", category="penalty",
                            level="county", bases="《中华人民共和国行政处罚法》第十八条", **_doc("2025-01-01"))
    count = PowerItem.objects.count()
    cases = [
        (lambda: actions.add_item(actor=w.legal_a, organisation=w.dept_a, code="A-1", name="重复", category="penalty",
                                  level="county", bases="《中华人民共和国行政处罚法》第十八条", **_doc("2025-02-01")),
         "已有编码"),
        (lambda: actions.add_item(actor=w.legal_a, organisation=w.dept_a, code="A-2", name="无依据", category="penalty",
                                  level="county", bases="", **_doc("2025-02-01")), "设定依据"),
        (lambda: actions.add_item(actor=w.legal_b, organisation=w.dept_a, code="A-3", name="越权", category="penalty",
                                  level="county", bases="《中华人民共和国行政处罚法》第十八条", **_doc("2025-02-01")),
         "权限"),
        (lambda: actions.cancel_item(item, actor=w.legal_a, **_doc("2024-12-01")), "应晚于"),
        (lambda: actions.cancel_item(item, actor=w.legal_a, **{**_doc("2025-03-01"), "document_number": ""}), "文号"),
        (lambda: actions.merge_items(actor=w.legal_a, organisation=w.dept_a, merged_codes="A-1", code="A-9", name="x",
                                     category="penalty", level="county", bases="《中华人民共和国行政处罚法》第十八条",
                                     **_doc("2025-03-01")), "至少需要两项"),
        (lambda: actions.delegate_item(item, actor=w.legal_a, to=w.dept_a, **_doc("2025-03-01")), "不能是本机关"),
        (lambda: actions.delegate_item(item, actor=w.legal_a, to=w.dept_b, **_doc("2025-03-01")), "权限"),
    ]
    for call, message in cases:
        with pytest.raises(ActionError, match=message):
            call()
    assert PowerItem.objects.count() == count and Adjustment.objects.count() == 1
    actions.cancel_item(item, actor=w.legal_a, **_doc("2025-03-01"))
    item.refresh_from_db()
    with pytest.raises(ActionError, match="已失效"):
        actions.cancel_item(item, actor=w.legal_a, **_doc("2025-04-01"))
