"""Text out of an uploaded report: plain text (UTF-8 or GB18030), Word (.docx) or PDF."""

from __future__ import annotations

import io
from pathlib import Path

from fazhi.core.permissions import ActionError

SUPPORTED = (".txt", ".docx", ".pdf")
MAX_BYTES = 30 * 1024 * 1024


class UnsupportedFile(ActionError):
    """A file we cannot read; the message says why, in Chinese."""


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then GB18030 (a superset of GBK and GB2312), the usual encodings of
    Chinese government text files; UTF-16 when a BOM says so."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("gb18030", errors="replace")


def _docx_text(data: bytes) -> str:
    from docx import Document

    try:
        doc = Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises several kinds for a broken package
        raise UnsupportedFile("无法读取该 Word 文件，请确认是 .docx 格式且未损坏。") from e
    lines = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row:
                        if cell.tag.endswith("}tc"):
                            cells.append("".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")))
                    lines.append("\t".join(cells))
    return "\n".join(lines)


def _pdf_text(data: bytes) -> str:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as e:  # pdfminer raises many kinds for broken files
        raise UnsupportedFile("无法读取该 PDF 文件，请确认文件未损坏且未加密。") from e
    text = "\n".join(pages)
    if not text.strip():
        raise UnsupportedFile("该 PDF 没有可提取的文字（可能是扫描图片），请先进行文字识别（OCR）。")
    return text


def extract_bytes(data: bytes, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix not in SUPPORTED:
        raise UnsupportedFile(f"不支持的文件类型“{suffix or filename}”，仅支持 .txt、.docx 和 .pdf。")
    if len(data) > MAX_BYTES:
        raise UnsupportedFile("文件过大（超过 30 MB）。")
    if suffix == ".txt":
        return decode_text(data)
    if suffix == ".docx":
        return _docx_text(data)
    return _pdf_text(data)


def extract_file(path: str | Path) -> str:
    path = Path(path)
    if not path.exists():
        raise UnsupportedFile(f"文件不存在：{path}")
    if not path.is_file():
        raise UnsupportedFile(f"不是文件：{path}")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnsupportedFile(f"不支持的文件类型“{suffix or path.name}”，仅支持 .txt、.docx 和 .pdf。")
    return extract_bytes(path.read_bytes(), path.name)
