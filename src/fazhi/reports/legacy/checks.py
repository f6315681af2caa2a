"""Checks on a report's figures: parts that must add up, rates that must equal part ÷ whole, impossible
percentages and changes between two stated values.

Severity: "error" — the figure cannot be right; "warning" — rounding, truncation or a different definition (口径);
"info" — a check that passed, so the reader sees what was verified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from fazhi.reports.legacy.figures import Figure, sentences

ERROR, WARNING, INFO = "error", "warning", "info"
# Units that count the same kind of thing, so a total in one and parts in another still add up (49个项目: 2家 …).
_UNIT_FAMILIES = [{"个", "家", "户", "所", "座"}, {"件", "起", "宗"}, {"人", "名", "位"}]
_GROWTH = re.compile(r"增长|增加|提高|上升|同比|比上年|超额|翻|倍")
_NEW_TOTAL = re.compile(r"^[，,、；;]?\s*(共|合计|总计|累计|全年共|另)")
_RATE_NAME = re.compile(r"([\u4e00-\u9fff]{1,4})率")
_CHANGE_VERB = re.compile(r"(减少|下降|缩减|精简|压减|降低|降|减|增加|增长|提高|上升|扩大|增)(了)?(到|至|为)")
_CHANGE_PCT = re.compile(r"(减少|下降|缩减|精简|压减|降低|增加|增长|提高|上升|扩大)(率|幅度|了)?(达到?|为)?$")
_YOY = re.compile(r"(同比|比上年|较上年|比去年|较去年|比\d{4}年|较\d{4}年)")
_PREVIOUS_YEAR = re.compile(r"上年|去年|上一年|前一年|\d{4}年")


@dataclass
class Finding:
    kind: str
    severity: str
    message: str
    start: int | None = None
    end: int | None = None
    figures: list[int] = field(default_factory=list)  # indexes into the figure list

    def as_dict(self) -> dict:
        return {"kind": self.kind, "severity": self.severity, "message": self.message, "start": self.start,
                "end": self.end}


def fmt(v: Decimal | int, decimals: int | None = None) -> str:
    v = Decimal(v)
    if decimals is not None:
        return f"{v.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):,.{decimals}f}"
    if v == v.to_integral_value():
        return f"{int(v):,}"
    return f"{v.normalize():,f}"


def same_family(a: str, b: str) -> bool:
    return a == b or any(a in f and b in f for f in _UNIT_FAMILIES)


@dataclass
class RateVerdict:
    status: str  # ok, truncated, rounding, wrong
    exact: Decimal
    rounded: Decimal


def judge_rate(stated: Decimal, decimals: int, numerator: Decimal, denominator: Decimal) -> RateVerdict:
    """Compare a stated percentage with numerator ÷ denominator at the precision the document used."""
    exact = Decimal(numerator) * 100 / Decimal(denominator)
    q = Decimal(1).scaleb(-decimals)
    rounded = exact.quantize(q, rounding=ROUND_HALF_UP)
    if rounded == stated:
        return RateVerdict("ok", exact, rounded)
    if exact.quantize(q, rounding=ROUND_DOWN) == stated:
        return RateVerdict("truncated", exact, rounded)
    if abs(exact - stated) < q:
        return RateVerdict("rounding", exact, rounded)
    return RateVerdict("wrong", exact, rounded)


def _exact(v: Decimal) -> str:
    return f"{v.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP).normalize():f}"


class Checker:
    def __init__(self, text: str, figures: list[Figure]):
        self.text = text
        self.figures = figures
        self.findings: list[Finding] = []
        self.spans = sentences(text)
        self.checked_totals: set[tuple] = set()  # (total, parts) already checked
        self.checked_rates: set[int] = set()
        self.by_sentence: dict[int, list[int]] = {}
        for i, f in enumerate(figures):
            self.by_sentence.setdefault(f.sentence_index, []).append(i)

    def add(self, kind, severity, message, figs: list[int]):
        fs = [self.figures[i] for i in figs]
        self.findings.append(Finding(kind, severity, message, min((f.start for f in fs), default=None),
                                     max((f.end for f in fs), default=None), figs))

    def run(self) -> list[Finding]:
        self.breakdowns()
        self.balances()
        self.metric_rules()
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

    def _paragraph_metrics(self):
        """Per paragraph: metric key → figure index (only keys that appear once, or with one value)."""
        paragraphs: dict[int, dict[str, int]] = {}
        conflict: dict[int, set[str]] = {}
        for i, f in enumerate(self.figures):
            if not f.metric:
                continue
            p = self.text.count("\n", 0, f.start)
            d = paragraphs.setdefault(p, {})
            if f.metric in d and self.figures[d[f.metric]].value != f.value:
                conflict.setdefault(p, set()).add(f.metric)
            d.setdefault(f.metric, i)
        for p, d in paragraphs.items():
            for key in conflict.get(p, ()):
                d.pop(key, None)
        return paragraphs

    OUTCOMES = ["upheld", "dismissed", "revoked", "altered", "confirmed_illegal", "ordered_to_perform",
                "confirmed_void", "mediated", "settled", "terminated"]
    CORRECTED = ["revoked", "altered", "confirmed_illegal", "ordered_to_perform", "confirmed_void"]
    CLEANUP = ["kept", "revised", "abolished", "expired"]

    def metric_rules(self):
        for d in self._paragraph_metrics().values():
            g = d.get

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
            cats = [i for k, i in d.items() if k.startswith("powers.items.")]
            if g("powers.items") is not None and len(cats) >= 2:
                self._check_sum(g("powers.items"), cats, "行政职权按类别：")
            self._rate(g("mediation.success_rate"), [g("mediation.succeeded")], g("mediation.cases"),
                       "调解成功率", "调解成功", "调解纠纷")
            corrected = [g(r + k) for k in self.CORRECTED if g(r + k) is not None]
            if g(r + "correction_rate") is not None and g(r + "concluded") is not None and corrected:
                self._rate(g(r + "correction_rate"), corrected, g(r + "concluded"), "行政复议直接纠错率",
                           "撤销、变更、确认违法、责令履行、确认无效", "审结")
            self._rate(g("litigation.loss_rate"), [g("litigation.lost")], g("litigation.concluded"), "行政诉讼败诉率",
                       "败诉", "审结")
            self._rate(g("normdocs.filing_rate"), [g("normdocs.filed")], g("normdocs.issued"), "规范性文件报备率",
                       "报备", "制发")

    def _rate(self, rate_i, num_is, den_i, name, num_label, den_label):
        if rate_i is None or den_i is None or any(i is None for i in num_is) or rate_i in self.checked_rates:
            return
        self.checked_rates.add(rate_i)
        num = sum(self.figures[i].value for i in num_is)
        den = self.figures[den_i].value
        if not den:
            return
        self._verdict(rate_i, num, den, name, f"{num_label} {fmt(num)}", f"{den_label} {fmt(den)}",
                      [rate_i, *num_is, den_i], num_is)

    def _verdict(self, rate_i, num, den, name, num_text, den_text, figs, num_is=(), alternatives=True):
        rate = self.figures[rate_i]
        v = judge_rate(rate.value, rate.decimals, num, den)
        stated = f"{fmt(rate.value, rate.decimals)}%"
        calc = f"{num_text} ÷ {den_text} = {_exact(v.exact)}%"
        if v.status == "ok":
            self.add("rate", INFO, f"{name} {stated}：{calc}，相符。", figs)
        elif v.status == "truncated":
            self.add("rounding", WARNING, f"{name} {stated}：{calc}，四舍五入应为 {fmt(v.rounded, rate.decimals)}%；"
                                          f"文中数字是截断（舍去尾数）而非四舍五入所得。", figs)
        elif v.status == "rounding":
            self.add("rounding", WARNING, f"{name} {stated}：{calc}，四舍五入应为 {fmt(v.rounded, rate.decimals)}%，"
                                          "差异在末位，属取舍误差。", figs)
        else:
            fit = self._fitting_denominator(rate, num, [den], rate.sentence_index) if alternatives else None
            if fit is not None:
                self.add("definition", WARNING,
                         f"{name} {stated}：{calc}，与文中数字不符；若以文中的 {fmt(self.figures[fit].value)}"
                         f"{self.figures[fit].unit} 为分母则相符，可能采用了不同的统计口径。", [*figs, fit])
            else:
                self.add("rate", ERROR, f"{name} {stated}：{calc}，按文中数字应为 "
                                        f"{fmt(v.rounded, rate.decimals)}%，所报比率与分子分母不符。", figs)

    _WHOLE = re.compile(r"\.(received|accepted|concluded|cases|issued|first_instance|reviewed|items|requests)$")

    def _fitting_denominator(self, rate: Figure, num, exclude, si) -> int | None:
        """A figure nearby that, as the denominator, gives the stated rate: a total, not a sibling category."""
        for s in (si, si - 1, si + 1):
            for i in self.by_sentence.get(s, []):
                f = self.figures[i]
                if f.kind != "count" or f.value in exclude or not f.value or f.value < num:
                    continue
                if f.metric and not self._WHOLE.search(f.metric):
                    continue
                if judge_rate(rate.value, rate.decimals, num, f.value).status in ("ok", "truncated", "rounding"):
                    return i
        return None

    # -- changes, generic rates, impossible percentages ----------------------------------------------------------

    def changes(self):
        """"由207个减少到180个，精简13.5%": the stated change must equal (180 − 207) ÷ 207."""
        for si, idxs in self.by_sentence.items():
            lo, _ = self.spans[si]
            counts = [i for i in idxs if self.figures[i].kind == "count"]
            for a_i in counts:
                a = self.figures[a_i]
                if not re.search(r"(由|从)[^，,。；;]{0,12}$", self.text[max(lo, a.start - 14):a.start]):
                    continue
                nxt = [i for i in counts if self.figures[i].start > a.end]
                if not nxt:
                    continue
                b_i = nxt[0]
                b = self.figures[b_i]
                between = self.text[a.end:b.start]
                if not _CHANGE_VERB.search(between) or not same_family(a.unit, b.unit) or not a.value:
                    continue
                pct = [i for i in idxs if self.figures[i].kind == "percent" and self.figures[i].start > b.end]
                if not pct:
                    continue
                p_i = pct[0]
                p = self.figures[p_i]
                lead = self.text[b.end:p.start]
                if not re.search(r"(减少|下降|缩减|精简|压减|降低|增加|增长|提高|上升|扩大|幅|率)", lead):
                    continue
                self.checked_rates.add(p_i)
                diff = abs(b.value - a.value)
                direction = "减少" if b.value < a.value else "增加"
                change = f"({fmt(a.value)} − {fmt(b.value)})" if b.value < a.value else \
                    f"({fmt(b.value)} − {fmt(a.value)})"
                self._verdict(p_i, diff, a.value, f"{direction}幅度", change, fmt(a.value), [a_i, b_i, p_i],
                              alternatives=False)
                last = self.findings[-1]
                if last.severity == ERROR and p.value:
                    base = diff * 100 / p.value
                    last.message += f"（{fmt(diff)} ÷ {fmt(p.value, p.decimals)}% ≈ {fmt(base, 0)}，" \
                                    f"即只有以 {fmt(base, 0)} 为基数才能得到该比例。）"

    def rates(self):
        """A named rate ("办结率", "反馈率") or a share ("占33%") without a metric rule: try the figures nearby."""
        for i, f in enumerate(self.figures):
            if f.kind != "percent" or i in self.checked_rates:
                continue
            lo, _ = self.spans[f.sentence_index]
            before = self.text[lo:f.start]
            clause = re.split(r"[，,；;]", before)[-1]
            share = re.search(r"占[^，,；;]{0,8}$", clause)
            named = _RATE_NAME.search(clause)
            if _YOY.search(clause):
                self._yoy(i)
                continue
            if not share and not named or _GROWTH.search(clause):
                continue
            if share:
                self._share(i)
            else:
                self._named_rate(i, named.group(1))

    def _counts_near(self, i, sentences_back=1):
        f = self.figures[i]
        out = []
        for s in range(f.sentence_index - sentences_back, f.sentence_index + 1):
            out += [k for k in self.by_sentence.get(s, []) if self.figures[k].kind == "count"
                    and self.figures[k].start < f.start]
        return out

    def _share(self, i):
        f = self.figures[i]
        counts = self._counts_near(i)
        if not counts:
            return
        part_i = counts[-1]
        part = self.figures[part_i]
        if f.start - part.end > 6:
            return
        for w in reversed(counts[:-1]):
            whole = self.figures[w]
            if same_family(whole.unit, part.unit) and whole.value >= part.value and whole.value:
                v = judge_rate(f.value, f.decimals, part.value, whole.value)
                if v.status == "ok":
                    self.checked_rates.add(i)
                    self.add("rate", INFO, f"占比 {fmt(f.value, f.decimals)}%：{fmt(part.value)} ÷ {fmt(whole.value)} = "
                                           f"{_exact(v.exact)}%，相符。", [i, part_i, w])
                    return

    def _named_rate(self, i, stem):
        f = self.figures[i]
        counts = [k for k in self._counts_near(i, 0)]
        if len(counts) < 2:
            return
        stem = stem[-2:]
        part_candidates = [k for k in counts if stem and stem in self.figures[k].clause]
        for p in reversed(part_candidates or counts):
            for w in counts:
                if w == p:
                    continue
                pf, wf = self.figures[p], self.figures[w]
                if not same_family(pf.unit, wf.unit) or wf.value < pf.value or not wf.value:
                    continue
                v = judge_rate(f.value, f.decimals, pf.value, wf.value)
                if v.status == "ok" or (part_candidates and v.status in ("truncated", "rounding")):
                    self.checked_rates.add(i)
                    self._verdict(i, pf.value, wf.value, f"{stem}率", fmt(pf.value), fmt(wf.value), [i, p, w])
                    return

    def _yoy(self, i):
        """"今年45件，上年36件，同比增长25%": both years given."""
        counts = self._counts_near(i, 0)
        cur = prev = None
        for k in counts:
            c = self.figures[k]
            lead = self.text[self.spans[c.sentence_index][0]:c.start]
            clause = re.split(r"[，,；;]", lead)[-1]
            if _PREVIOUS_YEAR.search(clause) and re.search(r"上年|去年|上一年|前一年", clause):
                prev = k
            elif cur is None:
                cur = k
        if cur is None or prev is None:
            return
        a, b = self.figures[prev], self.figures[cur]
        if not same_family(a.unit, b.unit) or not a.value:
            return
        self.checked_rates.add(i)
        self._verdict(i, abs(b.value - a.value), a.value, "同比变化", f"|{fmt(b.value)} − {fmt(a.value)}|",
                      fmt(a.value), [i, prev, cur], alternatives=False)

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
