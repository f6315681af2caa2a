"""Demo: normative documents of 清源县, told relative to `ctx.today` so it builds on any date.

The county's existing catalogue (documents of the county government and three departments from the last seven years,
some abolished or lapsed, one never filed) comes in through the same Excel import an office would use. Documents
drafted on the platform went through the whole procedure: last year's were published and filed (one late; one
drew a 建议修改 from the filing review and was amended); last year's 全面清理 kept, revised, abolished and declared
invalid documents. Recent ones stand at every stage: a draft, one in public consultation with citizens' comments
(one moderated and handled, one waiting), one in legality review, one reviewed and waiting for deliberation, and
one published but not yet filed. The incidental review the 复议 demo requested is linked to the document it names."""

from __future__ import annotations

import datetime as dt
import io

from fazhi.core.clock import frozen
from fazhi.core.excel import workbook_bytes
from fazhi.normdocs import actions, cleanup, importers, links
from fazhi.rules.engine import compute_due

D = dt.date
ARTICLES = {
    "城区户外广告设置管理办法": ["为了规范城区户外广告设置，维护市容环境，根据《中华人民共和国广告法》第四十一条，制定本办法。",
                       "本办法适用于本县城区范围内户外广告设施的设置和管理。", "设置户外广告设施，应当符合户外广告设施设置规划。",
                       "本办法自公布之日起施行。"],
    "农村集体资产管理办法": ["为了加强农村集体资产管理，制定本办法。", "农村集体资产的处置应当经集体经济组织成员大会讨论决定。",
                    "本办法自公布之日起施行。"],
}


def _text(title: str) -> str:
    lines = ARTICLES.get(title.replace("清源县", "").replace("暂行", "").replace("试行", ""), [
        f"为了做好{title.replace('清源县', '').replace('管理办法', '').replace('实施细则', '').replace('暂行', '')}工作，"
        "根据有关法律、法规和规章，结合本县实际，制定本办法。",
        "县人民政府有关部门按照各自职责做好相关工作。", "违反本办法规定的，依照有关法律、法规的规定处理。", "本办法自公布之日起施行。"])
    from fazhi.core.numerals import to_chinese

    return "\n".join(f"第{to_chinese(i)}条 {line}" for i, line in enumerate(lines, 1))


LEGACY = [  # (maker, title, years ago published, validity years, filed late days or None = not filed)
    ("gov", "清源县城区户外广告设置管理办法", 3, 5, 5),
    ("gov", "清源县农村集体资产管理办法", 4, 5, 3),
    ("gov", "清源县城市养犬管理暂行办法", 3, 2, 8),
    ("gov", "清源县房屋征收与补偿实施细则", 5, 5, 10),
    ("gov", "清源县建设工程招标投标管理办法", 6, 5, 7),
    ("gov", "清源县政府投资项目管理办法", 2, 5, 4),
    ("gov", "清源县城乡居民最低生活保障实施细则", 2, 5, 6),
    ("gov", "清源县重大行政决策程序规定", 1, 5, 3),
    ("scjgj", "清源县农贸市场管理办法", 3, 5, 12),
    ("scjgj", "清源县食品小作坊登记管理办法", 4, 5, 9),
    ("scjgj", "清源县市场主体住所登记管理办法", 2, 5, 20),
    ("scjgj", "清源县电动自行车销售管理暂行办法", 1, 2, None),
    ("sthjj", "清源县饮用水水源保护区管理办法", 3, 5, 5),
    ("sthjj", "清源县建设项目环境影响评价审批管理办法", 5, 5, 6),
    ("zjj", "清源县物业管理办法", 4, 5, 11),
    ("zjj", "清源县建筑垃圾管理办法", 2, 5, 7),
    ("jyj", "清源县民办学校管理办法", 6, 5, 4),
    ("nyncj", "清源县农村宅基地管理暂行办法", 2, 2, 6),
]
PREFIX = {"gov": "清府规", "scjgj": "清市监规", "sthjj": "清环规", "zjj": "清建规", "jyj": "清教规", "nyncj": "清农规"}


def _years_ago(today: dt.date, years: int, month_day: tuple[int, int]) -> dt.date:
    return D(today.year - years, *month_day)


