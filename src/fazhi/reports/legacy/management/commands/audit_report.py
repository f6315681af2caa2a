"""`fazhi audit-report FILE [--json]`: audit an existing annual report (.txt, .docx, .pdf)."""

import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.reports.legacy.audit import SEVERITY_LABELS, UNMAPPED_REASONS, audit_file
from fazhi.reports.legacy.checks import ERROR, INFO, WARNING
from fazhi.reports.legacy.extract import UnsupportedFile
from fazhi.reports.legacy.outline import PART_KEYS


class Command(BaseCommand):
    help = "审核历年法治政府建设年度报告：提取文字、修复字形、识别提纲、提取并核对数字（支持 .txt .docx .pdf）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="报告文件（.txt、.docx 或 .pdf）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出完整结果")
        parser.add_argument("--all", action="store_true", help="同时列出信息级别的发现（已核对无误的项目等）")

    def handle(self, *args, **opts):
        try:
            result = audit_file(opts["file"])
        except UnsupportedFile as e:
            raise CommandError(e.message) from e
        if opts["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
            return
        c = result.counts
        self.stdout.write(f"文件：{result.source}（{len(result.text)} 字）")
        self.stdout.write(f"类型：{result.genre.label}（据“{result.genre.evidence}”）")
        if result.era.key:
            self.stdout.write(f"提纲要求：{result.era.label}")
        self.stdout.write(f"错误 {c[ERROR]} 项，提示 {c[WARNING]} 项，信息 {c[INFO]} 项；"
                          f"修复字形 {len(result.repairs)} 处；识别数字 {len(result.figures)} 个。")
        self.stdout.write("\n提纲：")
        for key in PART_KEYS:
            p = result.parts[key]
            mark = "✓" if p.present else "✗"
            self.stdout.write(f"  {mark} {p.label}" + (f"：{p.heading}" if p.heading else ""))
        self.stdout.write("\n发现：")
        for f in result.findings:
            if f.severity == INFO and not opts["all"]:
                continue
            compared = "、".join(f"#{i}" for i in f.figures)
            self.stdout.write(f"  [{SEVERITY_LABELS[f.severity]}] {f.message}" + (f"（数字 {compared}）" if compared else ""))
        mapped = [f for f in result.figures if f.metric]
        if mapped:
            self.stdout.write("\n对应指标的数字：")
            for i, f in enumerate(result.figures):
                if f.metric:
                    period = {"previous": "（上年）"}.get(f.period, "")
                    self.stdout.write(f"  #{i:<4}{f.metric:<40}{f.raw}{period}")
        unmapped = result.unmapped
        if unmapped:
            self.stdout.write(f"\n未对应指标的数字（{len(unmapped)} 个）：")
            for i, f in unmapped:
                why = UNMAPPED_REASONS.get(f.reason, f.reason)
                self.stdout.write(f"  #{i} {f.raw}（{why}）：{f.sentence[:60]}")
        if c[ERROR] + c[WARNING] == 0:
            self.stdout.write("\n未发现错误或需提示的问题。")
        elif c[ERROR] == 0:
            self.stdout.write(f"\n共 {c[WARNING]} 项提示，请核对。")
