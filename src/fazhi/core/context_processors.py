from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse


def navigation(request):
    """Navigation by module: each app's AppConfig may list (label, url name) pairs in `nav_items`."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    items = []
    for module in settings.FAZHI_MODULES:
        config = apps.get_app_config(module.rsplit(".", 1)[-1])
        for label, name in getattr(config, "nav_items", []):
            try:
                url = reverse(name)
            except NoReverseMatch:
                continue
            items.append({"label": label, "url": url, "active": request.path.startswith(url) and url != "/"})
    return {"nav_items": items}
