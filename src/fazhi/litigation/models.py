"""Administrative litigation cases in which a government or department is the defendant (行政应诉)."""

from __future__ import annotations

import re

from django.db import models
from django.urls import reverse

from fazhi.core.models import Organisation
from fazhi.core.scoping import ScopedQuerySet
from fazhi.litigation.choices import (
    HEAD_APPEARANCES,
    LOST_OUTCOMES,
    OPEN_STATUSES,
    OUTCOME_GROUPS,
    WITHDRAWN_OUTCOMES,
    WON_OUTCOMES,
    ActKind,
    AppealOutcome,
    Appearance,
    Appellant,
    CaseStatus,
    Instance,
    Outcome,
    outcome_group,
)

# 案号 per 最高法《关于人民法院案件案号的若干规定》: （年份）法院代字 + 类型代字 + 序号 + 号,
# e.g. （2025）苏1181行初12号; 行初 = administrative first instance, 行终 = second instance, 行赔初 = compensation.
FIRST_INSTANCE_NUMBER = re.compile(r"^（(\d{4})）[\u4e00-\u9fff]{1,2}\d{0,4}行(赔)?初\d{1,6}号$")
SECOND_INSTANCE_NUMBER = re.compile(r"^（(\d{4})）[\u4e00-\u9fff]{1,2}\d{0,4}行(赔)?终\d{1,6}号$")


def normalise_case_number(text: str) -> str:
    """Half-width brackets and stray spaces are common in typed case numbers; store the canonical form."""
    return (text or "").strip().replace(" ", "").replace("(", "（").replace(")", "）").replace("〔", "（") \
        .replace("〕", "）")


class CaseQuerySet(ScopedQuerySet):
    scope_field = "organisation"

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def received_between(self, start, end):
        return self.filter(received_on__gte=start, received_on__lte=end)

    def concluded_between(self, start, end):
        return self.filter(concluded_on__gte=start, concluded_on__lte=end)

    def won(self):
        return self.filter(outcome__in=WON_OUTCOMES)

    def lost(self):
        return self.filter(outcome__in=LOST_OUTCOMES)

    def withdrawn(self):
        return self.filter(outcome__in=WITHDRAWN_OUTCOMES)


class LitigationCase(models.Model):
    """A first-instance administrative case; the defendant organisation owns it (and scopes it)."""

    organisation = models.ForeignKey(Organisation, verbose_name="被告机构", on_delete=models.PROTECT,
                                     related_name="litigation_cases")
    # 第二十六条第二款: when 复议 upheld the act, the 复议机关 is co-defendant.
    co_defendant = models.ForeignKey(Organisation, verbose_name="共同被告（复议机关）", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="litigation_co_defended_cases")
    # The 复议 case the plaintiff went through first, if any (行政诉讼法第二十六条第二款, 第四十五条).
    reconsideration_case = models.ForeignKey("reconsideration.Case", verbose_name="行政复议案件", null=True,
                                             blank=True, on_delete=models.SET_NULL, related_name="litigation_cases")
    court = models.CharField("受理法院", max_length=100)
    case_number = models.CharField("案号", max_length=60, unique=True)
    plaintiffs = models.TextField("原告", help_text="多个原告用“、”分隔")
    contested_act = models.CharField("被诉行政行为", max_length=300)
    act_kind = models.CharField("行为类别", max_length=20, choices=ActKind.choices)
    filed_on = models.DateField("立案日期", null=True, blank=True)
    received_on = models.DateField("收到起诉状副本日期", db_index=True)
    answer_due = models.DateField("答辩期限", null=True, blank=True)
    answered_on = models.DateField("提交答辩日期", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=CaseStatus.choices, default=CaseStatus.PENDING_ANSWER,
                              db_index=True)
    outcome = models.CharField("一审结果", max_length=40, choices=Outcome.choices, blank=True)
    concluded_on = models.DateField("一审审结日期", null=True, blank=True, db_index=True)
    judgment_summary = models.TextField("裁判要旨", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "行政应诉案件"
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "received_on"]),
                   models.Index(fields=["organisation", "concluded_on"])]

    def __str__(self):
        return f"{self.case_number} {self.plaintiff_names[0] if self.plaintiff_names else ''}诉{self.organisation}"

    def get_absolute_url(self):
        return reverse("litigation:detail", args=[self.pk])

    @property
    def plaintiff_names(self) -> list[str]:
        return [p.strip() for p in re.split(r"[、,，;；\n]", self.plaintiffs or "") if p.strip()]

    @property
    def outcome_group(self) -> str:
        return outcome_group(self.outcome)

    def get_outcome_group_display(self) -> str:
        return OUTCOME_GROUPS[self.outcome_group][0] if self.outcome_group else ""

    @property
    def is_lost(self) -> bool:
        return self.outcome in LOST_OUTCOMES


