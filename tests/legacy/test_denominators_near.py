"""A wrong rate's other possible denominators are found by bisecting the report's counts by value: the same figures
as judging every count of the report, for whole and decimal rates, truncated and rounded ones, zero numerators."""

import random
from dataclasses import dataclass
from decimal import Decimal

from fazhi.reports.legacy.findings import judge_rate
from fazhi.reports.legacy.rates import RateChecks


@dataclass
class F:
    value: Decimal
    kind: str = "count"
    period: str = ""


def test_bisected_denominators_are_those_that_fit():
    rng = random.Random(5)
    checker = RateChecks()
    checker.figures = [F(Decimal(rng.randint(0, 400))) for _ in range(600)] + [F(Decimal(50), period="2024"),
                                                                            F(Decimal("3.5"), kind="rate")]
    counts = [i for i, f in enumerate(checker.figures) if f.kind == "count" and not f.period and f.value]
    tried = 0
    for _ in range(400):
        num = Decimal(rng.randint(0, 120))
        decimals = rng.choice([0, 1, 2])
        stated = (Decimal(rng.randint(0, 10000)) / 100).quantize(Decimal(1).scaleb(-decimals))
        near = checker._denominators_near(stated, decimals, num)
        fit = [i for i in counts if judge_rate(stated, decimals, num, checker.figures[i].value).fits]
        assert set(fit) <= set(near), (stated, decimals, num)
        assert near == sorted(near)
        tried += bool(fit)
    assert tried > 20  # the draw did exercise fitting denominators
