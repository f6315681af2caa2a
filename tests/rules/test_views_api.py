import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core.models import ApiToken
from fazhi.rules import deadlines as dl
from fazhi.rules.models import Deadline
from fazhi.testing.scoping import check_scoping

D = dt.date
pytestmark = pytest.mark.django_db


def _make(org):
    return dl.start_deadline(org, "disclosure.reply", D(2024, 9, 27), actor=None, organisation=org,
                             label="某申请人依申请公开")


def test_deadline_scoping(w, client):
    check_scoping(w, make=_make, model=Deadline, client=client, page_url=lambda d: d.get_absolute_url(),
                  api_url=lambda d: f"/api/v1/rules/deadlines/{d.pk}")


def test_board_shows_only_visible_and_filters_by_bucket(w, client):
    mine = _make(w.dept_a)
    _make(w.dept_b)
    provisional = dl.start_deadline(w.dept_a, "reconsideration.decision", D(2026, 12, 1), actor=None,
                                    organisation=w.dept_a, label="跨年复议案件")
    client.force_login(w.legal_a)
    page = client.get("/rules/board/").content.decode()
    assert "某申请人依申请公开" in page and page.count("某申请人依申请公开") == 1
    page = client.get("/rules/board/?bucket=provisional").content.decode()
    assert "跨年复议案件" in page and "某申请人依申请公开" not in page
    page = client.get("/rules/board/?bucket=overdue").content.decode()
    assert "某申请人依申请公开" in page  # due 2024-10-30, long past
    resp = client.get("/rules/board/?format=xlsx")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(w.supervisor)
    page = client.get("/rules/board/").content.decode()
    assert page.count("某申请人依申请公开") == 2
    assert mine.pk and provisional.provisional


def test_detail_page_explains(w, client):
    d = _make(w.dept_a)
    client.force_login(w.legal_a)
    page = client.get(d.get_absolute_url()).content.decode()
    assert "第三十三条" in page and "2024-10-30" in page and "变更历史" in page


def test_catalogue_and_compute_pages(w, client):
    client.force_login(w.legal_a)
    page = client.get("/rules/").content.decode()
    for rule_id in ("reconsideration.decision", "normdoc.filing", "annual_report.publication"):
        assert rule_id in page
    assert "2017年修正" in page  # the older version of the reconsideration law
    page = client.get("/rules/compute/?rule_id=disclosure.reply&start=2024-09-27").content.decode()
    assert "2024-10-30" in page


def test_dashboard_panel(w, client):
    _make(w.dept_a)
    client.force_login(w.legal_a)
    page = client.get("/").content.decode()
    assert "我的期限" in page and "逾期 1 项" in page


def test_override_pages_need_an_administrator(w, client):
    client.force_login(w.legal_a)
    resp = client.post("/rules/overrides/new/", {"rule_id": "normdoc.filing", "length": 30})
    assert resp.status_code == 302
    from fazhi.rules.models import RuleOverride

    assert not RuleOverride.objects.exists()


def test_api_lists_and_computes(w, client):
    _make(w.dept_a)
    _make(w.dept_b)
    _, key = ApiToken.issue(w.legal_a)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    rows = client.get("/api/v1/rules/deadlines", **auth).json()
    assert len(rows) == 1 and rows[0]["display_status"] == "overdue"
    r = client.get("/api/v1/rules/compute?rule=disclosure.reply&start=2024-09-27", **auth).json()
    assert r["due"] == "2024-10-30"
    assert client.get("/api/v1/rules/compute?rule=nope&start=2024-09-27", **auth).status_code == 400
    rules = client.get("/api/v1/rules/rules", **auth).json()
    assert any(r["id"] == "reconsideration.decision" and len(r["versions"]) == 2 for r in rules)


def test_deadline_command(capsys):
    call_command("deadline", "disclosure.reply", "2024-09-27", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["due"] == "2024-10-30" and out["provisional"] is False
    assert set(out) == {"rule", "start", "due", "provisional", "explanation", "citation"}
    call_command("deadline", "reconsideration.decision", "2024-03-04", "--pause", "2024-03-10:2024-03-20:中止")
    assert "2024-05-13" in capsys.readouterr().out
    with pytest.raises(CommandError, match="未知的期限规则"):
        call_command("deadline", "no.rule", "2024-09-27")
    with pytest.raises(CommandError, match="不是有效日期"):
        call_command("deadline", "disclosure.reply", "2024-02-30")
    with pytest.raises(CommandError, match="格式"):
        call_command("deadline", "disclosure.reply", "2024-02-01", "--pause", "2024-02-03")


def _recon_case(w, name):
    from fazhi.reconsideration import actions as recon
    from fazhi.reconsideration.choices import ActKind, Channel

    return recon.register_application(
        actor=w.reconsideration, organisation=w.gov, respondent=w.dept_a, act_kind=ActKind.PENALTY,
        received_on=D(2024, 9, 2), act_description="罚款五千元的行政处罚决定", channel=Channel.MAIL,
        request="撤销该行政处罚决定", parties=[{"role": "applicant", "name": name}])


def test_board_names_each_deadlines_case_with_a_link_and_no_query_per_row(w, client):
    import io

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from openpyxl import load_workbook

    first = _recon_case(w, "张三")
    client.force_login(w.reconsideration)
    with CaptureQueriesContext(connection) as one_case:
        page = client.get("/rules/board/").content.decode()
    assert "<th>案件</th>" in page
    assert f'<a href="{first.get_absolute_url()}">{first.number}</a>' in page
    others = [_recon_case(w, name) for name in ("李四", "王五", "赵六")]
    with CaptureQueriesContext(connection) as four_cases:
        page = client.get("/rules/board/").content.decode()
    for case in others:
        assert f'<a href="{case.get_absolute_url()}">{case.number}</a>' in page
    assert len(four_cases) == len(one_case)
    sheet = load_workbook(io.BytesIO(client.get("/rules/board/?format=xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "案件" and {r[1] for r in rows[1:]} == {c.number for c in [first, *others]}
