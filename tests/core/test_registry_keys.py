"""Every figure key named anywhere is registered (live) or declared planned with its module; one rounding rule;
breakdowns that agree with the totals."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.apps import apps

from fazhi.metrics import registry
from fazhi.metrics.registry import NO_DATA, Metric, Scope, rounded

SRC = Path(__file__).resolve().parents[2] / "src" / "fazhi"


def referenced_keys() -> dict[str, str]:
    """key → where it is named: report outlines, the supervisor's key figures, module dashboards, the audit's
    vocabulary, and the module statistics pages."""
    from fazhi.litigation.metrics import ALL_KEYS
    from fazhi.reconsideration.views import OUTCOME_KEYS, STAT_KEYS
    from fazhi.reports.dashboard import key_figure_groups

    out = {}
    for path in (SRC / "reports" / "outlines").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section in data["sections"]:
            for sentence in section.get("sentences") or []:
                for key in re.findall(r"\{\{\s*([a-z_][a-z0-9_.]*)\s*\}\}", sentence):
                    if "." in key:
                        out[key] = f"outline {path.name}"
    for _module, keys in key_figure_groups():
        out.update({k: "reports.dashboard.key_figure_groups" for k in keys})
    for config in apps.get_app_configs():
        out.update({k: f"{config.name}.dashboard_metrics" for k in getattr(config, "dashboard_metrics", [])})
    from fazhi.reports.legacy.grammar import vocabulary

    out.update({k: "legacy vocabulary.yaml" for k in vocabulary().keys()})
    for key, spec in vocabulary().rates.items():
        named = [key, spec["denominator"], *(k for alt in spec["numerator"] for k in alt), *(spec.get("wider") or {})]
        out.update({k: "legacy vocabulary.yaml rates" for k in named})
    out.update({k: "litigation stats" for k in ALL_KEYS})
    out.update({f"reconsideration.{k}": "reconsideration stats" for k in STAT_KEYS + OUTCOME_KEYS})
    return out


def test_every_referenced_key_is_live_or_planned():
    unknown = {k: where for k, where in referenced_keys().items() if registry.status(k) is None}
    assert unknown == {}


def test_no_key_is_both_live_and_planned_and_planned_names_a_module():
    import yaml as y

    data = y.safe_load((SRC / "metrics" / "planned.yaml").read_text(encoding="utf-8"))
    rows = data["figures"]
    live = {m.key for m in registry.all_metrics()}
    assert not live & {r["key"] for r in rows}, "a registered key must leave planned.yaml"
    assert all(r["module"] in data["modules"] and r["label"] and r["unit"] and r["definition"] for r in rows)
    assert len({r["key"] for r in rows}) == len(rows)


@pytest.mark.parametrize("raw, decimals, expected", [
    (Decimal("2.25"), 1, "2.3"),    # half up (banker's rounding would give 2.2)
    (Decimal("2.35"), 1, "2.4"),
    (Decimal("6.25"), 1, "6.3"),    # 1 of 16: the loss rate once shown as 6.2 on a page and 6.3 in the registry
    (Decimal("0.125"), 2, "0.13"),  # truncation would give 0.12
    (Decimal("99.95"), 1, "100.0"),
    (Decimal(100) / Decimal(3), 1, "33.3"),
])
def test_one_rounding_rule(raw, decimals, expected):
    m = Metric(key="t.x", label="x", unit="%", definition="", compute=lambda s: raw, decimals=decimals)
    assert str(rounded(m, raw)) == expected


@pytest.mark.django_db
def test_breakdowns_add_up_to_the_total(w):
    import datetime as dt

    from fazhi.reconsideration import actions

    for n, (respondent, day) in enumerate([(w.dept_a, dt.date(2025, 1, 6)), (w.dept_a, dt.date(2025, 3, 3)),
                                           (w.dept_b, dt.date(2025, 3, 10))]):
        actions.register_application(
            actor=w.reconsideration, organisation=w.gov, respondent=respondent,
            parties=[{"role": "applicant", "kind": "person", "name": f"申请人{n}"}], act_kind="penalty",
            act_description="罚款", received_on=day, channel="mail", request="撤销")
    scope = Scope.for_year(w.gov, 2025)
    total = registry.get("reconsideration.received").value(scope)
    months = registry.breakdown_by_month("reconsideration.received", scope)
    assert total == 3 and sum(v for _m, v in months) == 3 and dict(months)[3] == 2
    by_respondent = dict(registry.breakdown_by_field("reconsideration.received", scope, "respondent__name"))
    assert by_respondent == {w.dept_a.name: 2, w.dept_b.name: 1}
    with pytest.raises(ValueError):
        registry.breakdown_by_field("reconsideration.correction_rate", scope, "outcome")


@pytest.mark.django_db
def test_planned_figure_reads_no_data_on_the_dashboard(client, w):
    client.force_login(w.supervisor)
    page = client.get("/").content.decode()
    assert 'data-metric="powers.items"' in page and NO_DATA in page
