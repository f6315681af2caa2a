"""Importing a folder of the Markdown law collection: each file on its own, a bad file rejected by name."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fazhi.core.permissions import ActionError
from fazhi.laws import actions, watch
from fazhi.laws.parser import MalformedLaw, parse_file

# The texts shipped with the package (行政复议法 both versions, 行政处罚法, 政府信息公开条例 …).
BUNDLED_DIR = Path(__file__).resolve().parent / "data"

# Files of the collection that are not laws: folder indexes and the format description.
SKIPPED_NAMES = {"_index.md", "FORMAT-TEMPLATE.md", "README.md"}


@dataclass
class ImportSummary:
    files: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    laws: set = field(default_factory=set)
    versions: set = field(default_factory=set)
    articles: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    flags: int = 0  # citations of changed articles filed for review (fazhi.laws.watch)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged

    def lines(self) -> list[str]:
        out = [f"读取文件 {self.files} 个：新增 {self.created}，更新 {self.updated}，未变 {self.unchanged}，"
               f"拒绝 {len(self.rejected)}。",
               f"涉及法律法规 {len(self.laws)} 部、版本 {len(self.versions)} 个、条文 {self.articles} 条。"]
        if self.flags:
            out.append(f"新版本修改、删除或调整了被引用的条文：{self.flags} 项依据已列入相关机构的“依据变更复核”。")
        if self.rejected:
            out.append("以下文件未导入：")
            out += [f"  {name}：{reason}" for name, reason in self.rejected]
        return out


def law_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.md") if p.name not in SKIPPED_NAMES and not p.name.startswith("."))


def category_of(path: Path, root: Path) -> str:
    """The top folder under the collection root (行政法, 行政法规, 部门规章 …)."""
    if root.is_file():
        return ""
    parts = path.relative_to(root).parts
    return parts[0] if len(parts) > 1 else ""


def import_directory(root: Path | str, *, actor=None) -> ImportSummary:
    """Import every law file under `root` (or one file). Each file goes in its own transaction."""
    root = Path(root)
    summary = ImportSummary()
    base = root.parent if root.is_file() else root
    for path in law_files(root):
        summary.files += 1
        rel = str(path.relative_to(base))
        try:
            parsed = parse_file(path, root=base)
            version, outcome = actions.save_version(parsed, actor=actor, category=category_of(path, root))
        except (MalformedLaw, ActionError) as e:
            summary.rejected.append((rel, e.message))
            continue
        setattr(summary, outcome, getattr(summary, outcome) + 1)
        if outcome != "unchanged":
            summary.flags += len(watch.flag_changes(version, actor=actor))
        summary.laws.add(version.law_id)
        summary.versions.add(version.pk)
        summary.articles += len(parsed.articles)
    return summary
