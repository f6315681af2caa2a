"""Checks of stated rates: a rate of the vocabulary against its numerator ÷ denominator (vocabulary.yaml `rates`), a
change "由A减少到B，精简x%", a named rate or a share against the figures near it, and a year-on-year change against
the two years' figures.

A rate that does not fit its denominator is compared with the other figures of the report: the finding names the
one it fits ("20% = 30 ÷ 150，即以收到申请数为分母"), and says so when that figure holds cases that do not belong in
the denominator (applications not accepted, cases still pending). A rate over one or two cases is never reported
as confirmed: "1 ÷ 1 = 100%" proves nothing.
"""

from __future__ import annotations

import re

from fazhi.reports.legacy.findings import (
    ERROR,
    INFO,
    WARNING,
    exact,
    fmt,
    judge_rate,
    metric_label,
    same_family,
)
from fazhi.reports.legacy.grammar import vocabulary

VACUOUS = 2  # a denominator of at most this many cases confirms nothing
_GROWTH = re.compile(r"增长|增加|提高|上升|同比|比上年|超额|翻|倍")
_RATE_NAME = re.compile(r"([\u4e00-\u9fff]{1,4})率")
_CHANGE_VERB = re.compile(r"(减少|下降|缩减|精简|压减|降低|降|减|增加|增长|提高|上升|扩大|增)(了)?(到|至|为)")
_YOY = re.compile(r"(同比|比上年|较上年|比去年|较去年|比上一年|较上一年|与上年相比|比同期|较同期|比\d{4}年|较\d{4}年)")
_DOWN = re.compile(r"下降|减少|降低|回落|缩减|降幅|减幅")


