"""Helpers for the security tests: records owned by department A (or the government) built through the actions."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from fazhi.core.models import ApiToken
from fazhi.reconsideration import actions as rc_actions
from fazhi.reconsideration.choices import ActKind, Channel, Outcome

D = dt.date


def register_case(w, *, respondent=None, name="张三丰", received_on=None, **kw):
    data = {"act_description": f"对{name}作出的罚款五千元的行政处罚决定", "channel": Channel.MAIL,
            "request": "撤销该行政处罚决定",
            "parties": [{"role": "applicant", "name": name, "id_number": "110101199001011234",
                         "phone": "13812345678", "address": "测试县城关镇幸福路8号"}]}
    data.update(kw)
    return rc_actions.register_application(actor=w.reconsideration, organisation=w.gov,
                                           respondent=respondent or w.dept_a, act_kind=ActKind.PENALTY,
                                           received_on=received_on or D(2025, 3, 3), **data)


def concluded_case(w, **kw):
    case = register_case(w, **kw)
    case = rc_actions.accept_case(case, actor=w.reconsideration, on=D(2025, 3, 4))
    return rc_actions.decide_case(case, actor=w.reconsideration, on=D(2025, 4, 10), outcome=Outcome.REVOKED,
                                  reason="经审理查明，事实不清")


def bearer(user) -> dict:
    _, key = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def xlsx_text(content: bytes) -> str:
    """Every cell of an exported workbook, as one string (the file itself is compressed)."""
    wb = load_workbook(io.BytesIO(content))
    return " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)
