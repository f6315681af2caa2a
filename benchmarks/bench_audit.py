"""Legacy-report audit: a 100 KB report end to end (target ≤ 3 s). The end-to-end rows have no ratio: no simpler
program does what the audit does (clean, repair, outline, extract and check figures), and the text extraction that
served as their baseline took 0.3–5 ms, which made the ratio (34–513) noise (#16). Its time is printed beside them as
the floor. The glyph repair keeps its baseline: the same text through the table of unambiguous glyphs alone."""

from __future__ import annotations

import io
import random

from _timing import best_of, entry
from docx import Document

from fazhi.reports.legacy.audit import audit_bytes, audit_text
from fazhi.reports.legacy.extract import extract_bytes
from fazhi.reports.legacy.figures import sentences
from fazhi.reports.legacy.glyphs import AMBIGUOUS, UNAMBIGUOUS, repair_glyphs

_DAMAGE = {v: k for k, v in UNAMBIGUOUS.items()} | {v: k for k, v in AMBIGUOUS.items()}
_AREAS = ["依法全面履行政府职能", "完善依法行政制度体系", "推进行政决策科学化民主化法治化", "坚持严格规范公正文明执法",
          "强化对行政权力的制约和监督", "依法有效化解社会矛盾纠纷", "全面提高政府工作人员法治思维和依法行政能力"]
_SENTENCES = [
    "全年共收到行政复议申请{a}件，受理{b}件，审结{c}件，审理结果为维持{d}件，驳回{e}件，撤销{f}件，终止{g}件，"
    "行政复议直接纠错率{r}%。",
    "全年共调处矛盾纠纷{a}宗，调处成功{b}宗，成功率达到{r}%。",
    "保留行政职权共{a}项，其中行政许可{b}项，行政处罚{c}项，行政强制{d}项，其他行政权力{e}项。",
    "进一步规范行政执法行为，推进依法行政，按照有关规定认真落实行政执法公示制度，不断提高执法水平，"
    "对于发现的问题及时整改，领导小组全年{a}次听取工作汇报。",
    "共清理规范性文件{a}件，保留{b}件，废止{c}件，需修改后继续实行的{d}件。",
]


def report(size_bytes: int = 100_000, seed: int = 7) -> str:
    """A synthetic annual report of about `size_bytes` (UTF-8): figures, a glyph-damaged part, a repeated block."""
    rng = random.Random(seed)
    parts = ["2025年度法治政府建设情况报告", "一、2025年推进法治政府建设的主要举措和成效"]
    n = 0
    while len("\n".join(parts).encode()) < size_bytes * 0.9:
        parts.append(f"（{'一二三四五六七'[n % 7]}）{_AREAS[n % 7]}")
        for _ in range(6):
            b, c, d, e = rng.randint(10, 90), rng.randint(10, 90), rng.randint(1, 9), rng.randint(1, 9)
            a = b + c + d + e
            para = rng.choice(_SENTENCES).format(a=a, b=b, c=c, d=d, e=e, f=rng.randint(1, 5), g=rng.randint(1, 5),
                                                 r=round(rng.uniform(80, 99.9), 1))
            parts.append(para * 2)
        n += 1
    fresh = [rng.choice(_SENTENCES).format(a=90, b=30, c=20, d=5, e=5, f=2, g=1, r=95.5) + str(i) for i in range(40)]
    parts.append("".join(_DAMAGE.get(ch, ch) for ch in "\n".join(fresh)))
    parts += ["二、存在的不足和原因", "基层法治力量仍较薄弱。", "三、2026年工作安排", "持续推进依法行政。"]
    parts += parts[3:8]  # a repeated block, as re-published web pages have
    return "\n".join(parts)


def run(scale: str) -> list[dict]:
    text = report()
    data = text.encode("utf-8")
    out = []
    size = len(data)

    def baseline_text():
        t = extract_bytes(data, "report.txt")
        return sentences(t)

    none = "none fair (the target is absolute); floor: {}"
    out.append(entry("audit a 100 KB report (.txt): extract, clean, repair, outline, figures, checks", size,
                     best_of(lambda: audit_bytes(data, "report.txt"), 3),
                     none.format("text extraction and sentence split alone"), None,
                     floor_seconds=round(best_of(baseline_text, 3), 4), target_seconds=3.0))

    doc = Document()
    for line in text.split("\n"):
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    docx = buf.getvalue()
    out.append(entry("audit the same report as .docx", len(docx), best_of(lambda: audit_bytes(docx, "report.docx"), 3),
                     none.format("python-docx text extraction alone"), None,
                     floor_seconds=round(best_of(lambda: extract_bytes(docx, "report.docx"), 3), 4), target_seconds=3.0))

    table = str.maketrans(UNAMBIGUOUS)
    out.append(entry("glyph repair with the n-gram model (100 KB)", size, best_of(lambda: repair_glyphs(text), 3),
                     "str.translate of the unambiguous glyph table", best_of(lambda: text.translate(table), 3)))
    out.append(entry("audit_text without extraction (100 KB)", size, best_of(lambda: audit_text(text), 3),
                     none.format("text extraction and sentence split alone"), None,
                     floor_seconds=round(best_of(baseline_text, 3), 4)))
    return out
