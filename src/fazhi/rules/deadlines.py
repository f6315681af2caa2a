"""The deadline engine's public interface: start, pause, resume, extend, complete and cancel deadlines of any case.

Every function is an action (one transaction, permission check, audit event). The due date always comes from
`engine.compute_due` over the rule version in force on the start date, the case's pauses and its extension.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from fazhi.core import audit
from fazhi.core.choices import AuditAction
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError, require
from fazhi.core.workflow import SYSTEM
from fazhi.rules import engine
from fazhi.rules.choices import DeadlineStatus
from fazhi.rules.engine import DeadlineResult, Pause, UnknownRule, compute_due
from fazhi.rules.models import Deadline, DeadlinePause
from fazhi.rules.overrides import as_engine_override, override_for

__all__ = [
    "DeadlineResult", "UnknownRule", "cancel_deadline", "complete_deadline", "compute_due", "deadlines_for",
    "extend_deadline", "pause_deadline", "recompute_deadline", "resume_deadline", "start_deadline",
]

TRACKED = ["due", "provisional", "status", "completed_on", "extended", "paused", "rule_version"]


def may_keep_deadlines(actor, organisation: Organisation) -> bool:
    """System jobs (the SYSTEM actor, or None from the recomputation jobs) and anyone who sees the organisation may
    keep its case deadlines."""
    if actor is None or actor is SYSTEM or getattr(actor, "is_superuser", False):
        return True
    return Organisation.objects.visible_to(actor).filter(pk=organisation.pk).exists()


def _date(value, what: str) -> dt.date:
    return engine._parse_date(value, what)


def _name(person) -> str:
    if person is None:
        return ""
    if isinstance(person, str):
        return person.strip()
    return (person.get_full_name() or person.get_username()).strip()


def _compute(deadline: Deadline, *, override=None) -> DeadlineResult:
    pauses = [Pause(p.start, p.end, p.kind) for p in deadline.pauses.all()] if deadline.pk else []
    if override is None and deadline.override_id:
        override = as_engine_override(deadline.override)
    extended = (deadline.extension_length or True) if deadline.extended else False
    return compute_due(deadline.rule_id, deadline.start, pauses=pauses, extended=extended,
                       override=override, with_text=False, length=deadline.set_length)


def _apply(deadline: Deadline, result: DeadlineResult) -> None:
    if result.due != deadline.due and deadline.due is not None:
        deadline.previous_due = deadline.due
    deadline.due = result.due
    deadline.provisional = result.provisional
    deadline.paused = result.paused
    deadline.rule_version = result.rule.key
    deadline.explanation = result.explanation
    deadline.citation = result.citation


def _lock(deadline: Deadline) -> Deadline:
    return Deadline.objects.select_for_update(of=("self",)).select_related("organisation", "override__region") \
        .get(pk=deadline.pk)


def _require_open(deadline: Deadline):
    if deadline.status != DeadlineStatus.OPEN:
        raise ActionError(f"该期限已{deadline.get_status_display()}，不能再变更。")


@transaction.atomic
def start_deadline(subject, rule_id: str, start, *, actor, organisation: Organisation, label: str = "",
                   length: int | None = None) -> Deadline:
    """Attach a new deadline to `subject` (any saved model instance), computed from the rule in force on `start`.
    `length` only for a rule whose length the deciding body sets (length_set_by)."""
    require(may_keep_deadlines(actor, organisation), "您没有为该机构的案件设置期限的权限。")
    if subject is None or getattr(subject, "pk", None) is None:
        raise ActionError("期限必须关联到已保存的案件。")
    start = _date(start, "起算日")
    rule = engine.get_rule(rule_id)
    o = override_for(rule_id, organisation)
    deadline = Deadline(content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk),
                        organisation=organisation, rule_id=rule_id, override=o, start=start,
                        label=(label or rule.title)[:200], set_length=length)
    _apply(deadline, compute_due(rule_id, start, override=as_engine_override(o), with_text=False, length=length))
    deadline.previous_due = None
    deadline.save()
    audit.record(actor=actor, obj=deadline, action=AuditAction.CREATE, verb="设置法定期限",
                 after=audit.snapshot(deadline, ["rule_id", "label", "start", "due", "provisional", "citation"]))
    return deadline


def _record_change(deadline: Deadline, before: dict, *, actor, verb: str, reason: str = ""):
    b, a = audit.diff(before, audit.snapshot(deadline, TRACKED))
    audit.record(actor=actor, obj=deadline, action=AuditAction.UPDATE, verb=verb, before=b, after=a, reason=reason)


@transaction.atomic
def pause_deadline(deadline: Deadline, *, start, kind: str = "补正", reason: str = "", actor) -> Deadline:
    """Stop the clock from `start` (补正, 征求第三方意见, 中止) until `resume_deadline`."""
    deadline = _lock(deadline)
    require(may_keep_deadlines(actor, deadline.organisation), "您没有变更该期限的权限。")
    _require_open(deadline)
    start = _date(start, "暂停开始日")
    if deadline.pauses.filter(end__isnull=True).exists():
        raise ActionError("该期限已在暂停中，请先恢复计时。")
    version = engine.get_rule(deadline.rule_id).version_on(deadline.start)
    if version.pause_rule(kind) is None:
        allowed = "、".join(p.kind for p in version.pauses) or "无"
        raise ActionError(f"“{version.title}”不适用“{kind}”期间的扣除（本规则可扣除：{allowed}）。")
    if start < deadline.start:
        raise ActionError(f"暂停开始日 {start:%Y-%m-%d} 早于起算日 {deadline.start:%Y-%m-%d}。")
    last = deadline.pauses.order_by("-end").first()
    if last is not None and last.end and start < last.end:
        raise ActionError(f"暂停开始日不能早于上一次暂停的结束日 {last.end:%Y-%m-%d}。")
    before = audit.snapshot(deadline, TRACKED)
    DeadlinePause.objects.create(deadline=deadline, kind=kind, start=start, reason=reason)
    deadline.has_pauses = True
    _apply(deadline, _compute(deadline))
    deadline.save()
    _record_change(deadline, before, actor=actor, verb=f"暂停计时（{kind}）", reason=reason)
    return deadline


@transaction.atomic
def resume_deadline(deadline: Deadline, *, on, actor) -> Deadline:
    """Close the open pause on `on` and recompute the due date."""
    deadline = _lock(deadline)
    require(may_keep_deadlines(actor, deadline.organisation), "您没有变更该期限的权限。")
    _require_open(deadline)
    on = _date(on, "恢复计时日")
    pause = deadline.pauses.filter(end__isnull=True).first()
    if pause is None:
        raise ActionError("该期限没有处于暂停中的计时。")
    if on < pause.start:
        raise ActionError(f"恢复日 {on:%Y-%m-%d} 早于暂停开始日 {pause.start:%Y-%m-%d}。")
    before = audit.snapshot(deadline, TRACKED)
    pause.end = on
    pause.save(update_fields=["end"])
    _apply(deadline, _compute(deadline))
    deadline.save()
    _record_change(deadline, before, actor=actor, verb=f"恢复计时（{pause.kind}）")
    return deadline


@transaction.atomic
def extend_deadline(deadline: Deadline, *, approver, on, actor, reason: str = "", length: int | None = None) -> Deadline:
    """Apply the rule's extension, approved by `approver` (a user or a name) on `on`, before the period ends; `length`
    when shorter than the longest the rule allows."""
    deadline = _lock(deadline)
    require(may_keep_deadlines(actor, deadline.organisation), "您没有变更该期限的权限。")
    _require_open(deadline)
    version = engine.get_rule(deadline.rule_id).version_on(deadline.start)
    if version.extension is None:
        raise ActionError(f"“{version.title}”没有延长期限的规定。")
    if deadline.extended:
        raise ActionError("该期限已经延长过，不能再次延长。")
    name = _name(approver)
    if not name:
        raise ActionError(f"延长期限须经{version.extension.approver}批准，请填写批准人。")
    on = _date(on, "批准日")
    if on > deadline.due:
        raise ActionError(f"期限已于 {deadline.due:%Y-%m-%d} 届满，不能在届满后延长。")
    if length is not None and not (isinstance(length, int) and 1 <= length <= version.extension.length):
        raise ActionError(f"延长期限最多不得超过{version.extension.length}{engine.UNITS[version.extension.unit]}。")
    before = audit.snapshot(deadline, TRACKED)
    deadline.extended = True
    deadline.extension_approver = name
    deadline.extension_length = length
    _apply(deadline, _compute(deadline))
    deadline.save()
    _record_change(deadline, before, actor=actor, verb="延长期限",
                   reason=f"{version.extension.approver}{name}于 {on:%Y-%m-%d} 批准" + (f"：{reason}" if reason else ""))
    return deadline


@transaction.atomic
def complete_deadline(deadline: Deadline, *, on, actor) -> Deadline:
    """Mark the period's act done on `on`: met when on or before the due date, else missed."""
    deadline = _lock(deadline)
    require(may_keep_deadlines(actor, deadline.organisation), "您没有变更该期限的权限。")
    _require_open(deadline)
    on = _date(on, "完成日")
    if on < deadline.start:
        raise ActionError(f"完成日 {on:%Y-%m-%d} 早于起算日 {deadline.start:%Y-%m-%d}。")
    before = audit.snapshot(deadline, TRACKED)
    open_pause = deadline.pauses.filter(end__isnull=True).first()
    if open_pause is not None:
        open_pause.end = max(on, open_pause.start)
        open_pause.save(update_fields=["end"])
        _apply(deadline, _compute(deadline))
    deadline.completed_on = on
    deadline.status = DeadlineStatus.MET if on <= deadline.due else DeadlineStatus.MISSED
    deadline.save()
    _record_change(deadline, before, actor=actor, verb="期限事项完成")
    return deadline


