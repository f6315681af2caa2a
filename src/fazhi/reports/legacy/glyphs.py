"""Repair of PDF glyph substitution in extracted Chinese text.

Some PDF exporters write a wrong ToUnicode table for subset CJK fonts, so copying text gives a neighbouring code
point: 进 → 迚, 规 → 觃, 不 → 丌, 于 → 二 (seed 003). A few of these glyphs are themselves common characters
(二, 不, 与, 事 …), so a substitution can only be told from a genuine use by context. We decide with a small
character n-gram model counted from official law texts (shipped in glyph_ngrams.json.gz, rebuilt with
`python -m fazhi.reports.legacy.glyphs build LAW_DIR`), and by how damaged the surrounding paragraph is.
Kangxi radicals and CJK compatibility ideographs (⽅ for 方) are folded by Unicode compatibility mapping.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "glyph_ngrams.json.gz"

# Glyphs that (almost) never occur in normal text: damaged glyph → intended character.
UNAMBIGUOUS = {
    "觃": "规", "迚": "进", "亊": "事", "収": "发", "颂": "领", "讧": "议", "丌": "不", "挄": "按", "劢": "动",
    "讣": "认", "幵": "并", "叏": "取", "叐": "受", "刉": "划", "讦": "训", "纨": "纪", "刌": "则", "戓": "战",
    "丼": "举", "庩": "康", "挃": "指", "庪": "廉", "颀": "颁", "刋": "刘", "丏": "且", "凢": "凭", "庨": "庭",
    "仦": "仪", "戔": "截", "仧": "们", "讥": "让", "刈": "刑",
}
# Glyphs that are also ordinary characters: replaced only inside damaged passages and where the context agrees.
AMBIGUOUS = {
    "二": "于", "事": "二", "不": "与", "与": "专", "颁": "预", "贤": "败", "远": "违", "进": "远", "刊": "列",
    "戒": "或", "认": "讨", "发": "变",
}
# Characters that appear as themselves only in undamaged text (their damaged form is an UNAMBIGUOUS glyph).
_CLEAN_MARKERS = frozenset(set(UNAMBIGUOUS.values()) - set(AMBIGUOUS))
CANDIDATES = frozenset(UNAMBIGUOUS) | frozenset(UNAMBIGUOUS.values()) | frozenset(AMBIGUOUS) | \
    frozenset(AMBIGUOUS.values())

_HAN = re.compile(r"[\u3400-\u9fff]")
# A heading number at the start of a line ("二、", "（二）", "第二"): headings are often set in another font that
# the substitution did not touch, so their numerals are kept.
_HEADING_NUMBER = re.compile(r"\s*(?:第?[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])")
_RADICALS = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")


@dataclass
class Repair:
    start: int  # offset in the repaired text (replacements keep the length)
    original: str
    replacement: str
    context: str  # the repaired text around it

    def as_dict(self) -> dict:
        return {"start": self.start, "original": self.original, "replacement": self.replacement,
                "context": self.context}


class NgramModel:
    """Character n-gram counts restricted to the characters the repair compares, with Witten-Bell smoothing
    (the weight of the shorter context grows with the number of different characters seen after a context)."""

    def __init__(self, data: dict):
        self.uni: dict[str, int] = data["uni"]
        self.bi: dict[str, int] = data["bi"]
        self.tri: dict[str, int] = data["tri"]
        self.ctx: dict[str, int] = data["ctx"]  # counts of the two characters before a counted trigram
        self.types: dict[str, int] = data["types"]  # number of different characters seen after a context
        self.total = sum(self.uni.values()) or 1

    def p1(self, c: str) -> float:
        return (self.uni.get(c, 0) + 0.5) / (self.total + 0.5 * 8000)

    def _wb(self, n_hw: int, n_h: int, h: str, lower: float) -> float:
        t = self.types.get(h, 1)
        return (n_hw + t * lower) / (n_h + t)

    def p_bigram(self, w: str, h: str) -> float:
        """P(w | h) for single characters h, w."""
        return self._wb(self.bi.get(h + w, 0), self.uni.get(h, 0), h, self.p1(w))

    def score(self, left: str, c: str, right: str) -> float:
        """Log-probability of the terms of a trigram model that involve c (left, right: up to 2 characters)."""
        l1 = left[-1:]
        l2 = left[-2:-1] if len(left) >= 2 else ""
        r1, r2 = right[:1], right[1:2]
        p = self.p_bigram(c, l1) if l1 else self.p1(c)
        if l2:
            p = self._wb(self.tri.get(l2 + l1 + c, 0), self.ctx.get(l2 + l1, 0), l2 + l1, p)
        s = math.log(p)
        if r1:
            p = self.p_bigram(r1, c)
            if l1:
                p = self._wb(self.tri.get(l1 + c + r1, 0), self.bi.get(l1 + c, 0), l1 + c, p)
            s += math.log(p)
            if r2:
                p = self._wb(self.tri.get(c + r1 + r2, 0), self.bi.get(c + r1, 0), c + r1, self.p1(r2))
                s += math.log(p)
        return s


@lru_cache(maxsize=1)
def load_model() -> NgramModel | None:
    if not MODEL_PATH.exists():
        return None
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as f:
        return NgramModel(json.load(f))


def _fold_radicals(text: str) -> tuple[str, list[Repair]]:
    """⽅ (Kangxi radical) → 方; drop the radical where a PDF reader emitted it beside the real character."""
    if not _RADICALS.search(text):
        return text, []
    out, repairs = [], []
    i = 0
    while i < len(text):
        ch = text[i]
        if _RADICALS.match(ch):
            folded = unicodedata.normalize("NFKC", ch)
            if len(folded) == 1 and _HAN.match(folded):
                if text[i + 1:i + 2] == folded:  # "⼯工": the radical doubles the character
                    i += 1
                    continue
                repairs.append(Repair(len(out), ch, folded, ""))
                out.append(folded)
                i += 1
                continue
        out.append(ch)
        i += 1
    return "".join(out), repairs


def _paragraph_damage(paragraphs: list[str]) -> list[bool]:
    """A paragraph is damaged when damaged glyphs outnumber the characters they would have replaced.
    Paragraphs without evidence either way (short headings) take the verdict of their neighbours."""
    counts = []
    for p in paragraphs:
        d = sum(1 for ch in p if ch in UNAMBIGUOUS)
        c = sum(1 for ch in p if ch in _CLEAN_MARKERS)
        counts.append((d, c))
    out = []
    for i, (d, c) in enumerate(counts):
        j = 1
        while d + c == 0 and j <= 3:
            for k in (i - j, i + j):
                if 0 <= k < len(counts):
                    d += counts[k][0]
                    c += counts[k][1]
            j += 1
        out.append(d > c and d >= 1)
    return out


# Extra log-odds for replacing an ambiguous glyph inside a damaged passage (substitutions are the rule there).
DAMAGED_PRIOR = 2.5
# Inside a damaged passage the genuine 事, 不, 发, 进, 认 would themselves show as 亊, 丌, 収, 迚, 讣; so these
# glyphs are substitutions unless the context strongly objects (a heading set in an undamaged font).
STRONG_PRIOR = 8.0
_STRONG = frozenset(g for g in AMBIGUOUS if g in UNAMBIGUOUS.values())


def repair_glyphs(text: str) -> tuple[str, list[Repair]]:
    """Return the repaired text (same length, except folded doubled radicals) and the list of repairs."""
    text, repairs = _fold_radicals(text)
    if not any(ch in UNAMBIGUOUS for ch in text):
        for r in repairs:
            r.context = text[max(0, r.start - 8):r.start + 9]
        return text, repairs
    model = load_model()
    chars = list(text)
    # Paragraph boundaries, for the damage estimate.
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    damaged = _paragraph_damage([text[a:b] for a, b in spans])
    for (a, b), dmg in zip(spans, damaged, strict=True):
        # First the glyphs that cannot be genuine, then the ambiguous ones with the repaired neighbours in view.
        for i in range(a, b):
            ch = chars[i]
            if ch in UNAMBIGUOUS:
                rep = UNAMBIGUOUS[ch]
                if dmg or model is None or _prefer(model, chars, i, rep, ch, 0.0):
                    chars[i] = rep
        if not dmg or model is None:
            continue
        heading = _HEADING_NUMBER.match(text, a)
        protected = range(a, heading.end() if heading else a)
        for _ in range(2):
            for i in range(a, b):
                orig = text[i]
                if orig not in AMBIGUOUS or i in protected:
                    continue
                rep = AMBIGUOUS[orig]
                chars[i] = orig
                prior = STRONG_PRIOR if orig in _STRONG else DAMAGED_PRIOR
                chars[i] = rep if _prefer(model, chars, i, rep, orig, prior) else orig
    out = "".join(chars)
    for r in repairs:
        r.context = out[max(0, r.start - 8):r.start + 9]
    for i, (o, n) in enumerate(zip(text, out, strict=True)):
        if o != n:
            repairs.append(Repair(i, o, n, out[max(0, i - 8):i + 9]))
    repairs.sort(key=lambda r: r.start)
    return out, repairs


def _prefer(model: NgramModel, chars: list[str], i: int, rep: str, orig: str, prior: float) -> bool:
    """Is rep likelier than orig at position i? The context stops at line ends (the model counts lines)."""
    left = "".join(chars[max(0, i - 2):i]).rsplit("\n", 1)[-1]
    right = "".join(chars[i + 1:i + 3]).split("\n", 1)[0]
    return model.score(left, rep, right) + prior > model.score(left, orig, right)


# -- building the model ------------------------------------------------------------------------------------------

def build_model(law_dir: Path, out: Path = MODEL_PATH, min_count: int = 2) -> dict:
    """Count the n-grams the repair needs from a directory of law texts (Markdown, one file per version)."""
    uni: Counter = Counter()
    bi: Counter = Counter()
    tri: Counter = Counter()
    for path in sorted(law_dir.rglob("*.md")):
        body = path.read_text(encoding="utf-8", errors="replace")
        body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
        for line in body.splitlines():
            line = line.strip().lstrip("#").strip()
            if not line:
                continue
            uni.update(line)
            for j in range(len(line) - 1):
                g = line[j:j + 2]
                if g[0] in CANDIDATES or g[1] in CANDIDATES:
                    bi[g] += 1
            for j in range(len(line) - 2):
                g = line[j:j + 3]
                if g[0] in CANDIDATES or g[1] in CANDIDATES or g[2] in CANDIDATES:
                    tri[g] += 1
    succ_uni: dict[str, set] = {}
    for g in bi:
        succ_uni.setdefault(g[0], set()).add(g[1])
    tri = Counter({g: n for g, n in tri.items() if n >= min_count})
    contexts = {g[:2] for g in tri if g[2] in CANDIDATES}
    ctx: Counter = Counter()
    succ_all: dict[str, set] = {}
    for path in sorted(law_dir.rglob("*.md")):
        body = path.read_text(encoding="utf-8", errors="replace")
        body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
        for line in body.splitlines():
            line = line.strip().lstrip("#").strip()
            for j in range(len(line) - 1):
                g = line[j:j + 2]
                if g in contexts:
                    ctx[g] += 1
                succ_all.setdefault(line[j], set()).add(line[j + 1])
    bi_kept = {g: n for g, n in bi.items() if n >= min_count}
    types = {h: len(s) for h, s in succ_all.items() if len(s) > 1}
    succ_bi: dict[str, set] = {}
    for g in tri:
        succ_bi.setdefault(g[:2], set()).add(g[2])
    types.update({h: len(s) for h, s in succ_bi.items() if h in bi_kept or h in ctx})
    data = {"source": "official texts of national laws and regulations", "uni": dict(uni),
            "bi": bi_kept, "tri": dict(tri), "ctx": dict(ctx), "types": types}
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
    load_model.cache_clear()
    return data


if __name__ == "__main__":  # python -m fazhi.reports.legacy.glyphs build LAW_DIR
    if len(sys.argv) != 3 or sys.argv[1] != "build":
        sys.exit("用法：python -m fazhi.reports.legacy.glyphs build 法律文本目录")
    build_model(Path(sys.argv[2]))
    print(f"已生成 {MODEL_PATH}（{MODEL_PATH.stat().st_size // 1024} KB）")
