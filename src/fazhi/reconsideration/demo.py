"""Demo 行政复议 cases for 清源县人民政府 as 复议机关: a believable previous year and the current year to date,
every case taken through the actions, the older ones concluded with issued decisions, the recent ones open with
running deadlines."""

from __future__ import annotations

import datetime as dt

from fazhi.core.permissions import ActionError
from fazhi.reconsideration import actions
from fazhi.reconsideration.choices import ActKind, Channel, DocumentKind, LetterKind, Outcome, Procedure
from fazhi.rules.engine import compute_due

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["建国", "秀英", "志强", "丽华", "海峰", "晓燕", "国庆", "春梅", "文杰", "玉兰", "德明", "小红", "永刚", "桂芳"]
COMPANIES = ["清源县恒通商贸有限公司", "清源县绿源农业专业合作社", "清源县鑫达建材有限公司", "清源县百味餐饮店",
             "清源县宏远物流有限公司", "清源县安康大药房"]
# (respondent short code, act kind, description, request, amount)
ACTS = [
    ("scjgj", ActKind.PENALTY, "以销售过期食品为由罚款二万元的行政处罚决定", "撤销该行政处罚决定", 20000),
    ("scjgj", ActKind.PENALTY, "以未明码标价为由警告的行政处罚决定", "撤销该警告决定", None),
    ("scjgj", ActKind.COMPLAINT, "对消费投诉作出的不予立案告知", "责令重新处理投诉举报", None),
    ("gaj", ActKind.PENALTY, "以扰乱公共秩序为由行政拘留五日的决定", "撤销该行政拘留决定", None),
    ("gaj", ActKind.PENALTY, "以违规停车为由罚款二百元的当场处罚决定", "撤销该处罚决定", 200),
    ("zrzyj", ActKind.CONFIRMATION, "不动产登记行为", "撤销该不动产登记", None),
    ("zrzyj", ActKind.EXPROPRIATION, "集体土地征收补偿安置决定", "撤销该补偿安置决定", None),
    ("zhzfj", ActKind.COERCION, "限期拆除违法建筑的决定", "确认该限期拆除决定违法", None),
    ("rsj", ActKind.WORK_INJURY, "不予认定工伤决定", "撤销不予认定工伤决定并责令重新作出", None),
    ("sthjj", ActKind.PENALTY, "以超标排放污染物为由罚款十万元的行政处罚决定", "变更罚款数额", 100000),
    ("zjj", ActKind.LICENSE, "不予核发建筑工程施工许可证的决定", "撤销该决定并责令核发许可", None),
    ("jtysj", ActKind.PENALTY, "以非法营运为由罚款一万元的行政处罚决定", "撤销该行政处罚决定", 10000),
    ("cgz", ActKind.NONPERFORMANCE, "对违法占地举报未予查处", "责令被申请人履行查处职责", None),
    ("hxz", ActKind.DISCLOSURE, "政府信息公开申请答复", "责令重新答复政府信息公开申请", None),
    ("czj", ActKind.DISCLOSURE, "政府信息公开申请逾期未答复", "责令被申请人予以答复", None),
    ("wjw", ActKind.PENALTY, "以非法行医为由罚款三千元的行政处罚决定", "撤销该行政处罚决定", 3000),
]
# A typical county mix of outcomes (维持 most, then 终止 after withdrawal, then corrections).
OUTCOMES = ([Outcome.UPHELD] * 9 + [Outcome.TERMINATED] * 7 + [Outcome.REVOKED] * 3 + [Outcome.SETTLED] * 2
            + [Outcome.MEDIATED] * 2 + [Outcome.CONFIRMED_ILLEGAL] + [Outcome.ALTERED] + [Outcome.DISMISSED]
            + [Outcome.APPLICATION_DISMISSED])
REASONS = {
    Outcome.UPHELD: "被申请人认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。",
    Outcome.REVOKED: "被申请人作出行政行为的主要事实不清、证据不足。",
    Outcome.ALTERED: "被申请人认定事实清楚，程序合法，但处罚幅度明显不当。",
    Outcome.CONFIRMED_ILLEGAL: "被申请人未依法履行告知程序，程序轻微违法，但对申请人权利不产生实际影响。",
    Outcome.DISMISSED: "被申请人在受理前已经履行法定职责。",
    Outcome.APPLICATION_DISMISSED: "受理后查明申请人与被申请复议的行政行为不具有利害关系。",
    Outcome.TERMINATED: "申请人自愿撤回行政复议申请，经行政复议机构准予撤回。",
    Outcome.SETTLED: "申请人与被申请人自愿达成和解，申请人撤回行政复议申请。",
    Outcome.MEDIATED: "被申请人重新核定处罚数额，申请人接受调解。",
}
FINDINGS = {
    Outcome.UPHELD: "被申请人在调查取证后依法履行了告知程序，申请人未在规定期限内提出陈述申辩，被申请人据此作出被申请复议的行政行为。",
    Outcome.REVOKED: "被申请人认定申请人违法事实所依据的现场检查笔录未经申请人签字确认，亦无其他证据佐证。",
    Outcome.ALTERED: "申请人系初次违法，违法行为持续时间较短，案发后主动改正，被申请人未考虑上述从轻情节。",
    Outcome.CONFIRMED_ILLEGAL: "被申请人在作出行政行为前未书面告知申请人陈述、申辩的权利，申请人实际已到场陈述意见。",
    Outcome.DISMISSED: "申请人提出复议申请前，被申请人已对举报事项立案调查并书面告知申请人。",
    Outcome.APPLICATION_DISMISSED: "申请人并非被申请复议的行政行为的相对人，其合法权益未受该行为影响。",
}


