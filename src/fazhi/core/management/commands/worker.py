"""`fazhi worker`: the background worker (ADR 0015). It takes queued jobs (large imports, audits of large files) from
the database queue and runs them one at a time. `fazhi serve` starts one beside the server; run more on other
machines or as a service of their own with `fazhi worker` (see docs/deployment.md)."""

from __future__ import annotations

import signal

from django.core.management import call_command
from django.core.management.base import BaseCommand

_SIGNALS = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGQUIT] if hasattr(signal, "SIGQUIT") else [])


class Command(BaseCommand):
    help = "后台处理进程：执行排队的大文件导入、报告审核等任务（--batch 处理完排队任务后退出）"

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="处理完当前排队的任务后退出")
        parser.add_argument("--interval", type=float, default=1.0, help="无任务时的轮询间隔（秒）")

    def handle(self, *args, **opts):
        # The queue's worker installs its own SIGINT/SIGTERM/SIGQUIT handlers for a graceful stop; a batch run inside
        # another process (a test, a script) gets that process's handlers back when it returns.
        saved = {s: signal.getsignal(s) for s in _SIGNALS}
        try:
            call_command("db_worker", queue_name="*", interval=opts["interval"], batch=opts["batch"], reload=False,
                         startup_delay=False, verbosity=opts["verbosity"])
        finally:
            for s, handler in saved.items():
                signal.signal(s, handler)
