import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import Organisation
from fazhi.metrics.registry import NO_DATA, Scope, UnknownMetric, all_metrics, all_planned, evaluate, get, planned


class Command(BaseCommand):
    help = "指标口径：列出指标、计算某机构某年度的指标值"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        ls = sub.add_parser("list", help="列出全部指标")
        ls.add_argument("--json", action="store_true")
        sh = sub.add_parser("show", help="计算指标值")
        sh.add_argument("key")
        sh.add_argument("--org", required=True, help="机构代码")
        sh.add_argument("--year", required=True, type=int, help="年度，如 2025")
        sh.add_argument("--json", action="store_true")
        sh.add_argument("--rows", action="store_true", help="同时列出明细记录")
        sub.add_parser("refresh", help="清空已保存的指标值（在平台之外直接改动数据库后使用）")

    def handle(self, *args, **opts):
        if opts["sub"] == "refresh":
            from fazhi.metrics.stored import refresh

            self.stdout.write(f"已清空 {refresh()} 个已保存的指标值；下次打开页面时按现有数据重新计算。")
            return
        if opts["sub"] == "list":
            items = [{"key": m.key, "label": m.label, "unit": m.unit, "definition": m.definition,
                      "module": m.module, "status": "live"} for m in all_metrics()]
            items += [{"key": p.key, "label": p.label, "unit": p.unit, "definition": p.definition,
                       "module": p.module, "status": "planned"} for p in all_planned()]
            items.sort(key=lambda i: i["key"])
            if opts["json"]:
                self.stdout.write(json.dumps(items, ensure_ascii=False, indent=1))
            else:
                for i in items:
                    mark = "" if i["status"] == "live" else f"  [{NO_DATA}：待 {i['module']} 模块]"
                    self.stdout.write(f"{i['key']:<45}{i['label']}（{i['unit']}）{mark}")
            return
        try:
            metric = get(opts["key"])
        except UnknownMetric as e:
            p = planned(opts["key"])
            if p is not None:
                raise CommandError(f"指标“{p.label}”（{p.key}）{NO_DATA}：将由 {p.module} 模块提供。")
            raise CommandError(e.message)
        org = Organisation.objects.filter(code=opts["org"]).first()
        if org is None:
            raise CommandError(f"机构代码“{opts['org']}”不存在。可用 `fazhi orgs list` 查看。")
        if not 1900 <= opts["year"] <= dt.MAXYEAR:
            raise CommandError(f"年份无效：{opts['year']}")
        scope = Scope.for_year(org, opts["year"])
        out = evaluate(metric.key, scope)
        if opts["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False))
        else:
            self.stdout.write(f"{metric.label}：{out['value']}{metric.unit}（{scope.label()}）\n口径：{metric.definition}")
        if opts["rows"] and metric.rows:
            for row in metric.rows(scope):
                self.stdout.write(f"  - {row}")
