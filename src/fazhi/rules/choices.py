"""Deadline statuses and reminder stages, in one place."""

from django.db import models


class DeadlineStatus(models.TextChoices):
    OPEN = "open", "进行中"
    MET = "met", "按期完成"
    MISSED = "missed", "逾期完成"
    CANCELLED = "cancelled", "已撤销"


# Display statuses add these for open deadlines (computed against today, never stored).
DISPLAY_LABELS = {
    "open": "进行中",
    "due_soon": "即将到期",
    "overdue": "已逾期",
    "paused": "暂停计时",
    "met": "按期完成",
    "missed": "逾期完成",
    "cancelled": "已撤销",
}
DUE_SOON_WORKING_DAYS = 3


class ReminderStage(models.TextChoices):
    DUE_SOON = "due_soon", "即将到期"
    DUE_TODAY = "due_today", "今日到期"
    OVERDUE = "overdue", "已逾期"


class PauseKind(models.TextChoices):
    SUPPLEMENT = "补正", "补正"
    THIRD_PARTY = "征求第三方意见", "征求第三方意见"
    SUSPENSION = "中止", "中止"


class TimeUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", "日"
    WORKING_DAYS = "working_days", "工作日"
    MONTHS = "months", "月"
