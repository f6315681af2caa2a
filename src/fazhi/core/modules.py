"""The platform's modules (settings.FAZHI_MODULES) as AppConfigs, for the hooks they declare:
nav_items, dashboard_metrics, dashboard_panel, portal_sections, url_prefix, portal_url_prefix."""

from importlib import import_module
from importlib.util import find_spec

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


def periodic_tasks() -> list:
    """Each module's `tasks.tick(today) -> list[str]`: what the law makes happen by the passing of time
    (e.g. deemed acceptance of a reconsideration application). `fazhi tick` runs them before the reminders, the
    core's (anchoring the audit chain) last."""
    out = []
    for config in module_configs():
        name = f"{config.name}.tasks"
        if find_spec(name) is not None:
            fn = getattr(import_module(name), "tick", None)
            if fn is not None:
                out.append((config, fn))
    # The core's task anchors the audit chain: it runs last, so the anchor covers what the other tasks recorded.
    return sorted(out, key=lambda pair: pair[0].name == "fazhi.core")
