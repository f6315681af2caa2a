"""The three renderings of an assembled report: Word in the official layout, HTML, and JSON."""

from __future__ import annotations

import datetime as dt
import json

from django.template.loader import render_to_string

from fazhi.core.gongwen import Heading, PageBreak, Para, Table, chinese_date, render_docx
from fazhi.reports.assemble import AssembledReport

APPENDIX_TITLE = "报告数据指标口径一览表"


def to_json(report: AssembledReport) -> str:
    """`{"org","year","sections":[...],"figures":[{"metric","value","unit","label"}]}` (plus titles, text)."""
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=1)


def docx_blocks(report: AssembledReport, *, date: dt.date | None = None) -> list:
    """Body, the note on the attachment, signature and date, then the attachment: every figure with its
    definition (GB/T 9704: 附件说明 before the signature, the attachment after it on a new page)."""
    blocks = []
    for s in report.sections:
        blocks.append(Heading(s.title, level=s.level))
        blocks.extend(Para(p.text) for p in s.paragraphs)
        blocks.extend(Para(text) for text in s.narrative_paragraphs)
    if report.figures:
        blocks.append(Para(""))
        blocks.append(Para(f"附件：{APPENDIX_TITLE}"))
    blocks.append(Para(""))
    blocks.append(Para(report.org_name, align="right", indent=False))
    if date:
        blocks.append(Para(chinese_date(date), align="right", indent=False))
    if report.figures:
        blocks.append(PageBreak())
        blocks.append(Para("附件", indent=False, align="left", bold=True))
        rows = [[i, f.label, f.text, f.unit, f.definition, f.metric] for i, f in enumerate(report.figures, 1)]
        blocks.append(Table(["序号", "指标", "数值", "单位", "口径", "指标代码"], rows, title=APPENDIX_TITLE,
                            widths_mm=[12, 30, 18, 12, 60, 28]))
    return blocks


def to_docx(report: AssembledReport, *, doc_number: str = "", recipients: str = "",
            date: dt.date | None = None) -> bytes:
    return render_docx(title=report.title, blocks=docx_blocks(report, date=date), doc_number=doc_number,
                       recipients=recipients)


def to_html(report: AssembledReport, *, standalone: bool = True, links: bool = True, base_url: str = "") -> str:
    """A self-contained HTML document (for files and the command line); figures link to their drill-down.

    With `base_url` (the site's address, e.g. "https://fazhi.example.gov.cn/") the links are absolute, so they
    still lead to the platform when the file is opened from disk."""
    return render_to_string("reports/standalone.html", {"doc": report, "links": links, "standalone": standalone,
                                                        "url_base": base_url})
