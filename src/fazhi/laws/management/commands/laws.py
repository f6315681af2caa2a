"""`fazhi laws import DIR` and `fazhi laws cite TEXT --on DATE [--json]`."""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import clock
from fazhi.laws.citations import CitationError, resolve
from fazhi.laws.importers import import_directory


class Command(BaseCommand):
    help = "法律法规库：import 导入 Markdown 法律文本目录；cite 解析法条引用"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        imp = sub.add_parser("import", help="导入目录（或单个文件）中的法律文本")
        imp.add_argument("path", help="法律文本目录，如 shared/laws")
        cite = sub.add_parser("cite", help="解析引用，如 “《行政复议法》第六十二条”")
        cite.add_argument("text", help="引用文字")
        cite.add_argument("--on", default="", help="日期 YYYY-MM-DD（默认今天），取当日有效的版本")
        cite.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **opts):
        if opts["sub"] == "import":
            return self._import(opts["path"])
        return self._cite(opts["text"], opts["on"], opts["json"])

    def _import(self, path: str):
        root = Path(path)
        if not root.exists():
            raise CommandError(f"路径不存在：{path}")
        summary = import_directory(root)
        for line in summary.lines():
            self.stdout.write(line)
        if summary.imported == 0:
            raise CommandError("没有读入任何法律文本。" if summary.files else f"{path} 下没有法律文本文件（*.md）。")

    def _cite(self, text: str, on: str, as_json: bool):
        if on:
            try:
                day = dt.date.fromisoformat(on)
            except ValueError:
                raise CommandError(f"日期“{on}”无效，应为 YYYY-MM-DD，例如 2024-06-01。")
        else:
            day = clock.today()
        try:
            r = resolve(text, day)
        except CitationError as e:
            raise CommandError(e.message)
        if as_json:
            out = {"law": r.law, "version": r.version, "article": r.article, "text": r.text,
                   "paragraph": r.paragraph, "item": r.item, "effective": r.effective.isoformat()}
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        self.stdout.write(f"{r.citation}（{r.law}，自 {r.effective:%Y-%m-%d} 起施行）")
        self.stdout.write(r.text)
