"""PDF glyph substitution: repaired where it is damage, left alone where the character is genuine."""

import re

from fazhi.reports.legacy.glyphs import AMBIGUOUS, UNAMBIGUOUS, load_model, repair_glyphs

DAMAGE = {v: k for k, v in UNAMBIGUOUS.items()} | {v: k for k, v in AMBIGUOUS.items()}


def damage(text: str) -> str:
    """What a broken ToUnicode table does to clean text (the reverse of the repair table)."""
    return "".join(DAMAGE.get(ch, ch) for ch in text)


def test_model_is_shipped():
    model = load_model()
    assert model is not None and model.uni["法"] > 1000


def test_seed_003_repaired(seed):
    raw = seed(3)
    text, repairs = repair_glyphs(raw)
    first = text[:text.index("第二篇")]
    for glyph in "迚觃丌収亊讣颂讧挄劢幵叏叐":
        assert glyph not in text, glyph
    assert "关二" not in first
    assert first.count("关于") == raw[:raw.index("第二篇")].count("关二") >= 10
    assert "推进简政放权" in first and "按照《中共" in first and "印发" in first
    assert "专项治理" in first and "公众参与" in first and "不与宪法" in first and "预防腐败" in first
    assert "二是建立健全随机抽查对象名录库" in first
    # Genuine uses survive: a heading numeral and an idiom that the law texts know.
    assert "\n二、完善依法行政制度体系" in first
    assert "任人唯贤" in first
    assert len(repairs) > 400
    assert all(r.start >= 0 and text[r.start] == r.replacement for r in repairs)


def test_clean_parts_of_seed_003_untouched(seed):
    raw = seed(3)
    text, repairs = repair_glyphs(raw)
    cut = raw.index("第二篇")
    assert text[cut:] == raw[cut:]
    assert all(r.start < cut for r in repairs)


def test_clean_seeds_unchanged(seed):
    for n in (0, 1, 2, 4):
        raw = seed(n)
        text, repairs = repair_glyphs(raw)
        assert text == raw and repairs == []


def test_synthetic_damage_of_clean_reports_is_undone(seed):
    for n in (1, 2):
        clean = seed(n)
        text, _ = repair_glyphs(damage(clean))
        wrong = [i for i, (a, b) in enumerate(zip(clean, text, strict=True)) if a != b]
        damaged = sum(1 for ch in clean if ch in DAMAGE)
        assert damaged > 300
        assert len(wrong) <= damaged * 0.01, [clean[max(0, i - 4):i + 4] for i in wrong]


def test_guan_er_only_where_meant():
    damaged = "为贯彻落实国务院关二推迚简政放权的意见，迚一步觃范行政行为，丌断推迚依法行政。"
    clean = "该机关二级单位共有二十人，与有关二手车市场的规定一致。"
    text, _ = repair_glyphs(damaged + "\n" + clean)
    first, second = text.split("\n")
    assert "关于推进简政放权" in first and "进一步规范" in first and "不断推进" in first
    assert second == clean


def test_kangxi_radicals_are_folded():
    text, repairs = repair_glyphs("依法⾏政，⽅案，⼯工作")
    assert text == "依法行政，方案，工作"
    assert [r.original for r in repairs] == ["⾏", "⽅"]


def test_no_damage_no_change():
    s = "二、完善依法行政制度体系。与其他部门不同，事项一二三。"
    assert repair_glyphs(s) == (s, [])


def test_repairs_keep_length(seed):
    raw = seed(3)
    text, _ = repair_glyphs(raw)
    assert len(text) == len(raw)
    assert not re.search("[迚觃]", text)


def test_build_model_from_law_texts(tmp_path):
    from fazhi.reports.legacy.glyphs import NgramModel, build_model

    laws = tmp_path / "laws"
    laws.mkdir()
    (laws / "示例法(2020-01-01).md").write_text("# 示例法\n\n<!-- INFO END -->\n\n第一条 为了规范行政行为，推进依法行政，"
                                              "制定本法。\n\n第二条 行政机关应当依照法律规定履行职责。\n" * 3,
                                              encoding="utf-8")
    out = tmp_path / "model.json.gz"
    data = build_model(laws, out)
    assert out.exists() and data["uni"]["法"] >= 6 and "INFO" not in "".join(data["uni"])
    model = NgramModel(data)
    assert model.score("依照法律", "规", "定履") > model.score("依照法律", "觃", "定履")
