from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import ApiToken


class Command(BaseCommand):
    help = "为用户签发 API 令牌（令牌只显示一次）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        c = sub.add_parser("create")
        c.add_argument("username")
        c.add_argument("--name", default="命令行签发")

    def handle(self, *args, **opts):
        user = get_user_model().objects.filter(username=opts["username"]).first()
        if user is None:
            raise CommandError(f"用户“{opts['username']}”不存在。")
        _, key = ApiToken.issue(user, opts["name"])
        self.stdout.write(key)
