"""The holiday schedules shipped with chinese-calendar (2004 onwards), used to seed the database."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from chinese_calendar import constants

from fazhi.calendar.choices import HOLIDAY_NAMES, DayKind, ScheduleSource


def builtin_days() -> dict[int, list[tuple[dt.date, str, str]]]:
    """Year → [(date, kind, Chinese name)] from chinese-calendar's tables."""
    out: dict[int, list[tuple[dt.date, str, str]]] = defaultdict(list)
    for d, name in constants.holidays.items():
        out[d.year].append((d, DayKind.HOLIDAY, HOLIDAY_NAMES.get(str(name), str(name))))
    for d, name in constants.workdays.items():
        out[d.year].append((d, DayKind.WORKDAY, HOLIDAY_NAMES.get(str(name), str(name)) + "调休"))
    return {y: sorted(days) for y, days in sorted(out.items())}


def seed(schedule_model, day_model) -> int:
    """Create the built-in years missing from the database (models passed in so migrations can use it too)."""
    present = set(schedule_model.objects.values_list("year", flat=True))
    created = 0
    taken = set(day_model.objects.values_list("date", flat=True))
    for year, days in builtin_days().items():
        if year in present:
            continue
        s = schedule_model.objects.create(year=year, source=ScheduleSource.BUILTIN,
                                          notice=f"国务院办公厅关于{year}年部分节假日安排的通知（内置）")
        day_model.objects.bulk_create([day_model(schedule=s, date=d, kind=k, name=n) for d, k, n in days
                                       if d not in taken])
        created += 1
    return created
