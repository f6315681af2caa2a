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
