"""Enforcement cases (行政处罚、许可、强制、检查), their evidence, and the 复议 or 诉讼 cases that challenge them.

One row per case, whether run here or taken in from a department's own system (`source_system` + `source_number`,
unique per organisation, makes the intake idempotent). The decision's figures (kinds, heaviest kind, amounts) are
stored on the row so a province-year of decisions is counted without joins (ADR 0010)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse

from fazhi.core.models import Organisation
from fazhi.core.scoping import ScopedQuerySet
from fazhi.enforcement.choices import (
    OPEN_STATUSES,
    CaseKind,
    CaseStatus,
    Circumstance,
    Correction,
    Decision,
    EvidenceKind,
    ExemptList,
    Grade,
    PartyKind,
    Procedure,
    RecordStep,
    RoundStatus,
)


class CaseQuerySet(ScopedQuerySet):
    scope_field = "organisation"

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def decided_between(self, start, end):
        return self.filter(decided_on__gte=start, decided_on__lte=end)


class EnforcementCase(models.Model):
    organisation = models.ForeignKey(Organisation, verbose_name="实施机关", on_delete=models.PROTECT,
                                     related_name="enforcement_cases", db_index=False)  # the indexes below lead with it
    kind = models.CharField("执法类别", max_length=20, choices=CaseKind.choices)
    procedure = models.CharField("程序", max_length=20, choices=Procedure.choices, blank=True)
    year = models.PositiveSmallIntegerField("立案年度")
    seq = models.PositiveIntegerField("序号")
    number = models.CharField("案件编号", max_length=60)
    source_system = models.CharField("来源系统", max_length=60, blank=True)
    source_number = models.CharField("来源系统案件编号", max_length=100, blank=True)
    power_item = models.ForeignKey("powers.PowerItem", verbose_name="权责事项", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="enforcement_cases", db_index=False)
    cause = models.CharField("案由", max_length=300)
    party_name = models.CharField("当事人", max_length=200)
    party_kind = models.CharField("当事人类型", max_length=20, choices=PartyKind.choices)
    party_id = models.CharField("当事人证件号码", max_length=30, blank=True)
    officers = models.ManyToManyField("officers.Officer", verbose_name="承办执法人员", blank=True,
                                      related_name="enforcement_cases")
    # indexed with the id below: the list's order (-filed_on, -pk) is read off the index; on the date alone a
    # province's latest day (3 × 10⁴ cases) was sorted for every first page
    filed_on = models.DateField("立案（受理、检查）日期")
    facts = models.TextField("违法事实", blank=True)
    notified_on = models.DateField("事先告知日期", null=True, blank=True)
    proposal = models.TextField("拟处罚内容", blank=True)
    hearing_right = models.BooleanField("告知听证权利", default=False)
    hearing_requested_on = models.DateField("申请听证日期", null=True, blank=True)
    hearing_notified_on = models.DateField("听证通知日期", null=True, blank=True)
    hearing_planned_on = models.DateField("拟举行听证日期", null=True, blank=True)
    hearing_on = models.DateField("听证日期", null=True, blank=True)
    major = models.BooleanField("重大执法决定（须法制审核）", default=False)
    review_ground = models.CharField("法制审核情形", max_length=200, blank=True)
    legal_review_on = models.DateField("法制审核日期", null=True, blank=True)
    legal_review_passed = models.BooleanField("法制审核通过", null=True)
    legal_review_opinion = models.TextField("法制审核意见", blank=True)
    collective_required = models.BooleanField("须集体讨论", default=False)
    collective_on = models.DateField("集体讨论日期", null=True, blank=True)
    collective_minutes = models.TextField("集体讨论结论", blank=True)
    decision = models.CharField("决定", max_length=20, choices=Decision.choices, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True, db_index=True)
    decision_number = models.CharField("决定书文号", max_length=100, blank=True)
    decision_text = models.TextField("决定内容", blank=True)
    penalty_kinds = models.JSONField("处罚种类", default=list, blank=True)
    heaviest_kind = models.CharField("最重处罚种类", max_length=30, blank=True)
    fine_amount = models.DecimalField("罚款金额（元）", max_digits=16, decimal_places=2, default=0)
    confiscated_amount = models.DecimalField("没收金额（元）", max_digits=16, decimal_places=2, default=0)
    social_impact = models.BooleanField("具有一定社会影响（应公示）", default=False)
    discretion_level = models.ForeignKey("enforcement.DiscretionLevel", verbose_name="适用的裁量情形", null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="cases", db_index=False)
    discretion_deviation = models.BooleanField("偏离裁量基准", default=False)
    discretion_reason = models.TextField("偏离裁量基准的理由", blank=True)
    published_on = models.DateField("公示日期", null=True, blank=True)
    publicity_due = models.DateField("公示期限", null=True, blank=True)
    withdrawn_on = models.DateField("撤回公示日期", null=True, blank=True)
    withdrawal_reason = models.CharField("撤回公示说明", max_length=300, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    service_method = models.CharField("送达方式", max_length=20, blank=True)
    paid_on = models.DateField("缴纳日期", null=True, blank=True)
    paid_amount = models.DecimalField("缴纳金额（元）", max_digits=16, decimal_places=2, null=True, blank=True)
    surcharge = models.DecimalField("加处罚款（元）", max_digits=16, decimal_places=2, default=0)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    correction = models.CharField("复议诉讼纠正", max_length=30, choices=Correction.choices, blank=True)
    corrected_on = models.DateField("纠正日期", null=True, blank=True)
    corrected_by = models.CharField("纠正来源", max_length=200, blank=True)
    corrected_via = models.CharField("纠正途径", max_length=20, blank=True,
                                     choices=[("reconsideration", "行政复议"), ("litigation", "行政诉讼")])
    status = models.CharField("状态", max_length=20, choices=CaseStatus.choices, default=CaseStatus.FILED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "行政执法案件"
        ordering = ["-filed_on", "-pk"]
        # Every index is paid for by each of a province-year's 10⁷ taken-in rows (ADR 0010): no index on a flag or a
        # kind counted inside a scope, no LIKE twin, and the references mostly empty are indexed where they are set.
        indexes = [models.Index(fields=["organisation", "decided_on"]), models.Index(fields=["kind", "decided_on"]),
                   models.Index(fields=["organisation", "filed_on"]), models.Index(fields=["status"], name="enforcement_case_status"),
                   models.Index(fields=["filed_on", "id"], name="enforcement_case_filed"),
                   models.Index(fields=["power_item"], condition=Q(power_item__isnull=False),
                                name="enforcement_case_power_item"),
                   models.Index(fields=["discretion_level"], condition=Q(discretion_level__isnull=False),
                                name="enforcement_case_discretion"),
                   # a department's hearings and corrections of the year, without reading its every case (#16)
                   models.Index(fields=["organisation", "hearing_on"], condition=Q(hearing_on__isnull=False),
                                name="enforcement_case_hearing"),
                   models.Index(fields=["organisation", "corrected_on"], condition=Q(corrected_on__isnull=False),
                                name="enforcement_case_corrected")]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "seq"], name="enforcement_uniq_number"),
            models.UniqueConstraint(fields=["organisation", "source_system", "source_number"],
                                    condition=~Q(source_number=""), name="enforcement_uniq_source"),
        ]

    def __str__(self):
        return f"{self.number} {self.cause}"

    def get_absolute_url(self):
        return reverse("enforcement:detail", args=[self.pk])

    @property
    def penalty_kind_labels(self) -> list[str]:
        from fazhi.enforcement.choices import PenaltyKind

        labels = dict(PenaltyKind.choices)
        return [labels.get(k, k) for k in self.penalty_kinds or []]

    @property
    def is_penalty(self) -> bool:
        return self.kind == CaseKind.PENALTY

    @property
    def publication_required(self) -> bool:
        """许可 decisions and 处罚 decisions with social impact are published (art. 48(1); 国办发〔2018〕118号)."""
        return bool(self.decided_on) and (self.kind == CaseKind.LICENSE or (
            self.kind == CaseKind.PENALTY and self.social_impact and self.decision == Decision.PUNISHED))


class Evidence(models.Model):
    """A file of the 全过程记录 (art. 47). Its SHA-256 goes into the audit chain when it is attached, so
    `fazhi audit verify` finds a file replaced or altered on disk."""

    case = models.ForeignKey(EnforcementCase, verbose_name="案件", on_delete=models.PROTECT, related_name="evidence")
    step = models.CharField("环节", max_length=20, choices=RecordStep.choices)
    kind = models.CharField("类型", max_length=20, choices=EvidenceKind.choices)
    title = models.CharField("名称", max_length=200)
    file = models.FileField("文件", upload_to="enforcement/%Y/%m/", max_length=300)
    original_name = models.CharField("原文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    recorded_on = models.DateField("记录日期")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "执法全过程记录"
        ordering = ["recorded_on", "pk"]

    def __str__(self):
        return f"{self.get_step_display()}：{self.title}"

    @property
    def organisation_id(self):
        return self.case.organisation_id


class Challenge(models.Model):
    """A 复议 or 诉讼 case about this decision. When its outcome lands, `triggers` marks the decision and, if it was
    published, starts the 3-day withdrawal of its publication (art. 48(2))."""

    case = models.ForeignKey(EnforcementCase, verbose_name="执法案件", on_delete=models.CASCADE,
                             related_name="challenges")
    reconsideration_case = models.ForeignKey("reconsideration.Case", verbose_name="行政复议案件", null=True,
                                             blank=True, on_delete=models.CASCADE, related_name="enforcement_links")
    litigation_case = models.ForeignKey("litigation.LitigationCase", verbose_name="行政诉讼案件", null=True,
                                        blank=True, on_delete=models.CASCADE, related_name="enforcement_links")
    linked_on = models.DateField("关联日期")

    class Meta:
        verbose_name = verbose_name_plural = "执法决定的复议诉讼"
        constraints = [
            models.CheckConstraint(condition=Q(reconsideration_case__isnull=False) | Q(litigation_case__isnull=False),
                                   name="enforcement_challenge_has_case"),
            models.UniqueConstraint(fields=["case", "reconsideration_case"], name="enforcement_uniq_recon_link"),
            models.UniqueConstraint(fields=["case", "litigation_case"], name="enforcement_uniq_litig_link"),
        ]

    @property
    def organisation_id(self):
        return self.case.organisation_id

    def __str__(self):
        other = self.reconsideration_case or self.litigation_case
        return f"{self.case.number} ← {other}"


class StandardQuerySet(ScopedQuerySet):
    scope_field = "organisation"

    def in_force_on(self, day):
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day)


class DiscretionStandard(models.Model):
    """A 裁量基准 for one violation of a penalty item: its circumstances (levels) with the kinds and fine range each
    allows. Issued by a department or government (documented by its 文号), dated."""

    organisation = models.ForeignKey(Organisation, verbose_name="制定机关", on_delete=models.PROTECT,
                                     related_name="discretion_standards")
    power_item = models.ForeignKey("powers.PowerItem", verbose_name="权责事项", on_delete=models.PROTECT,
                                   related_name="discretion_standards")
    code = models.CharField("基准编号", max_length=60)
    violation = models.CharField("违法行为", max_length=300)
    basis = models.TextField("处罚依据")
    document_number = models.CharField("发布文号", max_length=100)
    valid_from = models.DateField("生效日期")
    valid_to = models.DateField("失效日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StandardQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "行政处罚裁量基准"
        ordering = ["organisation__path", "code"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code", "valid_from"],
                                               name="enforcement_uniq_standard")]

    def __str__(self):
        return f"{self.code} {self.violation}"

    def get_absolute_url(self):
        return reverse("enforcement:standard", args=[self.pk])


class DiscretionLevel(models.Model):
    standard = models.ForeignKey(DiscretionStandard, verbose_name="裁量基准", on_delete=models.CASCADE,
                                 related_name="levels")
    circumstance = models.CharField("裁量情形", max_length=20, choices=Circumstance.choices)
    conditions = models.TextField("适用条件")
    kinds = models.JSONField("处罚种类", default=list, blank=True)
    fine_min = models.DecimalField("罚款下限（元）", max_digits=16, decimal_places=2, null=True, blank=True)
    fine_max = models.DecimalField("罚款上限（元）", max_digits=16, decimal_places=2, null=True, blank=True)
    exempt_list = models.CharField("免罚清单", max_length=20, choices=ExemptList.choices, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "裁量情形"
        ordering = ["standard", "pk"]

    def __str__(self):
        return f"{self.standard.code} {self.get_circumstance_display()}：{self.conditions[:40]}"

    @property
    def kind_labels(self) -> list[str]:
        from fazhi.enforcement.choices import PenaltyKind

        labels = dict(PenaltyKind.choices)
        return [labels.get(k, k) for k in self.kinds or []]

    @property
    def range_text(self) -> str:
        if self.fine_min is None and self.fine_max is None:
            return "—"
        return f"{self.fine_min if self.fine_min is not None else 0}–{self.fine_max if self.fine_max is not None else '不限'} 元"


class RoundQuerySet(ScopedQuerySet):
    scope_field = "organisation"


class ReviewRound(models.Model):
    """案卷评查: files of the decisions made in a period, drawn at random per organisation below the reviewing body
    (reproducibly: the seed is published with the round), scored on the round's sheet."""

    organisation = models.ForeignKey(Organisation, verbose_name="组织评查机关", on_delete=models.PROTECT,
                                     related_name="review_rounds")
    title = models.CharField("评查活动", max_length=200)
    start = models.DateField("案卷决定日期自")
    end = models.DateField("至")
    per_organisation = models.PositiveSmallIntegerField("每个单位抽取案卷数", default=3)
    seed = models.CharField("随机种子", max_length=64)
    pass_score = models.DecimalField("合格分", max_digits=5, decimal_places=1, default=60)
    excellent_score = models.DecimalField("优秀分", max_digits=5, decimal_places=1, default=90)
    rectify_days = models.PositiveSmallIntegerField("整改期限（日）", default=30)
    status = models.CharField("状态", max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    sampled_on = models.DateField("抽取日期", null=True, blank=True)
    closed_on = models.DateField("结束日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "案卷评查活动"
        ordering = ["-start", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("enforcement:round", args=[self.pk])


class SheetItem(models.Model):
    round = models.ForeignKey(ReviewRound, verbose_name="评查活动", on_delete=models.CASCADE, related_name="sheet")
    position = models.PositiveSmallIntegerField("序号")
    category = models.CharField("类别", max_length=20)
    description = models.CharField("评查内容", max_length=300)
    points = models.DecimalField("分值", max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = verbose_name_plural = "评分项目"
        ordering = ["round", "position"]

    def __str__(self):
        return f"{self.category}（{self.points}分）"


class FileQuerySet(ScopedQuerySet):
    scope_field = "case__organisation"

    def visible_to(self, user):
        """The reviewed department sees its files; the reviewing body sees the round's."""
        from fazhi.core.scoping import scope_q, sees_everything

        if sees_everything(user):
            return self
        return self.filter(scope_q(user, "case__organisation") | scope_q(user, "round__organisation"))


class ReviewFile(models.Model):
    round = models.ForeignKey(ReviewRound, verbose_name="评查活动", on_delete=models.CASCADE, related_name="files")
    case = models.ForeignKey(EnforcementCase, verbose_name="执法案卷", on_delete=models.PROTECT,
                             related_name="review_files")
    draw = models.PositiveSmallIntegerField("抽取顺序")
    score = models.DecimalField("得分", max_digits=5, decimal_places=1, null=True, blank=True)
    grade = models.CharField("等次", max_length=20, choices=Grade.choices, blank=True)
    reviewer = models.CharField("评查人员", max_length=100, blank=True)
    reviewed_on = models.DateField("评查日期", null=True, blank=True, db_index=True)
    rectify_due = models.DateField("整改期限", null=True, blank=True)
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)
    rectification = models.TextField("整改情况", blank=True)

    objects = FileQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "评查案卷"
        ordering = ["round", "case__organisation__path", "draw"]
        constraints = [models.UniqueConstraint(fields=["round", "case"], name="enforcement_uniq_review_file")]

    def __str__(self):
        return f"{self.round.title}：{self.case.number}"

    def get_absolute_url(self):
        return reverse("enforcement:review_file", args=[self.pk])

    @property
    def organisation(self):
        return self.case.organisation

    @property
    def organisation_id(self):
        return self.case.organisation_id


class ReviewScore(models.Model):
    file = models.ForeignKey(ReviewFile, verbose_name="评查案卷", on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(SheetItem, verbose_name="评分项目", on_delete=models.PROTECT, related_name="scores")
    deducted = models.DecimalField("扣分", max_digits=5, decimal_places=1, default=0)
    problem = models.CharField("发现的问题", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "评查扣分"
        ordering = ["file", "item__position"]
