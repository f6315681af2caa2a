import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.metrics.registry import Scope, all_metrics, evaluate, get, register_count, register_rate
from fazhi.testing.factories import org


@pytest.fixture(autouse=True)
def _own_registry():
    """Tests here register throwaway metrics; the registry is put back after each, so no other test (the generated
    docs check, in whatever order the suite runs) sees them."""
    from fazhi.metrics import registry

    saved = dict(registry._REGISTRY)
    yield
    registry._REGISTRY.clear()
    registry._REGISTRY.update(saved)


def test_count_metric_and_drilldown(w, client):
    org("执法大队", kind="unit", parent=w.dept_a)
    scope = Scope.for_year(w.gov, 2025)
    assert get("org.departments").value(scope) == 2
    assert evaluate("org.units", scope)["value"] == 1
    client.force_login(w.supervisor)
    html = client.get(f"/metrics/org.departments/?org={w.gov.code}&year=2025").content.decode()
    assert w.dept_a.name in html and w.dept_b.name in html and "口径" in html
    xlsx = client.get(f"/metrics/org.departments/?org={w.gov.code}&year=2025&format=xlsx")
    assert xlsx.content[:2] == b"PK"


def test_drilldown_is_scoped(w, client):
    client.force_login(w.legal_a)
    assert client.get(f"/metrics/org.departments/?org={w.gov.code}&year=2025").status_code == 404
    assert client.get(f"/metrics/nope/?org={w.dept_a.code}").status_code == 404


def test_rate_metric_rounds_half_up(w):
    from fazhi.core.models import Organisation

    register_count("test.whole", label="全部", definition="测试", queryset=lambda s: Organisation.objects.in_subtree(
        s.organisation))
    register_count("test.part", label="部分", definition="测试", queryset=lambda s: Organisation.objects.in_subtree(
        s.organisation).filter(kind="department"))
    register_rate("test.rate", label="比例", numerator="test.part", denominator="test.whole", definition="部分÷全部")
    v = get("test.rate").value(Scope.for_year(w.gov, 2025))
    assert v == Decimal("66.7")  # 2 ÷ 3
    assert get("test.rate").value(Scope.for_year(org("空", kind="government"), 2025)) == Decimal("0.0")


def test_metrics_commands(w, capsys):
    call_command("metrics", "list", "--json")
    items = json.loads(capsys.readouterr().out)
    assert {"key", "label", "unit", "definition", "module", "status"} <= set(items[0])
    assert {m.key for m in all_metrics()} == {i["key"] for i in items if i["status"] == "live"}
    planned = {i["key"]: i for i in items if i["status"] == "planned"}
    assert planned["decisions.catalogue_items"]["module"] == "decisions" and "reconsideration.received" not in planned
    with pytest.raises(CommandError, match="尚无数据"):
        call_command("metrics", "show", "decisions.catalogue_items", "--org", w.gov.code, "--year", "2025")
    call_command("metrics", "show", "org.departments", "--org", w.gov.code, "--year", "2025", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["key"] == "org.departments" and out["value"] == 2 and out["unit"] == "个"
    with pytest.raises(CommandError, match="未知指标"):
        call_command("metrics", "show", "nope", "--org", w.gov.code, "--year", "2025")
    with pytest.raises(CommandError, match="不存在"):
        call_command("metrics", "show", "org.departments", "--org", "NOPE", "--year", "2025")


def test_api_metric_value_is_scoped(w, client):
    from fazhi.core.models import ApiToken

    _, key = ApiToken.issue(w.legal_a)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get(f"/api/v1/metrics/org.departments?org={w.gov.code}&year=2025", **auth).status_code == 404
    _, key = ApiToken.issue(w.supervisor)
    r = client.get(f"/api/v1/metrics/org.departments?org={w.gov.code}&year=2025",
                   HTTP_AUTHORIZATION=f"Bearer {key}")
    assert r.status_code == 200 and r.json()["value"] == 2


def test_evaluation_computes_each_figure_once(w):
    from fazhi.core.models import Organisation
    from fazhi.metrics.registry import evaluation

    calls = []

    def counted(scope):
        calls.append(1)
        return Organisation.objects.in_subtree(scope.organisation)

    register_count("test.counted", label="计数", definition="测试", queryset=counted)
    scope = Scope.for_year(w.gov, 2025)
    with evaluation():
        assert get("test.counted").value(scope) == get("test.counted").value(scope) == 3
    assert len(calls) == 1
    get("test.counted").value(scope)  # outside the block nothing is kept
    assert len(calls) == 2
