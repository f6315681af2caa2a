"""A task from plan to completed: commitment, draw, results, publication; the portal's record verifies with the CLI."""

import datetime as dt
import json

import pytest
from django.core.management import call_command

from fazhi.core import clock
from fazhi.core.models import AuditEvent
from fazhi.core.permissions import ActionError
from fazhi.inspections import actions, sampling
from fazhi.inspections.models import Entity, Inspection, Task
from fazhi.metrics.registry import Scope, get
from fazhi.rules.deadlines import deadlines_for
from fazhi.testing.inspections import credit_code

D = dt.date
pytestmark = pytest.mark.django_db


def drawn(s, *, partners=(), **kw):
    plan = s.plan()
    task = s.task(plan, partners=partners, **kw)
    with clock.frozen(D(2025, 3, 3)):
        actions.commit(task, actor=s.w.legal_a, on=D(2025, 3, 3))
        actions.run_draw(task, actor=s.w.legal_a, on=D(2025, 3, 3), entropy="2025025期 03 11 17 22 28 31")
    return Task.objects.get(pk=task.pk)


def test_commit_hides_the_seed_and_freezes_the_population(s, client):
    plan = s.plan()
    task = s.task(plan)
    with clock.frozen(D(2025, 3, 3)):
        actions.commit(task, actor=s.w.legal_a, on=D(2025, 3, 3))
    task.refresh_from_db()
    assert task.status == "committed" and len(task.commitment) == 64 and task.population_count == 400
    assert [p["certificate"] for p in task.inspectors_pool] == ["ZF0001", "ZF0002"]  # ZF0003 expired on 03-01
    rec = sampling.record(task)
    assert "seed" not in rec and "selected" not in rec and len(rec["population"]["lines"]) == 400
    page = client.get(f"/portal/inspections/tasks/{task.pk}/").content.decode()
    assert task.commitment in page and task.seed not in page
    assert task.seed not in client.get(f"/portal/inspections/draws/{task.pk}.json").content.decode()
    # a new entity after the commitment does not enter this draw
    Entity.objects.create(credit_code=credit_code(5000), name="新设商户", kind="enterprise",
                          region_code="330102001000", risk_class="D")
    with clock.frozen(D(2025, 3, 4)):
        actions.run_draw(task, actor=s.w.legal_a, on=D(2025, 3, 4))
    assert not Inspection.objects.filter(task=task, entity__credit_code=credit_code(5000)).exists()


def test_the_draw_selects_per_stratum_and_two_valid_inspectors(s):
    task = drawn(s)
    rows = list(task.inspections.order_by("draw"))
    by_class = {c: sum(1 for i in rows if i.risk_class == c) for c in "ABCD"}
    assert by_class == {"A": 2, "B": 3, "C": 5, "D": 10}  # 100 per class: 2%, 3%, 5%, 10%
    assert all(sorted(i.inspectors) == ["ZF0001", "ZF0002"] for i in rows)  # kept as certificate numbers
    assert len({i.entity_id for i in rows}) == len(rows)  # each entity once: by construction, no database constraint
    names = {p["name"] for p in task.inspectors_pool}
    assert all(p["name"] in names and p["organisation"] for i in rows for p in i.inspector_list)
    ev = AuditEvent.objects.filter(object_type="inspections.task", verb="随机抽取检查对象和检查人员").get()
    assert ev.after["seed"] == task.seed and ev.after["selected"] == 20


