"""`fazhi backup --out FILE`: the database's records, uploaded files and audit anchors in one archive, consistent
while the server runs (fazhi.core.backup; schedule in docs/deployment.md). Restore with `fazhi restore FILE --yes`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import backup


class Command(BaseCommand):
    help = "备份数据库记录、上传文件和审计锚点（服务运行时也可一致地备份）"

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="备份文件路径，如 /backup/fazhi-2026-12-01.tar.gz")

    def handle(self, *args, **opts):
        out = Path(opts["out"])
        if out.exists() and out.is_dir():
            raise CommandError(f"{out} 是目录，请指定文件名。")
        manifest = backup.backup(out)
        total = sum(manifest["counts"].values())
        self.stdout.write(f"已备份 {total} 条记录（{len(manifest['counts'])} 类）及上传文件、审计锚点到 {out}。")
