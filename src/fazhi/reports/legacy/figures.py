"""Figures in a report's text: counts, money, percentages; with their sentence, position and metric key.

Numbers are found by numbers.FIGURE (in the text and in tables written as text, tables.py); each is then read by
the grammar over the metric vocabulary (grammar.py, vocabulary.yaml)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from fazhi.reports.legacy import grammar
from fazhi.reports.legacy.numbers import APPROX_BEFORE, FIGURE, normalise, parse_number, scale

__all__ = ["Figure", "find_figures", "parse_number", "sentences"]

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_CHANGE_TO = re.compile(r"(增加|增至|提高|上升|减少|下降|缩减|精简|压减|调整)(了)?(到|至|为)")
_CLAUSE_SEP = re.compile(r"[，,；;：:。、\n（）()]")
# What ends a figure's phrase: clause punctuation (not 、, which joins the names of a total) and brackets.
_PHRASE_SEP = re.compile(r"[，,；;：:。！？!?\n（）()]")
_PARTS_FRAME = re.compile(r"^\s*(其中|在[^，,。；;]{0,30}中[，,])")


@dataclass
class Figure:
    value: Decimal
    unit: str  # 件, 项, %, 元 …
    kind: str  # count, percent, money, points
    sentence: str
    start: int
    end: int
    raw: str
    decimals: int = 0  # digits after the decimal point as written (for rates)
    approximate: bool = False
    metric: str | None = None
    clause: str = ""
    sentence_index: int = 0
    paragraph: int = -1  # line of the text (a table is one paragraph)
    subject: str | None = None  # the subject the figure's sentence is about (grammar.Reading)
    subjects: tuple[str, ...] = ()  # for a total across categories
    reason: str = ""  # why a figure of interest has no metric: total, no_rule, change, earlier
    period: str = ""  # "" this period, "previous" the year before, "change" a change against it
    part: bool = False  # in a breakdown ("其中……", "在收到的申请中，……"): a part of a figure stated before
    extra: dict = field(default_factory=dict)

    @property
    def of_interest(self) -> bool:
        """A count, money or percent in a sentence about a known subject."""
        return bool(self.subject or self.subjects) and self.kind in ("count", "money", "percent")

    def as_dict(self) -> dict:
        value = int(self.value) if self.value == self.value.to_integral_value() and self.kind != "percent" \
            else float(self.value)
        d = {"metric": self.metric, "value": value, "unit": self.unit, "sentence": self.sentence,
             "start": self.start, "end": self.end, "raw": self.raw, "kind": self.kind,
             "approximate": self.approximate, "subject": self.subject, "period": self.period}
        if self.extra.get("table"):
            d["table"] = self.extra["table"]
        return d


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, ends included."""
    out = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() - start > 1:
            out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _is_date_or_code(norm: str, m: re.Match) -> bool:
    before = norm[max(0, m.start() - 1):m.start()]
    rest = norm[m.end("num"):m.end("num") + 3].lstrip()
    if before in ("第", "〔", "[", "【") or rest[:1] in ("年", "月", "日", "号", "时", "届", "期"):
        return True
    if before.isascii() and (before.isalnum() or before == "."):  # part of a code or a longer number
        return True
    # A lone 一 or 两 ("一件", "两项") is a phrase, not a statistic; "三项制度" is kept.
    return m.group("num") in ("一", "两", "二")


def _quoted(norm: str, pos: int) -> bool:
    """Inside “…” or 《…》 on its line: a name or a slogan ("“五位一体”", "《十四项制度》"), not a statistic."""
    line = norm[norm.rfind("\n", 0, pos) + 1:pos]
    return line.count("“") > line.count("”") or line.count("《") > line.count("》")


def _figure(text: str, norm: str, m: re.Match) -> Figure | None:
    if not m.group("unit") and not m.group("pre"):
        return None
    if _is_date_or_code(norm, m) or _quoted(norm, m.start()):
        return None
    try:
        value, decimals = parse_number(m.group("num"))
    except (ValueError, InvalidOperation):
        return None
    unit = "%" if m.group("pre") else m.group("unit")
    value, unit, kind = scale(value, m.group("mult"), unit)
    approx = bool(m.group("approx")) or bool(APPROX_BEFORE.search(norm[max(0, m.start() - 4):m.start()]))
    return Figure(value=value, unit=unit, kind=kind, sentence="", start=m.start(), end=m.end(),
                  raw=text[m.start():m.end()].rstrip(), decimals=decimals, approximate=approx)


