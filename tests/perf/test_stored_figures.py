"""Stored figures (#16): a figure is computed once and served from the store while the tables it was read from are
unchanged; any change to them, through an action, a bulk write or plain SQL, committed or still in the open
transaction, makes the next page compute it again. Never stale."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from fazhi.core import clock
from fazhi.litigation import actions
from fazhi.metrics.models import FigureCache
from fazhi.metrics.registry import Scope, evaluation, get

D = dt.date
_numbers = iter(range(100, 10_000))


def _case(org, actor, received_on=None):
    return actions.register_case(actor=actor, organisation=org, court="测试县人民法院",
                                 case_number=f"（2025）苏1181行初{next(_numbers)}号", plaintiffs="张某",
                                 contested_act="处罚", act_kind="penalty", received_on=received_on or D(2025, 3, 3))


def _figure(org, year=2025, key="litigation.first_instance", table="litigation_litigationcase"):
    """(value, whether `table` was read) in a fresh evaluation, as a page would ask."""
    with CaptureQueriesContext(connection) as ctx, evaluation():
        value = get(key).value(Scope.for_year(org, year))
    return value, any(table in q["sql"] for q in ctx.captured_queries)


@pytest.fixture
def stored():
    with override_settings(FAZHI_FIGURE_CACHE=True), clock.frozen(D(2026, 6, 1)):
        yield


@pytest.mark.django_db(transaction=True)
def test_a_closed_year_is_read_once_and_again_after_a_committed_change(stored):
    from fazhi.testing.factories import world

    w = world()
    _case(w.dept_a, w.supervisor)
    assert _figure(w.gov) == (1, True)
    assert _figure(w.gov) == (1, False)  # from the store: the cases were not scanned
    assert FigureCache.objects.filter(key="litigation.first_instance", organisation=w.gov).count() == 1

    _case(w.dept_b, w.supervisor)  # an action, committed
    assert _figure(w.gov) == (2, True)
    assert _figure(w.gov) == (2, False)

    with connection.cursor() as cur:  # plain SQL, as a bulk import writes
        cur.execute("DELETE FROM litigation_litigationcase WHERE organisation_id = %s", [w.dept_b.pk])
    assert _figure(w.gov) == (1, True)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_the_figure_true(stored):
    from fazhi.testing.factories import world

    w = world()
    _case(w.dept_a, w.supervisor)
    assert _figure(w.gov) == (1, True)
    with pytest.raises(RuntimeError), transaction.atomic():
        _case(w.dept_a, w.supervisor)
        assert _figure(w.gov) == (2, True)  # inside the transaction: its own write is seen, and not stored
        raise RuntimeError
    assert _figure(w.gov)[0] == 1


@pytest.mark.django_db
def test_a_write_in_the_open_transaction_is_seen_at_once(w, stored):
    _case(w.dept_a, w.supervisor)
    assert _figure(w.gov)[0] == 1
    _case(w.dept_a, w.supervisor)
    assert _figure(w.gov) == (2, True)


@pytest.mark.django_db(transaction=True)
def test_a_rate_depends_on_the_tables_of_its_parts(stored):
    """The rate is computed from figures already in the evaluation: it still records their tables, so a change to
    them is not hidden behind a stored rate."""
    from fazhi.testing.factories import world

    w = world()
    case = _case(w.dept_a, w.supervisor)
    actions.record_judgment(case, actor=w.supervisor, outcome="revoked", concluded_on=D(2025, 5, 1))
    with evaluation():
        get("litigation.lost").value(Scope.for_year(w.gov, 2025))
        assert get("litigation.loss_rate").value(Scope.for_year(w.gov, 2025)) == 100
    row = FigureCache.objects.get(key="litigation.loss_rate", organisation=w.gov)
    assert "litigation_litigationcase" in row.tables


@pytest.mark.django_db(transaction=True)
def test_a_period_not_over_is_kept_for_today_only(stored):
    from fazhi.testing.factories import world

    w = world()
    _case(w.dept_a, w.supervisor, received_on=D(2026, 3, 3))
    assert _figure(w.gov, 2026)[0] == 1
    assert FigureCache.objects.get(key="litigation.first_instance", start=D(2026, 1, 1)).as_of == D(2026, 6, 1)
    with clock.frozen(D(2026, 6, 2)):
        assert _figure(w.gov, 2026) == (1, True)  # a new day: computed again


@pytest.mark.django_db
def test_switched_off_nothing_is_stored(w):
    with override_settings(FAZHI_FIGURE_CACHE=False):
        _case(w.dept_a, w.supervisor)
        assert _figure(w.gov) == (1, True)
        assert _figure(w.gov) == (1, True)
    assert not FigureCache.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_refresh_drops_every_stored_figure(stored):
    from django.core.management import call_command

    from fazhi.testing.factories import world

    w = world()
    _case(w.dept_a, w.supervisor)
    _figure(w.gov)
    assert FigureCache.objects.exists()
    call_command("metrics", "refresh")
    assert not FigureCache.objects.exists()
    assert _figure(w.gov) == (1, True)


@pytest.mark.django_db(transaction=True)
def test_a_list_is_counted_once_per_change(stored, client):
    from fazhi.testing.factories import world

    w = world()
    _case(w.dept_a, w.supervisor)
    client.force_login(w.supervisor)

    def page():
        with CaptureQueriesContext(connection) as ctx:
            html = client.get("/litigation/").content.decode()
        counted = any(q["sql"].startswith("SELECT COUNT(*)") and "litigation_litigationcase" in q["sql"]
                      for q in ctx.captured_queries)
        return ("共 1 条" in html, "共 2 条" in html), counted

    assert page() == ((True, False), True)
    assert page() == ((True, False), False)  # the count kept from the first page
    _case(w.dept_b, w.supervisor)
    assert page() == ((False, True), True)


@pytest.mark.django_db(transaction=True)
def test_the_daily_tick_drops_figures_kept_for_past_days(stored):
    from fazhi.metrics.tasks import tick
    from fazhi.testing.factories import world

    w = world()
    _case(w.dept_a, w.supervisor, received_on=D(2026, 3, 3))
    _figure(w.gov, 2026)
    _figure(w.gov, 2025)
    assert tick(D(2026, 6, 1)) == []  # today's and the closed year's stay
    assert tick(D(2026, 6, 2)) == ["已清除 1 个过期的当日指标值。"]
    assert FigureCache.objects.filter(start=D(2025, 1, 1)).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_bulk_intake_through_copy_changes_the_stored_figure(stored):
    """The intake writes with `COPY … FROM STDIN` on PostgreSQL, which passes by the connection's execute wrapper:
    the staging writer must say what it wrote, or a stored figure would stay at its old value."""
    import io

    from fazhi.enforcement import intake
    from fazhi.testing.factories import world

    w = world()
    key, table = "enforcement.decisions.inspection", "enforcement_enforcementcase"
    assert _figure(w.gov, key=key, table=table) == (0, True)
    assert _figure(w.gov, key=key, table=table) == (0, False)
    header = "来源案件编号,实施机关,执法类别,案由,当事人,当事人类型,立案日期,决定日期,决定\n"
    rows = "".join(f"C-{n},{w.dept_a.code},行政检查,日常检查,乙超市{n},法人,2025-05-0{n},2025-05-0{n},检查未发现问题\n"
                   for n in range(1, 4))
    result = intake.import_decisions(io.BytesIO((header + rows).encode()), actor=None, source="外部系统",
                                     name="c.csv", dry_run=False)
    assert result.ok and result.created == 3
    assert _figure(w.gov, key=key, table=table) == (3, True)


def _read(table):
    """(value of the first-instance figure, queries that named `table`) in a fresh evaluation."""
    from fazhi.testing.factories import world  # noqa: F401 - the caller made its world

    def run(org):
        with CaptureQueriesContext(connection) as ctx, evaluation():
            value = get("litigation.first_instance").value(Scope.for_year(org, 2025))
        return value, sum(table in q["sql"] for q in ctx.captured_queries)
    return run


@pytest.mark.django_db(transaction=True)
def test_a_process_serves_what_it_kept_from_memory_until_a_table_changes(stored):
    from fazhi.testing.factories import world

    w = world()
    _case(w.dept_a, w.supervisor)
    figure = _read("metrics_figurecache")
    assert figure(w.gov)[0] == 1
    assert figure(w.gov) == (1, 0)  # neither the cases nor the stored row were read again
    _case(w.dept_b, w.supervisor)
    assert figure(w.gov)[0] == 2  # the kept value is stale: read again or computed
    assert figure(w.gov) == (2, 0)


@pytest.mark.django_db(transaction=True)
def test_a_figure_another_process_stored_is_found(stored):
    """This process remembers that the scope had no such figure; another process stores it meanwhile (here: the
    memory forgotten after the store). The figure is read from the database, not computed."""
    from fazhi.metrics import stored as store
    from fazhi.testing.factories import world

    w = world()
    _case(w.dept_a, w.supervisor)
    assert _figure(w.gov) == (1, True)
    store.forget()
    assert _figure(w.gov) == (1, False)


@pytest.mark.django_db(transaction=True)
def test_after_a_restore_nothing_kept_in_memory_is_served(stored):
    """A restore may bring the table counters back to numbers they had before; what a process kept in memory is held
    with the epoch it was read in, and a restore begins a new one."""
    from fazhi.metrics import freshness
    from fazhi.testing.factories import world

    w = world()
    _case(w.dept_a, w.supervisor)
    assert _figure(w.gov) == (1, True)  # kept in this process's memory
    before = freshness.versions()
    connection._fazhi_bumping = True  # a restore's load: the records of another day, unseen by the wrapper
    try:
        with connection.cursor() as cur:
            cur.execute("DELETE FROM litigation_litigationcase")
            cur.execute("DELETE FROM metrics_figurecache")
    finally:
        connection._fazhi_bumping = False
    freshness.bump_all()
    with connection.cursor() as cur:  # the counters come back to the numbers they had; the epoch does not
        for name, version in before.items():
            if name != freshness.EPOCH:
                cur.execute("UPDATE metrics_tableversion SET version = %s WHERE name = %s", [version, name])
    assert _figure(w.gov) == (0, True)
