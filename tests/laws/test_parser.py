import datetime as dt
from pathlib import Path

import pytest

from fazhi.laws.importers import BUNDLED_DIR
from fazhi.laws.models import split_paragraphs
from fazhi.laws.parser import MalformedLaw, parse_file, parse_text

from .conftest import CHUFA, FUYI_2017, FUYI_2023, GONGKAI


def test_versions_dates_and_labels():
    new = parse_file(BUNDLED_DIR / FUYI_2023)
    assert (new.title, new.short_title, new.version_date, new.label) == (
        "中华人民共和国行政复议法", "行政复议法", dt.date(2023, 9, 1), "2023年修订")
    # Its own closing article sets the date: 第九十条 本法自2024年1月1日起施行。
    assert new.effective == dt.date(2024, 1, 1) and "第九十条" in new.effective_basis
    assert len(new.articles) == 90 and len(new.history) == 4
    old = parse_file(BUNDLED_DIR / FUYI_2017)
    # The amended text keeps "本法自1999年10月1日起施行": the first entry into force, not this version's.
    assert (old.label, old.effective) == ("2017年修正", dt.date(2017, 9, 1))
    assert parse_file(BUNDLED_DIR / CHUFA).effective == dt.date(2021, 7, 15)
    assert parse_file(BUNDLED_DIR / GONGKAI).effective == dt.date(2019, 5, 15)  # from the "施行" line


def test_headings_paragraphs_and_items():
    law = parse_file(BUNDLED_DIR / CHUFA)
    art = next(a for a in law.articles if a.number == 58)
    assert art.heading.startswith("第五章")
    paragraphs = split_paragraphs(art.text)
    assert len(paragraphs) == 2 and len(paragraphs[0].items) == 4
    assert paragraphs[0].items[3] == "（四）法律、法规规定应当进行法制审核的其他情形。"


SPLIT_CODE = """# 中华人民共和国民法典

# 人格权编

2020年5月28日 第十三届全国人民代表大会第三次会议通过

2021年1月1日 施行

<!-- INFO END -->

## 第一章  一般规定

第九百八十九条 本编调整因人格权的享有和保护产生的民事关系。

第九百九十条之一 测试条文。

（一）第一项；
"""


def test_split_code_part_without_date_in_file_name():
    law = parse_text(SPLIT_CODE, Path("民法典/人格权编.md"))
    assert (law.short_title, law.part, law.version_date, law.effective) == (
        "民法典", "人格权编", dt.date(2020, 5, 28), dt.date(2021, 1, 1))
    assert [(a.number, a.suffix) for a in law.articles] == [(989, 0), (990, 1)]
    assert law.articles[0].heading == "第一章 一般规定"


WRAPPED = """# 武器装备条例

1984年4月4日 国务院

中央军委发布

发布之日施行

<!-- INFO END -->

第一条 为了测试，制定本条例。
"""


def test_wrapped_history_and_publication_in_force():
    law = parse_text(WRAPPED, Path("武器装备条例(1984-04-04).md"))
    assert law.history == [{"date": "1984-04-04", "event": "国务院中央军委发布"}]
    assert law.effective == dt.date(1984, 4, 4)
    assert law.label == "1984年版"


@pytest.mark.parametrize("text, name, reason", [
    ("# 某法\n\n第一条 内容。\n", "某法(2020-01-01).md", "缺少题注结束标记"),
    ("2020年1月1日 通过\n<!-- INFO END -->\n第一条 内容。\n", "某法(2020-01-01).md", "缺少标题行"),
    ("# 某法\n2020年1月1日 通过\n<!-- INFO END -->\n第一条 甲。\n\n第一条 乙。\n", "某法(2020-01-01).md", "条号重复"),
    ("# 某法\n2020年2月30日 通过\n<!-- INFO END -->\n第一条 甲。\n", "某法.md", "不是有效日期"),
    ("# 某法\n某某 通过\n<!-- INFO END -->\n第一条 甲。\n", "某法.md", "无法确定版本日期"),
    ("# 某法\n2020年1月1日 通过\n<!-- INFO END -->\n\n", "某法.md", "正文为空"),
    ("# 某法\n2020年1月1日 通过\n<!-- INFO END -->\n第一条\n\n第二条 乙。\n", "某法.md", "第一条没有内容"),
])
def test_malformed_files_say_why(text, name, reason):
    with pytest.raises(MalformedLaw) as e:
        parse_text(text, Path(name))
    assert reason in e.value.message
