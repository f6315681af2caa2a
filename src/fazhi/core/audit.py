"""The append-only, hash-chained audit log.

Each event's hash covers its own fields and the previous event's hash, so editing or deleting any entry breaks
the chain from that entry on; the chain head row also pins the last entry, so deleting the newest one shows too.
Events are appended inside the caller's transaction: when the action fails, its event is rolled back with it.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import models, transaction

from fazhi.core import clock
from fazhi.core.choices import AuditAction
from fazhi.core.models import AuditChainHead, AuditEvent, Organisation

GENESIS = "0" * 64


def _json_default(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=str)
    return str(value)


def to_json(value):
    """Normalise a value to what a JSON column gives back, so the hash is the same before and after storage."""
    if value is None:
        return None
    return json.loads(json.dumps(value, default=_json_default, ensure_ascii=False))


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """The concrete field values of a model instance, JSON-safe, for before/after records."""
    out = {}
    for f in obj._meta.concrete_fields:
        if fields is not None and f.name not in fields:
            continue
        if f.name in ("password",):
            continue
        out[f.attname] = getattr(obj, f.attname)
    return to_json(out)


def diff(before: dict | None, after: dict | None) -> tuple[dict | None, dict | None]:
    """Only the fields that changed, on both sides."""
    if not before or not after:
        return before, after
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def _digest(fields: dict) -> str:
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _hash_fields(event: AuditEvent) -> dict:
    return {
        "seq": event.seq,
        "at": _json_default(event.at),
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "organisation": event.organisation_id,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "action": event.action,
        "verb": event.verb,
        "before": event.before,
        "after": event.after,
        "reason": event.reason,
        "prev_hash": event.prev_hash,
    }


def compute_hash(event: AuditEvent) -> str:
    return _digest(_hash_fields(event))


def _organisation_of(obj) -> Organisation | None:
    if isinstance(obj, Organisation):
        return obj
    org = getattr(obj, "organisation", None)
    return org if isinstance(org, Organisation) else None


_ONE_WRITE: ContextVar[bool] = ContextVar("fazhi_audit_one_head_write", default=False)


@contextmanager
def one_head_write():
    """Within the block, events are appended with the chain head locked once and written once, when the block ends.

    On PostgreSQL every write of the head row leaves a version that the next lock and write must step over until the
    transaction ends, so an action appending n events in one transaction (a clean-up ending thousands of documents,
    a demo module) costs n² (the demo's inspections: over half an hour for 40,000 events). Inside the block each
    event follows the last one in the table (the head is locked, so nobody else appends), which is also right after
    a savepoint rolled some back. Use it inside the transaction; outside one, or when the head does not match the
    last event (an altered chain, which `verify_chain` must still see), it changes nothing."""
    if _ONE_WRITE.get() or not transaction.get_connection().in_atomic_block:
        yield
        return
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    if (head.last_seq, head.last_hash) != (_last() or (0, GENESIS)):
        yield
        return
    token = _ONE_WRITE.set(True)
    try:
        yield
    finally:
        _ONE_WRITE.reset(token)
    seq, hash_ = _last() or (0, GENESIS)
    AuditChainHead.objects.filter(pk=1).update(last_seq=seq, last_hash=hash_)


def _last() -> tuple[int, str] | None:
    return AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()


def _tip() -> tuple[int, str, AuditChainHead | None]:
    """(last sequence number, last hash, the locked head to move on after appending; None within one_head_write)."""
    if _ONE_WRITE.get():
        return (*(_last() or (0, GENESIS)), None)
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    return head.last_seq, head.last_hash, head


def _move_head(head: AuditChainHead | None, seq: int, hash_: str) -> None:
    if head is not None:
        head.last_seq, head.last_hash = seq, hash_
        head.save(update_fields=["last_seq", "last_hash"])


@transaction.atomic
def record(
    *,
    actor,
    obj: models.Model | None = None,
    action: str = AuditAction.UPDATE,
    verb: str = "",
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    organisation: Organisation | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_repr: str | None = None,
) -> AuditEvent:
    """Append one event. Call it from an action function, inside the action's transaction."""
    last_seq, last_hash, head = _tip()
    actor = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        seq=last_seq + 1,
        at=clock.now(),
        actor=actor,
        actor_name=_actor_name(actor),
        organisation=organisation or (_organisation_of(obj) if obj is not None else None),
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=object_id or (str(obj.pk) if obj is not None else ""),
        object_repr=(object_repr if object_repr is not None else (str(obj) if obj is not None else ""))[:300],
        action=action,
        verb=verb,
        before=to_json(before),
        after=to_json(after),
        reason=reason,
        prev_hash=last_hash,
    )
    event.hash = compute_hash(event)
    event.save()
    _move_head(head, event.seq, event.hash)
    return event


