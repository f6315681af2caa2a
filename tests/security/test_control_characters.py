"""A control character in stored text (Word's soft return \\x0b, pasted before validation stripped it, or imported
history) must not break any export: lists to Excel, the audit log to Excel, and Word documents (issue #17 item 5)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from fazhi.core import audit
from fazhi.core.excel import workbook_bytes
from fazhi.core.gongwen import Para, render_docx, xml_safe
from fazhi.reconsideration import actions

pytestmark = pytest.mark.django_db
D = dt.date
DIRTY = "执法\x0b程序\x0c不规范\x01\x1f"


def test_writers_drop_what_xml_cannot_hold():
    assert xml_safe(DIRTY) == "执法 程序 不规范"
    wb = load_workbook(io.BytesIO(workbook_bytes("t", ["a"], [[DIRTY]])))
    assert wb.active["A2"].value == "执法 程序 不规范  "
    text = "\n".join(p.text for p in Document(io.BytesIO(render_docx(title=DIRTY, blocks=[Para(DIRTY)]))).paragraphs)
    assert "执法 程序 不规范" in text


def test_exports_survive_a_control_character_in_the_records(w, client):
    from fazhi.reconsideration.models import Letter

    letter = actions.issue_letter(actor=w.reconsideration, organisation=w.gov, kind="suggestion",
                                  recipient=w.dept_a, issued_on=D(2025, 5, 6), subject="规范执法")
    Letter.objects.filter(pk=letter.pk).update(subject=DIRTY)  # stored before validation stripped it
    doc = letter.documents.get()
    type(doc).objects.filter(pk=doc.pk).update(body=f"正文{DIRTY}")
    audit.record(actor=w.reconsideration, obj=letter, organisation=w.gov, verb="修改", after={"subject": DIRTY})
    client.force_login(w.reconsideration)
    export = client.get(reverse("reconsideration:letter_list"), {"format": "xlsx"})
    assert export.status_code == 200 and "执法 程序" in str(load_workbook(io.BytesIO(export.content)).active["C2"].value)
    assert client.get(reverse("reconsideration:document_download", args=[doc.pk])).status_code == 200
    log = client.get(reverse("core:audit_list"), {"format": "xlsx"})
    assert log.status_code == 200
