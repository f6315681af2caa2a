"""Pasting the State Council's holiday notice: parsed for review, checked against the 放假办法, then saved."""

import datetime as dt
from pathlib import Path

import pytest

from fazhi.calendar import notice, workdays
from fazhi.calendar.builtin import builtin_days
from fazhi.calendar.models import HolidaySchedule
from fazhi.core import clock
from fazhi.core.permissions import ActionError
from fazhi.testing.factories import user

DATA = Path(__file__).parent / "data"

# The 2027 notice as an administrator would paste it (dates follow the 2024 放假办法; the text is the test's own).
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至13日（农历正月初八、周六）放假调休，共9天。2月14日（周日）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
五、端午节：6月9日（周三）放假，共1天。
六、中秋节：9月15日（周三）放假，共1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
"""


@pytest.mark.parametrize("year", [2025, 2026])
def test_pasted_notice_gives_exactly_the_bundled_schedule(year):
    parsed = notice.parse_notice((DATA / f"notice_{year}.txt").read_text())
    assert parsed.year == year
    assert set(parsed.days()) == set(builtin_days()[year])
    assert parsed.warnings == []


def test_2026_counts():
    parsed = notice.parse_notice((DATA / "notice_2026.txt").read_text())
    assert (parsed.rest_count, parsed.workday_count) == (33, 6)
    assert notice.statutory_total(2026) == 13 and notice.statutory_total(2024) == 11


def test_full_width_digits_and_one_paragraph():
    text = "关于２０２７年部分节假日安排的通知。一、元旦：１月１日（周五）至３日（周日）放假，共３天。二、国庆节：10月1日(周五)至7日(周四)放假调休，共7天。9月26日（周日）上班。"
    parsed = notice.parse_notice(text)
    assert parsed.year == 2027 and parsed.rest_count == 10 and parsed.workday_count == 1


def test_statutory_check_names_the_missing_days():
    parsed = notice.parse_notice(NOTICE_2027)
    assert parsed.warnings == []
    short = NOTICE_2027.replace("2月5日（农历除夕、周五）至13日（农历正月初八、周六）放假调休，共9天",
                                "2月6日（农历正月初一、周六）至13日（农历正月初八、周六）放假调休，共8天")
    warnings = notice.parse_notice(short).warnings
    assert len(warnings) == 1 and "春节" in warnings[0] and "2月5日" in warnings[0] and "国务院令第795号" in warnings[0]
    # Under the 2013 version 除夕 was not a statutory day.
    assert notice.statutory_days(2020, "春节")[0] == dt.date(2020, 1, 25)
    assert len(notice.statutory_days(2026, "劳动节")) == 2 and len(notice.statutory_days(2024, "劳动节")) == 1


@pytest.mark.parametrize("text, message", [
    ("", "请粘贴"),
    ("一、元旦：1月1日（周五）放假，共1天。", "无法从文本中识别年度"),
    ("关于2027年部分节假日安排的通知\n一、元旦：1月1日（周四）至3日（周日）放假，共3天。", "是星期五"),
    ("关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周日）放假，共4天。", "共4天"),
    ("关于2027年部分节假日安排的通知\n一、元旦：2月30日放假，共1天。", "不是有效日期"),
    ("关于2027年部分节假日安排的通知\n一、国庆节：10月1日至7日放假调休，共7天。10月8日（周五）上班。", "本来就是工作日"),
    ("关于2027年部分节假日安排的通知\n随便写点什么", "未识别到任何节假日条目"),
])
def test_bad_text_gets_a_clear_message(text, message):
    with pytest.raises(ActionError) as e:
        notice.parse_notice(text)
    assert message in e.value.message


def test_year_field_must_agree_with_title():
    with pytest.raises(ActionError, match="不一致"):
        notice.parse_notice(NOTICE_2027, year=2028)


@pytest.mark.django_db
def test_admin_pastes_reviews_and_saves_and_deadlines_stop_being_provisional(client):
    from fazhi.calendar import workdays as wd

    wd.invalidate()
    admin = user("cal_paste_root", superuser=True)
    client.force_login(admin)
    with clock.frozen(dt.date(2027, 1, 4)):
        assert 2027 in workdays.missing_schedule_years(clock.today())
        board = client.get("/rules/board/").content.decode()
        assert "2027年节假日安排尚未录入：相关期限为暂定" in board and "/calendar/paste/?year=2027" in board
        page = client.get("/calendar/paste/?year=2027").content.decode()
        assert 'value="2027"' in page
        preview = client.post("/calendar/paste/", {"text": NOTICE_2027, "confirm": "0"}).content.decode()
        assert "放假 <strong id=\"rest-count\">29</strong> 天" in preview and "确认保存" in preview
        assert not HolidaySchedule.objects.filter(year=2027).exists()  # nothing saved before confirmation
        resp = client.post("/calendar/paste/", {"text": NOTICE_2027, "confirm": "1"})
        assert resp.status_code == 302 and resp["Location"] == "/calendar/2027/"
        schedule = HolidaySchedule.objects.get(year=2027)
        assert schedule.source == "notice" and schedule.days.count() == 29 + 5
        wd.invalidate()
        assert not workdays.is_provisional(dt.date(2027, 6, 9))
        assert workdays.is_working_day(dt.date(2027, 2, 14)) and not workdays.is_working_day(dt.date(2027, 6, 9))
        assert "2027年节假日安排尚未录入" not in client.get("/rules/board/").content.decode()
        bad = client.post("/calendar/paste/", {"text": "关于2027年部分节假日安排的通知\n一、元旦：", "confirm": "1"})
        assert bad.status_code == 200 and "通知文本有以下问题" in bad.content.decode()


@pytest.mark.django_db
def test_only_administrators_may_paste(client, w):
    client.force_login(w.supervisor)
    resp = client.post("/calendar/paste/", {"text": NOTICE_2027, "confirm": "1"})
    assert resp.status_code == 302 and not HolidaySchedule.objects.filter(year=2027).exists()
    with clock.frozen(dt.date(2027, 1, 4)):
        board = client.get("/rules/board/").content.decode()
        assert "2027年节假日安排尚未录入" in board and "请联系系统管理员录入" in board
