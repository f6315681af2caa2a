from importlib.util import find_spec

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from fazhi.api import api, not_found
from fazhi.core import views as core_views
from fazhi.core.modules import module_configs

admin.site.site_header = "法治政府建设平台 · 系统管理"
admin.site.site_title = "法治政府建设平台"

urlpatterns = [
    path("", core_views.dashboard, name="dashboard"),
    path("healthz", core_views.health, name="health"),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", not_found),
]


# Each module mounts its urls.py at its AppConfig's `url_prefix` (default: the package name), and its public
# pages (portal_urls.py) at `portal_url_prefix`, which must lie under /portal/ (the only path open without login).
for config in module_configs():
    module = config.name
    package = module.rsplit(".", 1)[-1]
    if find_spec(f"{module}.urls") is not None:
        prefix = getattr(config, "url_prefix", "" if package == "core" else f"{package}/")
        urlpatterns.append(path(prefix, include(f"{module}.urls")))
    portal_prefix = getattr(config, "portal_url_prefix", None)
    if portal_prefix and find_spec(f"{module}.portal_urls") is not None:
        assert portal_prefix.startswith("portal/"), f"{module}: public pages must live under /portal/"
        urlpatterns.append(path(portal_prefix, include(f"{module}.portal_urls")))