def _applicant(ctx, i: int) -> dict:
    rng = ctx.rng
    if rng.random() < 0.2:
        return {"role": "applicant", "kind": "organisation", "name": COMPANIES[i % len(COMPANIES)],
                "id_number": f"92990121MA{rng.randint(1000000, 9999999)}X", "address": "清源县城关镇工业路"}
    birth = dt.date(1955, 1, 1) + dt.timedelta(days=rng.randint(0, 16000))
    return {"role": "applicant", "kind": "person", "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
            "id_number": f"990121{birth:%Y%m%d}{rng.randint(100, 999)}X",
            "phone": f"1390000{rng.randint(1000, 9999)}", "address": f"清源县{rng.choice(['城关镇', '河西镇', '南湖街道'])}"
                                                                     f"{rng.randint(1, 99)}号"}


def _received_dates(ctx, first: dt.date, last: dt.date, count: int) -> list[dt.date]:
    """`count` receipt dates drawn between `first` and `last` (none when the span is empty)."""
    if last < first:
        return []
    span = (last - first).days
    return sorted(first + dt.timedelta(days=ctx.rng.randint(0, span)) for _ in range(count))


def _outcome_for(act_kind: str, outcome: str) -> str:
    if outcome == Outcome.DISMISSED and act_kind != ActKind.NONPERFORMANCE:
        return Outcome.UPHELD
    return outcome


def _issue(doc_kind, case, actor, on):
    doc = case.documents.filter(kind=doc_kind, status="draft").first()
    if doc is not None:
        doc = actions.issue_document(doc, actor=actor, on=on)
    return doc


def _serve(ctx, doc, recipient: str, sent: dt.date, *, mail: bool):
    """Hand over or post a document; a posted one is signed for two to four days later (unknown yet if that is
    still in the future)."""
    if doc is None:
        return None
    received = sent + dt.timedelta(days=ctx.rng.randint(2, 4)) if mail else sent
    return actions.serve_document(doc, actor=ctx.users["fuyi"], recipient=recipient,
                                  method="mail" if mail else "direct", sent_on=sent,
                                  received_on=received if received <= ctx.today else None,
                                  reference=f"XA{ctx.rng.randint(10**9, 10**10 - 1)}CN" if mail else "")


def _serve_and_publish(ctx, case, doc, closed: dt.date):
    """A concluding document is served on the parties, then reviewed for publication (art. 79) — except the most
    recent ones, still waiting for review."""
    if doc is None:
        return
    mail = ctx.rng.random() < 0.5
    _serve(ctx, doc, case.applicant_names, closed, mail=mail)
    _serve(ctx, doc, case.respondent.name, closed, mail=False)
    doc.refresh_from_db()
    received = doc.received_on()
    publish_on = received + dt.timedelta(days=5) if received else None
    if publish_on is None or publish_on >= ctx.today:
        return
    public = case.act_kind != ActKind.DISCLOSURE
    actions.publish_document(doc, actor=ctx.users["fuyi"], on=publish_on,
                             act_publicity="public" if public else "on_request",
                             scope="full" if public else "summary", checked=True,
                             note="" if public else "被申请行为未主动公开，摘要公开。")


