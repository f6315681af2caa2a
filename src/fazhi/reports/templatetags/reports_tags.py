from django import template

from fazhi.reports.dashboard import chart_data, key_figures

register = template.Library()


@register.filter
def figure(doc, key):
    """`{{ doc|figure:key }}`: the Figure of an assembled report for a metric key."""
    return doc.figure(key)


@register.inclusion_tag("reports/_key_figures.html")
def key_figures_panel(org, year):
    if org is None:
        return {"groups": [], "charts": [], "year": year}
    groups = key_figures(org, year)
    return {"groups": groups, "charts": chart_data(groups, year), "year": year, "org": org}
