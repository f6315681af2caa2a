from django.conf import settings
from django.contrib.auth.views import redirect_to_login

# Paths that do not need a logged-in user: the public portal, static files, the login page, the API (which has its
# own token authentication) and the admin (which has its own login page).
PUBLIC_PREFIXES = ("/portal/", "/static/", "/accounts/login/", "/api/", "/admin/", "/favicon.ico")


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)
