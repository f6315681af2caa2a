"""行政规范性文件: the document and its life cycle, its text in versions parsed into articles, the laws it cites,
comments received in public consultation, clean-up campaigns and the scrutiny (附带审查) of a document."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.models import Organisation
from fazhi.core.scoping import ScopedQuerySet, scope_q
from fazhi.normdocs.choices import (
    DRAFTING,
    CampaignKind,
    CampaignStatus,
    CommentStatus,
    EndKind,
    FilingOutcome,
    Handling,
    Outcome,
    ReviewOpinion,
    ScrutinySource,
    Status,
)

PUBLIC_STATUSES = (Status.PUBLISHED, Status.ABOLISHED, Status.EXPIRED)


def in_force_q(on: dt.date) -> Q:
    """The condition of `DocumentQuerySet.in_force_on`, for a filtered count beside other figures."""
    return (Q(status__in=PUBLIC_STATUSES, published_on__isnull=False)
            & (Q(effective_from__isnull=True, published_on__lte=on) | Q(effective_from__lte=on))
            & (Q(valid_until__isnull=True) | Q(valid_until__gte=on))
            & (Q(ended_on__isnull=True) | Q(ended_on__gt=on)))


class DocumentQuerySet(ScopedQuerySet):
    scope_field = "organisation"

    def visible_to(self, user):
        """The maker, the body that reviews its legality, and the level its filing goes to."""
        q = scope_q(user, "organisation")
        if q is None:
            return self
        return self.filter(q | scope_q(user, "reviewer") | scope_q(user, "filing_authority"))

    def published(self):
        return self.filter(status__in=PUBLIC_STATUSES, published_on__isnull=False)

    def in_force_on(self, on: dt.date):
        """Published, in effect and neither ended nor past its validity on `on` (an unpublished document has no
        effect, 国办发〔2018〕37号)."""
        return self.filter(in_force_q(on))

    def ended_by(self, on: dt.date):
        """Published documents no longer in force on `on`: abolished, declared invalid, or past their validity."""
        return self.published().filter(Q(ended_on__lte=on) | Q(valid_until__lt=on))


class Document(models.Model):
    organisation = models.ForeignKey(Organisation, verbose_name="制定机关", on_delete=models.PROTECT,
                                     related_name="normative_documents")
    reviewer = models.ForeignKey(Organisation, verbose_name="合法性审核机构", on_delete=models.PROTECT,
                                 related_name="+")
    filing_authority = models.ForeignKey(Organisation, verbose_name="备案审查机关", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    filing_authority_name = models.CharField("备案审查机关名称", max_length=200, blank=True)
    files_with_congress = models.BooleanField("报本级人大常委会备案", default=False)
    title = models.CharField("文件名称", max_length=300)
    drafter = models.CharField("起草单位", max_length=200, blank=True)
    affects_rights = models.BooleanField("涉及公民、法人和其他组织权利义务", default=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    legacy = models.BooleanField("存量文件登记", default=False)
    drafted_on = models.DateField("起草日期")
    consultation_start = models.DateField("征求意见开始日期", null=True, blank=True)
    consultation_end = models.DateField("征求意见截止日期", null=True, blank=True)
    consultation_closed_on = models.DateField("征求意见结束日期", null=True, blank=True)
    consultation_summary = models.TextField("意见采纳情况说明", blank=True)
    review_submitted_on = models.DateField("送审日期", null=True, blank=True)
    review_due = models.DateField("审核期限", null=True, blank=True)
    reviewed_on = models.DateField("审核日期", null=True, blank=True)
    review_opinion = models.CharField("审核意见", max_length=20, choices=ReviewOpinion.choices, blank=True)
    review_note = models.TextField("审核意见书要点", blank=True)
    deliberated_on = models.DateField("集体审议日期", null=True, blank=True)
    deliberation_meeting = models.CharField("审议会议", max_length=200, blank=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    seq = models.PositiveIntegerField("序号", null=True, blank=True)
    number = models.CharField("文号", max_length=100, blank=True)
    registered_on = models.DateField("登记日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication_medium = models.CharField("公布载体", max_length=200, blank=True)
    effective_from = models.DateField("施行日期", null=True, blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    filing_due = models.DateField("报备期限", null=True, blank=True)
    filed_on = models.DateField("报送备案日期", null=True, blank=True)
    congress_filed_on = models.DateField("报人大常委会备案日期", null=True, blank=True)
    filing_outcome = models.CharField("备案审查结论", max_length=20, choices=FilingOutcome.choices, blank=True)
    filing_outcome_on = models.DateField("备案审查结论日期", null=True, blank=True)
    filing_outcome_note = models.TextField("备案审查意见", blank=True)
    correction_required = models.CharField("待纠正事由", max_length=300, blank=True)
    ended_on = models.DateField("失效日期", null=True, blank=True)
    end_kind = models.CharField("失效方式", max_length=20, choices=EndKind.choices, blank=True)
    end_reason = models.TextField("失效理由", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    @classmethod
    def audit_extra_fields(cls) -> dict:
        """Keys the actions record besides the document's own fields (core.audit_display)."""
        def yes(v):
            return "是" if v else "否"

        return {"on_time": ("是否按期", yes), "meeting": ("审议会议", str), "comments": ("收到意见数", str),
                "version": ("文本版本", str), "settled": ("解除的待纠正事由", str), "medium": ("公布载体", str),
                "reviewer": ("合法性审核机构", str), "filing_authority": ("备案审查机关", str),
                "lawful": ("认定合法", yes), "review": ("附带审查编号", str), "matched": ("关联方式", lambda v: "按文件名称自动关联" if v == "title" else str(v)),
                "added": ("纳入件数", str), "keyword": ("文件名称包含", str), "outcome": ("清理结论", str),
                "end_kind": ("失效方式", lambda v: dict(EndKind.choices).get(v, v))}

    class Meta:
        verbose_name = verbose_name_plural = "行政规范性文件"
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "published_on"]),
                   models.Index(fields=["status", "valid_until"]),
                   models.Index(fields=["published_on", "id"], name="normdocs_doc_list_order")]  # the list's order
        constraints = [models.UniqueConstraint(fields=["organisation", "number"], condition=~Q(number=""),
                                               name="normdoc_unique_number")]

    def __str__(self):
        return f"{self.title}（{self.number}）" if self.number else self.title

    def get_absolute_url(self):
        return reverse("normdocs:document", args=[self.pk])

    @property
    def provisional(self) -> bool:
        """暂行、试行 documents are valid for at most two years."""
        return "暂行" in self.title or "试行" in self.title

    def in_force(self, on: dt.date) -> bool:
        if self.status not in PUBLIC_STATUSES or self.published_on is None:
            return False
        start = self.effective_from or self.published_on
        return start <= on and (self.valid_until is None or on <= self.valid_until) and (
            self.ended_on is None or on < self.ended_on)

    def validity_label(self, on: dt.date) -> str:
        if self.status in (*DRAFTING, Status.WITHDRAWN):
            return self.get_status_display()
        if self.ended_on and self.ended_on <= on:
            return f"已{self.get_end_kind_display() or '失效'}"
        if self.valid_until and self.valid_until < on:
            return "有效期届满失效"
        if (self.effective_from or self.published_on) > on:
            return "尚未施行"
        return "现行有效"

    def version_on(self, on: dt.date) -> Version | None:
        return self.versions.filter(effective_from__lte=on).order_by("-effective_from", "-seq").first()

    def current_version(self) -> Version | None:
        return self.versions.order_by("-seq").first()


