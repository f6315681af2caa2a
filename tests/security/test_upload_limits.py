"""Resource limits on uploads (issue #17 item 3): size checked while streaming, unzipped size, page and row caps,
and bytes that are not text; each refused with a Chinese message before the expensive work starts."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.excel import ImportFailed, read_rows
from fazhi.reports.legacy.extract import UnsupportedFile, extract_bytes

pytestmark = pytest.mark.django_db


def test_an_upload_over_the_limit_is_dropped_while_streaming(w, client, settings):
    settings.FAZHI_MAX_UPLOAD_BYTES = 64 * 1024
    client.force_login(w.supervisor)
    big = SimpleUploadedFile("big.xlsx", b"x" * (200 * 1024))
    resp = client.post(reverse("litigation:import"), {"file": big, "dry_run": "on"})
    assert resp.status_code == 200 and "上限" in resp.content.decode()
    resp = client.post(reverse("legacy:upload"), {"file": SimpleUploadedFile("r.txt", b"a" * (200 * 1024))})
    assert resp.status_code == 200 and "上限" in resp.content.decode()


def _bomb(name: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, b"\0" * (80 * 1024 * 1024))  # 80 MB of zeros packs into some tens of KB
    return buf.getvalue()


def test_a_docx_that_expands_too_far_is_refused_before_parsing():
    data = _bomb("word/document.xml")
    assert len(data) < 1024 * 1024
    with pytest.raises(UnsupportedFile, match="解压后超过"):
        extract_bytes(data, "report.docx")


def test_an_xlsx_that_expands_too_far_is_refused(settings, monkeypatch):
    monkeypatch.setattr("fazhi.core.excel.MAX_UNZIPPED", 10 * 1024 * 1024)
    with pytest.raises(ImportFailed, match="解压后过大"):
        read_rows(io.BytesIO(_bomb("xl/worksheets/sheet1.xml")), [("a", "甲*")])


def test_too_many_rows_is_refused(monkeypatch):
    from fazhi.core.excel import workbook_bytes

    monkeypatch.setattr("fazhi.core.excel.MAX_ROWS", 5)
    data = workbook_bytes("t", ["甲"], [[n] for n in range(10)])
    with pytest.raises(ImportFailed, match="上限"):
        read_rows(io.BytesIO(data), [("a", "甲")])


def test_random_bytes_named_txt_are_not_audited():
    import random

    rng = random.Random(1)
    noise = bytes(rng.randrange(256) for _ in range(20000))
    with pytest.raises(UnsupportedFile, match="不是可读的文本"):
        extract_bytes(noise, "report.txt")
    assert "法治政府" in extract_bytes("法治政府建设年度报告\n一、主要举措".encode("gb18030"), "report.txt")


def test_a_docx_with_entity_references_is_read_or_refused_never_a_crash():
    from docx import Document

    buf = io.BytesIO()
    doc = Document()
    doc.add_paragraph("法治政府建设")
    doc.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                head, body = data.split(b"?>", 1)
                data = (head + b'?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                        + body.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p>", 1))
            z.writestr(info, data)
    try:
        text = extract_bytes(out.getvalue(), "report.docx")
    except UnsupportedFile:
        return
    assert "法治政府建设" in text


def test_the_directory_and_intake_pages_take_larger_files_than_the_rest(w, client, settings):
    """A province's directory is about 1 GB: those two pages have their own limit, chosen by address (CSRF reads
    the upload before the view runs); every other page keeps the general one."""
    settings.FAZHI_MAX_UPLOAD_BYTES = 64 * 1024
    settings.FAZHI_UPLOAD_LIMITS = {"inspections:entity_import": 512 * 1024, "enforcement:import": 512 * 1024}
    client.force_login(w.supervisor)
    body = b"\xef\xbb\xbf" + "统一社会信用代码,名称\n".encode() + b"x" * (200 * 1024)
    resp = client.post(reverse("inspections:entity_import"), {"file": SimpleUploadedFile("d.csv", body),
                                                              "dry_run": "on"})
    assert "上限" not in resp.content.decode()  # received: what it says is about the rows, not the size
    resp = client.post(reverse("litigation:import"), {"file": SimpleUploadedFile("d.xlsx", body), "dry_run": "on"})
    assert "上限" in resp.content.decode()
    huge = SimpleUploadedFile("d.csv", b"x" * (600 * 1024))
    resp = client.post(reverse("inspections:entity_import"), {"file": huge, "dry_run": "on"})
    assert resp.status_code == 200 and "上限" in resp.content.decode()
