"""`fazhi tick [--date YYYY-MM-DD]`: create today's deadline reminders (in-app, and e-mail when configured).

Run it daily (see src/fazhi/rules/README.md); running it twice creates nothing new.
"""

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import clock
from fazhi.core.modules import periodic_tasks
from fazhi.core.permissions import ActionError
from fazhi.rules.engine import _parse_date
from fazhi.rules.reminders import mail_configured, tick


class Command(BaseCommand):
    help = "生成法定期限提醒（站内提醒；已配置邮件时同时发送邮件）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按指定日期运行（默认今天）")

    def handle(self, *args, **opts):
        try:
            today = _parse_date(opts["date"], "日期") if opts["date"] else None
        except ActionError as e:
            raise CommandError(e.message) from e
        for config, task in periodic_tasks():
            for line in task(today or clock.today()):
                self.stdout.write(f"{config.verbose_name}：{line}")
        report = tick(today)
        mail = f"，发送邮件 {report.emailed} 封" if mail_configured() else "（未配置邮件，仅站内提醒）"
        self.stdout.write(f"检查期限 {report.examined} 项，新增提醒 {report.created} 条{mail}。")
