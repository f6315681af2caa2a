"""A module's figures are one aggregate query; Django takes milliseconds to compile twenty filtered counts, so on
PostgreSQL `registry.aggregate` keeps the compiled statement per process, keyed by everything it is made from. The
kept statement runs again (never compiled again) and sees new rows; another condition is another statement; a NULL
first value keeps the query going through Django; a condition with a subquery, which Django compares as the object
it is, is not kept; on SQLite it is Django's aggregate. `aggregate_of` keeps it under the caller's shape and the
organisation's subtree: the query is not even built again, and a new organisation in the subtree is a new key."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.sql.query import Query

from fazhi.core.models import Organisation
from fazhi.metrics import registry
from fazhi.metrics.registry import aggregate, aggregate_of
from fazhi.testing.factories import org, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def compiled(monkeypatch):
    """The number of times Django compiled an aggregate."""
    calls = []
    original = Query.get_aggregation

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Query, "get_aggregation", counting)
    monkeypatch.setattr(registry, "_COMPILED", type(registry._COMPILED)())
    return calls


def test_the_kept_statement_runs_again_and_sees_new_rows(compiled):
    w = world()

    def figures(parent):
        return aggregate(Organisation.objects.filter(path__startswith=w.gov.path),
                         all=Count("pk"), children=Count("pk", filter=Q(parent=parent)))

    first = figures(w.gov)
    assert first == Organisation.objects.filter(path__startswith=w.gov.path).aggregate(
        all=Count("pk"), children=Count("pk", filter=Q(parent=w.gov)))
    assert first["children"] >= 2
    compiled.clear()
    assert figures(w.gov) == first
    org("测试县新设局", parent=w.gov, code="W-new")
    again = figures(w.gov)
    assert again == {"all": first["all"] + 1, "children": first["children"] + 1}
    if connection.vendor == "postgresql":
        assert compiled == []  # the same statement, kept, ran twice
    else:
        assert len(compiled) == 2  # SQLite: Django's aggregate each time
    other = figures(w.dept_a)  # a model instance in a condition is compared by its primary key
    assert other["children"] == Organisation.objects.filter(parent=w.dept_a).count() != again["children"]
    assert isinstance(other["all"], int)


def test_a_null_first_value_goes_through_django_until_it_has_a_type(compiled):
    world()
    nothing = Organisation.objects.filter(code="no-such-code")
    assert aggregate(nothing, depth=Sum("depth"), n=Count("pk")) == {"depth": None, "n": 0}
    assert aggregate(nothing, depth=Sum("depth"), n=Count("pk")) == {"depth": None, "n": 0}
    assert len(compiled) == 2
    some = Organisation.objects.filter(code__startswith="W-")
    value = aggregate(some, depth=Sum("depth"))
    assert aggregate(some, depth=Sum("depth")) == value and type(value["depth"]) is int


def test_a_condition_with_a_subquery_is_not_kept(compiled):
    w = world()

    def figures():
        return aggregate(Organisation.objects.filter(path__startswith=w.gov.path),
                         parents=Count("pk", filter=Exists(Organisation.objects.filter(parent=OuterRef("pk")))))

    assert figures() == figures() and figures()["parents"] >= 1
    assert len(compiled) == 3 and not registry._COMPILED  # compiled each time, nothing kept to pile up


def test_a_shaped_aggregate_is_built_once_per_subtree(compiled):
    w = world()
    built = []

    def figures(organisation):
        def build():
            built.append(organisation.code)
            return (Organisation.objects.in_subtree(organisation),
                    {"all": Count("pk"), "departments": Count("pk", filter=Q(kind="department"))})
        return aggregate_of(("test.orgs",), organisation, build)

    first = figures(w.gov)
    assert first == Organisation.objects.in_subtree(w.gov).aggregate(
        all=Count("pk"), departments=Count("pk", filter=Q(kind="department")))
    assert figures(Organisation.objects.get(pk=w.gov.pk)) == first  # another object of the same organisation
    assert figures(w.dept_a) == {"all": 1, "departments": 1}  # another subtree: another statement
    org("测试县新设局", parent=w.gov, code="W-new")
    again = figures(Organisation.objects.get(pk=w.gov.pk))
    assert again == {"all": first["all"] + 1, "departments": first["departments"] + 1}
    if connection.vendor == "postgresql":
        assert built == ["W-gov", "W-a", "W-gov"]  # built again only for the new subtree
    else:
        assert len(built) == 4  # SQLite: built and aggregated each time


def test_module_figures_are_built_once_and_see_new_records(compiled, w):
    """The normdocs and organisation figures: computed again after a change, they count the new record without a
    query being built or compiled again (PostgreSQL; SQLite builds each time)."""
    from fazhi.metrics.registry import Scope, evaluation, get
    from fazhi.testing.normdocs import published

    def figures():
        with evaluation():
            return {k: get(k).value(Scope.for_year(w.gov, 2025))
                    for k in ("normdocs.issued", "normdocs.in_force", "normdocs.cleanup.reviewed", "org.units",
                              "org.departments")}

    published(w, start=dt.date(2025, 3, 3))
    first = figures()
    assert first["normdocs.issued"] == first["normdocs.in_force"] == 1
    published(w, title="测试县户外广告设置管理办法", org=w.dept_b, actor=w.legal_b, start=dt.date(2025, 5, 5))
    compiled.clear()
    again = figures()
    assert again == {**first, "normdocs.issued": 2, "normdocs.in_force": 2}
    if connection.vendor == "postgresql":
        assert compiled == []
    org("测试县新设局", parent=w.gov, code="W-new")  # a new subtree: its statements are built for it
    assert figures() == {**again, "org.departments": first["org.departments"] + 1}
