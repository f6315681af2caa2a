"""Bulk writes of validated rows through a temporary staging table: `COPY … FROM STDIN` on PostgreSQL (text format,
written in large chunks), batched `executemany` on SQLite. The caller validates each row in Python while it streams
in, stages it, and then merges the staging table into its own with one SQL statement, all in its transaction: a
file of millions of rows is never held in memory and is written all or nothing (ADR 0011)."""

from __future__ import annotations

import json

from django.db import connection

CHUNK = 1 << 20  # bytes of COPY text sent at once
BATCH = 5000  # rows per executemany on SQLite

_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_field(text: str) -> str:
    """`text` as a field of COPY's text format. `str.translate` with a mapping walks the string character by
    character (≈ 10 µs for a line of Chinese), so text without the four special characters is returned as it is."""
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        return text.translate(_ESCAPE)
    return text


def copy_value(value) -> str:
    """A Python value as a field of COPY's text format: None as NULL, booleans as t/f, a list as JSON, a date or time
    in ISO form, text escaped, anything else as `str`."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, str):
        return copy_field(value)
    if isinstance(value, list):
        return copy_field(json.dumps(value, ensure_ascii=False))
    return value.isoformat() if hasattr(value, "isoformat") else copy_field(str(value))


class Stage:
    """`with Stage("stage_entity", ["credit_code", "name", …]) as s: s.add((…))` then SQL reading `s.table`.
    Every column is text; the line number of the source row can be one of them."""

    def __init__(self, table: str, columns: list[str], *, create: bool = True):
        """`create=False` writes into an existing table (a generator of benchmark data) instead of a new staging
        table."""
        self.table, self.columns, self.create = table, columns, create
        self.rows = 0
        self._buf: list = []
        self._size = 0

    def __enter__(self):
        self.cursor = connection.cursor()
        if self.create:
            cols = ", ".join(f"{c} text" for c in self.columns)
            self.cursor.execute(f"DROP TABLE IF EXISTS {self.table}")
            self.cursor.execute(f"CREATE TEMPORARY TABLE {self.table} ({cols})")
        self.pg = connection.vendor == "postgresql"
        if self.pg:
            self._copy_cm = self.cursor.cursor.copy(f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN")
            self._copy = self._copy_cm.__enter__()
        return self

    def escape(self, text: str) -> str:
        """`text` as a COPY field (on SQLite as it is): for `add(…, escaped=True)`."""
        return copy_field(text) if self.pg else text

    def add(self, values, *, escaped: bool = False) -> None:
        """`escaped`: every value is already a COPY field — a number, or text passed through `escape` — so the row
        is joined without escaping each value (a draw's 10⁵ rows)."""
        if self.pg:
            self.add_line("\t".join(map(str if escaped else copy_value, values)) + "\n")
            return
        self.rows += 1
        self._buf.append(tuple(values))
        if len(self._buf) >= BATCH:
            self._flush()

    def add_line(self, line: str) -> None:
        """PostgreSQL only: a whole line of COPY text, its fields escaped, ending in a newline (a draw builds its
        10⁵ lines with one format string each)."""
        self.rows += 1
        self._buf.append(line)
        self._size += len(line)
        if self._size >= CHUNK:
            self._flush()

    def _flush(self):
        if not self._buf:
            return
        if self.pg:
            self._copy.write("".join(self._buf).encode())
        else:
            marks = ", ".join("%s" for _ in self.columns)
            self.cursor.executemany(f"INSERT INTO {self.table} ({', '.join(self.columns)}) VALUES ({marks})",
                                    self._buf)
        self._buf, self._size = [], 0

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self._flush()
            if self.pg:
                self._copy_cm.__exit__(exc_type, exc, tb)
            if exc_type is None and not self.create and self.rows:
                from fazhi.metrics.freshness import note_write

                note_write(self.table)  # COPY passes by the connection's execute wrapper: stored figures must see it
        finally:
            if exc_type is not None:
                self.cursor.close()
        return False

    def execute(self, sql: str, params=None):
        self.cursor.execute(sql, params)
        return self.cursor

    def drop(self):
        self.cursor.execute(f"DROP TABLE IF EXISTS {self.table}")
        self.cursor.close()
