"""Demo: the county's 权责清单, several hundred items built from the bundled laws' 法律责任 chapters (one penalty item
per article, with sub-items where an article lists its cases) and a few licensing, inspection, coercion and reward
items per department; the list in force since three years ago; this year one 赋权乡镇 and one cancellation; and the
2022 revision of the 农产品质量安全法 imported afterwards, so the 农业农村局's bases wait in the review queue."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from fazhi.laws.importers import import_directory
from fazhi.laws.models import Law
from fazhi.powers import actions
from fazhi.powers.bases import Resolver
from fazhi.powers.choices import Category
from fazhi.powers.importers import _write

LATER_LAWS = Path(__file__).resolve().parent / "data"
PREFIX = {Category.PENALTY: "CF", Category.LICENSE: "XK", Category.COERCION: "QZ", Category.INSPECTION: "JC",
          Category.REWARD: "JL", Category.CONFIRMATION: "QR"}
PENALTY_LAWS = {
    "scjgj": ["食品安全法", "广告法", "价格法", "药品管理法"], "gaj": ["治安管理处罚法", "道路交通安全法"],
    "sthjj": ["大气污染防治法", "环境保护法"], "zrzyj": ["土地管理法"], "zhzfj": ["城乡规划法"], "zjj": ["建筑法"],
    "yjglj": ["安全生产法"], "nyncj": ["农产品质量安全法"],
}
LAW = "《中华人民共和国{}》{}"
OTHER_ITEMS = {  # department → [(category, name, [(law, article)], sub-items)]
    "scjgj": [(Category.LICENSE, "食品生产经营许可", [("食品安全法", "第三十五条")], ["新办", "变更", "延续", "注销"]),
              (Category.INSPECTION, "食品安全监督检查", [("食品安全法", "第一百一十条")], []),
              (Category.COERCION, "查封、扣押不符合食品安全标准的食品", [("食品安全法", "第一百一十条")], []),
              (Category.INSPECTION, "药品监督检查", [("药品管理法", "第九十九条")], [])],
    "zrzyj": [(Category.LICENSE, "建设用地规划许可", [("城乡规划法", "第三十七条")], []),
              (Category.LICENSE, "乡村建设规划许可", [("城乡规划法", "第四十一条")], []),
              (Category.INSPECTION, "土地管理监督检查", [("土地管理法", "第六十七条")], [])],
    "zjj": [(Category.LICENSE, "建筑工程施工许可", [("建筑法", "第七条")], ["新办", "变更", "延期"])],
    "sthjj": [(Category.INSPECTION, "对排放污染物的企业事业单位和其他生产经营者的现场检查", [("环境保护法", "第二十四条")], []),
              (Category.COERCION, "查封、扣押造成污染物排放的设施、设备", [("环境保护法", "第二十五条")], []),
              (Category.REWARD, "对保护和改善环境有显著成绩的单位和个人的奖励", [("环境保护法", "第十一条")], [])],
    "yjglj": [(Category.INSPECTION, "安全生产监督检查", [("安全生产法", "第六十五条")], []),
              (Category.COERCION, "对存在重大事故隐患的生产经营单位停产停业、停止施工", [("安全生产法", "第七十条")], [])],
    "gaj": [(Category.COERCION, "扣留机动车", [("道路交通安全法", "第九十五条"), ("道路交通安全法", "第一百一十二条")], [])],
    "nyncj": [(Category.INSPECTION, "农产品质量安全监督检查", [("农产品质量安全法", "第三十九条")], [])],
}
FLOW = {
    Category.PENALTY: "立案→调查取证→告知→法制审核→决定→送达→执行→结案；告知（当事人要求听证）→听证→法制审核",
    Category.LICENSE: "申请→受理→审查→决定→送达；受理（材料不齐全）→补正→受理；审查（不符合条件）→不予许可",
    Category.INSPECTION: "制定检查计划→实施检查→制作检查记录→处理→公示",
    Category.COERCION: "审批→告知→实施→制作现场笔录→解除或处理",
    Category.REWARD: "推荐→审核→公示→决定→颁发",
}
DUTIES = {
    Category.PENALTY: ("1.立案责任；2.调查取证责任；3.审查责任；4.告知责任；5.决定责任；6.送达责任；7.执行责任。",
                       "不履行或不正确履行上述职责，致使违法行为未受查处或处罚明显不当的，依法追究相应责任。"),
    Category.LICENSE: ("1.受理责任；2.审查责任；3.决定责任；4.送达责任；5.事后监管责任。",
                       "对符合条件的申请不予受理、不予许可，或对不符合条件的申请准予许可的，依法追究相应责任。"),
}
NOT_A_NAME = ("工作人员", "主管部门", "人民政府", "机关", "有下列", "构成犯罪", "之一", "本法", "监督管理")
PENALTY_WORDS = re.compile(r"罚款|警告|拘留|没收|吊销|暂扣|责令停产停业|责令关闭")


def clause(text: str) -> str | None:
    first = re.sub(r"^违反本法(?:第[^，。]*条)?(?:的)?规定，", "", text.splitlines()[0])
    m = re.match(r"(.{4,40}?)的，", first)
    if not m or any(w in m.group(1) for w in NOT_A_NAME):
        return None
    return m.group(1).removeprefix("对")


def _law_items(short: str, org, start: dt.date, resolver, n0: int) -> list[dict]:
    law = Law.objects.named(short).first()
    version = law.version_on(start) or law.versions.order_by("effective").first()
    out, n = [], n0
    for a in version.articles.filter(heading__contains="法律责任").order_by("number", "suffix"):
        paragraphs = a.paragraphs()
        items = [i for p in paragraphs for i in p.items]
        if not PENALTY_WORDS.search(a.text):
            continue  # civil liability, criminal liability or discipline of officials: not an administrative penalty
        name = clause(a.text)
        enumerated = "有下列" in paragraphs[0].text and items
        if name is None and not enumerated:
            continue
        n += 1
        code = f"QY-{org.code.rsplit('-', 1)[-1].upper()}-CF-{n:03d}"
        citation = LAW.format(short, a.label)
        title = f"对{name}的行政处罚" if name else f"对违反《{short}》{a.label}规定情形的行政处罚"
        out.append(_row(org, code, title[:120], Category.PENALTY, [citation], start, resolver))
        if enumerated and len(items) <= 12:
            for k, text in enumerate(items, start=1):
                body = re.sub(r"^[（(][一二三四五六七八九十]+[）)]", "", text).rstrip("；;。")
                out.append(_row(org, f"{code}-{k:02d}", f"对{body[:50]}的处罚", Category.PENALTY,
                                [f"{citation}第（{_cn(k)}）项"], start, resolver, parent=code))
    return out


def _cn(k: int) -> str:
    return "一二三四五六七八九十"[k - 1] if k <= 10 else "十" + "一二三四五六七八九"[k - 11]


def _row(org, code, name, category, citations, start, resolver, parent=""):
    duties = DUTIES.get(category, ("依法履行相应职责。", "不依法履行职责的，依法追究相应责任。"))
    return {"organisation": org, "code": code, "name": name, "category": category,
            "level": "county" if org.kind != "township" else "township",
            "bases": [resolver.resolve(c, start) for c in citations], "valid_from": start,
            "flowchart": [] if parent else _flow(category), "parent_code": parent, "delegated_from": None,
            "responsibilities": duties[0], "accountability": duties[1]}


def _flow(category):
    from fazhi.powers import flowchart

    return flowchart.parse(FLOW.get(category, ""))


def build(ctx):
    start = dt.date(ctx.year - 3, 1, 1)
    resolver = Resolver()
    rows = []
    for short, laws in PENALTY_LAWS.items():
        n = 0
        for law in laws:
            made = _law_items(law, ctx.orgs[short], start, resolver, n)
            n += sum(1 for r in made if not r["parent_code"])
            rows += made
    for short, items in OTHER_ITEMS.items():
        org = ctx.orgs[short]
        counters = {}
        for category, name, cites, subs in items:
            counters[category] = counters.get(category, 0) + 1
            code = f"QY-{org.code.rsplit('-', 1)[-1].upper()}-{PREFIX[category]}-{counters[category]:03d}"
            rows.append(_row(org, code, name, category, [LAW.format(law, art) for law, art in cites], start, resolver))
            for k, sub in enumerate(subs, start=1):
                rows.append(_row(org, f"{code}-{k:02d}", f"{name}（{sub}）", category,
                                 [LAW.format(law, art) for law, art in cites], start, resolver, parent=code))
    _write(rows, {}, ctx.admin)
    _adjust_this_year(ctx)
    import_directory(LATER_LAWS, actor=ctx.admin)  # the amended law arrives: bases flagged for review


def _adjust_this_year(ctx):
    """赋权乡镇 of three planning penalties to two towns, and one cancellation, earlier this year."""
    from fazhi.powers.models import PowerItem

    day = min(ctx.today, dt.date(ctx.year, 3, 1))
    supervisor = ctx.users["supervisor"]
    planning = list(PowerItem.objects.filter(organisation=ctx.orgs["zhzfj"], parent__isnull=True,
                                             valid_to__isnull=True).order_by("code")[:3])
    for town in ("cgz", "hxz"):
        for item in planning:
            actions.delegate_item(item, actor=supervisor, to=ctx.orgs[town], effective_on=day,
                                  document_number=f"清政发〔{ctx.year}〕3号",
                                  document_title="清源县人民政府关于向乡镇（街道）赋予部分县级行政执法事项的决定",
                                  reason="赋权乡镇，推进基层综合行政执法", keep_original=True)
    price = PowerItem.objects.filter(organisation=ctx.orgs["scjgj"], parent__isnull=True, valid_to__isnull=True,
                                     bases__law__short_title__contains="价格法").order_by("code").first()
    if price is not None:
        actions.cancel_item(price, actor=supervisor, effective_on=day, document_number=f"清政办发〔{ctx.year}〕7号",
                            document_title="关于调整县市场监督管理局权责清单的通知", reason="事项与市级重复，由市级统一行使")
