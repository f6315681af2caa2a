"""Which metric a figure of a report states: a small grammar over the metric vocabulary (vocabulary.yaml).

A sentence names its subject (行政复议, 应诉, 规范性文件, 执法 …) by nouns; the word next to a figure says what it
counts (收到, 受理, 审结, 驳回, 纠错率 …); qualifiers refine the word (一审, 经和解, 明令, 应予 …). subject × word ×
qualifiers → key is data (vocabulary.yaml); this module only reads a sentence with it:

1. the nouns of every subject are found and merged (行政复议 + 复议申请 → 行政复议申请);
2. a figure's phrase runs from the previous figure (or the clause start) to the figure;
3. subjects named together in the phrase ("复议、应诉、调解案件共计N件"), or words of different figures named
   together ("维持、驳回共12件"), make the figure a total across categories: no single key;
4. otherwise the subjects are tried in order: the one the enumeration continues, a subject whose word governs a
   later noun ("撤销行政处罚决定": 撤销 is 复议's), those named in the phrase (nearest first), earlier in the
   sentence, after the figure, and the previous sentence's when this one starts with 其中;
5. for a subject, the rule of the nearest word whose qualifiers hold and whose units fit gives the key.

A figure whose sentence names a subject but that no rule reads is "unmapped": it is reported with its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

VOCABULARY_PATH = Path(__file__).resolve().parent / "vocabulary.yaml"

# Between two coordinated names: 、 和 及 与 或 / 以及, maybe after a generic noun ("复议案件、应诉案件").
_COORDINATOR = re.compile(r"^(?:案件|工作|事项|类|的)?\s*(?:[、和及与或/]|以及|及其)\s*$")
# A change against the year before: "同比增长", "比上年增加", "较2022年下降".
_CHANGE_VERB = re.compile(r"(增长|增加|下降|减少|上升|提高|降低|增幅|降幅|减幅|扩大|缩小|多|少)(了|为|达到?|约|至)?\s*$")
_YOY = re.compile(r"同比|环比|比上年|较上年|比去年|较去年|比上一年|较上一年|与上年相比|与去年相比|比同期|较同期|"
                  r"(比|较)\s*(19|20)\d\d\s*年")
_PREVIOUS = re.compile(r"上年|去年|上一年|前一年|上年度|同期")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


@dataclass(frozen=True)
class Rule:
    subject: str
    key: str | None
    word: re.Pattern
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    example: str = ""
    order: int = 0
    fallback: bool = False  # read only when no other word of the subject is there ("行政复议案件150件")


@dataclass(frozen=True)
class Qualifier:
    name: str
    pattern: re.Pattern
    scope: str = "phrase"  # phrase, sentence, after_word


@dataclass
class Subject:
    name: str
    label: str
    nouns: list[re.Pattern]
    rules: list[Rule]
    heads: re.Pattern | None = None  # generic head words ("案件") that do not end a coordination
    weak: bool = False  # read by its rules, but naming it does not make a figure one of interest


@dataclass
class Vocabulary:
    subjects: dict[str, Subject]
    qualifiers: dict[str, Qualifier]
    rates: dict[str, dict]
    not_stated: dict[str, str]

    def rules(self) -> list[Rule]:
        return [r for s in self.subjects.values() for r in s.rules]

    def keys(self) -> set[str]:
        return {r.key for r in self.rules() if r.key}


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = yaml.safe_load(VOCABULARY_PATH.read_text(encoding="utf-8"))
    qualifiers = {name: Qualifier(name, re.compile(q["pattern"]), q.get("scope", "phrase"))
                  for name, q in data["qualifiers"].items()}
    subjects = {}
    for name, s in data["subjects"].items():
        rules = []
        for n, r in enumerate(s["rules"]):
            for q in (*r.get("with", ()), *r.get("without", ())):
                if q not in qualifiers:
                    raise ValueError(f"vocabulary.yaml: {name} rule {r['word']!r} names unknown qualifier {q!r}")
            rules.append(Rule(subject=name, key=r["key"], word=re.compile(r["word"]), with_=tuple(r.get("with", ())),
                              without=tuple(r.get("without", ())), units=tuple(r.get("units") or s.get("units") or ()),
                              example=r.get("example", ""), order=n, fallback=bool(r.get("fallback"))))
        subjects[name] = Subject(name, s["label"], [re.compile(p) for p in s["nouns"]], rules,
                                 re.compile(s["heads"]) if s.get("heads") else None, bool(s.get("weak")))
    return Vocabulary(subjects, qualifiers, data.get("rates") or {}, data.get("not_stated") or {})


def subject_label(name: str) -> str:
    s = vocabulary().subjects.get(name)
    return s.label if s else name


@dataclass
class Reading:
    key: str | None = None
    subject: str | None = None
    subjects: tuple[str, ...] = ()  # a total across these
    reason: str = ""  # why a figure of interest has no key: total, no_rule
    word: str = ""


@dataclass
class Sentence:
    """A sentence with the nouns of every subject found in it: (start, end, subject), merged per subject."""

    text: str
    nouns: list[tuple[int, int, str]] = field(default_factory=list)
    notes: list[tuple[int, int]] = field(default_factory=list)  # (…) and （…）: notes on the word before them

    @classmethod
    def parse(cls, text: str) -> Sentence:
        nouns = []
        for name, s in vocabulary().subjects.items():
            spans = sorted((m.start(), m.end()) for p in s.nouns for m in p.finditer(text))
            merged: list[list[int]] = []
            for a, b in spans:
                if merged and a < merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], b)
                else:
                    merged.append([a, b])
            nouns += [(a, b, name) for a, b in merged]
        notes = [(m.start(), m.end()) for m in re.finditer(r"[（(][^（()）]*[）)]", text)]
        return cls(text, sorted(nouns), notes)

    def subjects_in(self, lo: int = 0, hi: int | None = None) -> list[str]:
        """Subjects named in text[lo:hi], the last named first."""
        hi = len(self.text) if hi is None else hi
        out: list[str] = []
        for a, b, s in sorted(self.nouns, key=lambda n: -n[1]):
            if a >= lo and b <= hi and s not in out:
                out.append(s)
        return out


@dataclass
class _Match:
    rule: Rule
    start: int
    end: int
    rank: tuple
    before: bool


def _inside_noun(sent: Sentence, subject: str, a: int, b: int) -> bool:
    """The word is part of a longer noun of the subject: 申请 in 行政复议申请."""
    return any(s == subject and na <= a and b <= nb and nb - na > b - a for na, nb, s in sent.nouns)


def _qualifier(name: str, sent: Sentence, lo: int, start: int, word_end: int) -> bool:
    q = vocabulary().qualifiers[name]
    if q.scope == "sentence":
        return bool(q.pattern.search(sent.text))
    if q.scope == "after_word":
        return bool(q.pattern.search(sent.text, word_end, start))
    return bool(q.pattern.search(sent.text, lo, start))


def _fits(units: tuple[str, ...], unit: str, kind: str) -> bool:
    if kind == "percent":
        return "percent" in units
    if kind == "money":
        return "money" in units
    if kind != "count":
        return False
    if not units:
        return True
    if not unit:  # a table cell whose unit the table does not give
        return "percent" not in units and "money" not in units
    return unit in units


def _words(subject: Subject, sent: Sentence, lo: int, hi: int) -> list[tuple[Rule, int, int]]:
    return [(r, m.start(), m.end()) for r in subject.rules for m in r.word.finditer(sent.text, lo, hi)
            if m.end() > m.start()]


def _matches(subject: Subject, sent: Sentence, lo: int, start: int, end: int, hi: int) -> list[_Match]:
    """The subject's words around the figure, best first: the nearest (before it at equal distance; a word inside
    a longer noun of the subject, or a fallback rule's, last); the words after it first when they start with the
    subject's noun."""
    out = []
    for r, a, b in _words(subject, sent, lo, start):
        if any(na < a and b < nb <= start for na, nb in sent.notes):
            continue  # "撤销（含确认违法）9件": the note does not name the figure
        weak = r.fallback or _inside_noun(sent, subject.name, a, b)
        out.append(_Match(r, a, b, (1, weak, start - b, 0, a - b, r.order), True))
    after = sent.text[end:hi]
    first = end + len(after) - len(after.lstrip())
    tier = 0 if any(s == subject.name and a == first for a, _b, s in sent.nouns) else 1
    for r, a, b in _words(subject, sent, end, hi):
        weak = r.fallback or _inside_noun(sent, subject.name, a, b)
        out.append(_Match(r, a, b, (tier, weak, a - end, 1, a - b, r.order), False))
    return sorted(out, key=lambda m: m.rank)


