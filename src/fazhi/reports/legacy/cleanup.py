"""Strip what a web page or a PDF adds to a report: portal headers, site footers, repeated blocks, broken lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Labels of a government portal's metadata block (信息公开目录) and of news pages.
_HEADER_LABEL = re.compile(
    r"^\s*(当前位置|您的位置|索\s*引\s*号|信息分类|主题分类|发布机构|发文机关|发布日期|成文日期|生成日期|信息名称|"
    r"文\s*号|关\s*键\s*词|内容概述|主题词|有效性|发布时间|来源[:：]|阅读次数|浏览次数|点击数|【字体|字号[:：]|"
    r"天气预报|首页\s*[>›]|网站首页|无障碍|繁體|English)"
)
_HEADER_ZONE_LINES = 40
# Lines a site appends: print/close links, recommendations, share buttons, site names and addresses.
_FOOTER = re.compile(
    r"(\[打印本页\]|\[关闭本页\]|【打印】|【关闭】|打印本页|关闭窗口|相关推荐|推荐文章|相关文章|相关阅读|上一篇|下一篇|"
    r"分享到|扫一扫|责任编辑|版权所有|主办单位|网站标识码|ICP备|www\.|https?://|\.com|\.cn\b|\.cc\b|本站|"
    r"收藏|免费阅读|word下载|全文阅读)",
    re.I,
)
_TITLE_LIKE = re.compile(r"(报告|总结|情况|工作要点|实施方案)")
_END_PUNCT = "。！？；：:;!?」”’）)】…"
_HEADING_START = re.compile(r"^\s*(第[一二三四五六七八九十]+[篇章节部分]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|"
                            r"\d+[、.．]|[①②③④⑤⑥⑦⑧⑨⑩])")
# A line starting like this begins a new paragraph even when the previous one lacks its full stop.
_PARAGRAPH_START = re.compile(r"^\s*([一二三四五六七八九十]+是|\d{4}年|第[一二三四五六七八九十]|首先|其次|最后|此外|另外|同时)")
_NORMALISE = re.compile(r"[\s,，.。、;；:：“”\"'‘’()（）《》〈〉【】\[\]]+")
# A row of a table written as text (pipe cells, tab-separated cells, columns aligned by runs of spaces): kept as a
# line of its own, never joined to the line before or after.
_TABLE_ROW = re.compile(r"[|｜].*[|｜]|\t|\S[ ]{2,}\S")


@dataclass
class Removed:
    kind: str  # header, footer, repeat, duplicate_line
    text: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text}


def normalise_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\xa0", " ")
    return [line.rstrip() for line in text.split("\n")]


def strip_header(lines: list[str], removed: list[Removed]) -> list[str]:
    """Drop a portal header: everything up to the last metadata label near the top, except a title line."""
    zone = lines[:_HEADER_ZONE_LINES]
    last = -1
    for i, line in enumerate(zone):
        if _HEADER_LABEL.search(line):
            last = i
    if last < 0:
        return lines
    kept = []
    dropped = []
    for i, line in enumerate(lines[:last + 1]):
        stripped = line.strip()
        if (stripped and not _HEADER_LABEL.search(line) and _TITLE_LIKE.search(stripped) and len(stripped) <= 60
                and (i == 0 or not lines[i - 1].strip().endswith((":", "：")))):
            kept.append(line)
        elif stripped:
            dropped.append(stripped)
    removed.append(Removed("header", "\n".join(dropped)))
    return kept + lines[last + 1:]


def strip_footer(lines: list[str], removed: list[Removed]) -> list[str]:
    """Drop trailing site lines (recommendations, print links, site name and address)."""
    end = len(lines)
    dropped = []
    while end > 0:
        line = lines[end - 1].strip()
        if not line:
            end -= 1
            continue
        if _FOOTER.search(line) and (len(line) <= 200):
            dropped.append(line)
            end -= 1
            continue
        break
    if dropped:
        removed.append(Removed("footer", "\n".join(reversed(dropped))))
    return lines[:end]


def _shingles(s: str, n: int = 4) -> set[str]:
    return {s[i:i + n] for i in range(max(1, len(s) - n + 1))}


def strip_repeats(lines: list[str], removed: list[Removed], min_block: int = 100) -> list[str]:
    """Drop paragraphs that repeat an earlier one (exactly or nearly: a re-published page often differs in a few
    characters, never in its figures), when they form a block of at least `min_block` characters; and
    consecutive duplicate lines."""
    norm = [_NORMALISE.sub("", line) for line in lines]
    seen_exact: dict[str, int] = {}
    index: dict[str, set[int]] = {}
    shingles: dict[int, set[str]] = {}
    repeat = [False] * len(lines)
    for i, s in enumerate(norm):
        if not s:
            continue
        if s in seen_exact:
            repeat[i] = True
            continue
        seen_exact[s] = i
        if len(s) >= 30:
            sh = _shingles(s)
            votes: dict[int, int] = {}
            for g in sh:
                for j in index.get(g, ()):
                    votes[j] = votes.get(j, 0) + 1
            digits = re.findall(r"\d+", s)
            for j, v in votes.items():
                other = shingles[j]
                # Near-identical wording with the same figures: a re-published copy. Paragraphs that share a
                # template but report other figures (one per department) are not repeats.
                if v / len(sh | other) >= 0.75 and re.findall(r"\d+", norm[j]) == digits:
                    repeat[i] = True
                    break
            shingles[i] = sh
            for g in sh:
                index.setdefault(g, set()).add(i)
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not repeat[i]:
            if norm[i] and out and _NORMALISE.sub("", out[-1]) == norm[i]:
                removed.append(Removed("duplicate_line", lines[i].strip()))
            elif not (norm[i] == "" and out and out[-1].strip() == "" and False):
                out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and (repeat[j] or not norm[j]):
            j += 1
        block = [line for line in lines[i:j] if line.strip()]
        if sum(len(n) for n in norm[i:j]) >= min_block:
            removed.append(Removed("repeat", "\n".join(block)))
        else:
            out.extend(lines[i:j])
        i = j
    # Drop consecutive duplicates that the loop left (a title printed twice, separated by blank lines).
    final: list[str] = []
    last_text = None
    for line in out:
        n = _NORMALISE.sub("", line)
        if n and n == last_text and len(n) <= 60:
            removed.append(Removed("duplicate_line", line.strip()))
            continue
        if n:
            last_text = n
        final.append(line)
    return final


# Page furniture a PDF repeats on every page: "第 3 页", "- 3 -", "3 / 12", a bare page number.
_PAGE_LINE = re.compile(r"^\s*(第\s*\d+\s*页.*|共\s*\d+\s*页.*|\d{1,3}|[-—–]\s*\d{1,3}\s*[-—–]|\d{1,3}\s*/\s*\d{1,3})\s*$")


def strip_page_lines(lines: list[str], removed: list[Removed]) -> list[str]:
    out = [line for line in lines if not _PAGE_LINE.match(line)]
    if len(out) != len(lines):
        removed.append(Removed("page_number", f"{len(lines) - len(out)} 行页码"))
    return out


def _full_line_length(lines: list[str]) -> int:
    """How long a full line is in this document: about 28 characters in a PDF set in 三号 (GB/T 9704),
    a whole paragraph in a web page. Lines at least this long that stop mid-sentence were cut."""
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) >= 15)
    if not lengths:
        return 30
    typical = lengths[int(len(lengths) * 0.75)]
    return max(20, min(60, int(typical * 0.8)))


def join_broken_lines(lines: list[str]) -> list[str]:
    """Join a paragraph cut by a page or line break ("……传" / "" / "达了……"): the first part is a full line
    that does not end a sentence, the next line is not a heading."""
    out: list[str] = []
    pending_blank = 0
    full = _full_line_length(lines)
    for line in lines:
        if not line.strip():
            pending_blank += 1
            continue
        prev = out[-1] if out else ""
        if (prev and len(prev.strip()) >= full and prev.strip()[-1] not in _END_PUNCT
                and not _HEADING_START.match(line) and not _PARAGRAPH_START.match(line) and pending_blank <= 3
                and not _TABLE_ROW.search(prev.strip()) and not _TABLE_ROW.search(line.strip())):
            out[-1] = prev + line.strip()
        else:
            if out and pending_blank:
                out.append("")
            out.append(line)
        pending_blank = 0
    return out


_PAGE_NUMBER = re.compile(r"[—–-]\s*\d{1,3}\s*[—–-]\s?")


def clean(text: str) -> tuple[str, list[Removed]]:
    removed: list[Removed] = []
    text = _PAGE_NUMBER.sub("", text)  # "— 24 —" printed page numbers inside the flow
    lines = normalise_lines(text)
    lines = strip_header(lines, removed)
    lines = strip_footer(lines, removed)
    lines = strip_page_lines(lines, removed)
    lines = strip_repeats(lines, removed)
    lines = join_broken_lines(lines)
    out = "\n".join(lines).strip("\n")
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out, removed
