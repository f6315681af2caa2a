import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.numerals import to_chinese
from fazhi.laws.citations import CitationError, parse_citation, resolve

JUNE = dt.date(2024, 6, 1)


def test_full_title_chinese_numerals(library):
    r = resolve("《中华人民共和国行政复议法》第六十二条", JUNE)
    assert (r.law, r.version, r.article, r.number, r.paragraph) == ("中华人民共和国行政复议法", "2023年修订",
                                                                    "第六十二条", 62, None)
    assert r.effective == dt.date(2024, 1, 1)
    assert r.text.startswith("适用普通程序审理的行政复议案件，行政复议机关应当自受理申请之日起六十日内")
    assert "适用简易程序" in r.text  # the whole article: both paragraphs
    assert r.url == f"/laws/articles/{r.article_id}/"


def test_short_title_arabic_numerals_paragraph(library):
    r = resolve("《行政复议法》第62条第二款", JUNE)
    assert (r.version, r.number, r.paragraph) == ("2023年修订", 62, 2)
    assert r.text == "适用简易程序审理的行政复议案件，行政复议机关应当自受理申请之日起三十日内作出行政复议决定。"
    assert r.citation == "《行政复议法》（2023年修订）第六十二条第二款"


def test_bare_title_without_brackets(library):
    r = resolve("行政处罚法第五十八条", JUNE)
    assert (r.law, r.version, r.number) == ("中华人民共和国行政处罚法", "2021年修订", 58)
    assert r.effective == dt.date(2021, 7, 15)
    assert r.text.startswith("有下列情形之一，在行政机关负责人作出行政处罚的决定之前")


def test_item_of_an_article(library):
    r = resolve("行政处罚法第五十八条第一款第（二）项", JUNE)
    assert r.text == "（二）直接关系当事人或者第三人重大权益，经过听证程序的；"
    assert r.item == 2
    r = resolve("行政处罚法第五十八条第二款", JUNE)
    assert r.text.startswith("行政机关中初次从事行政处罚决定法制审核的人员")


def test_date_before_2024_resolves_the_older_version(library):
    r = resolve("《行政复议法》第三十一条", dt.date(2023, 12, 31))
    assert r.version == "2017年修正"
    assert r.text.startswith("行政复议机关应当自受理申请之日起六十日内作出行政复议决定")
    with pytest.raises(CitationError) as e:
        resolve("《行政复议法》第六十二条", dt.date(2023, 12, 31))
    assert e.value.message == "《行政复议法》（2017年修正）没有第六十二条"
    # From the day the revision takes effect, the new text applies.
    assert resolve("《行政复议法》第三十一条", dt.date(2024, 1, 1)).version == "2023年修订"


def test_named_version_wins_over_the_date(library):
    r = resolve("《行政复议法》（2017年修正）第三十一条", JUNE)
    assert r.version == "2017年修正"


def test_missing_article_fails_clearly(library):
    with pytest.raises(CitationError) as e:
        resolve("《行政复议法》第九十九条", JUNE)
    assert e.value.message == "《行政复议法》（2023年修订）没有第九十九条"


@pytest.mark.parametrize("text, on, message", [
    ("《行政许可法》第一条", JUNE, "法律法规库中没有《行政许可法》"),
    ("《行政复议法》第六十二条第三款", JUNE, "《行政复议法》（2023年修订）第六十二条只有二款，没有第三款"),
    ("《行政复议法》第六十二条第一款第（一）项", JUNE, "《行政复议法》（2023年修订）第六十二条第一款没有第（一）项"),
    ("《行政复议法》第一条", "2024-02-30", "日期“2024-02-30”无效，应为 YYYY-MM-DD"),
    ("《行政复议法》", JUNE, "无法识别的引用格式"),
    ("《行政复议法》第一条", dt.date(2010, 1, 1), "在 2010-01-01 尚无库中收录的有效版本"),
    ("《行政复议法》（2009年修正）第一条", JUNE, "法律法规库中没有《行政复议法》2009年的版本"),
])
def test_failures_name_the_problem(library, text, on, message):
    with pytest.raises(CitationError) as e:
        resolve(text, on)
    assert message in e.value.message


def test_empty_library_raises_instead_of_crashing(db):
    with pytest.raises(CitationError) as e:
        resolve("《中华人民共和国行政复议法》第六十二条", JUNE)
    assert "没有《中华人民共和国行政复议法》" in e.value.message


@given(st.integers(min_value=1, max_value=1300), st.booleans())
def test_article_numbers_in_both_numeral_systems(n, arabic):
    c = parse_citation(f"《行政复议法》第{n if arabic else to_chinese(n)}条第{to_chinese(2)}款")
    assert (c.title, c.number, c.paragraph, c.suffix) == ("行政复议法", n, 2, 0)


def test_parse_variants():
    assert parse_citation("刑法第一百二十条之一").suffix == 1
    assert parse_citation(" 《行政复议法》 第 ６２ 条 ").number == 62
    assert parse_citation("《行政复议法》第六十二条第一款第3项").item == 3
    assert parse_citation("《行政复议法》（2023年修订）第六十二条").year == 2023


def test_citations_in_running_text_become_links(library):
    from django.template import Context, Template

    text = "依据《中华人民共和国行政复议法》第六十二条第一款，60日内作出决定；《某某条例》第三条另有规定。<b>"
    html = Template("{% load law_citations %}{{ text|link_citations:on }}").render(
        Context({"text": text, "on": JUNE}))
    article = resolve("《行政复议法》第六十二条", JUNE)
    assert f'<a class="citation" href="{article.url}"' in html
    assert ">《中华人民共和国行政复议法》第六十二条第一款</a>" in html
    assert "《某某条例》第三条另有规定" in html  # unknown law: plain text
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_every_article_resolves_back_from_its_canonical_citation(library):
    from fazhi.laws.models import LawVersion

    for version in LawVersion.objects.select_related("law"):
        for article in version.articles.all():
            r = resolve(f"《{version.law.short_title}》（{version.label}）{article.label}", JUNE)
            assert r.article_id == article.pk
            assert r.citation == f"《{version.law.short_title}》（{version.label}）{article.label}"
