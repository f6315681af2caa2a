"""Every change to holiday schedules. Each one rebuilds the working-day index and has deadlines recomputed."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.calendar import workdays
from fazhi.calendar.choices import DayKind, ScheduleSource
from fazhi.calendar.models import HolidaySchedule, SpecialDay
from fazhi.calendar.permissions import may_manage_calendar
from fazhi.calendar.signals import schedule_changed
from fazhi.core import audit
from fazhi.core.choices import AuditAction
from fazhi.core.permissions import ActionError, require

DENIED = "只有系统管理员可以维护节假日安排。"


def _changed(*, actor, start: dt.date, end: dt.date, reason: str):
    """Rebuild the index now (and again after commit, for other threads), then let deadlines follow."""
    workdays.invalidate(dirty=True)
    transaction.on_commit(workdays.invalidate)
    schedule_changed.send(sender=HolidaySchedule, start=start, end=end, actor=actor, reason=reason)


def _check_day(year: int, date: dt.date, kind: str):
    if date.year != year:
        raise ActionError(f"{date:%Y-%m-%d} 不属于 {year} 年。")
    if kind not in DayKind.values:
        raise ActionError(f"未知的日期类型“{kind}”：应为“放假”（holiday）或“调休上班”（workday）。")
    if kind == DayKind.WORKDAY and date.weekday() < 5:
        raise ActionError(f"{date:%Y-%m-%d} 是工作日（星期{workdays.WEEKDAY_NAMES[date.weekday()]}），无需设为调休上班。")


@transaction.atomic
def save_schedule(*, actor, year: int, days: list[tuple[dt.date, str, str]], notice: str = "",
                  source: str = ScheduleSource.MANUAL, reason: str = "") -> HolidaySchedule:
    """Create or replace a year's schedule with the given (date, kind, name) days."""
    require(may_manage_calendar(actor), DENIED)
    if not 1990 <= year <= 2100:
        raise ActionError("年度应在 1990—2100 之间。")
    seen = set()
    for d, kind, _name in days:
        _check_day(year, d, kind)
        if d in seen:
            raise ActionError(f"{d:%Y-%m-%d} 重复出现。")
        seen.add(d)
    schedule = HolidaySchedule.objects.select_for_update().filter(year=year).first()
    before = None
    if schedule is not None:
        before = {"days": [f"{d:%Y-%m-%d} {k} {n}" for d, k, n in schedule.days.values_list("date", "kind", "name")],
                  "notice": schedule.notice, "source": schedule.source}
        schedule.days.all().delete()
        schedule.notice, schedule.source = notice or schedule.notice, source
        schedule.save()
    else:
        schedule = HolidaySchedule.objects.create(year=year, notice=notice, source=source)
    SpecialDay.objects.bulk_create([SpecialDay(schedule=schedule, date=d, kind=k, name=n) for d, k, n in days])
    after = {"days": [f"{d:%Y-%m-%d} {k} {n}" for d, k, n in sorted(days)], "notice": schedule.notice,
             "source": source}
    audit.record(actor=actor, obj=schedule, action=AuditAction.UPDATE if before else AuditAction.CREATE,
                 verb="修改节假日安排" if before else "新增节假日安排", before=before, after=after, reason=reason)
    # A new year changes which dates are provisional: the whole year is affected.
    _changed(actor=actor, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), reason=reason)
    return schedule


@transaction.atomic
def set_day(schedule: HolidaySchedule, *, actor, date: dt.date, kind: str, name: str = "",
            reason: str = "") -> SpecialDay:
    """Add or change one day of a schedule."""
    require(may_manage_calendar(actor), DENIED)
    _check_day(schedule.year, date, kind)
    day = SpecialDay.objects.filter(date=date).first()
    before = {"date": date, "kind": day.kind, "name": day.name} if day else None
    if day is None:
        day = SpecialDay.objects.create(schedule=schedule, date=date, kind=kind, name=name.strip())
    else:
        day.kind, day.name = kind, name.strip()
        day.save()
    schedule.save()  # bumps updated_at, which other processes watch
    audit.record(actor=actor, obj=schedule, action=AuditAction.UPDATE, verb="设置节假日",
                 before=before, after={"date": date, "kind": kind, "name": day.name}, reason=reason)
    _changed(actor=actor, start=date, end=date, reason=reason)
    return day


@transaction.atomic
def remove_day(day: SpecialDay, *, actor, reason: str = "") -> None:
    require(may_manage_calendar(actor), DENIED)
    schedule = day.schedule
    date = day.date
    audit.record(actor=actor, obj=schedule, action=AuditAction.UPDATE, verb="删除节假日",
                 before={"date": date, "kind": day.kind, "name": day.name}, after=None, reason=reason)
    day.delete()
    schedule.save()
    _changed(actor=actor, start=date, end=date, reason=reason)


@transaction.atomic
def delete_schedule(schedule: HolidaySchedule, *, actor, reason: str = "") -> None:
    """Remove a year's schedule: its dates become provisional again."""
    require(may_manage_calendar(actor), DENIED)
    require(bool(reason.strip()), "删除节假日安排须说明理由。")
    year = schedule.year
    audit.record(actor=actor, obj=schedule, action=AuditAction.DELETE, verb="删除节假日安排",
                 before={"year": year, "days": schedule.days.count()}, reason=reason)
    schedule.delete()
    _changed(actor=actor, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), reason=reason)
