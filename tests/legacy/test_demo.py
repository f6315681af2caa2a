import datetime as dt
import random

from fazhi.core.demo import build_core
from fazhi.metrics.models import HistoricalValue
from fazhi.reports.legacy import demo
from fazhi.reports.legacy.audit import audit_text


def test_demo_reports_audit_and_save(db):
    ctx = build_core(7, dt.date(2026, 3, 1))
    demo.build(ctx)
    gov = ctx.orgs["gov"]
    years = set(HistoricalValue.objects.filter(organisation=gov).values_list("year", flat=True))
    assert years == {2023, 2024}
    for year in years:
        v = HistoricalValue.objects.filter(organisation=gov, year=year)
        assert v.get(metric_key="reconsideration.received").value > 0
        assert v.get(metric_key="mediation.success_rate").unit == "%"


def test_demo_report_is_consistent_except_the_truncated_rate(db):
    ctx = build_core(7, dt.date(2026, 3, 1))
    ctx.rng = random.Random(1)
    older = audit_text(demo.report_text(ctx, 2023))
    newer = audit_text(demo.report_text(ctx, 2024))
    assert [f.kind for f in older.findings if f.severity != "info"] == ["rounding"]
    assert [f for f in newer.findings if f.severity != "info"] == []
    assert all(p.present for k, p in newer.parts.items() if k != "other")
