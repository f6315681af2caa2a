"""The law library: laws, their dated versions and the articles of each version.

Laws are public texts, not records of an organisation: every user (and the public portal) sees all of them, so the
querysets answer `visible_to(user)` with everything.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.numerals import to_chinese
from fazhi.core.scoping import ScopedQuerySet


class PublicQuerySet(models.QuerySet):
    """Laws are published by the state; nobody's scope hides them."""

    def visible_to(self, user):
        return self.all()

    def published(self):
        return self.all()


class Category(models.Model):
    """A folder of the collection (宪法相关法, 行政法, 行政法规, 部门规章/公安部 …)."""

    name = models.CharField("类别", max_length=100, unique=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "法律类别"
        ordering = ["name"]

    def __str__(self):
        return self.name


class LawQuerySet(PublicQuerySet):
    def named(self, name: str):
        """A law by its full title, its short title, or its title without the 中华人民共和国 prefix."""
        name = name.strip()
        bare = name.removeprefix("中华人民共和国")
        return self.filter(models.Q(title=name) | models.Q(short_title=name) | models.Q(title=f"中华人民共和国{bare}")
                           | models.Q(short_title=bare))

    def with_latest_label(self):
        """Each law with the label of its latest version, read in the same query (a list shows it per row)."""
        latest = LawVersion.objects.filter(law=models.OuterRef("pk")).order_by("-version_date").values("label")[:1]
        return self.annotate(latest_version_label=models.Subquery(latest))


class Law(models.Model):
    title = models.CharField("标题", max_length=300, unique=True)
    short_title = models.CharField("简称", max_length=200, db_index=True)
    categories = models.ManyToManyField(Category, verbose_name="类别", related_name="laws", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LawQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "法律法规"
        ordering = ["short_title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("laws:law_detail", args=[self.pk])

    def version_on(self, on: dt.date) -> LawVersion | None:
        """The version in force on a date: the latest one whose effective date is not after it."""
        return self.versions.filter(effective__lte=on).order_by("-effective", "-version_date").first()

    def current_version(self) -> LawVersion | None:

        return self.version_on(clock.today()) or self.versions.order_by("-version_date").first()

    def latest_label(self) -> str:
        if hasattr(self, "latest_version_label"):  # annotated by LawQuerySet.with_latest_label (lists)
            return self.latest_version_label or ""
        v = self.versions.order_by("-version_date").first()
        return v.label if v else ""

    def category_names(self) -> str:
        return "、".join(c.name for c in self.categories.all())


class LawVersion(models.Model):
    """One text of a law, as adopted or amended on `version_date` and in force from `effective`."""

    law = models.ForeignKey(Law, verbose_name="法律", on_delete=models.CASCADE, related_name="versions")
    version_date = models.DateField("通过或修改日期")
    label = models.CharField("版本", max_length=40)  # "2023年修订"
    effective = models.DateField("施行日期")
    effective_basis = models.CharField("施行日期依据", max_length=200, blank=True)
    history = models.JSONField("沿革", default=list)  # [{"date": "2023-09-01", "event": "…修订"}]
    preamble = models.TextField("正文（条文以外）", blank=True)
    parts = models.JSONField("来源文件", default=dict)  # part name ("" for a whole law) → {"path", "sha256"}
    superseded_by = models.ForeignKey("self", verbose_name="被…取代", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="supersedes")
    article_count = models.PositiveIntegerField("条文数", default=0)
    imported_at = models.DateTimeField("导入时间", auto_now=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "法律版本"
        ordering = ["law__short_title", "-version_date"]
        constraints = [models.UniqueConstraint(fields=["law", "version_date"], name="laws_uniq_version")]
        indexes = [models.Index(fields=["law", "effective"])]

    def __str__(self):
        return f"《{self.law.short_title}》（{self.label}）"

    def get_absolute_url(self):
        return reverse("laws:version_detail", args=[self.pk])

    def in_force_until(self) -> dt.date | None:
        """The day before the superseding version takes effect; None while still in force."""
        if self.superseded_by_id is None:
            return None
        return self.superseded_by.effective - dt.timedelta(days=1)

    def is_in_force(self, on: dt.date) -> bool:
        until = self.in_force_until()
        return self.effective <= on and (until is None or on <= until)


class ArticleQuerySet(PublicQuerySet):
    def matching(self, text: str):
        return self.filter(text__icontains=text)


class Article(models.Model):
    """第X条 (or 第X条之一): its text keeps one line per paragraph (款) or item (项)."""

    version = models.ForeignKey(LawVersion, verbose_name="版本", on_delete=models.CASCADE, related_name="articles")
    part = models.CharField("编", max_length=100, blank=True)  # the file's subtitle when a code is split (民法典)
    heading = models.CharField("章节", max_length=300, blank=True)  # "第一章 总则 · 第一节 一般规定"
    number = models.PositiveIntegerField("条号")
    suffix = models.PositiveSmallIntegerField("之几", default=0)  # 第一百二十条之一 → number 120, suffix 1
    text = models.TextField("条文")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "条文"
        ordering = ["version", "number", "suffix"]
        constraints = [models.UniqueConstraint(fields=["version", "number", "suffix"], name="laws_uniq_article")]

    def __str__(self):
        return f"{self.version}{self.label}"

    @property
    def label(self) -> str:
        return article_label(self.number, self.suffix)

    def get_absolute_url(self):
        return reverse("laws:article_detail", args=[self.pk])

    def paragraphs(self) -> list[Paragraph]:
        return split_paragraphs(self.text)


def article_label(number: int, suffix: int = 0) -> str:
    return f"第{to_chinese(number)}条" + (f"之{to_chinese(suffix)}" if suffix else "")


class Paragraph:
    """One 款 of an article with its 项 (items like "（一）…")."""

    def __init__(self, text: str):
        self.text = text
        self.items: list[str] = []

    @property
    def full_text(self) -> str:
        return "\n".join([self.text, *self.items])


ITEM_OPENERS = ("（", "(")


def is_item(line: str) -> bool:
    """An item (项) opens with a bracketed Chinese numeral: （一）, (二)."""
    if not line.startswith(ITEM_OPENERS):
        return False
    close = min((i for i in (line.find("）"), line.find(")")) if i > 0), default=-1)
    return 1 < close <= 6 and all(ch in "零〇一二三四五六七八九十百" for ch in line[1:close])


def split_paragraphs(text: str) -> list[Paragraph]:
    """Items belong to the paragraph before them (a 项 is part of its 款)."""
    out: list[Paragraph] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if is_item(line) and out:
            out[-1].items.append(line)
        else:
            out.append(Paragraph(line))
    return out


class FlagStatus(models.TextChoices):
    OPEN = "open", "待复核"
    RESOLVED = "resolved", "已复核"


class ArticleChange(models.TextChoices):
    AMENDED = "amended", "条文修改"
    RENUMBERED = "renumbered", "条号变化"
    REPEALED = "repealed", "条文删除或重写"
    LAW_REPEALED = "law_repealed", "法律废止"


class FlagResolution(models.TextChoices):
    STILL_VALID = "still_valid", "依据仍然适用，不需修改"
    UPDATED = "updated", "已改为新的引用"
    REMOVED = "removed", "已删除该依据"


class CitationFlagQuerySet(ScopedQuerySet):
    """Each flag belongs to the organisation that owns the citing record (its review queue)."""

    scope_field = "organisation"

    def open(self):
        return self.filter(status=FlagStatus.OPEN)


class CitationFlag(models.Model):
    """A record citing an article that a new version of its law amended, renumbered or repealed, with both texts,
    waiting for the owning organisation to review it (`fazhi.laws.watch`)."""

    organisation = models.ForeignKey("core.Organisation", verbose_name="负责机构", on_delete=models.PROTECT,
                                     related_name="+")
    source = models.CharField("来源", max_length=60)  # a registered citation source, e.g. "powers.basis"
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField("引用记录", max_length=300)
    object_url = models.CharField(max_length=300, blank=True)
    citation = models.CharField("原引用", max_length=300)
    law = models.ForeignKey(Law, verbose_name="法律", on_delete=models.CASCADE, related_name="+")
    old_version = models.ForeignKey(LawVersion, verbose_name="原版本", on_delete=models.CASCADE, related_name="+")
    new_version = models.ForeignKey(LawVersion, verbose_name="新版本", on_delete=models.CASCADE, related_name="+")
    change = models.CharField("变化", max_length=20, choices=ArticleChange.choices)
    old_article = models.CharField("原条号", max_length=40)
    new_article = models.CharField("新条号", max_length=40, blank=True)
    old_text = models.TextField("原条文")
    new_text = models.TextField("新条文", blank=True)
    similarity = models.PositiveSmallIntegerField("与原条文相似度（%）", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN,
                              db_index=True)
    resolution = models.CharField("复核结论", max_length=20, choices=FlagResolution.choices, blank=True)
    new_citation = models.CharField("新的引用", max_length=300, blank=True)
    note = models.TextField("复核意见", blank=True)
    resolved_on = models.DateField("复核日期", null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="复核人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("发现时间", auto_now_add=True)

    objects = CitationFlagQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "依据变更复核"
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["source", "object_id", "citation", "new_version"],
                                               name="laws_uniq_flag")]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self):
        return f"{self.object_repr}：{self.citation}（{self.get_change_display()}）"

    def get_absolute_url(self):
        return reverse("laws:flag_detail", args=[self.pk])
