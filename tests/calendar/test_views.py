import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from fazhi.calendar.models import HolidaySchedule, SpecialDay
from fazhi.core.models import AuditEvent
from fazhi.testing.factories import user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return user("cal_root", superuser=True)


def test_everyone_reads_only_admins_edit(w, client):
    client.force_login(w.legal_a)
    page = client.get("/calendar/").content.decode()
    assert "2026" in page and 'id="last-known">2026' in page and "录入年度安排" not in page
    assert "国庆节" in client.get("/calendar/2024/").content.decode()
    client.post("/calendar/2024/", {"date": "2024-06-03", "kind": "holiday", "name": "x"})
    assert not SpecialDay.objects.filter(date=dt.date(2024, 6, 3)).exists()
    resp = client.post("/calendar/new/", {"year": 2027, "days": "2027-01-01 放假 元旦"})
    assert resp.status_code == 302 and not HolidaySchedule.objects.filter(year=2027).exists()


def test_calculator(w, client):
    client.force_login(w.legal_a)
    page = client.get("/calendar/?start=2024-09-27&days=20").content.decode()
    assert "2024-10-30" in page


def test_admin_creates_edits_and_deletes_a_year(client, admin_user):
    client.force_login(admin_user)
    resp = client.post("/calendar/new/", {"year": 2027, "notice": "国办发明电〔2026〕X号",
                                          "days": "2027-01-01 放假 元旦\n2027-02-06 调休上班 春节调休"})
    assert resp.status_code == 302
    s = HolidaySchedule.objects.get(year=2027)
    assert s.days.count() == 2
    client.post("/calendar/2027/", {"date": "2027-02-08", "kind": "holiday", "name": "春节"})
    assert s.days.count() == 3
    page = client.post("/calendar/2027/", {"date": "2027-02-09", "kind": "workday", "name": "错"}).content.decode()
    assert "无需设为调休上班" in page
    day = s.days.get(date=dt.date(2027, 2, 8))
    client.post(f"/calendar/2027/days/{day.pk}/delete/")
    assert s.days.count() == 2
    client.post("/calendar/2027/delete/", {"reason": ""})
    assert HolidaySchedule.objects.filter(year=2027).exists()  # a reason is required
    client.post("/calendar/2027/delete/", {"reason": "录入错误"})
    assert not HolidaySchedule.objects.filter(year=2027).exists()
    verbs = set(AuditEvent.objects.filter(object_type="workcalendar.holidayschedule").values_list("verb", flat=True))
    assert {"新增节假日安排", "设置节假日", "删除节假日", "删除节假日安排"} <= verbs


def test_excel_import_with_template(client, admin_user):
    client.force_login(admin_user)
    resp = client.get("/calendar/import/?template=1")
    wb = load_workbook(io.BytesIO(resp.content))
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == ["日期*", "类型*", "名称"]
    buf = io.BytesIO(resp.content)
    buf.name = "2027.xlsx"
    page = client.post("/calendar/import/", {"file": buf, "dry_run": "on"}).content.decode()
    assert "校验通过" in page and not HolidaySchedule.objects.filter(year=2027).exists()
    buf = io.BytesIO(resp.content)
    buf.name = "2027.xlsx"
    resp = client.post("/calendar/import/", {"file": buf})
    assert resp.status_code == 302
    assert HolidaySchedule.objects.get(year=2027).source == "import"


def test_api(w, client):
    from fazhi.core.models import ApiToken

    _, key = ApiToken.issue(w.legal_a)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    r = client.get("/api/v1/calendar/add?start=2024-09-27&days=20", **auth).json()
    assert r == {"start": "2024-09-27", "days": 20, "result": "2024-10-30", "provisional": False}
    assert client.get("/api/v1/calendar/add?start=1900-01-01&days=1", **auth).status_code == 400
    rows = client.get("/api/v1/calendar/schedules?year=2024", **auth).json()
    assert len(rows) == 1 and {"date": "2024-10-01", "kind": "holiday", "name": "国庆节"} in rows[0]["days"]


def test_schedule_pages_and_history_speak_chinese(client, admin_user):
    from fazhi.calendar import actions

    actions.save_schedule(actor=admin_user, year=2030, days=[(dt.date(2030, 1, 1), "holiday", "元旦")],
                          notice="国办发明电〔2029〕X号")
    schedule = actions.save_schedule(actor=admin_user, year=2030, source="import",
                                     days=[(dt.date(2030, 1, 1), "holiday", "元旦")])
    actions.set_day(schedule, actor=admin_user, date=dt.date(2030, 2, 9), kind="workday", name="春节调休")
    client.force_login(admin_user)
    assert "<td>表格导入</td>" in client.get("/calendar/").content.decode()
    page = client.get("/calendar/2030/").content.decode()
    assert "来源：表格导入" in page  # the schedule's source, and in its history:
    assert "来源：手工录入" in page and "节假日与调休日：2030-01-01 放假 元旦" in page
    assert "日期：2030-02-09；类型：调休上班；名称：春节调休" in page
    history = page[page.index("变更历史"):]
    for english in ("import", "manual", "holiday", "workday", "days：", "kind：", "date：", "name："):
        assert english not in history, english
    detail = client.get(AuditEvent.objects.for_object(schedule).first().get_absolute_url()).content.decode()
    assert "<td>类型</td><td></td><td>调休上班</td>" in detail
