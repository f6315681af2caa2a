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
        item = {"label": label, "url": url, "active": False}
        (settings_items if group == ["settings"] else items).append(item)
    # Only the longest matching prefix is the current page (/reports/audit/ is 报告审核, not also 年度报告).
    matches = [i for i in items + settings_items if request.path.startswith(i["url"]) and i["url"] != "/"]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["active"] = True
    return {"nav_items": items, "nav_settings": settings_items,
            "nav_settings_active": any(i["active"] for i in settings_items)}
