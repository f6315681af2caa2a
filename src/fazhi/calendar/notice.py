"""Read the State Council's yearly holiday notice (国务院办公厅关于XXXX年部分节假日安排的通知) into a schedule.

An administrator pastes the notice's text; `parse_notice` turns each numbered item

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。

into rest days (every day of the block) and make-up working days, checks what the text says of itself (the stated
weekdays, "共N天"), and `statutory_check` compares the blocks with the statutory holidays of the 全国年节及纪念日放假办法
version in force that year (the lunar dates from lunar-python). Nothing is saved here: the page shows the result for
review and `actions.save_schedule` saves it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from fazhi.calendar.choices import DayKind
from fazhi.core.permissions import ActionError

WEEKDAYS = "一二三四五六日"
ITEM_NUMBER = re.compile(r"(?:^|\n|。)\s*([一二三四五六七八九十]{1,2})[、．.]\s*")
DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:（([^）]*)）)?")
DAY_ONLY = re.compile(r"(\d{1,2})日(?:（([^）]*)）)?")
TOTAL = re.compile(r"共(\d{1,2})天")
YEAR_IN_TITLE = re.compile(r"关于\s*(\d{4})\s*年[^。\n]{0,6}节假日安排")
KNOWN_NAMES = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]


@dataclass
class NoticeItem:
    names: list[str]
    start: dt.date
    end: dt.date
    workdays: list[dt.date] = field(default_factory=list)
    stated_total: int | None = None

    @property
    def name(self) -> str:
        return "、".join(self.names)

    @property
    def rest_days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=n) for n in range((self.end - self.start).days + 1)]


@dataclass
class ParsedNotice:
    year: int
    items: list[NoticeItem]
    warnings: list[str] = field(default_factory=list)

    def days(self) -> list[tuple[dt.date, str, str]]:
        """(date, kind, name) for `actions.save_schedule`: every rest day, then the make-up working days."""
        out = []
        for item in self.items:
            out += [(d, DayKind.HOLIDAY, _day_name(item, d)) for d in item.rest_days]
            out += [(d, DayKind.WORKDAY, f"{item.names[0]}调休") for d in item.workdays]
        return sorted(out)

    @property
    def rest_count(self) -> int:
        return sum(len(i.rest_days) for i in self.items)

    @property
    def workday_count(self) -> int:
        return sum(len(i.workdays) for i in self.items)


def _day_name(item: NoticeItem, day: dt.date) -> str:
    """A combined block (国庆节、中秋节) names the day of the other festival after it, the rest after the first."""
    if len(item.names) > 1:
        for name in item.names[1:]:
            if day in statutory_days(day.year, name):
                return name
    return item.names[0]


def normalise(text: str) -> str:
    """Full-width digits and letters to half-width (NFKC), but keep the Chinese brackets the pattern reads."""
    text = unicodedata.normalize("NFKC", text or "")
    return text.replace("(", "（").replace(")", "）").replace(":", "：").replace("\r\n", "\n")


def _weekday_ok(day: dt.date, note: str | None) -> bool:
    if not note:
        return True
    m = re.search(r"(?:周|星期)([一二三四五六日天])", note)
    if m is None:
        return True
    return WEEKDAYS.index(m.group(1).replace("天", "日")) == day.weekday()


def _date(year: int, m: re.Match, *, where: str, errors: list[str]) -> dt.date | None:
    y = int(m.group(1)) if m.group(1) else year
    try:
        day = dt.date(y, int(m.group(2)), int(m.group(3)))
    except ValueError:
        errors.append(f"{where}：“{m.group(0)}”不是有效日期。")
        return None
    if not _weekday_ok(day, m.group(4)):
        errors.append(f"{where}：{day:%Y年%-m月%-d日}是星期{WEEKDAYS[day.weekday()]}，与通知所写“{m.group(4)}”不符。")
    return day


def _parse_item(year: int, label: str, body: str, errors: list[str]) -> NoticeItem | None:
    head, sep, rest = body.partition("：")
    if not sep:
        errors.append(f"第{label}项缺少“节日名称：”。")
        return None
    names = [n.strip() for n in re.split(r"[、，,和及]", head) if n.strip()]
    where = f"第{label}项（{'、'.join(names)}）"
    # The rest block is the part before the first "放假"; the sentence with "上班" lists the make-up days.
    sentences = [s for s in re.split(r"[。；;]", rest) if s.strip()]
    rest_sentence = next((s for s in sentences if "放假" in s or "休息" in s), None)
    if rest_sentence is None:
        errors.append(f"{where}：未找到放假日期（应有“放假”二字）。")
        return None
    first = DATE.search(rest_sentence)
    if first is None:
        errors.append(f"{where}：未找到放假日期。")
        return None
    start = _date(year, first, where=where, errors=errors)
    end = start
    after = rest_sentence[first.end():]
    to = re.match(r"\s*(?:至|到|—|－|-|~)\s*", after)
    if to:
        tail = after[to.end():]
        m_full = DATE.match(tail)
        if m_full:
            end = _date(start.year if start and not m_full.group(1) else year, m_full, where=where, errors=errors)
            # A block written "12月31日至1月2日" runs into the next year.
            if start and end and end < start and not m_full.group(1):
                end = end.replace(year=start.year + 1)
        else:
            m_day = DAY_ONLY.match(tail)
            if m_day is None or start is None:
                errors.append(f"{where}：“至”后面的日期无法识别。")
                return None
            try:
                end = start.replace(day=int(m_day.group(1)))
            except ValueError:
                errors.append(f"{where}：“{m_day.group(0)}”不是有效日期。")
                return None
            if not _weekday_ok(end, m_day.group(2)):
                errors.append(f"{where}：{end:%Y年%-m月%-d日}是星期{WEEKDAYS[end.weekday()]}，"
                              f"与通知所写“{m_day.group(2)}”不符。")
    if start is None or end is None:
        return None
    if end < start:
        errors.append(f"{where}：放假结束日期早于开始日期。")
        return None
    if (end - start).days > 20:
        errors.append(f"{where}：放假区间超过 20 天，请核对日期。")
        return None
    item = NoticeItem(names=names, start=start, end=end)
    total = TOTAL.search(rest_sentence)
    if total:
        item.stated_total = int(total.group(1))
        if item.stated_total != len(item.rest_days):
            errors.append(f"{where}：通知写“共{item.stated_total}天”，但 {start:%-m月%-d日} 至 {end:%-m月%-d日} "
                          f"共 {len(item.rest_days)} 天。")
    for sentence in sentences:
        if "上班" not in sentence:
            continue
        for m in DATE.finditer(sentence):
            day = _date(year, m, where=where, errors=errors)
            if day is None:
                continue
            if day.weekday() < 5:
                errors.append(f"{where}：上班日 {day:%Y年%-m月%-d日} 是星期{WEEKDAYS[day.weekday()]}，"
                              f"本来就是工作日，无需调休上班。")
            elif start <= day <= end:
                errors.append(f"{where}：{day:%Y年%-m月%-d日} 既在放假区间内又被写为上班。")
            else:
                item.workdays.append(day)
    return item


def parse_notice(text: str, year: int | None = None) -> ParsedNotice:
    """Parse a pasted notice. Raises ActionError listing every problem found (nothing is half-read)."""
    text = normalise(text).strip()
    if not text:
        raise ActionError("请粘贴通知全文或其中的节假日安排部分。")
    if len(text) > 20000:
        raise ActionError("通知文本过长（超过 2 万字），请只粘贴节假日安排部分。")
    titled = YEAR_IN_TITLE.search(text)
    if titled:
        if year and int(titled.group(1)) != year:
            raise ActionError(f"通知标题是 {titled.group(1)} 年，与所填年度 {year} 不一致。")
        year = int(titled.group(1))
    if not year:
        raise ActionError("无法从文本中识别年度（如“关于2027年部分节假日安排的通知”），请填写年度。")
    if not 1990 <= year <= 2100:
        raise ActionError("年度应在 1990—2100 之间。")
    marks = list(ITEM_NUMBER.finditer(text))
    errors: list[str] = []
    items: list[NoticeItem] = []
    for n, mark in enumerate(marks):
        body = text[mark.end(): marks[n + 1].start() if n + 1 < len(marks) else len(text)]
        head = body.partition("：")[0]
        if not any(name in head for name in KNOWN_NAMES):
            continue  # the notice's closing paragraphs ("节假日期间，各地区、各部门要…") are numbered too in some years
        item = _parse_item(year, mark.group(1), body, errors)
        if item is not None:
            items.append(item)
    if not items and not errors:
        raise ActionError("未识别到任何节假日条目：每项应写成“一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。”。")
    seen: dict[dt.date, str] = {}
    for item in items:
        for d in item.rest_days + item.workdays:
            if d in seen:
                errors.append(f"{d:%Y年%-m月%-d日} 同时出现在“{seen[d]}”和“{item.name}”中。")
            seen[d] = item.name
        for d in item.rest_days + item.workdays:
            if d.year != year and not (item.names[0] == "元旦" and d.year == year + 1):
                errors.append(f"“{item.name}”的 {d:%Y年%-m月%-d日} 不属于 {year} 年。")
    if errors:
        raise ActionError("通知文本有以下问题：" + "；".join(errors))
    parsed = ParsedNotice(year=year, items=items)
    parsed.warnings = statutory_check(parsed)
    return parsed


# 全国年节及纪念日放假办法: which days each holiday gives, by the version in force (from, decree, rules).
# 除夕 = the day before the lunar new year. Before 2008 the three "golden weeks" rules differed; schedules of those
# years are only checked for their names.
MEASURES = [
    (dt.date(2008, 1, 1), "国务院令第513号（2007年修订）",
     {"元旦": ["01-01"], "春节": ["除夕", "正月初一", "正月初二"], "清明节": ["清明"], "劳动节": ["05-01"],
      "端午节": ["五月初五"], "中秋节": ["八月十五"], "国庆节": ["10-01", "10-02", "10-03"]}),
    (dt.date(2014, 1, 1), "国务院令第644号（2013年修订）",
     {"元旦": ["01-01"], "春节": ["正月初一", "正月初二", "正月初三"], "清明节": ["清明"], "劳动节": ["05-01"],
      "端午节": ["五月初五"], "中秋节": ["八月十五"], "国庆节": ["10-01", "10-02", "10-03"]}),
    (dt.date(2025, 1, 1), "国务院令第795号（2024年修订）",
     {"元旦": ["01-01"], "春节": ["除夕", "正月初一", "正月初二", "正月初三"], "清明节": ["清明"],
      "劳动节": ["05-01", "05-02"], "端午节": ["五月初五"], "中秋节": ["八月十五"],
      "国庆节": ["10-01", "10-02", "10-03"]}),
]
LUNAR = {"正月初一": (1, 1), "正月初二": (1, 2), "正月初三": (1, 3), "五月初五": (5, 5), "八月十五": (8, 15)}


def measures_for(year: int):
    version = None
    for start, decree, rules in MEASURES:
        if dt.date(year, 1, 1) >= start:
            version = (decree, rules)
    return version


def _lunar_to_solar(year: int, month: int, day: int) -> dt.date:
    from lunar_python import Lunar

    s = Lunar.fromYmd(year, month, day).getSolar()
    return dt.date(s.getYear(), s.getMonth(), s.getDay())


def _statutory_day(year: int, spec: str) -> dt.date:
    if spec == "除夕":
        return _lunar_to_solar(year, 1, 1) - dt.timedelta(days=1)
    if spec == "清明":
        from lunar_python import Solar

        s = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]
        return dt.date(s.getYear(), s.getMonth(), s.getDay())
    if spec in LUNAR:
        return _lunar_to_solar(year, *LUNAR[spec])
    month, day = spec.split("-")
    return dt.date(year, int(month), int(day))


def statutory_days(year: int, name: str) -> list[dt.date]:
    version = measures_for(year)
    if version is None or name not in version[1]:
        return []
    return [_statutory_day(year, spec) for spec in version[1][name]]


def statutory_check(parsed: ParsedNotice) -> list[str]:
    """What the schedule leaves out of the 放假办法 in force: a statutory day that is not a rest day, a holiday that
    is missing. Warnings, not errors: the administrator decides (the notice is the authority)."""
    version = measures_for(parsed.year)
    if version is None:
        return [f"{parsed.year} 年早于 2008 年施行的放假办法，未核对法定假日天数。"]
    decree, rules = version
    rest = {d for item in parsed.items for d in item.rest_days}
    named = {n for item in parsed.items for n in item.names}
    out = []
    for name in rules:
        days = statutory_days(parsed.year, name)
        if name not in named:
            missing = [d for d in days if d not in rest]
            if missing:
                out.append(f"通知未列出“{name}”，其法定假日 "
                           f"{'、'.join(f'{d:%-m月%-d日}' for d in missing)} 不在任何放假区间内（《全国年节及纪念日放假办法》，{decree}）。")
            continue
        for d in days:
            if d not in rest:
                out.append(f"“{name}”的法定假日 {d:%-m月%-d日} 不在通知的放假区间内（《全国年节及纪念日放假办法》，{decree}）。")
    return out


def statutory_total(year: int) -> int:
    version = measures_for(year)
    return sum(len(v) for v in version[1].values()) if version else 0
