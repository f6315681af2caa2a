"""Property tests: the parsers read back what was written, and the audit never fails on odd text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.core.numerals import to_chinese
from fazhi.reports.legacy.audit import audit_text
from fazhi.reports.legacy.figures import find_figures
from fazhi.reports.legacy.glyphs import AMBIGUOUS, UNAMBIGUOUS, repair_glyphs


@given(st.integers(min_value=0, max_value=10**9))
def test_arabic_with_thousands_separators(n):
    figs = find_figures(f"全年共受理案件{n:,}件。")
    assert [f.value for f in figs] == [n]


@given(st.integers(min_value=3, max_value=99_999))
def test_chinese_numerals(n):
    figs = find_figures(f"全年共受理案件{to_chinese(n)}件。")
    assert [f.value for f in figs] == [n]


ALPHABET = st.sampled_from(list("行政复议申请件宗项个人%％。，、；：（）()其中共受理审结占率同比增长由到为万亿百千十一二三四五六七八九零"
                                "0123456789.,\n 迚觃丌収关于不与事") + list(UNAMBIGUOUS) + list(AMBIGUOUS))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=300))
def test_audit_never_fails(text):
    result = audit_text(text)
    data = result.as_json()
    for f in data["figures"]:
        assert 0 <= f["start"] < f["end"] <= len(data["text"])
    assert {f["severity"] for f in data["findings"]} <= {"error", "warning", "info"}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=300))
def test_glyph_repair_keeps_length(text):
    repaired, repairs = repair_glyphs(text)
    assert len(repaired) == len(text)
    assert all(repaired[r.start] == r.replacement for r in repairs)
