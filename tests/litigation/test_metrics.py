import datetime as dt
from decimal import Decimal

from django.test.utils import override_settings

from fazhi.litigation import actions
from fazhi.litigation.choices import Appearance, Appellant, Outcome
from fazhi.metrics.registry import Scope, evaluation, get

from .factories import make_case

D = dt.date
Y = 2025


def value(key, org, year=Y):
    return get(key).value(Scope.for_year(org, year))


def build(w):
    """10 cases received in 2025: 8 concluded (5 won, 2 lost, 1 withdrawn); 6 hearings, 5 with head or deputy."""
    outcomes = [Outcome.CLAIMS_REJECTED, Outcome.CLAIMS_REJECTED, Outcome.CLAIMS_REJECTED, Outcome.SUIT_DISMISSED,
                Outcome.CLAIMS_REJECTED, Outcome.REVOKED, Outcome.CONFIRMED_ILLEGAL, Outcome.WITHDRAWN_AFTER_CORRECTION,
                None, None]
    appearances = [Appearance.HEAD, Appearance.DEPUTY, Appearance.HEAD, Appearance.DEPUTY, Appearance.HEAD,
                   Appearance.LAWYER]
    cases = []
    for i, outcome in enumerate(outcomes):
        org = w.dept_a if i % 2 == 0 else w.dept_b
        case = make_case(w, org, received_on=D(Y, 1 + i, 5))
        if i < len(appearances):
            actions.record_hearing(case, actor=w.supervisor, held_on=D(Y, 2 + i, 10), appearance=appearances[i],
                                   attendee="负责人", absence_reason="外出开会")
        if outcome:
            actions.record_judgment(case, actor=w.supervisor, outcome=outcome, concluded_on=D(Y, 2 + i, 20))
        cases.append(case)
    actions.file_appeal(cases[5], actor=w.supervisor, appellant=Appellant.DEFENDANT, court="示范市中级人民法院",
                        case_number="（2025）苏11行终1号", filed_on=D(Y, 8, 1))
    actions.record_suggestion(cases[6], actor=w.supervisor, court="清源县人民法院", received_on=D(Y, 9, 1),
                              content="规范执法程序")
    return cases


def test_figures_on_a_small_fixture(w):
    build(w)
    assert value("litigation.first_instance", w.gov) == 10
    assert value("litigation.concluded", w.gov) == 8
    assert value("litigation.won", w.gov) == 5
    assert value("litigation.lost", w.gov) == 2
    assert value("litigation.withdrawn", w.gov) == 1
    assert value("litigation.loss_rate", w.gov) == Decimal("25.0")
    assert value("litigation.hearings", w.gov) == 6
    assert value("litigation.head_appearances", w.gov) == 5
    assert value("litigation.head_appearance_rate", w.gov) == Decimal("83.3")
    assert value("litigation.appeals", w.gov) == 1
    assert value("litigation.judicial_suggestions", w.gov) == 1


def test_figures_follow_the_subtree_and_the_year(w):
    build(w)
    # dept_a holds cases 0,2,4,6,8: concluded 0,2,4 (won) and 6 (confirmed illegal) → 1 lost of 4.
    assert value("litigation.first_instance", w.dept_a) == 5
    assert value("litigation.concluded", w.dept_a) == 4
    assert value("litigation.lost", w.dept_a) == 1
    assert value("litigation.loss_rate", w.dept_a) == Decimal("25.0")
    assert value("litigation.hearings", w.dept_a) == 3
    assert value("litigation.head_appearance_rate", w.dept_a) == Decimal("100.0")
    assert value("litigation.head_appearance_rate", w.dept_b) == Decimal("66.7")
    assert value("litigation.first_instance", w.gov, Y - 1) == 0
    assert value("litigation.loss_rate", w.gov, Y - 1) == Decimal("0")


def test_carried_over_cases_count_when_concluded(w):
    case = make_case(w, received_on=D(Y - 1, 12, 1))
    actions.record_judgment(case, actor=w.supervisor, outcome=Outcome.ALTERED, concluded_on=D(Y, 2, 1))
    assert value("litigation.first_instance", w.gov, Y - 1) == 1
    assert value("litigation.concluded", w.gov, Y - 1) == 0
    assert value("litigation.first_instance", w.gov) == 0
    assert value("litigation.concluded", w.gov) == 1 == value("litigation.lost", w.gov)


