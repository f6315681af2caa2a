"""Which of the five required parts a report contains, recognised from its headings (patterns in outline.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

OUTLINE_PATH = Path(__file__).resolve().parent / "outline.yaml"
PART_KEYS = ("measures", "shortcomings", "leaders", "next_year", "other")

# A heading: a numbered line ("一、", "（二）", "三 ", "第一，"), or a short line without a full stop.
_NUMBERED = re.compile(r"^\s*(?:第[一二三四五六七八九十]+[篇章节部分，,、]|[一二三四五六七八九十]+\s*[、.．\s]|"
                       r"[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、.．])")
_LEVEL1 = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．\s])")


@dataclass
class Part:
    key: str
    label: str
    present: bool = False
    heading: str | None = None
    evidence: str | None = None  # a sentence mentioning the part when no heading names it

    def as_dict(self) -> dict:
        return {"present": self.present, "label": self.label, "heading": self.heading, "evidence": self.evidence}


@lru_cache(maxsize=1)
def load_outline() -> dict:
    with OUTLINE_PATH.open(encoding="utf-8") as f:
        return yaml.safe_load(f)["parts"]


def headings(text: str) -> list[tuple[int, str]]:
    """(offset, line) of the lines that look like headings."""
    out = []
    pos = 0
    for line in text.split("\n"):
        s = line.strip()
        if s and (_NUMBERED.match(s) or (len(s) <= 40 and not s.endswith(("。", "；", ";")))):
            # A numbered paragraph ("1、制定年度……。我市……") is a heading only up to its first full stop.
            h = re.split(r"[。；;]", s, maxsplit=1)[0]
            if len(h) > 30 and " " in h[4:]:  # "一、依法全面履行政府职能 为贯彻……": the heading ends at the gap
                h = h[:4] + h[4:].split(" ", 1)[0]
            out.append((pos, h[:80]))
        pos += len(line) + 1
    return out


def find_parts(text: str) -> dict[str, Part]:
    outline = load_outline()
    found = {k: Part(k, outline[k]["label"]) for k in PART_KEYS}
    heads = headings(text)
    compiled = {k: [re.compile(p) for p in outline[k].get("headings", [])] for k in PART_KEYS}
    excluded = {k: [re.compile(p) for p in outline[k].get("not_headings", [])] for k in PART_KEYS}
    claimed: set[int] = set()
    level1 = [(off, h) for off, h in heads if _LEVEL1.match(h)]
    others = [(off, h) for off, h in heads if not _LEVEL1.match(h)]

    def match(candidates, keys):
        for key in keys:
            if found[key].present:
                continue
            for off, h in candidates:
                if off not in claimed and any(p.search(h) for p in compiled[key]) and \
                        not any(p.search(h) for p in excluded[key]):
                    found[key].present, found[key].heading = True, h
                    claimed.add(off)
                    break

    # First-level headings (一、二、…) first: sub-headings such as "1、制定年度工作安排" name no part.
    match(level1, ("shortcomings", "leaders", "next_year", "other", "measures"))
    if not found["measures"].present and outline["measures"].get("fallback_numbered"):
        for off, h in level1:
            if off not in claimed:
                found["measures"].present, found["measures"].heading = True, h
                claimed.add(off)
                break
    match(others, ("shortcomings", "leaders", "next_year", "other", "measures"))
    for key in PART_KEYS:
        part = found[key]
        if part.present:
            continue
        for pattern in outline[key].get("body", []):
            m = re.search(pattern, text)
            if m:
                start = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
                end = text.find("。", m.end())
                part.evidence = text[start:end + 1 if end >= 0 else len(text)].strip()[:200]
                break
    return found
