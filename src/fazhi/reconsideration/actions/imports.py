"""Historical cases in bulk (the Excel import): finished cases written after the same checks the steps apply."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import audit, numbering
from fazhi.reconsideration.actions.common import _today, document_prefix, late_warning
from fazhi.reconsideration.choices import CaseStatus, Outcome, PartyKind, PartyRole
from fazhi.reconsideration.models import Case, Party
from fazhi.reconsideration.permissions import may_handle


def _closed_record_error(r: dict, today: dt.date) -> str:
    if r["respondent"].pk == r["organisation"].pk:
        return "被申请人不能是复议机关本身。"
    for field, label in (("received_on", "收到申请日期"), ("acceptance_on", "受理或不予受理日期"), ("closed_on", "审结日期")):
        if r.get(field) and r[field] > today:
            return f"{label}（{r[field]:%Y-%m-%d}）不能晚于今天。"
    if r.get("known_on") and r["known_on"] > r["received_on"]:
        return "知道该行政行为之日不能晚于收到申请日期。"
    if not r["parties"]:
        return "至少需要一名申请人（第十四条）。"
    if r["outcome"] and r["outcome"] not in Outcome.values:
        return f"未知的审结方式：{r['outcome']}"
    return ""


@transaction.atomic
def import_closed_cases(records: list[dict], *, actor) -> list[tuple[int, str]]:
    """Write finished historical cases (不予受理 or 审结) in bulk, after the same checks the steps apply.
    Returns (index, message) for each invalid record; nothing is written when there is any."""
    today = _today()
    errors = []
    allowed: dict[int, bool] = {}
    for i, r in enumerate(records):
        org = r["organisation"]
        if org.pk not in allowed:
            allowed[org.pk] = may_handle(actor, org)
        message = "" if allowed[org.pk] else f"您没有在“{org.name}”登记行政复议案件的权限。"
        message = message or _closed_record_error(r, today)
        if message:
            errors.append((i, message))
    if errors or not records:
        return errors
    series: dict[tuple, list] = {}
    for r in records:
        series.setdefault((r["organisation"], r["received_on"].year), []).append(r)
    numbering.lock_organisations(*{org for org, _year in series})
    numbers = {}
    for (org, year), rows in series.items():
        seqs = numbering.next_numbers(Case.objects.filter(organisation=org, year=year), lock=org, count=len(rows))
        numbers.update({id(r): s for r, s in zip(rows, seqs, strict=True)})
    prefixes = {r["organisation"].pk: document_prefix(r["organisation"]) for r in records}
    cases = []
    for r in records:
        key = (r["organisation"].pk, r["received_on"].year)
        seq = numbers[id(r)]
        rejected = r["acceptance"] == "rejected"
        cases.append(Case(
            organisation=r["organisation"], respondent=r["respondent"], year=key[1], seq=seq,
            number=f"{prefixes[key[0]]}复〔{key[1]}〕{seq}号", act_kind=r["act_kind"],
            act_description=r["act_description"], act_document_number=r["act_document_number"],
            known_on=r["known_on"], request=r["request"], received_on=r["received_on"], channel=r["channel"],
            late_warning=late_warning(r["known_on"], r["received_on"]) if r["known_on"] else "",
            status=CaseStatus.REJECTED if rejected else CaseStatus.CONCLUDED,
            procedure="" if rejected else r["procedure"],
            accepted_on=None if rejected else r["acceptance_on"], deemed_accepted=r["acceptance"] == "deemed",
            rejected_on=r["acceptance_on"] if rejected else None,
            rejection_reason=r["rejection_reason"] if rejected else "",
            outcome="" if rejected else r["outcome"], closed_on=None if rejected else r["closed_on"],
            outcome_reason="" if rejected else r["outcome_reason"], import_key=r.get("import_key", ""),
        ))
    Case.objects.bulk_create(cases, batch_size=1000)
    parties = [Party(case=c, role=p.get("role", PartyRole.APPLICANT), kind=p.get("kind", PartyKind.PERSON),
                     name=p["name"]) for c, r in zip(cases, records, strict=True) for p in r["parties"]]
    Party.objects.bulk_create(parties, batch_size=2000)
    audit.record_many(actor=actor, verb="导入历史行政复议案件", reason="Excel 导入", describe=lambda c: c.number,
                      entries=[(c, {"number": c.number, "status": c.status, "respondent": c.respondent_id,
                              "received_on": c.received_on, "accepted_on": c.accepted_on,
                              "rejected_on": c.rejected_on, "outcome": c.outcome, "closed_on": c.closed_on,
                              "applicants": [p["name"] for p in r["parties"]]})
                         for c, r in zip(cases, records, strict=True)])
    return []
