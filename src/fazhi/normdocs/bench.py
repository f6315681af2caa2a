"""Benchmark data: eight years of 行政规范性文件 for the generated tree — 25 per department and 60 per county
government (about 560 a county with the higher governments' share; ≥ 55,000 for a province of 100 counties) — with
the spread a register has: most published (over the last eight years, valid for two to five years, ~90 % filed, some
late), those past their validity lapsed, some abolished or declared invalid, a few still being drafted or reviewed;
one text each, parsed into articles; and the clean-ups that concluded: a full clean-up by every county government in
the last full year and a 专项清理 by the root government two years before it.

Load generation, not user activity: the rows are bulk-inserted (articles through `fazhi.core.bulk.Stage`, COPY on
PostgreSQL) without the actions, their deadlines or audit events. Dates follow the rules' periods (filing 15 days to the
next working day, legality review 15 working days) so the figures count what the actions would have counted."""

from __future__ import annotations

import datetime as dt
import hashlib

from fazhi.calendar.workdays import add_working_days, next_working_day
from fazhi.core import clock
from fazhi.core.bulk import Stage
from fazhi.core.choices import OrgKind
from fazhi.core.models import Organisation
from fazhi.core.numerals import to_chinese
from fazhi.normdocs.choices import (
    CampaignKind,
    CampaignStatus,
    EndKind,
    FilingOutcome,
    Outcome,
    ReviewOpinion,
    Status,
)
from fazhi.normdocs.models import Campaign, Document, Entry, Version
from fazhi.normdocs.text import parse_articles

PER_DEPARTMENT, PER_COUNTY, PER_HIGHER = 25, 60, 40
YEARS = 8
FILING_DAYS, REVIEW_WORKING_DAYS = 15, 15
FILING_RULE_FROM, REVIEW_RULE_FROM = dt.date(2018, 5, 16), dt.date(2018, 12, 4)
TOPICS = ["规范行政裁量权基准", "优化营商环境", "市场主体登记管理", "城市绿化管理", "农村集体资产管理", "安全生产监督检查",
          "建设工程质量监管", "政府信息公开", "公共资源交易管理", "住房公积金缴存", "社会救助家庭经济状况核对",
          "生态环境损害赔偿", "道路货物运输管理", "食品小作坊监督管理", "城乡居民养老保险", "校外培训机构监管"]
KINDS = ["管理办法", "管理办法", "实施细则", "实施意见", "暂行办法", "试行办法", "若干规定", "实施办法"]
LAWS = ["《中华人民共和国行政许可法》第十二条", "《中华人民共和国行政处罚法》第十八条", "《优化营商环境条例》第六十一条",
        "《中华人民共和国安全生产法》第九条", "《政府信息公开条例》第十九条"]
DRAFTING_STATES = [Status.DRAFT, Status.CONSULTING, Status.REVIEWING, Status.REVIEWING, Status.REVIEWED,
                   Status.DELIBERATED, Status.REGISTERED]
CLEANUP_OUTCOMES = [(Outcome.KEPT, 82), (Outcome.REVISED, 8), (Outcome.ABOLISHED, 7), (Outcome.DECLARED_INVALID, 3)]
SPECIAL_TOPIC = "营商环境"


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _text(doc: Document, topic: str, rng) -> str:
    this = "本" + doc.title[-2:]  # 本办法, 本细则, 本意见, 本规定
    body = [f"为了做好{topic}工作，根据{rng.choice(LAWS)}等法律、法规、规章的规定，结合本地实际，制定{this}。",
            f"{this}适用于{doc.organisation.name}管辖范围内的{topic}工作。",
            f"{doc.organisation.name}负责{this}的组织实施，有关部门按照职责分工做好相关工作。"]
    body += [f"有关单位应当依法履行{topic}相关义务，不得增加法律、法规、规章规定以外的条件。",
             f"{topic}相关事项的办理时限、材料清单应当向社会公布。",
             f"违反{this}规定的，依照有关法律、法规、规章的规定处理。"][: rng.randint(0, 3)]
    if doc.effective_from:
        tail = f"，有效期至{doc.valid_until:%Y年%m月%d日}" if doc.valid_until else ""
        body.append(f"{this}自{doc.effective_from:%Y年%m月%d日}起施行{tail}。")
    else:
        body.append(f"{this}自公布之日起施行。")
    return "\n".join(f"第{to_chinese(i)}条 {line}" for i, line in enumerate(body, 1))


