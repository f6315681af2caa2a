"""The one registry of figures (口径).

An app registers each metric once: a key, a Chinese label, a unit, a definition in words, a function computing the
value over a scope (an organisation subtree and a period), and a function giving the rows behind the value. The
dashboards, the annual report, the assessment and the legacy-report audit all read figures from here.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import Subquery
from django.utils.hashable import make_hashable

from fazhi.metrics import freshness


@dataclass(frozen=True)
class Scope:
    """An organisation subtree and an inclusive date range."""

    organisation: object  # fazhi.core.models.Organisation
    start: dt.date
    end: dt.date

    @classmethod
    def for_year(cls, organisation, year: int) -> Scope:
        return cls(organisation, dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def year(self) -> int:
        return self.start.year

    def label(self) -> str:
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31) and \
                self.start.year == self.end.year:
            return f"{self.organisation.name} {self.start.year}年度"
        return f"{self.organisation.name} {self.start:%Y-%m-%d} 至 {self.end:%Y-%m-%d}"

    def start_dt(self) -> dt.datetime:
        """Start of the first day, as an aware datetime in the project's time zone."""
        from django.utils import timezone

        return timezone.make_aware(dt.datetime.combine(self.start, dt.time.min))

    def end_dt(self) -> dt.datetime:
        """Start of the day after the last day (exclusive bound)."""
        from django.utils import timezone

        return timezone.make_aware(dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min))


@dataclass
class Column:
    accessor: str  # attribute path with "__" or "." separators, or a callable name on the row
    label: str


@dataclass
class Metric:
    key: str
    label: str
    unit: str
    definition: str
    compute: Callable[[Scope], Decimal | int]
    rows: Callable[[Scope], models.QuerySet | Iterable] | None = None
    columns: list[Column] = field(default_factory=list)
    module: str = ""
    decimals: int = 0
    depends_on: tuple[str, ...] = ()
    denominator: str = ""  # for a rate: the key whose value it divides by

    def value(self, scope: Scope) -> Decimal | int:
        cache = _CACHE.get()
        if cache is None:
            return rounded(self, self.compute(scope))
        if (self.key, scope) in cache:
            v, tables = cache[(self.key, scope)]
            freshness.note_read(tables)  # an enclosing figure depends on what this one was read from
            return v
        store = cache.get(_STORE)
        hit = store.lookup(self, scope) if store is not None else None
        if hit is not None:
            v, tables = hit
            freshness.note_read(tables)
        else:
            with freshness.reading() as tables:
                v = rounded(self, self.compute(scope))
            if store is not None:
                store.keep(self, scope, v, tables)
        cache[(self.key, scope)] = (v, tables)
        return v


_CACHE: ContextVar[dict | None] = ContextVar("fazhi_metric_cache", default=None)
_STORE = "stored figures"  # the evaluation's metrics.stored.Store, under this key of its cache


@contextmanager
def evaluation():
    """Within this block each (metric, scope) is computed once: a page or report that shows a rate beside its
    parts, or many rates over the same denominator, does not recompute them. Values are not kept afterwards."""
    outer = _CACHE.get()
    if outer is not None:
        yield
        return
    from fazhi.metrics import stored

    cache = {_STORE: stored.Store()} if stored.enabled() else {}
    token = _CACHE.set(cache)
    try:
        yield
        if _STORE in cache:
            cache[_STORE].flush()
    finally:
        _CACHE.reset(token)


def current_store():
    """The stored-figure store of the open evaluation (metrics.stored.Store), or None when it is off or outside one."""
    cache = _CACHE.get()
    return cache.get(_STORE) if cache is not None else None


def shared(name: str, scope: Scope, compute: Callable[[], dict]) -> dict:
    """A module's aggregate that several metrics read (one query with conditional counts giving many figures).

    Within an `evaluation()` block it runs once per scope; outside one it runs each time, so a value is never
    older than the call that asked for it. Pages, reports and commands that show many figures open the block.
    """
    cache = _CACHE.get()
    if cache is None:
        return compute()
    key = ("shared", name, scope)
    if key in cache:
        value, tables = cache[key]
        freshness.note_read(tables)
        return value
    with freshness.reading() as tables:
        value = compute()
    cache[key] = (value, tables)
    return value


