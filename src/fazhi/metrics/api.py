from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from fazhi.core.models import Organisation
from fazhi.metrics.registry import Scope, UnknownMetric, all_metrics, evaluate, get

router = Router(tags=["指标"])


class MetricOut(Schema):
    key: str
    label: str
    unit: str
    definition: str


@router.get("/", response=list[MetricOut], summary="指标口径清单")
def list_metrics(request):
    return [{"key": m.key, "label": m.label, "unit": m.unit, "definition": m.definition} for m in all_metrics()]


@router.get("/{key}", summary="某机构某年度的指标值")
def metric_value(request, key: str, org: str, year: int):
    try:
        get(key)
    except UnknownMetric:
        raise Http404("未知指标")
    organisation = get_object_or_404(Organisation.objects.visible_to(request.auth), code=org)
    return evaluate(key, Scope.for_year(organisation, year))
