"""Dates past the last holiday schedule: provisional, but the statutory holidays of the 全国年节及纪念日放假办法 in
force (2024 version, 国务院令第795号, in force 2025-01-01) are rest days; a fixed date is never provisional."""

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from fazhi.calendar import workdays
from fazhi.rules.engine import compute_due

D = dt.date
pytestmark = pytest.mark.django_db
FAZHI = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "fazhi"


@pytest.mark.parametrize("start", [D(2026, 12, 1) + dt.timedelta(days=n) for n in range(0, 120, 3)])
def test_a_provisional_due_date_never_falls_on_a_statutory_holiday(start):
    for rule in ("reconsideration.acceptance", "reconsideration.decision", "disclosure.reply", "litigation.answer"):
        r = compute_due(rule, start, with_text=False)
        assert r.due not in (D(2027, 1, 1), D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)), (rule, start)
        if r.provisional:
            assert workdays.is_working_day(r.due) or rule == "reconsideration.decision"


def test_acceptance_period_across_new_year_2027():
    # 行政复议法 (2023) art. 30(1) + art. 88(2): 5 working days; 2026-12-28 (Mon) → 29, 30, 31, 4 Jan, 5 Jan
    # (1 January 2027 is 元旦 under 放假办法 art. 2; 2–3 January are a weekend).
    r = compute_due("reconsideration.acceptance", D(2026, 12, 28), with_text=False)
    assert r.due == D(2027, 1, 5) and r.provisional


def test_a_fixed_date_is_not_provisional():
    # 督察工作规定 art. 24: by 31 March of the next year, whatever the holiday schedule.
    r = compute_due("annual_report.publication", D(2026, 1, 1), with_text=False)
    assert r.due == D(2027, 3, 31) and not r.provisional
    if FAZHI.exists():
        out = subprocess.run([str(FAZHI), "deadline", "annual_report.publication", "2026-01-01", "--json"],
                             capture_output=True, text=True, check=True).stdout
        assert json.loads(out)["provisional"] is False
