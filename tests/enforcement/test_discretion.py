"""裁量基准 as data: imported from Excel (one row per circumstance, all-or-nothing), applied by the decision: a
circumstance must be chosen where the item has a standard, a penalty outside it needs a recorded reason and is
counted, and a 不予处罚 circumstance cannot end in a penalty."""

import datetime as dt
import io

import pytest

from fazhi.core import clock
from fazhi.core.excel import workbook_bytes
from fazhi.core.permissions import ActionError
from fazhi.enforcement import actions, discretion
from fazhi.enforcement.models import DiscretionLevel, DiscretionStandard
from fazhi.metrics.registry import Scope, evaluate

D = dt.date
pytestmark = pytest.mark.django_db
HEAD = [c[1] for c in discretion.COLUMNS]


def _row(circumstance, conditions, kinds="罚款", low="1000", high="5000", exempt="", code="CL-1"):
    return [code, "W-a", "CF-1", "销售不合格食品", "《中华人民共和国食品安全法》第一百二十四条", circumstance, conditions, kinds,
            low, high, exempt, "2025-01-01", "测市监〔2025〕1号"]


def _import(s, rows, dry_run=False):
    return discretion.import_standards(io.BytesIO(workbook_bytes("x", HEAD, rows)), actor=s.w.legal_a,
                                       dry_run=dry_run)


def _notified(s):
    with clock.frozen(D(2025, 3, 20)):
        case = actions.file_case(actor=s.w.officer_a, organisation=s.w.dept_a, kind="penalty", procedure="ordinary",
                                 power_item="CF-1", cause="销售不合格食品", party_name="某公司", party_kind="legal",
                                 officers="ZF0001\nZF0002", filed_on=D(2025, 3, 3))
        return actions.notify(case, actor=s.w.officer_a, on=D(2025, 3, 10), proposal="拟罚款")


def _decide(case, level=None, fine="3000", reason="", decision="punished"):
    with clock.frozen(D(2025, 4, 1)):
        return actions.decide(case, actor=_actor(),
                              on=D(2025, 3, 25), decision=decision, decision_number="测罚〔2025〕1号",
                              decision_text="罚款", penalty_kinds=["fine"] if decision == "punished" else [],
                              fine_amount=fine if decision == "punished" else None, discretion_level=level,
                              deviation_reason=reason)


def _actor():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="w_officer_a")


def test_import_is_checked_and_grouped(s):
    bad = _import(s, [_row("从轻处罚", "初次违法", low="9000", high="5000"), _row("免罚", "x"),
                      _row("不予处罚", "首次违法且及时改正", kinds="罚款", low="", high="", exempt="首违不罚")])
    messages = {e.message for e in bad.errors}
    assert "罚款上限不能低于下限。" in messages and any("裁量情形“免罚”无效" in m for m in messages)
    assert "“不予处罚”情形不能填写处罚种类或罚款幅度。" in messages
    assert DiscretionStandard.objects.count() == 0
    ok = _import(s, [_row("从轻处罚", "初次违法，货值较小"), _row("一般", "一般情形", low="5000", high="20000"),
                     _row("不予处罚", "首次违法且及时改正", kinds="", low="", high="", exempt="首违不罚")])
    assert ok.ok and ok.created == 3
    std = DiscretionStandard.objects.get()
    assert std.levels.count() == 3 and std.power_item.code == "CF-1"
    again = _import(s, [_row("从轻处罚", "初次违法，货值较小")])
    assert any("已导入" in e.message for e in again.errors)


def test_the_decision_applies_the_standard(s):
    _import(s, [_row("从轻处罚", "初次违法，货值较小"), _row("一般", "一般情形", low="5000", high="20000"),
                _row("不予处罚", "首次违法且及时改正", kinds="", low="", high="", exempt="首违不罚")])
    lenient = DiscretionLevel.objects.get(circumstance="lenient")
    exempt = DiscretionLevel.objects.get(circumstance="exempt")
    case = _notified(s)
    with pytest.raises(ActionError, match="请选择适用的裁量情形"):
        _decide(case)
    with pytest.raises(ActionError, match="罚款 8000.00 元不在该情形的幅度（1000.00–5000.00 元）内。偏离裁量基准的，须写明理由"):
        _decide(case, lenient, fine="8000")
    with pytest.raises(ActionError, match="应当作出不予行政处罚的决定"):
        _decide(case, exempt)
    case = _decide(case, lenient, fine="8000", reason="当事人拒不配合调查，情节较重")
    assert case.discretion_deviation and case.discretion_level == lenient
    scope = Scope(s.w.gov, D(2025, 1, 1), D(2025, 12, 31))
    assert evaluate("enforcement.discretion_deviations", scope)["value"] == 1


def test_within_the_range_is_no_deviation(s):
    _import(s, [_row("从轻处罚", "初次违法，货值较小")])
    case = _decide(_notified(s), DiscretionLevel.objects.get(), fine="3000")
    assert not case.discretion_deviation and case.discretion_reason == ""
