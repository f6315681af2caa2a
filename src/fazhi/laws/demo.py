"""Demo data: the laws the platform cites, from the texts shipped in fazhi/laws/data/."""

from fazhi.laws.importers import BUNDLED_DIR, import_directory


def build(ctx):
    summary = import_directory(BUNDLED_DIR, actor=ctx.admin)
    if summary.rejected:
        raise RuntimeError("随附法律文本导入失败：" + "；".join(f"{n}：{r}" for n, r in summary.rejected))
