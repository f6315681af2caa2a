"""Working-day arithmetic over the holiday schedules, without looping day by day.

An index over 1990–2100 holds, for every day, whether it is a working day and the running count of working days
up to it, plus the list of working days in order; each operation is then an array lookup. The index is built from
the database once, kept in memory and rebuilt when a schedule changes (in this process at once, in other processes
within CHECK_SECONDS). Counting follows 民事诉讼法（2023年修正）第八十五条: the starting day is not counted.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from array import array
from dataclasses import dataclass

from fazhi.core.permissions import ActionError

RANGE_START = dt.date(1990, 1, 1)
RANGE_END = dt.date(2100, 12, 31)
CHECK_SECONDS = 2.0
WEEKDAY_NAMES = "一二三四五六日"


@dataclass(frozen=True)
class Index:
    is_work: bytes  # 1 where the day (offset from RANGE_START) is a working day
    cum: array  # cum[i]: working days in [RANGE_START, RANGE_START + i]
    works: array  # offsets of the working days, ascending
    known_years: frozenset[int]
    names: dict  # date → holiday name, for explanations
    signature: tuple

    @property
    def first_known_year(self) -> int | None:
        return min(self.known_years) if self.known_years else None

    @property
    def last_known_year(self) -> int | None:
        return max(self.known_years) if self.known_years else None


_lock = threading.Lock()
_state: dict = {"index": None, "checked": 0.0, "dirty": False}
_local = threading.local()


def _tables_ready() -> bool:
    from django.db import connection

    return "workcalendar_holidayschedule" in connection.introspection.table_names()


def _signature():
    from django.db.models import Count, Max

    if not _tables_ready():
        return ("builtin",)

    from fazhi.calendar.models import HolidaySchedule, SpecialDay

    agg = HolidaySchedule.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return agg["n"], agg["last"], SpecialDay.objects.count()


def _build() -> Index:
    from fazhi.calendar import builtin
    from fazhi.calendar.choices import DayKind
    from fazhi.calendar.models import HolidaySchedule, SpecialDay

    if _tables_ready():
        if not HolidaySchedule.objects.exists():
            builtin.seed(HolidaySchedule, SpecialDay)  # first use on an empty database
        rows = list(SpecialDay.objects.values_list("date", "kind", "name"))
        known = frozenset(HolidaySchedule.objects.values_list("year", flat=True))
    else:  # not migrated yet (e.g. `fazhi deadline` on a fresh machine): the built-in schedules
        table = builtin.builtin_days()
        rows = [day for days in table.values() for day in days]
        known = frozenset(table)
    signature = _signature()
    rows += statutory_rows(known)
    n = (RANGE_END - RANGE_START).days + 1
    base_weekday = RANGE_START.weekday()
    is_work = bytearray(1 if (base_weekday + i) % 7 < 5 else 0 for i in range(n))
    names = {}
    for d, kind, name in rows:
        if RANGE_START <= d <= RANGE_END:
            is_work[(d - RANGE_START).days] = 1 if kind == DayKind.WORKDAY else 0
            names[d] = name
    cum = array("l")
    works = array("l")
    total = 0
    cum_append, works_append = cum.append, works.append
    for i, w in enumerate(is_work):
        if w:
            total += 1
            works_append(i)
        cum_append(total)
    return Index(bytes(is_work), cum, works, known, names, signature)


STATUTORY_FROM = 2008  # the first 放假办法 version modelled in calendar.notice (国务院令第513号)
STATUTORY_YEARS = 30  # how far past the last schedule the statutory holidays are laid out


def statutory_rows(known) -> list[tuple[dt.date, str, str]]:
    """For every year after the last schedule entered: the statutory holidays of the 全国年节及纪念日放假办法 in force
    that year (lunar dates computed) as rest days. Only the 调休 arrangement of such a year is unknown, so its dates
    stay provisional, but a deadline no longer ends on 元旦 or 正月初三 of a year whose notice is not out yet."""
    if not known:
        return []
    from fazhi.calendar.choices import DayKind

    rows = []
    for year in range(max(max(known) + 1, STATUTORY_FROM), min(max(known) + STATUTORY_YEARS, RANGE_END.year) + 1):
        rows += [(d, DayKind.HOLIDAY, f"{name}（法定节假日，调休安排待公布）") for d, name in _statutory_year(year)]
    return rows


_STATUTORY_CACHE: dict[int, list] = {}


def _statutory_year(year: int) -> list[tuple[dt.date, str]]:
    if year not in _STATUTORY_CACHE:
        from fazhi.calendar.notice import measures_for, statutory_days

        version = measures_for(year)
        _STATUTORY_CACHE[year] = [(d, name) for name in (version[1] if version else {})
                                  for d in statutory_days(year, name) if d.year == year]
    return _STATUTORY_CACHE[year]


def index() -> Index:
    """The current index; rebuilt when the schedules in the database have changed.

    After a change in this process, and until its transaction is over, the database is checked on every call:
    the change may still be rolled back (a dry-run import), and the index must follow it back.
    """
    pinned = getattr(_local, "pinned", None)
    if pinned is not None:
        return pinned
    from django.db import connection

    with _lock:
        idx = _state["index"]
        now = time.monotonic()
        if _state["dirty"] and not connection.in_atomic_block:
            _state["dirty"] = False
            _state["checked"] = 0.0
        if idx is not None and not _state["dirty"] and now - _state["checked"] < CHECK_SECONDS:
            return idx
        if idx is not None and _signature() == idx.signature:
            _state["checked"] = now
            return idx
        idx = _build()
        _state["index"], _state["checked"] = idx, time.monotonic()
        return idx


def invalidate(*, dirty: bool = False) -> None:
    """Forget the index (called by every action that changes a schedule)."""
    with _lock:
        _state["index"] = None
        _state["checked"] = 0.0
        _state["dirty"] = dirty


class pinned:
    """Use one index for a batch of computations (bulk recomputation) instead of re-checking it per call."""

    def __enter__(self):
        self.previous = getattr(_local, "pinned", None)
        _local.pinned = None
        _local.pinned = index()
        return _local.pinned

    def __exit__(self, *exc):
        _local.pinned = self.previous
        return False


def _offset(d: dt.date) -> int:
    if isinstance(d, dt.datetime):
        d = d.date()
    if not RANGE_START <= d <= RANGE_END:
        raise ActionError(f"日期 {d} 超出工作日历的计算范围（{RANGE_START.year}—{RANGE_END.year}年）。")
    return (d - RANGE_START).days


def _date(offset: int) -> dt.date:
    return RANGE_START + dt.timedelta(days=offset)


def is_working_day(d: dt.date) -> bool:
    return bool(index().is_work[_offset(d)])


def next_working_day(d: dt.date) -> dt.date:
    """d itself when it is a working day, else the first working day after it."""
    idx = index()
    i = _offset(d)
    if idx.is_work[i]:
        return d
    k = idx.cum[i]  # working days up to d; the next one has position k
    if k >= len(idx.works):
        raise ActionError("日期超出工作日历的计算范围。")
    return _date(idx.works[k])


def add_working_days(d: dt.date, n: int) -> dt.date:
    """The n-th working day after d (before d when n < 0); d itself is not counted. n == 0 gives d."""
    if n == 0:
        return d
    idx = index()
    i = _offset(d)
    if n > 0:
        pos = idx.cum[i] + n - 1
    else:
        pos = idx.cum[i] - idx.is_work[i] + n
    if not 0 <= pos < len(idx.works):
        raise ActionError("日期超出工作日历的计算范围。")
    return _date(idx.works[pos])


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days after a up to and including b (negative when b is before a)."""
    idx = index()
    return idx.cum[_offset(b)] - idx.cum[_offset(a)]


def is_provisional(d: dt.date) -> bool:
    """True when d's year has no holiday schedule and lies after the first known year (unknown future years)."""
    idx = index()
    if d.year in idx.known_years:
        return False
    first = idx.first_known_year
    return first is None or d.year > first


def last_known_year() -> int | None:
    return index().last_known_year


def holiday_name(d: dt.date) -> str:
    return index().names.get(d, "")


def describe(d: dt.date) -> str:
    """"2024-10-08（星期二）" for explanations."""
    return f"{d:%Y-%m-%d}（星期{WEEKDAY_NAMES[d.weekday()]}）"


def rest_day_reason(d: dt.date) -> str:
    """Why d is not a working day, in Chinese."""
    name = holiday_name(d)
    if name and not is_working_day(d):
        return f"{name}假期"
    return "周末" if d.weekday() >= 5 else "休息日"


def missing_schedule_years(today: dt.date) -> list[int]:
    """Years whose holiday schedule is not entered and on which deadlines now fall: the current year, and from
    November (when the State Council publishes the next year's notice) the next year too."""
    known = set(index().known_years)
    years = [today.year] + ([today.year + 1] if today.month >= 11 else [])
    return [y for y in years if y not in known]
