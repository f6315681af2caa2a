"""One audited action per change of state of a normative document, its public comments and its clean-ups.

Every action locks the record, asks the workflow whether the actor may take the step now, validates its input with
the shared validators (a refusal is an ActionError in Chinese and nothing is saved), takes its periods from the rules
(`normdoc.*`) and records an audit event."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.db import transaction

from fazhi.core import audit, clock, validate
from fazhi.core.choices import AuditAction, OrgKind
from fazhi.core.models import Organisation
from fazhi.core.numbering import next_number
from fazhi.core.permissions import ActionError, require
from fazhi.normdocs import text as texts
from fazhi.normdocs.choices import (
    CORRECTIVE,
    CommentStatus,
    EndKind,
    FilingOutcome,
    Handling,
    ReviewOpinion,
    Status,
)
from fazhi.normdocs.models import Article, Comment, Document, LawCitation, Version
from fazhi.normdocs.permissions import may_draft
from fazhi.normdocs.workflow import COMMENT, DOCUMENT

RULE_CONSULTATION = "normdoc.consultation"
RULE_REVIEW = "normdoc.legality_review"
RULE_REVIEW_MIN = "normdoc.legality_review.minimum"
RULE_FILING = "normdoc.filing"
RULE_CONGRESS = "normdoc.congress_filing"
RULE_VALIDITY = "normdoc.validity"
MAX_YEARS, PROVISIONAL_YEARS = 5, 2


# --- helpers ---------------------------------------------------------------------------------------------------

def _lock(doc: Document) -> Document:
    return Document.objects.select_for_update().select_related("organisation", "reviewer").get(pk=doc.pk)


def _rule_applies(rule_id: str, on: dt.date) -> bool:
    from fazhi.rules.engine import get_rule

    return any(v.in_force(on) for v in get_rule(rule_id).versions)


def _owner(doc: Document, rule_id: str) -> Organisation:
    """Whose duty the period is: the legality review is the reviewing body's, the rest the maker's."""
    return doc.reviewer if rule_id == RULE_REVIEW else doc.organisation


def _clock_actor(actor, organisation):
    """The period follows from the step by rule: when the person taking the step does not keep the deadlines of the
    body that owns it (a county office sending a draft to the justice bureau), the system keeps it."""
    from fazhi.core.workflow import SYSTEM
    from fazhi.rules.deadlines import may_keep_deadlines

    return actor if may_keep_deadlines(actor, organisation) else SYSTEM


def _start(doc: Document, rule_id: str, start: dt.date, actor, label: str, length: int | None = None):
    """Start the rule's deadline on the document; None for a date before the rule existed (a legacy document)."""
    from fazhi.rules import deadlines as dl

    if not _rule_applies(rule_id, start):
        return None
    org = _owner(doc, rule_id)
    return dl.start_deadline(doc, rule_id, start, actor=_clock_actor(actor, org), organisation=org, label=label,
                             length=length)


def _open(doc: Document, rule_id: str):
    from fazhi.rules import deadlines as dl
    from fazhi.rules.choices import DeadlineStatus

    return dl.deadlines_for(doc).filter(rule_id=rule_id, status=DeadlineStatus.OPEN).first()


def _complete(doc: Document, rule_id: str, on: dt.date, actor):
    from fazhi.rules import deadlines as dl

    d = _open(doc, rule_id)
    if d is not None:
        dl.complete_deadline(d, on=on, actor=_clock_actor(actor, d.organisation))


def _cancel(doc: Document, rule_id: str, actor, reason: str):
    from fazhi.rules import deadlines as dl

    d = _open(doc, rule_id)
    if d is not None:
        dl.cancel_deadline(d, actor=_clock_actor(actor, d.organisation), reason=reason)


def _government_of(org: Organisation) -> Organisation | None:
    if org.kind == OrgKind.GOVERNMENT:
        return org
    return next((a for a in reversed(org.ancestors()) if a.kind == OrgKind.GOVERNMENT), None)


def default_reviewer(org: Organisation) -> Organisation:
    """国办发〔2018〕115号: a government's documents are reviewed by its justice administration (司法局/厅); a
    department's by its own legal office (the department itself here)."""
    if org.kind != OrgKind.GOVERNMENT:
        return org
    justice = org.children.filter(active=True, name__contains="司法").order_by("code").first()
    return justice or org


