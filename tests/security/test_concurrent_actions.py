"""Concurrent actions on one case (issue #17): two people accept the same application at the same moment, or issue
the same document; exactly one succeeds and the other gets a Chinese message — on PostgreSQL through row locks, on
SQLite through the IMMEDIATE write lock."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections  # noqa: F401  (connection: the skip condition)

from fazhi.core.permissions import ActionError
from fazhi.reconsideration import actions
from fazhi.reconsideration.models import Case

from .conftest import register_case

pytestmark = pytest.mark.django_db(transaction=True)


def _race(fn, n=2):
    barrier, results = threading.Barrier(n), []

    def run():
        try:
            barrier.wait(5)
            results.append(("ok", fn()))
        except ActionError as e:
            results.append(("refused", e.message))
        except Exception as e:  # noqa: BLE001 - a database error would be the bug this test looks for
            results.append(("error", repr(e)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


@pytest.mark.skipif("connection.vendor == 'sqlite' and 'memory' in str(connection.settings_dict['NAME'])")
def test_two_people_accept_the_same_application_at_once(w):
    case = register_case(w)
    results = _race(lambda: actions.accept_case(Case.objects.get(pk=case.pk), actor=w.reconsideration,
                                                on=dt.date(2025, 3, 4)))
    kinds = sorted(k for k, _ in results)
    assert kinds == ["ok", "refused"], results
    refusal = next(m for k, m in results if k == "refused")
    assert "不能受理" in refusal or "状态" in refusal, refusal
    case.refresh_from_db()
    assert case.status == "accepted" and case.accepted_on == dt.date(2025, 3, 4)
    from fazhi.rules.deadlines import deadlines_for

    assert deadlines_for(case).filter(rule_id="reconsideration.decision").count() == 1  # started once


SQLITE_RACE = """
import datetime as dt, json, os, sys, threading
sys.path.insert(0, os.environ["TESTS_DIR"])
os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
import django
django.setup()
from django.core.management import call_command
from django.db import connections
call_command("migrate", verbosity=0)
from fazhi.core.permissions import ActionError
from fazhi.reconsideration import actions
from fazhi.reconsideration.models import Case
from fazhi.rules.deadlines import deadlines_for
from fazhi.testing.factories import world
from security.conftest import register_case
w = world()
case = register_case(w)
barrier, results = threading.Barrier(3), []

def run():
    try:
        barrier.wait(10)
        actions.accept_case(Case.objects.get(pk=case.pk), actor=w.reconsideration, on=dt.date(2025, 3, 4))
        results.append(["ok", ""])
    except ActionError as e:
        results.append(["refused", e.message])
    except Exception as e:
        results.append(["error", repr(e)])
    finally:
        connections.close_all()

threads = [threading.Thread(target=run) for _ in range(3)]
for t in threads: t.start()
for t in threads: t.join(60)
case.refresh_from_db()
print(json.dumps({"results": results, "status": case.status,
                  "deadlines": deadlines_for(case).filter(rule_id="reconsideration.decision").count()}))
"""


def test_three_people_accept_at_once_on_a_sqlite_file(tmp_path):
    """The same race on SQLite, on a real database file in its own process (the test database is in memory)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    env = {"PATH": "/usr/bin:/bin", "FAZHI_HOME": str(tmp_path), "HOME": str(tmp_path),
           "TESTS_DIR": str(Path(__file__).resolve().parents[1]), "FAZHI_AUDIT_ANCHORS": str(tmp_path / "a.jsonl")}
    done = subprocess.run([sys.executable, "-c", SQLITE_RACE], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert sorted(k for k, _ in out["results"]) == ["ok", "refused", "refused"], out
    assert all("受理" in m or "状态" in m for k, m in out["results"] if k == "refused"), out
    assert out["status"] == "accepted" and out["deadlines"] == 1