class VersionQuerySet(ScopedQuerySet):
    scope_field = "document__organisation"


class Version(models.Model):
    """One text of a document: the text as drafted, then as published, then each amendment; versions are never
    edited, a change is a new version."""

    document = models.ForeignKey(Document, verbose_name="文件", on_delete=models.CASCADE, related_name="versions")
    seq = models.PositiveSmallIntegerField("版本序号")
    label = models.CharField("版本", max_length=100)
    text = models.TextField("正文")
    sha256 = models.CharField(max_length=64)
    effective_from = models.DateField("生效日期", null=True, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "文件文本版本"
        ordering = ["document", "seq"]
        constraints = [models.UniqueConstraint(fields=["document", "seq"], name="normdoc_version_seq")]

    def __str__(self):
        return f"{self.document.title}（{self.label}）"


class Article(models.Model):
    version = models.ForeignKey(Version, verbose_name="版本", on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField("顺序")
    number = models.PositiveIntegerField("条号")
    suffix = models.PositiveSmallIntegerField(default=0)
    label = models.CharField("条目", max_length=40)
    text = models.TextField("条文")

    class Meta:
        verbose_name = verbose_name_plural = "文件条文"
        ordering = ["version", "position"]
        indexes = [models.Index(fields=["version", "number", "suffix"])]

    def __str__(self):
        return f"{self.version.document.title}{self.label}"


class LawCitation(models.Model):
    """A law article a version of the document cites, resolved against the law library on the version's date; the law
    watch flags it when the law changes (`fazhi.normdocs.sources`)."""

    version = models.ForeignKey(Version, verbose_name="版本", on_delete=models.CASCADE, related_name="law_citations")
    law = models.ForeignKey("laws.Law", verbose_name="法律法规", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField("条号")
    suffix = models.PositiveSmallIntegerField(default=0)
    citation = models.CharField("引用", max_length=300)

    class Meta:
        verbose_name = verbose_name_plural = "文件引用的法律条文"
        indexes = [models.Index(fields=["law", "number"])]

    def __str__(self):
        return self.citation


class CommentQuerySet(ScopedQuerySet):
    scope_field = "document__organisation"


class Comment(models.Model):
    """A comment received in public consultation, through the portal (no account) or registered by staff."""

    document = models.ForeignKey(Document, verbose_name="文件", on_delete=models.CASCADE, related_name="comments")
    body = models.TextField("意见内容")
    name = models.CharField("提出人", max_length=100, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    received_on = models.DateField("收到日期")
    via_portal = models.BooleanField("通过门户提交", default=False)
    client_hash = models.CharField(max_length=64, blank=True, db_index=True)
    submitted_at = models.DateTimeField("提交时间", default=clock.now)
    status = models.CharField("审核状态", max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    moderation_note = models.CharField("审核说明", max_length=300, blank=True)
    handling = models.CharField("处理情况", max_length=20, choices=Handling.choices, blank=True)
    handling_note = models.TextField("处理理由", blank=True)
    handled_on = models.DateField("处理日期", null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    @classmethod
    def audit_extra_fields(cls) -> dict:
        return {"length": ("意见字数", str), "document": ("文件", str)}

    class Meta:
        verbose_name = verbose_name_plural = "公开征求意见"
        ordering = ["document", "submitted_at", "pk"]

    def __str__(self):
        return f"对《{self.document.title}》的意见 #{self.pk}"

    def get_absolute_url(self):
        return reverse("normdocs:comment", args=[self.pk])


class CampaignQuerySet(ScopedQuerySet):
    scope_field = "organisation"


class Campaign(models.Model):
    organisation = models.ForeignKey(Organisation, verbose_name="组织清理的机关", on_delete=models.PROTECT,
                                     related_name="normdoc_campaigns")
    title = models.CharField("清理名称", max_length=200)
    kind = models.CharField("清理类型", max_length=20, choices=CampaignKind.choices)
    topic = models.CharField("清理主题", max_length=200, blank=True)
    started_on = models.DateField("开始日期")
    status = models.CharField("状态", max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.OPEN)
    concluded_on = models.DateField("公布日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "规范性文件清理"
        ordering = ["-started_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("normdocs:campaign", args=[self.pk])


class Entry(models.Model):
    campaign = models.ForeignKey(Campaign, verbose_name="清理", on_delete=models.CASCADE, related_name="entries")
    document = models.ForeignKey(Document, verbose_name="文件", on_delete=models.PROTECT, related_name="cleanups")
    outcome = models.CharField("清理结论", max_length=20, choices=Outcome.choices, blank=True)
    reason = models.CharField("理由", max_length=500, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "清理文件"
        ordering = ["campaign", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "document"], name="normdoc_entry_once")]

    def __str__(self):
        return f"{self.campaign.title}：{self.document.title}"


class Scrutiny(models.Model):
    """A finding about a published document by another procedure: a 复议 附带审查 (行政复议法 arts. 56–60) or the
    filing review. An unlawful finding marks the document for correction until its maker revises or ends it."""

    document = models.ForeignKey(Document, verbose_name="文件", on_delete=models.CASCADE, related_name="scrutinies")
    source = models.CharField("来源", max_length=20, choices=ScrutinySource.choices)
    incidental_review = models.OneToOneField("reconsideration.IncidentalReview", verbose_name="附带审查",
                                             null=True, blank=True, on_delete=models.PROTECT, related_name="normdoc_link")
    lawful = models.BooleanField("认定合法", null=True)
    decided_on = models.DateField("结论日期", null=True, blank=True)
    finding = models.TextField("审查意见", blank=True)
    linked_on = models.DateField("关联日期")

    class Meta:
        verbose_name = verbose_name_plural = "规范性文件审查记录"
        ordering = ["document", "linked_on", "pk"]

    def __str__(self):
        return f"{self.get_source_display()}：{self.document.title}"
