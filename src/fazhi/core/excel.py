"""Excel export of any list, an all-or-nothing Excel import with a row-level error report, and streamed CSV reading."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from urllib.parse import quote

from django.db import transaction
from django.http import HttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from fazhi.core import jobs

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_bytes(title: str, headers: list[str], rows: Iterable[list], notes: list[str] | None = None) -> bytes:
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = title[:31]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    for row, r in enumerate(rows, 2):
        values = [_cell(v) for v in r]
        ws.append(values)
        # openpyxl stores any text beginning with "=" as a formula: data typed by users (names, titles) would run
        # in the reader's Excel (formula injection). Keep such cells as text. (Only those cells are looked up:
        # `ws[row]` would rescan the sheet for its width on every row.)
        for col, v in enumerate(values, 1):
            if isinstance(v, str) and v.startswith("="):
                ws.cell(row=row, column=col).data_type = "s"
    for i, h in enumerate(headers, 1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, min(40, len(str(h)) * 2 + 4))
    ws.freeze_panes = "A2"
    if notes:
        ns = wb.create_sheet("填写说明")
        for n in notes:
            ns.append([n])
        ns.column_dimensions["A"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, str):
        return ILLEGAL_CHARACTERS_RE.sub(" ", v)  # a control character (Word's \x0b) would fail the whole export
    if isinstance(v, int | float):
        return v
    import datetime as dt
    from decimal import Decimal

    if isinstance(v, dt.datetime):
        from django.utils import timezone

        return timezone.localtime(v).replace(tzinfo=None) if timezone.is_aware(v) else v
    if isinstance(v, dt.date | Decimal):
        return v
    return ILLEGAL_CHARACTERS_RE.sub(" ", str(v))


DATE_TEXT = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def parse_date(value):
    """A date from an Excel cell: a real date, or text such as 2025-03-04, 2025/3/4 or 2025年3月4日; None when
    empty; ValueError when it is no date."""
    import datetime as dt

    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-":
        try:  # the common YYYY-MM-DD at C speed (a bulk import reads millions)
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    m = DATE_TEXT.match(str(value).strip())
    if not m:
        raise ValueError
    return dt.date(int(m[1]), int(m[2]), int(m[3]))


def download_response(filename: str, content: bytes, content_type: str) -> HttpResponse:
    """A file to download under its Chinese name (RFC 5987 filename*)."""
    resp = HttpResponse(content, content_type=content_type)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return resp


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    return download_response(filename, content, XLSX)


class ImportFailed(Exception):
    """The file cannot be read at all (not Excel, no header, missing columns)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class RowError:
    row: int  # the spreadsheet row number as the user sees it
    column: str
    message: str


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    dry_run: bool = True
    errors: list[RowError] = field(default_factory=list)
    skipped: int = 0  # rows already imported before (same source key): nothing changed for them
    updated: int = 0  # rows that changed a record already there (an import that merges on a key)
    error_count: int = 0  # all errors found, when the report lists only the first ones

    @property
    def ok(self) -> bool:
        return not self.errors


class _Rollback(Exception):
    pass


MAX_ROWS = 200_000  # a province's power list is ~10⁵ rows; beyond this, split the file
MAX_UNZIPPED = 400 * 1024 * 1024  # an .xlsx whose XML expands beyond this is refused before it is parsed


def read_rows(fileobj, columns: list[tuple[str, str]], *, optional=()) -> list[tuple[int, dict]]:
    """Rows of the first sheet as dicts keyed by field name, matched by the Chinese header labels (a field named in
    `optional` may lack its column: it reads as None). A workbook that expands beyond MAX_UNZIPPED or has more than
    MAX_ROWS rows is refused with a Chinese message."""
    import zipfile

    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as z:
            if sum(i.file_size for i in z.infolist()) > MAX_UNZIPPED:
                raise ImportFailed("该 Excel 文件解压后过大，可能已损坏或含有异常内容，已拒绝处理。")
        fileobj.seek(0)
    except zipfile.BadZipFile:
        raise ImportFailed("无法读取该文件：请上传 .xlsx 格式的 Excel 文件。") from None
    except (AttributeError, OSError):
        pass  # not seekable: openpyxl will say
    try:
        wb = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a non-Excel file
        raise ImportFailed("无法读取该文件：请上传 .xlsx 格式的 Excel 文件。") from e
    ws = wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    header = next(it, None)
    if not header:
        raise ImportFailed("文件为空：第一行应为表头。")
    header = [str(h).strip() if h is not None else "" for h in header]
    index = {}
    missing = []
    for name, label in columns:
        clean = label.rstrip("*")
        pos = next((i for i, h in enumerate(header) if h.rstrip("*") == clean), None)
        if pos is None and name not in optional:
            missing.append(clean)
        index[name] = pos
    if missing:
        raise ImportFailed(f"表头缺少列：{'、'.join(missing)}。请使用下载的导入模板。")
    out = []
    for n, values in enumerate(it, start=2):
        if values is None or all(v in (None, "") for v in values):
            continue
        jobs.progress(n, 0, f"已读取 {n} 行")
        if len(out) >= MAX_ROWS:
            raise ImportFailed(f"文件超过 {MAX_ROWS:,} 行的上限，请拆分为多个文件分批导入。")
        row = {}
        for name, pos in index.items():
            v = values[pos] if pos is not None and pos < len(values) else None
            row[name] = v.strip() if isinstance(v, str) else v
        out.append((n, row))
    return out