class HearingQuerySet(ScopedQuerySet):
    scope_field = "case__organisation"

    def held_between(self, start, end):
        return self.filter(held_on__gte=start, held_on__lte=end)

    def head_appeared(self):
        return self.filter(appearance__in=HEAD_APPEARANCES)


class Hearing(models.Model):
    """A court session held (开庭), with who appeared for the defendant agency (第三条第三款)."""

    case = models.ForeignKey(LitigationCase, verbose_name="案件", on_delete=models.CASCADE, related_name="hearings")
    instance = models.CharField("审级", max_length=10, choices=Instance.choices, default=Instance.FIRST)
    held_on = models.DateField("开庭日期", db_index=True)
    appearance = models.CharField("出庭情况", max_length=20, choices=Appearance.choices)
    attendee = models.CharField("出庭人员及职务", max_length=200, blank=True)
    absence_reason = models.TextField("负责人未出庭原因", blank=True)
    note = models.TextField("备注", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HearingQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "庭审"
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.case.case_number} {self.held_on:%Y-%m-%d} {self.get_appearance_display()}"

    def get_absolute_url(self):
        return f"{self.case.get_absolute_url()}#hearing-{self.pk}"

    @property
    def head_appeared(self) -> bool:
        return self.appearance in HEAD_APPEARANCES


class AppealQuerySet(ScopedQuerySet):
    scope_field = "case__organisation"


class Appeal(models.Model):
    """The second instance (第八十五条: appeal within 15 days of service of the judgment)."""

    case = models.OneToOneField(LitigationCase, verbose_name="一审案件", on_delete=models.CASCADE,
                                related_name="appeal")
    appellant = models.CharField("上诉人", max_length=20, choices=Appellant.choices)
    court = models.CharField("二审法院", max_length=100)
    case_number = models.CharField("二审案号", max_length=60, unique=True)
    filed_on = models.DateField("上诉日期", db_index=True)
    outcome = models.CharField("二审结果", max_length=20, choices=AppealOutcome.choices, blank=True)
    final_outcome = models.CharField("改判结果", max_length=40, choices=Outcome.choices, blank=True,
                                     help_text="依法改判的，二审判决对被诉行政行为的处理")
    decided_on = models.DateField("二审审结日期", null=True, blank=True)
    summary = models.TextField("二审裁判要旨", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppealQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "上诉（二审）"
        ordering = ["-filed_on", "-pk"]

    def __str__(self):
        return self.case_number

    def get_absolute_url(self):
        return f"{self.case.get_absolute_url()}#appeal"


class SuggestionQuerySet(ScopedQuerySet):
    scope_field = "case__organisation"


class JudicialSuggestion(models.Model):
    """A 司法建议书 a court sent to the agency in connection with a case."""

    case = models.ForeignKey(LitigationCase, verbose_name="案件", on_delete=models.CASCADE,
                             related_name="suggestions")
    court = models.CharField("发出法院", max_length=100)
    number = models.CharField("文号", max_length=80, blank=True)
    received_on = models.DateField("收到日期", db_index=True)
    content = models.TextField("建议内容")
    replied_on = models.DateField("回复日期", null=True, blank=True)
    reply = models.TextField("回复及整改情况", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "司法建议书"
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.court}司法建议书{self.number}"

    def get_absolute_url(self):
        return f"{self.case.get_absolute_url()}#suggestion-{self.pk}"
