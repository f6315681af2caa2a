"""Holiday schedules (国务院办公厅关于部分节假日安排的通知), one per year, kept in the database.

A year with a schedule is "known"; dates in later years are computed on plain weekdays and flagged provisional.
A schedule lists only the days that differ from the weekday pattern, plus every day of a holiday block.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from fazhi.calendar.choices import DayKind, ScheduleSource


class HolidaySchedule(models.Model):
    year = models.PositiveSmallIntegerField("年度", unique=True)
    source = models.CharField("来源", max_length=20, choices=ScheduleSource.choices, default=ScheduleSource.MANUAL)
    notice = models.CharField("依据文件", max_length=200, blank=True,
                              help_text="例如：国务院办公厅关于2027年部分节假日安排的通知")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "节假日安排"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年节假日安排"

    def get_absolute_url(self):
        return reverse("workcalendar:schedule_detail", args=[self.year])

    @classmethod
    def audit_extra_fields(cls) -> dict:
        """How the history shows what calendar.actions records besides the schedule's fields: one day's date, kind
        and name, and the list of days ("2027-01-01 holiday 元旦"), with the kinds in Chinese (core.audit_display)."""
        kinds = dict(DayKind.choices)

        def day(text):
            date, _, rest = str(text).partition(" ")
            kind, _, name = rest.partition(" ")
            return " ".join(part for part in (date, kinds.get(kind, kind), name) if part)

        def days(value):
            return "、".join(day(d) for d in value) if isinstance(value, list) else f"{value} 天"

        return {"date": ("日期", str), "kind": ("类型", lambda k: kinds.get(k, k)), "name": ("名称", str),
                "days": ("节假日与调休日", days)}


class SpecialDay(models.Model):
    schedule = models.ForeignKey(HolidaySchedule, verbose_name="节假日安排", on_delete=models.CASCADE,
                                 related_name="days")
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("名称", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "节假日与调休日"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}"
