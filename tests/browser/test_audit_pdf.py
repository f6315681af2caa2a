"""A real PDF: Chromium prints a report with a CJK font; the audit reads it back through pdfplumber."""

import html

import pytest

from fazhi.reports.legacy.audit import audit_bytes

pytestmark = [pytest.mark.browser]


def test_chromium_printed_report(browser, shared_dir):
    text = (shared_dir / "seeds" / "001_1501d7f13c622986.txt").read_text(encoding="utf-8")
    start = text.index("2019年是新中国成立70周年")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in text[start:].split("\n") if p.strip())
    page = browser.new_page()
    page.set_content(f"<html><head><meta charset='utf-8'><style>body{{font-family:'Noto Serif CJK SC',serif;"
                     f"font-size:16pt}}</style></head><body>{body}</body></html>")
    data = page.pdf(format="A4")
    page.close()
    result = audit_bytes(data, "report.pdf")
    assert "共收到行政复议申请37件" in result.text.replace("\n", "")
    metrics = {f.metric: f.value for f in result.figures if f.metric}
    assert metrics["reconsideration.received"] == 37 and metrics["mediation.succeeded"] == 11867
    messages = [f.message for f in result.findings]
    assert any("9+3+3+1+14 = 30件" in m for m in messages)
    assert any("调解成功率 98.8%" in m and "相符" in m for m in messages)
    assert [f for f in result.findings if f.severity == "error"] == []
    assert result.parts["shortcomings"].present
