import datetime as dt
import io

from openpyxl import load_workbook

from fazhi.core.models import AuditEvent
from fazhi.litigation.choices import Appearance, CaseStatus, Outcome
from fazhi.litigation.models import Hearing, LitigationCase
from fazhi.testing.scoping import check_scoping

from .factories import make_case

D = dt.date


def test_case_scoping_pages_and_api(w, client):
    check_scoping(w, make=lambda org: make_case(w, org), model=LitigationCase, client=client,
                  page_url=lambda c: c.get_absolute_url(), api_url=lambda c: f"/api/v1/litigation/cases/{c.pk}")


def test_hearing_scoping(w, client):
    def make(org):
        case = make_case(w, org)
        from fazhi.litigation import actions

        return actions.record_hearing(case, actor=w.supervisor, held_on=D(2025, 4, 1), appearance=Appearance.HEAD,
                                      attendee="局长")

    check_scoping(w, make=make, model=Hearing, client=client)


def test_step_pages_for_other_departments_are_404(w, client):
    case = make_case(w, w.dept_a)
    client.force_login(w.legal_b)
    for step in ("steps/answer", "steps/hearing", "steps/judgment", "steps/appeal", "edit", "steps/suggestion"):
        assert client.get(f"/litigation/{case.pk}/{step}/").status_code == 404
        assert client.post(f"/litigation/{case.pk}/{step}/", {"on": "2025-03-05"}).status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.PENDING_ANSWER


def test_register_through_the_page(w, client):
    client.force_login(w.legal_a)
    resp = client.post("/litigation/new/", {
        "organisation": w.dept_a.pk, "court": "清源县人民法院", "case_number": "（2025）苏1181行初12号",
        "plaintiffs": "张某", "contested_act": "行政处罚决定", "act_kind": "penalty", "received_on": "2025-03-03"})
    case = LitigationCase.objects.get()
    assert resp.status_code == 302 and resp["Location"] == case.get_absolute_url()
    page = client.get(case.get_absolute_url()).content.decode()
    assert "（2025）苏1181行初12号" in page and "2025-03-18" in page and "登记行政应诉案件" in page


def test_register_page_shows_the_action_error_and_saves_nothing(w, client):
    client.force_login(w.legal_a)
    resp = client.post("/litigation/new/", {
        "organisation": w.dept_a.pk, "court": "清源县人民法院", "case_number": "2025行初12号",
        "plaintiffs": "张某", "contested_act": "行政处罚决定", "act_kind": "penalty", "received_on": "2025-03-03"})
    assert resp.status_code == 200
    assert "格式不正确" in resp.content.decode()
    assert not LitigationCase.objects.exists()


def test_a_department_cannot_register_for_another(w, client):
    client.force_login(w.legal_a)
    resp = client.post("/litigation/new/", {
        "organisation": w.dept_b.pk, "court": "清源县人民法院", "case_number": "（2025）苏1181行初12号",
        "plaintiffs": "张某", "contested_act": "行政处罚决定", "act_kind": "penalty", "received_on": "2025-03-03"})
    assert resp.status_code == 200 and not LitigationCase.objects.exists()


def test_steps_through_the_pages(w, client):
    case = make_case(w, w.dept_a, received_on=D(2025, 3, 3))
    client.force_login(w.legal_a)
    url = case.get_absolute_url()
    assert client.post(f"{url}steps/answer/", {"on": "2025-03-10"}).status_code == 302
    resp = client.post(f"{url}steps/hearing/", {"held_on": "2025-04-01", "appearance": "lawyer", "attendee": "律师"})
    assert resp.status_code == 200 and "请填写负责人未出庭原因" in resp.content.decode()
    assert client.post(f"{url}steps/hearing/", {"held_on": "2025-04-01", "appearance": "head",
                                          "attendee": "王某（局长）"}).status_code == 302
    assert client.post(f"{url}steps/judgment/", {"outcome": "revoked", "concluded_on": "2025-05-01"}).status_code == 302
    assert client.post(f"{url}steps/appeal/", {"appellant": "defendant", "court": "示范市中级人民法院",
                                         "case_number": "（2025）苏11行终9号", "filed_on": "2025-05-10"}).status_code == 302
    refused = client.post(f"{url}steps/appeal_decision/", {"outcome": "reversed", "decided_on": "2025-08-01"})
    assert refused.status_code == 200 and "改判结果" in refused.content.decode()  # 改判 says what it decided
    assert client.post(f"{url}steps/appeal_decision/", {"outcome": "reversed", "final_outcome": "revoked",
                                                        "decided_on": "2025-08-01"}).status_code == 302
    assert client.post(f"{url}steps/suggestion/", {"court": "清源县人民法院", "received_on": "2025-08-05",
                                                  "content": "完善听证程序"}).status_code == 302
    sid = case.suggestions.get().pk
    assert client.post(f"{url}suggestions/{sid}/steps/reply/", {"replied_on": "2025-08-20",
                                                          "reply": "已完善"}).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.outcome == Outcome.REVOKED
    assert AuditEvent.objects.for_object(case).count() == 8
    page = client.get(url).content.decode()
    assert "判决撤销" in page and "依法改判" in page and "完善听证程序" in page


