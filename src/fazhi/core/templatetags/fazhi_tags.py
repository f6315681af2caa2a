from django import template

register = template.Library()


@register.filter
def pairs(mapping):
    """(key, value) pairs of a dict. `mapping.items` in a template would look up a key named "items" first."""
    return list(mapping.items()) if isinstance(mapping, dict) else []
