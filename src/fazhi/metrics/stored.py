"""Figures kept between requests (#16): a province-wide figure costs a scan of every case once, not on every page.

Inside an `evaluation()` block (every request is one) a metric's value for a scope is first looked up among the
stored figures of that organisation and period (one query per scope), and served when every table it was read from
still has the version it had then (metrics.freshness); otherwise it is computed, and stored when the block ends.
A period not yet over is stored per day (its figures may depend on today, e.g. what is overdue). Settings:
FAZHI_FIGURE_CACHE ("1" on, "0" off; on by default on PostgreSQL, where province-scale data lives; SQLite's single
writer is better left to the users' saves).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections import OrderedDict
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, connection, transaction

from fazhi.metrics import freshness

CLOSED = dt.date.min


def enabled() -> bool:
    return bool(getattr(settings, "FAZHI_FIGURE_CACHE", False))


def _as_of(scope) -> dt.date:
    from fazhi.core import clock

    today = clock.today()
    return today if scope.end >= today else CLOSED


def _encode(v) -> str:
    return f"D{v}" if isinstance(v, Decimal) else f"I{int(v)}"


def _decode(text: str):
    return Decimal(text[1:]) if text[0] == "D" else int(text[1:])


def still_true(tables: dict[str, int], versions: dict[str, int]) -> bool:
    """Whether every table a kept value was read from has the version it had then, with no uncommitted write to it in
    this connection's open transaction."""
    dirty = freshness.dirty_tables()
    return all(versions.get(t, 0) == v and t not in dirty for t, v in tables.items())


class Store:
    """The stored figures one evaluation has looked at, and those it computed (written by `flush`)."""

    def __init__(self):
        self.versions: dict[str, int] | None = None
        self.writes_seen = -1
        self.scopes: dict = {}
        self.read_again: set = set()
        self.pending: dict = {}

    def _current_versions(self) -> dict[str, int]:
        # Read before any figure is computed (a write committed meanwhile makes the figure's versions older than its
        # data, never newer); read again after this connection wrote something.
        writes = getattr(connection, "_fazhi_writes", 0)
        if self.versions is None or writes != self.writes_seen:
            self.versions, self.writes_seen = freshness.versions(), writes
        return self.versions

    def _entries(self, scope, again: bool = False) -> dict:
        """The stored figures of a scope: as this process last read or wrote them (`_scopes`), or from the database
        when it has not, or `again` (a figure missing or stale there may have been stored by another process)."""
        from fazhi.metrics.models import FigureCache

        k = (scope.organisation.pk, scope.start, scope.end, _as_of(scope))
        if again or k not in self.scopes:
            versions = self._current_versions()
            entries = None if again else _scopes.get(k, versions)
            if entries is None:
                rows = FigureCache.objects.filter(organisation_id=k[0], start=k[1], end=k[2], as_of=k[3])
                entries = {r.key: (r.value, r.tables) for r in rows.only("key", "value", "tables")}
                _scopes.put(k, versions, entries)
            self.scopes[k] = entries
        return self.scopes[k]

    def lookup(self, metric, scope):
        """(value, tables) of a stored figure that is still true, or None."""
        versions = self._current_versions()
        hit = self._entries(scope).get(metric.key)
        if hit is None or not still_true(hit[1], versions):
            k = (scope.organisation.pk, scope.start, scope.end, _as_of(scope))
            if k in self.read_again:
                return None
            self.read_again.add(k)
            hit = self._entries(scope, again=True).get(metric.key)
            if hit is None or not still_true(hit[1], versions):
                return None
        value, tables = hit
        return _decode(value), set(tables)

    def may_keep(self, tables) -> bool:
        """Whether a value read from `tables` may be kept for others: not read from this transaction's own writes,
        nor after them."""
        return not set(tables) & freshness.dirty_tables() and getattr(connection, "_fazhi_writes", 0) == self.writes_seen

    def keep(self, metric, scope, value, tables: set[str]) -> None:
        versions = self._current_versions()
        if not self.may_keep(tables):
            return
        self.pending[(metric.key, scope)] = (value, {t: versions.get(t, 0) for t in sorted(tables)})

    def flush(self) -> None:
        from fazhi.metrics.models import FigureCache

        if not self.pending:
            return
        rows = [FigureCache(key=key, organisation_id=scope.organisation.pk, start=scope.start, end=scope.end,
                            as_of=_as_of(scope), value=_encode(value), tables=tables)
                for (key, scope), (value, tables) in self.pending.items()]
        self.pending = {}
        try:
            with transaction.atomic():
                FigureCache.objects.bulk_create(rows, update_conflicts=True,
                                                unique_fields=["organisation", "start", "end", "as_of", "key"],
                                                update_fields=["value", "tables", "computed_at"])
        except DatabaseError:
            return  # a figure not kept is computed again next time; the page the user asked for is not lost for it
        versions = self._current_versions()
        for r in rows:
            entries = _scopes.get((r.organisation_id, r.start, r.end, r.as_of), versions)
            if entries is not None:
                entries[r.key] = (r.value, r.tables)


def _plain_json(value) -> bool:
    """Whether the value comes back from JSON as it went in (dates and decimals would come back as strings: such a
    result is not kept)."""
    import json

    try:
        return json.loads(json.dumps(value)) == value
    except (TypeError, ValueError):
        return False