def default_filing_authority(org: Organisation) -> Organisation | None:
    """A department files with its own government; a government with the government above (outside the platform when
    that level is not kept here: the name is entered instead)."""
    if org.kind == OrgKind.GOVERNMENT:
        return _government_of(org.parent) if org.parent_id else None
    return _government_of(org)


def _add_version(doc: Document, body: str, *, label: str = "", effective_from=None, note: str = "") -> Version:
    body = validate.text(body, "正文", max_length=200_000)
    articles = texts.parse_articles(body)
    seq = (doc.versions.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
    v = Version.objects.create(document=doc, seq=seq, label=(label or f"第{seq}稿")[:100], text=body, effective_from=effective_from,
                               note=note[:300], sha256=hashlib.sha256(body.encode()).hexdigest())
    Article.objects.bulk_create([Article(version=v, position=i, number=a.number, suffix=a.suffix, label=a.label,
                                         text=a.text) for i, a in enumerate(articles, 1)])
    _cite_laws(v, body)
    return v


def _cite_laws(version: Version, body: str):
    """Resolve the laws the text cites (those the library holds) so the law watch can flag them."""
    from fazhi.laws.models import Law

    rows, seen = [], set()
    for title, number, suffix in texts.law_citations(body):
        law = Law.objects.named(title).first()
        if law is None or (law.pk, number, suffix) in seen:
            continue
        seen.add((law.pk, number, suffix))
        rows.append(LawCitation(version=version, law=law, number=number, suffix=suffix,
                                citation=f"《{law.short_title}》第{texts.to_chinese(number)}条"
                                         + (f"之{texts.to_chinese(suffix)}" if suffix else "")))
    LawCitation.objects.bulk_create(rows)


def _validity(valid_until, start: dt.date, title: str, label: str = "有效期至") -> dt.date:
    valid_until = validate.date(valid_until, label, future=True, after=[(start, "施行日期")])
    years = PROVISIONAL_YEARS if ("暂行" in title or "试行" in title) else MAX_YEARS
    limit = _add_years(start, years) - dt.timedelta(days=1)
    if valid_until > limit:
        kind = "标注“暂行”“试行”的文件" if years == PROVISIONAL_YEARS else "规范性文件"
        raise ActionError(f"{kind}有效期不超过{texts.to_chinese(years)}年：自 {start:%Y-%m-%d} 施行的，"
                          f"{label}不能晚于 {limit:%Y-%m-%d}。")
    return valid_until


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _start_validity(doc: Document, actor):
    start = doc.effective_from or doc.published_on
    if doc.valid_until and start:
        _start(doc, RULE_VALIDITY, start, actor, f"《{doc.title}》有效期届满",
               length=(doc.valid_until - start).days)


# --- drafting --------------------------------------------------------------------------------------------------

@transaction.atomic
def create_draft(*, actor, organisation, title, drafted_on, text, drafter="", affects_rights=True,
                 reviewer=None, filing_authority=None) -> Document:
    if organisation is None:
        raise ActionError("请选择制定机关。")
    require(may_draft(actor, organisation), f"您没有起草“{organisation.name}”规范性文件的权限。")
    title = validate.text(title, "文件名称", max_length=300)
    drafted_on = validate.date(drafted_on, "起草日期")
    doc = Document.objects.create(
        organisation=organisation, title=title, drafter=validate.text(drafter, "起草单位", required=False,
                                                                      max_length=200),
        affects_rights=bool(affects_rights), drafted_on=drafted_on,
        reviewer=reviewer or default_reviewer(organisation),
        filing_authority=filing_authority if filing_authority is not None else default_filing_authority(organisation),
        files_with_congress=organisation.kind == OrgKind.GOVERNMENT)
    _add_version(doc, text, label="起草稿", note="起草")
    audit.record(actor=actor, obj=doc, action=AuditAction.CREATE, verb="起草规范性文件",
                 after=audit.snapshot(doc, ["title", "drafter", "affects_rights", "drafted_on"])
                 | {"reviewer": doc.reviewer.name})
    return doc


@transaction.atomic
def revise_draft(doc: Document, *, actor, text, note="") -> Version:
    doc = _lock(doc)
    DOCUMENT.check(doc, "text", actor)
    note = validate.text(note, "修改说明", required=False, max_length=200)
    if doc.status == Status.REVIEWED:
        note = "按合法性审核意见修改" + (f"：{note}" if note else "")
    current = doc.current_version()
    if current is not None and current.text.strip() == validate.text(text, "正文", max_length=200_000):
        raise ActionError("文本没有变化。")
    v = _add_version(doc, text, note=note or "修改")
    audit.record(actor=actor, obj=doc, verb="修改文本", after={"version": v.seq, "sha256": v.sha256}, reason=note)
    return v


@transaction.atomic
def open_consultation(doc: Document, *, actor, on) -> Document:
    doc = _lock(doc)
    DOCUMENT.check(doc, "consult", actor)
    on = validate.date(on, "开始日期", after=[(doc.drafted_on, "起草日期")])
    d = _start(doc, RULE_CONSULTATION, on, actor, f"《{doc.title}》公开征求意见")
    doc.consultation_start = on
    doc.consultation_end = d.due if d else on + dt.timedelta(days=30)
    DOCUMENT.move(doc, "consult")
    doc.save()
    audit.record(actor=actor, obj=doc, action=AuditAction.TRANSITION, verb="公开征求意见",
                 after={"consultation_start": on, "consultation_end": doc.consultation_end})
    return doc


@transaction.atomic
def close_consultation(doc: Document, *, actor, on, summary) -> Document:
    doc = _lock(doc)
    DOCUMENT.check(doc, "close_consultation", actor)
    on = validate.date(on, "结束日期", after=[(doc.consultation_end + dt.timedelta(days=1), "征求意见截止日次日")])
    doc.consultation_summary = validate.text(summary, "意见采纳情况说明", max_length=5000)
    doc.consultation_closed_on = on
    _complete(doc, RULE_CONSULTATION, doc.consultation_end, actor)
    DOCUMENT.move(doc, "close_consultation")
    doc.save()
    audit.record(actor=actor, obj=doc, action=AuditAction.TRANSITION, verb="结束征求意见",
                 after={"consultation_closed_on": on, "comments": doc.comments.count()},
                 reason=doc.consultation_summary)
    return doc


@transaction.atomic
def submit_for_review(doc: Document, *, actor, on) -> Document:
    doc = _lock(doc)
    DOCUMENT.check(doc, "submit_review", actor)
    on = validate.date(on, "送审日期", after=[(doc.consultation_closed_on or doc.drafted_on, "起草或征求意见结束日期")])
    d = _start(doc, RULE_REVIEW, on, actor, f"《{doc.title}》合法性审核")
    doc.review_submitted_on, doc.review_due = on, d.due if d else None
    doc.reviewed_on, doc.review_opinion, doc.review_note = None, "", ""
    DOCUMENT.move(doc, "submit_review")
    doc.save()
    audit.record(actor=actor, obj=doc, action=AuditAction.TRANSITION, verb="送合法性审核",
                 after={"review_submitted_on": on, "review_due": doc.review_due, "reviewer": doc.reviewer.name})
    return doc


@transaction.atomic
def record_review(doc: Document, *, actor, on, opinion, note) -> Document:
    """国办发〔2018〕115号: the opinion is given no sooner than 5 and no later than 15 working days after the
    materials arrive (a late opinion is still recorded, and counts as late)."""
    from fazhi.rules.engine import compute_due

    doc = _lock(doc)
    DOCUMENT.check(doc, "review", actor)
    opinion = validate.choice(opinion, ReviewOpinion, "审核意见")
    note = validate.text(note, "审核意见书要点", max_length=5000)
    on = validate.date(on, "审核日期", after=[(doc.review_submitted_on, "送审日期")])
    if _rule_applies(RULE_REVIEW_MIN, doc.review_submitted_on):
        earliest = compute_due(RULE_REVIEW_MIN, doc.review_submitted_on, with_text=False).due
        if on < earliest:
            raise ActionError(f"合法性审核时间一般不少于5个工作日（国办发〔2018〕115号）：{doc.review_submitted_on:%Y-%m-%d}"
                              f" 送审的，{earliest:%Y-%m-%d} 起才能出具审核意见。")
    doc.reviewed_on, doc.review_opinion, doc.review_note = on, opinion, note
    doc.status = Status.DRAFT if opinion == ReviewOpinion.UNLAWFUL else Status.REVIEWED
    _complete(doc, RULE_REVIEW, on, actor)
    doc.save()
    audit.record(actor=actor, obj=doc, action=AuditAction.TRANSITION, verb="出具合法性审核意见",
                 after={"reviewed_on": on, "review_opinion": opinion, "on_time": doc.review_due is None
                        or on <= doc.review_due}, reason=note)
    return doc


@transaction.atomic
def deliberate(doc: Document, *, actor, on, meeting) -> Document:
    doc = _lock(doc)
    DOCUMENT.check(doc, "deliberate", actor)
    doc.deliberated_on = validate.date(on, "审议日期", after=[(doc.reviewed_on, "审核日期")])
    doc.deliberation_meeting = validate.text(meeting, "审议会议", max_length=200)
    DOCUMENT.move(doc, "deliberate")
    doc.save()
    audit.record(actor=actor, obj=doc, action=AuditAction.TRANSITION, verb="集体审议",
                 after={"deliberated_on": doc.deliberated_on, "meeting": doc.deliberation_meeting})
    return doc


def _number(doc: Document, year: int) -> tuple[int, str]:
    org = doc.organisation
    seq = next_number(Document.objects.filter(organisation=org, year=year), lock=org)
    prefix = (org.short_name or org.name).replace("人民政府", "政府")
    return seq, f"{prefix}规〔{year}〕{seq}号"


@transaction.atomic
def register(doc: Document, *, actor, on) -> Document:
    """统一登记、统一编号: the document gets its number in the maker's series for the year."""
    doc = _lock(doc)
    DOCUMENT.check(doc, "register", actor)
    on = validate.date(on, "登记日期", after=[(doc.deliberated_on, "审议日期")])
    doc.year = on.year
    doc.seq, doc.number = _number(doc, on.year)
    doc.registered_on = on
    DOCUMENT.move(doc, "register")
    doc.save()
    audit.record(actor=actor, obj=doc, action=AuditAction.TRANSITION, verb="统一登记编号",
                 after={"number": doc.number, "registered_on": on})
    return doc


def _start_filing(doc: Document, actor):
    d = _start(doc, RULE_FILING, doc.published_on, actor, f"《{doc.title}》报送备案")
    doc.filing_due = d.due if d else None
    if doc.files_with_congress:
        _start(doc, RULE_CONGRESS, doc.published_on, actor, f"《{doc.title}》报本级人大常委会备案")


@transaction.atomic
def publish(doc: Document, *, actor, on, medium, valid_until, effective_from=None) -> Document:
    doc = _lock(doc)
    DOCUMENT.check(doc, "publish", actor)
    on = validate.date(on, "公布日期", after=[(doc.registered_on, "登记日期")])
    effective_from = validate.date(effective_from, "施行日期", required=False, future=True,
                                   after=[(on, "公布日期")]) or on
    doc.valid_until = _validity(valid_until, effective_from, doc.title)
    doc.published_on, doc.effective_from = on, effective_from
    doc.publication_medium = validate.text(medium, "公布载体", max_length=200)
    current = doc.current_version()
    v = _add_version(doc, current.text, label="公布文本", effective_from=effective_from, note="公布")
    DOCUMENT.move(doc, "publish")
    _start_filing(doc, actor)
    _start_validity(doc, actor)
    doc.save()
    audit.record(actor=actor, obj=doc, action=AuditAction.TRANSITION, verb="公布规范性文件",
                 after={"published_on": on, "effective_from": effective_from, "valid_until": doc.valid_until,
                        "medium": doc.publication_medium, "filing_due": doc.filing_due, "sha256": v.sha256})
    return doc


# --- after publication -----------------------------------------------------------------------------------------

@transaction.atomic
def file(doc: Document, *, actor, on, congress_on=None) -> Document:
    doc = _lock(doc)
    DOCUMENT.check(doc, "file", actor)
    doc.filed_on = validate.date(on, "报送备案日期", after=[(doc.published_on, "公布日期")])
    if congress_on:
        doc.congress_filed_on = validate.date(congress_on, "报人大常委会备案日期", after=[(doc.published_on, "公布日期")])
        _complete(doc, RULE_CONGRESS, doc.congress_filed_on, actor)
    elif doc.files_with_congress and doc.congress_filed_on is None:
        raise ActionError("人民政府制定的规范性文件应当同时报本级人大常委会备案，请填写报送日期。")
    _complete(doc, RULE_FILING, doc.filed_on, actor)
    doc.save()
    audit.record(actor=actor, obj=doc, verb="报送备案", after={
        "filed_on": doc.filed_on, "congress_filed_on": doc.congress_filed_on,
        "on_time": doc.filing_due is None or doc.filed_on <= doc.filing_due,
        "filing_authority": doc.filing_authority.name if doc.filing_authority_id else doc.filing_authority_name})
    return doc


@transaction.atomic
def record_filing_review(doc: Document, *, actor, on, outcome, note="") -> Document:
    doc = _lock(doc)
    DOCUMENT.check(doc, "filing_review", actor)
    outcome = validate.choice(outcome, FilingOutcome, "备案审查结论")
    note = validate.text(note, "审查意见", required=outcome != FilingOutcome.NO_OBJECTION, max_length=5000)
    doc.filing_outcome_on = validate.date(on, "结论日期", after=[(doc.filed_on, "报送备案日期")])
    doc.filing_outcome, doc.filing_outcome_note = outcome, note
    if outcome in CORRECTIVE:
        doc.correction_required = f"备案审查：{FilingOutcome(outcome).label}"
    doc.save()
    audit.record(actor=actor, obj=doc, verb="备案审查结论", after={"filing_outcome": outcome,
                                                              "on": doc.filing_outcome_on}, reason=note)
    return doc


@transaction.atomic
def amend(doc: Document, *, actor, on, text, note, effective_from=None) -> Version:
    """A revision published as a new text; citations on a date after it resolve to it. It settles a correction
    asked for by a filing review, an incidental review or a clean-up."""
    doc = _lock(doc)
    DOCUMENT.check(doc, "amend", actor)
    on = validate.date(on, "公布日期", after=[(doc.published_on, "原文件公布日期")])
    effective_from = validate.date(effective_from, "施行日期", required=False, future=True,
                                   after=[(on, "公布日期")]) or on
    note = validate.text(note, "修改说明", max_length=280)
    if doc.valid_until and effective_from > doc.valid_until:
        raise ActionError(f"修改后的施行日期晚于文件有效期（{doc.valid_until:%Y-%m-%d}），请先延续有效期。")
    v = _add_version(doc, text, label=f"{on:%Y年%m月%d日}修改", effective_from=effective_from, note=note)
    before = doc.correction_required
    doc.correction_required = ""
    doc.save()
    audit.record(actor=actor, obj=doc, verb="公布修改后的文本", after={"version": v.seq, "effective_from":
                                                                effective_from, "sha256": v.sha256,
                                                                "settled": before}, reason=note)
    return v


@transaction.atomic
def renew(doc: Document, *, actor, on, valid_until, reason) -> Document:
    doc = _lock(doc)
    DOCUMENT.check(doc, "renew", actor)
    on = validate.date(on, "决定日期", after=[(doc.published_on, "公布日期")])
    if on > doc.valid_until:
        raise ActionError(f"有效期已于 {doc.valid_until:%Y-%m-%d} 届满，届满后不能延续，应重新制定。")
    start = doc.valid_until + dt.timedelta(days=1)
    before = doc.valid_until
    doc.valid_until = _validity(valid_until, start, doc.title, "延续至")
    reason = validate.text(reason, "评估意见", max_length=2000)
    _cancel(doc, RULE_VALIDITY, actor, "有效期已延续")
    _start(doc, RULE_VALIDITY, doc.effective_from or doc.published_on, actor, f"《{doc.title}》有效期届满",
           length=(doc.valid_until - (doc.effective_from or doc.published_on)).days)
    doc.save()
    audit.record(actor=actor, obj=doc, verb="延续有效期", before={"valid_until": before},
                 after={"valid_until": doc.valid_until}, reason=reason)
    return doc


def _end(doc: Document, *, actor, on: dt.date, kind: str, reason: str, verb: str):
    doc.ended_on, doc.end_kind, doc.end_reason = on, kind, reason
    doc.status = Status.ABOLISHED if kind == EndKind.ABOLISHED else Status.EXPIRED
    doc.correction_required = ""
    _cancel(doc, RULE_VALIDITY, actor, verb)
    doc.save()
    audit.record(actor=actor, obj=doc, action=AuditAction.TRANSITION, verb=verb,
                 after={"ended_on": on, "end_kind": kind}, reason=reason)


@transaction.atomic
def end(doc: Document, *, actor, on, kind, reason) -> Document:
    doc = _lock(doc)
    DOCUMENT.check(doc, "end", actor)
    kind = validate.choice(kind, EndKind, "失效方式")
    if kind == EndKind.LAPSED:
        raise ActionError("有效期届满失效由系统在届满次日自动登记。")
    on = validate.date(on, "失效日期", future=True, after=[(doc.published_on, "公布日期")])
    _end(doc, actor=actor, on=on, kind=kind, reason=validate.text(reason, "理由", max_length=2000),
         verb=f"规范性文件{EndKind(kind).label}")
    return doc


@transaction.atomic
def lapse(doc: Document, *, actor) -> Document:
    """The day after its validity ends a document lapses (the `fazhi tick` job); the catalogue already leaves it
    out from that day, whether or not the job has run."""
    doc = _lock(doc)
    DOCUMENT.check(doc, "lapse", actor)
    day = doc.valid_until + dt.timedelta(days=1)
    _complete(doc, RULE_VALIDITY, doc.valid_until, actor)
    _end(doc, actor=actor, on=day, kind=EndKind.LAPSED, reason=f"有效期至 {doc.valid_until:%Y-%m-%d} 届满",
         verb="有效期届满失效")
    return doc


@transaction.atomic
def withdraw(doc: Document, *, actor, on, reason) -> Document:
    doc = _lock(doc)
    DOCUMENT.check(doc, "withdraw", actor)
    on = validate.date(on, "日期", after=[(doc.drafted_on, "起草日期")])
    reason = validate.text(reason, "理由", max_length=2000)
    for rule in (RULE_CONSULTATION, RULE_REVIEW):
        _cancel(doc, rule, actor, "终止制定")
    DOCUMENT.move(doc, "withdraw")
    doc.save()
    audit.record(actor=actor, obj=doc, action=AuditAction.TRANSITION, verb="终止制定", after={"on": on},
                 reason=reason)
    return doc


# --- public comments -------------------------------------------------------------------------------------------

COMMENTS_PER_HOUR = 5


@transaction.atomic
def submit_comment(doc: Document, *, body, name="", contact="", client="") -> Comment:
    """A comment from the portal (no account). Accepted while the consultation is open; at most
    COMMENTS_PER_HOUR per client per hour; it waits for moderation before anyone sees it."""
    doc = Document.objects.select_for_update().get(pk=doc.pk)
    today = clock.today()
    if doc.status != Status.CONSULTING or not (doc.consultation_start <= today <= doc.consultation_end):
        raise ActionError("该文件当前不在公开征求意见期间。")
    body = validate.text(body, "意见内容", max_length=5000)
    if len(body) < 5:
        raise ActionError("意见内容过短，请写明具体意见。")
    # Keyed with the site's secret, so the stored value cannot be turned back into an address by trying them all.
    client_hash = hmac.new(settings.SECRET_KEY.encode(), f"normdocs-comment:{client}".encode(),
                           hashlib.sha256).hexdigest() if client else ""
    if client_hash:
        since = clock.now() - dt.timedelta(hours=1)
        if Comment.objects.filter(client_hash=client_hash, submitted_at__gte=since).count() >= COMMENTS_PER_HOUR:
            raise ActionError("提交过于频繁，请一小时后再试。")
    c = Comment.objects.create(document=doc, body=body, name=validate.text(name, "姓名", required=False,
                                                                           max_length=100),
                               contact=validate.text(contact, "联系方式", required=False, max_length=100),
                               received_on=today, via_portal=True, client_hash=client_hash)
    audit.record(actor=None, obj=c, organisation=doc.organisation, action=AuditAction.CREATE,
                 verb="收到公开征求意见", after={"document": doc.title, "length": len(body)})
    return c


@transaction.atomic
def moderate(comment: Comment, *, actor, approve, note="") -> Comment:
    comment = Comment.objects.select_for_update().select_related("document__organisation").get(pk=comment.pk)
    COMMENT.check(comment, "moderate", actor)
    approve = approve in (True, "yes", "1", "true")
    note = validate.text(note, "说明", required=not approve, max_length=300)
    comment.status = CommentStatus.APPROVED if approve else CommentStatus.REJECTED
    comment.moderation_note = note
    comment.save()
    audit.record(actor=actor, obj=comment, organisation=comment.document.organisation,
                 action=AuditAction.TRANSITION, verb="审核征求意见", after={"status": comment.status}, reason=note)
    return comment


@transaction.atomic
def handle(comment: Comment, *, actor, on, handling, note="") -> Comment:
    comment = Comment.objects.select_for_update().select_related("document__organisation").get(pk=comment.pk)
    COMMENT.check(comment, "handle", actor)
    handling = validate.choice(handling, Handling, "处理情况")
    comment.handling_note = validate.text(note, "理由", required=handling != Handling.ADOPTED, max_length=2000)
    comment.handled_on = validate.date(on, "处理日期", after=[(comment.received_on, "收到日期")])
    comment.handling = handling
    comment.save()
    audit.record(actor=actor, obj=comment, organisation=comment.document.organisation, verb="登记意见处理情况",
                 after={"handling": handling}, reason=comment.handling_note)
    return comment
