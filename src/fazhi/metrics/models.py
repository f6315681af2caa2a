"""Historical values: figures of years before the platform, so trends start earlier than the records do."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.scoping import ScopedQuerySet


class HistoricalValueQuerySet(ScopedQuerySet):
    scope_field = "organisation"

    def for_metric(self, key: str, organisation=None):
        qs = self.filter(metric_key=key)
        return qs.filter(organisation=organisation) if organisation is not None else qs

    def series(self, organisation, key: str) -> dict[int, object]:
        """{year: value} of a metric for an organisation, oldest first (for trend charts)."""
        rows = self.filter(organisation=organisation, metric_key=key).order_by("year").values_list("year", "value")
        return dict(rows)

    def value_for(self, organisation, key: str, year: int):
        """The saved value of a metric for an organisation and year, or None."""
        row = self.filter(organisation=organisation, metric_key=key, year=year).first()
        return row.value if row else None


class HistoricalValue(models.Model):
    """A metric's value for an organisation and a past year, taken from a document (e.g. a published annual
    report) rather than computed from records. The dashboard and the annual report read it for years without
    records."""

    organisation = models.ForeignKey("core.Organisation", verbose_name="机构", on_delete=models.PROTECT,
                                     related_name="historical_values")
    year = models.PositiveSmallIntegerField("年度")
    metric_key = models.CharField("指标", max_length=100)
    value = models.DecimalField("数值", max_digits=20, decimal_places=4)
    unit = models.CharField("单位", max_length=20, blank=True)
    source_text = models.TextField("出处原文", blank=True)
    source_document = models.CharField("来源文件", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="修改人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = HistoricalValueQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "历史指标值"
        ordering = ["organisation", "metric_key", "-year"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "metric_key"],
                                               name="uniq_historical_value")]

    def __str__(self):
        return f"{self.organisation} {self.year}年 {self.metric_key} = {self.display_value}{self.unit}"

    @property
    def display_value(self) -> str:
        v = self.value.normalize()
        return f"{v:f}"


class TableVersion(models.Model):
    """A counter per database table, raised after each committed write to it (metrics.freshness)."""

    name = models.CharField("数据表", max_length=100, primary_key=True)
    version = models.BigIntegerField("版本", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "数据表版本"

    def __str__(self):
        return f"{self.name} v{self.version}"


class FigureCache(models.Model):
    """A figure as computed for one organisation and period, with the versions of the tables it was read from.
    Served only while none of them has changed (metrics.stored); not a record, so not audited or scoped: nobody
    reads it but the metric registry, which checks the reader's scope before asking."""

    key = models.CharField("指标", max_length=100)
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    start = models.DateField("起始日")
    end = models.DateField("截止日")
    as_of = models.DateField("计算日", help_text="期间未结束时为计算当日；已结束的期间为 0001-01-01")
    value = models.CharField("数值", max_length=60)
    tables = models.JSONField("所依据数据表版本", default=dict)
    computed_at = models.DateTimeField("计算时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "指标值缓存"
        constraints = [models.UniqueConstraint(fields=["organisation", "start", "end", "as_of", "key"],
                                               name="uniq_figure_cache")]

    def __str__(self):
        return f"{self.key} {self.organisation_id} {self.start}–{self.end} = {self.value}"


class QueryCache(models.Model):
    """The result of one list query (its count, or the choices of its filter), keyed by the query's SQL and
    parameters hashed, with the versions of the tables it read: a province-wide list counts its hundred thousand rows
    once per change, not once per page (metrics.stored)."""

    key = models.CharField("查询摘要", max_length=64, primary_key=True)
    value = models.JSONField("结果")
    tables = models.JSONField("所依据数据表版本", default=dict)
    computed_at = models.DateTimeField("计算时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "列表查询缓存"

    def __str__(self):
        return self.key[:12]
