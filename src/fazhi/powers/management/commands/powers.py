"""`fazhi powers list --org CODE [--on DATE] [--json]` — an organisation's 权责清单 (with the organisations below it) as
it stood on a date; `fazhi powers import FILE.xlsx [--dry-run]` — the Excel import, run as the command line."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import clock
from fazhi.core.excel import ImportFailed
from fazhi.core.models import Organisation
from fazhi.powers.choices import Category
from fazhi.powers.models import PowerItem


class Command(BaseCommand):
    help = "权责清单：list 列出某日有效的清单；import 导入 Excel"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        ls = sub.add_parser("list", help="列出机构（含下级机构）某日有效的权责事项")
        ls.add_argument("--org", required=True, help="机构代码")
        ls.add_argument("--on", default="", help="日期 YYYY-MM-DD（默认今天）")
        ls.add_argument("--json", action="store_true", help="以 JSON 输出")
        imp = sub.add_parser("import", help="导入权责清单 Excel（与页面导入相同的校验）")
        imp.add_argument("file")
        imp.add_argument("--dry-run", action="store_true", help="仅校验，不导入")

    def handle(self, *args, **opts):
        if opts["sub"] == "import":
            return self._import(opts["file"], opts["dry_run"])
        org = Organisation.objects.filter(code=opts["org"]).first()
        if org is None:
            raise CommandError(f"找不到机构代码“{opts['org']}”。")
        try:
            day = dt.date.fromisoformat(opts["on"]) if opts["on"] else clock.today()
        except ValueError:
            raise CommandError(f"日期“{opts['on']}”无效，应为 YYYY-MM-DD，例如 2025-06-30。") from None
        items = (PowerItem.objects.in_subtree(org).in_force_on(day).select_related("organisation", "parent")
                 .prefetch_related("bases").order_by("organisation__path", "category", "code"))
        rows = [{"code": i.code, "name": i.name, "category": i.get_category_display(), "category_code": i.category,
                 "organisation": i.organisation.name, "organisation_code": i.organisation.code,
                 "parent": i.parent.code if i.parent_id else None, "level": i.get_level_display(),
                 "valid_from": i.valid_from.isoformat(), "valid_to": i.valid_to.isoformat() if i.valid_to else None,
                 "bases": [b.canonical or b.citation for b in i.bases.all()]} for i in items]
        if opts["json"]:
            self.stdout.write(json.dumps({"organisation": org.name, "on": day.isoformat(), "count": len(rows),
                                          "items": rows}, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"{org.name}权责清单（{day:%Y-%m-%d}）：事项 {sum(1 for r in rows if not r['parent'])} 项，"
                          f"子项 {sum(1 for r in rows if r['parent'])} 项")
        for c in Category:
            n = sum(1 for r in rows if r["category_code"] == c.value and not r["parent"])
            if n:
                self.stdout.write(f"  {c.label}：{n}")
        for r in rows:
            self.stdout.write(f"{r['code']}\t{r['name']}\t{r['category']}\t{r['organisation']}\t{'；'.join(r['bases'])}")

    def _import(self, path, dry_run):
        from fazhi.powers.importers import import_items

        try:
            with open(path, "rb") as f:
                result = import_items(f, actor=None, dry_run=dry_run)
        except FileNotFoundError:
            raise CommandError(f"文件不存在：{path}") from None
        except ImportFailed as e:
            raise CommandError(e.message) from None
        for e in result.errors[:200]:
            self.stdout.write(f"第 {e.row} 行 {e.column}：{e.message}")
        if result.errors:
            raise CommandError(f"共 {len(result.errors)} 处错误，未导入任何事项。")
        self.stdout.write(("校验通过：" if dry_run else "已导入：") + f"{result.created} 项。")
