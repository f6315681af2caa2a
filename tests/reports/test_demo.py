import datetime as dt
import io

from django.core.management import call_command

from fazhi.core import demo
from fazhi.core.gongwen import docx_text
from fazhi.metrics.registry import Scope, evaluate
from fazhi.reports.assemble import assemble_for
from fazhi.reports.choices import ReportStatus, SubmissionStatus
from fazhi.reports.models import AnnualReport, Submission

TODAY = dt.date(2026, 11, 20)


def test_demo_county_report(db, tmp_path):
    ctx = demo.build(seed=7, today=TODAY)
    gov = ctx.orgs["gov"]
    previous = AnnualReport.objects.get(organisation=gov, year=ctx.previous_year)
    current = AnnualReport.objects.get(organisation=gov, year=ctx.year)
    assert previous.status == ReportStatus.PUBLISHED and previous.published_on < dt.date(ctx.year, 4, 1)
    assert current.status == ReportStatus.DRAFT
    statuses = set(Submission.objects.values_list("status", flat=True))
    assert {SubmissionStatus.ACCEPTED, SubmissionStatus.SUBMITTED} <= statuses

    doc = assemble_for(gov, ctx.previous_year)
    scope = Scope.for_year(gov, ctx.previous_year)
    assert doc.figures
    for f in doc.figures:
        assert f.value == evaluate(f.metric, scope)["value"], f.metric

    out = tmp_path / "report.docx"
    call_command("report", "annual", "--org", gov.code, "--year", str(ctx.previous_year), "--format", "docx",
                 "--out", str(out), stdout=io.StringIO())
    text = docx_text(out.read_bytes())
    for heading in [f"一、{ctx.previous_year}年推进法治政府建设的主要举措和成效", "二、存在的不足和原因",
                    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
                    f"四、{ctx.year}年推进法治政府建设的主要安排", "五、其他需要报告的情况", "报告数据指标口径一览表"]:
        assert heading in text


def test_demo_portal_decisions_are_complete_and_reviewed(db):
    """The demo county's portal: every published decision was served and reviewed, and none has a 【…】 blank."""
    from fazhi.reconsideration.models import CaseDocument
    from fazhi.reconsideration.portal_views import published_documents

    demo.build(seed=7, today=TODAY)
    published = list(published_documents())
    assert len(published) >= 20
    for doc in published:
        assert "【" not in doc.body and doc.received_on() is not None and doc.published_on >= doc.issued_on, doc.number
    # Concluding documents that are signed but not reviewed for publication stay off the portal.
    unpublished = CaseDocument.objects.filter(status="issued", kind__in=["decision", "mediation", "termination"],
                                              published_on__isnull=True)
    assert not set(unpublished.values_list("pk", flat=True)) & {d.pk for d in published}
