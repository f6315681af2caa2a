"""Clean-up campaigns (全面清理, 专项清理): the documents in scope, each with an outcome and a reason; concluding the
campaign publishes the list and applies the outcomes (废止 and 宣布失效 end the document on the publication date;
修改 marks it for revision until its amended text is published)."""

from __future__ import annotations

from django.db import transaction

from fazhi.core import audit, clock, validate
from fazhi.core.choices import AuditAction
from fazhi.core.permissions import ActionError, require
from fazhi.normdocs.actions import _end, _lock
from fazhi.normdocs.choices import CampaignKind, EndKind, Outcome
from fazhi.normdocs.models import Campaign, Document, Entry
from fazhi.normdocs.permissions import may_draft, may_run_campaign
from fazhi.normdocs.workflow import CAMPAIGN

END_KIND = {Outcome.ABOLISHED: EndKind.ABOLISHED, Outcome.DECLARED_INVALID: EndKind.DECLARED_INVALID}


@transaction.atomic
def create_campaign(*, actor, organisation, title, kind, started_on, topic="") -> Campaign:
    if organisation is None:
        raise ActionError("请选择组织清理的机关。")
    require(may_draft(actor, organisation), f"您没有组织“{organisation.name}”规范性文件清理的权限。")
    kind = validate.choice(kind, CampaignKind, "清理类型")
    topic = validate.text(topic, "清理主题", required=kind == CampaignKind.SPECIAL, max_length=200)
    c = Campaign.objects.create(organisation=organisation, title=validate.text(title, "清理名称", max_length=200),
                                kind=kind, topic=topic, started_on=validate.date(started_on, "开始日期"))
    audit.record(actor=actor, obj=c, action=AuditAction.CREATE, verb="开展规范性文件清理",
                 after=audit.snapshot(c, ["title", "kind", "topic", "started_on"]))
    return c


def _lock_campaign(campaign: Campaign, step: str, actor) -> Campaign:
    campaign = Campaign.objects.select_for_update().select_related("organisation").get(pk=campaign.pk)
    CAMPAIGN.check(campaign, step, actor)
    return campaign


@transaction.atomic
def add_to_campaign(campaign: Campaign, *, actor, keyword="", documents=None) -> int:
    """Bring documents into scope: the given ones, or every document in force on the start date issued by the
    organising body and those below it (whose title contains `keyword` for a 专项清理). Returns how many were added."""
    campaign = _lock_campaign(campaign, "add", actor)
    if documents is None:
        documents = Document.objects.in_subtree(campaign.organisation).in_force_on(campaign.started_on)
        keyword = validate.text(keyword, "文件名称包含", required=False, max_length=100)
        if keyword:
            documents = documents.filter(title__contains=keyword)
    else:
        outside = [d for d in documents if not d.organisation.path.startswith(campaign.organisation.path)]
        if outside:
            raise ActionError(f"《{outside[0].title}》不是本机关或下级机关制定的文件，不能纳入本次清理。")
    already = set(campaign.entries.values_list("document_id", flat=True))
    rows = [Entry(campaign=campaign, document=d) for d in documents if d.pk not in already]
    Entry.objects.bulk_create(rows, batch_size=1000)
    audit.record(actor=actor, obj=campaign, verb="纳入清理范围", after={"added": len(rows), "keyword": keyword})
    return len(rows)


@transaction.atomic
def decide(entry: Entry, *, actor, outcome, reason="", on=None) -> Entry:
    entry = Entry.objects.select_for_update().select_related("campaign__organisation", "document").get(pk=entry.pk)
    _lock_campaign(entry.campaign, "decide", actor)
    outcome = validate.choice(outcome, Outcome, "清理结论")
    entry.reason = validate.text(reason, "理由", required=outcome != Outcome.KEPT, max_length=500)
    entry.decided_on = validate.date(on or clock.today(), "决定日期", after=[(entry.campaign.started_on, "开始日期")])
    entry.outcome = outcome
    entry.save()
    audit.record(actor=actor, obj=entry.campaign, verb="登记清理结论",
                 after={"document": entry.document.title, "outcome": outcome}, reason=entry.reason)
    return entry


@transaction.atomic
def conclude_campaign(campaign: Campaign, *, actor, on) -> Campaign:
    campaign = _lock_campaign(campaign, "conclude", actor)
    on = validate.date(on, "公布日期", after=[(campaign.started_on, "开始日期")])
    counts = dict.fromkeys(Outcome.values, 0)
    with audit.one_head_write():  # one event per document ended
        for entry in campaign.entries.select_related("document"):
            counts[entry.outcome] += 1
            doc = entry.document
            if entry.outcome in END_KIND and doc.ended_on is None:
                doc = _lock(doc)
                _end(doc, actor=actor, on=on, kind=END_KIND[entry.outcome],
                     reason=f"{campaign.title}：{entry.reason}", verb=f"清理后{Outcome(entry.outcome).label}")
            elif entry.outcome == Outcome.REVISED:
                Document.objects.filter(pk=doc.pk).update(correction_required=f"{campaign.title}：修改")
    CAMPAIGN.move(campaign, "conclude")
    campaign.concluded_on = on
    campaign.save()
    audit.record(actor=actor, obj=campaign, action=AuditAction.TRANSITION, verb="完成清理并公布",
                 after={"concluded_on": on, **{Outcome(k).label: v for k, v in counts.items()}})
    return campaign


def may_create(user) -> bool:
    from fazhi.core.models import Membership
    from fazhi.normdocs.permissions import MAKER_ROLES

    return user.is_superuser or Membership.objects.filter(user=user, role__in=MAKER_ROLES).exists()


__all__ = ["add_to_campaign", "conclude_campaign", "create_campaign", "decide", "may_create", "may_run_campaign"]
