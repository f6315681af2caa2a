"""Numbers as reports write them: 1,255 · 98.8 · ３７ (full width) · 2.6 万 · 1.81亿 · 三十七 · 两万余 · 百分之九十五点五;
followed by a unit (件, 人次, 万元 …) or a percent sign. `FIGURE` finds them; `parse_number` reads one."""

from __future__ import annotations

import re
from decimal import Decimal

from fazhi.core.numerals import from_chinese

COUNT_UNITS = ("人次", "学时", "件次", "户次", "庭次", "家次", "件", "起", "宗", "项", "个", "人", "名", "份", "次", "家", "户",
               "条", "篇", "部", "批", "场", "期", "所", "张", "本", "册", "台", "位", "座", "支", "类", "小项", "子项",
               "卷", "通", "单", "处", "课时")
MONEY_UNITS = ("亿元", "万元", "千元", "元")
POINT_UNITS = ("个百分点",)  # a change of a rate, not a rate nor a count
_MONEY_FACTOR = {"亿元": 100_000_000, "万元": 10_000, "千元": 1_000, "元": 1}
_MULTIPLIER = {"万": 10_000, "亿": 100_000_000, "千万": 10_000_000, "百万": 1_000_000}

# Full-width digits and signs, mapped one character to one so that offsets stay those of the text.
FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A Chinese numeral never starts with 万 or 亿 ("万件" is no number); 点 gives its decimals (九十五点五).
_CHINESE = r"[零〇一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万亿]*(?:点[零〇一二三四五六七八九]+)?"
_UNIT = "|".join(sorted(COUNT_UNITS + MONEY_UNITS + POINT_UNITS, key=len, reverse=True))
# number, optional multiplier (万, 亿, 千万; a space may stand before it), optional 多/余 (approximate), then a unit
# or a percent sign. A multiplier directly before 元 is the money unit's (万元).
FIGURE = re.compile(
    rf"(?P<pre>百分之)?(?P<num>{_ARABIC}|{_CHINESE})(?:\s?(?P<mult>千万|百万|[万亿])(?!元))?(?:\s?(?P<approx>多|余))?\s*"
    rf"(?P<unit>%|{_UNIT})?"
)
# Words before a number that make it approximate: 近2万件, 约300人, 逾百家, 超过1亿元.
APPROX_BEFORE = re.compile(r"(近|约|逾|超过|超|将近|大约|上)$")
_DIGITS = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0"}


def normalise(text: str) -> str:
    """The text with full-width digits, comma, point and percent sign in ASCII (same length, same offsets)."""
    return text.translate(FULL_WIDTH)


def parse_number(text: str) -> tuple[Decimal, int]:
    """1,255 → 1255; 98.8 → (98.8, 1 decimal); 三十七 → 37; 九十五点五 → (95.5, 1)."""
    t = normalise(text).replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        decimals = len(t.split(".")[1]) if "." in t else 0
        return Decimal(t), decimals
    if "点" in t:
        whole, frac = t.split("点", 1)
        digits = "".join(_DIGITS[c] for c in frac)
        return Decimal(f"{from_chinese(whole)}.{digits}"), len(digits)
    return Decimal(from_chinese(t)), 0


def scale(value: Decimal, mult: str | None, unit: str) -> tuple[Decimal, str, str]:
    """(value, unit, kind) with the multiplier applied and money in yuan, whatever the document wrote."""
    if mult:
        value *= _MULTIPLIER[mult]
    if unit == "％":
        unit = "%"
    if unit in _MONEY_FACTOR:
        return value * _MONEY_FACTOR[unit], "元", "money"
    if unit == "%":
        return value, "%", "percent"
    if unit in POINT_UNITS:
        return value, unit, "points"
    return value, unit, "count"
