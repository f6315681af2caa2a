"""Issue 5, part 3: upload an existing report, read the audit, save a past year's figures as historical values."""

from decimal import Decimal

import pytest

from fazhi.metrics.models import HistoricalValue
from fazhi.testing.factories import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_audit_and_save(page, login, live_server, shared_dir):
    w = world()
    login("w_legal_a")
    page.click("nav.modules >> text=报告审核")
    page.wait_for_url("**/reports/audit/")
    page.set_input_files("input[name=file]", str(shared_dir / "seeds" / "002_a5a9fb6f9abef0a0.txt"))
    page.click("main button[type=submit]")
    page.wait_for_selector("#findings")
    findings = page.locator("#findings").inner_text()
    assert "99.37%" in findings and "截断" in findings
    assert "13.5%" in findings  # the real error of this report: 207 → 180 is 13.04%
    assert "二、存在问题" in page.locator("#outline").inner_text()
    assert "阅读次数" not in page.locator("#text").inner_text()

    page.check("#figures tr.mapped:has-text('mediation.success_rate') input[type=checkbox]")
    page.check("#figures tr.mapped:has-text('mediation.cases') input[type=checkbox]")
    page.select_option("select[name=organisation]", label=w.dept_a.name)
    assert page.input_value("input[name=year]") == "2016"
    page.click("text=保存所选数字")
    page.wait_for_url("**/reports/audit/")
    assert "已为" in page.locator(".messages").inner_text()
    values = {v.metric_key: v.value for v in HistoricalValue.objects.filter(organisation=w.dept_a, year=2016)}
    assert values == {"mediation.success_rate": Decimal("99.36"), "mediation.cases": 1263}
    assert "mediation.cases" in page.locator("main").inner_text()  # listed under recently saved values


def test_glyph_damaged_pdf_is_repaired(page, login, live_server, tmp_path):
    world()
    from docx import Document

    doc = Document()
    doc.add_paragraph("为贯彻落实国务院关二推迚简政放权的意见，迚一步觃范行政行为，丌断推迚依法行政。")
    path = tmp_path / "报告.docx"
    doc.save(path)
    login("w_supervisor")
    page.goto(f"{live_server.url}/reports/audit/")
    page.set_input_files("input[name=file]", str(path))
    page.click("main button[type=submit]")
    text = page.locator("#text").inner_text()
    assert "关于推进简政放权的意见，进一步规范行政行为，不断推进依法行政。" in text
    assert "迚→进" in page.locator("#summary").inner_text()
