"""The annual report through the API: the report of an organisation and year as JSON, and saved reports."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from fazhi.core.models import Organisation
from fazhi.reports.assemble import assemble_for, assemble_report
from fazhi.reports.models import AnnualReport

router = Router(tags=["年度报告"])


class ReportOut(Schema):
    id: int
    org: str
    year: int
    title: str
    status: str


def _out(r: AnnualReport) -> dict:
    return {"id": r.pk, "org": r.organisation.code, "year": r.year, "title": r.title, "status": r.status}


@router.get("/reports", response=list[ReportOut], summary="可见的年度报告")
def list_reports(request, year: int | None = None):
    qs = AnnualReport.objects.visible_to(request.auth).select_related("organisation")
    if year:
        qs = qs.filter(year=year)
    return [_out(r) for r in qs]


@router.get("/reports/{pk}", summary="年度报告全文（章节与数据）")
def get_report(request, pk: int):
    report = get_object_or_404(AnnualReport.objects.visible_to(request.auth).select_related("organisation"), pk=pk)
    return {**_out(report), **assemble_report(report).as_dict()}


@router.get("/annual", summary="某机构某年度的年度报告（按记录生成）")
def annual(request, org: str, year: int):
    organisation = get_object_or_404(Organisation.objects.visible_to(request.auth), code=org)
    if not 2000 <= year <= 2100:
        raise Http404("年度无效")
    return assemble_for(organisation, year).as_dict()
