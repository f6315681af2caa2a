"""Law library: importing the whole Markdown collection, and resolving citations."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from _timing import best_of, entry

import fazhi
from fazhi.laws.citations import CitationError, resolve
from fazhi.laws.importers import BUNDLED_DIR, import_directory, law_files
from fazhi.laws.models import Article

SHARED_LAWS = Path(fazhi.__file__).parents[3] / "shared" / "laws"
CITATIONS = ["《中华人民共和国行政复议法》第六十二条", "《行政复议法》第62条第二款", "行政处罚法第五十八条",
             "《政府信息公开条例》第三十三条", "《行政复议法》第三十一条", "行政处罚法第五十八条第一款第（二）项"]


def _read_only(root: Path) -> int:
    """Baseline: read every file's text, no parsing and no database."""
    return sum(len(p.read_text(encoding="utf-8")) for p in law_files(root))


def run(scale: str) -> list[dict]:
    out = []
    root = SHARED_LAWS if SHARED_LAWS.exists() else BUNDLED_DIR
    label = "shared/laws" if root == SHARED_LAWS else "bundled texts only (shared/laws absent)"
    files = len(law_files(root))
    read_seconds = best_of(lambda: _read_only(root), 3)
    t = time.perf_counter()
    summary = import_directory(root)
    first = time.perf_counter() - t
    out.append(entry(f"import {label} (target ≤ 60 s)", files, first, "read the files without parsing",
                     read_seconds, articles=summary.articles, rejected=len(summary.rejected)))
    t = time.perf_counter()
    import_directory(root)
    again = time.perf_counter() - t
    out.append(entry(f"re-import {label} (unchanged files are skipped)", files, again,
                     "read the files without parsing", read_seconds))

    n = 1000
    days = [dt.date(2023, 12, 1), dt.date(2024, 6, 1)]

    def cite_many():
        for i in range(n):
            try:
                resolve(CITATIONS[i % len(CITATIONS)], days[i % 2])
            except CitationError:  # an article missing in the older version is part of the mix
                pass

    ids = list(Article.objects.order_by("?").values_list("pk", flat=True)[:n]) or [0]

    def by_pk():
        for i in range(n):
            Article.objects.filter(pk=ids[i % len(ids)]).first()

    seconds = best_of(cite_many, 3)
    out.append(entry("resolve a citation on a date, ×1000 (target ≤ 5 ms each)", n, seconds,
                     "indexed lookup of one article by primary key, ×1000", best_of(by_pk, 3),
                     ms_each=round(seconds / n * 1000, 3)))
    return out
