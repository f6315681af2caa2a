"""The API at /api/v1/: django-ninja, bearer-token authentication, the same scoping as the pages.

Each module contributes a `router` in its own `api.py`; they are mounted here under the module's label.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from ninja import NinjaAPI
from ninja.security import HttpBearer

from fazhi.core import actions
from fazhi.core.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        t = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(token), user__is_active=True).first()
        if t is None:
            return None
        actions.record_token_use(t)
        request.user = t.user
        return t.user


api = NinjaAPI(title="fazhi API", version="1", description="法治政府建设平台接口（需令牌认证）", auth=TokenAuth(),
               urls_namespace="api")

for module in settings.FAZHI_MODULES:
    name = f"{module}.api"
    if find_spec(name) is not None:
        router = getattr(import_module(name), "router", None)
        if router is not None:
            api.add_router(f"/{module.rsplit('.', 1)[-1]}/", router)


@api.exception_handler(Exception)
def _server_error(request, exc):
    """Every API error is JSON: an unexpected one is logged and answered in Chinese, never as an HTML page."""
    import logging

    from django.http import Http404

    if isinstance(exc, Http404):
        return api.create_response(request, {"detail": "记录不存在或您无权查看。"}, status=404)
    logging.getLogger("fazhi.api").exception("API error on %s", request.path)
    return api.create_response(request, {"detail": "服务器处理请求时出错，已记录，请稍后重试或联系管理员。"}, status=500)


def not_found(request, rest=""):
    """An address under /api/ that names no endpoint: JSON, like every other API answer."""
    from django.http import JsonResponse

    return JsonResponse({"detail": f"没有这个接口：/api/{rest}。接口说明见 /api/v1/docs"}, status=404)