def run_import(rows: list[tuple[int, dict]], handle_row: Callable[[int, dict], list[RowError] | None], *,
               dry_run: bool) -> ImportResult:
    """Run every row through `handle_row` in one transaction; any error (or a dry run) rolls everything back.

    `handle_row` validates a row and, when valid, performs the action for it; it returns the row's errors.
    """
    result = ImportResult(total=len(rows), dry_run=dry_run)
    try:
        with transaction.atomic():
            for i, (n, row) in enumerate(rows, start=1):
                jobs.progress(i, len(rows), f"已校验 {i} 行")
                errs = handle_row(n, row) or []
                if errs:
                    result.errors.extend(errs)
                else:
                    result.created += 1
            if result.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    if result.errors:
        result.created = 0
    return result


def csv_encoding(raw: bytes) -> str:
    """The encoding of a CSV file from its first bytes: UTF-8 (with or without BOM) or GB18030."""
    for enc in ("utf-8-sig", "gb18030"):
        try:
            raw.decode(enc)
            return enc
        except UnicodeDecodeError as e:
            if enc == "utf-8-sig" and e.start > len(raw) - 4:  # a character cut at the sample's end
                return enc
    raise ImportFailed("无法识别 CSV 文件的编码，请另存为 UTF-8 或 GB18030。")


def read_csv(fileobj, columns: list[tuple[str, str]], *, required, keep=None) -> Iterator[tuple[int, dict]]:
    """(row number, {field: text}) for each non-blank row of a CSV file (UTF-8 or GB18030), streamed: a file of
    millions of rows is never held in memory. Columns are matched by header label; a field not in `required` may
    lack its column (it reads as ""). `keep`: only these fields in each dict (a first look at a few columns); the
    header is checked for all."""
    fileobj.seek(0)
    enc = csv_encoding(fileobj.read(1 << 16))
    fileobj.seek(0)
    stream = io.TextIOWrapper(getattr(fileobj, "file", fileobj), encoding=enc, newline="")
    try:
        reader = csv.reader(stream)
        header = next(reader, None)
        if not header:
            raise ImportFailed("文件为空：第一行应为表头。")
        header = [h.strip().rstrip("*") for h in header]
        index, missing = {}, []
        for name, label in columns:
            pos = header.index(label.rstrip("*")) if label.rstrip("*") in header else None
            if pos is None and name in required:
                missing.append(label.rstrip("*"))
            index[name] = pos
        if missing:
            raise ImportFailed(f"表头缺少列：{'、'.join(missing)}。请使用下载的导入模板，或在“列对应”中写明。")
        if keep is not None:
            index = {name: pos for name, pos in index.items() if name in keep}
        names = [name for name, pos in index.items() if pos is not None]
        width = max((index[name] for name in names), default=-1) + 1
        pick = itemgetter(*(index[name] for name in names)) if len(names) > 1 else None
        absent = dict.fromkeys((name for name, pos in index.items() if pos is None), "")
        for n, values in enumerate(reader, start=2):
            if not any(values) or not any(v.strip() for v in values):
                continue
            if n % 1000 == 0:
                jobs.progress(n, 0, f"已读取 {n} 行")
            if pick is not None and len(values) >= width:  # the usual full row: picked and stripped at C speed
                row = dict(zip(names, map(str.strip, pick(values)), strict=True))
            else:
                row = {name: (values[index[name]].strip() if index[name] < len(values) else "") for name in names}
            if absent:
                row.update(absent)
            yield n, row
    except UnicodeDecodeError:
        raise ImportFailed("CSV 文件中有无法识别的字符，请另存为 UTF-8 或 GB18030 编码。") from None
    finally:
        stream.detach()
