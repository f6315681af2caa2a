"""The public site's pages kept whole (#16): a page of the portal is the same for every visitor, so its HTML (or JSON)
is kept in the process's memory while the tables it was read from are unchanged (metrics.stored.fragment) and the
day is the same. Not kept: anything but a plain 200 answer to a GET, a page that shows a message, sets a cookie,
holds a form's CSRF token or touches the session (the comment forms, their rate limits)."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.http import HttpResponse

from fazhi.core import clock
from fazhi.metrics import stored

PREFIX = "/portal/"
KEPT_TYPES = ("text/html", "application/json")
PLAIN_HEADERS = {"content-type", "content-length"}


class _Refused:
    """A response that may not be kept, carried out of `fragment` to be answered as it is."""

    def __init__(self, response):
        self.response = response


class KeptPortalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "GET" or not request.path.startswith(PREFIX) or len(get_messages(request)):
            return self.get_response(request)

        def render():
            response = self.get_response(request)
            session = getattr(request, "session", None)
            if (response.status_code != 200 or response.streaming or response.cookies
                    or {h.lower() for h in response.headers} - PLAIN_HEADERS
                    or not response.get("Content-Type", "").startswith(KEPT_TYPES)
                    or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or (session is not None and session.modified)
                    or b"csrfmiddlewaretoken" in response.content):
                return _Refused(response)
            return response["Content-Type"], response.content

        kept = stored.fragment(("page", request.get_full_path(), clock.today()), render,
                               keep=lambda value: not isinstance(value, _Refused), weigh=lambda value: len(value[1]))
        if isinstance(kept, _Refused):
            return kept.response
        content_type, body = kept
        return HttpResponse(body, content_type=content_type)
