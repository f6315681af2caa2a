"""Masking personal data for public pages (个人信息隐名处理)."""

import re

# Not \b: in Chinese text the number touches a CJK character ("身份证号110101…"), which \b counts as a word
# character, so the number would slip through. Delimit by "no digit or Latin letter" instead.
_ID = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
_PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")


def mask_name(name: str) -> str:
    """张三 → 张某; 欧阳娜娜 → 欧阳某; an organisation name (ending in 公司/局/厂 …) is kept."""
    name = (name or "").strip()
    if not name:
        return ""
    if re.search(r"(公司|局|厂|院|所|会|中心|委员会|合作社|店|部|行|校|集团)$", name):
        return name
    surname = name[:2] if len(name) >= 4 else name[:1]
    return surname + "某"


def mask_text(text: str, names: list[str] = ()) -> str:
    """Remove ID numbers and phone numbers; replace the given personal names by their masked form."""
    text = _ID.sub("[身份证号已隐去]", text or "")
    text = _PHONE.sub("[电话已隐去]", text)
    for n in sorted({n for n in names if n}, key=len, reverse=True):
        text = text.replace(n, mask_name(n))
    return text
