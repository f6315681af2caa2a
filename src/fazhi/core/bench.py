"""Generated data for benchmarks: an organisation tree at county, city or province scale.

Sizes follow DOMAIN.md "Scale": a county has ~20 departments, townships and enforcement units; a city ~8 counties;
a province ~100 counties. Rows are bulk-inserted (this is load generation, not user activity, so it does not go
through the actions); the audit chain gets a realistic history through `audit.record`.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.contrib.auth import get_user_model
from django.db import transaction

from fazhi.core import audit, clock
from fazhi.core.choices import AuditAction, OrgKind, Role
from fazhi.core.models import Membership, Organisation

SCALES = {
    # counties, departments per county, townships per county, units per county, audit events
    "county": {"counties": 1, "departments": 20, "townships": 10, "units": 5, "events": 5_000},
    "city": {"counties": 8, "departments": 20, "townships": 12, "units": 5, "events": 20_000},
    "province": {"counties": 100, "departments": 20, "townships": 12, "units": 5, "events": 50_000},
}


@dataclass
class BenchContext:
    scale: str
    rng: random.Random
    year: int
    actor: object
    root: Organisation | None = None
    governments: list[Organisation] = field(default_factory=list)  # county governments
    departments: list[Organisation] = field(default_factory=list)
    townships: list[Organisation] = field(default_factory=list)
    users: list = field(default_factory=list)  # one legal officer per department

    @property
    def sizes(self) -> dict:
        return SCALES[self.scale]


def _bulk_orgs(specs: list[tuple[str, str, str, Organisation | None]]) -> list[Organisation]:
    objs = []
    for code, name, kind, parent in specs:
        path = (parent.path if parent else "/") + f"{code}/"
        objs.append(Organisation(code=code, name=name, kind=kind, parent=parent, path=path, depth=path.count("/") - 2))
    return Organisation.objects.bulk_create(objs, batch_size=2000)


@transaction.atomic
def generate_core(scale: str, seed: int = 7, year: int | None = None) -> BenchContext:
    if scale not in SCALES:
        raise ValueError(scale)
    size = SCALES[scale]
    User = get_user_model()
    actor = User.objects.filter(username="bench_admin").first() or User.objects.create_superuser(
        "bench_admin", "bench@example.invalid", "Bench-password-2026")
    ctx = BenchContext(scale=scale, rng=random.Random(seed), year=year or clock.today().year - 1, actor=actor)
    [root] = _bulk_orgs([("B", "基准测试省人民政府" if scale == "province" else "基准测试市人民政府",
                          OrgKind.GOVERNMENT, None)])
    ctx.root = root
    cities = [root]
    if scale == "province":
        cities = _bulk_orgs([(f"B-C{i:02d}", f"第{i}市人民政府", OrgKind.GOVERNMENT, root) for i in range(10)])
    per_city = max(1, size["counties"] // len(cities))
    for city in cities:
        govs = _bulk_orgs([(f"{city.code}-X{i:02d}", f"{city.name[:-4]}第{i}县人民政府", OrgKind.GOVERNMENT, city)
                           for i in range(per_city)])
        ctx.governments.extend(govs)
    for gov in ctx.governments:
        depts = _bulk_orgs([(f"{gov.code}-D{i:02d}", f"{gov.name[:-4]}第{i}局", OrgKind.DEPARTMENT, gov)
                            for i in range(size["departments"])])
        ctx.departments.extend(depts)
        ctx.townships.extend(_bulk_orgs([(f"{gov.code}-T{i:02d}", f"{gov.name[:-4]}第{i}镇", OrgKind.TOWNSHIP, gov)
                                         for i in range(size["townships"])]))
        _bulk_orgs([(f"{d.code}-U", f"{d.name}执法大队", OrgKind.UNIT, d) for d in depts[: size["units"]]])
    users = User.objects.bulk_create(
        [User(username=f"b_{d.code}", password="!") for d in ctx.departments], batch_size=2000)
    Membership.objects.bulk_create([Membership(user=u, organisation=d, role=Role.LEGAL_OFFICER)
                                    for u, d in zip(users, ctx.departments, strict=True)], batch_size=2000)
    ctx.users = users
    entries = [(ctx.departments[i % len(ctx.departments)], {"n": i + 1}) for i in range(size["events"])]
    audit.record_many(actor=actor, entries=entries, verb="基准测试修改", action=AuditAction.UPDATE, reason="基准测试",
                      describe=lambda d: d.name)
    return ctx


def generate(scale: str, seed: int = 7, stdout=None) -> BenchContext:
    """The core tree, then each module's `bench.generate(ctx)` in FAZHI_MODULES order."""
    from fazhi.core.modules import module_configs

    started = time.perf_counter()
    ctx = generate_core(scale, seed)
    for config in module_configs():
        name = f"{config.name}.bench"
        if config.name == "fazhi.core" or find_spec(name) is None:
            continue
        gen = getattr(import_module(name), "generate", None)
        if gen is not None:
            with transaction.atomic():
                gen(ctx)
            if stdout:
                stdout.write(f"  · {config.verbose_name}：已生成")
    if stdout:
        secs = time.perf_counter() - started
        stdout.write(f"基准数据（{scale}）已生成，用时 {secs:.1f} 秒。")
    return ctx
