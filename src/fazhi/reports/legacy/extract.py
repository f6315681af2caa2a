"""Text out of an uploaded report: plain text (UTF-8 or GB18030), Word (.docx) or PDF."""

from __future__ import annotations

import io
from pathlib import Path

from fazhi.core import jobs
from fazhi.core.permissions import ActionError

SUPPORTED = (".txt", ".docx", ".pdf")
MAX_BYTES = 30 * 1024 * 1024
MAX_UNZIPPED = 60 * 1024 * 1024  # a .docx whose XML expands beyond this is refused before it is parsed
MAX_PAGES = 300  # an annual report runs to some tens of pages; a 500-page PDF took a minute and 2 GB
MIN_TEXT_SHARE = 0.6  # of the characters, how many must be readable text for a .txt to be taken as one


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


def _looks_like_text(text: str) -> bool:
    """Random bytes decode too (GB18030 takes almost anything): most characters of a report are CJK, Latin letters,
    digits, punctuation or spaces, and it has no control characters to speak of."""
    if not text.strip():
        return False
    sample = text[:20000]
    readable = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t")
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return readable / len(sample) >= 0.98 and (cjk + sum(ch.isascii() for ch in sample)) / len(sample) >= MIN_TEXT_SHARE


def _check_zip(data: bytes, what: str):
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            total = sum(i.file_size for i in z.infolist())
    except zipfile.BadZipFile as e:
        raise UnsupportedFile(f"无法读取该{what}，请确认格式正确且未损坏。") from e
    if total > MAX_UNZIPPED:
        raise UnsupportedFile(f"该{what}解压后超过 {MAX_UNZIPPED // 1024 // 1024} MB，可能已损坏或含有异常内容，已拒绝处理。")


def _docx_text(data: bytes) -> str:
    from docx import Document

    _check_zip(data, " Word 文件")
    try:
        doc = Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises several kinds for a broken package
        raise UnsupportedFile("无法读取该 Word 文件，请确认是 .docx 格式且未损坏。") from e
    try:
        return _docx_lines(doc)
    except Exception as e:  # an odd package (entity references, foreign nodes) must not become a server error
        raise UnsupportedFile("无法读取该 Word 文件的正文，请另存为标准 .docx 后再上传。") from e


def _is(node, name: str) -> bool:
    """An element named `name` (entity references and comments have no string tag)."""
    return isinstance(node.tag, str) and node.tag.endswith("}" + name)


def _docx_lines(doc) -> str:
    lines = []
    body = doc.element.body
    for child in body.iterchildren():
        if _is(child, "p"):
            lines.append("".join(t.text or "" for t in child.iter() if _is(t, "t")))
        elif _is(child, "tbl"):
            for row in child.iter():
                if _is(row, "tr"):
                    cells = ["".join(t.text or "" for t in cell.iter() if _is(t, "t")) for cell in row if _is(cell, "tc")]
                    lines.append("\t".join(cells))
    return "\n".join(lines)


def _pdf_text(data: bytes) -> str:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise UnsupportedFile(f"PDF 共 {len(pdf.pages)} 页，超过 {MAX_PAGES} 页的上限；请只上传报告正文。")
            pages = []
            for i, page in enumerate(pdf.pages, start=1):
                pages.append(page.extract_text() or "")
                jobs.progress(i, len(pdf.pages), f"已读取第 {i} 页")
    except UnsupportedFile:
        raise
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
        text = decode_text(data)
        if not _looks_like_text(text):
            raise UnsupportedFile("该文件不是可读的文本文件（内容像二进制数据），请确认文件类型。")
        return text
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
