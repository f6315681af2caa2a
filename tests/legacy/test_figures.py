from decimal import Decimal

import pytest

from fazhi.reports.legacy.figures import find_figures, parse_number


@pytest.mark.parametrize("raw,value,decimals", [
    ("1,255", Decimal(1255), 0), ("98.8", Decimal("98.8"), 1), ("三十七", Decimal(37), 0),
    ("一百零五", Decimal(105), 0), ("12010", Decimal(12010), 0), ("99.36", Decimal("99.36"), 2),
])
def test_parse_number(raw, value, decimals):
    assert parse_number(raw) == (value, decimals)


def one(text):
    figs = find_figures(text)
    assert len(figs) == 1, [f.raw for f in figs]
    return figs[0]


def test_units_multipliers_and_approximations():
    assert one("共入库法人信息16万条。").value == 160000
    assert one("全年罚款31.5万元。").value == 315000 and one("全年罚款31.5万元。").kind == "money"
    assert one("经营主体1.81亿户。").value == 181_000_000
    f = one("举办全市270余名人民调解员参加的培训。")
    assert f.value == 270 and f.approximate
    assert one("收到申请三十七件。").value == 37
    p = one("满意率达百分之九十五。")
    assert p.kind == "percent" and p.value == 95
    assert one("办结率为99.5％。").unit == "%"


def test_dates_document_numbers_and_phrases_are_not_figures():
    assert find_figures("2019年12月15日，印发第3号文件（丹政发〔2020〕14号），排查一件，调处一件。") == []


def test_positions_and_sentence():
    text = "一、概况\n全年共调处矛盾纠纷1,263宗，调处成功1,255宗，成功率达到99.36%。下一句。"
    figs = find_figures(text)
    assert [f.value for f in figs] == [1263, 1255, Decimal("99.36")]
    f = figs[0]
    assert text[f.start:f.end] == "1,263宗"
    assert f.sentence.startswith("全年共调处矛盾纠纷") and f.sentence.endswith("99.36%。")
    assert [f.metric for f in figs] == ["mediation.cases", "mediation.succeeded", "mediation.success_rate"]


def test_seed_001_metric_mapping(seed):
    from fazhi.reports.legacy.cleanup import clean

    text, _ = clean(seed(1))
    by_metric = {}
    for f in find_figures(text):
        if f.metric:
            by_metric.setdefault(f.metric, []).append(f.value)
    assert by_metric["reconsideration.received"] == [37]
    assert by_metric["reconsideration.accepted"] == [34]
    assert by_metric["reconsideration.concluded"] == [30]
    assert by_metric["reconsideration.upheld"] == [9]
    assert by_metric["reconsideration.dismissed"] == [3]
    assert by_metric["reconsideration.revoked"] == [3]
    assert by_metric["reconsideration.mediated"] == [1]
    assert by_metric["reconsideration.terminated"] == [14]
    assert by_metric["reconsideration.correction_rate"] == [10]
    assert by_metric["mediation.cases"] == [12010]
    assert by_metric["mediation.succeeded"] == [11867]
    assert by_metric["mediation.success_rate"] == [Decimal("98.8")]
    assert by_metric["litigation.lost"] == [14]
    assert by_metric["advisers.count"] == [88]
    assert by_metric["advisers.opinions"] == [91]
    assert by_metric["normdocs.cleanup.reviewed"] == [85]
    assert by_metric["normdocs.cleanup.kept"] == [73]
    assert by_metric["inspections.entities_checked"] == [1571]
    assert by_metric["inspections.abnormal_listed"] == [124]
    assert by_metric["training.study_sessions"] == [6]  # "由过去每年四次增加到每年六次": this year's value


