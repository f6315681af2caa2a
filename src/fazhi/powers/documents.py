"""The item in Word (公文 layout): its particulars, legal bases with the article text in force, duties,
accountability and the flowchart drawn as a column of steps."""

from __future__ import annotations

from fazhi.core import clock, gongwen
from fazhi.powers import flowchart as flow


def flow_rows(chart: list[dict]) -> list[list[str]]:
    by_id = {n["id"]: n for n in chart}
    rows = []
    layers = flow.layers(chart)
    for i, layer in enumerate(layers):
        rows.append(["　｜　".join(f"【{n['label']}】" for n in layer)])
        if i + 1 < len(layers):
            branches = [f"{n['label']}（{e['when']}）→{by_id[e['to']]['label']}" for n in layer for e in n["next"]
                        if e.get("when")]
            rows.append(["↓" + (f"　{'；'.join(branches)}" if branches else "")])
    return rows


def item_docx(item, bases: list[dict], subs: list) -> bytes:
    blocks = [gongwen.Table(headers=["项目", "内容"], widths_mm=[35, 121], rows=[
        ["事项编码", item.code], ["事项名称", item.name], ["权力类别", item.get_category_display()],
        ["实施机关", item.organisation.name], ["行使层级", item.get_level_display()],
        ["赋权或下放机关", item.delegated_from.name if item.delegated_from_id else "—"],
        ["有效期间", f"{item.valid_from:%Y-%m-%d} 起" + (f"至 {item.valid_to:%Y-%m-%d} 前" if item.valid_to else "")],
    ])]
    blocks.append(gongwen.Heading("设定依据"))
    for b in bases:
        blocks.append(gongwen.Para(f"{b['citation']}" + (f"：{b['text']}" if b.get("text") else
                                                        f"（{b['message']}）" if b.get("message") else "")))
    if subs:
        blocks.append(gongwen.Heading("子项"))
        blocks += [gongwen.Para(f"{s.code} {s.name}") for s in subs]
    blocks.append(gongwen.Heading("责任事项"))
    blocks.append(gongwen.Para(item.responsibilities or "（未填写）"))
    blocks.append(gongwen.Heading("追责情形"))
    blocks.append(gongwen.Para(item.accountability or "（未填写）"))
    if item.flowchart:
        blocks.append(gongwen.Heading("运行流程图"))
        blocks.append(gongwen.Table(headers=["流程"], rows=flow_rows(item.flowchart), widths_mm=[156]))
    return gongwen.render_docx(title=f"{item.name}\n权责事项", blocks=blocks, issuer=item.organisation.name,
                               date=clock.today())
