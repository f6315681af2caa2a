from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "启动服务：默认以生产配置（waitress）运行；--dev 使用 Django 开发服务器"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--dev", action="store_true", help="开发模式（DEBUG 开启，自动重载）")
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, **opts):
        call_command("migrate", interactive=False, verbosity=0)
        url = f"http://{opts['host']}:{opts['port']}"
        self.stdout.write(self.style.SUCCESS(f"服务已启动：{url}  （Ctrl+C 停止）"))
        if opts["dev"]:
            call_command("runserver", f"{opts['host']}:{opts['port']}")
            return
        from waitress import serve

        from fazhi.wsgi import application

        if settings.DEBUG:
            self.stderr.write("警告：DEBUG 已开启，请勿在生产环境中使用。")
        serve(application, host=opts["host"], port=opts["port"], threads=opts["threads"], ident="fazhi")
