from decimal import Decimal

import pytest
from django.utils import timezone

from fazhi.core.audit import verify_chain
from fazhi.core.models import AuditEvent
from fazhi.core.permissions import ActionError
from fazhi.metrics.actions import delete_historical_value, save_historical_value, save_historical_values
from fazhi.metrics.models import HistoricalValue
from fazhi.testing.scoping import check_scoping

LAST_YEAR = timezone.localdate().year - 1


def save(w, user=None, org=None, **kw):
    args = {"year": LAST_YEAR, "metric_key": "reconsideration.received", "value": "37", "unit": "件",
            "source_text": "共收到行政复议申请37件", "source_document": "2019年报告.txt"}
    args.update(kw)
    return save_historical_value(actor=user or w.legal_a, organisation=org or w.dept_a, **args)


def test_create_then_replace_with_audit(w):
    row = save(w)
    assert row.value == Decimal(37) and row.created_by == w.legal_a
    assert HistoricalValue.objects.value_for(w.dept_a, "reconsideration.received", LAST_YEAR) == 37
    save(w, year=LAST_YEAR - 1, value="30")
    assert HistoricalValue.objects.series(w.dept_a, "reconsideration.received") == {LAST_YEAR - 1: 30, LAST_YEAR: 37}
    HistoricalValue.objects.filter(year=LAST_YEAR - 1).delete()
    row2 = save(w, user=w.supervisor, value="38", source_text="更正")
    assert row2.pk == row.pk and row2.value == 38 and row2.updated_by == w.supervisor
    events = list(AuditEvent.objects.for_object(row).order_by("seq"))
    assert [e.verb for e in events] == ["录入历史指标值", "修改历史指标值"]
    assert events[1].before["value"] == "37.0000" and events[1].after["value"] == "38"
    delete_historical_value(row2, actor=w.supervisor, reason="重复")
    assert not HistoricalValue.objects.exists()
    assert verify_chain().ok


def test_permissions(w):
    for user in (w.legal_b, w.outsider, w.officer_a):
        with pytest.raises(ActionError, match="权限"):
            save(w, user=user)
    save(w, user=w.supervisor)  # the county supervisor may record a department's figures


@pytest.mark.parametrize("kw,message", [
    ({"year": timezone.localdate().year}, "以往年度"),
    ({"year": 1980}, "以往年度"),
    ({"metric_key": "Reconsideration received"}, "格式不正确"),
    ({"value": "三十七"}, "不是有效数字"),
    ({"value": "1e20"}, "超出范围"),
])
def test_validation(w, kw, message):
    with pytest.raises(ActionError, match=message):
        save(w, **kw)
    assert not HistoricalValue.objects.exists()


def test_batch_is_all_or_nothing(w):
    items = [{"metric_key": "mediation.cases", "value": "12010"}, {"metric_key": "mediation.succeeded",
                                                                   "value": "bad"}]
    with pytest.raises(ActionError):
        save_historical_values(actor=w.legal_a, organisation=w.dept_a, year=LAST_YEAR, items=items)
    assert not HistoricalValue.objects.exists()
    with pytest.raises(ActionError, match="同一指标"):
        save_historical_values(actor=w.legal_a, organisation=w.dept_a, year=LAST_YEAR,
                               items=[{"metric_key": "mediation.cases", "value": 1}] * 2)


def test_scoping(w, client):
    check_scoping(w, make=lambda org: save(w, user=w.supervisor, org=org), model=HistoricalValue, client=client)
