"""Chinese numerals, both ways: 62 ↔ 六十二 (articles, headings, legacy reports)."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_VALUE = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "两": 2, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
                                                "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}


def to_chinese(n: int) -> str:
    """0 < n < 100000 as written in headings and article numbers: 10 → 十, 21 → 二十一, 105 → 一百零五."""
    if n == 0:
        return "零"
    if n < 0:
        return "负" + to_chinese(-n)
    if n >= 100_000:
        raise ValueError("number too large")
    parts = []
    units = [(10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")]
    zero = False
    started = False
    for value, name in units:
        d = n // value % 10 if value < 10000 else n // value
        if d:
            if zero:
                parts.append("零")
                zero = False
            parts.append(DIGITS[d] + name)
            started = True
        elif started:
            zero = True
    s = "".join(parts)
    return s[1:] if s.startswith("一十") else s


def from_chinese(text: str) -> int:
    """六十二 → 62, 一百零五 → 105, 十 → 10, 三万二千 → 32000, 1,255 → 1255. Raises ValueError when not a numeral."""
    text = text.strip().replace(",", "").replace("，", "")
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    total = section = digit = 0
    seen = False
    for ch in text:
        if ch in _VALUE:
            digit = _VALUE[ch]
            seen = True
        elif ch in _UNITS:
            section += (digit or 1) * _UNITS[ch]
            digit = 0
            seen = True
        elif ch in _BIG:
            section += digit
            total += section * _BIG[ch]
            section = digit = 0
            seen = True
        else:
            raise ValueError(f"not a Chinese numeral: {text}")
    if not seen:
        raise ValueError(f"not a Chinese numeral: {text}")
    return total + section + digit
