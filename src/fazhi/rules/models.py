"""Deadlines attached to any case, their pauses, regional rule overrides and in-app reminders."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from fazhi.calendar import workdays
from fazhi.core import clock
from fazhi.core.models import Organisation, Region
from fazhi.core.scoping import ScopedQuerySet
from fazhi.rules.choices import (
    DISPLAY_LABELS,
    DUE_SOON_WORKING_DAYS,
    DeadlineStatus,
    PauseKind,
    ReminderStage,
    TimeUnit,
)


class RuleOverride(models.Model):
    """A region's own length for a rule (e.g. a province files normative documents within 30 days, not 15).

    It applies to organisations in the region and in the regions below it; the nearest region wins.
    """

    rule_id = models.CharField("规则", max_length=80, db_index=True)
    region = models.ForeignKey(Region, verbose_name="适用区划", on_delete=models.PROTECT)
    length = models.PositiveIntegerField("期限长度")
    unit = models.CharField("单位", max_length=20, choices=TimeUnit.choices, default=TimeUnit.CALENDAR_DAYS)
    citation = models.CharField("地方依据", max_length=300, blank=True)
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "期限规则地方覆盖"
        constraints = [models.UniqueConstraint(fields=["rule_id", "region"], name="uniq_rule_override_region")]
        ordering = ["rule_id", "region__code"]

    def __str__(self):
        return f"{self.region.name}：{self.rule_id} {self.length}{self.get_unit_display()}"


class DeadlineQuerySet(ScopedQuerySet):
    scope_field = "organisation"

    def open(self):
        return self.filter(status=DeadlineStatus.OPEN)

    def overdue(self, today: dt.date):
        return self.open().filter(due__lt=today, paused=False)

    def due_between(self, start: dt.date, end: dt.date):
        return self.open().filter(due__gte=start, due__lte=end)

    def provisional(self):
        return self.open().filter(provisional=True)

    def for_subject(self, subject):
        return self.filter(content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk))


class Deadline(models.Model):
    """One statutory period of one case, computed from the rule version in force on its start date."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    organisation = models.ForeignKey(Organisation, verbose_name="机构", on_delete=models.PROTECT,
                                     related_name="deadlines")
    rule_id = models.CharField("规则", max_length=80)
    rule_version = models.CharField("规则版本", max_length=10, help_text="所适用版本的生效日期")
    override = models.ForeignKey(RuleOverride, verbose_name="地方覆盖", null=True, blank=True,
                                 on_delete=models.SET_NULL)
    label = models.CharField("事项", max_length=200)
    start = models.DateField("起算日")
    due = models.DateField("期满日")
    previous_due = models.DateField("原期满日", null=True, blank=True)
    provisional = models.BooleanField("暂定", default=False)
    status = models.CharField("状态", max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN)
    completed_on = models.DateField("完成日", null=True, blank=True)
    extended = models.BooleanField("已延长", default=False)
    extension_approver = models.CharField("延期批准人", max_length=150, blank=True)
    extension_length = models.PositiveIntegerField("延长长度", null=True, blank=True,
                                                   help_text="批准延长的长度；空为规则规定的最长延长期限")
    set_length = models.PositiveIntegerField("确定的期限长度", null=True, blank=True,
                                             help_text="法律未规定长度、由决定确定的期限（如责令重作）")
    has_pauses = models.BooleanField("有暂停", default=False)
    paused = models.BooleanField("暂停中", default=False)
    explanation = models.TextField("计算说明")
    citation = models.CharField("依据", max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "法定期限"
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            # The board lists open deadlines in (due, id) order: with id in the index the first page is read off it
            # instead of sorting every open deadline of the province (#16).
            models.Index(fields=["status", "due", "id"], name="rules_deadline_board"),
            models.Index(fields=["organisation", "status", "due", "id"], name="rules_deadline_org_board"),
        ]

    def __str__(self):
        return f"{self.label or self.rule_id}（{self.due:%Y-%m-%d}）"

    def get_absolute_url(self):
        return reverse("rules:deadline_detail", args=[self.pk])

    def subject_url(self) -> str:
        subject = self.subject
        getter = getattr(subject, "get_absolute_url", None)
        return getter() if getter else ""

    def subject_label(self) -> str:
        """What the deadline belongs to, as people name it: the case's number when it has one, else the record."""
        subject = self.subject
        if subject is None:
            return ""
        return getattr(subject, "number", "") or getattr(subject, "case_number", "") or str(subject)

    def display_status(self, today: dt.date | None = None) -> str:
        """Stored status, or for open deadlines: paused, overdue, due_soon (within 3 working days) or open."""
        if self.status != DeadlineStatus.OPEN:
            return self.status
        if self.paused:
            return "paused"
        today = today or clock.today()
        if self.due < today:
            return "overdue"
        if workdays.working_days_between(today, self.due) <= DUE_SOON_WORKING_DAYS:
            return "due_soon"
        return "open"

    def get_display_status_label(self, today: dt.date | None = None) -> str:
        return DISPLAY_LABELS[self.display_status(today)]

    @property
    def status_label(self) -> str:

        return self.get_display_status_label(clock.today())

    @property
    def rule_title(self) -> str:
        from fazhi.rules.engine import all_rules

        rule = all_rules().get(self.rule_id)
        return rule.title if rule else self.rule_id

    def article(self):
        """The cited article (text and page) from the law library, or None."""
        from fazhi.rules.engine import all_rules, resolve_article

        rule = all_rules().get(self.rule_id)
        version = next((v for v in rule.versions if v.key == self.rule_version), None) if rule else None
        return resolve_article(version.citation, self.start) if version else None

    def article_text(self) -> str:
        resolved = self.article()
        return resolved.text if resolved is not None else ""


class DeadlinePause(models.Model):
    """A stretch of time the clock does not run (or after which it restarts): 补正, 征求第三方意见, 中止."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField("类型", max_length=20, choices=PauseKind.choices)
    start = models.DateField("开始日")
    end = models.DateField("结束日", null=True, blank=True)
    reason = models.TextField("事由", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "期限暂停"
        ordering = ["start", "id"]

    def __str__(self):
        return f"{self.kind} {self.start:%Y-%m-%d}—{self.end or '…'}"


class ReminderQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Reminder(models.Model):
    """An in-app reminder of a deadline for one user; at most one per deadline, user and stage."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deadline_reminders")
    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField("阶段", max_length=12, choices=ReminderStage.choices)
    message = models.CharField("内容", max_length=400)
    created_at = models.DateTimeField("提醒时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    emailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "期限提醒"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["deadline", "user", "stage"], name="uniq_reminder_stage")]

    def __str__(self):
        return self.message
