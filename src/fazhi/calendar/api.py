"""API of the working-day calendar: the schedules, and working-day arithmetic for other systems."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema
from ninja.errors import HttpError

from fazhi.calendar import workdays
from fazhi.calendar.models import HolidaySchedule
from fazhi.core.permissions import ActionError

router = Router(tags=["工作日历"])


class DayOut(Schema):
    date: dt.date
    kind: str
    name: str


class ScheduleOut(Schema):
    year: int
    source: str
    notice: str
    days: list[DayOut]


class AddOut(Schema):
    start: dt.date
    days: int
    result: dt.date
    provisional: bool


@router.get("/schedules", response=list[ScheduleOut], summary="节假日安排")
def schedules(request, year: int | None = None):
    qs = HolidaySchedule.objects.prefetch_related("days")
    if year is not None:
        qs = qs.filter(year=year)
    return [{"year": s.year, "source": s.source, "notice": s.notice,
             "days": [{"date": d.date, "kind": d.kind, "name": d.name} for d in s.days.all()]} for s in qs]


@router.get("/add", response=AddOut, summary="加减工作日（起算日不计入）")
def add(request, start: dt.date, days: int):
    try:
        result = workdays.add_working_days(start, days)
    except ActionError as e:
        raise HttpError(400, e.message) from e
    return {"start": start, "days": days, "result": result, "provisional": workdays.is_provisional(result)}
