"""Checks on a report's figures: parts that must add up, rates that must equal part ÷ whole (rates.py), impossible
percentages and dates.

Severity: "error" — the figure cannot be right; "warning" — rounding, truncation or a different definition (口径);
"info" — a check that passed, so the reader sees what was verified.
"""

from __future__ import annotations

import re
from decimal import Decimal

from fazhi.reports.legacy.figures import Figure, sentences
from fazhi.reports.legacy.findings import ERROR, INFO, WARNING, Finding, fmt, judge_rate, same_family
from fazhi.reports.legacy.rates import RateChecks

__all__ = ["ERROR", "INFO", "WARNING", "Checker", "Finding", "check", "fmt", "judge_rate", "same_family"]

_GROWTH = re.compile(r"增长|增加|提高|上升|同比|比上年|超额|翻|倍")
_TOTAL_ROW = re.compile(r"^\s*(合计|总计|小计|共计|总数|全部)\s*$")
_NEW_TOTAL = re.compile(r"^[，,、；;]?\s*(共|合计|总计|累计|全年共|另)")


class Checker(RateChecks):
    def __init__(self, text: str, figures: list[Figure]):
        self.text = text
        self.figures = figures
        self.findings: list[Finding] = []
        self.spans = sentences(text)
        self.checked_totals: set[tuple] = set()  # (total, parts) already checked
        self.checked_rates: set[int] = set()
        self._paragraphs: dict[int, dict[str, list[int]]] | None = None
        self.by_sentence: dict[int, list[int]] = {}
        for i, f in enumerate(figures):
            self.by_sentence.setdefault(f.sentence_index, []).append(i)

    def add(self, kind, severity, message, figs: list[int]):
        fs = [self.figures[i] for i in figs]
        self.findings.append(Finding(kind, severity, message, min((f.start for f in fs), default=None),
                                     max((f.end for f in fs), default=None), figs))

    def run(self) -> list[Finding]:
        self.breakdowns()
        self.table_totals()
        self.balances()
        self.metric_rules()
        self.vocabulary_rates()
        self.changes()
        self.rates()
        self.over_hundred()
        self.dates()
        self.findings.sort(key=lambda f: (f.start if f.start is not None else -1))
        return self.findings

    # -- parts and totals ----------------------------------------------------------------------------------------

    def _depth(self, start: int, lo: int) -> int:
        """Parenthesis depth at `start`, counted from the sentence start `lo`."""
        seg = self.text[lo:start]
        return seg.count("(") + seg.count("（") - seg.count(")") - seg.count("）")

    def _check_sum(self, total_i: int, part_is: list[int], where: str):
        key = (total_i, tuple(sorted(part_is)))
        if len(part_is) < 2 or key in self.checked_totals or any(k[0] == total_i and set(k[1]) >= set(part_is)
                                                                  for k in self.checked_totals):
            return
        self.checked_totals.add(key)
        total = self.figures[total_i]
        parts = [self.figures[i].value for i in part_is]
        s = sum(parts)
        expr = "+".join(fmt(p) for p in parts)
        unit = total.unit
        if s == total.value:
            self.add("sum", INFO, f"{where}分项 {expr} = {fmt(s)}{unit}，与合计 {fmt(total.value)}{unit} 相符。",
                     [total_i, *part_is])
            return
        running = Decimal(0)
        for k, p in enumerate(parts):
            running += p
            if k >= 1 and running == total.value:
                self.add("sum", INFO, f"{where}前 {k + 1} 项 {'+'.join(fmt(x) for x in parts[:k + 1])} = "
                                      f"{fmt(running)}{unit}，与合计相符；其后的数字是另外的统计。",
                         [total_i, *part_is[:k + 1]])
                return
        if any(self.figures[i].approximate for i in [total_i, *part_is]):
            return
        if s < total.value:
            self.add("sum", INFO, f"{where}列出的分项 {expr} = {fmt(s)}{unit}，少于合计 {fmt(total.value)}{unit}"
                                  f"（差 {fmt(total.value - s)}{unit}），可能未列全。", [total_i, *part_is])
        else:
            self.add("sum", WARNING, f"{where}分项 {expr} = {fmt(s)}{unit}，多于合计 {fmt(total.value)}{unit}"
                                     f"（多 {fmt(s - total.value)}{unit}），请核对是否有重复计算或口径不一。",
                     [total_i, *part_is])

    def breakdowns(self):
        """"共N项，其中A a项，B b项……" and "N项（其中……）": the parts must add up to the total."""
        text = self.text
        for si, idxs in self.by_sentence.items():
            lo, hi = self.spans[si]
            counts = [i for i in idxs if self.figures[i].kind in ("count", "money")]
            # Parenthesised breakdowns right after a figure.
            for i in counts:
                f = self.figures[i]
                rest = text[f.end:f.end + 3]
                m = re.match(r"[，,、]?[（(]", rest)
                if not m:
                    continue
                open_at = f.end + m.end()
                depth = 1
                j = open_at
                while j < hi and depth:
                    depth += {"(": 1, "（": 1, ")": -1, "）": -1}.get(text[j], 0)
                    j += 1
                inner = [k for k in counts if open_at <= self.figures[k].start < j
                         and same_family(self.figures[k].unit, f.unit) and self._depth(self.figures[k].start,
                                                                                      open_at) == 0]
                self._check_sum(i, inner, "括号内")
            # 其中 lists.
            for m in re.finditer("其中", text[lo:hi]):
                q = lo + m.start()
                before = [i for i in counts if self.figures[i].end <= q]
                after = [i for i in counts if self.figures[i].start >= q]
                if before:
                    total_i = before[-1]
                    if self._depth(self.figures[total_i].start, lo) != self._depth(q, lo):
                        continue
                    parts = self._list_after(total_i, after, q, hi)
                    self._check_sum(total_i, parts, "")
                elif text[lo:q].strip() == "" and si > 0:
                    self._sentence_initial_qizhong(si, after, q, hi)

    def _list_after(self, total_i: int, after: list[int], q: int, hi: int) -> list[int]:
        total = self.figures[total_i]
        base = self._depth(q, self.spans[total.sentence_index][0])
        parts = []
        prev_end = q
        for i in after:
            f = self.figures[i]
            gap = self.text[prev_end:f.start]
            if parts and _NEW_TOTAL.search(re.split(r"[，,；;]", gap)[-1] if gap else ""):
                break
            if re.search(r"[，,；;]\s*(共|合计|总计|累计|另)", gap):
                break
            if self._depth(f.start, self.spans[f.sentence_index][0]) != base:
                continue
            if not same_family(f.unit, total.unit):
                break
            parts.append(i)
            prev_end = f.end
        return parts

    def _sentence_initial_qizhong(self, si: int, after: list[int], q: int, hi: int):
        """"……6件。其中甲2件，乙4件": the total is in the sentence before; accept any figure there that fits."""
        if not after:
            return
        unit = self.figures[after[0]].unit
        parts = []
        for i in after:
            if not same_family(self.figures[i].unit, unit):
                break
            parts.append(i)
        if len(parts) < 2:
            return
        s = sum(self.figures[i].value for i in parts)
        for i in reversed(self.by_sentence.get(si - 1, [])):
            f = self.figures[i]
            if f.kind == "count" and same_family(f.unit, unit) and f.value == s:
                self._check_sum(i, parts, "")
                return

    def table_totals(self):
        """A table's 合计 row: each column's figure must be the sum of the rows above it."""
        columns: dict[tuple, dict[str, list[int]]] = {}
        for i, f in enumerate(self.figures):
            t = f.extra.get("table")
            if t and f.kind in ("count", "money"):
                col = columns.setdefault((t["index"], t["column"]), {"rows": [], "total": []})
                col["total" if f.reason == "total" and _TOTAL_ROW.match(t["row_label"]) else "rows"].append(i)
        for (_, column), col in columns.items():
            if len(col["total"]) == 1 and len(col["rows"]) >= 2:
                self._check_sum(col["total"][0], col["rows"], f"表格“{column}”列：")

    def balances(self):
        """"原保留1222项……取消20项……承接12项……现保留1214项": the old total, minus and plus, gives the new one."""
        for si, idxs in self.by_sentence.items():
            lo, _ = self.spans[si]
            old = new = None
            plus, minus = [], []
            for i in idxs:
                f = self.figures[i]
                if f.kind != "count" or self._depth(f.start, lo) != 0:
                    continue
                before = self.text[max(lo, f.start - 12):f.start]
                clause = re.split(r"[，,；;、]", before)[-1]
                if re.search(r"原", clause) and old is None:
                    old = i
                elif re.search(r"现(有|保留)?", clause) and old is not None:
                    new = i
                elif old is not None and new is None and re.search(r"取消|减少|下放|删除|撤销", clause):
                    minus.append(i)
                elif old is not None and new is None and re.search(r"承接|新增|增加|增设", clause):
                    plus.append(i)
            if old is None or new is None or not (plus or minus):
                continue
            o, n = self.figures[old], self.figures[new]
            if not same_family(o.unit, n.unit):
                continue
            expected = o.value - sum(self.figures[i].value for i in minus) + sum(self.figures[i].value for i in plus)
            expr = f"{fmt(o.value)}" + "".join(f" − {fmt(self.figures[i].value)}" for i in minus) + \
                "".join(f" + {fmt(self.figures[i].value)}" for i in plus)
            if expected == n.value:
                self.add("balance", INFO, f"增减核对：{expr} = {fmt(expected)}{n.unit}，与现有数 {fmt(n.value)}{n.unit} 相符。",
                         [old, *minus, *plus, new])
            else:
                self.add("balance", WARNING, f"增减核对：{expr} = {fmt(expected)}{n.unit}，而文中现有数为 "
                                             f"{fmt(n.value)}{n.unit}，请核对是否还有未列明的增减。",
                         [old, *minus, *plus, new])

    # -- rules on metric keys --------------------------------------------------------------------------------------

    def paragraph_metrics(self) -> dict[int, dict[str, list[int]]]:
        """Per paragraph (a table is one): metric key → the figures stating it for the report's period."""
        if self._paragraphs is None:
            self._paragraphs = {}
            for i, f in enumerate(self.figures):
                if f.metric and not f.period:
                    self._paragraphs.setdefault(f.paragraph, {}).setdefault(f.metric, []).append(i)
        return self._paragraphs

    def _one(self, idxs: list[int] | None) -> int | None:
        """The figure of a key in a paragraph when the paragraph gives it one value (a value repeated, or the one
        stated outside breakdowns); None when it states several."""
        if not idxs:
            return None
        if len({self.figures[i].value for i in idxs}) == 1:
            return idxs[0]
        whole = [i for i in idxs if not self.figures[i].part]
        if whole and len({self.figures[i].value for i in whole}) == 1:
            return whole[0]
        return None

    OUTCOMES = ["upheld", "dismissed", "revoked", "altered", "confirmed_illegal", "ordered_to_perform",
                "confirmed_void", "mediated", "settled", "terminated"]
    CORRECTED = ["revoked", "altered", "confirmed_illegal", "ordered_to_perform", "confirmed_void"]
    CLEANUP = ["kept", "revised", "abolished", "expired"]

    def metric_rules(self):
        for paragraph in self.paragraph_metrics().values():
            def g(key, paragraph=paragraph):
                return self._one(paragraph.get(key))

            r = "reconsideration."
            keys = self.OUTCOMES if g(r + "dismissed") is not None else \
                self.OUTCOMES + ["dismissed_request", "dismissed_application"]  # 驳回 given by its two kinds
            outcomes = [g(r + k) for k in keys if g(r + k) is not None]
            if g(r + "concluded") is not None and len(outcomes) >= 2:
                self._check_sum(g(r + "concluded"), outcomes, "行政复议审结案件按结果分列：")
            elif g(r + "accepted") is not None and len(outcomes) >= 2 and \
                    sum(self.figures[i].value for i in outcomes) == self.figures[g(r + "accepted")].value:
                self._check_sum(g(r + "accepted"), outcomes, "行政复议受理案件按结果分列：")
            if all(g(r + k) is not None for k in ("received", "accepted", "rejected")):
                self._check_sum(g(r + "received"), [g(r + "accepted"), g(r + "rejected")], "行政复议申请：受理与不予受理")
            acc, con, pen, ter = (g(r + k) for k in ("accepted", "concluded", "pending", "terminated"))
            if acc is not None and con is not None and pen is not None:
                a, c, p = (self.figures[i].value for i in (acc, con, pen))
                if a == c + p:
                    self.add("sum", INFO, f"行政复议受理 {fmt(a)} 件 = 审结 {fmt(c)} 件 + 未审结 {fmt(p)} 件，相符。",
                             [acc, con, pen])
                elif ter is not None and a == c + p + self.figures[ter].value:
                    t = self.figures[ter].value
                    self.add("definition", WARNING,
                             f"行政复议受理 {fmt(a)} 件 = 审结 {fmt(c)} 件 + 终止 {fmt(t)} 件 + 未审结 {fmt(p)} 件："
                             f"文中的“审结”不含终止的案件，与“审结（含终止）”的口径不同，按统一口径审结应为 "
                             f"{fmt(c + t)} 件。", [acc, con, ter, pen])
                elif c + p > a:
                    self.add("sum", INFO, f"行政复议审结 {fmt(c)} 件与未审结 {fmt(p)} 件之和多于受理 {fmt(a)} 件，"
                                          "可能包含上年结转案件。", [acc, con, pen])
            n = "normdocs.cleanup."
            parts = [g(n + k) for k in self.CLEANUP if g(n + k) is not None]
            if g(n + "reviewed") is not None and len(parts) >= 2:
                self._check_sum(g(n + "reviewed"), parts, "规范性文件清理结果：")
            cats = [g(k) for k in paragraph if k.startswith("powers.items.") and g(k) is not None]
            if g("powers.items") is not None and len(cats) >= 2:
                self._check_sum(g("powers.items"), cats, "行政职权按类别：")

    # Rates that are a part of a whole and so cannot pass 100% (a completion rate of a plan can).
    _BOUNDED = re.compile(r"(成功|办结|纠错|报备|备案|回访|满意|持证|出庭|应诉|答复|回复|反馈|覆盖|败诉|胜诉|公开|审核|审查|"
                          r"参与|知晓|合格|结案|办复|及时|按期|准确|到位|占比)率|占[^，,；;]{0,8}$")

    def over_hundred(self):
        for i, f in enumerate(self.figures):
            if f.kind != "percent" or f.value <= 100:
                continue
            lo, _ = self.spans[f.sentence_index]
            clause = re.split(r"[，,；;]", self.text[lo:f.start])[-1]
            if _GROWTH.search(clause) or not self._BOUNDED.search(clause):
                continue
            self.add("percent_over_100", ERROR, f"“{clause.strip()}{f.raw}”：比率超过 100%，不可能成立。", [i])


    _DAYS = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}

    def dates(self):
        """"9月31日" cannot exist; "（马府法领〔〕1号）" lost the year of a document number."""
        for m in re.finditer(r"(?<!\d)(\d{1,2})月(\d{1,2})日", self.text):
            month, day = int(m.group(1)), int(m.group(2))
            if not 1 <= month <= 12 or not 1 <= day <= self._DAYS[month]:
                self.findings.append(Finding("date", ERROR, f"日期“{m.group(0)}”不存在，请核对。", m.start(), m.end()))
        empty = list(re.finditer(r"[〔\[【]\s*[〕\]】]\s*\d+\s*号", self.text))
        if empty:
            examples = "、".join(dict.fromkeys(self.text[max(0, e.start() - 4):e.end()] for e in empty[:3]))
            self.findings.append(Finding("date", WARNING, f"有 {len(empty)} 处文号缺少年份（如“{examples}”），"
                                                          "可能是转载时丢失了数字。", empty[0].start(), empty[0].end()))


def check(text: str, figures: list[Figure]) -> list[Finding]:
    return Checker(text, figures).run()
