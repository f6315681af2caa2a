"""Demo: a believable stretch of enforcement in 清源县, told backwards from `ctx.today` so it builds on any date.

The market-regulation bureau (and, more lightly, the ecology bureau and the comprehensive enforcement bureau) has
inspections, licences (most published in time, one late, one still due), on-the-spot fines, and ordinary penalty
cases at every stage: closed and archived, one with a hearing and the legal review, one awaiting its legal review, a
running one and one past its 90 days; one published decision revoked in 复议 and its publication withdrawn."""

from __future__ import annotations

import datetime as dt

from fazhi.core.clock import frozen
from fazhi.core.permissions import ActionError
from fazhi.enforcement import actions
from fazhi.officers.models import Officer
from fazhi.officers.permissions import may_enforce
from fazhi.powers.models import PowerItem
from fazhi.rules.engine import compute_due

PARTIES = ["清源县百味餐饮有限公司", "清源县鑫源超市", "清源县康宁大药房有限公司", "清源县绿野农资经营部",
           "清源县华美美容店", "清源县顺达建材有限公司", "清源县新城便利店", "清源县老街小吃店"]
PEOPLE = ["刘某某", "陈某某", "黄某某", "周某某"]
CAUSES = {"scjgj": ["销售过期食品", "经营场所未公示营业执照", "销售不符合安全标准的食品", "虚假宣传", "未按规定索证索票"],
          "sthjj": ["违法排放大气污染物", "未依法进行环境影响评价", "危险废物贮存不规范"],
          "zhzfj": ["占道经营", "违法设置户外广告", "未按规定收集处置生活垃圾"]}


class _Story:
    def __init__(self, ctx, short, actor):
        self.ctx, self.org, self.actor, self.rng = ctx, ctx.orgs[short], actor, ctx.rng
        self.short = short
        self.officers = list(Officer.objects.filter(organisation=self.org, active=True).prefetch_related(
            "certificates").order_by("pk"))
        self.items = {k: PowerItem.objects.filter(organisation=self.org, category=k).order_by("code")
                      for k in ("penalty", "inspection", "licensing", "coercion")}
        self.n = 0
        self.series: dict[tuple[str, int], int] = {}  # a document number series per kind of decision and year

    def day(self, days_ago: int) -> dt.date:
        return self.ctx.today - dt.timedelta(days=days_ago)

    def crew(self, day, count=2):
        able = [o for o in self.officers if may_enforce(o, day)]
        if len(able) < count:
            return None
        chosen = self.rng.sample(able, count)
        return [o.listed_certificate(day).number for o in chosen]

    def item(self, category, day):
        return self.items[category].in_force_on(day).first()

    def file(self, kind, days_ago, *, procedure="", crew=2, natural=False, **kw):
        day = self.day(days_ago)
        category = {"penalty": "penalty", "inspection": "inspection", "license": "licensing",
                    "coercion": "coercion"}[kind]
        item, numbers = self.item(category, day), self.crew(day, 1 if procedure == "simple" or kind == "license"
                                                           else crew)
        if item is None or numbers is None:
            return None
        self.n += 1
        party = self.rng.choice(PEOPLE) if natural else self.rng.choice(PARTIES)
        kw.setdefault("cause", self.rng.choice(CAUSES.get(self.short, CAUSES["scjgj"])))
        with frozen(day):
            return actions.file_case(actor=self.actor, organisation=self.org, kind=kind, procedure=procedure,
                                     power_item=item.code, party_name=party, party_kind="natural" if natural else "legal",
                                     officers=numbers, filed_on=day, **kw)

    def abbr(self):
        return self.org.short_name[:2] if self.org.short_name else "清"

    def number(self, word, day):
        """The next number of the bureau's series of `word` (罚决, 当罚, 许 …) for the decision's year: each kind of
        decision has its own running number, as a 文号 series does."""
        key = (word, day.year)
        self.series[key] = self.series.get(key, 0) + 1
        return f"清{self.abbr()}{word}〔{day.year}〕{self.series[key]}号"


