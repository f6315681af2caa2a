"""Tables written as text: pipe tables ("| 项目 | 件数 |") and columns aligned by runs of spaces or tabs (a PDF's or a
Word table's rows, which extract.py joins with tabs).

The first row is the header. Each number in a data row becomes a Figure read by the grammar from the table's
caption (the short line above it), the header's first cell, the row's label (its first cell) and the column's
header: "行政复议案件 | 项目 | 收到申请 | 2023年" reads like "行政复议案件……收到申请 N件". A column headed by an
earlier year than the table's latest holds the year before's figures (period "previous"); a column of changes
(同比、增减) holds changes; a row labelled 合计 holds totals across the rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fazhi.reports.legacy import grammar
from fazhi.reports.legacy.figures import Figure, _figure
from fazhi.reports.legacy.numbers import COUNT_UNITS, FIGURE, MONEY_UNITS, normalise

_BAR = "|｜"
_PIPE_RULE = re.compile(r"^[\s|｜:：\-—–=+]+$")
_GAP = re.compile(r"\t+|[ \u3000]{2,}")
_NUMERIC = re.compile(r"^[\s　]*(百分之)?[\d０-９][\d０-９,，.．]*\s*(万|亿)?\s*(%|％|[\u4e00-\u9fff]{1,2})?[\s　]*$")
_UNIT_IN_HEADER = re.compile(r"[（(]\s*(?:单位[:：])?\s*(" + "|".join(sorted(COUNT_UNITS + MONEY_UNITS + ("%", "％"),
                                                                         key=len, reverse=True)) + r")\s*[)）]")
_HEADER_UNIT_WORDS = (("件数", "件"), ("次数", "次"), ("人数", "人"), ("户数", "户"), ("个数", "个"), ("项数", "项"),
                      ("宗数", "宗"), ("卷数", "卷"), ("份数", "份"))
_PERCENT_HEADER = re.compile(r"率|占比|比例|比重|%|％|同比|增幅|降幅|增长|增减|变化")
_CHANGE_HEADER = re.compile(r"同比|增幅|降幅|增减|变化|增长|比上年|较上年")
_PREVIOUS_HEADER = re.compile(r"上年|去年|上一年|前一年|同期")
_TOTAL_ROW = re.compile(r"^\s*(合计|总计|小计|共计|总数|全部)\s*$")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年?")


@dataclass
class Cell:
    start: int
    end: int
    text: str


@dataclass
class Table:
    start: int
    end: int
    caption: str
    header: list[Cell]
    rows: list[list[Cell]] = field(default_factory=list)


def _pipe_cells(line: str, offset: int) -> list[Cell]:
    bars = [i for i, c in enumerate(line) if c in _BAR]
    points = bars if line.lstrip()[:1] in _BAR else [-1, *bars]
    if line.rstrip()[-1:] not in _BAR:
        points = [*points, len(line)]
    cells = []
    for a, b in zip(points, points[1:], strict=False):
        raw = line[a + 1:b]
        lead = len(raw) - len(raw.lstrip())
        t = raw.strip()
        cells.append(Cell(offset + a + 1 + lead, offset + a + 1 + lead + len(t), t))
    return cells


def _aligned_cells(line: str, offset: int) -> list[Cell]:
    cells = []
    pos = len(line) - len(line.lstrip())
    for m in [*_GAP.finditer(line, pos), None]:
        end = m.start() if m else len(line.rstrip())
        if end > pos:
            cells.append(Cell(offset + pos, offset + end, line[pos:end]))
        if m:
            pos = m.end()
    return cells


def _kind(line: str) -> str:
    s = line.strip()
    if not s:
        return ""
    if sum(s.count(c) for c in _BAR) >= 2:
        return "pipe"
    if len(s) <= 200 and len(_aligned_cells(line, 0)) >= 2 and not s.endswith(("。", "；", ";")):
        return "aligned"
    return ""


def _table(lines: list[tuple[int, str]], kind: str, caption: str) -> Table | None:
    split = _pipe_cells if kind == "pipe" else _aligned_cells
    rows = [split(text, off) for off, text in lines if not (kind == "pipe" and _PIPE_RULE.match(text))]
    rows = [r for r in rows if any(c.text for c in r)]
    if len(rows) < 2:
        return None
    header, body = rows[0], rows[1:]
    if kind == "aligned" and any(len(r) != len(header) for r in body):
        return None
    if all(_NUMERIC.match(c.text) for c in header if c.text) and not all(_YEAR.fullmatch(c.text) for c in header[1:]):
        return None
    if not any(_NUMERIC.match(c.text) for r in body for c in r[1:]):
        return None
    return Table(lines[0][0], lines[-1][0] + len(lines[-1][1]), caption, header, body)


def find_tables(text: str) -> list[Table]:
    tables = []
    offset = 0
    run: list[tuple[int, str]] = []
    run_kind = ""
    caption = ""
    last_line = ""

    def flush():
        if run:
            t = _table(run, run_kind, caption)
            if t:
                tables.append(t)

    for line in text.split("\n"):
        kind = _kind(line)
        if kind and kind == run_kind:
            run.append((offset, line))
        else:
            flush()
            run, run_kind = ([(offset, line)], kind) if kind else ([], "")
            if kind:
                s = last_line.strip()
                caption = s if s and len(s) <= 50 and not _kind(last_line) else ""
        if line.strip():
            last_line = line
        offset += len(line) + 1
    flush()
    return tables


def _column_unit(*labels: str) -> tuple[str, str]:
    """(unit, kind hint) a header or row label gives: "金额（万元）" → 万元, "件数" → 件, "纠错率" → %."""
    for label in labels:
        m = _UNIT_IN_HEADER.search(label)
        if m:
            return m.group(1), ""
        for word, unit in _HEADER_UNIT_WORDS:
            if word in label:
                return unit, ""
    if any(_PERCENT_HEADER.search(label) for label in labels[:1]):
        return "%", ""
    return "", ""


def _period(header: Cell, header_years: list[int]) -> str:
    if _CHANGE_HEADER.search(header.text):
        return "change"
    if _PREVIOUS_HEADER.search(header.text):
        return "previous"
    m = _YEAR.search(header.text)
    if m and header_years and int(m.group(1)) < max(header_years):
        return "previous"
    return ""


def table_figures(text: str, table: Table, index: int = 0) -> list[Figure]:
    out = []
    norm = normalise(text)
    years = [int(m.group(1)) for c in table.header for m in [_YEAR.search(c.text)] if m]
    head0 = table.header[0].text if table.header else ""
    for ri, row in enumerate(table.rows):
        label = row[0].text if row else ""
        for ci, cell in enumerate(row[1:], start=1):
            if not _NUMERIC.match(cell.text):
                continue
            column = table.header[ci] if ci < len(table.header) else Cell(0, 0, "")
            m = FIGURE.search(norm, cell.start, cell.end)
            if not m:
                continue
            unit_hint, _ = _column_unit(column.text, label)
            f = _figure(text, norm, m)
            if f is None:  # a bare number: its unit is the column's or the row's
                f = _bare(text, norm, m, unit_hint)
            if f is None:
                continue
            f.end = min(f.start + len(f.raw), cell.end)
            line_start = text.rfind("\n", 0, cell.start) + 1
            line_end = text.find("\n", cell.start)
            f.sentence = text[line_start:line_end if line_end >= 0 else len(text)].strip()
            f.paragraph = text.count("\n", 0, table.start)
            f.period = _period(column, years)
            f.extra["table"] = {"index": index, "row": ri, "row_label": label, "column": column.text}
            _read_cell(f, table.caption, head0, label, column.text)
            out.append(f)
    return out


def _bare(text: str, norm: str, m, unit: str) -> Figure | None:
    from decimal import InvalidOperation

    from fazhi.reports.legacy.numbers import parse_number, scale

    try:
        value, decimals = parse_number(m.group("num"))
    except (ValueError, InvalidOperation):
        return None
    value, unit, kind = scale(value, m.group("mult"), unit)
    end = m.end("mult") if m.group("mult") else m.end("num")
    return Figure(value=value, unit=unit, kind=kind, sentence="", start=m.start(), end=end,
                  raw=text[m.start():end], decimals=decimals)


def _read_cell(f: Figure, caption: str, head0: str, label: str, column: str) -> None:
    context = f"{caption}，{head0}，"
    phrase = f"{label} {column}"
    sent = grammar.Sentence.parse(f"{context}{phrase}□")
    lo, start = len(context), len(context) + len(phrase)
    r = grammar.read(sent, start, start + 1, lo, start + 1, f.unit, f.kind)
    f.metric, f.subject, f.subjects, f.reason = r.key, r.subject, r.subjects, r.reason
    if not f.subject and not f.subjects:
        names = [n for n in sent.subjects_in() if not grammar.vocabulary().subjects[n].weak]
        f.subject = names[0] if names else None
    if _TOTAL_ROW.match(label):
        f.metric, f.reason = None, "total"
    if f.period == "change":
        f.metric, f.reason = None, "change"