class UnknownMetric(KeyError):
    def __init__(self, key):
        super().__init__(key)
        self.message = f"未知指标：{key}。可用 `fazhi metrics list` 查看全部指标。"


_REGISTRY: dict[str, Metric] = {}


_COMPILED: OrderedDict = OrderedDict()
_COMPILED_LOCK = threading.Lock()
COMPILED_KEEP = 2048  # statements kept per process (the oldest kept first goes first)


def aggregate(queryset, **aggregates) -> dict:
    """`queryset.aggregate(**aggregates)` for a module's figures. Django takes several milliseconds to resolve and
    compile twenty filtered counts, more than PostgreSQL takes to run them for a department; so on PostgreSQL the
    compiled statement is kept per process, keyed by the queryset's own statement and parameters and by the
    aggregates themselves (compared as Django compares expressions: their conditions, values and model instances by
    primary key). The statement is a function of exactly these, so a kept one is never stale; a new scope or day is
    a new key. A value comes back as Django returned it the first time (its type is kept: `SUM` of a bigint is a
    `Decimal` to the driver, an `int` from Django); while a value was NULL at first, the query goes through Django."""
    conn = connections[queryset.db]
    if conn.vendor != "postgresql" or not aggregates or any(
            isinstance(node, Subquery) for a in aggregates.values() for node in a.flatten()):
        # a condition with a subquery (EXISTS …) compares as the object it is, never equal to the next call's
        return queryset.aggregate(**aggregates)
    try:
        sql, params = queryset.query.sql_with_params()
        key = (queryset.db, sql, make_hashable(params), tuple(aggregates.items()))
        hash(key)
    except (EmptyResultSet, TypeError):  # nothing to select, or something Django cannot compare: as it is
        return queryset.aggregate(**aggregates)
    return _kept_or_compiled(conn, key, lambda: (queryset, aggregates))


def aggregate_of(shape: tuple, organisation, build: Callable[[], tuple[models.QuerySet, dict]]) -> dict:
    """`aggregate(queryset, **aggregates)` of `build()`, its compiled statement kept under `shape` and the subtree of
    `organisation`: the caller's promise that the statement is a function of exactly these, e.g. the aggregate's name
    with the scope's dates for the scope's organisation. When the figures are computed again (after a change of the
    records) neither the query nor its conditions are built or compiled again: for a department's 复议 figures that
    was 0.9 of 3.5 ms. A new or moved organisation changes the subtree, and so the key. PostgreSQL only, like
    `aggregate`."""
    from fazhi.core.scoping import subtree_ids

    conn = connections["default"]
    if conn.vendor != "postgresql":
        queryset, aggregates = build()
        return aggregate(queryset, **aggregates)
    return _kept_or_compiled(conn, ("shape", shape, organisation.path, tuple(subtree_ids(organisation))), build)


def scope_aggregate(name: str, scope: Scope, build: Callable[[], tuple[models.QuerySet, dict]]) -> dict:
    """A module's aggregate over a scope (the conditional counts many figures read): computed once per evaluation
    (`shared`), its statement kept per subtree and the scope's dates (`aggregate_of`). `build()` gives
    (queryset, aggregates) and must depend on nothing but the scope: a value read from other rows (a regional rule)
    goes into the statement as a subquery."""
    return shared(name, scope, lambda: aggregate_of((name, scope.start, scope.end), scope.organisation, build))


def _kept_or_compiled(conn, key, build) -> dict:
    """The statement kept under `key` run again, or Django's aggregate of `build()` (queryset, aggregates), its
    statement kept while no value of it was NULL."""
    kept = _COMPILED.get(key)
    if kept is not None and None not in kept[2].values():
        return _execute(conn, kept)
    queryset, aggregates = build()
    result, compiled = _compile(conn, queryset, aggregates)
    if compiled is not None:
        _keep(key, compiled)
    return result


def _execute(conn, kept) -> dict:
    statement, statement_params, types = kept
    with conn.cursor() as cursor:
        cursor.execute(statement, statement_params)
        row = cursor.fetchone()
    return {name: v if v is None or type(v) is kind else kind(v)
            for (name, kind), v in zip(types.items(), row, strict=True)}