def _case(ctx, i: int, received: dt.date, plan: str):
    """One case taken as far as `plan` says: received, supplementing, rejected, open, suspended or concluded."""
    rng, actor = ctx.rng, ctx.users["fuyi"]
    short, kind, description, request, amount = ACTS[rng.randrange(len(ACTS))]
    known = received - dt.timedelta(days=rng.choice([5, 12, 20, 33, 45, 58, 75]))
    case = actions.register_application(
        actor=actor, organisation=ctx.orgs["gov"], respondent=ctx.orgs[short], parties=[_applicant(ctx, i)],
        act_kind=kind, act_description=description, act_date=known - dt.timedelta(days=rng.randint(0, 3)),
        known_on=known, act_document_number=f"清{ctx.orgs[short].short_name[:2]}决〔{known.year}〕{rng.randint(3, 180)}号",
        act_on_the_spot=amount == 200, amount=amount, received_on=received,
        channel=rng.choice([Channel.MAIL, Channel.IN_PERSON, Channel.IN_PERSON, Channel.ONLINE, Channel.ORAL]),
        request=request, facts="申请人认为该行政行为认定事实不清、适用依据错误，侵犯其合法权益。", handler=actor)
    if plan == "received":
        return case
    if plan == "supplementing":
        on = received + dt.timedelta(days=1)
        case = actions.request_supplement(case, actor=actor, on=on,
                                          items="请补充提交被申请复议的行政行为文书及申请人身份证明材料。")
        _serve(ctx, _issue(DocumentKind.SUPPLEMENT_NOTICE, case, actor, on), case.applicant_names, on, mail=True)
        return case
    if plan == "rejected":
        on = received + dt.timedelta(days=2)
        case = actions.reject_case(case, actor=actor, on=on, competent_body="示范市人民政府",
                                   reason="该行政行为由示范市有关部门作出，不属于本机关管辖。")
        _serve(ctx, _issue(DocumentKind.REJECTION_DECISION, case, actor, on), case.applicant_names, on, mail=True)
        return case
    accepted = received + dt.timedelta(days=rng.randint(1, 3))
    simplified = case.simplified_available() and rng.random() < 0.6
    case = actions.accept_case(case, actor=actor, on=accepted,
                               procedure=Procedure.SIMPLIFIED if simplified else Procedure.ORDINARY)
    _issue(DocumentKind.ACCEPTANCE_NOTICE, case, actor, accepted)
    sent = accepted + dt.timedelta(days=rng.randint(1, 3))
    if sent >= ctx.today:
        return case
    actions.send_copy(case, actor=actor, on=sent)
    answered = sent + dt.timedelta(days=rng.randint(3, 9))
    if answered < ctx.today:
        actions.record_answer(case, actor=actor, on=answered, summary="其作出的行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，请求予以维持。")
    if plan == "suspended" and answered + dt.timedelta(days=3) < ctx.today:
        actions.suspend_case(case, actor=actor, on=answered + dt.timedelta(days=3), ground="8",
                             reason="本案需以相关民事确权诉讼的审理结果为依据。")
        return case
    if plan == "review" and answered + dt.timedelta(days=3) < ctx.today:
        review = actions.request_incidental_review(
            case, actor=actor, on=answered + dt.timedelta(days=2), document_title="清源县城区户外广告设置管理办法",
            maker="清源县人民政府")
        actions.notify_maker(review, actor=actor, on=answered + dt.timedelta(days=3))
        return case
    if plan == "extended" and case.procedure == Procedure.ORDINARY and answered + dt.timedelta(days=24) < ctx.today:
        actions.classify_case(case, actor=actor, major_complex=True, technical=False,
                              reason="涉及群体性利益，案情复杂。")
        notified = answered + dt.timedelta(days=1)
        held = max(answered + dt.timedelta(days=14), compute_due(actions.RULE_HEARING_NOTICE, notified).due)
        actions.record_hearing(case, actor=actor, kind="hearing", held_on=held,
                               notified_on=notified, place="县司法局听证室",
                               presiding="陈静", members="刘洋、何平", clerk="赵琳",
                               summary="申请人、被申请人陈述意见并质证。", head_attended=True,
                               respondent_head=f"{case.respondent.short_name or case.respondent.name}副局长 孙伟")
        extend_on = max(answered + dt.timedelta(days=20), held)
        actions.extend_case(case, actor=actor, on=extend_on, approver="县司法局副局长 马立新",
                            reason="案情复杂，需进一步调查取证。", days=30)
        _issue(DocumentKind.EXTENSION_NOTICE, case, actor, extend_on)
        return case
    if plan != "concluded":
        return case
    limit = 25 if case.procedure == Procedure.SIMPLIFIED else 55
    closed = accepted + dt.timedelta(days=rng.randint(18, limit))
    if closed >= ctx.today:
        return case
    outcome = _outcome_for(case.act_kind, OUTCOMES[i % len(OUTCOMES)])
    if outcome == Outcome.MEDIATED:
        agreed = closed - dt.timedelta(days=3)
        case = actions.mediate_case(case, actor=actor, on=agreed, agreement=REASONS[outcome])
        doc = _issue(DocumentKind.MEDIATION, case, actor, agreed)
        case = actions.sign_mediation(case, actor=actor, on=closed)
        _serve_and_publish(ctx, case, doc, closed)
    elif outcome in (Outcome.TERMINATED, Outcome.SETTLED):
        case = actions.terminate_case(case, actor=actor, on=closed, reason=REASONS[outcome],
                                      settled=outcome == Outcome.SETTLED)
        _serve_and_publish(ctx, case, _issue(DocumentKind.TERMINATION, case, actor, closed), closed)
    else:
        redo = 30 if outcome == Outcome.REVOKED else None
        case = actions.decide_case(case, actor=actor, on=closed, outcome=outcome, findings=FINDINGS[outcome],
                                   reason=REASONS[outcome], redo_days=redo, not_worse=outcome == Outcome.ALTERED)
        _serve_and_publish(ctx, case, _issue(DocumentKind.DECISION, case, actor, closed), closed)
        if redo and closed + dt.timedelta(days=25) < ctx.today and i % 3:  # most respondents acted in time
            actions.record_redo(case, actor=ctx.users["fuyi"], on=closed + dt.timedelta(days=rng.randint(10, 25)),
                                reason="被申请人已重新作出行政行为并报送。")
    return case


