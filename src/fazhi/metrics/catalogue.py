"""docs/metrics.md, generated from the registry by `fazhi docs`."""

from itertools import groupby

from django.apps import apps

from fazhi.metrics.registry import all_metrics, all_planned


def _module_title(module: str) -> str:
    for config in apps.get_app_configs():
        if config.label == module or config.name.rsplit(".", 1)[-1] == module:
            return f"{config.verbose_name}（{module}）"
    return module


def markdown() -> str:
    lines = ["# 指标口径目录 / Metric catalogue", "",
             "由 `fazhi docs` 根据指标注册表自动生成，请勿手工修改。Generated from the metric registry by `fazhi docs`;",
             "do not edit by hand. 每个指标可在“指标口径”页面下钻到明细记录。", ""]
    metrics = sorted(all_metrics(), key=lambda m: (m.module, m.key))
    for module, group in groupby(metrics, key=lambda m: m.module):
        lines += [f"## {_module_title(module)}", "", "| 代码 key | 名称 | 单位 | 口径 definition |", "|---|---|---|---|"]
        for m in group:
            definition = m.definition.replace("|", "\\|").replace("\n", " ")
            if m.depends_on:
                definition += f"（由 {'、'.join(f'`{k}`' for k in m.depends_on)} 计算）"
            lines.append(f"| `{m.key}` | {m.label} | {m.unit} | {definition} |")
        lines.append("")
    lines += ["## 计划中的指标（尚无数据）", "",
              "报告提纲、工作台或报告审核已经用到、但所属模块尚未建成的指标（`src/fazhi/metrics/planned.yaml`）。"
              "在页面上显示为“尚无数据”；模块注册该指标后从清单中删除。", "",
              "| 代码 key | 名称 | 单位 | 将由模块提供 | 口径 definition |", "|---|---|---|---|---|"]
    lines += [f"| `{p.key}` | {p.label} | {p.unit} | {p.module} | {p.definition} |" for p in all_planned()]
    lines.append("")
    return "\n".join(lines)
