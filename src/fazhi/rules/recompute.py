"""Bulk recomputation of open deadlines after a holiday schedule or a rule changes.

Only deadlines whose window (start, due] touches the changed dates can move, so only those are read. Deadlines
without pauses depend on (rule, start, extension, override) alone: each distinct combination is computed once in
Python, written to a temporary table, and applied with one set-based UPDATE … FROM join. Deadlines with pauses
(few) are recomputed one by one. Changes are audited per deadline, or in one summary event when there are many.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.db import connection, transaction

from fazhi.calendar import workdays
from fazhi.core import audit, clock
from fazhi.core.choices import AuditAction
from fazhi.core.permissions import ActionError
from fazhi.rules import engine
from fazhi.rules.choices import DeadlineStatus
from fazhi.rules.models import Deadline, RuleOverride
from fazhi.rules.overrides import as_engine_override, override_for

PER_ROW_AUDIT_LIMIT = 500
INSERT_BATCH = 5000


@dataclass
class RecomputeReport:
    examined_groups: int = 0
    changed: int = 0
    individually: int = 0
    errors: list[str] = field(default_factory=list)
    changes: list[tuple[int, str, str]] = field(default_factory=list)  # (id, old due, new due) when few


def _window(qs, start: dt.date | None, end: dt.date | None, rule_ids):
    qs = qs.filter(status=DeadlineStatus.OPEN)
    if rule_ids:
        qs = qs.filter(rule_id__in=list(rule_ids))
    if end is not None:
        qs = qs.filter(start__lte=end)
    if start is not None:
        qs = qs.filter(due__gte=start)
    return qs


def _sql_filters(start, end, rule_ids) -> tuple[str, list]:
    where, params = ["d.status = %s", "d.has_pauses = %s"], [DeadlineStatus.OPEN, False]
    if rule_ids:
        where.append("d.rule_id IN (" + ",".join(["%s"] * len(rule_ids)) + ")")
        params += list(rule_ids)
    if end is not None:
        where.append("d.start <= %s")
        params.append(end)
    if start is not None:
        where.append("d.due >= %s")
        params.append(start)
    return " AND ".join(where), params


@transaction.atomic
def recompute(*, start: dt.date | None = None, end: dt.date | None = None, rule_ids=None, actor=None,
              reason: str = "") -> RecomputeReport:
    """Recompute the open deadlines whose window touches [start, end] (all when None), for some rules or all."""

    with workdays.pinned():
        return _recompute(start=start, end=end, rule_ids=rule_ids, actor=actor, reason=reason)


def _recompute(*, start, end, rule_ids, actor, reason) -> RecomputeReport:
    from fazhi.rules.deadlines import recompute_deadline

    rule_ids = sorted(rule_ids) if rule_ids else None
    report = RecomputeReport()
    base = _window(Deadline.objects.all(), start, end, rule_ids)

    for d in base.filter(has_pauses=True).select_related("organisation").iterator(chunk_size=500):
        report.individually += 1
        if recompute_deadline(d, actor=actor, reason=reason):
            report.changed += 1

    groups = list(base.filter(has_pauses=False).values_list("rule_id", "start", "extended", "override_id")
                  .distinct().order_by())
    report.examined_groups = len(groups)
    if not groups:
        return report
    overrides = {o.pk: as_engine_override(o) for o in RuleOverride.objects.select_related("region")
                 .filter(pk__in={g[3] for g in groups if g[3]})}
    rows = []
    for rule_id, start_day, extended, override_id in groups:
        try:
            r = engine.compute_due(rule_id, start_day, extended=extended, override=overrides.get(override_id),
                                   with_text=False)
        except ActionError as e:
            report.errors.append(f"{rule_id} {start_day}: {e.message}")
            continue
        rows.append((rule_id, start_day, bool(extended), override_id or 0, r.due, r.provisional, r.rule.key,
                     r.explanation, r.citation))
    changed_rows = _apply_rows(rows, start, end, rule_ids)
    report.changed += changed_rows["count"]
    report.changes = changed_rows["sample"]
    _audit(report, changed_rows, actor=actor, reason=reason, start=start, end=end, rule_ids=rule_ids)
    return report


def _apply_rows(rows, start, end, rule_ids) -> dict:
    vendor = connection.vendor
    table = f"fazhi_recompute_{uuid.uuid4().hex[:10]}"
    date_t, bool_t = ("date", "boolean") if vendor == "postgresql" else ("date", "integer")
    where, params = _sql_filters(start, end, rule_ids)
    join = ("d.rule_id = m.rule_id AND d.start = m.start AND d.extended = m.extended "
            "AND COALESCE(d.override_id, 0) = m.override_id")
    differs = "(d.due <> m.due OR d.provisional <> m.provisional OR d.rule_version <> m.rule_version)"
    with connection.cursor() as cur:
        cur.execute(f"CREATE TEMPORARY TABLE {table} (rule_id varchar(80), start {date_t}, extended {bool_t}, "
                    f"override_id bigint, due {date_t}, provisional {bool_t}, rule_version varchar(10), "
                    f"explanation text, citation varchar(300))")
        try:
            for i in range(0, len(rows), INSERT_BATCH):
                cur.executemany(f"INSERT INTO {table} VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                                rows[i:i + INSERT_BATCH])
            cur.execute(f"CREATE INDEX {table}_key ON {table} (rule_id, start, extended, override_id)")
            if vendor == "postgresql":
                cur.execute(f"ANALYZE {table}")
            cur.execute(f"SELECT d.id, d.due, m.due FROM rules_deadline d JOIN {table} m ON {join} "
                        f"WHERE {where} AND {differs} LIMIT {PER_ROW_AUDIT_LIMIT + 1}", params)
            sample = cur.fetchall()
            now = clock.now()
            cur.execute(
                f"UPDATE rules_deadline AS d SET "
                f"previous_due = CASE WHEN d.due <> m.due THEN d.due ELSE d.previous_due END, "
                f"due = m.due, provisional = m.provisional, rule_version = m.rule_version, "
                f"explanation = m.explanation, citation = m.citation, updated_at = %s "
                f"FROM {table} m WHERE {join} AND {where} AND {differs}",
                [now, *params])
            count = cur.rowcount
        finally:
            cur.execute(f"DROP TABLE {table}")
    return {"count": count, "sample": [(i, str(a), str(b)) for i, a, b in sample]}


def _audit(report: RecomputeReport, changed: dict, *, actor, reason, start, end, rule_ids):
    if not changed["count"]:
        return
    scope = f"{start or '—'} 至 {end or '—'}" + (f"，规则 {'、'.join(rule_ids)}" if rule_ids else "")
    if changed["count"] <= PER_ROW_AUDIT_LIMIT:
        by_id = {d.pk: d for d in Deadline.objects.filter(pk__in=[c[0] for c in changed["sample"]])
                 .select_related("organisation")}
        for pk, old, new in changed["sample"]:
            d = by_id.get(pk)
            if d is None:
                continue
            audit.record(actor=actor, obj=d, action=AuditAction.UPDATE, verb="重新计算期限",
                         before={"due": old}, after={"due": new, "provisional": d.provisional},
                         reason=reason or f"工作日历或规则变更（{scope}）")
        return
    audit.record(actor=actor, action=AuditAction.UPDATE, verb="批量重新计算期限",
                 object_type="rules.deadline", object_id="bulk", object_repr=f"{changed['count']} 项法定期限",
                 after={"changed": changed["count"], "window": scope,
                        "sample": [f"#{i}: {a} → {b}" for i, a, b in changed["sample"][:20]]},
                 reason=reason or "工作日历或规则变更")


@transaction.atomic
def reassign_overrides(rule_id: str) -> int:
    """Point each open deadline of a rule at the override now applying to its organisation; returns rows moved."""
    from fazhi.core.models import Organisation

    moved = 0
    org_ids = Deadline.objects.filter(status=DeadlineStatus.OPEN, rule_id=rule_id) \
        .values_list("organisation_id", flat=True).distinct().order_by()
    by_target: dict[int | None, list[int]] = {}
    for org in Organisation.objects.filter(pk__in=list(org_ids)).select_related("region"):
        o = override_for(rule_id, org)
        by_target.setdefault(o.pk if o else None, []).append(org.pk)
    for target, orgs in by_target.items():
        qs = Deadline.objects.filter(status=DeadlineStatus.OPEN, rule_id=rule_id, organisation_id__in=orgs)
        qs = qs.exclude(override_id=target) if target else qs.exclude(override_id__isnull=True)
        moved += qs.update(override_id=target)
    return moved


def on_schedule_changed(sender, *, start, end, actor=None, reason="", **kwargs):
    """Receiver of fazhi.calendar.signals.schedule_changed: deadlines follow the new working days."""
    recompute(start=start, end=end, actor=actor, reason=f"节假日安排变更（{start} 至 {end}）" + (f"：{reason}" if reason else ""))
