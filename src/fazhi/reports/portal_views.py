"""Published annual reports on the public portal (督察工作规定 art. 24: made public before 1 April)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from fazhi.portal.masking import mask_text
from fazhi.portal.views import portal_context
from fazhi.reports.assemble import AssembledReport
from fazhi.reports.models import AnnualReport
from fazhi.reports.render import to_docx
from fazhi.reports.views import DOCX, _attachment


def report_list(request):
    qs = AnnualReport.objects.published().select_related("organisation").order_by("-year", "organisation__path")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "reports/portal_list.html", {**portal_context(request), "page": page, "querystring": ""})


def _published(pk) -> tuple[AnnualReport, AssembledReport]:
    """The published report as the public sees it: narratives written by people go through the portal's masking
    (identity and phone numbers removed), in the page and in the Word download alike."""
    report = get_object_or_404(AnnualReport.objects.published().select_related("organisation"), pk=pk)
    doc = AssembledReport.from_dict(report.frozen)
    for section in doc.sections:
        section.narrative = mask_text(section.narrative)
    return report, doc


def report_detail(request, pk):
    report, doc = _published(pk)
    return render(request, "reports/portal_detail.html", {**portal_context(request), "report": report, "doc": doc,
                                                          "links": False})


def report_docx(request, pk):
    report, doc = _published(pk)
    content = to_docx(doc, doc_number=report.doc_number, recipients=report.recipients, date=report.published_on)
    return _attachment(content, f"{doc.title}.docx", DOCX)
