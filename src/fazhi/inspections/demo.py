"""Demo: 双随机一公开 in 清源县, told relative to `ctx.today` so it builds on any date.

The directory of ~3,000 market entities comes in through the same CSV import a department would use. The market-
regulation bureau published last year's plan: a food-business task drawn in spring (results recorded and published,
one late, one entity listed as abnormal, one ordered to correct and rectified) and a joint task with the ecology
bureau in autumn. This year's plan has a task already drawn with some results still to record and publish (one
publication overdue) when the year is far enough on, else one committed and waiting for its draw; and a draft."""

from __future__ import annotations

import csv
import datetime as dt
import io

from fazhi.core.clock import frozen
from fazhi.core.identifiers import credit_check_char
from fazhi.core.permissions import ActionError
from fazhi.inspections import actions, directory
from fazhi.inspections.choices import Result
from fazhi.inspections.models import Entity, InspectionItem
from fazhi.officers.models import Officer
from fazhi.powers.models import PowerItem

TOWNS = ["001", "002", "003", "004", "005", "006", "007", "008"]
WORDS = ["百味", "鑫源", "康宁", "绿野", "华美", "顺达", "新城", "老街", "金穗", "永和", "福满", "兴旺", "恒信", "嘉禾",
         "瑞丰", "安康", "青禾", "润泽", "宏达", "惠民"]
TRADES = [("餐饮店", "住宿和餐饮业", "individual"), ("超市", "批发和零售业", "enterprise"),
          ("大药房有限公司", "批发和零售业", "enterprise"), ("农资经营部", "批发和零售业", "individual"),
          ("食品有限公司", "制造业", "enterprise"), ("建材有限公司", "批发和零售业", "enterprise"),
          ("汽车维修厂", "居民服务、修理和其他服务业", "individual"), ("种植专业合作社", "农、林、牧、渔业", "cooperative"),
          ("化工有限公司", "制造业", "enterprise"), ("印染有限公司", "制造业", "enterprise")]
COUNT = 3000


def _directory_csv(rng) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([label.rstrip("*") for _, label in directory.COLUMNS])
    for n in range(1, COUNT + 1):
        suffix, industry, kind = TRADES[n % len(TRADES)]
        first = f"{'92' if kind == 'individual' else '93' if kind == 'cooperative' else '91'}990121{n:08d}X"
        code = first + credit_check_char(first)
        name = f"清源县{WORDS[n % len(WORDS)]}{WORDS[(n // len(WORDS)) % len(WORDS)]}{suffix}"
        if n > len(WORDS) ** 2:
            name = name.replace("清源县", f"清源县{TOWNS[n % 8]}号")
        risk = rng.choices("ABCD", weights=[30, 50, 15, 5])[0]
        status = "注销" if n % 97 == 0 else "存续"
        writer.writerow([code, name, {"individual": "个体工商户", "cooperative": "农民专业合作社"}.get(kind, "企业"),
                         f"990121{TOWNS[n % 8]}000", industry, risk, status])
    return out.getvalue().encode("utf-8")


def _item(ctx, short, legal, code, name, basis, subject):
    org = ctx.orgs[short]
    power = PowerItem.objects.filter(organisation=org, category="inspection").order_by("code").first()
    if power is None:
        return None
    existing = InspectionItem.objects.filter(organisation=org, code=code).first()
    return existing or actions.create_item(actor=legal, organisation=org, power_item=power, code=code, name=name,
                                           basis=basis, subject_type=subject)


def _run(task, legal, committed, drawn, entropy=""):
    """The commitment and the draw; None when the seed's story has too few certified inspectors on that date."""
    with frozen(drawn):
        try:
            actions.commit(task, actor=legal, on=committed)
        except ActionError:
            return None
        return actions.run_draw(task, actor=legal, on=drawn, entropy=entropy)


def _results(ctx, task, people, start, *, late=(), abnormal=(), corrected=(), record_share=1.0, unpublished=0):
    rows = list(task.inspections.order_by("draw"))
    recorded = rows[:max(1, int(len(rows) * record_share))]
    for n, i in enumerate(recorded):
        day = min(start + dt.timedelta(days=n % 20), ctx.today)
        actor = people[n % len(people)]
        result = Result.ANNUAL_REPORT if n in abnormal else Result.CORRECTED if n in corrected else \
            Result.NOT_OPERATING if n % 11 == 7 else Result.NO_PROBLEM
        with frozen(ctx.today):
            i = actions.record_result(
                i, actor=actor, inspected_on=day, result=result,
                findings={Result.ANNUAL_REPORT: "未按规定报送并公示上一年度报告",
                          Result.CORRECTED: "进货查验记录不全，已责令改正",
                          Result.NOT_OPERATING: "登记住所现场未见开展本次抽查涉及的经营活动"}.get(result, ""),
                rectify_due=day + dt.timedelta(days=15) if result == Result.CORRECTED else None)
            if result == Result.CORRECTED and day + dt.timedelta(days=12) <= ctx.today:
                actions.rectify(i, actor=actor, on=day + dt.timedelta(days=12), rectification="已补齐进货查验记录")
            if n < len(recorded) - unpublished:
                on = i.publicity_due + dt.timedelta(days=6) if n in late else i.publicity_due - dt.timedelta(days=5)
                if on <= ctx.today:
                    actions.publish(i, actor=actor, on=max(on, day))
    return rows


