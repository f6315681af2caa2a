"""Genre and era (issue #15 item 4): what kind of document a text is, and whether the five required parts of an
annual report (督察工作规定, in force 2019-05) bound it. The titles are made up."""

import pytest

from fazhi.reports.legacy.audit import audit_text
from fazhi.reports.legacy.genre import genre_of

BODY = ("一、主要举措和成效\n全县深入推进依法行政，法治政府建设取得新进展。全年收到行政复议申请48件。\n"
        "二、存在的不足和原因\n个别单位依法行政意识不强。\n")


@pytest.mark.parametrize("title, genre", [
    ("青山县2023年法治政府建设年度报告", "annual_report"),
    ("关于2021年度法治政府建设工作情况的报告", "annual_report"),
    ("市交通运输局2017年依法行政工作总结", "annual_report"),
    ("2023年度全市行政复议案件统计分析", "statistical_analysis"),
    ("2022年行政应诉案件数据分析报告", "statistical_analysis"),
    ("青山县2023年度行政执法数据年报", "enforcement_yearbook"),
    ("县市场监管局2022年行政执法统计年报", "enforcement_yearbook"),
    ("青山县人民政府2023年政府信息公开工作年度报告", "disclosure_report"),
    ("关于印发青山县防汛抗旱应急预案的通知", "other"),
])
def test_genre_from_the_title(title, genre):
    assert genre_of(f"{title}\n\n正文。\n").key == genre


def test_genre_from_the_file_name_or_the_body():
    assert genre_of("全年主动公开政府信息1,200条。\n", source="2023年政府信息公开工作年度报告.docx").key == \
        "disclosure_report"
    assert genre_of("我县坚持依法行政。推进法治政府建设。依法行政考核优秀。\n").key == "annual_report"
    assert genre_of("全年受理群众来信26件。\n").key == "other"


def test_a_report_bound_by_the_2019_rules_is_checked_for_the_five_parts():
    r = audit_text("青山县2023年法治政府建设年度报告\n" + BODY)
    assert (r.genre.key, r.era.key, r.era.year) == ("annual_report", "supervision_rules_2019", 2023)
    missing = [f.message for f in r.findings if f.kind == "outline" and f.severity == "warning"]
    assert any("第一责任人" in m for m in missing) and any("下一年度" in m for m in missing)
    data = r.as_json()
    assert data["genre"]["key"] == "annual_report" and data["era"]["outline_checked"] is True


def test_a_report_on_a_year_before_2019_is_not_held_to_the_five_parts():
    r = audit_text("青山县2017年依法行政工作报告\n" + BODY)
    assert (r.era.key, r.era.year) == ("before_2019", 2017)
    outline = [f for f in r.findings if f.kind == "outline"]
    assert [f.severity for f in outline] == ["info"] and "早于" in outline[0].message
    assert r.parts["shortcomings"].present  # the parts are still recognised and shown


def test_a_report_of_no_stated_year_is_checked_and_says_so():
    r = audit_text("法治政府建设情况报告\n" + BODY)
    assert r.era.key == "unknown"
    outline = [f for f in r.findings if f.kind == "outline"]
    assert "报告未写明年度" in outline[0].message and any(f.severity == "warning" for f in outline)


@pytest.mark.parametrize("title", ["2023年度全市行政复议案件统计分析", "青山县2023年政府信息公开工作年度报告",
                                   "青山县2023年度行政执法数据年报"])
def test_other_genres_get_no_outline_findings(title):
    r = audit_text(f"{title}\n一、总体情况\n全年收到行政复议申请48件，审结45件。\n")
    assert r.era.key is None
    assert [f.severity for f in r.findings if f.kind == "outline"] == ["info"]


def test_a_heading_praising_progress_on_a_weakness_is_not_the_shortcomings_part():
    text = ("青山县2023年法治政府建设年度报告\n一、主要举措和成效\n（一）短板攻坚持续发力，基层法治保障成效明显\n"
            "全年补齐乡镇执法力量短板。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n县长带头学法。\n"
            "四、2024年工作安排\n持续推进。\n")
    r = audit_text(text)
    assert not r.parts["shortcomings"].present
    assert any(f.severity == "warning" and "存在的不足" in f.message for f in r.findings)
    real = audit_text(text.replace("四、2024年工作安排", "二、存在的短板和不足\n执法力量仍显薄弱。\n四、2024年工作安排"))
    assert real.parts["shortcomings"].heading == "二、存在的短板和不足"
