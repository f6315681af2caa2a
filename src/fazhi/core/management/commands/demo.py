import datetime as dt
import shutil

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from fazhi.core import demo


class Command(BaseCommand):
    help = "构建示例县（清源县）数据并启动服务"

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="只构建数据，不启动服务")
        parser.add_argument("--dir", help="数据目录（即 FAZHI_HOME）")
        parser.add_argument("--seed", type=int, default=20260101, help="随机种子（相同种子得到相同数据）")
        parser.add_argument("--today", help="以该日期为“今天”构建（YYYY-MM-DD），默认今天")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, **opts):
        today = None
        if opts["today"]:
            try:
                today = dt.date.fromisoformat(opts["today"])
            except ValueError:
                raise CommandError(f"日期格式错误：{opts['today']}，应为 YYYY-MM-DD。")
        self.stdout.write(f"数据目录：{settings.FAZHI_HOME}")
        self._reset()
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("正在构建示例数据……")
        demo.build(seed=opts["seed"], today=today, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("示例数据已构建。"))
        self.stdout.write(demo.accounts_table())
        if not opts["no_serve"]:
            call_command("serve", port=opts["port"])

    def _reset(self):
        """Rebuild cleanly: drop every table of the database (SQLite or PostgreSQL) and generated documents."""
        tables = connection.introspection.table_names()
        if tables:
            with connection.cursor() as cur:
                if connection.vendor == "postgresql":
                    cur.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
                else:
                    cur.execute("PRAGMA foreign_keys = OFF")
                    for t in tables:
                        cur.execute(f'DROP TABLE IF EXISTS "{t}"')
                    cur.execute("PRAGMA foreign_keys = ON")
        for sub in ("documents", "uploads"):
            shutil.rmtree(settings.FAZHI_HOME / sub, ignore_errors=True)
        # A new demo database starts a new audit history: the old history's anchors would not match it.
        from fazhi.core.anchors import anchors_path

        anchors_path().unlink(missing_ok=True)
