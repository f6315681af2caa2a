"""Kept pieces of pages (#16): `{% kept %}` serves a block's HTML from the process's memory while the tables it was
read from are unchanged. The page is the same as rendered afresh; a change to the records, or to who belongs where,
shows on the next page; one user's piece is never another's; a piece with a form's token is not kept."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from fazhi.core import clock
from fazhi.litigation import actions
from fazhi.metrics import stored as store

_numbers = iter(range(500, 10_000))


@pytest.fixture
def stored():
    with override_settings(FAZHI_FIGURE_CACHE=True), clock.frozen(dt.date(2026, 6, 1)):
        yield


def _case(org, actor):
    return actions.register_case(actor=actor, organisation=org, court="测试县人民法院",
                                 case_number=f"（2026）苏1181行初{next(_numbers)}号", plaintiffs="张某",
                                 contested_act="处罚", act_kind="penalty", received_on=dt.date(2026, 5, 20))


def _dashboard(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/").content.decode()
    return re.sub(r'"[A-Za-z0-9]{64}"', "", html), len(ctx.captured_queries)  # the page's CSRF tokens


@pytest.mark.django_db(transaction=True)
def test_the_dashboard_with_its_pieces_kept_is_the_dashboard(stored, client):
    from fazhi.testing.factories import world

    w = world()
    _case(w.dept_a, w.supervisor)
    first, n_first = _dashboard(client, w.supervisor)
    again, n_again = _dashboard(client, w.supervisor)
    assert again == first and n_again < n_first
    store.forget()
    with override_settings(FAZHI_FIGURE_CACHE=False):
        assert _dashboard(client, w.supervisor)[0] == first


def _answers_due(client, user) -> str:
    """The dashboard's panel of litigation cases waiting for the answer (a kept piece), or ""."""
    found = re.search(r'<section class="card" id="litigation-panel">.*?</section>', _dashboard(client, user)[0], re.S)
    return found.group(0) if found else ""


@pytest.mark.django_db(transaction=True)
def test_a_change_shows_on_the_next_dashboard_and_each_user_sees_their_own(stored, client):
    from fazhi.core.choices import Role
    from fazhi.core.models import Membership
    from fazhi.testing.factories import world

    w = world()
    a = _case(w.dept_a, w.supervisor)
    assert a.case_number in _answers_due(client, w.legal_a)
    assert _answers_due(client, w.legal_b) == ""  # legal_a's piece is not legal_b's
    b = _case(w.dept_b, w.supervisor)
    panel = _answers_due(client, w.legal_b)
    assert b.case_number in panel and a.case_number not in panel
    assert b.case_number not in _answers_due(client, w.legal_a)
    Membership.objects.create(user=w.legal_a, organisation=w.dept_b, role=Role.LEGAL_OFFICER)
    assert b.case_number in _answers_due(client, w.legal_a)  # who belongs where changed


@pytest.mark.django_db(transaction=True)
def test_a_piece_holding_a_form_token_is_not_kept(stored, rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    from fazhi.metrics.registry import evaluation

    request = rf.get("/")
    request.user = AnonymousUser()
    tpl = Template('{% load fazhi_tags %}{% kept "form" %}<form>{% csrf_token %}</form>{% endkept %}'
                   '{% kept "plain" %}<p>一</p>{% endkept %}')
    from django.middleware.csrf import get_token

    get_token(request)
    with evaluation():
        html = tpl.render(Context({"request": request, "csrf_token": get_token(request)}))
    assert "csrfmiddlewaretoken" in html
    kept = [key[2] for key in store._fragments._items]
    assert kept == ["plain"]
