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
