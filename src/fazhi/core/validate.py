"""The one set of input checks every action uses: dates, text, choices, money. Each returns the clean value or raises
ActionError with a Chinese message naming the field, so nothing is saved when an action refuses.

Dates of a procedure are checked against the clock ("不能晚于今天") and against the dates that must come before them
(收到 ≤ 受理 ≤ 决定): `date(value, "受理日期", after=[(case.received_on, "收到申请日期")])`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from fazhi.core import clock
from fazhi.core.permissions import ActionError

MAX_MONEY = Decimal("1000000000000")  # 一万亿元: anything larger is a typing error


def date(value, label: str, *, required: bool = True, future: bool = False,
         after: Iterable[tuple[dt.date | None, str]] = (), before: Iterable[tuple[dt.date | None, str]] = ()):
    """A date that is not in the future (unless `future`), not earlier than each (date, label) in `after` and not
    later than each in `before`. Strings in ISO form are accepted (the API and imports pass them)."""
    if value in (None, ""):
        if required:
            raise ActionError(f"请填写{label}。")
        return None
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ActionError(f"{label}“{value}”不是有效的日期（应为 YYYY-MM-DD）。") from None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ActionError(f"{label}不是有效的日期。")
    if not future and value > clock.today():
        raise ActionError(f"{label}（{value:%Y-%m-%d}）不能晚于今天。")
    for earlier, name in after:
        if earlier is not None and value < earlier:
            raise ActionError(f"{label}（{value:%Y-%m-%d}）不能早于{name}（{earlier:%Y-%m-%d}）。")
    for later, name in before:
        if later is not None and value > later:
            raise ActionError(f"{label}（{value:%Y-%m-%d}）不能晚于{name}（{later:%Y-%m-%d}）。")
    return value


def text(value, label: str, *, required: bool = True, max_length: int | None = None) -> str:
    """Stripped text; required text must not be blank; control characters other than newline and tab removed."""
    s = value if isinstance(value, str) else ("" if value is None else str(value))
    if s.isprintable():  # no control character (nor newline or tab): nothing to remove (a bulk import's millions)
        s = s.strip()
    else:
        s = "".join(ch for ch in s.replace("\r\n", "\n") if ch in "\n\t" or ch >= " ").strip()
    if required and not s:
        raise ActionError(f"请填写{label}。")
    if max_length and len(s) > max_length:
        raise ActionError(f"{label}不能超过 {max_length} 个字（现有 {len(s)} 个）。")
    return s


def choice(value, choices, label: str) -> str:
    """One of a TextChoices' values."""
    if value not in choices.values:
        raise ActionError(f"无效的{label}：“{value}”。可选：{'、'.join(str(x) for x in choices.labels)}。")
    return value


def money(value, label: str, *, required: bool = False) -> Decimal | None:
    """An amount in yuan: not negative, at most two decimals, below a trillion."""
    if value in (None, ""):
        if required:
            raise ActionError(f"请填写{label}。")
        return None
    try:
        amount = Decimal(str(value).replace(",", "").replace("，", "").strip())
    except InvalidOperation:
        raise ActionError(f"{label}“{value}”不是有效的金额。") from None
    if not amount.is_finite() or amount < 0:
        raise ActionError(f"{label}不能为负数。")
    if amount != amount.quantize(Decimal("0.01")):
        raise ActionError(f"{label}最多保留两位小数（元、角、分）。")
    if amount >= MAX_MONEY:
        raise ActionError(f"{label}（{amount} 元）超出合理范围，请核对单位。")
    return amount.quantize(Decimal("0.01"))


def id_number(value, label: str = "身份证号码", *, required: bool = True) -> str:
    """A citizen identity number with a valid check digit (GB 11643)."""
    from fazhi.core.identifiers import check_id_number

    if value in (None, "") and not required:
        return ""
    try:
        return check_id_number(value)
    except ValueError as e:
        raise ActionError(f"{label}：{e}") from None


def credit_code(value, label: str = "统一社会信用代码", *, required: bool = True) -> str:
    """A unified social credit code with a valid check character (GB 32100)."""
    from fazhi.core.identifiers import check_credit_code

    if value in (None, "") and not required:
        return ""
    try:
        return check_credit_code(value)
    except ValueError as e:
        raise ActionError(f"{label}：{e}") from None
