"""Enforcement subjects, officers, certificates and training: dated actions, the may_* checks later modules call,
the expiry deadline, the figures, imports and pages."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.choices import OrgKind
from fazhi.core.excel import workbook_bytes
from fazhi.core.identifiers import check_credit_code, check_id_number, id_check_digit
from fazhi.core.permissions import ActionError
from fazhi.metrics.registry import Scope, evaluate, get
from fazhi.officers import actions, importers
from fazhi.officers.models import Certificate, EnforcementSubject, Officer, TrainingRecord
from fazhi.officers.permissions import enforcement_refusal, may_act_as_subject, may_enforce
from fazhi.rules.deadlines import deadlines_for
from fazhi.testing.factories import org

D = dt.date
pytestmark = pytest.mark.django_db


def pid(n: int, birth="19850101") -> str:
    first = f"110105{birth}{n:03d}"
    return first + id_check_digit(first)


def test_identifier_check_digits():
    assert check_id_number("110105 19491231 002x") == "11010519491231002X"
    for bad, why in (("11010519491231002Y", "18位"), ("110105194912310021", "校验位"), ("11010519491331002X", "出生日期")):
        with pytest.raises(ValueError, match=why):
            check_id_number(bad)
    assert check_credit_code("91350100M000100Y43") == "91350100M000100Y43"
    with pytest.raises(ValueError, match="校验位"):
        check_credit_code("91350100M000100Y44")
    with pytest.raises(ValueError, match="不含"):
        check_credit_code("91350100M000100YI3")


def _officer(w, n=1, **kw):
    return actions.register_officer(actor=w.legal_a, organisation=w.dept_a, name=kw.pop("name", "张三"),
                                    id_number=pid(n), areas="市场监管", **kw)


def test_only_a_valid_certificate_lets_an_officer_act(w):
    with clock.frozen(D(2025, 6, 1)):
        officer = _officer(w)
        assert enforcement_refusal(officer, D(2025, 6, 1)).endswith("（行政处罚法第四十二条）。")
        with pytest.raises(ActionError, match="权限"):  # certificates come from the government, not the department
            actions.issue_certificate(officer, actor=w.legal_a, number="C-1", issued_on=D(2025, 1, 2),
                                      expires_on=D(2030, 1, 1))
        cert = actions.issue_certificate(officer, actor=w.supervisor, number="C-1", issued_on=D(2025, 1, 2),
                                         expires_on=D(2030, 1, 1))
        assert may_enforce(officer, D(2025, 6, 1)) and not may_enforce(officer, D(2030, 1, 2))
        assert "已于 2030-01-01 到期" in enforcement_refusal(officer, D(2030, 1, 2))
        expiry = deadlines_for(cert).get()
        assert expiry.due == D(2030, 1, 1) and expiry.organisation == w.dept_a and not expiry.provisional
        assert "第四十二条" in expiry.citation
        actions.suspend_certificate(cert, actor=w.supervisor, on=D(2025, 6, 1), reason="接受调查")
        assert "暂扣" in enforcement_refusal(officer, D(2025, 6, 1))
        with pytest.raises(ActionError, match="暂扣"):
            actions.suspend_certificate(cert, actor=w.supervisor, on=D(2025, 6, 1), reason="再次")
        actions.restore_certificate(cert, actor=w.supervisor, on=D(2025, 6, 1), reason="调查结束")
        assert may_enforce(officer, D(2025, 6, 1))
        with pytest.raises(ActionError, match="已被使用"):
            actions.issue_certificate(_officer(w, 2, name="李四"), actor=w.supervisor, number="C-1",
                                      issued_on=D(2025, 1, 2), expires_on=D(2030, 1, 1))
        actions.officer_leaves(officer, actor=w.legal_a, on=D(2025, 6, 1), reason="调离")
        cert.refresh_from_db()
        officer.refresh_from_db()
        assert cert.status == "revoked" and deadlines_for(cert).get().status == "cancelled"
        assert "离开执法岗位" in enforcement_refusal(officer, D(2025, 6, 1))
        with pytest.raises(ActionError, match="已登记"):
            _officer(w)
        with pytest.raises(ActionError, match="身份证号码"):
            actions.register_officer(actor=w.legal_a, organisation=w.dept_a, name="王五", id_number="110105198501010010")


def test_an_ended_entrustment_stops_the_delegate(w):
    town = org("测试县城关镇", kind=OrgKind.TOWNSHIP, parent=w.gov, code="W-town")
    with clock.frozen(D(2025, 6, 1)):
        with pytest.raises(ActionError, match="委托期限"):
            actions.register_subject(actor=w.supervisor, organisation=town, kind="entrusted", entrusted_by=w.dept_a,
                                     basis="《某条例》第二十条", scope="城管", document_number="委1",
                                     valid_from=D(2024, 1, 1))
        s = actions.register_subject(actor=w.supervisor, organisation=town, kind="entrusted", entrusted_by=w.dept_a,
                                     basis="《某条例》第二十条", scope="城管", document_number="委1",
                                     valid_from=D(2024, 1, 1), valid_to=D(2026, 12, 31))
        assert may_act_as_subject(town, D(2025, 6, 1)) and not may_act_as_subject(town, D(2023, 12, 31))
        # The entrusting department sees the entrustment; another department does not.
        assert EnforcementSubject.objects.visible_to(w.legal_a).filter(pk=s.pk).exists()
        assert not EnforcementSubject.objects.visible_to(w.legal_b).filter(pk=s.pk).exists()
        actions.end_subject(s, actor=w.supervisor, on=D(2025, 6, 1), reason="委托终止")
        assert may_act_as_subject(town, D(2025, 5, 31)) and not may_act_as_subject(town, D(2025, 6, 1))
        with pytest.raises(ActionError, match="信用代码"):
            actions.register_subject(actor=w.supervisor, organisation=w.dept_b, kind="statutory", basis="《某法》第一条",
                                     scope="x", document_number="d", valid_from=D(2024, 1, 1),
                                     credit_code="91350100M000100Y44")


def test_figures_of_the_registers(w):
    with clock.frozen(D(2025, 12, 31)):
        actions.set_training_requirement(actor=w.supervisor, organisation=w.gov, hours=30)
        a = [_officer(w, n, name=f"人员{n}", joined_on=D(2020, 1, 1)) for n in range(1, 6)]
        for n, o in enumerate(a[:4], start=1):
            actions.issue_certificate(o, actor=w.supervisor, number=f"C-{n}", issued_on=D(2024, 1, 1),
                                      expires_on=D(2026, 2, 1) if n == 1 else D(2029, 1, 1))
        actions.record_training(a[0], actor=w.legal_a, on=D(2025, 3, 1), title="培训", hours=20)
        actions.record_training(a[0], actor=w.legal_a, on=D(2025, 9, 1), title="培训", hours=12)
        actions.record_training(a[1], actor=w.legal_a, on=D(2025, 3, 1), title="培训", hours=8)
        actions.record_training(a[1], actor=w.legal_a, on=D(2025, 5, 1), title="考试", exam_score=88, passed=True)
        actions.officer_leaves(a[4], actor=w.legal_a, on=D(2025, 10, 1), reason="退休")
        s = Scope.for_year(w.gov, 2025)
        assert evaluate("enforcement.officers", s)["value"] == 4  # a valid certificate on 31 December
        assert evaluate("enforcement.officers_on_duty", s)["value"] == 4
        assert evaluate("enforcement.certified_rate", s)["value"] == 100
        assert evaluate("enforcement.certificates_expiring", s)["value"] == 1  # expires 2026-02-01
        assert evaluate("training.officer_hours_compliance", s)["value"] == 25  # 1 of 4 reached 30 hours
        actions.set_training_requirement(actor=w.supervisor, organisation=w.gov, hours=8)
        # the statement reads the rule in force (kept on PostgreSQL, it must not keep the hours it was built with)
        assert evaluate("training.officer_hours_compliance", s)["value"] == 50
        assert [o.name for o in get("training.officer_hours_compliance").rows(s).order_by("name")] == ["人员1", "人员2"]
        assert evaluate("training.officer_hours_compliance", Scope.for_year(a[0].organisation, 2025))["value"] == \
            evaluate("training.officer_hours_compliance", s)["value"]  # the government's rule applies below it
        assert evaluate("training.officer_hours_compliance", Scope(w.gov, D(2024, 1, 1), D(2025, 12, 31)))[
            "value"] == 25  # two years: 16 hours
        h1 = Scope(w.gov, D(2025, 1, 1), D(2025, 6, 30))
        assert evaluate("enforcement.officers_on_duty", h1)["value"] == 5
        assert evaluate("enforcement.certified_rate", h1)["value"] == 80
        actions.register_subject(actor=w.supervisor, organisation=w.dept_a, kind="statutory", basis="《某法》第一条",
                                 scope="x", document_number="d", valid_from=D(2024, 1, 1))
        assert evaluate("enforcement.subjects", s)["value"] == 1
        assert evaluate("enforcement.subjects", Scope.for_year(w.gov, 2023))["value"] == 0


def _sheet(kind, rows):
    return io.BytesIO(workbook_bytes("x", [c[1] for c in importers.LAYOUTS[kind]], rows))


def test_imports_are_all_or_nothing(w):
    a = w.dept_a.name
    with clock.frozen(D(2025, 6, 1)):
        bad = importers.run("officers", _sheet("officers", [
            [a, "张三", pid(1), "科员", "", "食品", "2020-01-01", "N-1", "行政执法证", "2024-01-01", "2029-01-01"],
            [a, "李四", "110105198501010010", "", "", "", "", "", "", "", ""],
            [a, "王五", pid(1), "", "", "", "", "", "", "", ""],
            ["别的局", "赵六", pid(4), "", "", "", "", "", "", "", ""],
            [w.dept_b.name, "钱七", pid(5), "", "", "", "", "", "", "", ""],
            [a, "孙八", pid(6), "", "", "", "", "N-2", "", "2024-01-01", ""],
        ]), actor=w.legal_a, dry_run=False)
        assert {(e.row, e.column) for e in bad.errors} == {(3, "身份证号码"), (4, "身份证号码"), (5, "所在单位"),
                                                         (6, "所在单位"), (7, "发证日期")}
        assert Officer.objects.count() == 0 and Certificate.objects.count() == 0
        good = importers.run("officers", _sheet("officers", [
            [a, "张三", pid(1), "科员", "", "食品", "2020-01-01", "N-1", "行政执法证", "2024-01-01", "2029-01-01"],
            [a, "李四", pid(2), "", "", "", "", "", "", "", ""],
        ]), actor=w.legal_a, dry_run=False)
        assert good.ok and Officer.objects.count() == 2 and deadlines_for(Certificate.objects.get()).exists()
        training = importers.run("training", _sheet("training", [
            [pid(1), "张三", "2025-05-01", "培训", "8", "", ""], [pid(2), "李四", "2025-05-01", "考试", "", "90", "合格"],
            [pid(2), "错名", "2025-05-01", "考试", "", "90", "合格"],
        ]), actor=w.legal_a, dry_run=False)
        assert [(e.row, e.column) for e in training.errors] == [(4, "身份证号码")] and TrainingRecord.objects.count() == 0
        subjects = importers.run("subjects", _sheet("subjects", [
            [a, "", "法定行政机关", "《某法》第一条", "市场监管", "", "文1", "2024-01-01", ""],
        ]), actor=w.legal_a, dry_run=False)
        assert not subjects.ok and "权限" in subjects.errors[0].message
        subjects = importers.run("subjects", _sheet("subjects", [
            [a, "91350100M000100Y43", "法定行政机关", "《某法》第一条", "市场监管", "", "文1", "2024-01-01", ""],
        ]), actor=w.supervisor, dry_run=False)
        assert subjects.ok and EnforcementSubject.objects.count() == 1


def test_pages_and_portal_mask_personal_data(w, client):
    with clock.frozen(D(2025, 6, 1)):
        officer = _officer(w, phone="13911112222")
        cert = actions.issue_certificate(officer, actor=w.supervisor, number="C-9", issued_on=D(2025, 1, 2),
                                         expires_on=D(2030, 1, 1))
        s = actions.register_subject(actor=w.supervisor, organisation=w.dept_a, kind="statutory", basis="《某法》第一条",
                                     scope="市场监管", document_number="d", valid_from=D(2024, 1, 1))
    client.force_login(w.legal_a)
    page = client.get(officer.get_absolute_url()).content.decode()
    assert "C-9" in page and 'data-step="training"' in page and 'data-step="certificate"' not in page
    listing = client.get(reverse("officers:officer_list")).content.decode()
    assert "张三" in listing and officer.id_number not in listing  # masked in lists
    resp = client.post(reverse("officers:officer_step", args=[officer.pk, "training"]),
                       {"on": "2025-05-01", "title": "培训", "hours": "8"})
    assert resp.status_code == 302 and TrainingRecord.objects.count() == 1
    client.force_login(w.supervisor)
    assert 'data-step="suspend"' in client.get(cert.get_absolute_url()).content.decode()
    resp = client.post(reverse("officers:subject_step", args=[s.pk, "announce"]), {"on": "2025-01-10"})
    assert resp.status_code == 302
    client.logout()
    directory = client.get(reverse("officers_portal:officers")).content.decode()
    assert "张三" in directory and "C-9" in directory
    for secret in (officer.id_number, "13911112222"):
        assert secret not in directory
    assert w.dept_a.name in client.get(reverse("officers_portal:subjects")).content.decode()
