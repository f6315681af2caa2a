"""Saving historical values of metrics (figures of past years taken from documents)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.db import transaction

from fazhi.core import audit, clock
from fazhi.core.choices import AuditAction, Role
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError, has_role, require
from fazhi.metrics.models import HistoricalValue

_KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
EARLIEST_YEAR = 1990
# Who may record an organisation's past figures: its administrators, supervisors above it, its legal officer.
SAVE_ROLES = (Role.ADMIN, Role.SUPERVISOR, Role.LEGAL_OFFICER)


def may_save_historical(user, organisation: Organisation) -> bool:
    return has_role(user, organisation, *SAVE_ROLES)


def _validate(organisation, year, metric_key, value) -> Decimal:
    this_year = clock.today().year
    if not isinstance(year, int) or not EARLIEST_YEAR <= year < this_year:
        raise ActionError(f"年度须为 {EARLIEST_YEAR} 年至 {this_year - 1} 年之间的以往年度。", field="year")
    if not metric_key or not _KEY.match(metric_key):
        raise ActionError(f"指标代码“{metric_key}”格式不正确（应如 reconsideration.received）。", field="metric_key")
    try:
        value = Decimal(str(value))
    except (InvalidOperation, ValueError) as e:
        raise ActionError(f"数值“{value}”不是有效数字。", field="value") from e
    if not value.is_finite() or abs(value) >= Decimal("1e15"):
        raise ActionError(f"数值“{value}”超出范围。", field="value")
    if not organisation.active:
        raise ActionError(f"机构“{organisation.name}”已撤销，不能录入。")
    return value


@transaction.atomic
def save_historical_value(*, actor, organisation: Organisation, year: int, metric_key: str, value, unit: str = "",
                          source_text: str = "", source_document: str = "", reason: str = "") -> HistoricalValue:
    """Create or replace the value of a metric for an organisation's past year, with an audit event."""
    require(may_save_historical(actor, organisation), "您没有为该机构录入历史指标值的权限。")
    value = _validate(organisation, year, metric_key, value)
    row = HistoricalValue.objects.select_for_update().filter(organisation=organisation, year=year,
                                                              metric_key=metric_key).first()
    fields = ["value", "unit", "source_text", "source_document"]
    if row is None:
        row = HistoricalValue.objects.create(organisation=organisation, year=year, metric_key=metric_key,
                                             value=value, unit=unit[:20], source_text=source_text,
                                             source_document=source_document[:300], created_by=actor,
                                             updated_by=actor)
        audit.record(actor=actor, obj=row, action=AuditAction.CREATE, verb="录入历史指标值",
                     after=audit.snapshot(row, ["year", "metric_key", *fields]), reason=reason)
        return row
    before = audit.snapshot(row, fields)
    row.value, row.unit, row.source_text, row.source_document = value, unit[:20], source_text, source_document[:300]
    row.updated_by = actor
    row.save()
    b, a = audit.diff(before, audit.snapshot(row, fields))
    if a:
        audit.record(actor=actor, obj=row, action=AuditAction.UPDATE, verb="修改历史指标值", before=b, after=a,
                     reason=reason)
    return row


@transaction.atomic
def save_historical_values(*, actor, organisation: Organisation, year: int, items: list[dict],
                           source_document: str = "", reason: str = "") -> list[HistoricalValue]:
    """Save several values at once, all or nothing. items: {"metric_key", "value", "unit", "source_text"}."""
    if not items:
        raise ActionError("请至少选择一个数字。")
    keys = [i["metric_key"] for i in items]
    duplicated = sorted({k for k in keys if keys.count(k) > 1})
    if duplicated:
        raise ActionError(f"同一指标选择了多个数字：{'、'.join(duplicated)}。每个指标只能保存一个值。")
    return [save_historical_value(actor=actor, organisation=organisation, year=year, metric_key=i["metric_key"],
                                  value=i["value"], unit=i.get("unit", ""), source_text=i.get("source_text", ""),
                                  source_document=source_document, reason=reason) for i in items]


@transaction.atomic
def delete_historical_value(row: HistoricalValue, *, actor, reason: str = "") -> None:
    require(may_save_historical(actor, row.organisation), "您没有删除该历史指标值的权限。")
    audit.record(actor=actor, obj=row, action=AuditAction.DELETE, verb="删除历史指标值",
                 before=audit.snapshot(row, ["year", "metric_key", "value", "unit", "source_document"]),
                 reason=reason)
    row.delete()
