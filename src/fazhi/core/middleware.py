from django.conf import settings
from django.contrib.auth.views import redirect_to_login

# Paths that do not need a logged-in user: the public portal, static files, the login page, the API (which has its
# own token authentication) and the admin (which has its own login page).
PUBLIC_PREFIXES = ("/portal/", "/static/", "/accounts/login/", "/api/", "/admin/", "/favicon.ico", "/healthz")


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


class SessionRenewalMiddleware:
    """The idle timeout (SESSION_COOKIE_AGE) without a database write on every page: a signed-in user's session is
    renewed when it was last renewed RENEW_SECONDS ago or more. Saving the session on every request made each page
    view wait for the database's write lock, which on SQLite a background import holds until it commits; now a page
    writes the session once in five minutes and the timeout is exact to within that."""

    RENEW_SECONDS = 300
    KEY = "_renewed"

    def __init__(self, get_response):
        self.get_response = get_response

    @classmethod
    def on_login(cls, sender, request, user, **kwargs):
        import time

        if request is not None and hasattr(request, "session"):
            request.session[cls.KEY] = int(time.time())

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            import time

            now = int(time.time())
            if now - int(session.get(self.KEY) or 0) >= self.RENEW_SECONDS:
                session[self.KEY] = now  # marks the session modified: saved, and its cookie re-set for another age
        return response


class NulCharacterMiddleware:
    """A NUL character in the address or a form field is refused with a Chinese message (400): PostgreSQL cannot
    store or compare text containing it, and no real input has one."""

    MESSAGE = "请求中含有非法的空字符（\\x00），已拒绝。请检查输入内容后重试。"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponseBadRequest

        if "\x00" in request.path or any("\x00" in k or any("\x00" in v for v in vs)
                                         for k, vs in request.GET.lists()):
            return HttpResponseBadRequest(self.MESSAGE, content_type="text/plain; charset=utf-8")
        if request.method == "POST" and request.content_type in ("application/x-www-form-urlencoded",
                                                                 "multipart/form-data"):
            if any("\x00" in k or any(isinstance(v, str) and "\x00" in v for v in vs)
                   for k, vs in request.POST.lists()):
                return HttpResponseBadRequest(self.MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'")
# Third-party pages with their own inline scripts: the Django admin and the API's Swagger page.
CSP_EXEMPT = ("/admin/", "/api/v1/docs")


class ContentSecurityPolicyMiddleware:
    """No inline or foreign scripts (issue #17 item 9): pages load their scripts from /static/; inline styles remain
    allowed (echarts and a few layout attributes use them)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(CSP_EXEMPT):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response
