import pytest

from fazhi.metrics.actions import save_historical_value
from fazhi.metrics.registry import UnknownMetric, get
from fazhi.reports.dashboard import chart_data, key_figures

YEAR = 2026


def _figure(groups, key):
    return next(f for _, figures in groups for f in figures if f.key == key)


def test_key_figures_this_year_against_last(county):
    groups = key_figures(county.gov, YEAR)
    fig = _figure(groups, "org.departments")
    assert (fig.now, fig.last, fig.last_source) == (2, 2, "records")
    assert fig.url == f"/metrics/org.departments/?org={county.gov.code}&year={YEAR}"
    assert fig.last_url.endswith(f"year={YEAR - 1}")
    charts = chart_data(groups, YEAR)
    chart = next(c for c in charts if "政府部门" in c["labels"])
    assert [s["name"] for s in chart["series"]] == [f"{YEAR - 1}年", f"{YEAR}年"]


def test_last_year_from_the_saved_report_when_there_are_no_records(county):
    key = "litigation.first_instance"
    try:
        get(key)
    except UnknownMetric:
        pytest.skip("litigation metrics not installed")
    save_historical_value(actor=county.supervisor, organisation=county.gov, year=YEAR - 1, metric_key=key, value=101)
    fig = _figure(key_figures(county.gov, YEAR), key)
    assert fig.last == 101 and fig.last_text == "101" and fig.last_source == "report"
