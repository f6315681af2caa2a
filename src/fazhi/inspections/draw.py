"""The draw of 双随机一公开 as a deterministic function of a revealed seed, a published population snapshot and the
committed parameters, so that anyone can redo it (docs/inspections-draw.md describes it for someone writing their own
verifier). Nothing here reads the database: the record published on the portal is all a verifier needs.

- **Population snapshot.** One line per candidate entity, fixed width (34 bytes): risk class (one letter), TAB, the
  18-character credit code, TAB, the 12-digit region code, LF; sorted by credit code (byte order), each code once, so
  a verifier checks order and uniqueness in one pass over neighbouring lines. Its SHA-256 is `population_hash`.
  (Records of `fazhi-draw-1`, before 2026-12, sorted by risk class first; they still verify.)
- **Inspector pool.** The eligible inspectors (valid certificate on the commitment date) sorted by certificate
  number, each with the credit codes and region prefixes they must not inspect (回避). Its SHA-256 over canonical
  JSON is `inspectors_hash`.
- **Commitment.** SHA-256 of the canonical JSON of {seed, population_hash, inspectors_hash, parameters}, published
  before the draw; the seed (256 random bits) is revealed after it.
- **Key.** SHA-256 of the canonical JSON of {seed, entropy}: `entropy` is a public value not known when the
  commitment was made (a lottery number, a value read out by a witness), so the seed cannot be chosen to steer the
  selection; it may be empty.
- **Selection.** For each stratum (risk class) named in `parameters.ratios`, in the order A, B, C, D — its lines in
  file order — with n entities and ratio r %,
  k = min(n, ⌈n·r/100⌉) entities are chosen by a partial Fisher–Yates shuffle of their positions whose j-th swap
  partner is j + U(key, "entities:<class>", j) mod (n − j), where U is the first 16 bytes of
  SHA-256("<key>:<label>:<j>") read as a big-endian integer.
- **Inspectors.** For each chosen entity in order, the pool without the inspectors excluded from it (its credit
  code listed, or its region code starting with a listed prefix) gives `inspectors_per_entity` inspectors by the
  same shuffle with label "inspectors:<credit code>".
"""

from __future__ import annotations

import hashlib
import itertools
import json
import operator
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from decimal import ROUND_CEILING, Decimal

import numpy as np

LINE = 34
RISK_CLASSES = ("A", "B", "C", "D")
V1 = "fazhi-draw-1"  # snapshot sorted by risk class, then credit code (draws committed before 2026-12)
ALGORITHM = "fazhi-draw-2"  # snapshot sorted by credit code alone
ALGORITHMS = (V1, ALGORITHM)


