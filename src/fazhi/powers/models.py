"""权责清单: power items (and sub-items) with dated validity, their legal bases resolved against the law library, and
the dated adjustments that change the list. An item is never edited in place: an adjustment ends it (`valid_to`)
and starts its successor, so the list as it stood on any date is a plain filter (`in_force_on`)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.urls import reverse

from fazhi.core.models import Organisation
from fazhi.core.scoping import ScopedQuerySet
from fazhi.powers.choices import AdjustmentKind, BasisStatus, Category, Level


class PowerItemQuerySet(ScopedQuerySet):
    scope_field = "organisation"

    def in_force_on(self, day: dt.date):
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day)

    def current(self):
        return self.filter(valid_to__isnull=True)

    def top_level(self):
        return self.filter(parent__isnull=True)


class PowerItem(models.Model):
    """One item (事项) or sub-item (子项) of an organisation's list, valid from one adjustment to the next."""

    organisation = models.ForeignKey(Organisation, verbose_name="实施机关", on_delete=models.PROTECT,
                                     related_name="power_items")
    code = models.CharField("事项编码", max_length=60)
    name = models.CharField("事项名称", max_length=300)
    category = models.CharField("权力类别", max_length=20, choices=Category.choices)
    level = models.CharField("行使层级", max_length=10, choices=Level.choices, default=Level.COUNTY)
    parent = models.ForeignKey("self", verbose_name="所属事项", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    responsibilities = models.TextField("责任事项", blank=True)
    accountability = models.TextField("追责情形", blank=True)
    # 运行流程图 as data: [{"id": "1", "label": "受理", "next": [{"to": "2", "when": ""}]}, …]
    flowchart = models.JSONField("运行流程图", default=list, blank=True)
    # 赋权乡镇 / 下放: the department (and its item) the power came from.
    delegated_from = models.ForeignKey(Organisation, verbose_name="赋权或下放机关", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="delegated_power_items")
    source_item = models.ForeignKey("self", verbose_name="来源事项", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="derived_items")
    valid_from = models.DateField("生效日期", db_index=True)
    valid_to = models.DateField("失效日期", null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PowerItemQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "权责事项"
        ordering = ["organisation__path", "category", "code", "-valid_from"]
        indexes = [models.Index(fields=["organisation", "valid_from"]), models.Index(fields=["code"]),
                   models.Index(fields=["category", "valid_from"])]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("powers:item_detail", args=[self.pk])

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to > day)

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class PowerBasis(models.Model):
    """A legal basis (设定依据) of an item, as cited and as resolved against the law library on the item's date."""

    item = models.ForeignKey(PowerItem, verbose_name="事项", on_delete=models.CASCADE, related_name="bases")
    position = models.PositiveSmallIntegerField("序号", default=1)
    citation = models.CharField("依据", max_length=300)
    status = models.CharField("解析状态", max_length=20, choices=BasisStatus.choices)
    message = models.CharField("说明", max_length=300, blank=True)
    law = models.ForeignKey("laws.Law", verbose_name="法律法规", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="+")
    version = models.ForeignKey("laws.LawVersion", verbose_name="版本", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    article = models.ForeignKey("laws.Article", verbose_name="条文", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    number = models.PositiveIntegerField("条号", null=True, blank=True)
    suffix = models.PositiveSmallIntegerField(default=0)
    canonical = models.CharField("规范引用", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "设定依据"
        ordering = ["item", "position", "pk"]
        indexes = [models.Index(fields=["law", "number"])]

    def __str__(self):
        return self.canonical or self.citation


class AdjustmentQuerySet(ScopedQuerySet):
    scope_field = "organisation"


class Adjustment(models.Model):
    """A dated change to an organisation's list, with the document that approved it."""

    organisation = models.ForeignKey(Organisation, verbose_name="机构", on_delete=models.PROTECT,
                                     related_name="power_adjustments")
    kind = models.CharField("调整类型", max_length=20, choices=AdjustmentKind.choices)
    effective_on = models.DateField("生效日期", db_index=True)
    document_number = models.CharField("批准文件文号", max_length=100)
    document_title = models.CharField("批准文件名称", max_length=300, blank=True)
    reason = models.TextField("调整理由", blank=True)
    ended = models.ManyToManyField(PowerItem, verbose_name="终止的事项", related_name="ended_by", blank=True)
    started = models.ManyToManyField(PowerItem, verbose_name="新生效的事项", related_name="started_by", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AdjustmentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "清单调整"
        ordering = ["-effective_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.effective_on:%Y-%m-%d} {self.document_number}"

    def get_absolute_url(self):
        return reverse("powers:adjustment_detail", args=[self.pk])