LEVELS = [("exempt", "初次违法且危害后果轻微并及时改正的（首违不罚）", [], None, None, "first_offence"),
          ("lenient", "违法货值较小，主动消除或者减轻危害后果的", ["warning", "fine"], 1000, 5000, ""),
          ("general", "一般情形", ["warning", "fine"], 5000, 30000, ""),
          ("severe", "货值较大或者造成危害后果的", ["warning", "fine", "confiscate_gains", "suspend_business"], 30000, 100000, "")]


def _standards(s: _Story, legal):
    """The bureau's 裁量基准 for its main penalty item (in force for three years)."""
    from fazhi.enforcement.models import DiscretionLevel, DiscretionStandard

    start = dt.date(s.ctx.year - 3, 1, 1)
    item = s.item("penalty", start)
    if item is None:
        return
    std = DiscretionStandard.objects.create(organisation=s.org, power_item=item, code="QY-SCJG-CL-001",
                                            violation=f"{item.name}所涉违法行为", document_number=f"清市监〔{start.year}〕3号",
                                            basis="；".join(b.canonical or b.citation for b in item.bases.all()) or "见权责清单",
                                            valid_from=start)
    DiscretionLevel.objects.bulk_create([
        DiscretionLevel(standard=std, circumstance=c, conditions=text, kinds=kinds, fine_min=low, fine_max=high,
                        exempt_list=lst) for c, text, kinds, low, high, lst in LEVELS])


def _level(case, fine):
    from fazhi.enforcement.discretion import levels_for

    levels = {lv.circumstance: lv for lv in levels_for(case, case.filed_on)}
    if not levels:
        return None
    return levels["lenient" if fine <= 5000 else "general" if fine <= 30000 else "severe"]


def _ordinary(s: _Story, days_ago, *, stage, legal, major=False, hearing=False, fine=5000, publish_late=False):
    """An ordinary penalty case taken to `stage`: filed, notified, decided, served, closed or archived."""
    case = s.file("penalty", days_ago, procedure="ordinary", facts="经现场检查和抽样检验，当事人存在上述违法行为。",
                  major=major, review_ground="直接关系当事人重大权益，经过听证" if major else "")
    if case is None or stage == "filed":
        return case
    t = case.filed_on
    actor = s.actor
    with frozen(s.ctx.today):
        case = actions.notify(case, actor=actor, on=t + dt.timedelta(days=12), proposal=f"拟罚款{fine}元",
                              hearing_right=hearing)
        if stage == "notified":
            return case
        last = case.notified_on
        if hearing:
            case = actions.request_hearing(case, actor=actor, on=last + dt.timedelta(days=2))
            notice_on = last + dt.timedelta(days=3)
            # the earliest day the notice allows (7 working days: holidays move it), one day after
            held = compute_due(actions.HEARING_NOTICE_RULE, notice_on, with_text=False).due + dt.timedelta(days=1)
            case = actions.notify_hearing(case, actor=actor, on=notice_on, hearing_on=held)
            if held > s.ctx.today:
                return case
            case = actions.hold_hearing(case, actor=actor, on=held)
            last = case.hearing_on
        if stage == "awaiting_review":
            return case
        if major:
            case = actions.legal_review(case, actor=legal, on=last + dt.timedelta(days=3), passed=True,
                                        opinion="事实清楚，证据确凿，适用依据正确，程序合法，同意。")
            last = case.legal_review_on
        decided = last + dt.timedelta(days=4)
        if decided + dt.timedelta(days=20) > s.ctx.today:  # a story too long for the days available: stop here
            return case
        level = _level(case, 3000 if publish_late else fine)  # the late one also deviates from its standard
        case = actions.decide(case, actor=actor, on=decided, decision="punished",
                              decision_number=s.number("罚决", decided), penalty_kinds=["fine", "warning"],
                              fine_amount=str(fine), decision_text=f"给予警告，并处罚款{fine}元。", social_impact=True,
                              discretion_level=level, deviation_reason="当事人拒不配合调查，经集体讨论从重确定罚款数额"
                              if publish_late else "")
        publish_on = decided + dt.timedelta(days=14 if publish_late else 3)
        if publish_on <= s.ctx.today:
            case = actions.publish(case, actor=actor, on=publish_on)
        if stage == "decided":
            return case
        case = actions.serve(case, actor=actor, on=decided + dt.timedelta(days=2), method="直接送达")
        if stage == "served":
            return case
        case = actions.pay(case, actor=actor, on=decided + dt.timedelta(days=9), amount=str(fine))
        case = actions.close(case, actor=actor, on=decided + dt.timedelta(days=10))
        if stage == "archived":
            case = actions.archive(case, actor=actor, on=decided + dt.timedelta(days=20))
    return case


