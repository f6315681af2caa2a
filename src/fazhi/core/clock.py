"""The one place that reads today's date and the time.

Everything else asks `clock.today()` or `clock.now()`, so the whole platform can be run on a chosen date:

- tests: `with clock.frozen(dt.date(2027, 1, 1)): ...` (or the `at_date` fixture) — the clock stands still;
- a person: `FAZHI_TODAY=2027-01-01 fazhi demo` — the process starts on that date and the clock runs on from there
  (so a server started that way ticks normally; audit events keep their order).

Django's own `auto_now` timestamps (created_at/updated_at) keep the machine's time: they record when a row was
written, not the date the platform reasons about.
"""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager

from django.utils import timezone

ENV = "FAZHI_TODAY"

# (virtual start, real start, ticking) or None for the machine's clock.
_shift: tuple[dt.datetime, dt.datetime, bool] | None = None
_env_read = False


def _real_now() -> dt.datetime:
    return timezone.now()


def _tz():
    return timezone.get_default_timezone()


def _start_of(day: dt.date, *, at: dt.time | None = None) -> dt.datetime:
    return dt.datetime.combine(day, at or dt.time(9, 0), tzinfo=_tz())


def parse_env(value: str) -> dt.date:
    """FAZHI_TODAY as a date; a clear message when it is not one."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"环境变量 {ENV} 应为 YYYY-MM-DD 格式的日期，收到：{value!r}") from None


def _from_env() -> None:
    global _env_read, _shift
    _env_read = True
    value = os.environ.get(ENV, "").strip()
    if value and _shift is None:
        day = parse_env(value)
        real = _real_now()
        local_time = timezone.localtime(real).time().replace(tzinfo=None)
        _shift = (_start_of(day, at=local_time), real, True)


def now() -> dt.datetime:
    """The current moment (aware, in the platform's time zone)."""
    if not _env_read:
        _from_env()
    if _shift is None:
        return _real_now()
    virtual, real, ticking = _shift
    return virtual + (_real_now() - real) if ticking else virtual


def today() -> dt.date:
    """Today's date in the platform's time zone (Asia/Shanghai)."""
    return timezone.localtime(now()).date()


def is_shifted() -> bool:
    if not _env_read:
        _from_env()
    return _shift is not None


def set_today(day: dt.date | None, *, ticking: bool = True) -> None:
    """Move the clock to `day` (None: back to the machine's clock)."""
    global _shift, _env_read
    _env_read = True
    if day is None:
        _shift = None
        return
    _shift = (_start_of(day), _real_now(), ticking)


@contextmanager
def frozen(day: dt.date | dt.datetime):
    """Stand the clock still on `day` (09:00 local) or at the given moment, then put it back."""
    global _shift, _env_read
    if not _env_read:
        _from_env()
    saved = _shift
    moment = day if isinstance(day, dt.datetime) else _start_of(day)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, _tz())
    _shift = (moment, _real_now(), False)
    try:
        yield moment
    finally:
        _shift = saved
