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
