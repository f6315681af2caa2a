"""The demo county's enforcement: its market-regulation bureau's yearbook matches its cases (counted here directly from
the rows, heaviest kind recomputed from the kinds), in JSON, Word and Excel; the revoked decision left the portal."""

import datetime as dt
import io
import json
from collections import Counter
from decimal import Decimal

from django.core.management import call_command
from openpyxl import load_workbook

from fazhi.core import demo
from fazhi.core.gongwen import docx_text
from fazhi.enforcement.choices import SEVERITY
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.portal_views import published

TODAY = dt.date(2026, 11, 20)


def test_demo_market_regulation_yearbook_matches_its_cases(db, tmp_path, client):
    ctx = demo.build(seed=11, today=TODAY)
    org = ctx.orgs["scjgj"]
    # each series of decision numbers (罚决, 当罚, 许 … per year) runs 1, 2, 3 … without gaps or repeats
    import re

    series = {}
    for number in EnforcementCase.objects.exclude(decision_number="").values_list("decision_number", flat=True):
        head, n = re.fullmatch(r"(.+〔\d{4}〕)(\d+)号", number).groups()
        series.setdefault(head, []).append(int(n))
    assert series and all(sorted(ns) == list(range(1, len(ns) + 1)) for ns in series.values()), series
    for year in (ctx.previous_year, ctx.year):
        rows = EnforcementCase.objects.filter(organisation__path__startswith=org.path, decided_on__year=year)
        punished = [c for c in rows if c.kind == "penalty" and c.decision == "punished"]
        assert punished, year
        out = tmp_path / f"{year}.json"
        call_command("enforcement", "yearbook", "--org", org.code, "--year", str(year), "--format", "json",
                     "--out", str(out), stdout=io.StringIO())
        book = json.loads(out.read_text())
        figures = {f["metric"]: f["value"] for f in book["figures"]}
        assert figures["enforcement.decisions.penalty"] == len(punished)
        assert figures["enforcement.decisions.inspection"] == sum(1 for c in rows if c.kind == "inspection")
        assert figures["enforcement.decisions.license"] == sum(1 for c in rows if c.kind == "license")
        assert Decimal(str(figures["enforcement.fines_amount"])) == sum(
            (c.fine_amount + c.confiscated_amount for c in punished), Decimal(0))
        heaviest = Counter(max(c.penalty_kinds, key=SEVERITY.index) for c in punished)
        assert {r["kind"]: r["count"] for r in book["by_penalty_kind"] if r["count"]} == dict(heaviest)
        assert {"metric", "label", "unit", "value", "text"} <= set(book["figures"][0])
    docx = tmp_path / "y.docx"
    call_command("enforcement", "yearbook", "--org", org.code, "--year", str(ctx.previous_year), "--format", "docx",
                 "--out", str(docx), stdout=io.StringIO())
    assert f"{org.name}{ctx.previous_year}年度行政执法数据" in docx_text(docx.read_bytes())
    xlsx = tmp_path / "y.xlsx"
    call_command("enforcement", "yearbook", "--org", org.code, "--year", str(ctx.previous_year), "--format", "xlsx",
                 "--out", str(xlsx), stdout=io.StringIO())
    cells = [c for row in load_workbook(xlsx).worksheets[0].iter_rows(values_only=True) for c in row]
    assert "行政处罚决定" in cells

    deviating = EnforcementCase.objects.get(discretion_deviation=True)
    assert deviating.discretion_level.circumstance == "lenient" and deviating.fine_amount > 5000
    revoked = EnforcementCase.objects.get(correction="revoked")
    assert revoked.withdrawn_on and revoked.corrected_via == "reconsideration"
    assert revoked not in published(TODAY) and published(TODAY).exists()
    page = client.get(f"/portal/enforcement/yearbook/?org={org.code}&year={ctx.previous_year}")
    assert page.status_code == 200 and "行政处罚决定" in page.content.decode()
    listing = client.get("/portal/enforcement/").content.decode()
    assert revoked.decision_number not in listing
    client.force_login(ctx.users["supervisor"])
    page = client.get(f"/enforcement/yearbook/?org={org.code}&year={ctx.previous_year}")
    assert page.status_code == 200 and "按时公示的执法决定" in page.content.decode()
    word = client.get(f"/enforcement/yearbook/?org={org.code}&year={ctx.previous_year}&format=docx")
    assert word["Content-Type"].endswith("wordprocessingml.document") and "filename*=UTF-8''" in \
        word["Content-Disposition"]
    assert f"{ctx.previous_year}年度行政执法数据" in docx_text(word.content)
