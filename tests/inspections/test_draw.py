"""The draw as a pure function: reproducible, stratified, honouring 回避, and verifiable from its record."""

import copy
import random

import pytest

from fazhi.inspections import draw
from fazhi.testing.inspections import credit_code

PARAMS = {"algorithm": draw.ALGORITHM, "ratios": {"A": "1", "B": "5", "D": "50"}, "inspectors_per_entity": 2}


def population(n=2000):
    rows = [("ABCD"[i % 4], credit_code(i), f"33010200{i % 5}000") for i in range(1, n + 1)]
    return draw.population_bytes(rows)


def pool(k=6, excluded=None):
    excluded = excluded or {}
    return [{"certificate": f"ZF{i:04d}", "name": f"人员{i}", "organisation": "某局",
             "excluded_entities": sorted(excluded.get(f"ZF{i:04d}", {}).get("entities", [])),
             "excluded_regions": sorted(excluded.get(f"ZF{i:04d}", {}).get("regions", []))} for i in range(1, k + 1)]


def record(pop, inspectors, seed="ab" * 32, entropy="", params=PARAMS):
    ph, ih = draw.sha256_hex(pop), draw.inspectors_hash(inspectors)
    chosen = draw.select(pop, key=draw.key_for(seed, entropy), parameters=params, pool=inspectors)
    return {"commitment": draw.commitment(seed, ph, ih, params), "seed": seed, "entropy": entropy,
            "parameters": params, "population_hash": ph, "inspectors_hash": ih, "inspectors_pool": inspectors,
            "population": {"lines": pop.decode().splitlines()},
            "selected": [{"credit_code": c["credit_code"], "inspectors": [{"certificate": x} for x in c["inspectors"]]}
                         for c in chosen]}


def test_same_seed_and_snapshot_always_select_the_same():
    pop, p = population(), pool()
    first = draw.select(pop, key=draw.key_for("s1", ""), parameters=PARAMS, pool=p)
    assert first == draw.select(pop, key=draw.key_for("s1", ""), parameters=PARAMS, pool=p)
    other = draw.select(pop, key=draw.key_for("s2", ""), parameters=PARAMS, pool=p)
    assert [c["credit_code"] for c in other] != [c["credit_code"] for c in first]
    entropy = draw.select(pop, key=draw.key_for("s1", "07 12 19"), parameters=PARAMS, pool=p)
    assert [c["credit_code"] for c in entropy] != [c["credit_code"] for c in first]


def test_strata_take_the_ceiling_of_their_ratio_and_only_their_class():
    pop = population(2000)  # 500 per class
    chosen = draw.select(pop, key="k", parameters=PARAMS, pool=pool())
    by_class = {c: [x for x in chosen if x["risk_class"] == c] for c in "ABCD"}
    assert [len(by_class[c]) for c in "ABCD"] == [5, 25, 0, 250]
    codes = [x["credit_code"] for x in chosen]
    assert len(set(codes)) == len(codes)
    lines = {line[2:20]: line[0] for line in pop.decode().splitlines()}
    assert all(lines[x["credit_code"]] == x["risk_class"] for x in chosen)
    assert draw.quota(7, "10") == 1 and draw.quota(0, "10") == 0 and draw.quota(3, "100") == 3


def test_choose_is_a_uniform_permutation_prefix():
    assert sorted(draw.choose("k", "x", 10, 10)) == list(range(10))
    counts = [0] * 5
    for s in range(2000):
        counts[draw.choose(str(s), "x", 5, 1)[0]] += 1
    assert all(330 < c < 470 for c in counts), counts


