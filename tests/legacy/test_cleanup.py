from fazhi.reports.legacy.cleanup import clean


def test_seed_000_repeat_and_footer_removed(seed):
    text, removed = clean(seed(0))
    assert "diyifanwen" not in text and "推荐文章" not in text
    assert text.count("在行政执法依据执法职责梳理的基础上") == 1
    assert text.count("五、加强依法行政学习宣传培训") == 1
    assert text.count("4、创新社会矛盾争议化解工作机制") == 1
    assert text.rstrip().endswith("维护社会稳定与征迁工作的良性秩序。")
    kinds = {r.kind for r in removed}
    assert {"repeat", "footer"} <= kinds
    repeat = next(r for r in removed if r.kind == "repeat")
    assert len(repeat.text) > 2500


def test_seed_001_portal_header_removed(seed):
    text, removed = clean(seed(1))
    assert "当前位置" not in text and "索 引 号" not in text and "发布机构" not in text
    assert text.startswith("关于2019年度法治政府建设情况的报告")
    assert text.count("关于2019年度法治政府建设情况的报告") == 1
    assert "镇江市人民政府:" in text
    assert any(r.kind == "header" for r in removed)


def test_seed_002_header_and_print_links_removed(seed):
    text, _ = clean(seed(2))
    assert text.startswith("盖州市政府2016年依法行政工作报告")
    assert "阅读次数" not in text and "天气预报" not in text and "打印本页" not in text


def test_seed_004_page_break_joined_and_footer_gone(seed):
    text, _ = clean(seed(4))
    assert "传达了国务院依法行政工作会议精神" in text
    assert "规范行政执法行为" in text
    assert "相关推荐" not in text


def test_paragraphs_without_full_stop_are_not_glued_to_the_next_point(seed):
    text, _ = clean(seed(1))
    assert "调解成功率达98.8%\n" in text


def test_plain_text_untouched():
    s = "一、主要成效\n\n全年共收到行政复议申请12件。\n\n二、存在问题\n\n基层力量薄弱。"
    text, removed = clean(s)
    assert text == s and removed == []


def test_paragraphs_sharing_a_template_but_not_figures_are_kept():
    a = "市场监管局全年共收到行政复议申请12件，受理10件，审结9件，维持7件，撤销2件，按期办结率100%。"
    b = "生态环境局全年共收到行政复议申请15件，受理14件，审结13件，维持11件，撤销2件，按期办结率100%。"
    text, removed = clean("\n".join([a, b]))
    assert text == "\n".join([a, b]) and removed == []
    a, b = a + "全面落实行政执法三项制度，执法规范化水平明显提升。", b + "全面落实行政执法三项制度，执法规范化水平明显提升。"
    text, removed = clean("\n".join([a, b, "其他内容。", a, b]))  # the pair again: a repeated block
    assert text == "\n".join([a, b, "其他内容。"]) and [r.kind for r in removed] == ["repeat"]
