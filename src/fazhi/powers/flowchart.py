"""运行流程图 as data: nodes with labels and edges (with an optional condition), read from the text county
spreadsheets use ("受理→审查→决定；审查（不符合条件）→不予受理"), drawn as SVG on the item's page and as a table in
its Word export."""

from __future__ import annotations

import re
from html import escape

from fazhi.core.permissions import ActionError

ARROW = re.compile(r"\s*(?:→|->|—>|－>|＞|>)\s*")
CONDITION = re.compile(r"^(?P<label>.+?)[（(](?P<when>[^（）()]+)[）)]$")
MAX_NODES = 40


def parse(text: str) -> list[dict]:
    """Chains separated by ；or new lines; each chain is steps separated by →. A condition in brackets after a step
    applies to the edge leaving it: 审查（不符合条件）→不予受理."""
    nodes: dict[str, dict] = {}
    order: list[str] = []

    def node(label: str) -> dict:
        label = label.strip()
        if not label:
            raise ActionError("流程步骤不能为空（检查是否有连续的箭头）。")
        if len(label) > 40:
            raise ActionError(f"流程步骤“{label[:20]}…”过长（不超过40字）。")
        if label not in nodes:
            nodes[label] = {"id": str(len(nodes) + 1), "label": label, "next": []}
            order.append(label)
        return nodes[label]

    for chain in re.split(r"[；;\n]+", text or ""):
        steps = [s for s in ARROW.split(chain.strip()) if s.strip()] if chain.strip() else []
        previous, when = None, ""
        for raw in steps:
            m = CONDITION.match(raw.strip())
            label, cond = (m["label"], m["when"]) if m else (raw, "")
            n = node(label)
            if previous is not None and not any(e["to"] == n["id"] for e in previous["next"]):
                previous["next"].append({"to": n["id"], "when": when})
            previous, when = n, cond
    if len(nodes) > MAX_NODES:
        raise ActionError(f"流程图步骤过多（{len(nodes)} 个，最多 {MAX_NODES} 个）。")
    return [nodes[label] for label in order]


def text(chart: list[dict]) -> str:
    """Back to the editable text form (one chain per edge out of a branching step)."""
    by_id = {n["id"]: n for n in chart}
    parts = []
    for n in chart:
        for e in n.get("next", []):
            cond = f"（{e['when']}）" if e.get("when") else ""
            parts.append(f"{n['label']}{cond}→{by_id[e['to']]['label']}")
    if not parts and chart:
        parts = [n["label"] for n in chart]
    return "；".join(parts)


def layers(chart: list[dict]) -> list[list[dict]]:
    """Nodes by depth (longest path from a start), so arrows run downwards."""
    by_id = {n["id"]: n for n in chart}
    incoming = {n["id"]: 0 for n in chart}
    for n in chart:
        for e in n.get("next", []):
            incoming[e["to"]] = incoming.get(e["to"], 0) + 1
    depth = {nid: 0 for nid, k in incoming.items() if k == 0} or ({chart[0]["id"]: 0} if chart else {})
    frontier = list(depth)
    seen_edges = 0
    while frontier and seen_edges < 10_000:
        nxt = []
        for nid in frontier:
            for e in by_id[nid].get("next", []):
                seen_edges += 1
                d = depth[nid] + 1
                if d > depth.get(e["to"], -1) and d <= len(chart):
                    depth[e["to"]] = d
                    nxt.append(e["to"])
        frontier = nxt
    for n in chart:
        depth.setdefault(n["id"], 0)
    out: list[list[dict]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for n in chart:
        out[depth[n["id"]]].append(n)
    return [row for row in out if row]


BOX_W, BOX_H, GAP_X, GAP_Y = 150, 40, 30, 46


def svg(chart: list[dict]) -> str:
    """The flowchart as an inline SVG (boxes, arrows, conditions); empty when there is none."""
    if not chart:
        return ""
    rows = layers(chart)
    width = max(len(r) for r in rows) * (BOX_W + GAP_X) + GAP_X * 2
    height = len(rows) * (BOX_H + GAP_Y) + GAP_Y
    pos = {}
    for y, row in enumerate(rows):
        offset = (width - len(row) * (BOX_W + GAP_X) + GAP_X) / 2
        for x, n in enumerate(row):
            pos[n["id"]] = (offset + x * (BOX_W + GAP_X), GAP_Y / 2 + y * (BOX_H + GAP_Y))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" role="img" aria-label="运行流程图" '
             f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>']
    for n in chart:
        x1, y1 = pos[n["id"]]
        for e in n.get("next", []):
            x2, y2 = pos[e["to"]]
            sx, sy = x1 + BOX_W / 2, y1 + BOX_H
            tx, ty = x2 + BOX_W / 2, y2
            if y2 <= y1 or y2 - y1 > BOX_H + GAP_Y + 1:
                # Back up, or past the boxes in between: go round by the right-hand side.
                sx, sy, tx, ty = x1 + BOX_W, y1 + BOX_H / 2, x2 + BOX_W, y2 + BOX_H / 2
                side = max(sx, tx) + GAP_X / 2
                parts.append(f'<polyline points="{sx:.0f},{sy:.0f} {side:.0f},{sy:.0f} {side:.0f},{ty:.0f} '
                             f'{tx:.0f},{ty:.0f}" fill="none" stroke="#555" stroke-width="1.4" '
                             'marker-end="url(#arrow)"/>')
                sx = tx = side
            else:
                parts.append(f'<line x1="{sx:.0f}" y1="{sy:.0f}" x2="{tx:.0f}" y2="{ty:.0f}" stroke="#555" '
                             'stroke-width="1.4" marker-end="url(#arrow)"/>')
            if e.get("when"):
                parts.append(f'<text x="{(sx + tx) / 2 + 4:.0f}" y="{(sy + ty) / 2:.0f}" font-size="11" '
                             f'fill="#a33">{escape(e["when"])}</text>')
    for n in chart:
        x, y = pos[n["id"]]
        parts.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#fff" '
                     'stroke="#b22" stroke-width="1.4"/>')
        parts.append(f'<text x="{x + BOX_W / 2:.0f}" y="{y + BOX_H / 2 + 5:.0f}" font-size="13" '
                     f'text-anchor="middle">{escape(n["label"][:12])}</text>')
    parts.append("</svg>")
    return "".join(parts)
