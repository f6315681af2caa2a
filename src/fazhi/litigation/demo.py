"""Demo litigation for 清源县: a believable previous and current year, built through the actions.

A county of this size sees some 25–40 first-instance administrative cases a year, mostly against the police, land,
housing, market-regulation and human-resources departments and the county government itself (land expropriation
and disclosure). Cases against the county government are heard by the intermediate court (行政诉讼法第十五条).
"""

from __future__ import annotations

import datetime as dt

from fazhi.litigation import actions
from fazhi.litigation.actions import UPHELD_IN_RECONSIDERATION
from fazhi.litigation.choices import ActKind, AppealOutcome, Appearance, Appellant, Outcome
from fazhi.reconsideration.models import Case as ReconsiderationCase

COUNTY_COURT = ("清源县人民法院", "示0121")
CITY_COURT = ("示范市中级人民法院", "示01")

# (defendant short code, weight, kinds of contested act with their subjects)
DEFENDANTS = [
    ("gov", 5, [(ActKind.EXPROPRIATION, "国有土地上房屋征收决定"), (ActKind.DISCLOSURE, "政府信息公开答复"),
                (ActKind.INACTION, "不履行土地补偿安置职责"), (ActKind.AGREEMENT, "征收补偿协议")]),
    ("gaj", 6, [(ActKind.PENALTY, "治安管理处罚决定"), (ActKind.PENALTY, "行政拘留决定"),
                (ActKind.REGISTRATION, "户口登记")]),
    ("zrzyj", 5, [(ActKind.REGISTRATION, "不动产登记"), (ActKind.PENALTY, "违法占地行政处罚决定"),
                  (ActKind.LICENSE, "建设用地规划许可")]),
    ("zjj", 3, [(ActKind.COERCION, "限期拆除违法建筑决定"), (ActKind.LICENSE, "商品房预售许可"),
                (ActKind.DISCLOSURE, "政府信息公开答复")]),
    ("scjgj", 4, [(ActKind.PENALTY, "行政处罚决定"), (ActKind.REGISTRATION, "企业登记"),
                  (ActKind.INACTION, "投诉举报处理")]),
    ("rsj", 4, [(ActKind.REGISTRATION, "工伤认定决定"), (ActKind.INACTION, "劳动保障监察投诉处理")]),
    ("sthjj", 2, [(ActKind.PENALTY, "环境行政处罚决定"), (ActKind.COERCION, "查封扣押决定")]),
    ("zhzfj", 3, [(ActKind.COERCION, "强制拆除违法建筑"), (ActKind.PENALTY, "城市管理行政处罚决定")]),
    ("jtysj", 1, [(ActKind.PENALTY, "道路运输行政处罚决定")]),
    ("cgz", 2, [(ActKind.COERCION, "强制拆除行为"), (ActKind.AGREEMENT, "房屋拆迁补偿协议")]),
    ("hxz", 1, [(ActKind.INACTION, "不履行法定职责"), (ActKind.COERCION, "强制拆除行为")]),
    ("nhjd", 1, [(ActKind.COMPENSATION, "行政赔偿")]),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
FIRMS = ["清源县顺达物流有限公司", "清源县鑫源建材有限公司", "示范市恒通房地产开发有限公司", "清源县惠民超市",
         "清源县绿野农业专业合作社", "示范市宏达机械制造有限公司", "清源县金穗米业有限公司"]
HEADS = {"gov": "县长", "gaj": "局长", "zrzyj": "局长", "zjj": "局长", "scjgj": "局长", "rsj": "局长", "sthjj": "分局局长",
         "zhzfj": "局长", "jtysj": "局长", "cgz": "镇长", "hxz": "镇长", "nhjd": "街道办事处主任"}
ABSENCE_REASONS = ["负责人参加省政府专题会议，经法院同意由工作人员出庭", "负责人因公出差，委托法制科负责人及律师出庭",
                   "同日另案开庭，经法院准许由工作人员出庭"]
# First-instance outcomes and their weights: a county that mostly wins, some withdrawals, a few losses.
OUTCOMES = [(Outcome.CLAIMS_REJECTED, 42), (Outcome.SUIT_DISMISSED, 18), (Outcome.WITHDRAWN, 10),
            (Outcome.WITHDRAWN_AFTER_CORRECTION, 4), (Outcome.REVOKED, 5), (Outcome.CONFIRMED_ILLEGAL, 4),
            (Outcome.ORDERED_TO_PERFORM, 2), (Outcome.MEDIATED, 3), (Outcome.COMPENSATION, 1)]
NO_HEARING_OUTCOMES = (Outcome.SUIT_DISMISSED, Outcome.WITHDRAWN, Outcome.WITHDRAWN_AFTER_CORRECTION)


def _person(rng) -> str:
    return rng.choice(SURNAMES) + rng.choice(["某", "某某"])


def _plaintiffs(rng) -> str:
    if rng.random() < 0.12:
        return rng.choice(FIRMS)
    return "、".join(_person(rng) for _ in range(1 if rng.random() < 0.8 else rng.randint(2, 4)))


def _weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


class _Numbers:
    """Case numbers per court and year, increasing with gaps as a court's docket does."""

    def __init__(self, rng):
        self.rng = rng
        self.next: dict[tuple[str, int, str], int] = {}

    def take(self, code: str, year: int, kind: str) -> str:
        key = (code, year, kind)
        n = self.next.get(key, self.rng.randint(2, 9))
        self.next[key] = n + self.rng.randint(1, 5)
        return f"（{year}）{code}{kind}{n}号"


def build(ctx):
    rng = ctx.rng
    actor = ctx.users["fuyi"]
    numbers = _Numbers(rng)
    last_day = ctx.today - dt.timedelta(days=1)
    plans = []
    for year, count in ((ctx.previous_year, rng.randint(28, 36)), (ctx.year, None)):
        start = dt.date(year, 1, 2)
        end = dt.date(year, 12, 28) if year < ctx.year else last_day
        if count is None:
            count = round(rng.randint(26, 34) * max(0, (end - start).days) / 365)
        if end <= start:
            continue
        days = sorted(rng.randint(0, (end - start).days) for _ in range(count))
        plans += [start + dt.timedelta(days=d) for d in days]
    # A few complaints arrived in the last fortnight: their answers are still being prepared.
    plans += sorted(ctx.today - dt.timedelta(days=rng.randint(1, 12)) for _ in range(3))
    weights = [d[1] for d in DEFENDANTS]
    suggestions = 0
    for received_on in plans:
        short, _w, acts = rng.choices(DEFENDANTS, weights=weights)[0]
        kind, act = rng.choice(acts)
        court, code = CITY_COURT if short == "gov" else COUNTY_COURT
        # Some plaintiffs went through 复议 first and sue within 15 days of the decision (第四十五条); when it
        # upheld the act the 复议机关 is co-defendant (第二十六条第二款), which register_case sets itself.
        rc = _reconsideration_for(ctx.orgs[short], received_on) if rng.random() < 0.3 else None
        co_defendant = rc.organisation if rc is not None and rc.outcome in UPHELD_IN_RECONSIDERATION else None
        case = actions.register_case(
            actor=actor, organisation=ctx.orgs[short], court=court,
            case_number=numbers.take(code, received_on.year, "行初"), plaintiffs=_plaintiffs(rng),
            contested_act=f"{act}（复议维持）" if co_defendant else act, act_kind=kind, received_on=received_on,
            filed_on=received_on - dt.timedelta(days=rng.randint(2, 5)), reconsideration_case=rc,
            reason="示例数据")
        answered_on = received_on + dt.timedelta(days=rng.randint(6, 14) if rng.random() > 0.04 else 17)
        if answered_on > last_day or received_on >= ctx.today - dt.timedelta(days=14):
            continue
        actions.submit_answer(case, actor=actor, on=answered_on, reason="示例数据")
        outcome = _weighted(rng, OUTCOMES)
        day = answered_on
        if outcome not in NO_HEARING_OUTCOMES or rng.random() < 0.4:
            for _ in range(1 if rng.random() < 0.88 else 2):
                day = day + dt.timedelta(days=rng.randint(20, 50))
                if day > last_day:
                    break
                _hearing(ctx, case, short, day, actor)
        concluded_on = day + dt.timedelta(days=rng.randint(15, 60))
        if concluded_on > last_day:
            continue
        actions.record_judgment(case, actor=actor, outcome=outcome, concluded_on=concluded_on, reason="示例数据")
        if suggestions < 3 and outcome in (Outcome.REVOKED, Outcome.CONFIRMED_ILLEGAL):
            received = concluded_on + dt.timedelta(days=rng.randint(5, 20))
            if received <= last_day:
                suggestions += 1
                s = actions.record_suggestion(
                    case, actor=actor, court=court, received_on=received,
                    number=f"（{received.year}）{'清法' if court == COUNTY_COURT[0] else '示中法'}司建{suggestions}号",
                    content="建议进一步规范行政执法程序，严格履行告知、听证义务，加强执法人员法律培训。")
                replied = received + dt.timedelta(days=rng.randint(15, 40))
                if replied <= last_day:
                    actions.reply_suggestion(s, actor=actor, replied_on=replied,
                                             reply="已组织专题学习，修订执法程序规定，并对相关案卷开展评查。")
        if outcome in (Outcome.MEDIATED, Outcome.WITHDRAWN, Outcome.WITHDRAWN_AFTER_CORRECTION):
            continue
        if rng.random() < 0.3:
            filed = concluded_on + dt.timedelta(days=rng.randint(7, 14))
            if filed > last_day:
                continue
            lost = outcome not in (Outcome.CLAIMS_REJECTED, Outcome.SUIT_DISMISSED)
            actions.file_appeal(case, actor=actor, appellant=Appellant.DEFENDANT if lost else Appellant.PLAINTIFF,
                                court=CITY_COURT[0] if short != "gov" else "示范省高级人民法院",
                                case_number=numbers.take("示01" if short != "gov" else "示", filed.year, "行终"),
                                filed_on=filed)
            decided = filed + dt.timedelta(days=rng.randint(50, 110))
            if decided <= last_day:
                appeal_outcome = _weighted(rng, [(AppealOutcome.UPHELD, 85), (AppealOutcome.REVERSED, 5),
                                                 (AppealOutcome.REMANDED, 4), (AppealOutcome.WITHDRAWN, 6)])
                # 改判 turns the first instance round: the defendant's appeal wins (claims rejected), the
                # plaintiff's does (the act revoked).
                final = "" if appeal_outcome != AppealOutcome.REVERSED else (
                    Outcome.CLAIMS_REJECTED if lost else Outcome.REVOKED)
                actions.decide_appeal(case, actor=actor, decided_on=decided, outcome=appeal_outcome,
                                      final_outcome=final)


def _hearing(ctx, case, short, day, actor):
    rng = ctx.rng
    roll = rng.random()
    title = HEADS.get(short, "局长")
    if roll < 0.5:
        actions.record_hearing(case, actor=actor, held_on=day, appearance=Appearance.HEAD,
                               attendee=f"{_person(rng)}（{title}）、律师{_person(rng)}")
    elif roll < 0.97:
        actions.record_hearing(case, actor=actor, held_on=day, appearance=Appearance.DEPUTY,
                               attendee=f"{_person(rng)}（{_deputy(title)}）、法制科{_person(rng)}")
    else:
        actions.record_hearing(case, actor=actor, held_on=day, appearance=Appearance.STAFF,
                               attendee=f"法制科科长{_person(rng)}", absence_reason=rng.choice(ABSENCE_REASONS))


def _deputy(title: str) -> str:
    return title.replace("主任", "副主任") if "主任" in title else "副" + title.removeprefix("分局")


def _reconsideration_for(defendant, received_on: dt.date):
    """A 复议 case against this defendant decided shortly before the complaint, not yet taken to court."""
    return ReconsiderationCase.objects.filter(
        respondent=defendant, closed_on__gte=received_on - dt.timedelta(days=30),
        closed_on__lte=received_on - dt.timedelta(days=5), litigation_cases__isnull=True).order_by("closed_on").first()
