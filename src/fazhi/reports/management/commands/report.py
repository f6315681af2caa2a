"""`fazhi report annual --org CODE --year Y --format docx|html|json --out FILE`."""

from __future__ import annotations

import errno
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import clock
from fazhi.core.models import Organisation
from fazhi.reports.assemble import assemble_for
from fazhi.reports.models import AnnualReport
from fazhi.reports.render import to_docx, to_html, to_json

FORMATS = ("docx", "html", "json")


class Command(BaseCommand):
    help = "年度报告：report annual --org 机构代码 --year 年度 --format docx|html|json --out 文件"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        an = sub.add_parser("annual", help="生成法治政府建设年度报告")
        an.add_argument("--org", required=True, help="机构代码")
        an.add_argument("--year", required=True, help="年度，如 2025")
        an.add_argument("--format", default="docx", help="docx（默认）、html 或 json")
        an.add_argument("--out", help="输出文件；不指定时 json/html 输出到屏幕，docx 必须指定")

    def handle(self, *args, **opts):
        org = Organisation.objects.filter(code=opts["org"]).first()
        if org is None:
            raise CommandError(f"机构代码“{opts['org']}”不存在。可用 `fazhi orgs list` 查看。")
        try:
            year = int(opts["year"])
        except ValueError:
            raise CommandError(f"年度无效：{opts['year']}（应为四位数字，如 2025）。")
        if not 2000 <= year <= clock.today().year:
            raise CommandError(f"年度无效：{year}（应在 2000 年至 {clock.today().year} 年之间）。")
        fmt = (opts["format"] or "").lower()
        if fmt not in FORMATS:
            raise CommandError(f"格式无效：{opts['format']}（可选 docx、html、json）。")
        out = opts.get("out")
        if fmt == "docx" and not out:
            raise CommandError("Word 格式须用 --out 指定输出文件。")
        doc = assemble_for(org, year)
        if fmt == "docx":
            saved = AnnualReport.objects.filter(organisation=org, year=year).first()
            content = to_docx(doc, doc_number=saved.doc_number if saved else "",
                              recipients=saved.recipients if saved else "",
                              date=(saved.published_on or saved.approved_on) if saved else None)
        elif fmt == "html":
            content = to_html(doc).encode("utf-8")
        else:
            content = to_json(doc).encode("utf-8")
        if not out:
            self.stdout.write(content.decode("utf-8"))
            return
        path = Path(out)
        try:
            path.write_bytes(content)
        except OSError as e:
            why = {errno.ENOENT: "所在目录不存在", errno.EACCES: "没有写入权限", errno.EISDIR: "这是一个目录",
                   errno.EROFS: "文件系统只读", errno.ENOSPC: "磁盘空间不足"}.get(e.errno, e.strerror or str(e))
            raise CommandError(f"无法写入文件“{out}”：{why}。请检查路径和权限。")
        self.stdout.write(f"已生成 {doc.title}（{len(doc.figures)} 项数据）：{path}")
