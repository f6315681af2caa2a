import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.audit import verify_chain


class Command(BaseCommand):
    help = "审计日志：校验哈希链"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        v = sub.add_parser("verify", help="校验审计链是否完整、未被篡改")
        v.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        result = verify_chain()
        if opts.get("json"):
            self.stdout.write(json.dumps({"ok": result.ok, "checked": result.checked, "bad_seq": result.bad_seq,
                                          "message": result.message}, ensure_ascii=False))
        if not result.ok:
            raise CommandError(result.message)
        if not opts.get("json"):
            self.stdout.write(result.message)
