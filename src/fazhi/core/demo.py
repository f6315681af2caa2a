"""The demo county: a fictional 清源县 built deterministically from a seed.

`fazhi demo` builds the organisation tree and users here, then calls `build(ctx)` in each module's own `demo.py`
(in FAZHI_MODULES order), so every module adds its records for the previous and the current year.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from fazhi.core import actions, audit, clock
from fazhi.core.choices import OrgKind, Role
from fazhi.core.models import Organisation, Region

DEMO_PASSWORD = "Fazhi-demo-2026"
REGION_CODE = "990121"  # a code outside GB/T 2260's real provinces: the county is fictional
GOV_CODE = f"{REGION_CODE}-gov"

DEPARTMENTS = [
    ("sfj", "清源县司法局", "司法局"),
    ("scjgj", "清源县市场监督管理局", "市场监管局"),
    ("gaj", "清源县公安局", "公安局"),
    ("sthjj", "清源县生态环境分局", "生态环境分局"),
    ("zrzyj", "清源县自然资源和规划局", "自然资源局"),
    ("zjj", "清源县住房和城乡建设局", "住建局"),
    ("jtysj", "清源县交通运输局", "交通运输局"),
    ("nyncj", "清源县农业农村局", "农业农村局"),
    ("slj", "清源县水利局", "水利局"),
    ("wjw", "清源县卫生健康委员会", "卫健委"),
    ("jyj", "清源县教育局", "教育局"),
    ("rsj", "清源县人力资源和社会保障局", "人社局"),
    ("yjglj", "清源县应急管理局", "应急管理局"),
    ("czj", "清源县财政局", "财政局"),
    ("wglj", "清源县文化广电和旅游局", "文广旅局"),
    ("zhzfj", "清源县综合行政执法局", "综合执法局"),
    ("mzj", "清源县民政局", "民政局"),
    ("fgj", "清源县发展和改革局", "发改局"),
    ("ybj", "清源县医疗保障局", "医保局"),
    ("lyj", "清源县林业局", "林业局"),
    ("swj", "清源县商务局", "商务局"),
]
UNITS = [
    ("scjgj", "scjg-zfdd", "清源县市场监管综合行政执法大队"),
    ("sthjj", "sthj-zfdd", "清源县生态环境保护综合行政执法大队"),
    ("jtysj", "jtys-zfdd", "清源县交通运输综合行政执法大队"),
    ("nyncj", "nync-zfdd", "清源县农业综合行政执法大队"),
    ("wglj", "wglj-zfdd", "清源县文化市场综合执法大队"),
]
TOWNSHIPS = [("cgz", "城关镇"), ("hxz", "河西镇"), ("qsz", "青石镇"), ("lxx", "柳溪乡"), ("dsx", "东山乡"),
             ("nhjd", "南湖街道"), ("byjd", "北苑街道"), ("smz", "石门镇")]

# (username, full name, organisation short code, role)
USERS = [
    ("supervisor", "周明（依法治县办）", "gov", Role.SUPERVISOR),
    ("fuyi", "陈静（行政复议）", "gov", Role.RECONSIDERATION),
    ("assessor", "吴刚（考评组）", "gov", Role.ASSESSOR),
    ("sfj_legal", "李娜（司法局法制员）", "sfj", Role.LEGAL_OFFICER),
    ("scj_legal", "王强（市场监管局法制员）", "scjgj", Role.LEGAL_OFFICER),
    ("hb_legal", "赵敏（生态环境分局法制员）", "sthjj", Role.LEGAL_OFFICER),
    ("scj_officer", "孙磊（市场监管执法人员）", "scjgj", Role.ENFORCEMENT_OFFICER),
    ("cgz_legal", "钱芳（城关镇法制员）", "cgz", Role.LEGAL_OFFICER),
]


@dataclass
class DemoContext:
    seed: int
    today: dt.date
    rng: random.Random
    government: Organisation
    orgs: dict[str, Organisation] = field(default_factory=dict)  # short code → organisation
    users: dict = field(default_factory=dict)  # username → user
    admin: object = None

    @property
    def year(self) -> int:
        return self.today.year

    @property
    def previous_year(self) -> int:
        return self.today.year - 1

    def departments(self) -> list[Organisation]:
        return [o for o in self.orgs.values() if o.kind == OrgKind.DEPARTMENT]


def org_code(short: str) -> str:
    return f"{REGION_CODE}-{short}"


@transaction.atomic
def build_core(seed: int, today: dt.date) -> DemoContext:
    User = get_user_model()
    admin = User.objects.create_superuser("admin", "admin@example.invalid", DEMO_PASSWORD, first_name="系统管理员")
    province = Region.objects.create(code="990000", name="示范省")
    city = Region.objects.create(code="990100", name="示范市", parent=province)
    county = Region.objects.create(code=REGION_CODE, name="清源县", parent=city)
    gov = actions.create_organisation(actor=admin, code=GOV_CODE, name="清源县人民政府", kind=OrgKind.GOVERNMENT,
                                      region=county, short_name="县政府", reason="示例数据")
    ctx = DemoContext(seed=seed, today=today, rng=random.Random(seed), government=gov, admin=admin)
    ctx.orgs["gov"] = gov
    for short, name, short_name in DEPARTMENTS:
        ctx.orgs[short] = actions.create_organisation(actor=admin, code=org_code(short), name=name,
                                                      kind=OrgKind.DEPARTMENT, parent=gov, region=county,
                                                      short_name=short_name, reason="示例数据")
    for parent, short, name in UNITS:
        ctx.orgs[short] = actions.create_organisation(actor=admin, code=org_code(short), name=name,
                                                      kind=OrgKind.UNIT, parent=ctx.orgs[parent], region=county,
                                                      reason="示例数据")
    for short, name in TOWNSHIPS:
        ctx.orgs[short] = actions.create_organisation(actor=admin, code=org_code(short), name=f"清源县{name}",
                                                      kind=OrgKind.TOWNSHIP, parent=gov, region=county,
                                                      short_name=name, reason="示例数据")
    ctx.users["admin"] = admin
    for username, full_name, short, role in USERS:
        ctx.users[username] = actions.create_user(actor=admin, username=username, full_name=full_name,
                                                  password=DEMO_PASSWORD, organisation=ctx.orgs[short], role=role,
                                                  email=f"{username}@example.invalid")
    return ctx


def build(seed: int = 20260101, today: dt.date | None = None, stdout=None) -> DemoContext:
    """Build the whole demo: core first, then each module's `demo.build(ctx)`.

    `today` (default: the clock's today) is the date the story is told on; the clock stands on it while the demo is
    built, so the actions' own checks ("not in the future", deemed acceptance) agree with the story."""
    today = today or clock.today()
    with clock.frozen(clock.now() if today == clock.today() else today):
        ctx = build_core(seed, today)
        for module in settings.FAZHI_MODULES:
            if module == "fazhi.core" or find_spec(f"{module}.demo") is None:
                continue
            builder = getattr(import_module(f"{module}.demo"), "build", None)
            if builder is not None:
                with transaction.atomic(), audit.one_head_write():
                    builder(ctx)
                if stdout:
                    stdout.write(f"  · {module.rsplit('.', 1)[-1]} 示例数据已生成")
        # What happens by the passing of time (deemed acceptance, reminders), as the daily `fazhi tick` would do.
        from django.core.management import call_command

        call_command("tick", "--date", ctx.today.isoformat(), stdout=io.StringIO())
    return ctx


def accounts_table() -> str:
    rows = [("admin", "系统管理员（超级用户）", "—")]
    rows += [(u, n, dict(Role.choices)[r]) for u, n, _, r in USERS]
    width = max(len(r[0]) for r in rows) + 2
    lines = [f"示例账号（密码均为 {DEMO_PASSWORD}）："]
    lines += [f"  {u:<{width}}{role:<10}{name}" for u, name, role in rows]
    return "\n".join(lines)
