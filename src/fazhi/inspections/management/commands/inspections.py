"""`fazhi inspections import FILE [--dry-run]` — the entity directory (检查对象名录库) from CSV or Excel;
`fazhi inspections verify --file DRAW.json [--population FILE] [--json]` — redo a published draw from its record."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.excel import ImportFailed
from fazhi.core.permissions import ActionError


class Command(BaseCommand):
    help = "双随机一公开：import 导入检查对象名录；verify 按公开算法复核抽取记录"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        imp = sub.add_parser("import", help="导入检查对象名录（CSV 或 Excel；与页面导入相同的校验，全部成功才写入）")
        imp.add_argument("file")
        imp.add_argument("--dry-run", action="store_true", help="仅校验，不导入")
        ver = sub.add_parser("verify", help="按公开算法从抽取记录（JSON）重新抽取并比对")
        ver.add_argument("--file", required=True, help="门户公布的抽取记录 JSON")
        ver.add_argument("--population", help="总体快照文件（记录中未内含快照时）")
        ver.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **opts):
        if opts["sub"] == "import":
            return self._import(opts)
        return self._verify(opts)

    def _import(self, opts):
        from fazhi.inspections.directory import import_entities

        path = opts["file"]
        try:
            with open(path, "rb") as f:
                result = import_entities(f, actor=None, name=Path(path).name, dry_run=opts["dry_run"])
        except FileNotFoundError:
            raise CommandError(f"文件不存在：{path}") from None
        except (ImportFailed, ActionError) as e:
            raise CommandError(e.message) from None
        for e in result.errors:
            self.stdout.write(f"第 {e.row} 行 {e.column}：{e.message}")
        if result.errors:
            raise CommandError(f"共 {result.error_count} 处错误，未导入任何记录。")
        if opts["dry_run"]:
            self.stdout.write(f"校验通过：共 {result.total} 行，可导入。")
        else:
            self.stdout.write(f"已导入：新增 {result.created} 户，更新 {result.updated} 户，未变 {result.skipped} 户；"
                              f"共 {result.total} 行。")

    def _verify(self, opts):
        from fazhi.inspections.draw import verify

        try:
            record = json.loads(Path(opts["file"]).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"文件不存在：{opts['file']}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise CommandError(f"抽取记录不是有效的 JSON：{e}") from None
        if not isinstance(record, dict):
            raise CommandError("抽取记录应为一个 JSON 对象。")
        population = None
        if opts.get("population"):
            try:
                population = Path(opts["population"]).read_bytes()
            except FileNotFoundError:
                raise CommandError(f"文件不存在：{opts['population']}") from None
        if population is None and not (record.get("population") or {}).get("lines"):
            population = self._local_snapshot(record)
        answer = verify(record, population)
        if opts["json"]:
            self.stdout.write(json.dumps(answer, ensure_ascii=False, indent=1))
        else:
            self.stdout.write("复核一致：抽取结果与公开算法重新计算的结果相同。" if answer["verified"] else "复核不一致：")
            for p in answer.get("problems", []):
                self.stdout.write(f"- {p}")
            for d in answer.get("differences", [])[:20]:
                self.stdout.write(f"  {json.dumps(d, ensure_ascii=False)}")
        if not answer["verified"]:
            raise SystemExit(1)

    def _local_snapshot(self, record):
        """On the server that published it: the snapshot in storage whose hash the record names (else None)."""
        from django.core.files.storage import default_storage

        from fazhi.inspections.models import Task

        task = Task.objects.filter(population_hash=str(record.get("population_hash", ""))[:64]).exclude(
            population_file="").first()
        if task is None or not default_storage.exists(task.population_file):
            return None
        with default_storage.open(task.population_file, "rb") as f:
            return f.read()