def test_no_inspector_is_drawn_for_an_entity_they_are_excluded_from():
    pop = population(400)
    codes = [line[2:20] for line in pop.decode().splitlines()]
    rng = random.Random(5)
    excluded = {f"ZF{i:04d}": {"entities": rng.sample(codes, 60)} for i in range(1, 4)}
    excluded["ZF0004"] = {"regions": ["330102001"]}
    p = pool(6, excluded)
    params = {**PARAMS, "ratios": {"A": "100", "B": "100", "C": "100", "D": "100"}}
    for seed in ("a", "b", "c"):
        for c in draw.select(pop, key=seed, parameters=params, pool=p):
            for cert in c["inspectors"]:
                assert c["credit_code"] not in excluded.get(cert, {}).get("entities", [])
                if cert == "ZF0004":
                    assert not c["region_code"].startswith("330102001")
            assert len(set(c["inspectors"])) == 2


def test_too_few_inspectors_after_exclusion_is_refused():
    pop = population(40)
    code = pop.decode().splitlines()[0][2:20]
    p = pool(2, {"ZF0001": {"entities": [code]}})
    with pytest.raises(draw.DrawError, match="不足 2 名"):
        draw.select(pop, key="k", parameters={**PARAMS, "ratios": {"A": "100"}}, pool=p)


def test_a_published_record_verifies():
    answer = draw.verify(record(population(), pool()))
    assert answer["verified"] is True, answer
    assert answer["problems"] == [] and answer["population_count"] == 2000


def test_changing_one_selected_entity_is_named():
    rec = record(population(), pool())
    swapped = credit_code(99999)
    original = rec["selected"][3]["credit_code"]
    rec["selected"][3]["credit_code"] = swapped
    answer = draw.verify(rec)
    assert answer["verified"] is False
    assert answer["differences"] == [{"position": 4, "expected": original, "published": swapped}]


def test_changing_an_inspector_is_named():
    rec = record(population(), pool())
    rec["selected"][0]["inspectors"][0]["certificate"] = "ZF9999"
    answer = draw.verify(rec)
    assert not answer["verified"] and answer["differences"][0]["published_inspectors"][0] == "ZF9999"


def test_a_population_changed_after_the_commitment_is_detected():
    rec = record(population(), pool())
    lines = rec["population"]["lines"]
    lines[10] = lines[10][:2] + credit_code(88888) + lines[10][20:]
    answer = draw.verify(copy.deepcopy(rec))
    assert answer["verified"] is False
    assert any("承诺后总体被改动过" in p for p in answer["problems"])
    # dropping an entity is caught the same way
    rec2 = record(population(), pool())
    del rec2["population"]["lines"][5]
    assert any("承诺后总体被改动过" in p for p in draw.verify(rec2)["problems"])


def test_a_changed_seed_or_parameters_break_the_commitment():
    rec = record(population(), pool())
    rec["parameters"] = {**rec["parameters"], "ratios": {"A": "2", "B": "5", "D": "50"}}
    assert any("承诺值" in p for p in draw.verify(rec)["problems"])
    rec = record(population(), pool())
    rec["inspectors_pool"][0]["excluded_entities"] = [credit_code(1)]
    assert any("检查人员库" in p for p in draw.verify(rec)["problems"])


def test_an_unsorted_or_malformed_snapshot_is_refused():
    rec = record(population(50), pool())
    rec["population"]["lines"].reverse()
    assert any("排序" in p for p in draw.verify(rec)["problems"])
    assert draw.check_sorted(b"A\tshort\n") is not None
    assert draw.verify({"seed": "x"})["verified"] is False


def test_a_code_under_two_risk_classes_or_twice_in_one_is_refused():
    pop = population(40).decode().splitlines()
    moved = "D" + pop[0][1:]  # the first A entity listed again under D
    twice = draw.population_bytes([])  # empty is well formed
    assert draw.check_sorted(twice) is None
    data = ("\n".join(sorted([*pop, moved])) + "\n").encode()
    assert "不同风险等级" in draw.check_sorted(data)
    dup = ("\n".join(sorted([*pop, pop[3][:21] + "999999999999"])) + "\n").encode()
    assert "重复" in draw.check_sorted(dup)
    bad = bytearray(population(40))
    bad[34 * 5 + 3] = ord("a")
    assert "第 6 行格式不符" in draw.check_sorted(bytes(bad))
