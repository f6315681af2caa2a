import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from fazhi.core import actions
from fazhi.core.audit import verify_chain
from fazhi.core.models import AuditEvent
from fazhi.testing.factories import user


@pytest.fixture
def chain(w):
    admin = user(superuser=True)
    for i in range(5):
        actions.create_organisation(actor=admin, code=f"A{i}", name=f"机构{i}", kind="department", parent=w.gov)
    return admin


def test_actions_write_events_and_chain_verifies(chain):
    assert AuditEvent.objects.count() == 5
    e = AuditEvent.objects.order_by("seq").first()
    assert e.verb == "新建机构" and e.after["code"] == "A0" and e.actor_name
    result = verify_chain()
    assert result.ok and result.checked == 5


def _sql(sql, params=()):
    with connection.cursor() as cur:
        cur.execute(sql, params)


def test_edited_entry_is_named(chain):
    _sql("UPDATE core_auditevent SET reason = %s WHERE seq = 3", ["改过了"])
    result = verify_chain()
    assert not result.ok and result.bad_seq == 3 and "篡改" in result.message


def test_deleted_middle_entry_is_named(chain):
    _sql("DELETE FROM core_auditevent WHERE seq = 2")
    result = verify_chain()
    assert not result.ok and result.bad_seq == 2


def test_deleted_last_entry_is_detected(chain):
    _sql("DELETE FROM core_auditevent WHERE seq = 5")
    assert not verify_chain().ok


def test_rehashed_entry_still_breaks_the_link(chain):
    """Someone who edits an entry and recomputes its hash still breaks the next entry's link."""
    from fazhi.core.audit import compute_hash

    e = AuditEvent.objects.get(seq=2)
    e.reason = "伪造"
    new_hash = compute_hash(e)
    _sql("UPDATE core_auditevent SET reason = %s, hash = %s WHERE seq = 2", ["伪造", new_hash])
    result = verify_chain()
    assert not result.ok and result.bad_seq == 3


def test_verify_command_exits_nonzero_when_tampered(chain, capsys):
    call_command("audit", "verify")
    assert "审计链完整" in capsys.readouterr().out
    _sql("UPDATE core_auditevent SET verb = %s WHERE seq = 4", ["x"])
    with pytest.raises(CommandError, match="第 4 条"):
        call_command("audit", "verify")


def test_model_refuses_update_and_delete(chain):
    e = AuditEvent.objects.first()
    e.reason = "x"
    with pytest.raises(ValidationError):
        e.save()
    with pytest.raises(ValidationError):
        e.delete()


def test_failed_action_leaves_no_event(w):
    admin = user(superuser=True)
    before = AuditEvent.objects.count()
    with pytest.raises(actions.ActionError):
        actions.create_organisation(actor=admin, code=w.dept_a.code, name="重复", kind="department", parent=w.gov)
    assert AuditEvent.objects.count() == before


def test_history_shows_on_record_page(w, client):
    actions.update_organisation(w.dept_a, actor=w.supervisor, name="测试县市场监管局", reason="机构改革")
    client.force_login(w.supervisor)
    html = client.get(f"/orgs/{w.dept_a.code}/").content.decode()
    assert "变更历史" in html and "机构改革" in html and "修改机构" in html


def test_history_renders_an_after_value_keyed_items(w, client):
    from fazhi.core import audit

    audit.record(actor=w.supervisor, obj=w.dept_a, verb="补正", after={"items": ["身份证明"], "due": "2026-01-05"})
    client.force_login(w.supervisor)
    html = client.get(f"/orgs/{w.dept_a.code}/").content.decode()
    assert "items：身份证明" in html and "due：2026-01-05" in html


def test_record_many_keeps_the_chain(w):
    from fazhi.core import audit

    audit.record(actor=w.supervisor, obj=w.dept_a, verb="单条")
    n = audit.record_many(actor=w.supervisor, entries=[(w.dept_a, {"k": 1}), (w.dept_b, {"k": 2})], verb="批量")
    assert n == 2 and verify_chain().ok and verify_chain().checked == 3
    assert AuditEvent.objects.get(seq=3).organisation_id == w.dept_b.pk


def test_history_speaks_chinese_field_names_and_choice_labels(w, client):
    from fazhi.core import actions

    actions.update_organisation(w.dept_a, actor=w.supervisor, kind="township", reason="撤局设镇")
    client.force_login(w.supervisor)
    html = client.get(f"/orgs/{w.dept_a.code}/").content.decode()
    assert "类型：乡镇（街道）" in html and "kind：" not in html
    seq = AuditEvent.objects.for_object(w.dept_a).first().seq
    detail = client.get(f"/audit/{seq}/").content.decode()
    assert "<td>类型</td><td>政府部门</td><td>乡镇（街道）</td>" in detail


def test_audit_event_url_is_its_detail_page_and_pages_use_it(w, client):
    actions.update_organisation(w.dept_a, actor=w.supervisor, short_name="市场监管", reason="简称")
    event = AuditEvent.objects.for_object(w.dept_a).first()
    assert event.get_absolute_url() == f"/audit/{event.seq}/"
    client.force_login(w.supervisor)
    assert client.get(event.get_absolute_url()).status_code == 200
    assert f'href="{event.get_absolute_url()}"' in client.get(f"/orgs/{w.dept_a.code}/").content.decode()
    # The audit log list links each row's number to the event's page (the list links rows with a url).
    assert f'<a href="{event.get_absolute_url()}">{event.seq}</a>' in client.get("/audit/").content.decode()


def test_one_head_write_keeps_the_chain_through_a_rolled_back_savepoint(w):
    """Within `one_head_write` the head is written once, at the end; events follow the last one in the table, so an
    action rolled back inside the block leaves no gap; verify sees the whole chain."""
    from django.db import transaction

    from fazhi.core import audit
    from fazhi.core.models import AuditChainHead

    audit.record(actor=w.supervisor, obj=w.dept_a, verb="之前")
    writes = []
    with transaction.atomic(), audit.one_head_write():
        for i in range(3):
            audit.record(actor=w.supervisor, obj=w.dept_a, verb=f"批内{i}")
        try:
            with transaction.atomic():
                audit.record(actor=w.supervisor, obj=w.dept_b, verb="回滚")
                raise RuntimeError
        except RuntimeError:
            pass
        audit.record_many(actor=w.supervisor, entries=[(w.dept_b, {"k": 1})], verb="批量")
        writes.append(AuditChainHead.objects.get(pk=1).last_seq)
    assert writes == [1]  # the head did not move inside the block
    assert [e.verb for e in AuditEvent.objects.order_by("seq")] == ["之前", "批内0", "批内1", "批内2", "批量"]
    assert AuditChainHead.objects.get(pk=1).last_seq == 5
    assert verify_chain().ok and verify_chain().checked == 5


def test_one_head_write_does_not_hide_a_cut_chain(chain):
    """A head that no longer matches the last event (its tail deleted) is left as it is, so verify still fails."""
    from django.db import transaction

    from fazhi.core import audit

    _sql("DELETE FROM core_auditevent WHERE seq = 5")
    with transaction.atomic(), audit.one_head_write():
        audit.record(actor=chain, obj=None, verb="之后", object_type="test", object_id="1", object_repr="x")
    result = verify_chain()
    assert not result.ok
