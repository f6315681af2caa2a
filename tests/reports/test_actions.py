import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import AuditEvent
from fazhi.core.permissions import ActionError
from fazhi.metrics.registry import Scope, evaluate, get
from fazhi.reports import actions, deadlines
from fazhi.reports.assemble import assemble_report
from fazhi.reports.choices import ReportStatus, SubmissionStatus
from fazhi.reports.models import AnnualReport, Submission
from fazhi.reports.render import to_json
from fazhi.testing.factories import org

YEAR = 2025


def _write_all_parts(report, user):
    for s in report.sections.filter(level=1):
        actions.update_section(s, actor=user, narrative=f"{s.title}的叙述。\n第二段。")


def _events(obj):
    return list(AuditEvent.objects.for_object(obj).values_list("verb", flat=True))


def test_json_figures_equal_the_registry(county):
    report = actions.create_report(actor=county.supervisor, organisation=county.gov, year=YEAR)
    data = json.loads(to_json(assemble_report(report)))
    assert data["org"] == county.gov.code and data["year"] == YEAR
    figures = {f["metric"]: f for f in data["figures"]}
    assert {"org.departments", "org.townships", "org.units"} <= set(figures)
    for key, fig in figures.items():
        expected = evaluate(key, Scope.for_year(county.gov, YEAR))
        assert fig["value"] == expected["value"], key
        assert fig["unit"] == expected["unit"] and fig["label"] == expected["label"]
    assert figures["org.departments"]["value"] == 2 and figures["org.townships"]["value"] == 1
    # The sentence carries the same figure it lists.
    first = data["sections"][0]["paragraphs"][0]["text"]
    assert "政府部门2个" in first and "乡镇（街道）1个" in first
    assert [s["part"] for s in data["sections"] if s["level"] == 1] == [1, 2, 3, 4, 5]


def test_sentences_of_unregistered_metrics_are_left_out(county):
    report = actions.create_report(actor=county.supervisor, organisation=county.gov, year=YEAR)
    section = report.sections.get(key="results.functions")
    section.sentences = ["共有{{no.such_metric}}项。", "部门{{org.departments}}个。"]
    section.save()
    doc = assemble_report(report)
    texts = [p.text for s in doc.sections if s.key == "results.functions" for p in s.paragraphs]
    assert texts == ["部门2个。"]
    assert "no.such_metric" not in [f.metric for f in doc.figures]


def test_full_workflow_freezes_publishes_and_audits(county):
    sup = county.supervisor
    report = actions.create_report(actor=sup, organisation=county.gov, year=YEAR)
    assert report.status == ReportStatus.DRAFT and report.sections.count() >= 14
    with pytest.raises(ActionError, match="尚未撰写"):
        actions.submit_report(report, actor=sup)
    _write_all_parts(report, sup)
    report = actions.submit_report(report, actor=sup)
    assert report.status == ReportStatus.REVIEW
    with pytest.raises(ActionError, match="不能修改"):
        actions.update_section(report.sections.first(), actor=sup, narrative="改")
    with pytest.raises(ActionError, match="理由"):
        actions.return_report(report, actor=sup, reason=" ")
    report = actions.return_report(report, actor=sup, reason="数据需核实")
    assert report.status == ReportStatus.DRAFT
    report = actions.submit_report(report, actor=sup)
    report = actions.approve_report(report, actor=sup, on=dt.date(YEAR + 1, 3, 20))
    assert report.frozen and report.frozen["figures"]
    frozen_departments = next(f["value"] for f in report.frozen["figures"] if f["metric"] == "org.departments")
    # A department created after approval does not change the approved text.
    org("新设部门", parent=county.gov)
    assert get("org.departments").value(Scope.for_year(county.gov, YEAR)) == frozen_departments + 1
    assert assemble_report(AnnualReport.objects.get(pk=report.pk)).figure("org.departments").value == frozen_departments
    with pytest.raises(ActionError, match="早于审定日期"):
        actions.publish_report(report, actor=sup, on=dt.date(YEAR + 1, 3, 1))
    report = actions.publish_report(report, actor=sup, on=dt.date(YEAR + 1, 3, 25))
    assert report.status == ReportStatus.PUBLISHED and report.published_on == dt.date(YEAR + 1, 3, 25)
    verbs = _events(report)
    for verb in ["起草年度报告", "提交审核年度报告", "退回修改年度报告", "审定年度报告", "公开年度报告"]:
        assert verb in verbs
    assert any(v.startswith("修改报告章节") for v in verbs)


@pytest.mark.skipif(not deadlines.available(), reason="rules module not installed")
def test_publication_deadline_is_1_april_and_met(county):
    sup = county.supervisor
    report = actions.create_report(actor=sup, organisation=county.gov, year=YEAR)
    (d,) = deadlines.for_report(report)
    assert d.due == dt.date(YEAR + 1, 3, 31) and d.status == "open"
    _write_all_parts(report, sup)
    actions.submit_report(report, actor=sup)
    actions.approve_report(report, actor=sup, on=dt.date(YEAR + 1, 4, 2))
    actions.publish_report(report, actor=sup, on=dt.date(YEAR + 1, 4, 3))
    (d,) = deadlines.for_report(report)
    assert d.status == "missed" and d.completed_on == dt.date(YEAR + 1, 4, 3)