def build(ctx):
    rng = ctx.rng
    officer, legal = ctx.users["scj_officer"], ctx.users["scj_legal"]
    s = _Story(ctx, "scjgj", officer)
    _standards(s, legal)
    for i in range(14):  # inspections over the last half year
        s.file("inspection", 8 + i * 12, decision="problems" if i % 4 == 0 else "compliant",
               cause="食品经营场所日常监督检查")
    for i in range(8):  # licences; one published late, the newest not yet published
        case = s.file("license", 4 + i * 20, decision="granted", cause="食品经营许可申请",
                      decision_number=s.number("许", s.day(4 + i * 20)))
        if case is None or i == 0:
            continue
        with frozen(ctx.today):
            case = actions.publish(case, actor=officer, on=case.decided_on + dt.timedelta(days=15 if i == 3 else 2))
            actions.close(case, actor=officer, on=case.published_on)
    for i in range(10):  # on-the-spot fines, paid
        natural = i % 3 == 0
        fine = rng.choice([50, 100, 200]) if natural else rng.choice([500, 1000, 2000, 3000])
        case = s.file("penalty", 6 + i * 15, procedure="simple", natural=natural, decision="punished",
                      penalty_kinds=["fine"], fine_amount=str(fine), decision_number=s.number("当罚", s.day(6 + i * 15)))
        if case is not None and i:
            with frozen(ctx.today):
                actions.pay(case, actor=officer, on=case.served_on + dt.timedelta(days=3), amount=str(fine))
                actions.close(case, actor=officer, on=case.served_on + dt.timedelta(days=4))
    for days_ago in (150, 170, 190):
        _ordinary(s, days_ago, stage="archived", legal=legal, fine=rng.choice([5000, 8000, 20000]))
    _ordinary(s, 210, stage="closed", legal=legal, fine=12000, publish_late=True)
    _ordinary(s, 120, stage="served", legal=legal, major=True, hearing=True, fine=80000)
    _ordinary(s, 45, stage="awaiting_review", legal=legal, major=True, hearing=True, fine=100000)
    _ordinary(s, 20, stage="notified", legal=legal)
    _ordinary(s, 8, stage="filed", legal=legal)
    _ordinary(s, 100, stage="filed", legal=legal)  # past its 90 days: overdue on the board
    _revoked(ctx, s, legal)
    # Last year, for the 行政执法数据年报 published by 31 January.
    last_year = (ctx.today - dt.date(ctx.year - 1, 12, 31)).days
    for i in range(6):
        s.file("inspection", last_year + 20 + i * 40, decision="compliant", cause="食品经营场所日常监督检查")
        days = last_year + 30 + i * 45
        s.file("penalty", days, procedure="simple", decision="punished", penalty_kinds=["warning"],
                      decision_number=s.number("当罚", s.day(days)))
    for i, days in enumerate((last_year + 60, last_year + 150, last_year + 240)):
        _ordinary(s, days, stage="archived", legal=legal, major=i == 0, hearing=i == 0, fine=[60000, 3000, 9000][i])
    for short, actor_key in (("sthjj", "hb_legal"), ("zhzfj", "supervisor")):
        other = _Story(ctx, short, ctx.users[actor_key])
        for i in range(4):
            other.file("inspection", 10 + i * 30, decision="compliant", cause="日常监督检查")
        _ordinary(other, 160, stage="archived", legal=ctx.users[actor_key], fine=30000)
        _ordinary(other, 30, stage="notified", legal=ctx.users[actor_key])
    _review_round(ctx)


