"""`{% load law_citations %}{{ text|link_citations:on }}` links each citation in a text to its article's page.

A citation that does not resolve (unknown law, empty library) stays plain text, so any page can use the filter.
"""

from __future__ import annotations

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from fazhi.core import clock
from fazhi.laws.citations import CitationError, find_citations, resolve

register = template.Library()


@register.filter
def link_citations(text, on=None):
    text = "" if text is None else str(text)
    on = on or clock.today()
    out, last = [], 0
    for start, end, cited in find_citations(text):
        out.append(escape(text[last:start]))
        try:
            r = resolve(cited, on)
        except CitationError:
            out.append(escape(cited))
        else:
            out.append(format_html('<a class="citation" href="{}" title="{}">{}</a>', r.url, r.text[:300], cited))
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))
