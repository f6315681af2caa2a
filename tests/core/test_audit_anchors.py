"""The audit chain anchored outside the database (issue #17 item 4): a rewrite, a truncation or an emptied table
passes the chain's own check but fails `fazhi audit verify`, naming what differs."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core import audit
from fazhi.core.anchors import anchor, anchors_path, read_anchors
from fazhi.core.models import AuditChainHead, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_anchor_file(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_AUDIT_ANCHORS", str(tmp_path / "anchors.jsonl"))
    monkeypatch.setenv("FAZHI_AUDIT_KEY", "test-key")


def _events(w, n=5):
    for i in range(n):
        audit.record(actor=w.supervisor, obj=w.dept_a, verb=f"修改{i}", after={"n": i})


def _sql(statement, params):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(statement, params)


def _verify():
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def _rehash_all():
    """What an attacker with database access does: recompute every hash and link after editing a row."""
    prev = audit.GENESIS
    for ev in AuditEvent.objects.order_by("seq"):
        ev.prev_hash = prev
        ev.hash = audit.compute_hash(ev)
        AuditEvent.objects.filter(pk=ev.pk).update(prev_hash=ev.prev_hash, hash=ev.hash)
        prev = ev.hash
    AuditChainHead.objects.filter(pk=1).update(last_hash=prev, last_seq=AuditEvent.objects.count())


def test_anchor_is_appended_once_per_head_and_published(w, client):
    _events(w)
    a = anchor()
    assert a is not None and a.seq == AuditEvent.objects.count() and anchor() is None  # head unchanged
    assert anchors_path().read_text().count("\n") == 1 and read_anchors()[0].valid()
    assert "与 1 个外部锚点一致" in _verify()
    client.logout()
    assert client.get("/portal/audit-anchor/").json()["latest"]["seq"] == a.seq


def test_rewriting_history_is_caught(w):
    _events(w)
    anchor()
    AuditEvent.objects.filter(seq=2).update(verb="伪造")
    _rehash_all()
    assert audit.verify_chain().checked and "锚定之后审计链被改写" in audit.verify_chain().message
    with pytest.raises(CommandError, match="改写"):
        _verify()


def test_truncating_or_emptying_is_caught(w):
    _events(w)
    anchor()
    top = AuditEvent.objects.order_by("-seq").first()
    _sql("DELETE FROM core_auditevent WHERE seq = %s", [top.seq])  # past the model's append-only guard
    previous = AuditEvent.objects.order_by("-seq").first()
    AuditChainHead.objects.filter(pk=1).update(last_seq=previous.seq, last_hash=previous.hash)
    with pytest.raises(CommandError, match="截断"):
        _verify()
    _sql("DELETE FROM core_auditevent", [])
    _sql("DELETE FROM core_auditchainhead", [])
    with pytest.raises(CommandError, match="清空"):
        _verify()


def test_a_tampered_anchor_file_is_caught(w):
    _events(w)
    anchor()
    path = anchors_path()
    path.write_text(path.read_text().replace('"seq": ', '"seq": 1', 1))
    with pytest.raises(CommandError, match="签名不符"):
        _verify()
