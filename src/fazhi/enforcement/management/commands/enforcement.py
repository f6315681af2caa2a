"""`fazhi enforcement import FILE --source NAME [--map 字段=表头]... [--dry-run]` — bulk intake of decisions from a
department's own system (CSV or .xlsx); `fazhi enforcement yearbook --org CODE --year Y --format docx|xlsx|json
--out FILE` — the organisation's 行政执法数据年报."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.excel import ImportFailed
from fazhi.core.models import Organisation
from fazhi.core.permissions import ActionError


class Command(BaseCommand):
    help = "行政执法：import 批量导入执法决定；yearbook 生成行政执法数据年报"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        imp = sub.add_parser("import", help="导入其他系统的执法决定（CSV 或 Excel，与页面导入相同的校验）")
        imp.add_argument("file")
        imp.add_argument("--source", required=True, help="来源系统名称（与来源案件编号一起判定是否已导入）")
        imp.add_argument("--map", action="append", default=[], help="列对应：字段=表头，可重复")
        imp.add_argument("--dry-run", action="store_true", help="仅校验，不导入")
        yb = sub.add_parser("yearbook", help="生成某机构（含下级机构）某年度的行政执法数据年报")
        yb.add_argument("--org", required=True, help="机构代码")
        yb.add_argument("--year", required=True, type=int)
        yb.add_argument("--format", choices=["docx", "xlsx", "json"], default="json")
        yb.add_argument("--out", required=True, help="输出文件")

    def handle(self, *args, **opts):
        if opts["sub"] == "import":
            return self._import(opts)
        return self._yearbook(opts)

    def _import(self, opts):
        from fazhi.enforcement.intake import import_decisions, parse_mapping

        path = opts["file"]
        try:
            mapping = parse_mapping("\n".join(opts["map"]))
            with open(path, "rb") as f:
                result = import_decisions(f, actor=None, source=opts["source"], name=Path(path).name,
                                          mapping=mapping, dry_run=opts["dry_run"])
        except FileNotFoundError:
            raise CommandError(f"文件不存在：{path}") from None
        except (ImportFailed, ActionError) as e:
            raise CommandError(e.message) from None
        for e in result.errors[:200]:
            self.stdout.write(f"第 {e.row} 行 {e.column}：{e.message}")
        if result.errors:
            raise CommandError(f"共 {result.error_count} 处错误，未导入任何记录。")
        verb = "校验通过，可导入" if opts["dry_run"] else "已导入"
        self.stdout.write(f"{verb} {result.created} 件；已导入过、跳过 {result.skipped} 件；共 {result.total} 行。")

    def _yearbook(self, opts):
        from fazhi.enforcement import yearbook

        org = Organisation.objects.filter(code=opts["org"]).first()
        if org is None:
            raise CommandError(f"找不到机构代码“{opts['org']}”。")
        if not 2000 <= opts["year"] <= 2100:
            raise CommandError(f"年度“{opts['year']}”无效。")
        content = yearbook.render(yearbook.build(org, opts["year"]), opts["format"])
        Path(opts["out"]).write_bytes(content)
        self.stdout.write(f"已生成 {opts['out']}（{org.name}{opts['year']}年行政执法数据年报）。")
