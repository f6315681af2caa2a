import datetime as dt

import pytest

from fazhi.reconsideration import actions
from fazhi.reconsideration.choices import ActKind, Channel, Outcome


class Recon:
    """Registers cases in the standard world through the actions, with sensible defaults."""

    def __init__(self, w):
        self.w = w
        self.actor = w.reconsideration

    def register(self, received_on: dt.date, *, respondent=None, name="张三", act_kind=ActKind.PENALTY, **kw):
        defaults = {"act_description": "罚款五千元的行政处罚决定", "channel": Channel.MAIL,
                    "request": "撤销该行政处罚决定", "parties": [{"role": "applicant", "name": name,
                                                             "id_number": "110101199001011234",
                                                             "phone": "13812345678",
                                                             "address": "测试县城关镇幸福路8号"}]}
        defaults.update(kw)
        return actions.register_application(actor=self.actor, organisation=self.w.gov,
                                            respondent=respondent or self.w.dept_a, act_kind=act_kind,
                                            received_on=received_on, **defaults)

    def accepted(self, received_on: dt.date, accepted_on: dt.date | None = None, **kw):
        case = self.register(received_on, **kw)
        return actions.accept_case(case, actor=self.actor, on=accepted_on or received_on + dt.timedelta(days=1))

    def concluded(self, received_on: dt.date, accepted_on: dt.date, closed_on: dt.date, outcome: str, **kw):
        if outcome == Outcome.DISMISSED:
            kw.setdefault("act_kind", ActKind.NONPERFORMANCE)
        case = self.accepted(received_on, accepted_on, **kw)
        if outcome == Outcome.MEDIATED:
            case = actions.mediate_case(case, actor=self.actor, on=closed_on, agreement="双方达成调解协议")
            return actions.sign_mediation(case, actor=self.actor, on=closed_on)
        if outcome in (Outcome.TERMINATED, Outcome.SETTLED):
            return actions.terminate_case(case, actor=self.actor, on=closed_on, reason="申请人撤回申请",
                                          settled=outcome == Outcome.SETTLED)
        return actions.decide_case(case, actor=self.actor, on=closed_on, outcome=outcome, reason="经审理查明",
                                   findings="申请人于2025年1月5日销售过期食品。", not_worse=outcome == Outcome.ALTERED,
                                   redo_days=60 if outcome == Outcome.ORDERED_TO_PERFORM else None)


@pytest.fixture
def recon(w):
    return Recon(w)
