from urllib.parse import urljoin

from django import template

from fazhi.reports.dashboard import chart_data, key_figures

register = template.Library()


@register.filter
def figure(doc, key):
    """`{{ doc|figure:key }}`: the Figure of an assembled report for a metric key."""
    return doc.figure(key)


@register.simple_tag(takes_context=True)
def report_url(context, url):
    """`{% report_url fig.url %}`: a link of the report body, absolute when the context gives the site's address
    (`url_base`, set for downloaded files), else as it is (pages of the platform)."""
    base = context.get("url_base")
    return urljoin(base, url) if base and url else url


@register.inclusion_tag("reports/_key_figures.html")
def key_figures_panel(org, year):
    if org is None:
        return {"groups": [], "charts": [], "year": year}
    groups = key_figures(org, year)
    return {"groups": groups, "charts": chart_data(groups, year), "year": year, "org": org}
