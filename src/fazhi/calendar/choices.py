"""Kinds of special day in a holiday schedule and where a schedule came from."""

from django.db import models


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假"  # a rest day of a statutory holiday (may fall on a weekday or a weekend)
    WORKDAY = "workday", "调休上班"  # a weekend day made a working day (调休)


class ScheduleSource(models.TextChoices):
    BUILTIN = "builtin", "内置（chinese-calendar）"
    MANUAL = "manual", "手工录入"
    IMPORT = "import", "表格导入"
    NOTICE = "notice", "粘贴通知"


# chinese-calendar names its holidays in English; the schedule keeps the Chinese names of the State Council notice.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
