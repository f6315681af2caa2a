"""Word documents in the layout of official documents (党政机关公文格式, GB/T 9704-2012).

A4 paper; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; 22 lines of 28 characters; the title in
二号 方正小标宋简体, body in 三号 仿宋_GB2312; headings 一、 (黑体) （一） (楷体) 1. （1） (仿宋); page numbers in
四号 as "— 1 —", odd pages right and even pages left. Fonts that a reader lacks fall back through the alternate
names written into the font table (e.g. 仿宋_GB2312 → 仿宋 → FangSong). All callers (notices, decisions, the annual
report) build a list of blocks and call `render_docx`.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from copy import deepcopy
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.run import Run

from fazhi.core.numerals import to_chinese

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEI = "黑体"
KAI = "楷体_GB2312"
SONG = "宋体"
LATIN = "Times New Roman"
# Alternates written into the document's font table: a reader without the first font gets the next.
ALTERNATES = {
    TITLE_FONT: "宋体",
    BODY_FONT: "仿宋",
    KAI: "楷体",
}

SIZE_TITLE = Pt(22)  # 二号
SIZE_BODY = Pt(16)  # 三号
SIZE_PAGE_NO = Pt(14)  # 四号
SIZE_TABLE = Pt(12)  # 小四
LINE = Pt(28.95)  # 22 lines in the 225 mm type area


@dataclass
class Heading:
    text: str
    level: int = 1
    number: bool = True


@dataclass
class Para:
    text: str
    indent: bool = True
    align: str = "justify"  # justify | center | right | left
    bold: bool = False


@dataclass
class Table:
    headers: list[str]
    rows: list[list]
    title: str = ""
    widths_mm: list[float] = field(default_factory=list)


@dataclass
class PageBreak:
    pass


def _set_fonts(run, east_asia: str, size, bold: bool = False):
    """The run's fonts, size and weight: a copy of the run properties made once for this combination (setting them
    through python-docx for each of a table's hundreds of runs was most of a report's Word time)."""
    rpr = run._element.rPr
    if rpr is not None:
        run._element.remove(rpr)
    run._element.insert(0, deepcopy(_run_properties(east_asia, int(size), bold)))


@functools.cache
def _run_properties(east_asia: str, size: int, bold: bool):
    run = Run(OxmlElement("w:r"), None)
    run.font.name = LATIN
    run.font.size = size
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)
    return rpr


# Characters XML 1.0 cannot hold (C0 controls other than tab, newline, return; U+FFFE/FFFF): Word's soft return
# (\x0b) pasted into a subject once made every download of that document fail.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text) -> str:
    """The text with XML-illegal characters removed (a vertical tab or form feed becomes a space)."""
    s = "" if text is None else str(text)
    return XML_ILLEGAL.sub(lambda m: " " if m.group(0) in "\x0b\x0c" else "", s)


def _paragraph(doc, text, *, font=BODY_FONT, size=SIZE_BODY, bold=False, align="justify", indent=True,
               space_after=0):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(space_after)
    if indent:
        fmt.first_line_indent = Pt(size.pt * 2)
    fmt.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                     "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    if text:
        _set_fonts(p.add_run(xml_safe(text)), font, size, bold)
    return p


class _Numbering:
    """一、 （一） 1. （1）: each level restarts when a higher level advances."""

    def __init__(self):
        self.counters = [0, 0, 0, 0]

    def next(self, level: int) -> str:
        i = max(1, min(level, 4)) - 1
        self.counters[i] += 1
        for j in range(i + 1, 4):
            self.counters[j] = 0
        n = self.counters[i]
        return [f"{to_chinese(n)}、", f"（{to_chinese(n)}）", f"{n}.", f"（{n}）"][i]


def _heading(doc, block: Heading, numbering: _Numbering):
    prefix = numbering.next(block.level) if block.number else ""
    font, bold = {1: (HEI, False), 2: (KAI, False), 3: (BODY_FONT, True)}.get(block.level, (BODY_FONT, False))
    p = _paragraph(doc, prefix + block.text, font=font, bold=bold)
    p.paragraph_format.keep_with_next = True
    return p


def _table(doc, block: Table):
    if block.title:
        _paragraph(doc, block.title, font=HEI, align="center", indent=False)
    t = doc.add_table(rows=1, cols=len(block.headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(t.rows[0].cells, block.headers, strict=True):
        cell.text = ""
        _set_fonts(cell.paragraphs[0].add_run(xml_safe(text)), HEI, SIZE_TABLE)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if block.widths_mm:
        _widths(t.rows[0], block.widths_mm)
    template = None  # the first row of plain texts: later ones are copies of its XML with their own texts
    for row in block.rows:
        texts = [xml_safe(v) for v in row]
        plain = len(texts) == len(block.headers) and not any(SPECIAL_TEXT.search(v) for v in texts)
        if template is None or not plain:
            r = t.add_row()
            for cell, text in zip(r.cells, texts, strict=False):
                cell.text = ""
                _set_fonts(cell.paragraphs[0].add_run(text), BODY_FONT, SIZE_TABLE)
            if block.widths_mm:
                _widths(r, block.widths_mm)
            template = r._tr if plain and template is None else template
            continue
        tr = deepcopy(template)  # the same XML as python-docx writes, without it for each cell (most of the time)
        for node, text in zip(tr.iter(qn("w:t")), texts, strict=True):
            node.text = text
            if text != text.strip():
                node.set(qn("xml:space"), "preserve")
            else:
                node.attrib.pop(qn("xml:space"), None)
        t._tbl.append(tr)
    doc.add_paragraph()


# Text a run holds as more than one w:t (tabs, line breaks) or as none (empty): its row is written by python-docx.
SPECIAL_TEXT = re.compile(r"[\t\n\r]|^$")


def _widths(row, widths_mm):
    for cell, w in zip(row.cells, widths_mm, strict=False):
        cell.width = Mm(w)


def _page_number_field(paragraph):
    """"— PAGE —" as a Word field so it updates itself."""
    _set_fonts(paragraph.add_run("— "), SONG, SIZE_PAGE_NO)
    run = paragraph.add_run()
    _set_fonts(run, SONG, SIZE_PAGE_NO)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._element.append(el)
    _set_fonts(paragraph.add_run(" —"), SONG, SIZE_PAGE_NO)


def _setup_page(doc):
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer,
                                                                        WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = align
        # "单页码居右空一字，双页码居左空一字"
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = SIZE_PAGE_NO
        else:
            p.paragraph_format.left_indent = SIZE_PAGE_NO
        _page_number_field(p)
    normal = doc.styles["Normal"]
    normal.font.name = LATIN
    normal.font.size = SIZE_BODY
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), BODY_FONT)


def _add_font_alternates(doc):
    """Write alternate font names into word/fontTable.xml (w:altName) for readers lacking the GB fonts."""
    from lxml import etree

    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
            root = etree.fromstring(part.blob)
            for name, alt in ALTERNATES.items():
                font = etree.SubElement(root, qn("w:font"))
                font.set(qn("w:name"), name)
                alt_el = etree.SubElement(font, qn("w:altName"))
                alt_el.set(qn("w:val"), alt)
                charset = etree.SubElement(font, qn("w:charset"))
                charset.set(qn("w:val"), "86")  # GB2312
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            return


def chinese_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def render_docx(*, title: str, blocks: list, doc_number: str = "", recipients: str = "", issuer: str = "",
                date: dt.date | None = None, subtitle: str = "") -> bytes:
    """The whole document as .docx bytes."""
    doc = Document()
    _setup_page(doc)
    _add_font_alternates(doc)
    if doc_number:
        _paragraph(doc, doc_number, align="center", indent=False, space_after=12)
    for line in title.split("\n"):
        _paragraph(doc, line, font=TITLE_FONT, size=SIZE_TITLE, align="center", indent=False)
    if subtitle:
        _paragraph(doc, subtitle, font=KAI, align="center", indent=False)
    _paragraph(doc, "", indent=False)  # one blank line between title and body
    if recipients:
        _paragraph(doc, f"{recipients}：", indent=False)
    numbering = _Numbering()
    for block in blocks:
        if isinstance(block, Heading):
            _heading(doc, block, numbering)
        elif isinstance(block, Para):
            _paragraph(doc, block.text, indent=block.indent, align=block.align, bold=block.bold)
        elif isinstance(block, Table):
            _table(doc, block)
        elif isinstance(block, PageBreak):
            doc.add_page_break()
        elif isinstance(block, str):
            _paragraph(doc, block)
        else:
            raise TypeError(f"unknown block {block!r}")
    if issuer or date:
        _paragraph(doc, "", indent=False)
        if issuer:
            p = _paragraph(doc, issuer, align="right", indent=False)
            p.paragraph_format.right_indent = Pt(SIZE_BODY.pt * 4)
        if date:
            p = _paragraph(doc, chinese_date(date), align="right", indent=False)
            p.paragraph_format.right_indent = Pt(SIZE_BODY.pt * 4)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def docx_text(content: bytes) -> str:
    """All paragraph and table text of a .docx, for tests and previews."""
    doc = Document(io.BytesIO(content))
    out = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            out.append("\t".join(c.text for c in row.cells))
    return "\n".join(out)
