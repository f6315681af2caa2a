"""The audit's vocabulary (vocabulary.yaml) is data: every rule reads its own example, every figure of the registry
a report could state has a rule, and the rates divide what the registry divides."""

import pytest

from fazhi.metrics import registry
from fazhi.reports.legacy.figures import find_figures
from fazhi.reports.legacy.grammar import vocabulary

RULES = vocabulary().rules()


@pytest.mark.parametrize("rule", RULES, ids=[f"{r.subject}:{r.key}:{r.order}" for r in RULES])
def test_every_rule_reads_its_example(rule):
    assert rule.example, "every rule gives a made-up example sentence"
    figures = find_figures(rule.example + "。")
    assert figures, rule.example
    last = figures[-1]
    if rule.key is None:
        assert last.metric is None and last.reason == "total", (rule.example, last.metric)
    else:
        assert last.metric == rule.key, (rule.example, last.metric, last.reason)


def test_every_key_a_report_can_state_has_a_rule():
    keys = {m.key for m in registry.all_metrics()} | {p.key for p in registry.all_planned()}
    voc = vocabulary()
    missing = keys - voc.keys() - set(voc.not_stated)
    assert missing == set(), f"add a rule to vocabulary.yaml (or list the key under not_stated): {sorted(missing)}"
    assert not voc.keys() & set(voc.not_stated)
    assert set(voc.not_stated) <= keys


def test_rates_divide_what_the_registry_divides():
    for key, spec in vocabulary().rates.items():
        named = [key, spec["denominator"], *(k for alt in spec["numerator"] for k in alt), *(spec.get("wider") or {})]
        assert all(registry.status(k) for k in named), key
        if registry.status(key) == "live":
            metric = registry.get(key)
            assert metric.denominator == spec["denominator"], key
            assert set(spec["numerator"][-1]) == set(metric.depends_on) - {metric.denominator}, key
        for wider in (spec.get("wider") or {}).values():
            assert all(registry.status(k) for k in wider.get("includes") or [])


def test_unknown_qualifier_is_refused(tmp_path, monkeypatch):
    from fazhi.reports.legacy import grammar

    path = tmp_path / "v.yaml"
    path.write_text("qualifiers: {}\nsubjects:\n  x:\n    label: X\n    nouns: ['甲']\n"
                    "    rules:\n      - {word: '乙', with: [丙], key: x.y}\n", encoding="utf-8")
    monkeypatch.setattr(grammar, "VOCABULARY_PATH", path)
    grammar.vocabulary.cache_clear()
    try:
        with pytest.raises(ValueError, match="丙"):
            grammar.vocabulary()
    finally:
        grammar.vocabulary.cache_clear()
