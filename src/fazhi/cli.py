"""The `fazhi` console command.

Our subcommands (demo, serve, orgs, audit, metrics, bench, …) are Django management commands living in each
module's management/commands/, so `fazhi X` is `manage.py X` and any Django command works too
(`fazhi migrate`, `fazhi createsuperuser`). A hyphenated name (`audit-report`) maps to its module (`audit_report`).
"""

from __future__ import annotations

import os
import sys

OWN_COMMANDS = [
    ("demo", "构建示例县数据并启动服务（--no-serve 只构建，--dir 指定数据目录）"),
    ("serve", "启动服务（--port 端口，--dev 开发模式；同时启动后台处理进程）"),
    ("worker", "后台处理进程：执行排队的大文件导入、报告审核（fazhi serve 已一并启动；--batch 处理完即退出）"),
    ("orgs", "机构：orgs list [--json]"),
    ("audit", "审计日志：audit verify；audit anchor（签名链头并追加到库外锚点文件）"),
    ("backup", "备份：backup --out FILE（数据库记录、上传文件、审计锚点）"),
    ("restore", "恢复：restore FILE --yes（清空当前数据库后以备份替换，并校验审计链）"),
    ("powers", "权责清单：powers list --org CODE [--on DATE] [--json]；powers import FILE [--dry-run]"),
    ("enforcement", "行政执法：enforcement import FILE --source NAME [--map 字段=表头] [--dry-run]；"
                    "enforcement yearbook --org CODE --year Y --format docx|xlsx|json --out FILE"),
    ("metrics", "指标：metrics list|show KEY --org CODE --year Y [--json]"),
    ("deadline", "法定期限：deadline RULE START [--pause FROM:TO[:KIND]]... [--extend] [--json]"),
    ("tick", "每日运行：视为受理等到期事项、生成期限提醒（可重复运行）"),
    ("recompute-deadlines", "规则文件更新后重新计算进行中的期限"),
    ("laws", "法律法规库：laws import DIR；laws cite TEXT --on DATE [--json]"),
    ("report", "年度报告：report annual --org CODE --year Y --format docx|html|json --out FILE"),
    ("audit-report", "审核已有报告：audit-report FILE [--json]"),
    ("token", "为用户签发 API 令牌：token create USERNAME"),
    ("bench", "性能基准：bench generate --scale county|city|province"),
    ("docs", "从注册表生成 docs/ 下的目录文档"),
]


def _prepare_environment(argv: list[str]) -> None:
    if argv and argv[0] == "demo" and "--dir" in argv:
        i = argv.index("--dir")
        if i + 1 < len(argv):
            os.environ["FAZHI_HOME"] = argv[i + 1]
    if argv and argv[0] == "serve" and "--dev" in argv:
        os.environ["FAZHI_DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")


def _usage() -> str:
    lines = ["用法：fazhi <命令> [参数]", "", "平台命令："]
    width = max(len(name) for name, _desc in OWN_COMMANDS) + 2
    lines += [f"  {name:<{width}}{desc}" for name, desc in OWN_COMMANDS]
    lines += ["", "其他命令交给 Django 处理，例如 fazhi migrate、fazhi createsuperuser。", "fazhi help 列出全部命令。"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(_usage())
        return
    _prepare_environment(argv)
    os.umask(0o077)  # the database, the keys, uploads and documents are the owner's only (0600 files, 0700 dirs)
    import django
    from django.core.management import execute_from_command_line, get_commands

    django.setup()
    from fazhi.core import clock

    try:
        if clock.is_shifted():
            print(f"注意：按 {clock.ENV} 设定，平台日期为 {clock.today():%Y-%m-%d}。", file=sys.stderr)
    except ValueError as e:
        print(str(e), file=sys.stderr)
        sys.exit(2)
    name = argv[0]
    if "-" in name and name.replace("-", "_") in get_commands():
        name = name.replace("-", "_")
    execute_from_command_line(["fazhi", name, *argv[1:]])


if __name__ == "__main__":
    main()
