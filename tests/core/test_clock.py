"""One clock for the platform: tests and people set the date through it, and nothing else reads the time."""

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from fazhi.core import clock

SRC = Path(__file__).resolve().parents[2] / "src" / "fazhi"


def test_frozen_and_back():
    real = clock.today()
    with clock.frozen(dt.date(2027, 1, 1)) as moment:
        assert clock.today() == dt.date(2027, 1, 1) and clock.now() == moment
        assert clock.now().tzinfo is not None
    assert clock.today() == real


def test_env_start_date_ticks(monkeypatch):
    monkeypatch.setattr(clock, "_shift", None)
    monkeypatch.setattr(clock, "_env_read", False)
    monkeypatch.setenv(clock.ENV, "2030-12-31")
    assert clock.today() == dt.date(2030, 12, 31) and clock.is_shifted()
    first = clock.now()
    assert clock.now() >= first
    monkeypatch.setattr(clock, "_env_read", False)
    monkeypatch.setattr(clock, "_shift", None)
    monkeypatch.setenv(clock.ENV, "31/12/2030")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        clock.today()
    monkeypatch.setattr(clock, "_env_read", False)
    monkeypatch.setattr(clock, "_shift", None)


def test_nothing_else_reads_the_date():
    pattern = re.compile(r"timezone\.(now|localdate|localtime)\(\)|date\.today\(\)|datetime\.(now|today|utcnow)\(")
    offenders = []
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts or path.name == "clock.py":
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{n}: {line.strip()}")
    assert offenders == []


def test_cli_refuses_a_bad_date(tmp_path):
    fazhi = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "fazhi"
    if not fazhi.exists():
        pytest.skip("no virtualenv")
    env = {"PATH": "/usr/bin:/bin", "FAZHI_HOME": str(tmp_path), "FAZHI_TODAY": "明天"}
    r = subprocess.run([str(fazhi), "orgs", "list"], env=env, capture_output=True, text=True)
    assert r.returncode == 2 and "FAZHI_TODAY" in r.stderr and "YYYY-MM-DD" in r.stderr
