import datetime as dt
from pathlib import Path

import pytest

from fazhi.core.permissions import ActionError
from fazhi.rules import engine
from fazhi.rules.engine import RuleFileError, UnknownRule, compute_due

D = dt.date
pytestmark = pytest.mark.django_db

CONTRACT_RULES = """reconsideration.acceptance reconsideration.supplement reconsideration.copy_to_respondent
reconsideration.answer reconsideration.decision reconsideration.decision.simplified
reconsideration.copy_to_respondent.simplified reconsideration.answer.simplified reconsideration.opinion_followup
disclosure.reply disclosure.supplement penalty.decision penalty.hearing_request enforcement.publicity.license_penalty
enforcement.publicity.other litigation.answer normdoc.filing proposal.reply petition.notice petition.handling
inspection.results_publicity annual_report.publication""".split()


def test_every_contract_rule_exists():
    assert set(CONTRACT_RULES) <= set(engine.all_rules())


def test_disclosure_reply_across_national_day():
    r = compute_due("disclosure.reply", D(2024, 9, 27))
    assert r.due == D(2024, 10, 30)
    assert not r.provisional
    assert "政府信息公开条例" in r.explanation and "第三十三条" in r.explanation
    assert r.citation == "《中华人民共和国政府信息公开条例》（2019年修订）第三十三条第二款"


def test_disclosure_extension_adds_twenty_working_days():
    assert compute_due("disclosure.reply", D(2024, 9, 27), extended=True).due == D(2024, 11, 27)


def test_calendar_days_ending_on_a_rest_day_move_to_next_working_day():
    # 60 days from 2024-08-02 is 2024-10-01 (National Day) → first working day 2024-10-08.
    r = compute_due("reconsideration.decision", D(2024, 8, 2))
    assert r.due == D(2024, 10, 8)
    assert "国庆节" in r.explanation and "顺延" in r.explanation


def test_reconsideration_acceptance_is_five_working_days():
    # art. 88: "five days" are working days. Received Friday 2024-09-27: 9-29 (调休), 9-30, 10-8, 10-9, 10-10.
    assert compute_due("reconsideration.acceptance", D(2024, 9, 27)).due == D(2024, 10, 10)


def test_case_follows_the_version_in_force_on_its_start():
    old = compute_due("reconsideration.answer", D(2023, 6, 1))  # 1999/2017 law: 10 calendar days
    new = compute_due("reconsideration.answer", D(2024, 6, 3))  # 2023 law: 10 working days
    assert "2017年修正" in old.citation and "第二十三条" in old.citation
    assert old.due == D(2023, 6, 12)  # 6-11 is a Sunday → Monday
    assert "2023年修订" in new.citation
    assert new.due == D(2024, 6, 18)  # 6-10 is 端午节
    assert compute_due("reconsideration.decision", D(2023, 12, 29)).rule.key == "1999-10-01"


def test_suspension_pause_and_restart():
    base = compute_due("reconsideration.decision", D(2024, 3, 4)).due
    paused = compute_due("reconsideration.decision", D(2024, 3, 4), pauses=[(D(2024, 3, 10), D(2024, 3, 20), "中止")])
    assert base == D(2024, 5, 6)  # 5-3 is in the Labour Day holiday
    assert "扣除中止期间" in paused.explanation
    assert paused.due == D(2024, 5, 13)
    # 政府信息公开条例 art. 30: after a supplement the reply period runs from its receipt.
    r = compute_due("disclosure.reply", D(2024, 3, 1), pauses=[(D(2024, 3, 5), D(2024, 3, 15), "补正")])
    assert r.due == compute_due("disclosure.reply", D(2024, 3, 15)).due


def test_open_pause_and_unknown_pause_kind():
    r = compute_due("reconsideration.decision", D(2024, 3, 4), pauses=[(D(2024, 3, 10), None, "中止")])
    assert r.paused
    with pytest.raises(ActionError, match="不适用"):
        compute_due("litigation.answer", D(2024, 3, 4), pauses=[(D(2024, 3, 5), D(2024, 3, 6), "补正")])


