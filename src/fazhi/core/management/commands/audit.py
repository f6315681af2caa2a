import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.audit import verify_chain


class Command(BaseCommand):
    help = "审计日志：校验哈希链"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        v = sub.add_parser("verify", help="校验审计链是否完整、未被篡改")
        v.add_argument("--json", action="store_true")
        sub.add_parser("anchor", help="将当前审计链头签名后追加到数据库外的锚点文件（fazhi tick 每日执行）")

    def handle(self, *args, **opts):
        if opts["sub"] == "anchor":
            from fazhi.core.anchors import anchor, anchors_path

            a = anchor()
            self.stdout.write(f"已锚定第 {a.seq} 条（{a.hash[:16]}…）于 {anchors_path()}。" if a else "审计链头未变，无需锚定。")
            return
        result = verify_chain()
        if opts.get("json"):
            self.stdout.write(json.dumps({"ok": result.ok, "checked": result.checked, "bad_seq": result.bad_seq,
                                          "message": result.message}, ensure_ascii=False))
        if not result.ok:
            raise CommandError(result.message)
        if not opts.get("json"):
            self.stdout.write(result.message)
