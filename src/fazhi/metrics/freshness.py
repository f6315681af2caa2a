"""Which tables a figure was read from, and whether any of them has changed since (#16: figures without rescanning).

Every database connection carries an execute wrapper (installed when the connection opens) that does two things:
- after a statement that writes a table (INSERT, UPDATE, DELETE, TRUNCATE) it notes the table; when the transaction
  commits (at once in autocommit) the table's counter in `metrics_tableversion` goes up by one. Until then the
  table is "dirty" for this connection: nothing computed from it inside the transaction may be kept.
- while a `reading()` block is open, it collects the tables each SELECT names (FROM and JOIN).

A stored figure (metrics.FigureCache) keeps the counters of the tables it was read from; it is served only while each
of them is unchanged, so it is never older than the records behind it. Writes that bypass Django's connection
(psql by hand) are not seen: `fazhi metrics refresh` drops every stored figure.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

VERSION_TABLE = "metrics_tableversion"
# Written on every request or by the cache itself: their changes do not change a figure.
IGNORED = frozenset({"django_session", VERSION_TABLE, "metrics_figurecache", "metrics_querycache", "axes_accessattempt", "axes_accesslog",
                     "axes_accessfailurelog", "django_admin_log", "django_migrations"})
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)"?', re.I)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z_]\w*)"?', re.I)
_COLLECTORS: ContextVar[tuple[set, ...]] = ContextVar("fazhi_read_collectors", default=())


def _ready(conn) -> bool:
    """Whether the versions table exists yet (before the first migration it does not, and nothing is stored)."""
    if not getattr(conn, "_fazhi_versions_ready", False):
        conn._fazhi_bumping = True
        try:
            conn._fazhi_versions_ready = VERSION_TABLE in conn.introspection.table_names()
        finally:
            conn._fazhi_bumping = False
    return conn._fazhi_versions_ready


def _bump(conn, tables) -> None:
    if not tables or not _ready(conn):
        return
    conn._fazhi_bumping = True
    try:
        with conn.cursor() as cur:
            for table in sorted(tables):
                cur.execute(f"INSERT INTO {VERSION_TABLE} (name, version) VALUES (%s, 1) "
                            f"ON CONFLICT (name) DO UPDATE SET version = {VERSION_TABLE}.version + 1", [table])
    finally:
        conn._fazhi_bumping = False


# A row of the versions table that is not a table: a random number set anew when the whole database changed at once
# (a restore, `fazhi metrics refresh`). What a process kept in memory is served only under the epoch it was read in:
# after a restore the counters may come back to numbers they had before.
EPOCH = "~epoch"


def bump_all(using: str = "default") -> None:
    """Every table's version moves on and a new epoch begins (after writes this wrapper could not see, or a restore):
    nothing kept before, in the database or in any process's memory, is served."""
    import secrets

    from django.db import connections

    conn = connections[using]
    if not _ready(conn):
        return
    _bump(conn, set(conn.introspection.table_names()) - IGNORED)
    conn._fazhi_bumping = True
    try:
        with conn.cursor() as cur:
            cur.execute(f"INSERT INTO {VERSION_TABLE} (name, version) VALUES (%s, %s) "
                        f"ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version", [EPOCH, secrets.randbits(62)])
    finally:
        conn._fazhi_bumping = False


def _on_commit(conn) -> None:
    dirty = getattr(conn, "_fazhi_dirty", None)
    if dirty:
        tables = set(dirty)
        dirty.clear()
        _bump(conn, tables)


def _wrote(conn, table: str) -> None:
    if table in IGNORED:
        return
    conn._fazhi_writes = getattr(conn, "_fazhi_writes", 0) + 1
    counts = conn.__dict__.setdefault("_fazhi_table_writes", {})
    counts[table] = counts.get(table, 0) + 1
    if conn.in_atomic_block:
        conn.__dict__.setdefault("_fazhi_dirty", set()).add(table)
        # One callback per write: the first to run bumps every dirty table, the rest find nothing (a callback
        # registered in a savepoint that rolls back is dropped, so none may be the only one).
        transaction.on_commit(lambda: _on_commit(conn), using=conn.alias)
    else:
        _bump(conn, {table})


def note_write(table: str, using: str = "default") -> None:
    """A write the wrapper cannot see (`COPY … FROM STDIN` through the driver's own cursor): count it like one."""
    from django.db import connections

    _wrote(connections[using], table)


def _wrapper(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    conn = context["connection"]
    if getattr(conn, "_fazhi_bumping", False):
        return result
    write = _WRITE.match(sql)
    if write:
        _wrote(conn, write.group(1))
    else:
        collectors = _COLLECTORS.get()
        if collectors:
            tables = set(_READ.findall(sql))
            for c in collectors:
                c.update(tables)
    return result


def install(sender=None, connection=None, **kwargs) -> None:
    """connection_created handler: wrap this connection's statements (once)."""
    if connection is not None and _wrapper not in connection.execute_wrappers:
        connection.execute_wrappers.append(_wrapper)


@contextmanager
def reading():
    """Collect the tables read inside the block (nested blocks each see their own and their children's)."""
    tables: set[str] = set()
    token = _COLLECTORS.set((*_COLLECTORS.get(), tables))
    try:
        yield tables
    finally:
        _COLLECTORS.reset(token)


def note_read(tables) -> None:
    """Tables read earlier for a value now reused (a figure from this request's cache): the open blocks depend on
    them too."""
    for c in _COLLECTORS.get():
        c.update(tables)


def dirty_tables(using: str = "default") -> set[str]:
    """Tables this connection's open transaction has written (empty outside a transaction)."""
    from django.db import connections

    conn = connections[using]
    return set(getattr(conn, "_fazhi_dirty", ())) if conn.in_atomic_block else set()


def writes_to(table: str, using: str = "default") -> int:
    """How many statements this connection has sent that wrote the table (a memo of what it read is good while this
    stays the same; other connections' writes are seen through `versions`)."""
    from django.db import connections

    return getattr(connections[using], "_fazhi_table_writes", {}).get(table, 0)


def versions(using: str = "default") -> dict[str, int]:
    from django.db import connections

    with connections[using].cursor() as cur:
        cur.execute(f"SELECT name, version FROM {VERSION_TABLE}")
        return dict(cur.fetchall())