def test_the_two_kinds_of_dismissal_are_told_apart():
    """驳回复议申请 (art. 33) is neither an application received nor 驳回复议请求 (art. 69): the more specific wording
    wins at equal distance."""
    text = "全年共收到行政复议申请150件，受理140件，驳回复议申请5件，驳回复议请求2件，维持90件。"
    got = [(f.metric, int(f.value)) for f in find_figures(text)]
    assert got == [("reconsideration.received", 150), ("reconsideration.accepted", 140),
                   ("reconsideration.dismissed_application", 5), ("reconsideration.dismissed_request", 2),
                   ("reconsideration.upheld", 90)]


@pytest.mark.parametrize("text, value, approximate", [
    ("全年办理行政许可 2.6 万件。", 26000, False),  # a space before 万, decimals
    ("全年办理行政许可２.６万余件。", 26000, True),  # full-width digits, 余
    ("接听热线来电近1.2万人次。", 12000, True),
    ("罚没款三百余万元。", 3_000_000, True),
    ("市场主体１.８１亿户。", 181_000_000, False),
    ("受理各类纠纷二十多件。", 20, True),
    ("实现罚没收入1,234.5 万元。", 12_345_000, False),
])
def test_numbers_with_multipliers_and_approximations(text, value, approximate):
    f = one(text)
    assert f.value == value and f.approximate == approximate


def test_what_is_no_number():
    assert find_figures("全年办理万件小事。") == []  # 万 alone is no numeral
    assert find_figures("坚持“五位一体”总体布局，落实《十四项制度》。") == []  # names and slogans
    p = one("满意率较上年提高2.3个百分点。")
    assert p.kind == "points" and p.value == Decimal("2.3")
    q = one("办结率为百分之九十五点五。")
    assert q.kind == "percent" and q.value == Decimal("95.5") and q.decimals == 1


PIPE_TABLE = """2023年行政复议案件情况
| 项目 | 2022年 | 2023年 | 同比 |
|---|---|---|---|
| 收到申请（件） | 41 | 48 | 17.1% |
| 审结（件） | 35 | 40 | 14.3% |
"""

ALIGNED_TABLE = """全县行政执法决定（单位：件）
类别        件数      占比
行政处罚    1200      60%
行政许可    800       40%
合计        2000      100%
"""


def test_a_pipe_table_is_read_by_row_and_column():
    figures = find_figures(PIPE_TABLE, year=2023)
    assert [f.raw for f in figures] == ["41", "48", "17.1%", "35", "40", "14.3%"]
    assert figures[0].extra["table"] == {"index": 0, "row": 0, "row_label": "收到申请（件）", "column": "2022年"}
    assert [(f.metric, f.period) for f in figures] == [
        ("reconsideration.received", "previous"), ("reconsideration.received", ""), (None, "change"),
        ("reconsideration.concluded", "previous"), ("reconsideration.concluded", ""), (None, "change")]
    assert figures[1].value == 48 and figures[1].unit == "件" and PIPE_TABLE[figures[1].start:figures[1].end] == "48"
    assert figures[1].sentence == "| 收到申请（件） | 41 | 48 | 17.1% |"
    assert len({f.paragraph for f in figures}) == 1  # a table is one paragraph


def test_an_aligned_table_and_its_total_row():
    figures = find_figures(ALIGNED_TABLE)
    assert [(f.raw, f.metric, f.reason) for f in figures] == [
        ("1200", "enforcement.decisions.penalty", ""), ("60%", None, "no_rule"),
        ("800", "enforcement.decisions.license", ""), ("40%", None, "no_rule"),
        ("2000", None, "total"), ("100%", None, "total")]
    assert figures[0].unit == "件"


def test_table_rows_survive_the_cleanup_and_are_checked():
    from fazhi.reports.legacy.audit import audit_text

    r = audit_text("全县法治政府建设情况报告\n" + ALIGNED_TABLE.replace("2000", "2100"))
    assert any("表格“件数”列" in f.message and "1,200+800 = 2,000件" in f.message for f in r.findings)
    assert "行政处罚    1200      60%" in r.text