def _compile(conn, queryset, aggregates):
    """(Django's result, (statement, parameters, types) when it ran as one statement, else None)."""
    seen = []

    def capture(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    with conn.execute_wrapper(capture):
        result = queryset.aggregate(**aggregates)
    if len(seen) != 1:
        return result, None
    return result, (seen[0][0], seen[0][1], {k: None if v is None else type(v) for k, v in result.items()})


def _keep(key, compiled) -> None:
    with _COMPILED_LOCK:  # worker threads share the statements
        _COMPILED[key] = compiled
        while len(_COMPILED) > COMPILED_KEEP:
            _COMPILED.popitem(last=False)


def register(key: str, *, label: str, unit: str, definition: str, rows=None, columns=(), decimals: int = 0,
             module: str | None = None):
    """Decorator for a compute function: `@register("x.y", label=..., unit="件", definition=...)`."""

    def wrap(fn):
        _add(Metric(key=key, label=label, unit=unit, definition=definition, compute=fn, rows=rows,
                    columns=[Column(*c) for c in columns], decimals=decimals,
                    module=module or key.split(".")[0]))
        return fn

    return wrap


def _add(metric: Metric):
    if metric.key in _REGISTRY and _REGISTRY[metric.key].compute.__qualname__ != metric.compute.__qualname__:
        raise ValueError(f"metric {metric.key} registered twice")
    _REGISTRY[metric.key] = metric


def register_count(key: str, *, label: str, unit: str = "件", definition: str, queryset: Callable[[Scope], object],
                   columns=(), module: str | None = None, kept: bool = False):
    """A metric that counts the rows of a queryset; the same queryset is the drill-down. `kept=True` is the caller's
    promise that the queryset is a function of the scope alone (its organisation's subtree and its dates, nothing
    read from other rows or the clock): its counting statement is then kept per subtree and dates (`aggregate_of`)
    and is not built again when the figure is computed again."""
    from django.db.models import Count

    def compute(scope):
        if kept:
            return scope_aggregate(key, scope, lambda: (
                queryset(scope).order_by().select_related(None), {"n": Count("pk")}))["n"]
        return queryset(scope).count()

    compute.__qualname__ = f"count:{key}"
    _add(Metric(key=key, label=label, unit=unit, definition=definition, compute=compute, rows=queryset,
                columns=[Column(*c) for c in columns], module=module or key.split(".")[0]))


def register_part(key: str, *, figures: Callable[[Scope], dict], part: str | None = None, label: str, unit: str,
                  definition: str, rows, columns=(), decimals: int = 0, module: str | None = None):
    """A metric whose value is one entry (`part`, by default the key) of a module's shared aggregate `figures(scope)`
    (one query of conditional counts giving many figures, see `shared`); `rows` is its drill-down."""
    name = part or key

    def compute(scope):
        return figures(scope)[name]

    compute.__qualname__ = f"part:{key}"
    _add(Metric(key=key, label=label, unit=unit, definition=definition, compute=compute, rows=rows,
                columns=[Column(*c) for c in columns], decimals=decimals, module=module or key.split(".")[0]))


def register_sum(key: str, *, label: str, unit: str, parts: Iterable[str], definition: str,
                 module: str | None = None):
    """A figure that adds figures of different records (random inspections and other inspections): no rows of its
    own; its drill-down lists the parts, each traced to its rows by its own drill-down."""
    parts = tuple(parts)

    def compute(scope):
        return sum(get(k).value(scope) for k in parts)

    compute.__qualname__ = f"sum:{key}"
    _add(Metric(key=key, label=label, unit=unit, definition=definition, compute=compute, rows=None, columns=[],
                module=module or key.split(".")[0], depends_on=parts))


def register_rate(key: str, *, label: str, numerator: str | Iterable[str], denominator: str, definition: str,
                  decimals: int = 1, module: str | None = None):
    """A percentage computed from other metrics: sum(numerators) ÷ denominator × 100. Rows: the denominator's."""
    nums = (numerator,) if isinstance(numerator, str) else tuple(numerator)

    def compute(scope):
        return percent(sum(get(k).value(scope) for k in nums), get(denominator).value(scope))

    def rows(scope):
        return get(denominator).rows(scope) if get(denominator).rows else []

    compute.__qualname__ = f"rate:{key}"
    _add(Metric(key=key, label=label, unit="%", definition=definition, compute=compute, rows=rows,
                columns=[], decimals=decimals, module=module or key.split(".")[0],
                depends_on=(*nums, denominator), denominator=denominator))


def percent(numerator, denominator) -> Decimal:
    """numerator ÷ denominator × 100, 0 over nothing; rounded (half up, at the metric's decimals) by Metric.value."""
    if not denominator:
        return Decimal(0)
    return Decimal(numerator) * 100 / Decimal(denominator)


def rounded(metric: Metric, value) -> Decimal | int:
    """The one rounding rule: half up at the metric's declared decimals (2.25 → 2.3 at one decimal, not 2.2)."""
    if isinstance(value, Decimal | float):
        return Decimal(value).quantize(Decimal(1).scaleb(-metric.decimals), rounding=ROUND_HALF_UP)
    return value


def get(key: str) -> Metric:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise UnknownMetric(key) from None


def all_metrics() -> list[Metric]:
    return sorted(_REGISTRY.values(), key=lambda m: m.key)


def columns_for(metric: Metric) -> list[Column]:
    if metric.columns:
        return metric.columns
    for dep in reversed(metric.depends_on):
        if get(dep).columns:
            return get(dep).columns
    return [Column("__str__", "记录")]


def as_json_value(v):
    if isinstance(v, Decimal):
        return float(v) if v != v.to_integral_value() or v.as_tuple().exponent < 0 else int(v)
    return v


def evaluate(key: str, scope: Scope) -> dict:
    m = get(key)
    v = m.value(scope)
    return {
        "key": m.key,
        "label": m.label,
        "unit": m.unit,
        "definition": m.definition,
        "value": as_json_value(v),
        "org": scope.organisation.code,
        "start": scope.start.isoformat(),
        "end": scope.end.isoformat(),
    }


def format_value(metric: Metric, v) -> str:
    if isinstance(v, Decimal):
        return f"{v:.{metric.decimals}f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


NOT_APPLICABLE = "—"


def shown(metric: Metric, scope: Scope, value=None) -> str:
    """The value as pages show it. A rate over nothing (its denominator is 0 in the scope) is shown as "—", not as
    0.0: a department with no hearings has no appearance rate. Its value stays 0 for exports and the API."""
    if metric.denominator and not get(metric.denominator).value(scope):
        return NOT_APPLICABLE
    return format_value(metric, metric.value(scope) if value is None else value)


def resolve(row, accessor: str):
    """Follow an accessor like "organisation__name" or "get_status_display" on a row (model or dict)."""
    value = row
    for part in accessor.replace(".", "__").split("__"):
        if value is None:
            return ""
        if isinstance(value, dict):
            value = value.get(part, "")
        else:
            value = getattr(value, part, "")
        if callable(value) and not isinstance(value, models.Manager):
            value = value()
    return value


# ---- planned figures ------------------------------------------------------------------------------------------

NO_DATA = "尚无数据"


@dataclass(frozen=True)
class Planned:
    """A figure named by outlines, dashboards or the report audit whose module is not built yet (planned.yaml)."""

    key: str
    label: str
    unit: str
    module: str
    definition: str
    dashboard: bool = False
    status = "planned"


_PLANNED: dict[str, Planned] = {}
PLANNED_MODULES: dict[str, str] = {}  # package → its name on the dashboard, in dashboard order


def _load_planned() -> dict[str, Planned]:
    if not _PLANNED:
        from pathlib import Path

        import yaml

        data = yaml.safe_load((Path(__file__).with_name("planned.yaml")).read_text(encoding="utf-8"))
        PLANNED_MODULES.update(data["modules"])
        for row in data["figures"]:
            _PLANNED[row["key"]] = Planned(**{k: (v if k == "dashboard" else str(v)) for k, v in row.items()})
    return _PLANNED


def planned(key: str) -> Planned | None:
    """The planned figure of this key, or None (a live key is never planned: `status` says which)."""
    return None if key in _REGISTRY else _load_planned().get(key)


def all_planned() -> list[Planned]:
    return sorted((p for k, p in _load_planned().items() if k not in _REGISTRY), key=lambda p: p.key)


def planned_dashboard_groups() -> list[tuple[str, list[str]]]:
    """(module name, planned keys shown on the dashboard) for the modules not built yet, in planned.yaml's order."""
    planned_now = [p for p in all_planned() if p.dashboard]
    order = list(_load_planned() and PLANNED_MODULES)
    groups = []
    for package in order:
        keys = [p.key for p in sorted(planned_now, key=lambda p: list(_PLANNED).index(p.key)) if p.module == package]
        if keys:
            groups.append((PLANNED_MODULES[package], keys))
    return groups


def status(key: str) -> str | None:
    """"live" (registered), "planned" (declared in planned.yaml) or None (unknown: a typing error)."""
    if key in _REGISTRY:
        return "live"
    return "planned" if key in _load_planned() else None


# ---- breakdowns ---------------------------------------------------------------------------------------------------

def breakdown_by_child(key: str, scope: Scope, *, children=None) -> list[tuple[object, Decimal | int]]:
    """The figure for each organisation directly below the scope's (each with its own subtree), same period: the
    same definition as the total, so a department's row on a statistics page equals its own dashboard figure."""
    from fazhi.core.models import Organisation

    metric = get(key)
    if children is None:
        children = Organisation.objects.filter(parent=scope.organisation).order_by("path")
    return [(child, metric.value(Scope(child, scope.start, scope.end))) for child in children]


def own_share(key: str, scope: Scope, children=None) -> Decimal | int:
    """The part of the scope's figure that belongs to its organisation itself (本级), not to those below it: the
    total less the children's figures for a count; for a rate, its numerators' and denominator's own shares."""
    metric = get(key)
    if metric.denominator:
        nums = [k for k in metric.depends_on if k != metric.denominator]
        return rounded(metric, percent(sum(own_share(k, scope, children) for k in nums),
                                       own_share(metric.denominator, scope, children)))
    return metric.value(scope) - sum(v for _c, v in breakdown_by_child(key, scope, children=children))


def breakdown_by_month(key: str, scope: Scope) -> list[tuple[int, Decimal | int]]:
    """The figure for each calendar month of the scope's year (the scope must be one year)."""
    metric = get(key)
    year, out = scope.start.year, []
    for month in range(1, 13):
        start = dt.date(year, month, 1)
        end = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
        out.append((month, metric.value(Scope(scope.organisation, start, end))))
    return out


def may_repeat_rows(queryset) -> bool:
    """Whether a join of the queryset can return a row more than once (a reverse or many-to-many relation in a
    filter): only then does a count need DISTINCT, which at 10⁷ rows costs minutes instead of seconds (#16)."""
    for join in queryset.query.alias_map.values():
        field = getattr(join, "join_field", None)  # None for the queryset's own table
        if field is not None and not (getattr(field, "concrete", False) and (field.many_to_one or field.one_to_one)):
            return True
    return False


def breakdown_by_field(key: str, scope: Scope, field_name: str, labels: dict | None = None,
                       limit: int | None = None) -> list[tuple[str, int]]:
    """A count metric split by a field of its rows (its drill-down queryset): (label, count), largest first. Only
    counts can be split this way: a count's rows are exactly what it counts."""
    from django.db.models import Count

    metric = get(key)
    rows = metric.rows(scope) if metric.rows else None
    if metric.unit == "%" or not isinstance(rows, models.QuerySet):
        raise ValueError(f"{key}: only a count with a queryset can be broken down by a field")
    from fazhi.metrics import stored

    pairs = stored.values_list(rows.order_by().values_list(field_name).annotate(
        n=Count("pk", distinct=may_repeat_rows(rows))).order_by("-n", field_name), field_name, "n")  # ADR 0014
    out = [((labels or {}).get(v, v) if v not in (None, "") else "（未填）", n) for v, n in pairs]
    return out[:limit] if limit else out
