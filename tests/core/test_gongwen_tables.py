"""A Word table's rows after the first plain one are copies of its XML with their own texts (python-docx for each
cell was most of a report's Word time): every cell still reads back with its text and the table's fonts, and rows
python-docx must write itself (empty cells, line breaks, tabs, short rows) are written by it."""

import io

import docx
from docx.oxml.ns import qn

from fazhi.core.gongwen import Table, render_docx


def test_copied_rows_read_back_with_their_texts_and_fonts():
    rows = [[1, "二", " 前后有空格 "], [3, "四", "五"], ["", "空", "格"], [None, "甲\n乙", "丙"], [5, "短"],
            [1.5, "\x0b垂直制表", "制\t表"], *[[i, f"第{i}行", "定义"] for i in range(6, 40)]]
    data = render_docx(title="表格", blocks=[Table(["序号", "指标", "口径"], rows, title="附表", widths_mm=[12, 30, 60])])
    table = docx.Document(io.BytesIO(data)).tables[0]
    assert len(table.rows) == 1 + len(rows)
    expect = [["序号", "指标", "口径"]] + [[("" if v is None else str(v)).replace("\x0b", " ") for v in r]
                                        + [""] * (3 - len(r)) for r in rows]
    assert [[c.text for c in r.cells] for r in table.rows] == expect
    for r in table.rows[1:]:
        for cell in r.cells:
            fonts = [run._element.rPr.find(qn("w:rFonts")) for p in cell.paragraphs for run in p.runs if run.text]
            assert all(f is not None and f.get(qn("w:eastAsia")) == "仿宋_GB2312" for f in fonts), cell.text
            assert cell.width is not None
    spaced = table.rows[1].cells[2]._tc.find(".//" + qn("w:t"))
    assert spaced.get(qn("xml:space")) == "preserve"
    assert table.rows[2].cells[2]._tc.find(".//" + qn("w:t")).get(qn("xml:space")) is None
