import functools

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
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


@functools.lru_cache(maxsize=64)
def _options(choices: tuple) -> str:
    return "".join(f'<option value="{conditional_escape(v)}">{conditional_escape(label)}</option>'
                   for v, label in choices)


@register.simple_tag
def filter_options(choices, value) -> str:
    """A filter's <option>s with `value` selected. A province-wide user's organisation filter lists thousands of
    organisations: as template tags each option cost ~20 µs (80 ms a page), escaped one by one ~5 µs (10 ms); the
    options of the same choices are rendered once a process and the chosen one marked in the text."""
    html = _options(tuple((str(v), str(label)) for v, label in choices))
    if value is not None and str(value) != "":
        chosen = f'<option value="{conditional_escape(str(value))}">'
        html = html.replace(chosen, f"{chosen[:-1]} selected>", 1)
    return mark_safe(html)  # noqa: S308 - every value and label is escaped


def _cell(value) -> str:
    """A value as the template would show it: localised, escaped (text, numbers, dates)."""
    return conditional_escape(localize(value))


@register.simple_tag
def grid_cells(obj, cells) -> str:
    """A list row's <td>s: the first cell links to the row's page, a Link cell to its url, True/False read 是/否,
    None is empty, dates do not wrap. The same as the template it replaces, in Python: a page of 50 rows of 30
    columns cost ~30 ms of template lookups."""
    out = []
    url = getattr(obj, "get_absolute_url", None)
    for i, cell in enumerate(cells):
        nowrap = ' class="nowrap"' if i == 0 or hasattr(cell, "isoformat") else ""
        if i == 0 and url is not None and (href := url()):
            body = f'<a href="{conditional_escape(href)}">{_cell(cell)}</a>'
        elif getattr(cell, "is_link", False):
            body = (f'<a href="{conditional_escape(cell.url)}">{_cell(cell.text)}</a>' if cell.url
                    else _cell(cell.text))
        elif cell is True:
            body = "是"
        elif cell is False:
            body = "否"
        elif cell is None:
            body = ""
        else:
            body = _cell(cell)
        out.append(f"<td{nowrap}>{body}</td>")
    return mark_safe("".join(out))  # noqa: S308 - every value is escaped above


# What a kept piece of a page may depend on without reading it inside: who belongs where (scoping) and the calendar.
KEPT_ALSO = ("core_membership", "core_organisation", "workcalendar_holidayschedule", "workcalendar_specialday")


class KeptNode(template.Node):
    def __init__(self, nodelist, name: str, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        from fazhi.core import clock
        from fazhi.metrics import stored

        key = ("kept", self.origin.name if self.origin else "", self.name, clock.today(),
               *(p.resolve(context) for p in self.parts))
        return stored.fragment(key, lambda: self.nodelist.render(context), tables=KEPT_ALSO)


@register.tag("kept")
def kept(parser, token):
    """`{% kept "name" a b %}…{% endkept %}`: the block's HTML kept in the process while the tables it read are
    unchanged (metrics.stored.fragment), for the same name, values a, b … and day. Whatever the block shows that is
    not read inside it must be among the values (a user, an organisation's code)."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError("{% kept %} takes a quoted name, then the values the block depends on")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, bits[1][1:-1], [parser.compile_filter(b) for b in bits[2:]])