def build(ctx):
    rng = ctx.rng
    legal, hb_legal = ctx.users["scj_legal"], ctx.users["hb_legal"]
    with frozen(ctx.today):
        result = directory.import_entities(io.BytesIO(_directory_csv(rng)), actor=legal, name="清源县市场主体名录.csv")
    assert result.ok, result.errors[:3]
    food = _item(ctx, "scjgj", legal, "SJ-SC-001", "食品经营者落实食品安全主体责任情况检查",
                 "《中华人民共和国食品安全法》第一百一十条", "食品经营者")
    env = _item(ctx, "sthjj", hb_legal, "SJ-HB-001", "排污单位污染物排放情况检查",
                "《中华人民共和国环境保护法》第二十四条", "排污单位")
    if food is None:
        return
    officers = list(Officer.objects.filter(organisation=ctx.orgs["scjgj"]).order_by("pk"))
    if len(officers) >= 2:  # 回避 as declared: one officer's home township, another's former employer
        with frozen(ctx.today):
            actions.add_conflict(actor=legal, officer=officers[1], kind="township", region_code="990121003",
                                 reason="本人户籍在青石镇", recorded_on=ctx.today - dt.timedelta(days=700))
            actions.add_conflict(actor=legal, officer=officers[2], kind="former_employer",
                                 credit_code=Entity.objects.order_by("credit_code")[5].credit_code,
                                 reason="2018—2020年曾在该单位任职", recorded_on=ctx.today - dt.timedelta(days=700))
    people = [legal, ctx.users["scj_officer"]]
    last = ctx.previous_year
    with frozen(ctx.today):
        plan = actions.create_plan(actor=legal, organisation=ctx.orgs["scjgj"], year=last,
                                   title=f"清源县市场监督管理局{last}年度双随机抽查工作计划",
                                   note="按信用风险分类确定抽查比例：A类1%，B类3%，C类5%，D类10%。")
        spring = actions.create_task(actor=legal, plan=plan, title="食品经营者主体责任落实情况抽查", items=[food],
                                     start=dt.date(last, 3, 1), end=dt.date(last, 6, 30),
                                     industries=["住宿和餐饮业", "批发和零售业"],
                                     ratios={"A": "1", "B": "3", "C": "5", "D": "10"})
        joint = None
        if env is not None:
            joint = actions.create_task(actor=legal, plan=plan, title="部门联合抽查：制造业企业食品安全和排污情况",
                                        items=[food, env], partners=[ctx.orgs["sthjj"]], start=dt.date(last, 9, 1),
                                        end=dt.date(last, 11, 30), industries=["制造业"],
                                        ratios={"A": "2", "B": "3", "C": "10", "D": "20"})
        actions.publish_plan(plan, actor=legal, on=dt.date(last, 1, 15))
    spring = _run(spring, legal, dt.date(last, 3, 3), dt.date(last, 3, 6), entropy="福彩3D第060期 4 1 7")
    if spring is not None:
        _results(ctx, spring, people, dt.date(last, 3, 20), late={4}, abnormal={2}, corrected={3})
        with frozen(ctx.today):
            actions.complete(spring, actor=legal, on=dt.date(last, 5, 20))
    joint = joint and _run(joint, legal, dt.date(last, 9, 2), dt.date(last, 9, 5))
    if joint is not None:
        _results(ctx, joint, [legal, hb_legal], dt.date(last, 9, 15), corrected={1})
        with frozen(ctx.today):
            actions.complete(joint, actor=legal, on=dt.date(last, 11, 10))
    _this_year(ctx, food, legal, people)


def _this_year(ctx, food, legal, people):
    year, today = ctx.year, ctx.today
    published = min(today, dt.date(year, 1, 10))
    with frozen(today):
        plan = actions.create_plan(actor=legal, organisation=ctx.orgs["scjgj"], year=year,
                                   title=f"清源县市场监督管理局{year}年度双随机抽查工作计划")
        task = actions.create_task(actor=legal, plan=plan, title="药品零售企业经营情况抽查", items=[food],
                                   start=published, end=dt.date(year, 12, 31), industries=["批发和零售业"],
                                   ratios={"B": "3", "C": "5", "D": "10"})
        actions.create_task(actor=legal, plan=plan, title="农资经营户专项抽查（拟定）", items=[food],
                            start=dt.date(year, 12, 1), end=dt.date(year, 12, 31), kinds=["individual"],
                            ratios={"A": "1", "B": "3", "C": "5", "D": "10"})
        actions.publish_plan(plan, actor=legal, on=published)
    if (today - published).days >= 60:
        committed = today - dt.timedelta(days=50)
        task = _run(task, legal, committed, committed + dt.timedelta(days=2), entropy="现场监督员报数 58")
        if task is not None:
            _results(ctx, task, people, committed + dt.timedelta(days=5), late={1}, record_share=0.7,
                     unpublished=3)
    else:
        with frozen(today):
            try:
                actions.commit(task, actor=legal, on=today)
            except ActionError:
                pass  # too few certified inspectors today in this seed's story: the task waits as a draft
