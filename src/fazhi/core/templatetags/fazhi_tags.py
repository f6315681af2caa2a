import html

from django import template
from django.utils.safestring import mark_safe

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


_HTML_SPECIAL = frozenset("<>&\"'")


def _escaped(text) -> str:
    text = str(text)
    return html.escape(text) if not _HTML_SPECIAL.isdisjoint(text) else text


@register.simple_tag
def filter_options(choices, value) -> str:
    """A filter's <option>s with `value` selected. A province-wide user's organisation filter lists thousands of
    organisations: as template tags each option cost ~20 µs (80 ms a page), as one join ~1 µs."""
    value = "" if value is None else str(value)
    return mark_safe("".join(  # noqa: S308 - every value and label is escaped
        f'<option value="{_escaped(v)}"{" selected" if str(v) == value else ""}>{_escaped(label)}</option>'
        for v, label in choices))
