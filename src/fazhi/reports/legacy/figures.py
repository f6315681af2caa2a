"""Figures in a report's text: counts, money, percentages; with their sentence, position and metric key."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import yaml

from fazhi.core.numerals import from_chinese

PATTERNS_PATH = Path(__file__).resolve().parent / "metric_patterns.yaml"

COUNT_UNITS = ("人次", "学时", "件次", "户次", "件", "起", "宗", "项", "个", "人", "名", "份", "次", "家", "户", "条",
               "篇", "部", "批", "场", "期", "所", "张", "本", "册", "台", "位", "座", "支", "类", "小项", "子项")
MONEY_UNITS = ("亿元", "万元", "元")
_ARABIC = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = r"[零〇一二两三四五六七八九十百千万亿]+"
_UNIT = "|".join(sorted(COUNT_UNITS + MONEY_UNITS, key=len, reverse=True))
# number, optional 万/亿 multiplier, optional 多/余 (approximate), then a unit or a percent sign.
FIGURE = re.compile(
    rf"(?P<pre>百分之)?(?P<num>{_ARABIC}|{_CHINESE})(?P<mult>[万亿](?!元))?(?P<approx>多|余)?\s*"
    rf"(?P<unit>%|％|{_UNIT})?"
)
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_CHANGE_TO = re.compile(r"(增加|增至|提高|上升|减少|下降|缩减|精简|压减|调整)(了)?(到|至|为)")
_CLAUSE_SEP = re.compile(r"[，,；;：:。、\n（）()]")


@dataclass
class Figure:
    value: Decimal
    unit: str  # 件, 项, %, 万元 …
    kind: str  # count, percent, money
    sentence: str
    start: int
    end: int
    raw: str
    decimals: int = 0  # digits after the decimal point as written (for rates)
    approximate: bool = False
    metric: str | None = None
    clause: str = ""
    sentence_index: int = 0
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        value = int(self.value) if self.value == self.value.to_integral_value() and self.kind != "percent" \
            else float(self.value)
        return {"metric": self.metric, "value": value, "unit": self.unit, "sentence": self.sentence,
                "start": self.start, "end": self.end, "raw": self.raw, "kind": self.kind,
                "approximate": self.approximate}


def parse_number(text: str) -> tuple[Decimal, int]:
    """1,255 → 1255; 98.8 → (98.8, 1 decimal); 三十七 → 37."""
    t = text.replace(",", "").replace("，", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        decimals = len(t.split(".")[1]) if "." in t else 0
        return Decimal(t), decimals
    return Decimal(from_chinese(t)), 0


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


def _is_date_or_code(text: str, m: re.Match) -> bool:
    before = text[max(0, m.start() - 1):m.start()]
    after = text[m.end("num"):m.end("num") + 1]
    if before in ("第", "〔", "[", "【") or after in ("年", "月", "日", "号", "时", "届", "期"):
        return True
    num = m.group("num")
    # A lone Chinese numeral before 个/项 in a slogan ("四个全面", "三项制度") is kept, but not 一 in "一是".
    # A lone 一 or 两 ("一件", "两项") is a phrase, not a statistic.
    return num in ("一", "两", "二")


def find_figures(text: str) -> list[Figure]:
    figures: list[Figure] = []
    spans = sentences(text)
    si = 0
    for m in FIGURE.finditer(text):
        if not m.group("unit") and not m.group("pre"):
            continue
        if _is_date_or_code(text, m):
            continue
        try:
            value, decimals = parse_number(m.group("num"))
        except (ValueError, InvalidOperation):
            continue
        unit = m.group("unit") or "%"
        if m.group("pre"):
            unit = "%"
        if unit == "％":
            unit = "%"
        mult = m.group("mult")
        if mult == "万":
            value *= 10_000
        elif mult == "亿":
            value *= 100_000_000
        kind = "percent" if unit == "%" else "money" if unit in MONEY_UNITS else "count"
        if unit in ("万元", "亿元"):  # money in yuan, whatever the document wrote
            value *= 10_000 if unit == "万元" else 100_000_000
            unit = "元"
        while si < len(spans) - 1 and spans[si][1] <= m.start():
            si += 1
        a, b = spans[si] if spans else (0, len(text))
        figures.append(Figure(value=value, unit=unit, kind=kind, sentence=text[a:b].strip(), start=m.start(),
                              end=m.end(), raw=m.group(0), decimals=decimals, approximate=bool(m.group("approx")),
                              sentence_index=si))
    _map_metrics(text, figures, spans)
    return figures


@lru_cache(maxsize=1)
def load_patterns() -> list[dict]:
    with PATTERNS_PATH.open(encoding="utf-8") as f:
        topics = yaml.safe_load(f)["topics"]
    for t in topics:
        t["_match"] = re.compile(t["match"])
        t["_not"] = re.compile(t["not"]) if t.get("not") else None
        for r in t["roles"]:
            r["_pattern"] = re.compile(r["pattern"])
            r["_sentence"] = re.compile(r["sentence"]) if r.get("sentence") else None
    return topics


def _clause_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    a = start
    while a > lo and not _CLAUSE_SEP.match(text[a - 1]):
        a -= 1
    b = end
    while b < hi and not _CLAUSE_SEP.match(text[b]):
        b += 1
    return a, b


def _topics_by_proximity(sentence: str, offset: int, topics: list[dict]) -> list[dict]:
    """Topics named in the sentence, the one named last before `offset` first, then those named after it."""
    before, after = [], []
    for t in topics:
        if t["_not"] and t["_not"].search(sentence[:offset]) and not t["_match"].search(sentence[:offset]):
            continue
        last = None
        for m in t["_match"].finditer(sentence):
            if m.start() < offset:
                last = m.start()
            elif last is None:
                after.append((m.start(), t))
                break
        if last is not None:
            before.append((last, t))
    before.sort(key=lambda x: -x[0])
    after.sort(key=lambda x: x[0])
    return [t for _, t in before] + [t for _, t in after]


def _map_metrics(text: str, figures: list[Figure], spans: list[tuple[int, int]]) -> None:
    """Give each figure a metric key where the words around it say clearly what it counts."""
    topics = load_patterns()
    previous_topics: list[dict] = []
    last_sentence = -1
    by_sentence: dict[int, list[Figure]] = {}
    for f in figures:
        by_sentence.setdefault(f.sentence_index, []).append(f)
    for si in sorted(by_sentence):
        a, b = spans[si] if spans else (0, len(text))
        sentence = text[a:b]
        group = by_sentence[si]
        if si != last_sentence + 1:
            previous_topics = []
        sentence_topics_all = _topics_by_proximity(sentence, len(sentence), topics)
        for n, f in enumerate(group):
            ca, cb = _clause_bounds(text, f.start, f.end, a, b)
            f.clause = text[ca:cb]
            lo = max(ca, group[n - 1].end) if n else ca
            hi = min(cb, group[n + 1].start) if n + 1 < len(group) else cb
            before, after = text[lo:f.start], text[f.end:hi]
            candidates = _topics_by_proximity(sentence, f.start - a, topics)
            # In an enumeration ("维持9件，驳回3件，调解1件") a figure continues the topic of the one before.
            if n and group[n - 1].metric and group[n - 1].unit == f.unit:
                prev_topic = next(t for t in topics if group[n - 1].metric in {r["key"] for r in t["roles"]})
                candidates = [prev_topic] + [t for t in candidates if t is not prev_topic]
            if sentence.lstrip().startswith("其中"):
                candidates += [t for t in previous_topics if t not in candidates]
            for topic in candidates:
                found, key = _role(before, after, f, topic, sentence)
                if found:
                    f.metric = key
                    break
        previous_topics = sentence_topics_all or previous_topics
        last_sentence = si
        # "学法由每年四次增加到每年六次": the figure after the change is this period's value, the one before is not.
        for prev, cur in zip(group, group[1:], strict=False):
            between = text[prev.end:cur.start]
            if prev.metric and prev.kind == cur.kind and _CHANGE_TO.search(between) and len(between) <= 12:
                cur.metric, prev.metric = prev.metric, None


def _role(before: str, after: str, f: Figure, topic: dict, sentence: str) -> tuple[bool, str | None]:
    """The role nearest to the figure; the words after it first when they start with the topic's noun
    ("73件规范性文件继续有效")."""
    best = None
    after_first = bool(topic["_match"].match(after))
    for role in topic["roles"]:
        units = role.get("units") or []
        if units and not ("percent" in units and f.kind == "percent") and f.unit not in units:
            continue
        if role["_sentence"] and not role["_sentence"].search(sentence):
            continue
        m_after = role["_pattern"].search(after)
        matches = list(role["_pattern"].finditer(before))
        d_before = len(before) - matches[-1].end() if matches else None
        d_after = m_after.start() if m_after else None
        if after_first and d_after is not None:
            dist, length = -1000 + d_after, len(m_after.group(0))
        elif d_before is not None and (d_after is None or d_before <= d_after):
            dist, length = d_before, len(matches[-1].group(0))
        elif d_after is not None:
            dist, length = d_after, len(m_after.group(0))
        else:
            continue
        # At the same distance the longer (more specific) wording wins: "驳回复议申请" over "申请".
        if best is None or (dist, -length) < best[:2]:
            best = (dist, -length, role["key"])
    if best is None:
        return False, None
    return True, best[2]
