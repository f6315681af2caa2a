import pytest

from fazhi.reports import patterns
from fazhi.reports.outline import PARTS, OutlineError, clean_sections, dump_sections, load_default, parse_sections


def _figure(values):
    return lambda key: values.get(key)


def test_render_marks_figures_and_fills_variables():
    segs = patterns.render("{{year}}年收到申请{{a.b}}件，纠错率{{ a.rate }}%。", variables={"year": "2025"},
                           figure=_figure({"a.b": "37", "a.rate": "10.0"}))
    assert "".join(s.text for s in segs) == "2025年收到申请37件，纠错率10.0%。"
    assert [s.metric for s in segs if s.metric] == ["a.b", "a.rate"]


def test_sentence_with_unknown_metric_is_skipped():
    assert patterns.render("共{{a.b}}件，{{x.unknown}}项。", variables={}, figure=_figure({"a.b": "1"})) is None


def test_metric_keys_in_order_without_repeats():
    assert patterns.metric_keys("{{b.x}}{{year}}{{a.y}}{{b.x}}") == ["b.x", "a.y"]


@pytest.mark.parametrize("bad", ["共{{a.b}件", "共{{ nonsense }}件", "共}}件"])
def test_check_reports_bad_patterns_in_chinese(bad):
    errors = patterns.check(bad)
    assert errors and all("语句" in e for e in errors)


def test_default_outline_has_the_five_required_parts():
    sections = clean_sections(load_default()["sections"])
    assert {s["part"] for s in sections} == set(PARTS)
    assert [s["part"] for s in sections if s["level"] == 1] == [1, 2, 3, 4, 5]
    # Part one is organised by the areas of the 2021–2025 outline.
    assert len([s for s in sections if s["part"] == 1 and s["level"] == 2]) >= 8


def test_yaml_round_trip():
    sections = clean_sections(load_default()["sections"])
    assert parse_sections(dump_sections(sections)) == sections


def test_missing_part_is_refused():
    sections = [s for s in clean_sections(load_default()["sections"]) if s["part"] != 3]
    with pytest.raises(OutlineError, match="党政主要负责人"):
        clean_sections(sections)


@pytest.mark.parametrize("text, message", [
    ("sections: [", "YAML 格式错误"),
    ("- key: a\n  title: x\n  level: 3\n  part: 1", "层级应为 1 或 2"),
    ("- key: a\n  title: x\n  part: 1\n- key: a\n  title: y\n  part: 2", "重复"),
    ("- title: x\n  part: 1", "缺少章节代码"),
    ("- key: a\n  title: x\n  part: 1\n  sentences: ['共{{bad}}件']", "变量“bad”不存在"),
    ("[]", "至少包含一个章节"),
])
def test_bad_outlines_explain_themselves(text, message):
    with pytest.raises(OutlineError) as e:
        parse_sections(text)
    assert message in e.value.message


def test_an_impossible_date_in_the_yaml_is_an_outline_error():
    import pytest

    with pytest.raises(OutlineError, match="无效的值"):
        parse_sections("sections:\n  - key: a\n    title: 2026-02-30\n")
