"""`fazhi deadline RULE START [--pause FROM:TO[:KIND]]... [--extend] [--json]`: print a due date and why."""

import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.permissions import ActionError
from fazhi.rules.engine import Pause, _parse_date, compute_due, get_rule


class Command(BaseCommand):
    help = "计算法定期限的期满日并说明依据"

    def add_arguments(self, parser):
        parser.add_argument("rule", help="规则编号，如 disclosure.reply")
        parser.add_argument("start", help="起算日 YYYY-MM-DD")
        parser.add_argument("--pause", action="append", default=[], metavar="FROM:TO[:KIND]",
                            help="暂停计时期间（可多次），KIND 默认为该规则的第一种可扣除期间")
        parser.add_argument("--extend", action="store_true", help="按规则经批准延长")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **opts):
        try:
            rule = get_rule(opts["rule"])
            start = _parse_date(opts["start"], "起算日")
            version = rule.version_on(start)
            default_kind = version.pauses[0].kind if version.pauses else "中止"
            pauses = []
            for raw in opts["pause"]:
                parts = raw.split(":")
                if len(parts) not in (2, 3):
                    raise CommandError(f"--pause 的格式应为 FROM:TO[:KIND]，实为“{raw}”。")
                pauses.append(Pause(_parse_date(parts[0], "暂停开始日"), _parse_date(parts[1], "暂停结束日"),
                                    parts[2] if len(parts) == 3 else default_kind))
            r = compute_due(rule.id, start, pauses=pauses, extended=opts["extend"])
        except ActionError as e:
            raise CommandError(e.message) from e
        if opts["json"]:
            self.stdout.write(json.dumps({"rule": rule.id, "start": r.start.isoformat(), "due": r.due.isoformat(),
                                          "provisional": r.provisional, "explanation": r.explanation,
                                          "citation": r.citation}, ensure_ascii=False, indent=1))
            return
        mark = "（暂定）" if r.provisional else ""
        self.stdout.write(f"{rule.title}：期满日 {r.due:%Y-%m-%d}{mark}")
        self.stdout.write(r.explanation)
