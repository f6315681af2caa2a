"""Check digits of Chinese identifiers: the citizen identity number (GB 11643-1999, ISO 7064 MOD 11-2) and the
unified social credit code (GB 32100-2015, MOD 31). Each `check_*` returns the normalised value or raises
ValueError with a Chinese message."""

from __future__ import annotations

import datetime as dt
import re
from operator import mul

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_CREDIT_VALUE = {c: i for i, c in enumerate(CREDIT_CHARS)}
_CREDIT_SET = frozenset(CREDIT_CHARS)
_ID_FORM = re.compile(r"\d{17}[\dX]", re.ASCII)
FULL_WIDTH = str.maketrans("０１２３４５６７８９ＸｘＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＹ",
                           "0123456789XXABCDEFGHJKLMNPQRTUWY")


def _clean(value) -> str:
    text = value if isinstance(value, str) else str(value or "")
    if len(text) == 18 and text.isascii() and text.isalnum():  # nothing to remove or widen (a bulk import's millions)
        return text.upper()
    return re.sub(r"[\s\-‐－]", "", text).translate(FULL_WIDTH).upper()


def id_check_digit(first17: str) -> str:
    return ID_CHECK[sum(map(mul, map(int, first17), ID_WEIGHTS)) % 11]


def check_id_number(value) -> str:
    s = _clean(value)
    if not _ID_FORM.fullmatch(s):
        raise ValueError("身份证号码应为18位（最后一位可为X）")
    try:
        dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        raise ValueError(f"身份证号码中的出生日期“{s[6:14]}”无效") from None
    if id_check_digit(s[:17]) != s[17]:
        raise ValueError(f"身份证号码校验位不符（应为 {id_check_digit(s[:17])}），请核对")
    return s


def credit_check_char(first17: str) -> str:
    total = sum(map(mul, map(_CREDIT_VALUE.__getitem__, first17), CREDIT_WEIGHTS))
    return CREDIT_CHARS[(31 - total % 31) % 31]


def check_credit_code(value) -> str:
    s = _clean(value)
    if len(s) != 18 or not _CREDIT_SET.issuperset(s):
        raise ValueError("统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）")
    if not s[2:8].isdigit():  # the characters are ASCII by now
        raise ValueError("统一社会信用代码第3至8位应为登记管理机关行政区划码")
    if credit_check_char(s[:17]) != s[17]:
        raise ValueError(f"统一社会信用代码校验位不符（应为 {credit_check_char(s[:17])}），请核对")
    return s