def test_list_filters_and_export(w, client):
    a = make_case(w, w.dept_a, plaintiffs="甲公司")
    b = make_case(w, w.dept_b, plaintiffs="乙公司")
    from fazhi.litigation import actions

    actions.record_judgment(b, actor=w.supervisor, outcome=Outcome.REVOKED, concluded_on=D(2025, 5, 1))
    client.force_login(w.supervisor)
    page = client.get("/litigation/").content.decode()
    assert a.case_number in page and b.case_number in page
    page = client.get("/litigation/", {"result": "lost"}).content.decode()
    assert b.case_number in page and a.case_number not in page
    page = client.get("/litigation/", {"defendant": w.dept_a.code}).content.decode()
    assert a.case_number in page and b.case_number not in page
    page = client.get("/litigation/", {"q": "乙公司"}).content.decode()
    assert b.case_number in page and a.case_number not in page
    page = client.get("/litigation/", {"year": "2025", "status": "concluded"}).content.decode()
    assert b.case_number in page and a.case_number not in page
    resp = client.get("/litigation/", {"format": "xlsx", "result": "lost"})
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "案号" and len(rows) == 2 and rows[1][0] == b.case_number
    client.force_login(w.legal_a)
    page = client.get("/litigation/").content.decode()
    assert a.case_number in page and b.case_number not in page


def test_stats_page(w, client):
    case = make_case(w, w.dept_a, received_on=D(2025, 3, 3))
    from fazhi.litigation import actions

    actions.record_hearing(case, actor=w.supervisor, held_on=D(2025, 4, 1), appearance=Appearance.HEAD, attendee="局长")
    actions.record_judgment(case, actor=w.supervisor, outcome=Outcome.REVOKED, concluded_on=D(2025, 5, 1))
    client.force_login(w.supervisor)
    resp = client.get("/litigation/stats/", {"org": w.gov.code, "year": 2025})
    html = resp.content.decode()
    assert resp.status_code == 200 and "echarts.min.js" in html and "litigation-chart-data" in html
    assert resp.context["chart_data"]["per_month"][2] == 1
    row = resp.context["by_defendant"][0]
    assert row["loss_rate"] == "100.0" and row["loss_value"] == 100.0
    client.force_login(w.legal_b)
    assert client.get("/litigation/stats/", {"org": w.gov.code}).status_code == 404


def test_api_list_is_scoped(w, client):
    from fazhi.core.models import ApiToken

    a = make_case(w, w.dept_a)
    make_case(w, w.dept_b)
    _, key = ApiToken.issue(w.legal_a)
    data = client.get("/api/v1/litigation/cases", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert [c["case_number"] for c in data] == [a.case_number]
    _, key = ApiToken.issue(w.supervisor)
    data = client.get("/api/v1/litigation/cases", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert len(data) == 2
    detail = client.get(f"/api/v1/litigation/cases/{a.pk}", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert detail["answer_due"] == "2025-03-18" and detail["hearings"] == [] and detail["appeal"] is None


def test_dashboard_panel_lists_open_answers(w, client):
    case = make_case(w, w.dept_a)
    client.force_login(w.legal_a)
    html = client.get("/").content.decode()
    assert "待答辩案件" in html and case.case_number in html
    client.force_login(w.legal_b)
    assert case.case_number not in client.get("/").content.decode()


def test_admin_and_openapi(w, client):
    from fazhi.testing.factories import user

    make_case(w, w.dept_a)
    client.force_login(user("l_admin", superuser=True))
    assert client.get("/admin/litigation/litigationcase/").status_code == 200
    case = LitigationCase.objects.get()
    assert client.get(f"/admin/litigation/litigationcase/{case.pk}/change/").status_code == 200
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/litigation/cases/{case_id}" in schema["paths"]
