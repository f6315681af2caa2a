"""How a draw writes its rows: the directory ids kept at the commitment, the fallback for a task committed before
they were kept, and the integrity the rows keep without database foreign keys."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import ProtectedError

from fazhi.core import clock
from fazhi.core.permissions import ActionError
from fazhi.inspections import actions, directory, sampling
from fazhi.inspections.models import Entity, Inspection, Task

D = dt.date
pytestmark = pytest.mark.django_db


def committed(s):
    task = s.task(s.plan())
    with clock.frozen(D(2025, 3, 3)):
        actions.commit(task, actor=s.w.legal_a, on=D(2025, 3, 3))
    return Task.objects.get(pk=task.pk)


def draw(task, s):
    with clock.frozen(D(2025, 3, 4)):
        actions.run_draw(task, actor=s.w.legal_a, on=D(2025, 3, 4), entropy="03 11 17")
    return list(Task.objects.get(pk=task.pk).inspections.order_by("draw")
                .values_list("draw", "entity__credit_code", "risk_class", "inspectors"))


def test_the_ids_file_maps_each_snapshot_line_to_its_entity(s):
    task = committed(s)
    ids = sampling.read_ids(task)
    lines = sampling.read_snapshot(task).decode().splitlines()
    codes = dict(Entity.objects.values_list("pk", "credit_code"))
    assert len(ids) == len(lines) == task.population_count
    assert all(codes[int(pk)] == line[2:20] for pk, line in zip(ids, lines, strict=True))
    rows = draw(task, s)
    assert len(rows) == 20 and all(len(r[3]) == 2 and all(c.startswith("ZF") for c in r[3]) for r in rows)
    # the record the portal publishes verifies against the rows written
    from fazhi.inspections import draw as algorithm
    assert algorithm.verify(sampling.record(Task.objects.get(pk=task.pk)))["verified"] is True


def test_a_task_committed_before_the_ids_were_kept_draws_the_same(s):
    first, second = committed(s), committed(s)
    Task.objects.filter(pk=second.pk).update(population_ids_sha256="", seed=first.seed)
    assert sampling.read_ids(Task.objects.get(pk=second.pk)) is None
    with_ids, looked_up = draw(first, s), draw(Task.objects.get(pk=second.pk), s)
    assert with_ids == looked_up and len(with_ids) == 20
    # an ids file that is gone (restored from an older backup) is looked up the same way
    third = committed(s)
    Task.objects.filter(pk=third.pk).update(seed=first.seed)
    default_storage.delete(f"{third.population_file}.ids")
    assert draw(Task.objects.get(pk=third.pk), s) == with_ids


def test_an_altered_ids_file_is_refused_and_nothing_is_written(s):
    task = committed(s)
    name = f"{task.population_file}.ids"
    with default_storage.open(name, "rb") as f:
        data = bytearray(f.read())
    data[0] ^= 1
    with open(default_storage.path(name), "wb") as f:
        f.write(bytes(data))
    with clock.frozen(D(2025, 3, 4)), pytest.raises(ActionError, match="记录号文件"):
        actions.run_draw(task, actor=s.w.legal_a, on=D(2025, 3, 4))
    assert Task.objects.get(pk=task.pk).status == "committed" and not Inspection.objects.exists()


def test_drawn_entities_and_their_task_cannot_be_deleted(s):
    """No database constraint (ADR 0011 addendum): PROTECT refuses the delete through the ORM."""
    task = committed(s)
    draw(task, s)
    inspection = Inspection.objects.select_related("entity").first()
    with pytest.raises(ProtectedError):
        inspection.entity.delete()
    with pytest.raises(ProtectedError):
        Task.objects.get(pk=task.pk).delete()
    assert Entity.objects.filter(pk=inspection.entity_id).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL import path is PostgreSQL's")
def test_a_load_as_large_as_the_directory_rebuilds_its_indexes(s, tmp_path, monkeypatch):
    def indexes():
        with connection.cursor() as cur:
            cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'inspections_entity'")
            return dict(cur.fetchall())

    before = indexes()
    assert not any(name.endswith("_like") for name in before)  # no LIKE index on the credit code
    monkeypatch.setattr(directory, "REBUILD_MIN", 1)
    path = tmp_path / "directory.csv"
    from fazhi.testing.inspections import credit_code

    lines = ["统一社会信用代码,名称,主体类型,所在地行政区划代码,行业,信用风险分类,登记状态"]
    lines += [f"{credit_code(9000 + i)},新主体{i},企业,330102001000,制造业,B,存续" for i in range(Entity.objects.count() + 5)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open(path, "rb") as f:
        result = directory.import_entities(f, actor=None, name="directory.csv")
    assert result.ok and result.created == len(lines) - 1, result.errors[:3]
    assert indexes() == before
    assert Entity.objects.filter(status="active", risk_class="B", credit_code=credit_code(9003)).exists()


def test_a_snapshot_grown_on_disk_is_named_not_a_crash(s):
    """More lines than the ids file holds: the draw may reach past the ids before the hash is known; the answer is
    still the altered snapshot, in Chinese, and nothing is written."""
    task = committed(s)
    with default_storage.open(task.population_file, "rb") as f:
        data = f.read()
    with open(default_storage.path(task.population_file), "wb") as f:
        f.write(data * 3)
    with clock.frozen(D(2025, 3, 4)), pytest.raises(ActionError, match="已被改动"):
        actions.run_draw(task, actor=s.w.legal_a, on=D(2025, 3, 4))
    assert not Inspection.objects.exists()


def test_rows_written_before_the_certificates_only_form_are_migrated_both_ways(s):
    """Migration 0006: a row's {certificate, name, organisation} entries become their certificates, in order; back,
    each certificate gets its name and department from the task's committed pool."""
    import importlib

    migration = importlib.import_module("fazhi.inspections.migrations.0006_inspectors_as_certificates")
    task = committed(s)
    rows = draw(task, s)
    pool = {p["certificate"]: p for p in Task.objects.get(pk=task.pk).inspectors_pool}
    with connection.cursor() as c:
        c.execute(migration.TO_ENTRIES[connection.vendor])
    old = dict(Inspection.objects.filter(task=task).values_list("draw", "inspectors"))
    assert all(old[n] == [{"certificate": c, "name": pool[c]["name"], "organisation": pool[c]["organisation"]}
                          for c in certs] for n, _code, _risk, certs in rows)
    with connection.cursor() as c:
        c.execute(migration.TO_CERTIFICATES[connection.vendor])
    assert draw_rows(task) == rows


def draw_rows(task):
    return list(Task.objects.get(pk=task.pk).inspections.order_by("draw")
                .values_list("draw", "entity__credit_code", "risk_class", "inspectors"))
