"""Drill-down and its export: the rows behind a figure are only the rows the user may see."""

import datetime as dt

from django.urls import reverse

from fazhi.core.choices import OrgKind
from fazhi.litigation import actions as lit_actions
from fazhi.litigation.choices import ActKind
from fazhi.testing.factories import org

from .conftest import bearer, xlsx_text


def _case(w, organisation, number):
    return lit_actions.register_case(actor=w.supervisor, organisation=organisation, court="测试县人民法院",
                                     case_number=number, plaintiffs="张某", contested_act="行政处罚决定",
                                     act_kind=ActKind.PENALTY, received_on=dt.date(2025, 3, 3))



def test_drilldown_of_other_organisations_is_404(w, client):
    _case(w, w.dept_b, "（2025）苏1181行初901号")
    client.force_login(w.legal_a)
    url = reverse("metrics:drilldown", args=["litigation.first_instance"])
    for params in ({"org": w.dept_b.code, "year": 2025}, {"org": w.gov.code, "year": 2025},
                   {"org": w.dept_b.code, "year": 2025, "format": "xlsx"}):
        assert client.get(url, params).status_code == 404, params
    assert client.get(reverse("metrics:list"), {"org": w.gov.code}).status_code == 404
    headers = bearer(w.legal_a)
    assert client.get("/api/v1/metrics/litigation.first_instance?org=W-b&year=2025", **headers).status_code == 404


def test_department_drilldown_shows_only_visible_rows(w, client):
    """A department role sees its own organisation, not the units below it (fazhi.core.scoping): the drill-down
    and its export must not list a unit's cases."""
    unit = org("测试县市场监管所", kind=OrgKind.UNIT, parent=w.dept_a, code="W-a-u")
    _case(w, w.dept_a, "（2025）苏1181行初902号")
    _case(w, unit, "（2025）苏1181行初903号")
    client.force_login(w.legal_a)
    url = reverse("metrics:drilldown", args=["litigation.first_instance"])
    html = client.get(url, {"org": w.dept_a.code, "year": 2025}).content.decode()
    assert "行初902号" in html and "行初903号" not in html
    text = xlsx_text(client.get(url, {"org": w.dept_a.code, "year": 2025, "format": "xlsx"}).content)
    assert "行初902号" in text and "行初903号" not in text
    # the supervisor, whose role covers the subtree, sees both
    client.force_login(w.supervisor)
    html = client.get(url, {"org": w.dept_a.code, "year": 2025}).content.decode()
    assert "行初902号" in html and "行初903号" in html
