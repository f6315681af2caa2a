import datetime as dt
import io

import pytest

from fazhi.calendar import actions as cal_actions
from fazhi.calendar import importers
from fazhi.calendar.models import HolidaySchedule
from fazhi.core.models import AuditEvent, Region
from fazhi.rules import actions as rule_actions
from fazhi.rules import deadlines as dl
from fazhi.rules import recompute
from fazhi.rules.models import Deadline

D = dt.date
pytestmark = pytest.mark.django_db
# A hypothetical 2027 notice that also gives Monday 4 January off (the 放假办法 gives only 1 January).
CSV_2027 = ("日期,类型,名称\n2027-01-01,放假,元旦\n2027-01-02,放假,元旦\n2027-01-03,放假,元旦\n"
            "2027-01-04,放假,元旦\n")


def _admin():
    from django.contrib.auth import get_user_model

    from fazhi.testing.factories import user

    return get_user_model().objects.filter(username="cal_admin").first() or user("cal_admin", superuser=True)


def test_deadline_into_an_unknown_year_is_provisional_and_recomputed_after_import(w):
    case = w.dept_a
    d = dl.start_deadline(case, "disclosure.reply", D(2026, 12, 15), actor=w.legal_a, organisation=w.dept_a)
    paused = dl.start_deadline(case, "reconsideration.decision", D(2026, 11, 20), actor=w.legal_a,
                               organisation=w.dept_a)
    paused = dl.pause_deadline(paused, start=D(2026, 11, 25), kind="中止", actor=w.legal_a)
    paused = dl.resume_deadline(paused, on=D(2026, 12, 1), actor=w.legal_a)
    # 20 working days (政府信息公开条例 art. 33): 2027-01-01 is 元旦 by the 放假办法 even before the 2027 notice.
    assert d.provisional and d.due == D(2027, 1, 13)
    assert paused.provisional and paused.has_pauses
    assert "暂定" in d.explanation

    result = importers.import_schedule(io.BytesIO(CSV_2027.encode()), filename="2027.csv", actor=_admin(),
                                       dry_run=False, notice="国务院办公厅关于2027年部分节假日安排的通知")
    assert result.ok, result.errors
    d.refresh_from_db()
    paused.refresh_from_db()
    assert not d.provisional
    assert d.due == D(2027, 1, 14) and d.previous_due == D(2027, 1, 13)
    assert not paused.provisional
    ev = AuditEvent.objects.for_object(d).filter(verb="重新计算期限").get()
    assert ev.before == {"due": "2027-01-13"} and ev.after["due"] == "2027-01-14"
    assert "节假日安排变更" in ev.reason
    assert AuditEvent.objects.filter(object_type="workcalendar.holidayschedule", verb="新增节假日安排").exists()


def test_dry_run_import_changes_nothing(w):
    d = dl.start_deadline(w.dept_a, "disclosure.reply", D(2026, 12, 15), actor=w.legal_a, organisation=w.dept_a)
    result = importers.import_schedule(io.BytesIO(CSV_2027.encode()), filename="x.csv", actor=_admin(),
                                       dry_run=True)
    assert result.ok and result.dry_run
    assert not HolidaySchedule.objects.filter(year=2027).exists()
    d.refresh_from_db()
    assert d.provisional and d.due == D(2027, 1, 13)
    # The working-day index followed the rollback too.
    assert dl.compute_due("disclosure.reply", D(2026, 12, 15)).due == D(2027, 1, 13)


def test_bad_rows_import_nothing():
    bad = "日期,类型,名称\n2027-01-01,放假,元旦\n2027-13-01,放假,x\n2027-01-05,调休上班,错\n2027-01-01,放假,重复\n"
    result = importers.import_schedule(io.BytesIO(bad.encode()), filename="x.csv", actor=_admin(), dry_run=False)
    assert not result.ok
    assert {(e.row, e.column) for e in result.errors} == {(3, "日期"), (4, "类型"), (5, "日期")}
    assert not HolidaySchedule.objects.filter(year=2027).exists()


def test_only_deadlines_whose_window_touches_the_change_are_recomputed(w, django_assert_max_num_queries):
    inside = dl.start_deadline(w.dept_a, "litigation.answer", D(2025, 5, 20), actor=w.legal_a, organisation=w.dept_a)
    outside = dl.start_deadline(w.dept_b, "litigation.answer", D(2025, 3, 3), actor=w.legal_b,
                                organisation=w.dept_b)
    schedule = HolidaySchedule.objects.get(year=2025)
    # 15 days after 5-20 is Wednesday 6-4; make it a holiday.
    assert inside.due == D(2025, 6, 4)
    cal_actions.set_day(schedule, actor=_admin(), date=D(2025, 6, 4), kind="holiday", name="测试假日")
    inside.refresh_from_db()
    outside.refresh_from_db()
    assert inside.due == D(2025, 6, 5) and inside.previous_due == D(2025, 6, 4)
    assert outside.previous_due is None
    assert outside.updated_at < inside.updated_at


def test_many_changes_get_one_summary_event(w, monkeypatch):
    monkeypatch.setattr(recompute, "PER_ROW_AUDIT_LIMIT", 1)
    for day in (10, 11, 12):
        dl.start_deadline(w.dept_a, "disclosure.reply", D(2026, 12, day), actor=w.legal_a, organisation=w.dept_a)
    report = recompute.recompute(start=D(2027, 1, 1), end=D(2027, 12, 31))
    assert report.changed == 0  # nothing changed yet: no event
    importers.import_schedule(io.BytesIO(CSV_2027.encode()), filename="x.csv", actor=_admin(), dry_run=False)
    ev = AuditEvent.objects.get(verb="批量重新计算期限")
    assert ev.after["changed"] == 3
    assert not Deadline.objects.filter(provisional=True).exists()


def test_region_override_changes_the_length_and_recomputes(w):
    province = Region.objects.create(code="990000", name="示范省")
    county = Region.objects.create(code="990101", name="示范县", parent=province)
    w.gov.region = county
    w.gov.save()
    d = dl.start_deadline(w.dept_a, "normdoc.filing", D(2025, 3, 3), actor=w.legal_a, organisation=w.dept_a)
    assert d.due == D(2025, 3, 18)
    o = rule_actions.save_override(actor=_admin(), rule_id="normdoc.filing", region=province, length=30,
                                   unit="calendar_days", citation="示范省行政规范性文件管理办法第二十条")
    d.refresh_from_db()
    assert d.override_id == o.pk and d.due == D(2025, 4, 2)
    assert "示范省规定为30日" in d.explanation
    fresh = dl.start_deadline(w.dept_b, "normdoc.filing", D(2025, 3, 3), actor=w.legal_b, organisation=w.dept_b)
    assert fresh.due == D(2025, 4, 2)
    rule_actions.delete_override(o, actor=_admin(), reason="规定废止")
    d.refresh_from_db()
    assert d.override_id is None and d.due == D(2025, 3, 18)
