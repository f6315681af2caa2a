"""`fazhi recompute-deadlines [--rule ID]...`: recompute open deadlines after the rule files changed (deploys)."""

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.permissions import ActionError
from fazhi.rules.engine import all_rules, get_rule
from fazhi.rules.recompute import reassign_overrides, recompute


class Command(BaseCommand):
    help = "重新计算进行中的法定期限（规则文件更新后运行）"

    def add_arguments(self, parser):
        parser.add_argument("--rule", action="append", default=[], help="只重算该规则（可多次）")

    def handle(self, *args, **opts):
        try:
            rule_ids = [get_rule(r).id for r in opts["rule"]] or sorted(all_rules())
        except ActionError as e:
            raise CommandError(e.message) from e
        for rule_id in rule_ids:
            reassign_overrides(rule_id)
        report = recompute(rule_ids=rule_ids, reason="规则文件更新后重新计算")
        self.stdout.write(f"重新计算完成：变更 {report.changed} 项期限。")
        for e in report.errors:
            self.stderr.write(e)
