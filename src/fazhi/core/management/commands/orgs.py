import json

from django.core.management.base import BaseCommand

from fazhi.core.models import Organisation


class Command(BaseCommand):
    help = "机构清单"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        ls = sub.add_parser("list", help="列出机构")
        ls.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **opts):
        orgs = Organisation.objects.select_related("parent").order_by("path")
        rows = [{"code": o.code, "name": o.name, "kind": o.kind, "parent": o.parent.code if o.parent_id else None}
                for o in orgs]
        if opts["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for o in orgs:
            self.stdout.write(f"{'  ' * o.depth}{o.code}\t{o.name}\t{o.get_kind_display()}")
