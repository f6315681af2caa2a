import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.calendar import workdays
from fazhi.calendar.workdays import (
    add_working_days,
    is_provisional,
    is_working_day,
    next_working_day,
    working_days_between,
)

D = dt.date
pytestmark = pytest.mark.django_db
dates = st.dates(min_value=D(2004, 1, 1), max_value=D(2030, 12, 31))
counts = st.integers(min_value=1, max_value=400)
HYP = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def test_national_day_2024_with_makeup_weekends():
    assert not is_working_day(D(2024, 10, 1))
    assert not is_working_day(D(2024, 10, 7))
    assert is_working_day(D(2024, 9, 29))  # Sunday, 调休
    assert is_working_day(D(2024, 10, 12))  # Saturday, 调休
    assert not is_working_day(D(2024, 10, 13))
    # 政府信息公开条例 art. 33: a request received on 2024-09-27 is due 20 working days later.
    assert add_working_days(D(2024, 9, 27), 20) == D(2024, 10, 30)


def test_spring_festival_2025():
    # 2025 Spring Festival: 1-28 to 2-4 off; Sunday 1-26 and Saturday 2-8 are working days.
    assert is_working_day(D(2025, 1, 26))
    assert all(not is_working_day(D(2025, 1, 28) + dt.timedelta(days=i)) for i in range(8))
    assert is_working_day(D(2025, 2, 8))
    assert add_working_days(D(2025, 1, 24), 2) == D(2025, 1, 27)  # Fri → Sun(调休) → Mon
    assert add_working_days(D(2025, 1, 27), 1) == D(2025, 2, 5)
    assert working_days_between(D(2025, 1, 27), D(2025, 2, 5)) == 1
    assert next_working_day(D(2025, 1, 29)) == D(2025, 2, 5)
    assert next_working_day(D(2025, 2, 5)) == D(2025, 2, 5)


def test_negative_and_zero():
    assert add_working_days(D(2024, 10, 8), -1) == D(2024, 9, 30)
    assert add_working_days(D(2024, 10, 8), 0) == D(2024, 10, 8)
    assert working_days_between(D(2024, 10, 8), D(2024, 9, 30)) == -1


def test_provisional_beyond_known_schedules():
    last = workdays.last_known_year()
    assert last == 2026
    assert not is_provisional(D(2026, 12, 31))
    assert is_provisional(D(2027, 1, 4))
    assert not is_provisional(D(2000, 1, 3))  # before the records: plain weekdays, not "unknown future"
    # Provisional dates: weekends and the statutory holidays of the 放假办法 (2024 version, 国务院令第795号, in force
    # 2025-01-01: 国庆 10月1日至3日; 春节 除夕至初三); only the 调休 arrangement is unknown.
    assert not is_working_day(D(2027, 10, 1)) and not is_working_day(D(2027, 1, 1))
    assert not is_working_day(D(2027, 2, 8))  # 正月初三 (the lunar new year is 2027-02-06)
    assert not is_working_day(D(2027, 2, 5))  # 除夕, a Friday
    assert is_working_day(D(2027, 10, 4)) and is_working_day(D(2027, 2, 9))  # no 调休 assumed


def test_out_of_range_is_a_clear_error():
    from fazhi.core.permissions import ActionError

    with pytest.raises(ActionError, match="超出"):
        is_working_day(D(1900, 1, 1))


@HYP
@given(d=dates, n=counts)
def test_add_then_subtract_returns_the_start(d, n):
    start = next_working_day(d)
    assert add_working_days(add_working_days(start, n), -n) == start


@HYP
@given(d=dates, n=counts)
def test_result_is_a_working_day_and_counts_right(d, n):
    end = add_working_days(d, n)
    assert is_working_day(end)
    assert end > d
    assert working_days_between(d, end) == n
    back = add_working_days(d, -n)
    assert is_working_day(back) and back < d


@HYP
@given(a=dates, b=dates, n=counts)
def test_monotonic(a, b, n):
    a, b = sorted((a, b))
    assert add_working_days(a, n) <= add_working_days(b, n)
    assert add_working_days(a, n) <= add_working_days(a, n + 1)


@HYP
@given(d=dates, n=st.integers(min_value=1, max_value=60))
def test_agrees_with_a_naive_day_loop(d, n):
    day, left = d, n
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    assert add_working_days(d, n) == day


def test_index_follows_changes_made_elsewhere(monkeypatch):
    """Another process changed the schedules: after CHECK_SECONDS the signature differs and the index is rebuilt."""
    from fazhi.calendar.models import HolidaySchedule, SpecialDay

    assert is_working_day(D(2025, 6, 4))
    schedule = HolidaySchedule.objects.get(year=2025)
    SpecialDay.objects.create(schedule=schedule, date=D(2025, 6, 4), kind="holiday", name="外部修改")
    assert is_working_day(D(2025, 6, 4))  # still cached within CHECK_SECONDS
    monkeypatch.setitem(workdays._state, "checked", 0.0)
    assert not is_working_day(D(2025, 6, 4))
    assert workdays.holiday_name(D(2025, 6, 4)) == "外部修改"


def test_pinned_index_is_reused():
    with workdays.pinned() as idx:
        assert workdays.index() is idx