def _coordinated_words(subject: Subject, sent: Sentence, lo: int, start: int) -> bool:
    """"维持、驳回共12件", "行政处罚、行政强制案件300件": words of different figures named together, nothing but
    generic heads between them and the figure."""
    ws = [(a, b, r.word.pattern) for r, a, b in _words(subject, sent, lo, start)
          if not r.fallback and not _inside_noun(sent, subject.name, a, b)]
    if subject.heads:
        ws = [w for w in ws if not subject.heads.fullmatch(sent.text[w[0]:w[1]])]
    # Keep the longest word at each place ("不予受理" over its "受理").
    ws = sorted({(a, b, p) for a, b, p in ws if not any(a2 <= a and b <= b2 and (b2 - a2) > (b - a)
                                                        for a2, b2, _ in ws)}, key=lambda w: (w[1], w[0]))
    if len(ws) < 2:
        return False
    last = ws[-1]
    tail = sent.text[last[1]:start]
    if re.search(r"[，,；;]", tail):
        return False
    patterns = {last[2]}
    cur = last
    for prev in reversed(ws[:-1]):
        if not _COORDINATOR.match(sent.text[prev[1]:cur[0]]):
            break
        patterns.add(prev[2])
        cur = prev
    return len(patterns) >= 2


def _total_across_subjects(sent: Sentence, local: list[tuple[int, int, str]], lo: int,
                           start: int) -> tuple[str, ...]:
    """"复议、应诉、调解案件共计N件": two or more subjects named together before the figure, no word after them that
    only one of them has, and no word of another subject governing them ("法律顾问代理诉讼和复议案件")."""
    voc = vocabulary()
    runs: list[list[tuple[int, int, str]]] = []
    for n in local:
        if runs and _COORDINATOR.match(sent.text[runs[-1][-1][1]:n[0]]):
            runs[-1].append(n)
        else:
            runs.append([n])
    for run in reversed(runs):
        subjects = tuple(dict.fromkeys(n[2] for n in run))
        if len(subjects) < 2:
            continue
        tail_lo = run[-1][1]
        owners = [s for s in subjects if any(not _inside_noun(sent, s, a, b)
                                             for _r, a, b in _words(voc.subjects[s], sent, tail_lo, start))]
        if len(owners) == 1:
            return ()
        others = [s for s in sent.subjects_in(0, run[0][0]) if s not in subjects]
        if any(_governs(s, sent, lo, run[0][0]) for s in others):
            return ()
        return subjects
    return ()


