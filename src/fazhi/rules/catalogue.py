"""The rule catalogue as Markdown, for docs/rules.md (`fazhi docs` writes it)."""

from __future__ import annotations

from fazhi.rules.engine import UNITS, all_rules


def _cell(text: str) -> str:
    return str(text).replace("|", "｜").replace("\n", " ")


def markdown() -> str:
    lines = [
        "# 法定期限规则目录",
        "",
        "Generated from `src/fazhi/rules/data/*.yaml` by `fazhi.rules.catalogue.markdown()`; do not edit by hand.",
        "",
        "Counting: the starting day is not counted (民事诉讼法第八十五条, 民法典第二百零一条); a calendar-day or month "
        "period whose last day is a rest day ends on the next working day; working-day periods follow the holiday "
        "schedules (调休 included). A case follows the rule version in force on its start date. Regions may "
        "override a length (期限规则地方覆盖, edited by administrators on the catalogue page).",
        "",
        "| 规则编号 | 名称 | 起算 | 期限 | 依据 | 有效期 | 延长 | 可扣除期间 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for rule in sorted(all_rules().values(), key=lambda r: r.id):
        for v in rule.versions:
            ext = f"{v.extension.length}{UNITS[v.extension.unit]}（{v.extension.approver}批准）" if v.extension else "—"
            pauses = "、".join(p.kind + ("（重新起算）" if p.effect == "restart" else "") for p in v.pauses) or "—"
            valid = f"{v.effective_from:%Y-%m-%d} 起" + (f"至 {v.effective_to:%Y-%m-%d}" if v.effective_to else "")
            period = v.period_text() + ("，遇休息日顺延" if v.rest_day == "next_working_day" else "")
            lines.append("| " + " | ".join(_cell(x) for x in (
                f"`{rule.id}`", rule.title, rule.clock_starts, period, v.citation.full(), valid, ext, pauses)) + " |")
    lines += ["", "Notes:", ""]
    for rule in sorted(all_rules().values(), key=lambda r: r.id):
        for v in rule.versions:
            if v.note:
                lines.append(f"- `{rule.id}` ({v.key}): {v.note}")
    return "\n".join(lines) + "\n"
