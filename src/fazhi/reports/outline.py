"""Outline templates as data: reading the shipped YAML, checking a template a supervisor edited."""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import yaml

from fazhi.reports import patterns
from fazhi.reports.choices import SubmissionKind

DEFAULT_PATH = Path(__file__).resolve().parent / "outlines" / "default.yaml"
PARTS = {
    1: "上一年度推进法治政府建设的主要举措和成效",
    2: "存在的不足和原因",
    3: "党政主要负责人履行推进法治建设第一责任人职责情况",
    4: "下一年度推进法治政府建设的主要安排",
    5: "其他需要报告的情况",
}
# Which part a kind of department submission belongs to (measures and practices: part one's areas).
KIND_PARTS = {SubmissionKind.MEASURE: 1, SubmissionKind.PRACTICE: 1, SubmissionKind.PROBLEM: 2,
              SubmissionKind.PLAN: 4}


class OutlineError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def load_default() -> dict:
    """The shipped outline (a copy: callers may change it). Parsed once per process and version of the file: the
    YAML parser took a fifth of a report's time."""
    stat = DEFAULT_PATH.stat()
    return copy.deepcopy(_parsed(DEFAULT_PATH, stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=4)
def _parsed(path, _mtime_ns: int, _size: int) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def parse_sections(text: str) -> list[dict]:
    """Sections from YAML text (a list, or a mapping with `sections`), checked; raises OutlineError."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else ""
        raise OutlineError(f"YAML 格式错误{where}：{getattr(e, 'problem', '') or e}")
    except (ValueError, OverflowError) as e:  # a date-looking value that is no date (2026-02-30) fails in the loader
        raise OutlineError(f"YAML 中有无效的值（如不存在的日期“2026-02-30”）：{e}") from None
    if isinstance(data, dict):
        data = data.get("sections")
    return clean_sections(data)


def clean_sections(data) -> list[dict]:
    """Normalise and check a list of sections: keys unique, levels 1–2, all five parts present."""
    if not isinstance(data, list) or not data:
        raise OutlineError("提纲应为章节列表，至少包含一个章节。")
    out, errors, seen = [], [], set()
    for i, raw in enumerate(data, 1):
        if not isinstance(raw, dict):
            errors.append(f"第 {i} 个章节格式不对：应包含 key、title、level、part 等项。")
            continue
        key = str(raw.get("key") or "").strip()
        title = str(raw.get("title") or "").strip()
        if not key:
            errors.append(f"第 {i} 个章节缺少章节代码（key）。")
        elif key in seen:
            errors.append(f"章节代码“{key}”重复。")
        seen.add(key)
        if not title:
            errors.append(f"第 {i} 个章节缺少标题（title）。")
        try:
            level = int(raw.get("level", 1))
            part = int(raw.get("part", 1))
        except (TypeError, ValueError):
            errors.append(f"章节“{title or key}”的层级或所属部分应为数字。")
            continue
        if level not in (1, 2):
            errors.append(f"章节“{title or key}”的层级应为 1 或 2。")
        if part not in PARTS:
            errors.append(f"章节“{title or key}”的所属部分应为 1 至 5。")
        sentences = raw.get("sentences") or []
        if isinstance(sentences, str):
            sentences = [sentences]
        if not isinstance(sentences, list):
            errors.append(f"章节“{title or key}”的数据语句应为列表。")
            sentences = []
        sentences = [str(s).strip() for s in sentences if str(s).strip()]
        for s in [title, *sentences]:
            errors.extend(patterns.check(s))
        if level == 2 and not out:
            errors.append(f"章节“{title or key}”是二级章节，前面应先有一级章节。")
        out.append({"key": key, "title": title, "level": level, "part": part, "sentences": sentences,
                    "guidance": str(raw.get("guidance") or "").strip()})
    missing = sorted(set(PARTS) - {s["part"] for s in out})
    if missing and not errors:
        names = "；".join(f"（{p}）{PARTS[p]}" for p in missing)
        errors.append(f"年度报告应包含督察工作规定要求的五部分内容，缺少：{names}。")
    if errors:
        raise OutlineError("\n".join(errors))
    return out


def dump_sections(sections: list[dict]) -> str:
    """YAML text of sections for the editing page."""
    return yaml.safe_dump(sections, allow_unicode=True, sort_keys=False, width=1000)
