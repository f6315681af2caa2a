"""The portal's pages kept whole (#16): the same page for every visitor, served from the process's memory while the
tables it was read from are unchanged; never a page that carries a message, a cookie, a form's token or a session
change; at most so many bytes a process."""

import datetime as dt

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext, override_settings

from fazhi.core import clock
from fazhi.metrics import stored as store
from fazhi.metrics.registry import evaluation
from fazhi.portal.middleware import KeptPortalMiddleware


@pytest.fixture
def stored():
    with override_settings(FAZHI_FIGURE_CACHE=True), clock.frozen(dt.date(2026, 6, 1)):
        yield


def _get(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    return response.status_code, response.content.decode(), len(ctx.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_a_portal_page_is_kept_until_its_records_change(stored, client):
    from fazhi.core.choices import OrgKind
    from fazhi.testing.factories import org, world

    w = world()
    status, first, n_first = _get(client, "/portal/orgs/")
    assert status == 200 and w.dept_a.name in first
    status, again, n_again = _get(client, "/portal/orgs/")
    assert again == first and n_again == 1  # the table versions only
    org("测试县司法局", kind=OrgKind.DEPARTMENT, parent=w.gov, code="W-j")
    assert "测试县司法局" in _get(client, "/portal/orgs/")[1]
    assert "测试县司法局" not in _get(client, "/portal/orgs/?q=市场")[1]  # each address its own page


class _Request:
    def __init__(self, rf, path="/portal/x/"):
        from django.contrib.messages.storage.fallback import FallbackStorage
        from django.contrib.sessions.backends.db import SessionStore

        self.request = rf.get(path)
        self.request.session = SessionStore()
        self.request._messages = FallbackStorage(self.request)


def _served(rf, view, path="/portal/x/", before=None):
    """How many times the view ran for two requests through the middleware."""
    calls = []

    def get_response(request):
        calls.append(1)
        return view(request)

    for _ in range(2):
        r = _Request(rf, path).request
        if before:
            before(r)
        with evaluation():
            KeptPortalMiddleware(get_response)(r)
    return len(calls)


@pytest.mark.django_db(transaction=True)
def test_only_plain_answers_are_kept(stored, rf):
    from django.contrib import messages

    def plain(request):
        return HttpResponse("<p>公开</p>")

    def cookie(request):
        r = HttpResponse("<p>公开</p>")
        r.set_cookie("x", "1")
        return r

    def session(request):
        request.session["seen"] = 1
        return HttpResponse("<p>公开</p>")

    def attachment(request):
        r = HttpResponse(b"%PDF", content_type="application/pdf")
        r["Content-Disposition"] = "attachment; filename=a.pdf"
        return r

    def form(request):
        return HttpResponse('<form><input name="csrfmiddlewaretoken" value="t"></form>')

    def missing(request):
        return HttpResponse("没有", status=404)

    assert _served(rf, plain) == 1
    for n, view in enumerate([cookie, session, attachment, form, missing]):
        assert _served(rf, view, path=f"/portal/{n}/") == 2, view.__name__
    assert _served(rf, plain, path="/reports/") == 2  # not the portal
    assert _served(rf, plain, path="/portal/m/", before=lambda r: messages.info(r, "已提交")) == 2


def test_a_process_keeps_at_most_so_many_bytes():
    memo = store._Memo(max_bytes=10)
    memo.put("a", {}, "123456", weight=6)
    memo.put("b", {}, "1234", weight=4)
    assert memo.get("a", {}) == "123456"
    memo.put("c", {}, "12", weight=2)  # 12 bytes: the least recently used goes
    assert memo.get("b", {}) is None and memo.get("a", {}) == "123456" and memo.get("c", {}) == "12"
    memo.put("a", {}, "1", weight=1)  # replaced, not counted twice
    assert memo._bytes == 3
