"""Demo: the county's enforcement subjects (every department by law, the enforcement brigades by authorisation, two
towns entrusted by the 综合执法局 — one entrustment already ended), about a hundred officers with certificates (a
few expiring within three months, one expired, one suspended), this year's training (some officers short of the
county's 40 hours) and one officer who left."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core.identifiers import id_check_digit
from fazhi.officers import actions
from fazhi.officers.models import Officer
from fazhi.powers.bases import Resolver

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "军", "杰", "涛", "明", "超", "霞", "平", "刚", "丽", "强", "鹏", "辉"]
BASIS = {"statutory": "《中华人民共和国行政处罚法》第十八条", "authorised": "《中华人民共和国行政处罚法》第十九条",
         "entrusted": "《中华人民共和国行政处罚法》第二十条"}
AREAS = {"scjgj": "市场监管", "gaj": "公安", "sthjj": "生态环境", "zrzyj": "自然资源", "zjj": "住房城乡建设",
         "jtysj": "交通运输", "nyncj": "农业农村", "wjw": "卫生健康", "yjglj": "应急管理", "wglj": "文化旅游",
         "zhzfj": "城市管理综合执法", "slj": "水利", "lyj": "林业"}


def _id_number(rng, n: int) -> str:
    birth = dt.date(1968, 1, 1) + dt.timedelta(days=rng.randint(0, 9000))
    first = f"990121{birth:%Y%m%d}{n % 1000:03d}"
    return first + id_check_digit(first)


def build(ctx):
    rng, today, _admin = ctx.rng, ctx.today, ctx.admin
    supervisor = ctx.users["supervisor"]
    gov = ctx.orgs["gov"]
    actions.set_training_requirement(actor=supervisor, organisation=gov, hours=40,
                                     basis="示范省行政执法人员培训办法（每年不少于40学时）")
    resolver = Resolver()
    start = dt.date(ctx.year - 3, 1, 1)
    doc = f"清政发〔{ctx.year - 3}〕5号"
    for short in AREAS:
        s = actions.register_subject(actor=supervisor, organisation=ctx.orgs[short], kind="statutory",
                                     basis=BASIS["statutory"], scope=f"{AREAS[short]}领域行政处罚、行政强制、行政检查",
                                     document_number=doc, valid_from=start, resolver=resolver)
        actions.announce_subject(s, actor=supervisor, on=start + dt.timedelta(days=20))
    for short in ("scjg-zfdd", "sthj-zfdd", "jtys-zfdd", "nync-zfdd"):
        org = ctx.orgs[short]
        s = actions.register_subject(actor=supervisor, organisation=org, kind="authorised", basis=BASIS["authorised"],
                                     scope="依法律法规授权实施综合行政执法", document_number=doc, valid_from=start,
                                     resolver=resolver)
        actions.announce_subject(s, actor=supervisor, on=start + dt.timedelta(days=20))
    # Two towns entrusted by the 综合执法局; the first entrustment ended early this year.
    for town in ("cgz", "hxz"):
        s = actions.register_subject(actor=supervisor, organisation=ctx.orgs[town], kind="entrusted",
                                     basis=BASIS["entrusted"], scope="城市管理领域部分行政处罚（以委托机关名义实施）",
                                     entrusted_by=ctx.orgs["zhzfj"], document_number=f"清综执〔{ctx.year - 2}〕2号",
                                     valid_from=dt.date(ctx.year - 2, 1, 1), valid_to=dt.date(ctx.year + 3, 1, 1),
                                     resolver=resolver)
        actions.announce_subject(s, actor=supervisor, on=dt.date(ctx.year - 2, 1, 15))
        if town == "cgz":  # 赋权乡镇 this year replaced the entrustment
            actions.end_subject(s, actor=supervisor, on=min(ctx.today, dt.date(ctx.year, 3, 1)),
                                reason="该镇已依法获赋相关执法权，委托终止")
    _officers(ctx, rng, today, supervisor)


def _officers(ctx, rng, today, supervisor):
    n = 0
    officers = []
    units = {"scjgj": 8, "gaj": 10, "sthjj": 5, "zrzyj": 5, "zjj": 4, "jtysj": 5, "nyncj": 4, "wjw": 4, "yjglj": 4,
             "wglj": 3, "zhzfj": 10, "slj": 3, "lyj": 3, "scjg-zfdd": 6, "sthj-zfdd": 4, "nync-zfdd": 4}
    for short, count in units.items():
        org = ctx.orgs[short]
        area = AREAS.get(short, AREAS.get(short.split("-")[0][:4] + "j", "综合执法"))
        for _ in range(count):
            n += 1
            name = SURNAMES[rng.randrange(len(SURNAMES))] + GIVEN[rng.randrange(len(GIVEN))] + \
                (GIVEN[rng.randrange(len(GIVEN))] if rng.random() < 0.6 else "")
            if short == "scjgj" and n == 1:
                name = "孙磊"  # the demo's enforcement officer user
            o = actions.register_officer(actor=supervisor, organisation=org, name=name, id_number=_id_number(rng, n),
                                         position=rng.choice(["科员", "执法队员", "副队长", "科长"]), areas=area,
                                         phone=f"1390000{n:04d}", joined_on=dt.date(ctx.year - rng.randint(2, 15), 3, 1))
            officers.append(o)
            issued = today - dt.timedelta(days=rng.randint(200, 1500))
            expires = issued.replace(year=issued.year + 5) if not (issued.month == 2 and issued.day == 29) \
                else dt.date(issued.year + 5, 2, 28)
            if n % 17 == 3:  # some expiring within three months
                expires = today + dt.timedelta(days=rng.randint(10, 85))
            if n % 29 == 5:  # one expired already
                expires = today - dt.timedelta(days=rng.randint(5, 60))
                issued = min(issued, expires - dt.timedelta(days=400))
            cert = actions.issue_certificate(o, actor=supervisor, number=f"9901{2100000 + n:07d}",
                                             areas=f"清源县 {area}", issued_on=issued, expires_on=expires)
            if n == 40:
                actions.suspend_certificate(cert, actor=supervisor, on=today - dt.timedelta(days=12),
                                            reason="涉嫌违规执法，接受调查期间暂扣")
    year_start = dt.date(ctx.year, 1, 1)
    span = max(1, (today - year_start).days)
    for i, o in enumerate(officers):
        sessions = 1 if i % 6 == 0 else rng.randint(3, 6)  # every sixth officer is short of hours
        for _k in range(sessions):
            day = year_start + dt.timedelta(days=rng.randint(0, span))
            actions.record_training(o, actor=supervisor, on=min(day, today),
                                    title=rng.choice(["行政处罚法专题培训", "行政执法程序规范培训", "法治政府建设专题讲座",
                                                      "执法全过程记录实务"]), hours=Decimal(rng.choice([8, 12, 16])))
        if i % 5 == 0:
            actions.record_training(o, actor=supervisor, on=min(year_start + dt.timedelta(days=span // 2), today),
                                    title="年度执法资格考试", exam_score=Decimal(rng.randint(62, 98)), passed=True)
    leaver = Officer.objects.filter(organisation=ctx.orgs["zjj"]).order_by("pk").first()
    if leaver is not None:
        actions.officer_leaves(leaver, actor=supervisor, on=today - dt.timedelta(days=30), reason="调离执法岗位")