def find_figures(text: str, year: int | None = None) -> list[Figure]:
    """Every figure of the text with its sentence and, where the words around it say it clearly, its metric.
    `year` (the report's year, when known) tells the year before's figures ("2022年为41件") from this year's."""
    from fazhi.reports.legacy.tables import find_tables, table_figures

    norm = normalise(text)
    spans = sentences(text)
    starts = [a for a, _ in spans]
    lines = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    tables = find_tables(text)
    in_table = [(t.start, t.end) for t in tables]
    figures: list[Figure] = []
    for m in FIGURE.finditer(norm):
        if any(a <= m.start() < b for a, b in in_table):
            continue
        f = _figure(text, norm, m)
        if f is not None:
            f.end = f.start + len(f.raw)
            figures.append(f)
    for i, t in enumerate(tables):
        figures += table_figures(text, t, i)
    figures.sort(key=lambda f: f.start)
    for f in figures:
        f.sentence_index = max(0, bisect.bisect_right(starts, f.start) - 1)
        a, b = spans[f.sentence_index] if spans else (0, len(text))
        if not f.sentence:
            f.sentence = text[a:b].strip()
        if f.paragraph < 0:
            f.paragraph = bisect.bisect_right(lines, f.start) - 1
    _read_text_figures(text, [f for f in figures if not f.extra.get("table")], spans, year)
    return figures


def _bounds(text: str, start: int, end: int, lo: int, hi: int, sep: re.Pattern) -> tuple[int, int]:
    a = start
    while a > lo and not sep.match(text[a - 1]):
        a -= 1
    b = end
    while b < hi and not sep.match(text[b]):
        b += 1
    return a, b


def _read_text_figures(text: str, figures: list[Figure], spans, year: int | None) -> None:
    """Give each figure of the running text its reading (grammar.read) within its sentence."""
    by_sentence: dict[int, list[Figure]] = {}
    for f in figures:
        by_sentence.setdefault(f.sentence_index, []).append(f)
    previous_subjects: tuple[str, ...] = ()
    last_sentence = -1
    frame_until = -1  # a breakdown ("在收到的申请中，……；……；……。") runs on over sentences ended by ；
    for si in sorted(by_sentence):
        a, b = spans[si] if spans else (0, len(text))
        sent = grammar.Sentence.parse(text[a:b])
        group = by_sentence[si]
        # The previous sentence's subjects, tried last, when this one goes on with it: it starts with 其中, or the
        # previous one ended with ； in the same paragraph.
        goes_on = sent.text.lstrip().startswith("其中") or (si and text[spans[si - 1][1] - 1] in "；;")
        inherited = previous_subjects if si == last_sentence + 1 and goes_on else ()
        carried, last = None, None
        if _PARTS_FRAME.match(sent.text):
            frame_until = si
            while frame_until + 1 < len(spans) and text[spans[frame_until][1] - 1] in "；;":
                frame_until += 1
        frame = si <= frame_until
        qizhong = [a + m.start() for m in re.finditer("其中", sent.text)]
        for n, f in enumerate(group):
            f.part = frame or any(q < f.start and any(g.end <= q for g in group[:n]) for q in qizhong)
            ca, cb = _bounds(text, f.start, f.end, a, b, _CLAUSE_SEP)
            f.clause = text[ca:cb]
            pa, _ = _bounds(text, f.start, f.end, a, b, _PHRASE_SEP)
            lo = max(pa, group[n - 1].end) if n else pa
            hi = min(cb, group[n + 1].start) if n + 1 < len(group) else cb
            floor = group[n - 1].end if n else a
            r = grammar.read(sent, f.start - a, f.end - a, lo - a, hi - a, f.unit, f.kind, carried, inherited,
                             floor - a)
            f.metric, f.subject, f.subjects, f.reason = r.key, r.subject, r.subjects, r.reason
            # "同比增加7件，增长17.1%": the comparison may be named in the clause before.
            back = _bounds(text, pa - 1, pa - 1, a, b, _PHRASE_SEP)[0] if pa > a else pa
            f.period = grammar.period(sent, lo - a, f.start - a, back - a, year)
            if f.period == "change":
                f.metric, f.reason = None, "change"
            elif f.period == "previous" and not f.metric and last and last.unit == f.unit and last.kind == f.kind:
                f.metric, f.subject, f.reason = last.metric, last.subject, ""  # "48件，上年为41件"
            if f.metric and not f.period:
                carried, last = r.subject, f
        previous_subjects = tuple(sent.subjects_in()) or previous_subjects
        last_sentence = si
        # "学法由每年四次增加到每年六次": the figure after the change is this period's value, the one before is not.
        for prev, cur in zip(group, group[1:], strict=False):
            between = text[prev.end:cur.start]
            if prev.metric and prev.kind == cur.kind and _CHANGE_TO.search(between) and len(between) <= 12:
                cur.metric, cur.subject, cur.reason = prev.metric, prev.subject, ""
                prev.metric, prev.reason = None, "earlier"