def _explained(noun: tuple[int, int, str], subject: str, sent: Sentence) -> bool:
    """The noun is a word of `subject` ("调解" in a list of 复议 outcomes), not a new subject."""
    return any(a <= noun[0] and noun[1] <= b for _r, a, b in _words(vocabulary().subjects[subject], sent,
                                                                      max(0, noun[0] - 8), noun[1] + 8))


def _governs(subject: str, sent: Sentence, lo: int, noun_start: int, object_subject: str | None = None) -> bool:
    """A word of `subject`, itself no noun and no word of the noun's own subject, stands before the noun in the
    phrase: the noun is its object ("撤销行政处罚决定", not "收到行政复议申请")."""
    own = {(a, b) for _r, a, b in _words(vocabulary().subjects[object_subject], sent, lo, noun_start)} \
        if object_subject else set()
    return any(not any(na < b and a < nb for na, nb, _s in sent.nouns) and (a, b) not in own
               for _r, a, b in _words(vocabulary().subjects[subject], sent, lo, noun_start))


def _candidates(sent: Sentence, local, lo: int, start: int, end: int, carried: str | None,
                inherited: tuple[str, ...]) -> list[str]:
    out: list[str] = []

    def add(s):
        if s and s not in out:
            out.append(s)

    earlier = sent.subjects_in(0, lo)
    if carried and all(n[2] == carried or _explained(n, carried, sent) for n in local):
        add(carried)
    for n in sorted(local, key=lambda n: -n[1]):
        # A subject named before the noun whose word governs it ("代理……复议案件") or is it ("行政复议以调解方式").
        for x in [carried, *sent.subjects_in(0, n[0])]:
            if x and x != n[2] and (_governs(x, sent, lo, n[0], n[2]) or _explained(n, x, sent)):
                add(x)
        add(n[2])
    for s in earlier:
        add(s)
    for s in reversed(sent.subjects_in(end)):
        add(s)
    for s in inherited:
        add(s)
    return out


