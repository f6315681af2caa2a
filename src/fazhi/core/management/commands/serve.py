"""`fazhi serve`: the production server.

On PostgreSQL it runs gunicorn with worker processes sized to the machine (two Python interpreters per core, so the
pages of many users render in parallel instead of queuing behind one interpreter lock), each answering one request at
a time: a request waits in the listening socket's queue until a process is free, first come first served, rather than
behind the other requests of the process that happened to take its connection (ADR 0013, 2026-12-03). On SQLite
— one writer at a time — and where gunicorn cannot run (Windows) it runs waitress in one process with threads.
`--server`, `--workers` and `--threads` override the choice.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections

MAX_WORKERS = 16


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def plan(*, vendor: str, cpus: int, server: str = "auto", workers: int | None = None, threads: int | None = None,
         gunicorn_available: bool = True) -> tuple[str, int, int]:
    """(server, worker processes, threads per worker) for this database and machine."""
    if server == "auto":
        server = "gunicorn" if vendor != "sqlite" and gunicorn_available else "waitress"
    if server == "gunicorn" and not gunicorn_available:
        raise CommandError("本机无法使用 gunicorn（仅支持 Linux/Unix），请改用 --server waitress。")
    if server == "waitress":
        return "waitress", 1, threads or 8
    return "gunicorn", workers or min(2 * cpus, MAX_WORKERS), threads or 1


def _gunicorn_available() -> bool:
    try:
        import gunicorn.app.base  # noqa: F401
    except ImportError:
        return False
    return os.name == "posix"


class Command(BaseCommand):
    help = "启动服务：生产配置（PostgreSQL 时多进程 gunicorn，SQLite 时单进程 waitress）；--dev 使用 Django 开发服务器"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--dev", action="store_true", help="开发模式（DEBUG 开启，自动重载）")
        parser.add_argument("--server", choices=["auto", "gunicorn", "waitress"], default="auto",
                            help="auto：PostgreSQL 用 gunicorn 多进程，SQLite 用 waitress")
        parser.add_argument("--workers", type=int, help=f"工作进程数（默认每核 2 个，至多 {MAX_WORKERS} 个）")
        parser.add_argument("--threads", type=int, help="每个进程的线程数（gunicorn 默认 1，即每个进程一次处理一个请求；waitress 默认 8）")
        parser.add_argument("--no-worker", action="store_true",
                            help="不启动后台处理进程（另行运行 fazhi worker 时使用）")

    def handle(self, *args, **opts):
        for name in ("workers", "threads"):
            if opts[name] is not None and not 1 <= opts[name] <= 64:
                raise CommandError(f"--{name} 应在 1 至 64 之间。")
        call_command("migrate", interactive=False, verbosity=0)
        url = f"http://{opts['host']}:{opts['port']}"
        # Under the development server's autoreloader this runs twice (RUN_MAIN in the reloaded child): one worker.
        worker = None if opts["no_worker"] or os.environ.get("RUN_MAIN") == "true" else start_worker()
        signal.signal(signal.SIGTERM, _exit)  # so that a plain `kill` ends the worker too (gunicorn sets its own)
        try:
            self._serve(opts, url)
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()

    def _serve(self, opts, url):
        if opts["dev"]:
            self.stdout.write(self.style.SUCCESS(f"服务已启动：{url}  （Ctrl+C 停止）"))
            call_command("runserver", f"{opts['host']}:{opts['port']}")
            return
        if settings.DEBUG:
            self.stderr.write("警告：DEBUG 已开启，请勿在生产环境中使用。")
        server, workers, threads = plan(vendor=connection.vendor, cpus=cores(), server=opts["server"],
                                        workers=opts["workers"], threads=opts["threads"],
                                        gunicorn_available=_gunicorn_available())
        connections.close_all()  # no connection opened by migrate may be shared with the forked workers
        self.stdout.write(self.style.SUCCESS(
            f"服务已启动：{url}  （{server}，{workers} 个进程 × {threads} 个线程；Ctrl+C 停止）"))
        from fazhi.wsgi import application

        if server == "waitress":
            from waitress import serve

            serve(application, host=opts["host"], port=opts["port"], threads=threads, ident="fazhi")
            return
        _gunicorn_app(application, {"bind": f"{opts['host']}:{opts['port']}", "workers": workers, "threads": threads,
                                "worker_class": "sync" if threads == 1 else "gthread", "timeout": 120, "graceful_timeout": 30,
                                "max_requests": 5000, "max_requests_jitter": 500, "accesslog": "-",
                                "errorlog": "-", "proc_name": "fazhi"}).run()


def _exit(signum, frame):
    raise SystemExit(0)


def start_worker() -> subprocess.Popen:
    """The background worker (`fazhi worker`) as a child process, ended with the server. A job it was running when
    killed leaves nothing half-saved (its transaction rolls back) and its page says it was interrupted."""
    return subprocess.Popen([sys.executable, "-m", "fazhi", "worker", "--verbosity", "0"], stdin=subprocess.DEVNULL)


def _gunicorn_app(app, options):
    from gunicorn.app.base import BaseApplication

    class Application(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return app

    return Application()