def _catalogue(ctx) -> bytes:
    rows = []
    for n, (short, title, years, valid, filed_after) in enumerate(LEGACY, 1):
        published = _years_ago(ctx.today, years, (1 + n % 11, 3 + n % 20))
        until = published.replace(year=published.year + valid) - dt.timedelta(days=1)
        filed = published + dt.timedelta(days=filed_after) if filed_after is not None else None
        rows.append([ctx.orgs[short].code, f"{PREFIX[short]}〔{published.year}〕{n}号", title, published.isoformat(), "",
                     until.isoformat(), (published - dt.timedelta(days=12)).isoformat(),
                     filed.isoformat() if filed else "", "", "", _text(title)])
    # Two ended long ago: one abolished, one whose validity simply ran out.
    old = _years_ago(ctx.today, 8, (3, 1))
    rows.append([ctx.orgs["gov"].code, f"清府规〔{old.year}〕2号", "清源县城市道路占用挖掘管理办法", old.isoformat(), "",
                 (old.replace(year=old.year + 5) - dt.timedelta(days=1)).isoformat(), "",
                 (old + dt.timedelta(days=9)).isoformat(), (old.replace(year=old.year + 3)).isoformat(), "废止",
                 _text("清源县城市道路占用挖掘管理办法")])
    rows.append([ctx.orgs["scjgj"].code, f"清市监规〔{old.year}〕1号", "清源县个体工商户登记管理暂行办法", old.isoformat(), "",
                 (old.replace(year=old.year + 2) - dt.timedelta(days=1)).isoformat(), "",
                 (old + dt.timedelta(days=6)).isoformat(), (old.replace(year=old.year + 2)).isoformat(), "有效期届满失效",
                 _text("清源县个体工商户登记管理暂行办法")])
    return workbook_bytes("规范性文件目录", [c[1] for c in importers.COLUMNS], rows)


def _through(ctx, short, author, reviewer, title, start: dt.date, *, stop="published", affects=False, file_after=5,
             comments=()):
    """One document from draft to `stop`, each step on its own date from `start`."""
    org = ctx.orgs[short]
    with frozen(start):
        doc = actions.create_draft(actor=author, organisation=org, title=title, drafted_on=start, text=_text(title),
                                   affects_rights=affects, drafter=org.name)
    if stop == "draft":
        return doc
    day = start + dt.timedelta(days=3)
    if affects:
        with frozen(day):
            actions.open_consultation(doc, actor=author, on=day)
        doc.refresh_from_db()
        for k, (body, name) in enumerate(comments):
            with frozen(day + dt.timedelta(days=2 + k)):
                actions.submit_comment(doc, body=body, name=name, client=f"demo-{k}")
        if stop == "consulting":
            return doc
        day = doc.consultation_end + dt.timedelta(days=1)
        with frozen(day):
            for c in doc.comments.all():
                actions.moderate(c, actor=author, approve=True)
                actions.handle(c, actor=author, on=day, handling="partly", note="已在第三条中吸收，其余不属于本文件规范事项")
            actions.close_consultation(doc, actor=author, on=day, summary=f"收到意见{doc.comments.count()}条，已逐条研究处理")
    with frozen(day):
        actions.submit_for_review(doc, actor=author, on=day)
    if stop == "reviewing":
        return doc
    day = compute_due(actions.RULE_REVIEW_MIN, day, with_text=False).due + dt.timedelta(days=1)
    with frozen(day):
        actions.record_review(doc, actor=reviewer, on=day, opinion="lawful", note="制定主体、权限和程序合法，内容不违反上位法规定")
    if stop == "reviewed":
        return doc
    day += dt.timedelta(days=3)
    with frozen(day):
        actions.deliberate(doc, actor=author, on=day, meeting="县人民政府常务会议" if short == "gov" else "局务会议")
        actions.register(doc, actor=author, on=day)
        actions.publish(doc, actor=author, on=day, medium="清源县人民政府门户网站",
                        valid_until=day.replace(year=day.year + 5) - dt.timedelta(days=1))
    if file_after is not None and day + dt.timedelta(days=file_after) <= ctx.today:
        filed = day + dt.timedelta(days=file_after)
        with frozen(filed):
            actions.file(doc, actor=author, on=filed, congress_on=filed if short == "gov" else None)
    doc.refresh_from_db()
    return doc