class DrawError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def canonical(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def population_line(risk_class: str, credit_code: str, region_code: str) -> bytes:
    region = (region_code or "").ljust(12, "0")[:12]
    line = f"{risk_class}\t{credit_code}\t{region}\n".encode("ascii")
    if len(line) != LINE:
        raise DrawError(f"检查对象“{credit_code}”的信用代码或风险等级不符合快照格式。")
    return line


def algorithm_of(parameters: dict | None) -> str:
    """The algorithm a record's parameters name (records before version 2 may not name one)."""
    name = (parameters or {}).get("algorithm") or V1
    if name not in ALGORITHMS:
        raise DrawError(f"未知的抽取算法“{name}”，本程序能复核 {'、'.join(ALGORITHMS)}。")
    return name


def population_bytes(rows: Iterable[tuple[str, str, str]], algorithm: str = ALGORITHM) -> bytes:
    """rows of (risk class, credit code, region code), in any order."""
    order = (lambda r: (r[0], r[1])) if algorithm == V1 else (lambda r: r[1])
    return b"".join(population_line(*r) for r in sorted(rows, key=order))


def commitment(seed: str, population_hash: str, inspectors_hash: str, parameters: dict) -> str:
    return sha256_hex(canonical({"seed": seed, "population_hash": population_hash,
                                 "inspectors_hash": inspectors_hash, "parameters": parameters}))


def key_for(seed: str, entropy: str) -> str:
    return sha256_hex(canonical({"seed": seed, "entropy": entropy or ""}))


def inspectors_hash(pool: list[dict]) -> str:
    return sha256_hex(canonical(pool))


def choose(key: str, label: str, n: int, k: int) -> list[int]:
    """k distinct positions of range(n), in draw order: a partial Fisher–Yates shuffle kept in a dict. The j-th
    partner is j + U mod (n − j), U the first 16 bytes of SHA-256("<key>:<label>:<j>") read big-endian; the hash state
    of the common prefix is computed once."""
    return _choose(hashlib.sha256(f"{key}:{label}:".encode()), n, k)


def _choose(base, n: int, k: int) -> list[int]:
    """`choose` from the hash state of "<key>:<label>:"."""
    if k == 2 and n >= 2:  # an entity's two inspectors (10⁵ times a province draw): the same swaps, written out
        h = base.copy()
        h.update(b"0")
        first = int.from_bytes(h.digest()[:16], "big") % n
        h = base.copy()
        h.update(b"1")
        second = 1 + int.from_bytes(h.digest()[:16], "big") % (n - 1)
        return [first, 0 if second == first else second]  # position `first` holds what position 0 held
    moved: dict[int, int] = {}
    get, from_bytes = moved.get, int.from_bytes
    out = []
    for j in range(min(k, n)):
        h = base.copy()
        h.update(b"%d" % j)
        r = j + from_bytes(h.digest()[:16], "big") % (n - j)
        out.append(get(r, r))
        moved[r] = get(j, j)  # position j is never drawn from again: only r keeps what j held
    return out


def quota(n: int, ratio) -> int:
    k = (Decimal(n) * Decimal(str(ratio)) / 100).to_integral_value(rounding=ROUND_CEILING)
    return min(n, int(k))


def strata(population: bytes, algorithm: str = ALGORITHM) -> dict[str, Sequence[int]]:
    """Per risk class, the numbers of its lines in file order: a contiguous block found by binary search in a
    version-1 snapshot, the lines whose first byte is the class in a version-2 one."""
    if len(population) % LINE:
        raise DrawError("总体快照的长度不是整行，文件可能已损坏。")
    total = len(population) // LINE
    out: dict[str, Sequence[int]] = {}
    if algorithm != V1:
        classes = np.frombuffer(population, dtype=np.uint8)[0::LINE]
        for cls in RISK_CLASSES:
            lines = np.flatnonzero(classes == ord(cls))
            if len(lines):
                out[cls] = lines
        return out
    for cls in RISK_CLASSES:
        lo = _first(population, total, cls.encode())
        hi = _first(population, total, bytes([ord(cls) + 1]))
        if hi > lo:
            out[cls] = range(lo, hi)
    return out


def _first(population: bytes, total: int, byte: bytes) -> int:
    lo, hi = 0, total
    while lo < hi:
        mid = (lo + hi) // 2
        if population[mid * LINE:mid * LINE + 1] < byte:
            lo = mid + 1
        else:
            hi = mid
    return lo


CODE_CHARS = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


_ALNUM = bytes(48 if 48 <= c <= 57 or 65 <= c <= 90 else c if c in (9, 10) else 63 for c in range(256))
_SHAPE = b"0\t" + b"0" * 18 + b"\t" + b"0" * 12 + b"\n"  # a line with every digit and capital letter made "0"


def _column(data: bytes, offset: int, dtype: str, n: int) -> np.ndarray:
    """The bytes at `offset` of every line read as one integer each (a strided view, nothing copied)."""
    return np.ndarray((n,), dtype=dtype, buffer=data, offset=offset, strides=(LINE,))


def check_sorted(population: bytes, algorithm: str = ALGORITHM) -> str | None:
    """None if the snapshot is well formed, sorted and without duplicates, else what is wrong (in Chinese). Every
    check is a pass at C speed over the whole snapshot. Version 2: the snapshot with each digit and capital letter
    made "0" must be the same line n times (read 8 bytes at a time); the risk class must be A–D and the region code
    hold no letter; each line's credit code, read as three big-endian integers (bytes 1–8, 9–16, 17–18), must be
    greater than the line before's — strictly increasing also means each code once."""
    if len(population) % LINE:
        return "总体快照的长度不是整行。"
    n = len(population) // LINE
    if algorithm == V1:
        return _check_sorted_v1(population, n)
    if n == 0:
        return None
    shape = population.translate(_ALNUM)
    ok = (_column(population, 0, "u1", n) - 65) < 4
    for offset, kind in ((0, "<u8"), (8, "<u8"), (16, "<u8"), (24, "<u8"), (32, "<u2")):
        ok &= _column(shape, offset, kind, n) == int.from_bytes(_SHAPE[offset:offset + np.dtype(kind).itemsize],
                                                                  "little")
    ok &= (_column(population, 21, "<u8", n) & 0x4040404040404040) == 0  # digits lack the 0x40 bit letters have
    ok &= (_column(population, 29, "<u4", n) & 0x40404040) == 0
    if not ok.all():
        return f"总体快照第 {int(np.argmin(ok)) + 1} 行格式不符。"
    increasing = np.zeros(max(n - 1, 0), dtype=bool)
    equal = np.ones(max(n - 1, 0), dtype=bool)
    for offset, kind in ((2, ">u8"), (10, ">u8"), (18, ">u2")):
        part = _column(population, offset, kind, n)
        before, after = part[:-1], part[1:]
        increasing |= equal & (after > before)
        equal &= after == before
    if not increasing.all():
        at = int(np.argmin(increasing)) + 1
        return f"总体快照第 {at + 1} 行未按信用代码排序，或与上一行重复（同一信用代码只能出现一次）。"
    return None


def _check_sorted_v1(population: bytes, n: int) -> str | None:
    """Version 1: the fixed columns through extended slices (every 34th byte), the order by (risk class, code), and
    a code listed under two classes found through a set of the codes of all but the largest class."""
    layout = [(0, b"ABCD"), (1, b"\t"), (20, b"\t"), (33, b"\n")] + [(p, CODE_CHARS) for p in range(2, 20)] + \
        [(p, b"0123456789") for p in range(21, 33)]
    for at, allowed in layout:
        if population[at::LINE].translate(None, allowed):
            column = population[at::LINE]
            bad = next(i for i in range(n) if column[i] not in allowed)
            return f"总体快照第 {bad + 1} 行格式不符。"
    keys = list(map(operator.itemgetter(slice(0, 20)), population.split(b"\n")[:-1]))
    if not all(map(operator.lt, keys, itertools.islice(keys, 1, None))):
        at = next(i for i in range(1, n) if keys[i] <= keys[i - 1])
        return f"总体快照第 {at + 1} 行未按风险等级、信用代码排序，或与上一行重复。"
    blocks = sorted(((b[0], len(b)) for b in strata(population, V1).values()), key=lambda b: b[1])
    code = operator.itemgetter(slice(2, 20))
    seen = set(map(code, itertools.chain.from_iterable(keys[f:f + c] for f, c in blocks[:-1])))
    if seen and not seen.isdisjoint(map(code, keys[blocks[-1][0]:blocks[-1][0] + blocks[-1][1]])):
        return "总体快照中同一信用代码出现在不同风险等级下。"
    if len(seen) != sum(c for _, c in blocks[:-1]):
        return "总体快照中同一信用代码出现在不同风险等级下。"
    return None


def select(population: bytes, *, key: str, parameters: dict, pool: list[dict]) -> list[dict]:
    """The chosen entities in draw order, each {credit_code, risk_class, region_code, inspectors}."""
    return [{"credit_code": code, "risk_class": cls, "region_code": region, "inspectors": inspectors}
            for _line, code, cls, region, inspectors in iter_select(population, key=key, parameters=parameters,
                                                                    pool=pool)]


def iter_select(population: bytes, *, key: str, parameters: dict, pool: list[dict]):
    """`select` one entity at a time, as (line number in the snapshot, credit code, risk class, region code,
    certificates of its inspectors)."""
    ratios = parameters["ratios"]
    per_entity = int(parameters["inspectors_per_entity"])
    found = strata(population, algorithm_of(parameters))
    certificates = [p["certificate"] for p in pool]
    by_entity: dict[str, set[int]] = {}
    by_region: dict[str, set[int]] = {}
    for i, p in enumerate(pool):
        for code in p.get("excluded_entities", []):
            by_entity.setdefault(code, set()).add(i)
        for prefix in p.get("excluded_regions", []):
            by_region.setdefault(prefix, set()).add(i)
    prefix_lengths = sorted({len(p) for p in by_region})
    avoiding = bool(by_entity or prefix_lengths)
    inspectors_base = hashlib.sha256(f"{key}:inspectors:".encode())
    for cls in sorted(ratios):
        if cls not in found:
            continue
        lines = found[cls]
        n = len(lines)
        picks = choose(key, f"entities:{cls}", n, quota(n, ratios[cls]))
        for line in (lines[picks].tolist() if isinstance(lines, np.ndarray) else [lines[p] for p in picks]):
            at = line * LINE
            code, region = population[at + 2:at + 20].decode("ascii"), population[at + 21:at + 33].decode("ascii")
            eligible = certificates
            if avoiding:
                excluded = by_entity.get(code)
                for length in prefix_lengths:
                    more = by_region.get(region[:length])
                    if more:
                        excluded = excluded | more if excluded else more
                if excluded:
                    eligible = [c for i, c in enumerate(certificates) if i not in excluded]
            if len(eligible) < per_entity:
                raise DrawError(f"检查对象 {code} 回避后可抽取的检查人员不足 {per_entity} 名。")
            base = inspectors_base.copy()
            base.update(code.encode() + b":")
            yield line, code, cls, region, [eligible[i] for i in _choose(base, len(eligible), per_entity)]


def population_from_record(record: dict) -> bytes | None:
    lines = (record.get("population") or {}).get("lines")
    if lines is None:
        return None
    return "".join(f"{line}\n" for line in lines).encode("ascii")


def _certificates(entry: dict) -> list[str]:
    return [x.get("certificate") if isinstance(x, dict) else x for x in entry.get("inspectors") or []]


def verify(record: dict, population: bytes | None = None) -> dict:
    """Redo the draw from a published record (and the population it points to when not inline): the answer holds
    `verified` and, when false, what differs."""
    problems: list[str] = []
    differences: list[dict] = []
    if population is None:
        population = population_from_record(record)
    if population is None:
        return {"verified": False, "problems": ["记录中没有总体快照，请用 --population 指定快照文件。"]}
    seed = record.get("seed")
    if not seed:
        return {"verified": False, "problems": ["记录中还没有公开随机种子（尚未抽取）。"]}
    parameters = record.get("parameters") or {}
    pool = record.get("inspectors_pool") or []
    try:
        algorithm = algorithm_of(parameters)
    except DrawError as e:
        return {"verified": False, "problems": [e.message]}
    # SHA-256 and the numpy checks release the interpreter lock: they run beside the re-derivation
    with ThreadPoolExecutor(2) as beside:
        digest = beside.submit(sha256_hex, population)
        form = beside.submit(check_sorted, population, algorithm)
        failure = None
        try:
            expected = select(population, key=key_for(seed, record.get("entropy", "")), parameters=parameters,
                              pool=pool)
        except (DrawError, KeyError, ValueError, IndexError, TypeError, AttributeError) as e:
            failure, expected = getattr(e, "message", str(e)), []
        bad, actual_hash = form.result(), digest.result()
    if actual_hash != record.get("population_hash"):
        problems.append(f"总体快照的 SHA-256 为 {actual_hash}，与承诺时公布的 {record.get('population_hash')} "
                        "不符：承诺后总体被改动过。")
    if bad:
        problems.append(bad)
    if inspectors_hash(pool) != record.get("inspectors_hash"):
        problems.append("检查人员库与承诺时公布的哈希不符：承诺后检查人员或回避关系被改动过。")
    expected_commitment = commitment(seed, record.get("population_hash", ""), record.get("inspectors_hash", ""),
                                     parameters)
    if expected_commitment != record.get("commitment"):
        problems.append("种子、总体哈希和参数算出的承诺值与抽取前公布的承诺值不符。")
    if bad:  # a selection from a malformed snapshot means nothing
        expected = []
    elif failure:
        problems.append(failure)
    published = record.get("selected") or []
    for i in range(max(len(expected), len(published))):
        want = expected[i] if i < len(expected) else None
        got = published[i] if i < len(published) else None
        if want is None or got is None or want["credit_code"] != got.get("credit_code"):
            differences.append({"position": i + 1, "expected": want and want["credit_code"],
                                "published": got and got.get("credit_code")})
        elif want["inspectors"] != _certificates(got):
            differences.append({"position": i + 1, "credit_code": want["credit_code"],
                                "expected_inspectors": want["inspectors"], "published_inspectors": _certificates(got)})
    if differences:
        problems.append(f"按公开算法重新抽取，有 {len(differences)} 处与公布的结果不同。")
    return {"verified": not problems, "algorithm": algorithm, "population_count": len(population) // LINE,
            "population_hash": actual_hash, "selected": len(published), "problems": problems,
            "differences": differences[:100]}