@transaction.atomic
def cancel_deadline(deadline: Deadline, *, actor, reason: str = "") -> Deadline:
    deadline = _lock(deadline)
    require(may_keep_deadlines(actor, deadline.organisation), "您没有变更该期限的权限。")
    _require_open(deadline)
    before = audit.snapshot(deadline, TRACKED)
    deadline.status = DeadlineStatus.CANCELLED
    deadline.save()
    _record_change(deadline, before, actor=actor, verb="撤销期限", reason=reason)
    return deadline


@transaction.atomic
def recompute_deadline(deadline: Deadline, *, actor=None, reason: str = "", refresh_override: bool = False,
                       record: bool = True) -> bool:
    """Recompute one open deadline (after a schedule or rule change); True when something changed."""
    deadline = _lock(deadline)
    if deadline.status != DeadlineStatus.OPEN:
        return False
    before = audit.snapshot(deadline, TRACKED)
    old = (deadline.due, deadline.provisional, deadline.rule_version, deadline.override_id)
    if refresh_override:
        deadline.override = override_for(deadline.rule_id, deadline.organisation)
    _apply(deadline, _compute(deadline))
    if (deadline.due, deadline.provisional, deadline.rule_version, deadline.override_id) == old:
        return False
    deadline.save()
    if record:
        _record_change(deadline, before, actor=actor, verb="重新计算期限", reason=reason)
    return True


def deadlines_for(subject):
    """Every deadline of a case, earliest due first."""
    return Deadline.objects.for_subject(subject).order_by("due", "id")
