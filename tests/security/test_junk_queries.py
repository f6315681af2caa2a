"""Junk in the address bar is a message, never a 500: every list page (every ScopedListView in the URL conf) and the
figure pages get junk for each filter, the search box and paging."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from fazhi.core.listing import ScopedListView

JUNK = ["abc", "-1", "0", "99999999999999999999", "'; drop table x; --", "\x00", "<script>", "２０２６", "1e9", "%"]


def _list_urls():
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                view = getattr(p.callback, "view_class", None)
                if view is not None and issubclass(view, ScopedListView) and "<" not in str(p.pattern) + prefix:
                    yield "/" + prefix + str(p.pattern), view
    return sorted(set(walk(get_resolver().url_patterns)), key=lambda x: x[0])


def test_there_are_list_pages():
    urls = [u for u, _ in _list_urls()]
    assert "/litigation/" in urls and "/reconsideration/" in urls and "/orgs/" in urls or len(urls) > 5


@pytest.mark.django_db
def test_junk_filters_search_and_paging_never_500(client, w):
    client.force_login(w.supervisor)
    for url, view in _list_urls():
        instance = view()
        instance.request = None
        params = {"q", "page", "format"}
        try:
            from django.test import RequestFactory

            instance.request = RequestFactory().get(url)
            instance.request.user = w.supervisor
            params |= {f.param for f in instance.get_filters()}
        except Exception:  # noqa: BLE001 - filters that need more context still get the generic parameters
            pass
        for param in sorted(params):
            for junk in JUNK:
                if param == "format" and junk == "%":
                    continue
                resp = client.get(url, {param: junk})
                assert resp.status_code in (200, 302, 400, 404), (url, param, junk, resp.status_code)
                if junk == "\x00":
                    assert resp.status_code == 400 and "非法的空字符" in resp.content.decode()
        page = client.get(url, {"year": "abc", "page": "abc"})
        assert page.status_code in (200, 404), url


@pytest.mark.django_db
def test_every_valid_filter_choice_opens_the_list(client, w):
    """Each choice a list offers works too (a boolean lookup once got "True" as text and answered 500)."""
    from django.test import RequestFactory

    client.force_login(w.supervisor)
    for url, view in _list_urls():
        instance = view()
        instance.request = RequestFactory().get(url)
        instance.request.user = w.supervisor
        try:
            filters = instance.get_filters()
        except Exception:  # noqa: BLE001
            continue
        for f in filters:
            for value, _label in f.choices:
                resp = client.get(url, {f.param: value})
                assert resp.status_code == 200, (url, f.param, value, resp.status_code)


@pytest.mark.django_db
def test_bad_year_on_case_lists_is_ignored_with_a_message(client, w):
    client.force_login(w.supervisor)
    for url in ("/litigation/", "/reconsideration/"):
        resp = client.get(url, {"year": "abc"})
        assert resp.status_code == 200
        assert "筛选条件的值无效，已忽略" in resp.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/metrics/", "/litigation/stats/", "/reconsideration/stats/", "/reports/"])
def test_figure_pages_with_junk_year(client, w, url):
    client.force_login(w.supervisor)
    for junk in JUNK:
        assert client.get(url, {"year": junk, "org": junk}).status_code in (200, 302, 400, 404), (url, junk)


@pytest.mark.django_db
def test_nul_in_path_and_form_is_refused(client, w):
    client.force_login(w.supervisor)
    assert client.get("/orgs/%00/").status_code == 400
    assert client.post("/litigation/new/", {"court": "法院\x00"}).status_code == 400
    assert client.get("/portal/", {"q": "\x00"}).status_code == 400
