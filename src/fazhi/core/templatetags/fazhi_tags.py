from django import template

from fazhi.core import audit_display

register = template.Library()


@register.filter
def pairs(mapping):
    """(key, value) pairs of a dict. `mapping.items` in a template would look up a key named "items" first."""
    return list(mapping.items()) if isinstance(mapping, dict) else []



@register.filter
def changes(event, side="after"):
    """(label, value) rows of an audit event's before or after values, in Chinese (see core.audit_display)."""
    return audit_display.rows(event, side)
