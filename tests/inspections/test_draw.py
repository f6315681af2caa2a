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
    code = next(line for line in pop.decode().splitlines() if line[0] == "A")[2:20]
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
    assert draw.check_sorted(draw.population_bytes([])) is None  # empty is well formed
    moved = "D" + pop[0][1:]  # the first entity listed again under D
    data = ("\n".join(sorted([*pop, moved], key=lambda line: (line[2:20], line[0]))) + "\n").encode()
    assert "只能出现一次" in draw.check_sorted(data)
    bad = bytearray(population(40))
    bad[34 * 5 + 3] = ord("a")
    assert "第 6 行格式不符" in draw.check_sorted(bytes(bad))
    swapped = pop[:]
    swapped[7], swapped[8] = swapped[8], swapped[7]
    assert "第 9 行未按信用代码排序" in draw.check_sorted(("\n".join(swapped) + "\n").encode())


def test_version_1_snapshots_sorted_by_class_first_still_verify():
    """Draws committed before fazhi-draw-2 name fazhi-draw-1 in their parameters: their snapshot is sorted by risk
    class, then code, and is checked and drawn that way."""
    rows = [("ABCD"[i % 4], credit_code(i), f"33010200{i % 5}000") for i in range(1, 401)]
    old = draw.population_bytes(rows, draw.V1)
    assert old != draw.population_bytes(rows) and old.decode().splitlines()[0][0] == "A"
    params = {**PARAMS, "algorithm": draw.V1}
    assert draw.verify(record(old, pool(), params=params))["verified"] is True
    assert not draw.verify(record(draw.population_bytes(rows), pool(), params=params))["verified"]
    assert "不同风险等级" in draw.check_sorted(
        ("\n".join(sorted([*old.decode().splitlines(), "D" + old.decode().splitlines()[0][1:]])) + "\n").encode(),
        draw.V1)
    unknown = record(old, pool(), params=params)
    unknown["parameters"] = {**params, "algorithm": "fazhi-draw-9"}
    answer = draw.verify(unknown)
    assert answer["verified"] is False and "未知的抽取算法" in answer["problems"][0]


def test_the_draw_is_the_same_function_of_a_strata_in_either_order():
    """A stratum is the class's lines in file order: version 2 takes them from the code-ordered file, version 1 from
    its block, and both orders list a class's codes the same way, so the selection is the same."""
    rows = [("ABCD"[i % 4], credit_code(i), f"33010200{i % 5}000") for i in range(1, 801)]
    new = draw.select(draw.population_bytes(rows), key="k", parameters=PARAMS, pool=pool())
    old = draw.select(draw.population_bytes(rows, draw.V1), key="k", parameters={**PARAMS, "algorithm": draw.V1},
                      pool=pool())
    assert new == old and len(new) > 10


def _reference_check(data: bytes) -> str | None:
    """check_sorted written the plain way, line by line."""
    lines = [data[i:i + draw.LINE] for i in range(0, len(data), draw.LINE)]
    for i, line in enumerate(lines, start=1):
        if not (line[0] in b"ABCD" and line[1] == 9 and line[20] == 9 and line[33] == 10
                and all(c in draw.CODE_CHARS for c in line[2:20]) and all(48 <= c <= 57 for c in line[21:33])):
            return f"第 {i} 行格式不符"
    for i in range(1, len(lines)):
        if lines[i][2:20] <= lines[i - 1][2:20]:
            return f"第 {i + 1} 行未按信用代码排序"
    return None


def test_the_snapshot_check_agrees_with_a_line_by_line_reading_on_altered_bytes():
    """The version-2 check reads 8 bytes at a time with bit masks; on thousands of one-byte alterations — bytes at the
    edges of the digit and letter ranges among them — it names the same line as a plain reading does."""
    good = population(300)
    assert draw.check_sorted(good) is None and _reference_check(good) is None
    rng = random.Random(11)
    edges = b"/09:@AZ[`az\t\n \x00\x7f\x80\xff"
    for _ in range(3000):
        data = bytearray(good)
        for _ in range(rng.choice((1, 1, 2))):
            data[rng.randrange(len(data))] = rng.choice(edges + b"ABCD13579")
        data = bytes(data)
        got, want = draw.check_sorted(data), _reference_check(data)
        assert (got is None) == (want is None), (got, want)
        if want:
            assert want in got, (got, want)


def _shuffle_by_the_document(key: str, label: str, n: int, k: int) -> list[int]:
    """The partial Fisher–Yates shuffle as docs/inspections-draw.md states it, step by step over a whole list."""
    import hashlib

    positions = list(range(n))
    for j in range(min(k, n)):
        u = int.from_bytes(hashlib.sha256(f"{key}:{label}:{j}".encode()).digest()[:16], "big")
        r = j + u % (n - j)
        positions[j], positions[r] = positions[r], positions[j]
    return positions[:min(k, n)]


@pytest.mark.parametrize("k", [1, 2, 3, 7])
def test_the_shuffle_is_the_documented_one_for_every_size(k):
    """The draw's two inspectors take a written-out path, the entities a dictionary: both are the documented shuffle
    (including the case where the second swap partner is the first one's position)."""
    for n in [*range(1, 40), 97, 1000, 65537]:
        for label in ("entities:A", "inspectors:91330100MA2XXXXX0X:"[:-1]):
            assert draw.choose("k", label, n, k) == _shuffle_by_the_document("k", label, n, k), (n, k, label)
