"""Import a year's holiday schedule from a simple table (Excel or CSV): 日期, 类型, 名称.

All-or-nothing with a row-level report; each year in the file replaces that year's schedule.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict

from fazhi.calendar import actions
from fazhi.calendar.choices import DayKind, ScheduleSource
from fazhi.core.excel import ImportFailed, ImportResult, RowError, read_rows, run_import, workbook_bytes
from fazhi.core.permissions import ActionError

COLUMNS = [("date", "日期*"), ("kind", "类型*"), ("name", "名称")]
KIND_WORDS = {
    "holiday": DayKind.HOLIDAY, "放假": DayKind.HOLIDAY, "休息": DayKind.HOLIDAY, "休": DayKind.HOLIDAY,
    "节假日": DayKind.HOLIDAY,
    "workday": DayKind.WORKDAY, "调休上班": DayKind.WORKDAY, "上班": DayKind.WORKDAY, "班": DayKind.WORKDAY,
    "补班": DayKind.WORKDAY,
}
NOTES = [
    "每行一个日期：放假的日期（含落在周末的假日）类型填“放假”（或 holiday），调休上班的周末类型填“调休上班”（或 workday）。",
    "日期格式 YYYY-MM-DD；名称填节日名称，如“春节”。同一文件可包含多个年度，每个年度的安排整体替换。",
    "也可上传 UTF-8 编码的 CSV 文件，表头为：日期,类型,名称。",
]


def template_bytes() -> bytes:
    rows = [["2027-01-01", "放假", "元旦"], ["2027-02-06", "调休上班", "春节调休"]]
    return workbook_bytes("节假日安排", [c[1] for c in COLUMNS], rows, NOTES)


def _read_csv(fileobj) -> list[tuple[int, dict]]:
    raw = fileobj.read()
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise ImportFailed("CSV 文件须为 UTF-8 编码。") from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise ImportFailed("文件为空：第一行应为表头。")
    header = [h.strip().rstrip("*") for h in header]
    pos = {}
    for name, label in COLUMNS:
        clean = label.rstrip("*")
        if clean not in header and name != "name":
            raise ImportFailed(f"表头缺少列：{clean}。")
        pos[name] = header.index(clean) if clean in header else None
    out = []
    for n, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        out.append((n, {k: (values[p].strip() if p is not None and p < len(values) else "") for k, p in pos.items()}))
    return out


def read_table(fileobj, filename: str = "") -> list[tuple[int, dict]]:
    if filename.lower().endswith(".csv"):
        return _read_csv(fileobj)
    return read_rows(fileobj, COLUMNS)


def _parse_row(n: int, row: dict) -> tuple[tuple[dt.date, str, str] | None, list[RowError]]:
    errors = []
    value = row.get("date")
    day = None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value or "").strip().replace("/", "-"))
        except ValueError:
            errors.append(RowError(n, "日期", f"“{value or ''}”不是有效日期，应为 YYYY-MM-DD。"))
    kind = KIND_WORDS.get(str(row.get("kind") or "").strip().lower())
    if kind is None:
        errors.append(RowError(n, "类型", f"“{row.get('kind') or ''}”不是有效类型，应为“放假”或“调休上班”。"))
    if errors:
        return None, errors
    if kind == DayKind.WORKDAY and day.weekday() < 5:
        return None, [RowError(n, "类型", f"{day:%Y-%m-%d} 本来就是工作日，不能设为调休上班。")]
    return (day, kind, str(row.get("name") or "").strip()[:100]), []


def import_schedule(fileobj, *, actor, filename: str = "", dry_run: bool = True, notice: str = "",
                    reason: str = "") -> ImportResult:
    """Validate every row, then save each year's schedule through the action (which recomputes deadlines)."""
    rows = read_table(fileobj, filename)
    parsed: dict[int, list] = defaultdict(list)
    seen: dict[dt.date, int] = {}
    row_errors: dict[int, list[RowError]] = {}
    for n, row in rows:
        day, errs = _parse_row(n, row)
        if day is not None and day[0] in seen:
            errs = [RowError(n, "日期", f"{day[0]:%Y-%m-%d} 与第 {seen[day[0]]} 行重复。")]
        if errs:
            row_errors[n] = errs
            continue
        seen[day[0]] = n
        parsed[day[0].year].append(day)
    if not rows:
        raise ImportFailed("文件中没有数据行。")
    last_row_of_year = {}
    for n, row in rows:
        if n not in row_errors:
            d, _, _ = _parse_row(n, row)[0]
            last_row_of_year[d.year] = n

    def handle(n, row):
        if n in row_errors:
            return row_errors[n]
        year = next(y for y, last in last_row_of_year.items() if last == n) if n in last_row_of_year.values() \
            else None
        if year is not None and not row_errors:
            try:
                actions.save_schedule(actor=actor, year=year, days=parsed[year], source=ScheduleSource.IMPORT,
                                      notice=notice, reason=reason or "导入节假日安排")
            except ActionError as e:
                return [RowError(n, "", e.message)]
        return None

    return run_import(rows, handle, dry_run=dry_run)
