"""Backup on a running demo, wipe, restore: the same figures, the same documents, and `fazhi audit verify` passes
(issue #17 item 10)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core import demo
from fazhi.core.anchors import anchor
from fazhi.core.models import AuditEvent
from fazhi.metrics.registry import Scope, evaluate
from fazhi.reconsideration.models import CaseDocument

pytestmark = pytest.mark.django_db(transaction=True)
KEYS = ["reconsideration.received", "reconsideration.concluded", "litigation.first_instance", "powers.items",
        "enforcement.officers", "laws.flags_open"]


def test_backup_wipe_restore(tmp_path, settings):
    settings.FAZHI_HOME = tmp_path / "home"
    ctx = demo.build(seed=3, today=dt.date(2026, 11, 20))
    anchor()
    (tmp_path / "home" / "uploads").mkdir(parents=True, exist_ok=True)
    (tmp_path / "home" / "uploads" / "note.txt").write_text("附件")
    scope = Scope.for_year(ctx.orgs["gov"], 2026)
    before = {k: evaluate(k, scope)["value"] for k in KEYS}
    bodies = dict(CaseDocument.objects.values_list("number", "body"))
    events = AuditEvent.objects.count()
    archive = tmp_path / "b.tar.gz"
    call_command("backup", "--out", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)  # the wipe
    (tmp_path / "home" / "uploads" / "note.txt").unlink()
    assert AuditEvent.objects.count() == 0
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive))
    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    assert "与 1 个外部锚点一致" in out.getvalue()
    assert AuditEvent.objects.count() == events
    assert dict(CaseDocument.objects.values_list("number", "body")) == bodies
    gov = type(ctx.orgs["gov"]).objects.get(code=ctx.orgs["gov"].code)
    assert {k: evaluate(k, Scope.for_year(gov, 2026))["value"] for k in KEYS} == before
    assert (tmp_path / "home" / "uploads" / "note.txt").read_text() == "附件"
    with pytest.raises(CommandError, match="无法读取"):
        bad = tmp_path / "bad.tar.gz"
        bad.write_bytes(b"not an archive")
        call_command("restore", str(bad), "--yes")


def test_a_restored_chain_keeps_the_microseconds_of_its_times(tmp_path, settings):
    """Django's JSON encoder cuts times to milliseconds; an event's time is in its hash, so a backup of events made
    at real (not whole-second) times would restore a chain that no longer verifies."""
    from fazhi.core import actions
    from fazhi.testing.factories import world

    settings.FAZHI_HOME = tmp_path / "home"
    w = world()
    actions.create_organisation(actor=w.supervisor, code="US1", name="微秒", kind="department", parent=w.gov)
    at = AuditEvent.objects.get(object_repr="微秒").at
    archive = tmp_path / "b.tar.gz"
    call_command("backup", "--out", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(archive), "--yes", stdout=io.StringIO())
    assert AuditEvent.objects.get(object_repr="微秒").at == at