def read(sent: Sentence, start: int, end: int, lo: int, hi: int, unit: str, kind: str,
         carried: str | None = None, inherited: tuple[str, ...] = (), floor: int | None = None) -> Reading:
    """The reading of the figure at sent.text[start:end]; its phrase is text[lo:start] and text[end:hi]. When no
    word reads it there ("按期答辩，共88件"), the phrase is widened back to `floor` (the previous figure or the
    sentence start)."""
    r = _read(sent, start, end, lo, hi, unit, kind, carried, inherited)
    if r.key is None and r.reason != "total" and floor is not None and floor < lo:
        wide = _read(sent, start, end, floor, hi, unit, kind, carried, inherited)
        if wide.key or wide.reason == "total" or not r.subject:
            return wide
    return r


def _read(sent: Sentence, start: int, end: int, lo: int, hi: int, unit: str, kind: str,
          carried: str | None, inherited: tuple[str, ...]) -> Reading:
    voc = vocabulary()
    local = [n for n in sent.nouns if n[0] >= lo and n[1] <= start]
    total = _total_across_subjects(sent, local, lo, start)
    if total:
        return Reading(subjects=total, reason="total")
    candidates = _candidates(sent, local, lo, start, end, carried, inherited)
    for name in candidates:
        subject = voc.subjects[name]
        for m in _matches(subject, sent, lo, start, end, hi):
            r = m.rule
            if not _fits(r.units, unit, kind):
                continue
            if not all(_qualifier(q, sent, lo, start, m.end) for q in r.with_):
                continue
            if any(_qualifier(q, sent, lo, start, m.end) for q in r.without):
                continue
            word = sent.text[m.start:m.end]
            if r.key is None or (m.before and _coordinated_words(subject, sent, lo, start)):
                return Reading(subject=name, subjects=(name,), reason="total", word=word)
            return Reading(key=r.key, subject=name, word=word)
    strong = [c for c in candidates if not voc.subjects[c].weak]
    if strong:
        return Reading(subject=strong[0], reason="no_rule")
    return Reading()


def period(sent: Sentence, lo: int, start: int, clause_lo: int, year: int | None = None) -> str:
    """"change" for a change against the year before ("同比增长17.1%", "比上年增加7件"), "previous" for the year
    before's value ("上年受理36件"), "" for the period's own."""
    phrase = sent.text[lo:start]
    clause = sent.text[clause_lo:start]
    if _CHANGE_VERB.search(phrase) and _YOY.search(clause):
        return "change"
    if _YOY.search(phrase) and re.search(r"(增|减|降|升|提高)", phrase):
        return "change"
    if _PREVIOUS.search(phrase):
        return "previous"
    if year:
        years = [int(y) for y in _YEAR.findall(phrase)]
        if years and years[-1] == year - 1:
            return "previous"
    return ""
