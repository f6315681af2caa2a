from django.urls import NoReverseMatch, reverse

from fazhi.core.modules import hook


def navigation(request):
    """Navigation by module: each module's AppConfig lists (label, url name) or (label, url name, "settings") in
    `nav_items`; the "settings" ones (registries and configuration) go into the 设置 menu."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    items, settings_items = [], []
    for entry in hook("nav_items"):
        label, name, *group = entry
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        item = {"label": label, "url": url, "active": request.path.startswith(url) and url != "/"}
        (settings_items if group == ["settings"] else items).append(item)
    return {"nav_items": items, "nav_settings": settings_items,
            "nav_settings_active": any(i["active"] for i in settings_items)}