def _filing_authority(org: Organisation, root: Organisation) -> tuple[Organisation | None, str]:
    if org.kind != OrgKind.GOVERNMENT:
        return org.parent, ""
    if org.pk == root.pk:
        return None, "国务院" if root.name.endswith("省人民政府") else "基准测试省人民政府"
    return org.parent, ""


def _review(doc: Document, submitted: dt.date, rng, *, late_share: float = 0.07) -> None:
    doc.review_submitted_on = submitted
    doc.review_due = add_working_days(submitted, REVIEW_WORKING_DAYS) if submitted >= REVIEW_RULE_FROM else None
    days = rng.randint(16, 25) if rng.random() < late_share else rng.randint(5, REVIEW_WORKING_DAYS)
    doc.reviewed_on = add_working_days(submitted, days)
    doc.review_opinion = ReviewOpinion.LAWFUL if rng.random() < 0.8 else ReviewOpinion.LAWFUL_IF_AMENDED
    doc.review_note = "符合法律、法规、规章规定" if doc.review_opinion == ReviewOpinion.LAWFUL else "部分条款修改后合法"


def _drafting_before(doc: Document, submitted: dt.date, rng) -> None:
    """Drafting and, for a document affecting rights, 30 days of public consultation before `submitted`."""
    if doc.affects_rights:
        doc.consultation_closed_on = submitted - dt.timedelta(days=rng.randint(1, 10))
        doc.consultation_end = doc.consultation_closed_on - dt.timedelta(days=rng.randint(1, 3))
        doc.consultation_start = doc.consultation_end - dt.timedelta(days=30)
        doc.consultation_summary = "共收到意见若干条，已逐条研究处理"
        doc.drafted_on = doc.consultation_start - dt.timedelta(days=rng.randint(5, 30))
    else:
        doc.drafted_on = submitted - dt.timedelta(days=rng.randint(10, 60))


def _published(doc: Document, published: dt.date, today: dt.date, rng) -> None:
    doc.status = Status.PUBLISHED
    doc.published_on = published
    doc.publication_medium = "政府门户网站"
    doc.effective_from = published if rng.random() < 0.7 else published + dt.timedelta(days=rng.randint(10, 30))
    years = 2 if doc.provisional else rng.choice([3, 5, 5, 5])
    doc.valid_until = _add_years(doc.effective_from, years) - dt.timedelta(days=rng.randint(1, 120))
    if doc.legacy:
        doc.drafted_on = published
    else:
        submitted = published - dt.timedelta(days=rng.randint(60, 90))
        _drafting_before(doc, submitted, rng)
        _review(doc, submitted, rng)
        doc.deliberated_on = doc.reviewed_on + dt.timedelta(days=rng.randint(1, 10))
        doc.deliberation_meeting = "政府常务会议" if doc.files_with_congress else "局务会议"
        doc.registered_on = doc.deliberated_on + dt.timedelta(days=rng.randint(0, 3))
    if published >= FILING_RULE_FROM:
        doc.filing_due = next_working_day(published + dt.timedelta(days=FILING_DAYS))
    r = rng.random()
    if r < 0.90:
        late = r >= 0.82 and doc.filing_due is not None
        filed = (doc.filing_due + dt.timedelta(days=rng.randint(1, 40)) if late
                 else published + dt.timedelta(days=rng.randint(1, FILING_DAYS)))
        if filed <= today:
            doc.filed_on = filed
            doc.congress_filed_on = filed if doc.files_with_congress else None
            outcome_on = filed + dt.timedelta(days=rng.randint(10, 60))
            o = rng.random()
            if outcome_on <= today and o < 0.88:
                doc.filing_outcome = (FilingOutcome.CORRECT if o < 0.01 else FilingOutcome.SUGGEST_AMEND if o < 0.04
                                      else FilingOutcome.NO_OBJECTION)
                doc.filing_outcome_on = outcome_on
                if doc.filing_outcome != FilingOutcome.NO_OBJECTION:
                    doc.filing_outcome_note = "个别条款与上位法规定不一致"
                    doc.correction_required = f"备案审查：{FilingOutcome(doc.filing_outcome).label}"
    # Abolished (4 %) or declared invalid (1 %) before its validity ran out; else lapsed the day after it.
    e = rng.random()
    last = min(doc.valid_until, today)
    if e < 0.05 and last > doc.effective_from + dt.timedelta(days=30):
        on = doc.effective_from + dt.timedelta(days=rng.randint(30, (last - doc.effective_from).days))
        _end(doc, on, EndKind.ABOLISHED if e < 0.04 else EndKind.DECLARED_INVALID, "上位法已修改，文件不再适用")
    elif doc.valid_until < today:
        _end(doc, doc.valid_until + dt.timedelta(days=1), EndKind.LAPSED, f"有效期至 {doc.valid_until:%Y-%m-%d} 届满")


