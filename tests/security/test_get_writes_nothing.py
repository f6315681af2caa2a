"""A GET never changes records: opening any page (every URL without parameters) as the county supervisor and as a
department officer leaves every table of the platform as it was, and writes no audit event."""

import datetime as dt

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from fazhi.core import clock

from .conftest import register_case

pytestmark = pytest.mark.django_db
SKIP = ("accounts/logout/", "admin/", "api/", "healthz")


def _plain_urls():
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and not p.pattern.converters and "<" not in prefix:
                route = prefix + str(p.pattern)
                if not route.startswith(SKIP):
                    yield "/" + route
    return sorted(set(walk(get_resolver().url_patterns)))


# Not records: figures kept between requests and the table versions that say whether they still hold (#16).
CACHES = {"metrics.FigureCache", "metrics.QueryCache", "metrics.TableVersion"}


def _counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()
            if m.__module__.startswith("fazhi.") and m._meta.label not in CACHES}


def test_opening_pages_writes_nothing(w, client):
    register_case(w, received_on=dt.date(2025, 3, 3))  # its acceptance period ran out long ago: deemed acceptance
    urls = _plain_urls()
    assert len(urls) > 20
    before = _counts()
    with clock.frozen(dt.date(2025, 6, 1)):
        for user in (w.supervisor, w.legal_a):
            client.force_login(user)
            for url in urls:
                assert client.get(url).status_code in (200, 302, 404, 405), url
    assert _counts() == before
