from django.core.management.base import BaseCommand, CommandError

from fazhi.core.bench import SCALES, generate
from fazhi.core.models import Organisation


class Command(BaseCommand):
    help = "性能基准：生成县、市、省规模的测试数据（make bench 运行基准）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        g = sub.add_parser("generate", help="生成基准数据（需在空库上运行）")
        g.add_argument("--scale", required=True, help="规模：county、city 或 province")
        g.add_argument("--seed", type=int, default=7)

    def handle(self, *args, **opts):
        if opts["scale"] not in SCALES:
            raise CommandError(f"未知规模：{opts['scale']}，应为 county、city 或 province。")
        if Organisation.objects.filter(code="B").exists():
            raise CommandError("数据库中已有基准数据。请在新的数据目录（FAZHI_HOME）或空数据库上运行。")
        generate(opts["scale"], opts["seed"], stdout=self.stdout)