def _end(doc: Document, on: dt.date, kind: str, reason: str) -> None:
    doc.ended_on, doc.end_kind, doc.end_reason = on, kind, reason
    doc.status = Status.ABOLISHED if kind == EndKind.ABOLISHED else Status.EXPIRED
    doc.correction_required = ""


def _drafting(doc: Document, today: dt.date, rng) -> None:
    """A document still being made: drafted in the last four months, at one of the steps before publication."""
    status = rng.choice(DRAFTING_STATES) if rng.random() < 0.95 else Status.WITHDRAWN
    doc.status = status
    if status in (Status.DRAFT, Status.WITHDRAWN):
        doc.drafted_on = today - dt.timedelta(days=rng.randint(0, 120))
        return
    if status == Status.CONSULTING:
        doc.affects_rights = True
        doc.consultation_start = today - dt.timedelta(days=rng.randint(0, 25))
        doc.consultation_end = doc.consultation_start + dt.timedelta(days=30)
        doc.drafted_on = doc.consultation_start - dt.timedelta(days=rng.randint(5, 30))
        return
    submitted = today - dt.timedelta(days=rng.randint(0, 25) if status == Status.REVIEWING else rng.randint(35, 60))
    _drafting_before(doc, submitted, rng)
    if status == Status.REVIEWING:
        doc.review_submitted_on = submitted
        doc.review_due = add_working_days(submitted, REVIEW_WORKING_DAYS)
        return
    _review(doc, submitted, rng)
    if status in (Status.DELIBERATED, Status.REGISTERED):
        doc.deliberated_on = min(today, doc.reviewed_on + dt.timedelta(days=rng.randint(1, 5)))
        doc.deliberation_meeting = "政府常务会议" if doc.files_with_congress else "局务会议"
    if status == Status.REGISTERED:
        doc.registered_on = doc.deliberated_on


def _plan(ctx, today: dt.date) -> tuple[list[Document], dict[int, str]]:
    """The documents of every maker, unsaved, each with its topic (by position) for its text."""
    rng = ctx.rng
    root = ctx.root
    higher = [root, *Organisation.objects.filter(path__startswith=root.path, kind=OrgKind.GOVERNMENT)
              .exclude(pk=root.pk).exclude(pk__in=[g.pk for g in ctx.governments]).order_by("path")]
    parents = {o.pk: o for o in [*higher, *ctx.governments]}
    makers = [(o, PER_HIGHER) for o in higher] + [(g, PER_COUNTY) for g in ctx.governments]
    makers += [(d, PER_DEPARTMENT) for d in ctx.departments]
    first_day = today - dt.timedelta(days=YEARS * 365)
    docs, topics = [], {}
    for org, count in makers:
        if org.parent_id:
            org.parent = parents.get(org.parent_id) or org.parent
        authority, authority_name = _filing_authority(org, root)
        label = (org.short_name or org.name).replace("人民政府", "政府")
        is_gov = org.kind == OrgKind.GOVERNMENT
        plans = sorted(first_day + dt.timedelta(days=rng.randint(0, (today - first_day).days - 10))
                       for _ in range(count))
        seqs: dict[int, int] = {}
        for published in plans:
            topic = rng.choice(TOPICS)
            title = f"{org.name}关于{topic}的{rng.choice(KINDS)}"
            doc = Document(organisation=org, reviewer=org, filing_authority=authority,
                           filing_authority_name=authority_name, files_with_congress=is_gov, title=title,
                           drafter=org.name if not is_gov else f"{org.name}办公室", affects_rights=rng.random() < 0.6,
                           legacy=rng.random() < 0.05)
            if rng.random() < 0.05:
                doc.legacy = False
                _drafting(doc, today, rng)
            else:
                _published(doc, published, today, rng)
            if doc.registered_on or doc.legacy:
                doc.year = (doc.registered_on or doc.published_on).year
                seqs[doc.year] = doc.seq = seqs.get(doc.year, 0) + 1
                doc.number = f"{label}规〔{doc.year}〕{doc.seq}号"
            topics[len(docs)] = topic
            docs.append(doc)
    return docs, topics


