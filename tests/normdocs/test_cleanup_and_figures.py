"""Clean-ups entered through the actions read back as figures (seed 004: 180 cleaned, 139 kept, 28 revised, 13
abolished); the year's issuing, filing and review figures; the annual report's section has no planned keys left."""

import datetime as dt

import pytest

from fazhi.core import clock
from fazhi.core.permissions import ActionError
from fazhi.metrics.registry import Scope, evaluation, get
from fazhi.normdocs import actions, cleanup
from fazhi.normdocs.metrics import DOCUMENTS
from fazhi.normdocs.models import Document
from fazhi.testing.normdocs import published, registered

D = dt.date
pytestmark = pytest.mark.django_db


def value(key, org, year):
    with evaluation():
        return get(key).value(Scope.for_year(org, year))


def test_seed_004_cleanup_through_the_actions(w):
    docs = registered(w, 120) + registered(w, 60, org=w.dept_b, actor=w.legal_b, year=2021)
    with clock.frozen(D(2025, 6, 2)):
        c = cleanup.create_campaign(actor=w.supervisor, organisation=w.gov, title="2025年规范性文件全面清理",
                                    kind="full", started_on=D(2025, 6, 2))
        with pytest.raises(ActionError, match="清理主题"):
            cleanup.create_campaign(actor=w.supervisor, organisation=w.gov, title="专项", kind="special",
                                    started_on=D(2025, 6, 2))
        assert cleanup.add_to_campaign(c, actor=w.supervisor) == 180
        assert cleanup.add_to_campaign(c, actor=w.supervisor) == 0  # nothing twice
        entries = list(c.entries.order_by("pk"))
        with pytest.raises(ActionError, match="未登记清理结论"):
            cleanup.conclude_campaign(c, actor=w.supervisor, on=D(2025, 6, 30))
        with pytest.raises(ActionError, match="理由"):
            cleanup.decide(entries[0], actor=w.supervisor, outcome="abolished")
        for i, e in enumerate(entries):
            outcome = "kept" if i < 139 else "revised" if i < 167 else "abolished"
            cleanup.decide(e, actor=w.supervisor, outcome=outcome, reason="" if outcome == "kept" else "上位法已修改")
        with pytest.raises(ActionError, match="权限"):
            cleanup.conclude_campaign(c, actor=w.legal_a, on=D(2025, 6, 30))
    with clock.frozen(D(2025, 7, 1)):
        cleanup.conclude_campaign(c, actor=w.supervisor, on=D(2025, 6, 30))
    figures = {k: value(f"normdocs.cleanup.{k}", w.gov, 2025)
               for k in ("reviewed", "kept", "revised", "abolished", "expired")}
    assert figures == {"reviewed": 180, "kept": 139, "revised": 28, "abolished": 13, "expired": 0}
    assert value("normdocs.cleanup.reviewed", w.gov, 2024) == 0
    assert value("normdocs.cleanup.reviewed", w.dept_b, 2025) == 0  # campaigns count under who organised them
    abolished = Document.objects.filter(cleanups__outcome="abolished")
    assert abolished.count() == 13 and len(docs) == 180
    assert all(d.status == "abolished" and d.ended_on == D(2025, 6, 30) for d in abolished)
    assert Document.objects.in_force_on(D(2025, 6, 29)).count() == 180
    assert Document.objects.in_force_on(D(2025, 6, 30)).count() == 167
    assert Document.objects.filter(correction_required__contains="修改").count() == 28
    assert value("normdocs.in_force", w.gov, 2025) == 167
    # The published clean-up is the order abolishing them (明令废止), counted by the date it ended them.
    assert value("normdocs.abolished", w.gov, 2025) == 13 and value("normdocs.abolished", w.gov, 2024) == 0


def test_issuing_filing_and_review_figures(w):
    on_time = published(w, start=D(2025, 3, 3))  # filed the day it was published
    late = published(w, title="测试县户外广告设置管理办法", start=D(2025, 5, 5), file=False)
    with clock.frozen(D(2025, 7, 1)):
        actions.file(late, actor=w.legal_a, on=D(2025, 7, 1))
    published(w, title="测试县生态环境管理办法", org=w.dept_b, actor=w.legal_b, start=D(2025, 9, 1), file=False)
    late.refresh_from_db()
    assert late.filed_on > late.filing_due and on_time.filed_on <= on_time.filing_due
    expect = {"issued": 3, "filed": 2, "filed_on_time": 1, "filing_rate": "66.7", "filing_timely_rate": "33.3",
              "reviewed": 3, "reviewed_on_time": 3, "review_on_time_rate": "100.0", "in_force": 3}
    got = {k: value(f"normdocs.{k}", w.gov, 2025) for k in expect}
    assert {k: str(v) for k, v in got.items()} == {k: str(v) for k, v in expect.items()}
    assert value("normdocs.issued", w.dept_a, 2025) == 2 and value("normdocs.issued", w.gov, 2024) == 0
    with clock.frozen(D(2025, 10, 9)):
        actions.record_filing_review(on_time, actor=w.supervisor, on=D(2025, 10, 9), outcome="amend",
                                     note="第二条表述不准确")
    assert value("normdocs.corrected_on_review", w.gov, 2025) == 1
    rows = list(get("normdocs.filed_on_time").rows(Scope.for_year(w.gov, 2025)))
    assert [d.pk for d in rows] == [on_time.pk]
    # One aggregate gives every document figure; each drill-down lists exactly the rows its figure counts.
    for org in (w.gov, w.dept_a, w.dept_b):
        for key in DOCUMENTS:
            assert value(key, org, 2025) == get(key).rows(Scope.for_year(org, 2025)).count(), (org.code, key)


def test_the_annual_report_section_reads_the_records():
    import re
    from pathlib import Path

    import yaml

    import fazhi.reports
    from fazhi.metrics.registry import status

    outline = yaml.safe_load((Path(fazhi.reports.__file__).parent / "outlines" / "default.yaml").read_text("utf-8"))
    sections = [s for s in outline["sections"] if s["key"] == "results.rules"]
    keys = {k for s in sections for sentence in s["sentences"] for k in re.findall(r"\{\{([\w.]+)\}\}", sentence)}
    assert len(keys) >= 12 and all(status(k) == "live" for k in keys), {k: status(k) for k in keys}
