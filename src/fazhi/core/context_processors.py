from urllib.parse import urlsplit

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


def back_link(request):
    """Where a form's 返回 and 取消 lead when its view names no page (`back_url`): the page the user came from, when
    it is on this site and is not the form itself; else the module's first page. (`javascript:history.back()` is
    blocked by the Content-Security-Policy, which allows no script in a page.)"""
    ref = urlsplit(request.META.get("HTTP_REFERER", ""))
    if ref.path.startswith("/") and ref.netloc == request.get_host() and ref.path != request.path:
        return {"default_back_url": ref.path + (f"?{ref.query}" if ref.query else "")}
    first = request.path.strip("/").split("/")[0]
    return {"default_back_url": f"/{first}/" if first else "/"}
