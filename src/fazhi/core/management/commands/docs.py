from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.metrics.catalogue import markdown as metrics_markdown


def default_docs_dir() -> Path:
    """docs/ of the source checkout (src/fazhi/../../docs)."""
    return Path(__file__).resolve().parents[5] / "docs"


def generated_docs() -> dict[str, str]:
    """File name → content of every catalogue generated from a registry."""
    from fazhi.core.workflow import markdown as workflows_markdown

    docs = {"metrics.md": metrics_markdown(), "workflows.md": workflows_markdown()}
    if find_spec("fazhi.rules.catalogue") is not None:
        docs["rules.md"] = import_module("fazhi.rules.catalogue").markdown()
    return docs


class Command(BaseCommand):
    help = "从注册表生成 docs/ 下的目录文档（metrics.md、rules.md、workflows.md）"

    def add_arguments(self, parser):
        parser.add_argument("--out", help="输出目录，默认为源码中的 docs/")
        parser.add_argument("--check", action="store_true", help="只检查文档是否为最新，不写入")

    def handle(self, *args, **opts):
        out = Path(opts["out"]) if opts["out"] else default_docs_dir()
        if not out.is_dir():
            raise CommandError(f"输出目录不存在：{out}")
        stale = []
        for name, content in generated_docs().items():
            path = out / name
            if opts["check"]:
                if not path.exists() or path.read_text(encoding="utf-8") != content:
                    stale.append(name)
                continue
            path.write_text(content, encoding="utf-8")
            self.stdout.write(f"已生成 {path}")
        if stale:
            raise CommandError(f"文档不是最新的：{'、'.join(stale)}。请运行 `fazhi docs`。")
