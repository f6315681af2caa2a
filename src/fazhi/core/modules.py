"""The platform's modules (settings.FAZHI_MODULES) as AppConfigs, for the hooks they declare:
nav_items, dashboard_metrics, dashboard_panel, portal_sections, url_prefix, portal_url_prefix."""

from django.apps import apps
from django.conf import settings


def module_configs():
    by_name = {c.name: c for c in apps.get_app_configs()}
    return [by_name[m] for m in settings.FAZHI_MODULES if m in by_name]


def hook(name: str) -> list:
    """Every module's value of one AppConfig attribute, flattened when it is a list, in module order."""
    out = []
    for config in module_configs():
        value = getattr(config, name, None)
        if value is None:
            continue
        out.extend(value if isinstance(value, list | tuple) else [value])
    return out
