"""Sentence patterns: a report sentence with figures in double braces, e.g.
"全年共收到行政复议申请{{reconsideration.received}}件，直接纠错率{{reconsideration.correction_rate}}%。"

A name with a dot is a metric key from the registry; a plain name is a report variable (year, next_year,
org_name). Only this one construct exists, so a supervisor editing a template cannot run template code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

TOKEN = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")
VARIABLES = {"year": "报告年度", "next_year": "下一年度", "org_name": "报告机构名称"}


@dataclass(frozen=True)
class Segment:
    """A piece of a rendered sentence: plain text, or a figure (then `metric` is its key)."""

    text: str
    metric: str | None = None


def is_metric(name: str) -> bool:
    return "." in name


def metric_keys(pattern: str) -> list[str]:
    """Metric keys in a pattern, in order of appearance, without repeats."""
    out = []
    for m in TOKEN.finditer(pattern):
        if is_metric(m.group(1)) and m.group(1) not in out:
            out.append(m.group(1))
    return out


def check(pattern: str) -> list[str]:
    """Problems with a pattern, in Chinese: stray braces and unknown variables."""
    errors = []
    rest = TOKEN.sub("", pattern)
    if "{{" in rest or "}}" in rest:
        errors.append(f"语句“{pattern}”中的花括号不成对，应写作 {{{{指标代码}}}}。")
    for m in TOKEN.finditer(pattern):
        name = m.group(1)
        if not is_metric(name) and name not in VARIABLES:
            known = "、".join(VARIABLES)
            errors.append(f"语句“{pattern}”中的变量“{name}”不存在（可用：{known}，或带点的指标代码）。")
    return errors


def substitute(text: str, variables: dict[str, str]) -> str:
    """Replace report variables only (used for headings, which carry no figures)."""
    return TOKEN.sub(lambda m: str(variables.get(m.group(1), m.group(0))), text)


def render(pattern: str, *, variables: dict[str, str], figure: Callable[[str], str | None]) -> list[Segment] | None:
    """The sentence as segments, or None when one of its metrics is unknown here (the sentence is skipped).

    `figure(key)` gives the formatted value of a metric, or None when the metric is not registered.
    """
    segments: list[Segment] = []
    pos = 0
    for m in TOKEN.finditer(pattern):
        if m.start() > pos:
            segments.append(Segment(pattern[pos:m.start()]))
        name = m.group(1)
        if is_metric(name):
            text = figure(name)
            if text is None:
                return None
            segments.append(Segment(text, name))
        else:
            segments.append(Segment(str(variables.get(name, m.group(0)))))
        pos = m.end()
    if pos < len(pattern):
        segments.append(Segment(pattern[pos:]))
    return segments