class RateChecks:
    """Mixed into checks.Checker (self.text, self.figures, self.spans, self.by_sentence, self.add …)."""

    # -- rates of the vocabulary ----------------------------------------------------------------------------------

    def _nearest(self, d: dict[str, list[int]], key: str, near: int) -> int | None:
        """The figure of `key` in the paragraph: its only value, else the one stated nearest before `near`'s
        figure (the same sentence first), else the nearest."""
        idxs = d.get(key) or []
        if not idxs:
            return None
        if len({self.figures[i].value for i in idxs}) == 1:
            return idxs[0]
        f = self.figures[near]
        same = [i for i in idxs if self.figures[i].sentence_index == f.sentence_index and i < near]
        if same:
            return same[-1]
        return min(idxs, key=lambda i: (self.figures[i].part, abs(self.figures[i].start - f.start)))

    def vocabulary_rates(self):
        voc = vocabulary()
        for d in self.paragraph_metrics().values():
            for key, spec in voc.rates.items():
                for rate_i in d.get(key, []):
                    self._vocabulary_rate(rate_i, key, spec, d)

    def _vocabulary_rate(self, rate_i: int, key: str, spec: dict, d: dict[str, list[int]]):
        if rate_i in self.checked_rates:
            return
        alternatives = spec["numerator"]
        num_is = None
        for alt in alternatives:
            found = [self._nearest(d, k, rate_i) for k in alt]
            if all(i is not None for i in found):
                num_is = found
                break
        if num_is is None:
            num_is = [i for i in (self._nearest(d, k, rate_i) for k in alternatives[-1]) if i is not None]
        if not num_is:
            return
        name = spec.get("name") or metric_label(key)
        num_label = spec.get("numerator_label") or "、".join(metric_label(self.figures[i].metric) for i in num_is)
        den_label = spec.get("denominator_label") or metric_label(spec["denominator"])
        den_i = self._nearest(d, spec["denominator"], rate_i)
        num = sum(self.figures[i].value for i in num_is)
        if den_i is not None and self.figures[den_i].value:
            self.checked_rates.add(rate_i)
            den = self.figures[den_i].value
            self._verdict(rate_i, num, den, name, f"{num_label} {fmt(num)}", f"{den_label} {fmt(den)}",
                          [rate_i, *num_is, den_i], spec=spec, exclude=[*num_is, den_i], paragraph=d)
            return
        # No denominator stated: does the rate divide by a figure that holds more than the denominator?
        for wider_key in spec.get("wider") or {}:
            wi = self._nearest(d, wider_key, rate_i)
            if wi is None or not self.figures[wi].value:
                continue
            rate = self.figures[rate_i]
            v = judge_rate(rate.value, rate.decimals, num, self.figures[wi].value)
            if v.fits:
                self.checked_rates.add(rate_i)
                self.add("definition", WARNING,
                         f"{name} {fmt(rate.value, rate.decimals)}% = {fmt(num)} ÷ {fmt(self.figures[wi].value)}，"
                         f"即以{self._label(wi, spec)}为分母{self._wider_note(wi, spec, name, d, rate_i)}。",
                         [rate_i, *num_is, wi])
                return

    def _label(self, i: int, spec: dict | None = None) -> str:
        """How a finding names the figure a rate divides by: "收到申请数", or the words around an unmapped one."""
        f = self.figures[i]
        if f.metric:
            w = ((spec or {}).get("wider") or {}).get(f.metric)
            if w and w.get("label"):
                return w["label"]
            label = metric_label(f.metric)
            return label if label.endswith(("数", "量")) else f"{label}数"
        clause = f.clause.replace(f.raw, "").strip("，,、 ") or f.sentence[:20]
        return f"文中“{clause}”的 {fmt(f.value)}{f.unit}"

    def _wider_note(self, i: int, spec: dict | None, name: str, d: dict | None, near: int) -> str:
        f = self.figures[i]
        w = ((spec or {}).get("wider") or {}).get(f.metric or "")
        if not w:
            return ""
        stated = []
        for k in w.get("includes") or []:
            j = self._nearest(d or {}, k, near)
            if j is not None:
                stated.append(f"{metric_label(k)} {fmt(self.figures[j].value)}{self.figures[j].unit}")
        which = f"（文中{'、'.join(stated)}）" if stated else ""
        return f"；{w.get('label', '该数').removesuffix('数')}中含{w['text']}{which}，它们没有审理结果，不应计入{name}的分母"

    def _rate(self, rate_i, num_is, den_i, name, num_label, den_label):
        if rate_i is None or den_i is None or any(i is None for i in num_is) or rate_i in self.checked_rates:
            return
        self.checked_rates.add(rate_i)
        num = sum(self.figures[i].value for i in num_is)
        den = self.figures[den_i].value
        if den:
            self._verdict(rate_i, num, den, name, f"{num_label} {fmt(num)}", f"{den_label} {fmt(den)}",
                          [rate_i, *num_is, den_i], exclude=[*num_is, den_i])

    def _verdict(self, rate_i, num, den, name, num_text, den_text, figs, alternatives=True, spec=None, exclude=(),
                 paragraph=None):
        rate = self.figures[rate_i]
        v = judge_rate(rate.value, rate.decimals, num, den)
        stated = f"{fmt(rate.value, rate.decimals)}%"
        calc = f"{num_text} ÷ {den_text} = {exact(v.exact)}%"
        if v.status == "ok":
            if den > VACUOUS:
                self.add("rate", INFO, f"{name} {stated}：{calc}，相符。", figs)
        elif v.status == "truncated":
            self.add("rounding", WARNING, f"{name} {stated}：{calc}，四舍五入应为 {fmt(v.rounded, rate.decimals)}%；"
                                          f"文中数字是截断（舍去尾数）而非四舍五入所得。", figs)
        elif v.status == "rounding":
            self.add("rounding", WARNING, f"{name} {stated}：{calc}，四舍五入应为 {fmt(v.rounded, rate.decimals)}%，"
                                          "差异在末位，属取舍误差。", figs)
        else:
            fit = self._fitting_denominator(rate_i, num, den, spec, exclude) if alternatives else None
            if fit is not None:
                other = self.figures[fit].value
                self.add("definition", WARNING,
                         f"{name} {stated}：{calc}，与文中数字不符；而 {stated} = {fmt(num)} ÷ {fmt(other)}，"
                         f"即以{self._label(fit, spec)}为分母"
                         f"{self._wider_note(fit, spec, name, paragraph, rate_i) or '，可能采用了不同的统计口径'}。",
                         [*figs, fit])
            else:
                self.add("rate", ERROR, f"{name} {stated}：{calc}，按文中数字应为 "
                                        f"{fmt(v.rounded, rate.decimals)}%，所报比率与分子分母不符。", figs)

    def _fitting_denominator(self, rate_i: int, num, den, spec: dict | None, exclude) -> int | None:
        """Another figure of the report that, as the denominator, gives the stated rate: a figure the rate's
        definition may be confused with (`wider`), a whole of the vocabulary's rates, or an unmapped count; the
        same sentence first, then the sentences around it, the paragraph, the report."""
        rate = self.figures[rate_i]
        wider = set((spec or {}).get("wider") or {})
        wholes = wider | {s["denominator"] for s in vocabulary().rates.values()} | \
            {k for s in vocabulary().rates.values() for k in (s.get("wider") or {})}
        si = rate.sentence_index

        def rank(i):
            f = self.figures[i]
            distance = abs(f.sentence_index - si)
            return (f.metric not in wider, 0 if distance == 0 else 1 if distance == 1 else
                    2 if f.paragraph == rate.paragraph else 3, distance)

        candidates = []
        for i in self._denominators_near(rate.value, rate.decimals, num):
            f = self.figures[i]
            if i in exclude or f.value < num or f.value == den:
                continue
            if f.metric and f.metric not in wholes:
                continue
            if not f.metric and f.paragraph != rate.paragraph and abs(f.sentence_index - si) > 1:
                continue
            if judge_rate(rate.value, rate.decimals, num, f.value).fits:
                candidates.append(i)
        return min(candidates, key=rank) if candidates else None

    def _denominators_near(self, stated, decimals: int, num) -> list[int]:
        """The counts of the report (no period, not zero) that could give `stated`% over `num`, in the report's order.
        A rate fits within one unit of its last decimal (rounded, truncated or off in the last place: `judge_rate`),
        so for num > 0 the denominator lies between num × 100 ÷ (stated + unit) and num × 100 ÷ (stated − unit):
        found by bisecting the counts sorted by value, not by judging every figure of the report for each wrong rate
        (2,900 figures × 239 rates: half a 100 KB report's audit)."""
        import bisect
        from decimal import Decimal

        table = self.__dict__.get("_counts_by_value")
        if table is None:
            pairs = sorted((f.value, i) for i, f in enumerate(self.figures)
                           if f.kind == "count" and not f.period and f.value)
            table = self.__dict__["_counts_by_value"] = ([v for v, _ in pairs], [i for _, i in pairs])
        values, idxs = table
        unit = Decimal(1).scaleb(-decimals)
        if not num or stated is None or stated + unit <= 0:
            return sorted(idxs)
        slack = Decimal("1.000001")  # bounds a little wide: judge_rate decides
        lo = Decimal(num) * 100 / (stated + unit) / slack
        hi = Decimal(num) * 100 / (stated - unit) * slack if stated > unit else None
        start = bisect.bisect_left(values, lo)
        end = bisect.bisect_right(values, hi) if hi is not None else len(values)
        return sorted(idxs[start:end])

    # -- changes, generic rates ------------------------------------------------------------------------------------

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
                before = len(self.findings)
                self._verdict(p_i, diff, a.value, f"{direction}幅度", change, fmt(a.value), [a_i, b_i, p_i],
                              alternatives=False)
                last = self.findings[-1] if len(self.findings) > before else None
                if last and last.severity == ERROR and p.value:
                    base = diff * 100 / p.value
                    last.message += f"（{fmt(diff)} ÷ {fmt(p.value, p.decimals)}% ≈ {fmt(base, 0)}，" \
                                    f"即只有以 {fmt(base, 0)} 为基数才能得到该比例。）"

    def rates(self):
        """A named rate ("办结率", "反馈率") or a share ("占33%") without a rule of the vocabulary: try the figures
        nearby. A stated change against the year before: check it against both years' figures."""
        for i, f in enumerate(self.figures):
            if f.kind != "percent" or i in self.checked_rates:
                continue
            if f.extra.get("table"):
                if f.period == "change":
                    self._table_yoy(i)
                continue
            lo, _ = self.spans[f.sentence_index]
            before = self.text[lo:f.start]
            clause = re.split(r"[，,；;]", before)[-1]
            if f.period == "change" or _YOY.search(clause):
                self._yoy(i)
                continue
            share = re.search(r"占[^，,；;]{0,8}$", clause)
            named = _RATE_NAME.search(clause)
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
                    if whole.value > VACUOUS:
                        self.add("rate", INFO, f"占比 {fmt(f.value, f.decimals)}%：{fmt(part.value)} ÷ "
                                               f"{fmt(whole.value)} = {exact(v.exact)}%，相符。", [i, part_i, w])
                    return

    def _named_rate(self, i, stem):
        f = self.figures[i]
        counts = list(self._counts_near(i, 0))
        if len(counts) < 2:
            return
        stem = stem[-2:]
        part_candidates = [k for k in counts if stem and stem in self.figures[k].clause]
        for p in reversed(part_candidates or counts):
            for w in counts:
                if w == p:
                    continue
                pf, wf = self.figures[p], self.figures[w]
                if not same_family(pf.unit, wf.unit) or wf.value < pf.value or wf.value <= VACUOUS:
                    continue
                v = judge_rate(f.value, f.decimals, pf.value, wf.value)
                if v.status == "ok" or (part_candidates and v.status in ("truncated", "rounding")):
                    self.checked_rates.add(i)
                    self._verdict(i, pf.value, wf.value, f"{stem}率", fmt(pf.value), fmt(wf.value), [i, p, w],
                                  alternatives=False)
                    return

    # -- year on year ----------------------------------------------------------------------------------------------

    def _yoy(self, i):
        """"收到申请48件，上年为41件，同比增长17.1%", "比上年的41件增加7件，增长17.1%": the change against the year
        before's figure, in the sentence or the one before it."""
        p = self.figures[i]
        same = self.by_sentence.get(p.sentence_index, [])
        near = self.by_sentence.get(p.sentence_index - 1, []) + same
        counts = [k for k in same if self.figures[k].kind in ("count", "money") and k < i]
        current = [k for k in counts if not self.figures[k].period]
        if not current:
            return
        cur_i = current[-1]
        cur = self.figures[cur_i]
        prev = [k for k in near if self.figures[k].period == "previous" and self.figures[k].kind == cur.kind
                and same_family(self.figures[k].unit, cur.unit)
                and (not cur.metric or not self.figures[k].metric or self.figures[k].metric == cur.metric)]
        delta = [k for k in same if self.figures[k].period == "change" and self.figures[k].kind == cur.kind
                 and same_family(self.figures[k].unit, cur.unit) and cur_i < k < i]
        lead = self.text[self.spans[p.sentence_index][0]:p.start]
        down = bool(_DOWN.search(re.split(r"[，,；;]", lead)[-1]))
        derived = ""
        if prev:
            prev_i = min(prev, key=lambda k: abs(self.figures[k].start - cur.start))
            before = self.figures[prev_i].value
            figs = [i, prev_i, cur_i]
        elif delta:
            d = self.figures[delta[-1]].value
            before = cur.value + d if down else cur.value - d
            derived = f"（{fmt(cur.value)} {'+' if down else '−'} {fmt(d)}）"
            figs = [i, delta[-1], cur_i]
        else:
            return
        if not before or before < 0:
            return
        self.checked_rates.add(i)
        self._yoy_verdict(i, cur.value, before, down, figs, derived)

    def _yoy_verdict(self, i, now, before, down, figs, derived=""):
        p = self.figures[i]
        change = now - before
        basis = f"上年 {fmt(before)}{derived}"
        if change and (change < 0) != down:
            self.add("rate", ERROR, f"同比变化 {fmt(p.value, p.decimals)}%：本年 {fmt(now)}、{basis}，实际为"
                                    f"{'减少' if change < 0 else '增加'}，与文中所写的{'下降' if down else '增长'}方向相反。",
                     figs)
            return
        self._verdict(i, abs(change), before, "同比变化", f"本年 {fmt(now)} 与{basis} 之差 {fmt(abs(change))}",
                      f"上年 {fmt(before)}", figs, alternatives=False)

    def _table_yoy(self, i):
        """A table row "收到申请 | 41 | 48 | 17.1%": the change column against the row's two years."""
        p = self.figures[i]
        t = p.extra["table"]
        row = [k for k, f in enumerate(self.figures) if f.extra.get("table") and f.extra["table"]["index"] == t["index"]
               and f.extra["table"]["row"] == t["row"] and f.kind in ("count", "money")]
        cur = [k for k in row if not self.figures[k].period]
        prev = [k for k in row if self.figures[k].period == "previous"]
        if not cur or not prev or not self.figures[prev[-1]].value:
            return
        self.checked_rates.add(i)
        now, before = self.figures[cur[-1]].value, self.figures[prev[-1]].value
        down = bool(_DOWN.search(t["column"])) or self.text[max(0, p.start - 1):p.start] in ("-", "−", "－")
        self._yoy_verdict(i, now, before, down, [i, prev[-1], cur[-1]])
