"""What the platform does itself once a day (`fazhi tick`): anchor the audit chain outside the database, and remove
background jobs older than 30 days with what is left of their files."""

from fazhi.core import jobs
from fazhi.core.anchors import anchor


def tick(today) -> list[str]:
    out = []
    a = anchor()
    if a:
        out.append(f"审计链已锚定到第 {a.seq} 条。")
    n = jobs.prune()
    if n:
        out.append(f"已清理 {n} 个 {jobs.KEEP_DAYS} 天前的后台任务。")
    return out
