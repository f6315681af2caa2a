"""Holiday schedules and rule overrides change every deadline: only administrators may change them, whatever the
page or the URL posted to."""

import datetime as dt

from django.urls import reverse

from fazhi.calendar import actions as cal_actions
from fazhi.calendar.models import HolidaySchedule, SpecialDay
from fazhi.core.choices import Role
from fazhi.rules.models import Deadline, RuleOverride
from fazhi.testing.factories import user

from .conftest import bearer


def test_non_administrators_cannot_change_the_calendar(w, client):
    admin = user("w_admin", organisation=w.gov, role=Role.ADMIN)
    schedule = cal_actions.save_schedule(actor=admin, year=2031, days=[(dt.date(2031, 10, 1), "holiday", "国庆节")],
                                         reason="国务院办公厅通知")
    day = schedule.days.get()
    for attacker in (w.supervisor, w.legal_a, w.outsider):
        client.force_login(attacker)
        client.post(reverse("workcalendar:schedule_create"), {"year": 2032, "days": "2032-10-01 放假 国庆节"})
        client.post(reverse("workcalendar:schedule_detail", args=[2031]),
                    {"date": "2031-10-02", "kind": "holiday", "name": "x", "reason": "x"})
        client.post(reverse("workcalendar:day_delete", args=[2031, day.pk]), {"reason": "x"})
        client.post(reverse("workcalendar:schedule_delete", args=[2031]), {"reason": "x"})
    assert not HolidaySchedule.objects.filter(year=2032).exists()
    assert list(SpecialDay.objects.filter(schedule__year=2031).values_list("pk", flat=True)) == [day.pk]


def test_non_administrators_cannot_override_rules(w, client):
    from fazhi.core.models import Region

    region = Region.objects.create(code="990121", name="测试县")
    for attacker in (w.supervisor, w.legal_a):
        client.force_login(attacker)
        client.post(reverse("rules:override_create"), {"rule_id": "litigation.answer", "region": region.pk,
                                                       "length": 99, "unit": "calendar_days", "reason": "x"})
    assert not RuleOverride.objects.exists()


def test_deadlines_of_other_departments_are_404(w, client):
    from fazhi.litigation import actions as lit_actions
    from fazhi.litigation.choices import ActKind

    case = lit_actions.register_case(actor=w.supervisor, organisation=w.dept_a, court="测试县人民法院",
                                     case_number="（2025）苏1181行初701号", plaintiffs="张某",
                                     contested_act="行政处罚决定", act_kind=ActKind.PENALTY,
                                     received_on=dt.date(2025, 3, 3))
    deadline = Deadline.objects.get(object_id=case.pk, rule_id="litigation.answer")
    client.force_login(w.legal_b)
    assert client.get(reverse("rules:deadline_detail", args=[deadline.pk])).status_code == 404
    assert client.get(f"/api/v1/rules/deadlines/{deadline.pk}", **bearer(w.legal_b)).status_code == 404
    client.force_login(w.legal_a)
    assert client.get(reverse("rules:deadline_detail", args=[deadline.pk])).status_code == 200


def test_administrators_override_rules_only_in_their_own_region(w):
    import pytest

    from fazhi.core.models import Region
    from fazhi.core.permissions import ActionError
    from fazhi.rules import actions as rule_actions

    province = Region.objects.create(code="990000", name="测试省")
    county = Region.objects.create(code="990121", name="测试县", parent=province)
    other = Region.objects.create(code="990122", name="另一县", parent=province)
    w.gov.region = county
    w.gov.save()
    admin = user("w_admin", organisation=w.gov, role=Role.ADMIN)
    with pytest.raises(ActionError, match="区划"):
        rule_actions.save_override(actor=admin, rule_id="litigation.answer", region=other, length=20)
    with pytest.raises(ActionError, match="区划"):
        rule_actions.save_override(actor=admin, rule_id="litigation.answer", region=province, length=20)
    o = rule_actions.save_override(actor=admin, rule_id="litigation.answer", region=county, length=20)
    assert o.region == county
    theirs = RuleOverride.objects.create(rule_id="litigation.answer", region=other, length=25)
    with pytest.raises(ActionError, match="区划"):
        rule_actions.delete_override(theirs, actor=admin)
    assert RuleOverride.objects.filter(pk=theirs.pk).exists()
