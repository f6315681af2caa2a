"""Test helpers for 双随机一公开: the enforcement setup's department with an inspection item, a second department
with certified officers (for joint tasks), and a directory of entities with valid credit codes."""

import datetime as dt

from fazhi.core import clock
from fazhi.core.identifiers import credit_check_char
from fazhi.inspections import actions
from fazhi.inspections.models import Entity
from fazhi.officers import actions as officers
from fazhi.powers import actions as powers
from fazhi.powers.models import PowerItem
from fazhi.testing.enforcement import Setup as EnforcementSetup
from fazhi.testing.enforcement import pid

D = dt.date


def credit_code(n: int, region: str = "330102") -> str:
    first = f"92{region}{n:09d}"
    return first + credit_check_char(first)


def entities(count: int, *, start: int = 1, regions=("330102001000", "330102002000", "330102003000")) -> list[Entity]:
    rows = [Entity(credit_code=credit_code(n), name=f"测试商户{n:05d}", kind="individual" if n % 3 else "enterprise",
                   region_code=regions[n % len(regions)], industry="批发和零售业" if n % 2 else "住宿和餐饮业",
                   risk_class="ABCD"[n % 4]) for n in range(start, start + count)]
    return Entity.objects.bulk_create(rows)


class Setup(EnforcementSetup):
    """dept_a: three officers (ZF0001, ZF0002 valid; ZF0003 expired), item SC-1 on its 行政检查 JC-1.
    dept_b: two certified officers (ZF1001, ZF1002) and item SC-B on its own 行政检查 item. 400 entities."""

    def __init__(self, w, *, entity_count: int = 400):
        super().__init__(w)
        with clock.frozen(D(2025, 1, 2)):
            self.item_a = actions.create_item(
                actor=w.legal_a, organisation=w.dept_a, power_item=PowerItem.objects.get(organisation=w.dept_a,
                                                                                         code="JC-1"),
                code="SC-1", name="食品经营者落实食品安全主体责任情况检查", basis="《中华人民共和国食品安全法》第一百一十条",
                subject_type="食品经营者", default_ratio=3)
            powers.add_item(actor=w.legal_b, organisation=w.dept_b, effective_on=D(2024, 1, 1),
                            document_number="测政发〔2024〕3号", code="JC-B", name="排污单位监督检查",
                            category="inspection", level="county", bases="《中华人民共和国环境保护法》第二十四条")
            self.item_b = actions.create_item(
                actor=w.legal_b, organisation=w.dept_b, power_item=PowerItem.objects.get(organisation=w.dept_b,
                                                                                         code="JC-B"),
                code="SC-B", name="排污许可执行情况检查", basis="《排污许可管理条例》第二十九条", subject_type="排污单位")
            self.officers_b = []
            for n, name in enumerate(("赵环保", "钱环保"), start=1):
                o = officers.register_officer(actor=w.legal_b, organisation=w.dept_b, name=name, id_number=pid(50 + n),
                                              areas="生态环境")
                officers.issue_certificate(o, actor=w.supervisor, number=f"ZF1{n:03d}", issued_on=D(2024, 1, 2),
                                           expires_on=D(2030, 1, 1))
                self.officers_b.append(o)
        self.entities = entities(entity_count)

    def plan(self, *, year=2025, publish=True, org=None):
        w = self.w
        with clock.frozen(D(year, 1, 10)):
            plan = actions.create_plan(actor=w.legal_a if org is None else w.legal_b, organisation=org or w.dept_a,
                                       year=year, title=f"{year}年度双随机抽查计划")
        return plan

    def task(self, plan, *, partners=(), ratios=None, publish=True, **kw):
        w = self.w
        with clock.frozen(D(plan.year, 1, 11)):
            task = actions.create_task(actor=w.legal_a, plan=plan, title="食品经营者专项抽查",
                                       items=[self.item_a, *([self.item_b] if partners else [])],
                                       partners=partners, start=D(plan.year, 3, 1), end=D(plan.year, 6, 30),
                                       ratios=ratios or {"A": "2", "B": "3", "C": "5", "D": "10"}, **kw)
            if publish and plan.status == "draft":
                actions.publish_plan(plan, actor=w.legal_a, on=D(plan.year, 1, 11))
        return task
