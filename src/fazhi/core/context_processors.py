from django.urls import NoReverseMatch, reverse

from fazhi.core.modules import hook


def navigation(request):
    """Navigation by module: each module's AppConfig lists (label, url name) pairs in `nav_items`."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    items = []
    for label, name in hook("nav_items"):
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "active": request.path.startswith(url) and url != "/"})
    return {"nav_items": items}
