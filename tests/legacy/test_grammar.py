"""Reading figures with the grammar (issue #15, items 1 and 2): subject × word × qualifier → key, totals across
categories, and figures of interest that no rule reads. The sentences are made up, in several regions' manners."""

import pytest

from fazhi.reports.legacy.figures import find_figures


def read(text):
    return [(f.raw.replace(" ", ""), f.metric) for f in find_figures(text)]


def only(text):
    figures = find_figures(text)
    assert len(figures) == 1, [f.raw for f in figures]
    return figures[0]


@pytest.mark.parametrize("text, key", [
    # 驳回复议申请 is the art. 33 decision, not an application received; wherever the 申请 stands.
    ("全年驳回复议申请 5 件。", "reconsideration.dismissed_application"),
    ("对受理后发现不符合受理条件的，依法驳回行政复议申请４件。", "reconsideration.dismissed_application"),
    ("区政府行政复议机构驳回申请人的复议请求６件。", "reconsideration.dismissed_request"),
    # 审结……申请: the applications are what was concluded.
    ("全年共审结行政复议申请４８件。", "reconsideration.concluded"),
    ("本年度依法审结各类复议申请一百零二件。", "reconsideration.concluded"),
    ("今年市本级收到行政复议申请 63 件。", "reconsideration.received"),
    # 调撤: closed by withdrawal after coordination, not a first-instance case received.
    ("全市调撤一审行政诉讼案件 12 件。", "litigation.withdrawn"),
    ("全县法院新收一审行政诉讼案件 97 件。", "litigation.first_instance"),
    ("二审行政诉讼案件审结 9 件。", "litigation.appeals"),
    # 经和解终止 is a settlement (art. 74), not a termination on other grounds.
    ("行政复议案件中，当事人经和解后终止审理的３件。", "reconsideration.settled"),
    ("行政复议因申请人撤回申请终止２件。", "reconsideration.terminated"),
    ("复议案件审理结果：驳回7件。", "reconsideration.dismissed"),
    # 明令废止 (abolished by an order) and 应予废止 (the clean-up's conclusion) are different figures.
    ("规范性文件清理中，县政府明令废止 4 件。", "normdocs.abolished"),
    ("经清理，确定应予废止的规范性文件６件。", "normdocs.cleanup.abolished"),
    ("对全县现行规范性文件开展清理，拟废止15件。", "normdocs.cleanup.abolished"),
])
def test_subject_word_and_qualifier_give_the_key(text, key):
    assert only(text).metric == key


def test_the_two_abolitions_in_one_sentence():
    text = "本次清理规范性文件210件，其中继续有效160件，应予废止30件，已由县政府明令废止20件。"
    assert read(text) == [("210件", "normdocs.cleanup.reviewed"), ("160件", "normdocs.cleanup.kept"),
                          ("30件", "normdocs.cleanup.abolished"), ("20件", "normdocs.abolished")]


@pytest.mark.parametrize("text, subjects", [
    ("全年复议、应诉、调解案件共计 300 件。", ("reconsideration", "litigation", "mediation")),
    ("全区办理行政复议和行政应诉案件共１１２件。", ("reconsideration", "litigation")),
    ("本年度共办理人民调解、行政复议等各类案件2,350件。", ("mediation", "reconsideration")),
    ("全年办理行政处罚、行政强制案件共计860件。", ("enforcement",)),
    ("承办人大代表建议和政协提案共198件。", ("oversight",)),
    ("行政复议决定维持、驳回的共12件。", ("reconsideration",)),
])
def test_a_total_across_categories_is_no_one_kind(text, subjects):
    f = only(text)
    assert f.metric is None and f.reason == "total" and f.subjects == subjects
    assert f.of_interest


def test_a_word_after_the_names_of_a_total_that_only_one_of_them_has_reads_that_one():
    assert only("行政复议和行政诉讼案件中，行政诉讼败诉 3 件。").metric == "litigation.lost"
    assert only("复议、应诉案件中，应诉败诉３件。").metric == "litigation.lost"