def test_refusals_leave_nothing_saved(s):
    plan = s.plan()
    task = s.task(plan, publish=False)
    with clock.frozen(D(2025, 3, 3)), pytest.raises(ActionError, match="尚未公布"):
        actions.commit(task, actor=s.w.legal_a, on=D(2025, 3, 3))
    with clock.frozen(D(2025, 3, 3)), pytest.raises(ActionError, match="请先|状态|不能"):
        actions.run_draw(task, actor=s.w.legal_a, on=D(2025, 3, 3))
    with clock.frozen(D(2025, 1, 12)):
        for bad, match in (({"A": "0"}, "大于 0"), ({"A": "abc"}, "不是有效的百分比"), ({"X": "3"}, "无效的信用风险类别"),
                           ({}, "至少")):
            with pytest.raises(ActionError, match=match):
                actions.create_task(actor=s.w.legal_a, plan=plan, title="x", items=[s.item_a], start=D(2025, 3, 1),
                                    end=D(2025, 4, 1), ratios=bad)
        with pytest.raises(ActionError, match="至少抽取 2 名"):
            actions.create_task(actor=s.w.legal_a, plan=plan, title="x", items=[s.item_a], start=D(2025, 3, 1),
                                end=D(2025, 4, 1), ratios={"A": "1"}, inspectors_per_entity=1)
        with pytest.raises(ActionError, match="不属于"):
            actions.create_task(actor=s.w.legal_a, plan=plan, title="x", items=[s.item_b], start=D(2025, 3, 1),
                                end=D(2025, 4, 1), ratios={"A": "1"})
        with pytest.raises(ActionError, match="权限"):
            actions.create_task(actor=s.w.legal_b, plan=plan, title="x", items=[s.item_a], start=D(2025, 3, 1),
                                end=D(2025, 4, 1), ratios={"A": "1"})
    assert Task.objects.count() == 1
    # an empty population is refused at the commitment
    with clock.frozen(D(2025, 1, 12)):
        actions.publish_plan(plan, actor=s.w.legal_a, on=D(2025, 1, 12))
        empty = actions.create_task(actor=s.w.legal_a, plan=plan, title="无对象", items=[s.item_a],
                                    start=D(2025, 3, 1), end=D(2025, 4, 1), ratios={"A": "5"},
                                    region_prefix="110000")
    with clock.frozen(D(2025, 3, 3)), pytest.raises(ActionError, match="没有可抽取"):
        actions.commit(empty, actor=s.w.legal_a, on=D(2025, 3, 3))
    assert Task.objects.get(pk=empty.pk).commitment == ""


def test_avoidance_keeps_an_excluded_inspector_away(s):
    w = s.w
    target = s.entities[7]  # risk D
    with clock.frozen(D(2025, 2, 1)):
        actions.add_conflict(actor=w.legal_b, officer=s.officers_b[0], kind="former_employer",
                             credit_code=target.credit_code, reason="2019—2022年在该单位任职")
        actions.add_conflict(actor=w.legal_a, officer=s.officers[0], kind="township", region_code="330102001")
    task = drawn(s, partners=[w.dept_b], ratios={"D": "100"})
    assert task.ratios == {"D": "100"} and task.parameters["ratios"] == {"D": "100"}  # not "1E+2"
    assert task.inspections.count() == 100
    pool = {p["certificate"]: p for p in task.inspectors_pool}
    assert pool["ZF1001"]["excluded_entities"] == [target.credit_code]
    for i in task.inspections.select_related("entity"):
        certs = set(i.inspectors)
        if i.entity_id == target.pk:
            assert "ZF1001" not in certs
        if i.entity.region_code.startswith("330102001"):
            assert "ZF0001" not in certs


def test_results_publication_and_completion(s, client):
    w = s.w
    task = drawn(s, partners=[w.dept_b])
    rows = list(task.inspections.order_by("draw"))
    with clock.frozen(D(2025, 3, 20)):
        with pytest.raises(ActionError, match="请关联"):
            actions.record_result(rows[0], actor=w.legal_a, inspected_on=D(2025, 3, 10), result="case",
                                  findings="超范围经营")
        with pytest.raises(ActionError, match="整改期限"):
            actions.record_result(rows[0], actor=w.legal_a, inspected_on=D(2025, 3, 10), result="corrected",
                                  findings="台账不全")
        assert Inspection.objects.get(pk=rows[0].pk).result == ""
        actions.record_result(rows[0], actor=w.legal_a, inspected_on=D(2025, 3, 10), result="corrected",
                              findings="进货查验记录不全", rectify_due=D(2025, 4, 10))
        actions.record_result(rows[1], actor=w.legal_b, inspected_on=D(2025, 3, 12), result="annual_report",
                              findings="未公示2024年度报告")
        for i in rows[2:]:
            actions.record_result(i, actor=w.legal_a, inspected_on=D(2025, 3, 14), result="no_problem")
    first = Inspection.objects.get(pk=rows[0].pk)
    assert first.publicity_due == D(2025, 4, 8)  # 20 working days from 03-10 (清明 04-04 is a holiday)
    assert deadlines_for(first).get().due == D(2025, 4, 8)
    assert Entity.objects.get(pk=rows[1].entity_id).abnormal is True
    with clock.frozen(D(2025, 4, 20)):
        actions.publish(rows[0], actor=w.legal_a, on=D(2025, 4, 1))
        actions.publish(rows[1], actor=w.legal_b, on=D(2025, 4, 20))  # late
        actions.rectify(rows[0], actor=w.legal_a, on=D(2025, 4, 9), rectification="已补齐进货查验记录")
        actions.complete(task, actor=w.legal_a, on=D(2025, 4, 20))
    assert Task.objects.get(pk=task.pk).status == "completed"
    scope = Scope.for_year(w.gov, 2025)
    assert get("inspections.tasks").value(scope) == 1
    assert get("inspections.entities_checked").value(scope) == 20
    assert get("inspections.joint_checked").value(scope) == 20
    assert get("inspections.problems_found").value(scope) == 2
    assert get("inspections.abnormal_listed").value(scope) == 1
    assert get("inspections.results_published_timely").value(scope) == 1
    assert str(get("inspections.results_publicity_timely_rate").value(scope)) == "5.0"
    assert str(get("inspections.joint_share").value(scope)) == "100.0"
    # all inspections = the random ones + the enforcement module's 行政检查 records, each part traced to its rows
    other = get("enforcement.decisions.inspection").value(scope)
    assert get("inspections.all_checks").value(scope) == 20 + other
    client.force_login(w.legal_a)
    page = client.get(f"/metrics/inspections.all_checks/?org={w.dept_a.code}&year=2025").content.decode()
    assert "构成" in page and "/metrics/inspections.entities_checked/" in page
    assert "/metrics/enforcement.decisions.inspection/" in page
    client.logout()
    # the portal shows published results with the entity's name and code
    page = client.get("/portal/inspections/results/").content.decode()
    assert rows[0].entity.credit_code in page and "未按规定公示年度报告" in page
    assert rows[5].entity.credit_code not in page  # recorded but not published