def _decide(rng) -> str:
    outcomes, weights = zip(*CLEANUP_OUTCOMES, strict=True)
    return rng.choices(outcomes, weights)[0]


def _campaigns(ctx, docs: list[Document]) -> list[tuple[Campaign, list[tuple[int, str, dt.date]]]]:
    """A 专项清理 by the root two years before the last full year, then a full clean-up by every county government in
    that year; an abolished or declared-invalid outcome ends the document on the publication date (as
    `cleanup.conclude_campaign` does), a revision marks it for correction."""
    rng = ctx.rng
    plans = [(Campaign(organisation=ctx.root, title=f"{ctx.root.name}涉及{SPECIAL_TOPIC}的规范性文件专项清理",
                       kind=CampaignKind.SPECIAL, topic=SPECIAL_TOPIC, started_on=dt.date(ctx.year - 2, 4, 1),
                       status=CampaignStatus.CONCLUDED, concluded_on=dt.date(ctx.year - 2, 8, 31)), ctx.root.path)]
    plans += [(Campaign(organisation=g, title=f"{g.name}{ctx.year}年度规范性文件全面清理", kind=CampaignKind.FULL,
                        started_on=dt.date(ctx.year, 3, 1), status=CampaignStatus.CONCLUDED,
                        concluded_on=dt.date(ctx.year, 9, 30)), g.path) for g in ctx.governments]
    out = []
    for campaign, path in plans:
        entries = []
        for i, doc in enumerate(docs):
            if not doc.organisation.path.startswith(path) or not doc.in_force(campaign.started_on):
                continue
            if campaign.topic and campaign.topic not in doc.title:
                continue
            outcome = _decide(rng)
            decided = campaign.started_on + dt.timedelta(days=rng.randint(10, 120))
            entries.append((i, outcome, decided))
            on = campaign.concluded_on
            if outcome == Outcome.REVISED and doc.ended_on is None:
                doc.correction_required = f"{campaign.title}：修改"
            elif outcome != Outcome.KEPT and (doc.ended_on is None or doc.ended_on > on):
                kind = EndKind.ABOLISHED if outcome == Outcome.ABOLISHED else EndKind.DECLARED_INVALID
                _end(doc, on, kind, f"{campaign.title}：不符合现行法律规定")
        out.append((campaign, entries))
    return out


REASONS = {Outcome.KEPT: "", Outcome.REVISED: "部分条款与现行规定不一致", Outcome.ABOLISHED: "调整对象已消失",
           Outcome.DECLARED_INVALID: "适用期已过"}


def generate(ctx) -> None:
    today = clock.today()
    docs, topics = _plan(ctx, today)
    campaigns = _campaigns(ctx, docs)
    docs = Document.objects.bulk_create(docs, batch_size=5000)
    if any(d.pk is None for d in docs):  # a backend without RETURNING
        raise RuntimeError("bulk_create did not return primary keys")
    versions, texts = [], []
    for i, doc in enumerate(docs):
        body = _text(doc, topics[i], ctx.rng)
        published = doc.published_on is not None
        versions.append(Version(document=doc, seq=1, label="公布文本" if published else "起草稿", text=body,
                                sha256=hashlib.sha256(body.encode()).hexdigest(), effective_from=doc.effective_from,
                                note="公布" if published else "起草"))
        texts.append(body)
    versions = Version.objects.bulk_create(versions, batch_size=5000)
    columns = ["version_id", "position", "number", "suffix", "label", "text"]
    with Stage("normdocs_article", columns, create=False) as stage:
        for version, body in zip(versions, texts, strict=True):
            for pos, a in enumerate(parse_articles(body), 1):
                stage.add((version.pk, pos, a.number, a.suffix, a.label, a.text))
    Campaign.objects.bulk_create([c for c, _ in campaigns], batch_size=1000)
    Entry.objects.bulk_create([Entry(campaign=c, document=docs[i], outcome=outcome, reason=REASONS[outcome],
                                     decided_on=decided)
                               for c, entries in campaigns for i, outcome, decided in entries], batch_size=5000)