def test_months_and_fixed_dates():
    assert engine.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert engine.add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)
    assert compute_due("proposal.reply", D(2024, 3, 15)).due == D(2024, 6, 17)  # 6-15 Saturday
    assert compute_due("annual_report.publication", D(2024, 12, 31)).due == D(2025, 3, 31)


def test_provisional_when_the_due_year_has_no_schedule():
    r = compute_due("reconsideration.decision", D(2026, 12, 1))
    assert r.provisional and "暂定" in r.explanation


def test_extension_needs_a_rule_that_allows_it():
    with pytest.raises(ActionError, match="没有延长"):
        compute_due("litigation.answer", D(2024, 3, 4), extended=True)


def test_unknown_rule_and_bad_date():
    with pytest.raises(UnknownRule, match="未知的期限规则"):
        compute_due("no.such.rule", D(2024, 1, 1))
    assert issubclass(UnknownRule, ActionError)
    with pytest.raises(ActionError, match="不是有效日期"):
        compute_due("disclosure.reply", "2024-02-30")


@pytest.mark.parametrize("body,message", [
    ("rules: [{id: a.b, title: T, versions: [{effective_from: 2020-01-01, unit: weeks, length: 3,"
     " citation: {law: L, version: V, article: 第一条}}]}]", "unit"),
    ("rules: [{id: a.b, title: T, versions: [{effective_from: 2020-01-01, unit: calendar_days,"
     " citation: {law: L, version: V, article: 第一条}}]}]", "length"),
    ("rules: [{id: a.b, title: T, versions: [{effective_from: 2020-01-01, unit: calendar_days, length: 3,"
     " citation: {law: L}}]}]", "citation"),
    ("rules: [{id: a.b, title: T, versions: ["
     "{effective_from: 2020-01-01, unit: calendar_days, length: 3, citation: {law: L, version: V, article: 一}},"
     "{effective_from: 2010-01-01, unit: calendar_days, length: 3, citation: {law: L, version: V, article: 一}}]}]",
     "重叠"),
    ("rules: [{id: a.b, title: T, colour: red, versions: []}]", "colour"),
    ("rules: [{title: T}]", "缺少 id"),
    ("rules: [oops", "YAML"),
])
def test_bad_rule_files_are_rejected_naming_file_and_rule(tmp_path: Path, body, message):
    path = tmp_path / "broken.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RuleFileError) as e:
        engine.load_file(path)
    assert "broken.yaml" in str(e.value) and message in str(e.value)
    if "id:" in body:
        assert "a.b" in str(e.value)


def test_explanation_shows_the_article_text_from_the_law_library(shared_dir, tmp_path, w, client):
    import shutil

    from fazhi.laws.importers import import_directory
    from fazhi.rules import deadlines as dl

    for name in ("行政复议法(2023-09-01).md", "行政复议法(2017-09-01).md", "政府信息公开条例(2019-04-03).md"):
        found = next((shared_dir / "laws").rglob(name), None)
        if found is None:
            pytest.skip(f"{name} is not in ../shared/laws")
        target = tmp_path / found.parent.name / name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(found, target)
    import_directory(tmp_path)
    new = compute_due("reconsideration.decision", D(2024, 3, 4))
    assert "条文：" in new.explanation and "六十日内作出行政复议决定" in new.explanation
    assert "经行政复议机构的负责人批准" in new.article_text
    old = compute_due("reconsideration.decision", D(2023, 3, 6))
    assert "经行政复议机关的负责人批准" in old.article_text  # the 2017 text, not the 2023 one
    d = dl.start_deadline(w.dept_a, "disclosure.reply", D(2024, 9, 27), actor=None, organisation=w.dept_a)
    client.force_login(w.legal_a)
    page = client.get(d.get_absolute_url()).content.decode()
    assert "20个工作日内予以答复" in page and 'id="article"' in page


def test_catalogue_markdown_lists_every_rule_and_version():
    from fazhi.rules.catalogue import markdown

    text = markdown()
    for rule_id in CONTRACT_RULES:
        assert f"`{rule_id}`" in text
    assert text.count("`reconsideration.decision`") == 2  # 2023 version and the 1999/2017 one
    assert "《中华人民共和国行政复议法》（2017年修正）第三十一条第一款" in text