class _Memo:
    """What this process has read of the stored figures and kept queries, or written, and the pieces of pages it
    rendered: a value still true is served
    without a query and the JSON decoding of its row (a province's filter of 3,811 organisations: 4 ms a page).
    Each value is held with the epoch it was read in (freshness.EPOCH) and served only in the same one. Shared
    between requests and threads: read-only but for `Store.flush`."""

    def __init__(self, size: int = 4096, max_bytes: int | None = None):
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.size, self.max_bytes, self._bytes = size, max_bytes, 0

    def get(self, key, versions: dict[str, int]):
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
        return hit[1] if hit is not None and hit[0] == versions.get(freshness.EPOCH) else None

    def put(self, key, versions: dict[str, int], value, weight: int = 0) -> None:
        """`weight`: the bytes the value holds, counted against `max_bytes` (the oldest go first)."""
        with self._lock:
            old = self._items.pop(key, None)
            self._bytes += weight - (old[2] if old is not None else 0)
            self._items[key] = (versions.get(freshness.EPOCH), value, weight)
            while self._items and (len(self._items) > self.size
                                   or (self.max_bytes is not None and self._bytes > self.max_bytes)):
                self._bytes -= self._items.popitem(last=False)[1][2]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


_queries = _Memo()  # kept queries: key -> (tables, value)
_scopes = _Memo()  # stored figures: (organisation, start, end, as_of) -> {key: (value, tables)}


# rendered HTML and kept pages: key -> (tables, text or (content type, body)); at most 64 MB of them a process
_fragments = _Memo(max_bytes=int(os.environ.get("FAZHI_KEPT_PAGES_MB", "64")) * 2**20)


def forget() -> None:
    """Empty this process's memory of stored values (tests: their rolled-back transactions roll the versions back)."""
    _queries.clear()
    _scopes.clear()
    _fragments.clear()


def _no_form_token(text) -> bool:
    return "csrfmiddlewaretoken" not in text


def fragment(key: tuple, render, *, tables=(), keep=_no_form_token, weigh=len):
    """`render()`, a piece of a page, kept in this process's memory while the tables it was read from are unchanged
    (a dashboard's figures: half its time). `key` holds whatever else it depends on (the organisation, the year, the
    day); `tables` those it depends on without reading them inside (a calendar or a membership the request read
    before). A piece that `keep` refuses (by default: one holding a form's CSRF token), or that was rendered from this
    transaction's own writes, is not kept. `weigh(value)`: its bytes (a process keeps at most FAZHI_KEPT_PAGES_MB of
    pieces and pages, 64 by default)."""
    store = current_store()
    if store is None:
        return render()
    versions = store._current_versions()
    hit = _fragments.get(key, versions)
    if hit is not None and still_true(hit[0], versions):
        freshness.note_read(hit[0])
        return hit[1]
    with freshness.reading() as read:
        value = render()
    read.update(tables)
    if keep(value) and store.may_keep(read):
        _fragments.put(key, versions, ({t: versions.get(t, 0) for t in sorted(read)}, value), weight=weigh(value))
    return value


def current_store():
    """The open evaluation's Store (registry.current_store; imported late, the registry imports this module)."""
    from fazhi.metrics.registry import current_store

    return current_store()


def _kept(queryset, kind: str, compute):
    """`compute()` of a list query, kept like a figure: served while the tables it read are unchanged."""
    import hashlib

    from fazhi.metrics.models import QueryCache

    store = current_store()
    if store is None:
        return compute()
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # a filter that can match nothing (a user without a membership)
        return compute()
    key = hashlib.sha256(f"{kind}|{sql}|{params!r}".encode()).hexdigest()
    versions = store._current_versions()
    hit = _queries.get(key, versions)
    if hit is None or not still_true(hit[0], versions):
        row = QueryCache.objects.filter(key=key).first()
        hit = (row.tables, row.value) if row is not None and still_true(row.tables, versions) else None
        if hit is not None:
            _queries.put(key, versions, hit)
    if hit is not None:
        freshness.note_read(hit[0])  # an enclosing kept value depends on these tables too
        return hit[1]
    with freshness.reading() as tables:
        value = compute()
    if store.may_keep(tables) and _plain_json(value):
        kept = {t: versions.get(t, 0) for t in sorted(tables)}
        try:
            with transaction.atomic():
                QueryCache.objects.update_or_create(key=key, defaults={"value": value, "tables": kept})
        except DatabaseError:
            pass
        else:
            _queries.put(key, versions, (kept, value))
    return value


def count(queryset) -> int:
    """`queryset.count()`, kept (a list's paginator asks for it on every page)."""
    return _kept(queryset, "count", queryset.count)


def values_list(queryset, *fields) -> list[list]:
    """The rows' `fields`, kept (a list filter's choices: the organisations that have cases)."""
    return _kept(queryset, f"values:{','.join(fields)}", lambda: [list(r) for r in queryset.values_list(*fields)])


def refresh() -> int:
    """Drop every stored figure and count (after writes made outside the platform, e.g. by psql), and move every
    table's version on, so that what the server's processes hold in memory is stale too. Returns how many figures."""
    from fazhi.metrics.models import FigureCache, QueryCache

    QueryCache.objects.all().delete()
    forget()
    freshness.bump_all()
    return FigureCache.objects.all().delete()[0]
