"""历年报告审核 API: audit an uploaded report; list saved historical values (scoped like the pages)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import File, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from fazhi.metrics.models import HistoricalValue
from fazhi.reports.legacy.audit import audit_bytes
from fazhi.reports.legacy.extract import UnsupportedFile

router = Router(tags=["历年报告审核"])


@router.post("/audit", summary="审核一份报告（.txt/.docx/.pdf），返回修复后的全文、提纲、数字和发现")
def audit(request, file: UploadedFile = File(...)):  # noqa: B008 (ninja's declaration style)
    try:
        return audit_bytes(file.read(), file.name or "").as_json()
    except UnsupportedFile as e:
        raise HttpError(400, e.message) from e


class HistoricalValueOut(Schema):
    organisation: str
    year: int
    metric_key: str
    value: Decimal
    unit: str
    source_document: str
    updated_at: dt.datetime

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.code


@router.get("/historical-values", response=list[HistoricalValueOut], summary="已保存的历史指标值")
def historical_values(request, metric: str = "", org: str = "", year: int | None = None):
    qs = HistoricalValue.objects.visible_to(request.auth).select_related("organisation")
    if metric:
        qs = qs.filter(metric_key=metric)
    if org:
        qs = qs.filter(organisation__code=org)
    if year is not None:
        qs = qs.filter(year=year)
    return list(qs[:1000])
