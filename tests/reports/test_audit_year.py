"""The year an old annual report is about (issue #10 item 9): read from its title or the start of its body only.

Before, the audit took the most frequent year written anywhere, so "我县自1999年开始推行依法行政" made a report
"the 1999 report".
"""

import datetime as dt

import pytest

from fazhi.core import clock
from fazhi.reports.legacy.audit import audit_text
from fazhi.reports.legacy.year import FILENAME, OPENING, TITLE, ReportYear, report_year, year_in_title

TODAY = dt.date(2024, 3, 1)


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen(TODAY):
        yield


def year_of(text, source=""):
    """Through the audit, as the page does: on the repaired and cleaned text."""
    result = audit_text(text, source=source)
    return report_year(result.text, result.source)


def test_start_year_in_body_is_not_the_report_year():
    text = ("XX县法治政府建设情况报告\n\n我县自1999年开始推行依法行政，2015年起全面实行行政执法责任制，"
            "早在2010年就建立了规范性文件备案审查制度。\n\n一、主要举措和成效\n全年共收到行政复议申请12件。\n")
    found = year_of(text)
    assert found == ReportYear(None)
    assert found.year is None and "未能确定" in found.label


def test_no_title_and_only_a_start_year_gives_no_year():
    assert year_of("我县自1999年开始推行依法行政，成效明显。\n").year is None


def test_title_year_wins_over_years_in_the_body():
    text = ("2022年法治政府建设年度报告\n\n我县自1999年开始推行依法行政，围绕2035年远景目标和“十四五”规划，"
            "1999年起每年向县人大报告，2019年、2020年、2021年均被评为先进。\n"
            "一、2021年工作回顾\n2020年，……\n")
    found = year_of(text)
    assert (found.year, found.basis, found.evidence) == (2022, TITLE, "2022年法治政府建设年度报告")
    assert found.label == "2022 年（据标题“2022年法治政府建设年度报告”）"


def test_body_starting_with_the_year():
    text = "XX县司法局法治政府建设情况报告\n\n2021年，我局在县委、县政府的正确领导下，深入推进依法行政。\n一、主要举措\n"
    found = year_of(text)
    assert (found.year, found.basis) == (2021, OPENING)
    assert year_of("2021年，我局认真贯彻落实《法治政府建设实施纲要（2021—2025年）》。\n").year == 2021


@pytest.mark.parametrize("title, year", [
    ("XX县2023年法治政府建设工作情况报告", 2023),
    ("2023年度法治政府建设年度报告", 2023),
    ("关于2023年法治政府建设情况的报告", 2023),
    ("关于2019年度法治政府建设情况的报告", 2019),
    ("盖州市政府2016年依法行政工作报告", 2016),
    ("XX市人民政府关于2022年法治政府建设情况和2023年工作安排的报告", 2022),
    # Not a report's year: a range, a target, a start, a document named in 《》, or no report at all.
    ("XX县贯彻落实《法治政府建设实施纲要（2021—2025年）》情况报告", None),
    ("关于贯彻落实《2019年全县依法行政工作要点》情况的报告", None),
    ("自2015年以来法治政府建设情况报告", None),
    ("2035年远景目标法治政府建设情况报告", None),
    ("2023年全县经济运行情况报告", None),
    ("2023年，我县深入推进法治政府建设，取得了明显成效。", None),
])
def test_year_in_title(title, year):
    assert year_in_title(title) == year


@pytest.mark.parametrize("opening, year", [
    ("2023年以来，我县坚持以习近平法治思想为指导。", 2023),
    ("2020年是法治政府建设实施纲要的收官之年，我县……", 2020),
    ("现将我县2018年度法治政府建设情况报告如下：", 2018),
    ("自2015年以来，我县坚持依法行政。", None),
    ("2016年7月16日，县政府召开常务会议。", None),
])
def test_year_in_opening(opening, year):
    assert year_of(f"XX县法治政府建设情况报告\n{opening}\n一、主要举措\n").year == year


def test_only_the_start_of_the_body_counts():
    text = ("XX县法治政府建设情况报告\n今年以来，我县深入推进依法行政。\n"
            "一、主要举措\n2019年，县政府出台了重大行政决策程序规定。\n")
    assert year_of(text).year is None


def test_year_must_be_plausible():
    # Before 2004 (the 纲要 that started these reports) or after today (clock.today(), frozen at 2024-03-01).
    assert year_of("1999年，我县开始推行行政执法责任制。\n").year is None
    assert year_of("2025年法治政府建设年度报告\n").year is None
    assert year_of("2024年法治政府建设年度报告\n").year == 2024
    with clock.frozen(dt.date(2026, 1, 5)):
        assert year_of("2025年法治政府建设年度报告\n").year == 2025


def test_file_name_read_like_a_title_after_the_text():
    found = year_of("我县自1999年开始推行依法行政。\n", source="清源县2022年度法治政府建设情况报告.docx")
    assert (found.year, found.basis) == (2022, FILENAME)
    assert year_of("我县自1999年开始推行依法行政。\n", source="2023年上传/a.docx").year is None
    # The report's own title comes first.
    assert year_of("2021年度法治政府建设情况报告\n", source="2022年法治政府建设情况报告.txt").year == 2021