def test_enforcement_volumes_and_money():
    text = ("全县查处各类违法案件３５６宗，作出行政处罚决定 1,208 件，办理行政许可 2.6 万件，"
            "开展行政检查8,762次，罚没金额35.2万元。")
    assert read(text) == [("３５６宗", "enforcement.cases"), ("1,208件", "enforcement.decisions.penalty"),
                          ("2.6万件", "enforcement.decisions.license"), ("8,762次", "enforcement.decisions.inspection"),
                          ("35.2万元", "enforcement.fines_amount")]
    figures = find_figures(text)
    assert figures[2].value == 26000 and figures[4].value == 352000 and figures[4].kind == "money"
    assert figures[0].value == 356  # full-width digits


def test_an_enumeration_continues_its_subject_and_a_new_noun_breaks_it():
    assert read("行政复议审结 30 件，其中维持 20 件，调解 1 件，撤销行政处罚决定 3 件。") == [
        ("30件", "reconsideration.concluded"), ("20件", "reconsideration.upheld"),
        ("1件", "reconsideration.mediated"), ("3件", "reconsideration.revoked")]
    assert read("收到行政复议申请 40 件，调解矛盾纠纷 300 件。") == [
        ("40件", "reconsideration.received"), ("300件", "mediation.cases")]


def test_figures_of_interest_that_no_rule_reads_are_unmapped_not_dropped():
    f = only("全县行政执法人员全年参加法治培训 3,200 人次。")
    assert f.metric is None and f.reason == "no_rule" and f.subject == "training" and f.of_interest
    money = only("县财政安排行政复议工作经费 12 万元。")
    assert money.metric is None and money.subject == "reconsideration" and money.kind == "money"
    # A figure in a sentence about no known subject is no figure of interest.
    plain = only("全年接待来访群众 860 人次。")
    assert plain.subject is None and not plain.of_interest


def test_changes_and_the_year_before_are_not_this_years_figure():
    figures = find_figures("今年收到行政复议申请 48 件，上年为 41 件，同比增加 7 件，增长17.1%。", year=2023)
    assert [(f.metric, f.period) for f in figures] == [
        ("reconsideration.received", ""), ("reconsideration.received", "previous"), (None, "change"),
        (None, "change")]
    assert find_figures("2022年收到行政复议申请41件。", year=2023)[0].period == "previous"
    assert find_figures("2023年收到行政复议申请48件。", year=2023)[0].period == ""


def test_parts_of_a_breakdown_are_marked():
    figures = find_figures("全年收到行政复议申请60件。在收到的申请中，对行政处罚不服申请复议的24件；"
                           "对行政强制不服的9件。")
    assert [f.part for f in figures] == [False, True, True]


def test_more_regional_phrasings():
    # Guangdong's 宗, a breakdown after ；, a note in brackets that names another outcome.
    text = "全年共办理行政复议案件86宗，其中新收79宗；审结80宗，其中驳回12宗、维持51宗、撤销（含确认违法）9宗、终止8宗。"
    assert [f.metric for f in find_figures(text)] == [
        "reconsideration.received", "reconsideration.received", "reconsideration.concluded",
        "reconsideration.dismissed", "reconsideration.upheld", "reconsideration.revoked", "reconsideration.terminated"]
    assert read("全年开展执法检查 3,500 余次。") == [("3,500余次", "enforcement.decisions.inspection")]
    assert read("依法审查规范性文件送审稿43件。") == [("43件", "normdocs.reviewed")]
    assert read("全县行政机关负责人出庭应诉 46 人次，出庭率 95.8%。") == [
        ("46人次", "litigation.head_appearances"), ("95.8%", "litigation.head_appearance_rate")]
    assert read("全年举办领导干部学法讲座 8 场，县政府常务会议学法 12 次。") == [
        ("8场", None), ("12次", "training.study_sessions")]


def test_a_subject_named_in_an_earlier_clause_does_not_take_a_word_the_local_subject_has():
    assert read("全市行政复议和行政应诉工作扎实推进，全年收到行政复议申请 120 件。") == [
        ("120件", "reconsideration.received")]
    # Two subjects named together under a third one's word are that word's object, not a total.
    assert read("法律顾问代理诉讼和复议案件23件。") == [("23件", "advisers.cases")]
    assert only("诉讼、复议案件共审结 60 件。").reason == "total"