def test_permissions(county):
    with pytest.raises(ActionError):
        actions.create_report(actor=county.legal_a, organisation=county.gov, year=YEAR)
    # A department's legal officer drafts the department's own report, but may not approve it.
    report = actions.create_report(actor=county.legal_a, organisation=county.dept_a, year=YEAR)
    with pytest.raises(ActionError):
        actions.create_report(actor=county.legal_b, organisation=county.dept_a, year=YEAR - 1)
    _write_all_parts(report, county.legal_a)
    actions.submit_report(report, actor=county.legal_a)
    with pytest.raises(ActionError):
        actions.approve_report(report, actor=county.legal_a)
    actions.approve_report(report, actor=county.supervisor)


def test_duplicate_and_bad_year(county):
    actions.create_report(actor=county.supervisor, organisation=county.gov, year=YEAR)
    with pytest.raises(ActionError, match="已存在"):
        actions.create_report(actor=county.supervisor, organisation=county.gov, year=YEAR)
    with pytest.raises(ActionError, match="年度"):
        actions.create_report(actor=county.supervisor, organisation=county.gov, year=1899)
    assert AnnualReport.objects.count() == 1


def test_submission_review_and_use_in_section(county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    f = SimpleUploadedFile("做法.txt", "附件内容".encode())
    sub = actions.submit_material(actor=county.legal_a, organisation=county.dept_a, year=YEAR,
                                  section_key="results.enforcement", kind="practice", title="首违不罚",
                                  body="推行轻微违法不予处罚清单。", files=[f])
    assert sub.status == SubmissionStatus.SUBMITTED and sub.attachments.count() == 1
    assert sub.section_title == "坚持严格规范公正文明执法"
    # The department cannot review its own material; another department's officer cannot submit for it.
    with pytest.raises(ActionError):
        actions.accept_submission(sub, actor=county.legal_a)
    with pytest.raises(ActionError):
        actions.submit_material(actor=county.legal_b, organisation=county.dept_a, year=YEAR,
                                section_key="results.enforcement", title="x", body="y")
    with pytest.raises(ActionError, match="理由"):
        actions.return_submission(sub, actor=county.supervisor, reason="")
    sub = actions.return_submission(sub, actor=county.supervisor, reason="请补充数据")
    assert sub.status == SubmissionStatus.RETURNED and sub.review_reason == "请补充数据"
    sub = actions.revise_submission(sub, actor=county.legal_a, title="首违不罚清单", body="全年不予处罚 12 件。")
    assert sub.status == SubmissionStatus.SUBMITTED
    sub = actions.accept_submission(sub, actor=county.supervisor)
    assert sub.status == SubmissionStatus.ACCEPTED
    with pytest.raises(ActionError):
        actions.accept_submission(sub, actor=county.supervisor)
    assert Submission.objects.in_subtree(county.gov).filter(year=YEAR, section_key="results.enforcement") \
        .accepted().count() == 1
    assert _events(sub)[:4] == ["采用报告素材", "重新报送报告素材", "退回报告素材", "报送年度报告素材"]


def test_submission_validation_saves_nothing(county):
    for kwargs, message in [({"section_key": "nope"}, "章节"), ({"title": " "}, "标题"), ({"body": ""}, "内容"),
                            ({"kind": "x"}, "类型")]:
        args = {"section_key": "results", "title": "t", "body": "b", "kind": "measure", **kwargs}
        with pytest.raises(ActionError, match=message):
            actions.submit_material(actor=county.legal_a, organisation=county.dept_a, year=YEAR, **args)
    assert Submission.objects.count() == 0


def test_template_edit_checks_and_audits(county):
    template = actions.ensure_default_template()
    sections = [dict(s) for s in template.sections]
    sections[1]["sentences"] = ["部门{{org.departments}}个。"]
    with pytest.raises(ActionError):
        actions.update_template(template, actor=county.legal_a, name="x", sections=sections)
    with pytest.raises(ActionError, match="五部分"):
        actions.update_template(template, actor=county.supervisor, name="默认",
                                sections=[s for s in sections if s["part"] != 5])
    actions.update_template(template, actor=county.supervisor, name="默认提纲", sections=sections)
    template.refresh_from_db()
    assert template.sections[1]["sentences"] == ["部门{{org.departments}}个。"]
    report = actions.create_report(actor=county.supervisor, organisation=county.gov, year=YEAR)
    assert report.sections.get(key=sections[1]["key"]).sentences == ["部门{{org.departments}}个。"]
    assert "修改报告提纲" in _events(template)
