"""Attacks on 行政应诉 cases: pages, steps, exports and the API of another department's case."""

import datetime as dt

from django.urls import reverse

from fazhi.litigation import actions
from fazhi.litigation.choices import ActKind, CaseStatus
from fazhi.litigation.models import LitigationCase
from fazhi.testing.scoping import check_scoping

from .conftest import bearer, xlsx_text


def _case(w, organisation, number="（2025）苏1181行初801号"):
    return actions.register_case(actor=w.supervisor, organisation=organisation, court="测试县人民法院",
                                 case_number=number, plaintiffs="张某", contested_act="行政处罚决定",
                                 act_kind=ActKind.PENALTY, received_on=dt.date(2025, 3, 3))


def test_case_scoping_kit(w, client):
    check_scoping(w, make=lambda o: _case(w, o), model=LitigationCase, client=client,
                  page_url=lambda c: reverse("litigation:detail", args=[c.pk]),
                  api_url=lambda c: f"/api/v1/litigation/cases/{c.pk}")


def test_other_department_cannot_reach_or_act_on_the_case(w, client):
    case = _case(w, w.dept_a)
    suggestion = actions.record_suggestion(case, actor=w.supervisor, court="测试县人民法院",
                                           received_on=dt.date(2025, 3, 10), content="建议规范执法程序")
    client.force_login(w.legal_b)
    step_urls = [reverse("litigation:edit", args=[case.pk])]
    step_urls += [reverse("litigation:step", args=[case.pk, n]) for n in
                  ("answer", "hearing", "judgment", "appeal", "appeal_decision", "suggestion", "update", "nope")]
    step_urls.append(reverse("litigation:suggestion_step", args=[case.pk, suggestion.pk, "reply"]))
    for url in step_urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"on": "2025-03-10", "reply": "x", "replied_on": "2025-03-20"}).status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.PENDING_ANSWER
    for params in ({"format": "xlsx"}, {"format": "xlsx", "defendant": w.dept_a.code},
                   {"format": "xlsx", "q": "801"}):
        resp = client.get(reverse("litigation:list"), params)
        assert resp.status_code == 200 and "801" not in xlsx_text(resp.content), params
    assert "801" not in client.get("/api/v1/litigation/cases", **bearer(w.legal_b)).content.decode()


def test_enforcement_officer_of_the_department_cannot_act(w, client):
    case = _case(w, w.dept_a)
    client.force_login(w.officer_a)
    client.post(reverse("litigation:step", args=[case.pk, "answer"]), {"on": "2025-03-10"})
    case.refresh_from_db()
    assert case.status == CaseStatus.PENDING_ANSWER


def test_a_suggestion_of_another_case_cannot_be_answered_through_mine(w, client):
    mine = _case(w, w.dept_a)
    theirs = _case(w, w.dept_b, "（2025）苏1181行初802号")
    s = actions.record_suggestion(theirs, actor=w.supervisor, court="测试县人民法院",
                                  received_on=dt.date(2025, 3, 10), content="建议")
    client.force_login(w.legal_a)
    url = reverse("litigation:suggestion_step", args=[mine.pk, s.pk, "reply"])
    assert client.post(url, {"replied_on": "2025-03-20", "reply": "已整改"}).status_code == 404
    s.refresh_from_db()
    assert not s.replied_on