def build(ctx):
    users = ctx.users
    supervisor, sfj, scj, hb = users["supervisor"], users["sfj_legal"], users["scj_legal"], users["hb_legal"]
    with frozen(ctx.today):
        result = importers.import_catalogue(io.BytesIO(_catalogue(ctx)), actor=ctx.admin, dry_run=False)
    assert result.ok, result.errors
    today, last = ctx.today, ctx.previous_year
    # Last year, on the platform: three documents, one filed late, one corrected by the filing review.
    _through(ctx, "gov", supervisor, sfj, "清源县城市绿化管理办法", D(last, 2, 10), affects=True,
                 comments=[("建议明确擅自占用绿地的认定标准，联系电话 139 1234 5678。", "王建国")])
    b = _through(ctx, "scjgj", scj, scj, "清源县电梯安全管理办法", D(last, 5, 6), file_after=36)
    _through(ctx, "sthjj", hb, hb, "清源县餐饮油烟污染防治管理办法", D(last, 8, 3))
    review_on = D(last, 10, 15)
    with frozen(review_on):
        actions.record_filing_review(b, actor=supervisor, on=review_on, outcome="amend",
                                     note="第三条对经营者增设的义务缺少上位法依据，建议修改")
    with frozen(D(last, 11, 20)):
        actions.amend(b, actor=scj, on=D(last, 11, 20), text=_text(b.title).replace("按照各自职责", "依照法定职责"),
                      note="按备案审查意见修改第二条")
    # Last year's clean-up: every document of the county in force on 1 September.
    with frozen(D(last, 9, 1)):
        c = cleanup.create_campaign(actor=supervisor, organisation=ctx.government, title=f"{last}年度规范性文件全面清理",
                                    kind="full", started_on=D(last, 9, 1))
        cleanup.add_to_campaign(c, actor=supervisor)
    with frozen(D(last, 11, 1)):
        for n, e in enumerate(c.entries.select_related("document").order_by("pk")):
            outcome = ["kept", "kept", "kept", "revised", "kept", "abolished", "kept", "expired"][n % 8]
            reason = {"revised": "部分条款与新修订的上位法不一致", "abolished": "上位法已废止，调整对象已消失",
                      "expired": "适用期已过，实际已不再执行"}.get(outcome, "")
            cleanup.decide(e, actor=supervisor, outcome=outcome, reason=reason, on=D(last, 11, 1))
    with frozen(D(last, 12, 1)):
        cleanup.conclude_campaign(c, actor=supervisor, on=D(last, 11, 30))
    # Recent: one at each stage, counted back from today so the story holds on any date.
    _through(ctx, "gov", supervisor, sfj, "清源县公共停车场管理办法", today - dt.timedelta(days=70), file_after=None)
    _through(ctx, "scjgj", scj, scj, "清源县网络餐饮服务监督管理办法", today - dt.timedelta(days=40), stop="reviewed")
    _through(ctx, "gov", supervisor, sfj, "清源县农村人居环境整治管理办法", today - dt.timedelta(days=12), stop="reviewing")
    _through(ctx, "gov", supervisor, sfj, "清源县城区燃放烟花爆竹管理规定", today - dt.timedelta(days=9), stop="consulting",
             affects=True, comments=[("建议春节期间在指定区域允许燃放，兼顾传统习俗。", "李秀英"),
                                     ("我家住在学校附近，希望学校周边全年禁放。", "")])
    _through(ctx, "sthjj", hb, hb, "清源县扬尘污染防治管理办法", today - dt.timedelta(days=2), stop="draft")
    _link_reviews(ctx)


def _link_reviews(ctx):
    from fazhi.reconsideration.models import IncidentalReview

    with frozen(ctx.today):
        for review in IncidentalReview.objects.filter(normdoc_link__isnull=True).select_related("case"):
            doc = links.match(review)
            if doc is not None:
                links.link_review(doc, review, actor=ctx.users["fuyi"])