def _actor_name(actor) -> str:
    return (actor.get_full_name() or actor.get_username()) if actor else "系统"


@transaction.atomic
def record_many(*, actor, entries: list[tuple[models.Model, dict]], verb: str, action: str = AuditAction.IMPORT,
                reason: str = "", describe=str) -> int:
    """Append one event per (object, after-values) in a single locked pass over the chain head, with the same
    hashing as `record`: bulk imports keep the chain intact without one round trip per event. `describe` gives the
    object's label (pass one that needs no query when importing many rows)."""
    seq, prev, head = _tip()
    actor = actor if getattr(actor, "is_authenticated", False) else None
    now, name = clock.now(), _actor_name(actor)
    events = []
    for obj, after in entries:
        seq += 1
        org_id = obj.pk if isinstance(obj, Organisation) else getattr(obj, "organisation_id", None)
        event = AuditEvent(seq=seq, at=now, actor=actor, actor_name=name, organisation_id=org_id,
                           object_type=obj._meta.label_lower, object_id=str(obj.pk), object_repr=describe(obj)[:300],
                           action=action, verb=verb, before=None, after=to_json(after), reason=reason,
                           prev_hash=prev)
        event.hash = compute_hash(event)
        prev = event.hash
        events.append(event)
    AuditEvent.objects.bulk_create(events, batch_size=2000)
    _move_head(head, seq, prev)
    return len(events)


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    bad_seq: int | None = None
    message: str = ""


FILE_CHECKS = []


def file_sha256(f) -> tuple[str, int]:
    """The SHA-256 (hex) and size of an open binary file, read in 1 MB chunks from the start; left at the start."""
    h, size = hashlib.sha256(), 0
    f.seek(0)
    for chunk in iter(lambda: f.read(1 << 20), b""):
        h.update(chunk)
        size += len(chunk)
    f.seek(0)
    return h.hexdigest(), size


def register_file_check(check):
    """A module whose stored files have their SHA-256 in the chain registers `check() -> problem or None`;
    `verify_chain` runs each after the chain itself holds."""
    if check not in FILE_CHECKS:
        FILE_CHECKS.append(check)
    return check


def verify_chain(batch: int = 5000) -> VerifyResult:
    """Walk the chain in order; report the first entry whose hash, link or sequence number is wrong."""
    expected_prev = GENESIS
    expected_seq = 1
    checked = 0
    last_seq = 0
    qs = AuditEvent.objects.order_by("seq")
    while True:
        chunk = list(qs.filter(seq__gte=expected_seq)[:batch])
        if not chunk:
            break
        for ev in chunk:
            if ev.seq != expected_seq:
                return VerifyResult(False, checked, expected_seq, f"第 {expected_seq} 条审计记录缺失（已被删除）。")
            if ev.prev_hash != expected_prev:
                return VerifyResult(False, checked, ev.seq, f"第 {ev.seq} 条审计记录与前一条的链接不符。")
            if compute_hash(ev) != ev.hash:
                return VerifyResult(False, checked, ev.seq, f"第 {ev.seq} 条审计记录的内容已被篡改（哈希不符）。")
            expected_prev, expected_seq, last_seq = ev.hash, ev.seq + 1, ev.seq
            checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and (head.last_seq != last_seq or head.last_hash != expected_prev):
        return VerifyResult(False, checked, head.last_seq, f"审计链末尾缺失：应有 {head.last_seq} 条，实有 {last_seq} 条。")
    from fazhi.core.anchors import read_anchors, verify_anchors

    problem = verify_anchors(last_seq)
    if problem:
        return VerifyResult(False, checked, None, problem)
    for check in FILE_CHECKS:
        problem = check()
        if problem:
            return VerifyResult(False, checked, None, problem)
    anchored = len(read_anchors())
    return VerifyResult(True, checked, None, f"审计链完整，共校验 {checked} 条记录"
                        + (f"，与 {anchored} 个外部锚点一致。" if anchored else "（尚无外部锚点）。"))