def _review_round(ctx):
    """The justice bureau's case-file review of the last half year: two files a department, scored; one rectified."""
    from fazhi.enforcement import review

    supervisor, today = ctx.users["supervisor"], ctx.today
    with frozen(today):
        rnd = review.create_round(actor=supervisor, organisation=ctx.orgs["gov"], title=f"{today.year}年行政执法案卷评查",
                                  start=today - dt.timedelta(days=200), end=today - dt.timedelta(days=6),
                                  per_organisation=2, seed=f"qingyuan-{today.year}")
        try:
            rnd = review.sample(rnd, actor=supervisor, on=today - dt.timedelta(days=5))
        except ActionError:  # no decided files in the period on this date: the round stays a draft
            return
        sheet = {i.category: i.pk for i in rnd.sheet.all()}
        cuts = [{}, {f"d_{sheet['文书']}": "6", f"p_{sheet['文书']}": "送达回证未注明送达方式"},
                {f"d_{sheet['程序']}": "20", f"p_{sheet['程序']}": "未告知听证权利",
                 f"d_{sheet['证据']}": "12", f"p_{sheet['证据']}": "现场检查无音像记录"}]
        for i, f in enumerate(rnd.files.order_by("case__organisation__path", "draw")):
            f = review.score(f, actor=supervisor, on=today - dt.timedelta(days=3), reviewer="周明、李娜",
                             **cuts[i % len(cuts)])
            if i == 2 and f.grade != "excellent":
                officer = ctx.users["scj_legal"] if f.case.organisation == ctx.orgs["scjgj"] else supervisor
                review.rectify(f, actor=officer, on=today - dt.timedelta(days=1), rectification="已补正文书并组织专题培训")


def _revoked(ctx, s, legal):
    """A published penalty revoked in 复议: the decision is marked and its publication withdrawn (第四十八条第二款)."""
    from fazhi.reconsideration import actions as recon

    case = _ordinary(s, 240, stage="closed", legal=legal, fine=6000)
    if case is None or not case.published_on:
        return
    fuyi = ctx.users["fuyi"]
    received = case.served_on + dt.timedelta(days=20)
    with frozen(ctx.today):
        rc = recon.register_application(
            actor=fuyi, organisation=ctx.orgs["gov"], respondent=s.org, act_kind="penalty",
            act_description=f"{s.org.name}作出的{case.decision_number}行政处罚决定", received_on=received,
            channel="mail", request="撤销该行政处罚决定", act_document_number=case.decision_number,
            known_on=case.served_on, act_date=case.decided_on,
            parties=[{"role": "applicant", "name": case.party_name, "kind": "organisation"}])
        rc = recon.accept_case(rc, actor=fuyi, on=received + dt.timedelta(days=2))
        actions.link(case, actor=fuyi, number=rc.number)
        decided = received + dt.timedelta(days=40)
        recon.decide_case(rc, actor=fuyi, on=decided, outcome="revoked", reason="认定事实的主要证据不足",
                          findings="被申请人未能提供抽样检验程序合法的证据。")
        case.refresh_from_db()
        actions.withdraw_publication(case, actor=s.actor, on=decided + dt.timedelta(days=1),
                                     reason="该行政处罚决定已被行政复议决定撤销")
