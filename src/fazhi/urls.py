from importlib.util import find_spec

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from fazhi.api import api
from fazhi.core import views as core_views

admin.site.site_header = "法治政府建设平台 · 系统管理"
admin.site.site_title = "法治政府建设平台"

urlpatterns = [
    path("", core_views.dashboard, name="dashboard"),
    path("healthz", core_views.health, name="health"),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

# Each module mounts its own urls.py under its label (core at the root of its own paths).
for module in settings.FAZHI_MODULES:
    label = module.rsplit(".", 1)[-1]
    if find_spec(f"{module}.urls") is None:
        continue
    prefix = "" if label == "core" else f"{label}/"
    urlpatterns.append(path(prefix, include(f"{module}.urls")))
