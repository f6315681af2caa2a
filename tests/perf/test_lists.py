"""Lists search through to-many relations without repeating rows and without DISTINCT over the whole list."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.reconsideration import actions
from fazhi.reconsideration.choices import ActKind, Channel

pytestmark = pytest.mark.django_db


def test_a_case_with_two_matching_parties_is_listed_once(w, client):
    parties = [{"role": "applicant", "name": name, "id_number": "", "phone": "", "address": "测试县"}
               for name in ("张三", "张四")]
    case = actions.register_application(
        actor=w.reconsideration, organisation=w.gov, respondent=w.dept_a, act_kind=ActKind.PENALTY,
        received_on=dt.date(2025, 4, 1), act_description="罚款决定", channel=Channel.MAIL, request="撤销",
        parties=parties)
    client.force_login(w.reconsideration)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/reconsideration/", {"q": "张"}).content.decode()
    assert page.count(f'href="{case.get_absolute_url()}"') == 1
    assert not any("DISTINCT" in q["sql"] for q in ctx.captured_queries if "reconsideration_case" in q["sql"])
    assert client.get("/officers/", {"q": "ZF"}).status_code == 200