def test_the_portal_record_verifies_and_tampering_is_named(s, client, tmp_path, capsys):
    task = drawn(s)
    body = client.get(f"/portal/inspections/draws/{task.pk}.json")
    assert body.status_code == 200
    rec = json.loads(body.content)
    assert {"commitment", "seed", "parameters", "population", "population_hash", "selected"} <= set(rec)
    assert rec["selected"][0]["inspectors"][0]["name"] in {"张执法", "李执法"}
    path = tmp_path / "draw.json"
    path.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    call_command("inspections", "verify", "--file", str(path), "--json")
    assert json.loads(capsys.readouterr().out)["verified"] is True

    changed = json.loads(json.dumps(rec))
    original = changed["selected"][2]["credit_code"]
    outsider = next(e.credit_code for e in s.entities if e.credit_code not in {x["credit_code"] for x in rec["selected"]})
    changed["selected"][2]["credit_code"] = outsider
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        call_command("inspections", "verify", "--file", str(path), "--json")
    assert exit_.value.code == 1
    answer = json.loads(capsys.readouterr().out)
    assert answer["verified"] is False
    assert answer["differences"] == [{"position": 3, "expected": original, "published": outsider}]

    # the population served separately, then changed after the commitment
    snapshot = client.get(f"/portal/inspections/draws/{task.pk}/population.txt")
    data = b"".join(snapshot.streaming_content)
    assert len(data) == 400 * 34
    del rec["population"]["lines"]
    path.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    pop = tmp_path / "population.txt"
    pop.write_bytes(data)
    call_command("inspections", "verify", "--file", str(path), "--population", str(pop), "--json")
    assert json.loads(capsys.readouterr().out)["verified"] is True
    pop.write_bytes(data[34:])  # one entity dropped
    with pytest.raises(SystemExit):
        call_command("inspections", "verify", "--file", str(path), "--population", str(pop), "--json")
    answer = json.loads(capsys.readouterr().out)
    assert answer["verified"] is False and any("承诺后总体被改动过" in p for p in answer["problems"])


def test_a_cancelled_commitment_stays_public(s, client):
    plan = s.plan()
    task = s.task(plan)
    with clock.frozen(D(2025, 3, 3)):
        actions.commit(task, actor=s.w.legal_a, on=D(2025, 3, 3))
        actions.cancel(task, actor=s.w.legal_a, on=D(2025, 3, 3), reason="抽查事项调整")
    page = client.get("/portal/inspections/").content.decode()
    assert Task.objects.get(pk=task.pk).commitment[:16] in page and "已取消" in page


def test_a_snapshot_altered_on_disk_is_refused_at_the_draw(s):
    from django.core.files.storage import default_storage

    plan = s.plan()
    task = s.task(plan)
    with clock.frozen(D(2025, 3, 3)):
        actions.commit(task, actor=s.w.legal_a, on=D(2025, 3, 3))
    task.refresh_from_db()
    with default_storage.open(task.population_file, "rb") as f:
        data = bytearray(f.read())
    data[0:1] = b"B" if data[0:1] == b"A" else b"A"
    with open(default_storage.path(task.population_file), "wb") as f:
        f.write(bytes(data))
    with clock.frozen(D(2025, 3, 4)), pytest.raises(ActionError, match="已被改动"):
        actions.run_draw(task, actor=s.w.legal_a, on=D(2025, 3, 4))
    assert Task.objects.get(pk=task.pk).status == "committed" and not Inspection.objects.exists()
