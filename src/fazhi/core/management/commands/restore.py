"""`fazhi restore FILE --yes`: replace the database's records and files with a backup, then verify the audit chain."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import backup
from fazhi.core.audit import verify_chain


class Command(BaseCommand):
    help = "从 fazhi backup 生成的备份恢复（将清空当前数据库）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件")
        parser.add_argument("--yes", action="store_true", help="确认清空当前数据库并以备份替换")

    def handle(self, *args, **opts):
        if not opts["yes"]:
            raise CommandError("恢复将清空当前数据库并以备份替换；确认无误后加 --yes 再运行。")
        try:
            manifest = backup.restore(Path(opts["file"]))
        except backup.RestoreError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(f"已从 {manifest['created']} 的备份恢复 {sum(manifest['counts'].values())} 条记录。")
        result = verify_chain()
        if not result.ok:
            raise CommandError(f"恢复后审计链校验未通过：{result.message}")
        self.stdout.write(result.message)