# The cases still running today, whatever the date: (plan, days before today the application arrived). They fall in
# the previous year when today is early in January, as carried-over cases do.
RECENT = [("extended", 75), ("suspended", 40), ("review", 32), ("supplementing", 5), ("received", 2),
          ("received", 1)]
PREVIOUS_YEAR_CASES = 38
CASES_PER_DAY = 34 / 365  # a county's pace: some 30-40 applications a year


def _plan(i: int) -> str:
    return "rejected" if i % 16 == 3 else "concluded"


def plan_cases(ctx) -> list[tuple[dt.date, str]]:
    """(received date, plan) for every demo case: the previous year in full, the current year to date at a county's
    pace, and the running cases of the last weeks. Depends only on the seed and today's date, never on a fixed number
    of cases having arrived by now."""
    prev, today = ctx.previous_year, ctx.today
    oldest_recent = today - dt.timedelta(days=max(days for _plan_name, days in RECENT))
    plans = []
    # The previous year: everything that arrived before the running cases began (most concluded by now).
    for i, day in enumerate(_received_dates(ctx, dt.date(prev, 1, 4), min(dt.date(prev, 12, 28), oldest_recent),
                                            PREVIOUS_YEAR_CASES)):
        plans.append((day, _plan(i)))
    # The current year to date, leaving the last weeks to the running cases.
    start, end = dt.date(ctx.year, 1, 2), today - dt.timedelta(days=12)
    count = round(max(0, (end - start).days) * CASES_PER_DAY)
    for i, day in enumerate(_received_dates(ctx, start, end, count)):
        plans.append((day, _plan(i)))
    plans += [(today - dt.timedelta(days=days), name) for name, days in RECENT]
    return plans


def build(ctx):
    actor = ctx.users["fuyi"]
    gov = ctx.orgs["gov"]
    prev = ctx.previous_year
    cases = []
    for i, (received, plan) in enumerate(plan_cases(ctx)):
        try:
            cases.append(_case(ctx, i, received, plan))
        except ActionError as e:  # keep the demo honest: a case the actions refuse stops the build with its reason
            raise RuntimeError(f"demo case {i} ({received}, {plan}): {e.message}") from e
    # 意见书 (art. 76) and 建议书: previous year answered; this year's 意见书 still awaiting the report.
    by_year = {}
    for c in cases:
        if c.status == "concluded":
            by_year.setdefault(c.closed_on.year, []).append(c)
    for year, kinds in ((prev, [LetterKind.OPINION, LetterKind.SUGGESTION, LetterKind.SUGGESTION]),
                        (ctx.year, [LetterKind.OPINION, LetterKind.SUGGESTION])):
        pool = by_year.get(year, [])
        for n, kind in enumerate(kinds):
            if not pool:
                break
            case = pool[(n * 5) % len(pool)]
            on = min(case.closed_on + dt.timedelta(days=3), ctx.today)
            letter = actions.issue_letter(
                actor=actor, organisation=gov, kind=kind, recipient=case.respondent, issued_on=on, case=case,
                subject="执法案卷中告知程序不规范、证据收集不完整" if kind == LetterKind.OPINION
                else "进一步规范行政执法文书制作和送达",
                content="建议组织执法人员开展专题培训，完善案件法制审核流程。")
            doc = letter.documents.first()
            if doc is not None:
                doc = actions.issue_document(doc, actor=actor, on=on)
                _serve(ctx, doc, case.respondent.name, on, mail=False)
            replied = on + dt.timedelta(days=45)
            if kind == LetterKind.OPINION and year == prev and replied < ctx.today:
                actions.record_letter_reply(letter, actor=actor, on=replied,
                                            reply="已对相关案件重新审查并开展执法人员专题培训。")
