"""Benchmark data: the entity directory (检查对象名录库) of the generated tree — `FAZHI_BENCH_ENTITIES` per county
(default 100,000: 10⁵ for a county, 10⁷ for a province), with valid credit codes, twelve townships per county, the
risk classes in the proportions a credit-classification gives (A 30 %, B 50 %, C 15 %, D 5 %). Written straight into
the table through `fazhi.core.bulk.Stage` (COPY on PostgreSQL): generated data needs no validation."""

from __future__ import annotations

import os

from django.db import transaction

from fazhi.core import clock
from fazhi.core.bulk import Stage
from fazhi.core.identifiers import credit_check_char

KINDS = ["enterprise", "individual", "individual", "enterprise", "cooperative"]
INDUSTRIES = ["批发和零售业", "住宿和餐饮业", "制造业", "居民服务、修理和其他服务业", "农、林、牧、渔业"]
RISKS = "A" * 6 + "B" * 10 + "C" * 3 + "D"


def per_county() -> int:
    return int(os.environ.get("FAZHI_BENCH_ENTITIES", "100000"))


def county_region(index: int) -> str:
    return f"98{index:04d}"


def rows(county: int, count: int):
    region = county_region(county)
    for n in range(count):
        first = f"91{region}{county:03d}{n:06d}"[:17]
        yield (first + credit_check_char(first), f"基准市场主体{county}-{n}", KINDS[n % 5],
               f"{region}{n % 12 + 1:03d}000", INDUSTRIES[n % 5], RISKS[(n * 7) % 20], "active", False, clock.now())


@transaction.atomic
def generate(ctx, count: int | None = None):
    count = per_county() if count is None else count
    columns = ["credit_code", "name", "kind", "region_code", "industry", "risk_class", "status", "abnormal",
               "updated_at"]
    with Stage("inspections_entity", columns, create=False) as stage:
        for i, _gov in enumerate(ctx.governments):
            for row in rows(i, count):
                stage.add(row)
