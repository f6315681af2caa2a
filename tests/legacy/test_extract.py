"""Text from .txt (UTF-8, GB18030), .docx and .pdf; a clear Chinese error for anything else."""

import io

import pytest
from docx import Document

from fazhi.reports.legacy.audit import audit_bytes, audit_file
from fazhi.reports.legacy.extract import UnsupportedFile, decode_text, extract_bytes, extract_file

REPORT = ["2019年法治政府建设情况报告", "一、主要成效",
          "全年共调处矛盾纠纷1,263宗，调处成功1,255宗，成功率达到99.36%。",
          "二、存在问题", "基层法治力量薄弱。", "三、下一步工作安排", "推进依法行政。"]


def test_encodings():
    s = "行政复议申请三十七件。"
    assert decode_text(s.encode("utf-8")) == s
    assert decode_text(b"\xef\xbb\xbf" + s.encode("utf-8")) == s
    assert decode_text(s.encode("gb18030")) == s
    assert decode_text(s.encode("gbk")) == s
    assert decode_text(s.encode("utf-16")) == s


def test_docx_paragraphs_and_tables():
    doc = Document()
    for line in REPORT:
        doc.add_paragraph(line)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "数值"
    table.cell(1, 0).text, table.cell(1, 1).text = "受理", "34件"
    buf = io.BytesIO()
    doc.save(buf)
    text = extract_bytes(buf.getvalue(), "报告.docx")
    assert "全年共调处矛盾纠纷1,263宗" in text and "受理\t34件" in text
    result = audit_bytes(buf.getvalue(), "报告.docx")
    assert any(f.kind == "rounding" for f in result.findings)
    assert result.parts["shortcomings"].present and result.parts["next_year"].present


def test_pdf_text_and_glyph_repair(make_pdf):
    data = make_pdf(REPORT + ["推进简政放权，进一步规范行政执法，不断发展。"],
                    glyph_map={"进": "迚", "规": "觃", "不": "丌", "发": "収"})
    text = extract_bytes(data, "report.PDF")
    assert "迚一步觃范" in text  # the damage is really in the extracted text
    result = audit_bytes(data, "report.pdf")
    assert "推进简政放权，进一步规范行政执法，不断发展。" in result.text
    assert any(f.kind == "rounding" and "99.37%" in f.message for f in result.findings)
    assert result.figures[0].metric == "mediation.cases"


def test_unsupported_and_missing(tmp_path):
    with pytest.raises(UnsupportedFile, match="不支持的文件类型"):
        extract_bytes(b"x", "report.doc")
    with pytest.raises(UnsupportedFile, match="文件不存在"):
        extract_file(tmp_path / "none.txt")
    with pytest.raises(UnsupportedFile, match="Word"):
        extract_bytes(b"not a zip", "broken.docx")
    with pytest.raises(UnsupportedFile, match="PDF"):
        extract_bytes(b"%PDF-1.4 broken", "broken.pdf")


def test_audit_file_txt_gb18030(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_bytes("\n".join(REPORT).encode("gb18030"))
    result = audit_file(path)
    assert result.source == "报告.txt" and "调处成功1,255宗" in result.text


def test_pdf_lines_of_a_paragraph_are_joined_and_page_numbers_dropped(make_pdf):
    paragraph = ("全年共收到行政复议申请37件，受理34件，审结30件（含上年结转），审理结果为维持9件，驳回3件，撤销3件，"
                 "调解1件，终止14件，行政复议直接纠错率10%。")
    lines = ["一、主要成效"] + [paragraph[i:i + 28] for i in range(0, len(paragraph), 28)] + ["— 1 —", "二、存在问题",
                                                                                            "基层法治力量薄弱。"]
    result = audit_bytes(make_pdf(lines), "report.pdf")
    assert paragraph in result.text
    assert "— 1 —" not in result.text and "\n1\n" not in result.text
    assert any("9+3+3+1+14 = 30件" in f.message for f in result.findings)
