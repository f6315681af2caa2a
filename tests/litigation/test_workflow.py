"""The workflow kernel: one guard (permission, state, named conditions), an explicit system actor, and the buttons,
routes, API and docs derived from the one declaration."""

import datetime as dt

import pytest

from fazhi.core import validate
from fazhi.core.permissions import ActionError
from fazhi.core.workflow import REGISTRY, SYSTEM
from fazhi.litigation import actions
from fazhi.litigation.choices import CaseStatus
from fazhi.litigation.workflow import CASE

from .factories import make_case

pytestmark = pytest.mark.django_db
D = dt.date


def test_no_actor_no_action(w):
    case = make_case(w)
    with pytest.raises(ActionError, match="未指明操作人"):
        actions.submit_answer(case, actor=None, on=D(2025, 3, 10))
    with pytest.raises(ActionError, match="须由工作人员办理"):
        actions.submit_answer(case, actor=SYSTEM, on=D(2025, 3, 10))
    with pytest.raises(ActionError, match="权限"):
        actions.register_case(actor=None, organisation=w.dept_a, court="法院", case_number="（2025）苏1181行初77号",
                              plaintiffs="张某", contested_act="处罚", act_kind="penalty", received_on=D(2025, 3, 3))
    case.refresh_from_db()
    assert case.status == CaseStatus.PENDING_ANSWER


def test_guard_order_permission_then_state_then_condition(w):
    case = make_case(w)
    assert CASE.refusal(case, "answer", w.legal_b) == f"您没有办理“{w.dept_a.name}”行政应诉案件的权限。"
    assert CASE.refusal(case, "appeal", w.legal_a) == "行政应诉案件当前状态为“待答辩”，不能登记上诉。"
    assert CASE.refusal(case, "answer", w.legal_a) is None
    actions.submit_answer(case, actor=w.legal_a, on=D(2025, 3, 10))
    actions.record_judgment(case, actor=w.legal_a, outcome="mediated", concluded_on=D(2025, 4, 1))
    case.refresh_from_db()
    assert CASE.refusal(case, "appeal", w.legal_a) == "调解结案的案件不能上诉。"
    assert CASE.refusal(case, "nope", w.legal_a) == "没有这个办理步骤。"


def test_buttons_follow_the_declaration(w):
    case = make_case(w)
    names = [t.name for t, _url in CASE.buttons(case, w.legal_a)]
    assert names == ["answer", "hearing", "judgment", "suggestion"]
    assert CASE.buttons(case, w.legal_b) == []
    assert CASE.buttons(case, w.legal_a)[0][1] == f"/litigation/{case.pk}/steps/answer/"


def test_every_declared_transition_is_well_formed():
    assert {"litigation.case", "litigation.suggestion", "reconsideration.case",
            "reconsideration.incidental_review"} <= set(REGISTRY)
    for wf in REGISTRY.values():
        states = set(wf.state_labels)
        for t in wf:
            assert t.form is None or t.run is not None, (wf.name, t.name)
            assert t.target is None or t.target in states, (wf.name, t.name)
            assert t.source == ("*",) or set(t.source) <= states, (wf.name, t.name)
        assert wf.describe()[0].startswith("## ")


def test_api_step_route_runs_the_same_guard(w, client):
    from fazhi.core.models import ApiToken

    case = make_case(w)
    _, key = ApiToken.issue(w.legal_a)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    bad = client.post(f"/api/v1/litigation/cases/{case.pk}/steps/appeal", {"appellant": "plaintiff"},
                      content_type="application/json", **auth)
    assert bad.status_code == 400
    junk = client.post(f"/api/v1/litigation/cases/{case.pk}/steps/answer", {"on": "不是日期"},
                       content_type="application/json", **auth)
    assert junk.status_code == 400 and "提交答辩日期" in junk.json()["detail"]
    ok = client.post(f"/api/v1/litigation/cases/{case.pk}/steps/answer", {"on": "2025-03-10"},
                     content_type="application/json", **auth)
    assert ok.status_code == 200 and ok.json()["status"] == CaseStatus.IN_TRIAL
    _, other = ApiToken.issue(w.legal_b)
    assert client.post(f"/api/v1/litigation/cases/{case.pk}/steps/hearing", {},
                       content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404


@pytest.mark.parametrize("value, message", [
    ("2999-01-01", "不能晚于今天"), ("2025-13-01", "不是有效的日期"), (None, "请填写"), (dt.datetime(2025, 1, 1, tzinfo=dt.UTC), "不是有效"),
])
def test_date_validator(value, message):
    with pytest.raises(ActionError, match=message):
        validate.date(value, "某日期")


def test_date_validator_order_and_money_and_text():
    with pytest.raises(ActionError, match=r"受理日期（2025-03-01）不能早于收到申请日期（2025-03-02）"):
        validate.date(D(2025, 3, 1), "受理日期", after=[(D(2025, 3, 2), "收到申请日期")])
    assert validate.date("2025-03-02", "x") == D(2025, 3, 2)
    assert str(validate.money("1,234.5", "罚款")) == "1234.50"
    for bad in ("-1", "abc", "0.001", "1e13", "NaN"):
        with pytest.raises(ActionError):
            validate.money(bad, "罚款")
    assert validate.text("  主题\x0b内容\x00 ", "主题") == "主题内容"
    with pytest.raises(ActionError, match="不能超过 3 个字"):
        validate.text("一二三四", "名称", max_length=3)