def test_drilldown_rows_match_the_value(w):
    build(w)
    scope = Scope.for_year(w.gov, Y)
    lost = get("litigation.lost")
    rows = list(lost.rows(scope))
    assert len(rows) == 2 and all(r.is_lost for r in rows)
    assert all(r.get_absolute_url().startswith("/litigation/") for r in rows)
    heads = list(get("litigation.head_appearances").rows(scope))
    assert len(heads) == 5 and "#hearing-" in heads[0].get_absolute_url()
    assert [c.label for c in lost.columns][:2] == ["案号", "受理法院"]


def test_drilldown_page(w, client):
    build(w)
    client.force_login(w.supervisor)
    resp = client.get("/metrics/litigation.loss_rate/", {"org": w.gov.code, "year": Y})
    assert resp.status_code == 200
    assert "25.0" in resp.content.decode()


def test_each_figure_equals_its_drilldown_rows(w):
    """The values come from one shared aggregate; the drill-downs are separate querysets: they must agree."""
    from fazhi.litigation.metrics import ALL_KEYS, litigation_figures

    build(w)
    case = make_case(w, received_on=D(Y - 1, 12, 1))
    actions.record_judgment(case, actor=w.supervisor, outcome=Outcome.ALTERED, concluded_on=D(Y, 2, 1))
    counts = [k for k in ALL_KEYS if get(k).unit != "%"]
    for org in (w.gov, w.dept_a, w.dept_b):
        for year in (Y - 1, Y):
            scope = Scope.for_year(org, year)
            with evaluation():
                values = {k: get(k).value(scope) for k in counts}
            assert values == {k: get(k).rows(scope).count() for k in counts}, (org, year)
            assert any(values.values()) or org != w.gov
            assert values == {k: litigation_figures(scope)[k] for k in counts}


def test_the_summary_agrees_with_every_registered_metric(w):
    from fazhi.litigation.metrics import ALL_KEYS, litigation_figures

    build(w)
    case = make_case(w, received_on=D(Y - 1, 12, 1))
    actions.record_judgment(case, actor=w.supervisor, outcome=Outcome.ALTERED, concluded_on=D(Y, 2, 1))
    for org in (w.gov, w.dept_a, w.dept_b):
        for year in (Y - 1, Y):
            scope = Scope.for_year(org, year)
            summary = litigation_figures(scope)
            assert summary == {k: get(k).value(scope) for k in ALL_KEYS}, (org, year)


def test_answers_on_time(w):
    on_time = make_case(w, received_on=D(Y, 3, 3))
    late = make_case(w, received_on=D(Y, 3, 3))
    make_case(w, received_on=D(Y, 3, 3))  # not answered yet
    actions.submit_answer(on_time, actor=w.supervisor, on=D(Y, 3, 18))  # the last day (第六十七条)
    actions.submit_answer(late, actor=w.supervisor, on=D(Y, 3, 19))
    assert value("litigation.answered", w.gov) == 2
    assert value("litigation.answered_on_time", w.gov) == 1
    assert value("litigation.answer_timely_rate", w.gov) == Decimal("50.0")


def test_all_figures_of_a_page_cost_four_queries(w, django_assert_max_num_queries):
    """Within one evaluation (a request, a report) the fourteen figures share four aggregate queries (and one read
    of the subtree's organisation ids, once per organisation object)."""
    from fazhi.litigation.metrics import ALL_KEYS

    build(w)
    scope = Scope.for_year(w.gov, Y)
    with override_settings(FAZHI_FIGURE_CACHE=False), django_assert_max_num_queries(5), evaluation():
        values = [get(k).value(scope) for k in ALL_KEYS]
    assert len(values) == 14


def test_a_rate_over_nothing_is_shown_as_a_dash(w, client):
    """No hearings in the year: the appearance rate is not 0.0%, it does not apply; the API still gives 0."""
    client.force_login(w.supervisor)
    html = client.get("/metrics/litigation.head_appearance_rate/", {"org": w.gov.code, "year": Y}).content.decode()
    assert 'id="metric-value">—</span>' in html and "分母为零" in html
    html = client.get("/litigation/stats/", {"org": w.gov.code, "year": Y}).content.decode()
    assert '<span class="n">—</span>' in html
    assert get("litigation.head_appearance_rate").value(Scope.for_year(w.gov, Y)) == 0
    build(w)
    html = client.get("/metrics/litigation.head_appearance_rate/", {"org": w.gov.code, "year": Y}).content.decode()
    assert 'id="metric-value">—</span>' not in html
