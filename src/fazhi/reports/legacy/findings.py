"""A finding of the audit, and the arithmetic the checks share: formatting, unit families, judging a rate."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

ERROR, WARNING, INFO = "error", "warning", "info"
# Units that count the same kind of thing, so a total in one and parts in another still add up (49个项目: 2家 …).
_UNIT_FAMILIES = [{"个", "家", "户", "所", "座"}, {"件", "起", "宗"}, {"人", "名", "位"}]


@dataclass
class Finding:
    kind: str
    severity: str
    message: str
    start: int | None = None
    end: int | None = None
    figures: list[int] = field(default_factory=list)  # indexes into the figure list: the figures it compares

    def as_dict(self, figures: list | None = None) -> dict:
        d = {"kind": self.kind, "severity": self.severity, "message": self.message, "start": self.start,
             "end": self.end, "figures": list(self.figures)}
        if figures is not None:
            d["compared"] = [{"index": i, "raw": figures[i].raw, "metric": figures[i].metric}
                             for i in self.figures if 0 <= i < len(figures)]
        return d


def fmt(v: Decimal | int, decimals: int | None = None) -> str:
    v = Decimal(v)
    if decimals is not None:
        return f"{v.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):,.{decimals}f}"
    if v == v.to_integral_value():
        return f"{int(v):,}"
    return f"{v.normalize():,f}"


def exact(v: Decimal) -> str:
    return f"{v.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP).normalize():f}"


def same_family(a: str, b: str) -> bool:
    return a == b or not a or not b or any(a in f and b in f for f in _UNIT_FAMILIES)


@dataclass
class RateVerdict:
    status: str  # ok, truncated, rounding, wrong
    exact: Decimal
    rounded: Decimal

    @property
    def fits(self) -> bool:
        return self.status in ("ok", "truncated", "rounding")


def judge_rate(stated: Decimal, decimals: int, numerator: Decimal, denominator: Decimal) -> RateVerdict:
    """Compare a stated percentage with numerator ÷ denominator at the precision the document used."""
    value = Decimal(numerator) * 100 / Decimal(denominator)
    q = Decimal(1).scaleb(-decimals)
    rounded = value.quantize(q, rounding=ROUND_HALF_UP)
    if rounded == stated:
        return RateVerdict("ok", value, rounded)
    if value.quantize(q, rounding=ROUND_DOWN) == stated:
        return RateVerdict("truncated", value, rounded)
    if abs(value - stated) < q:
        return RateVerdict("rounding", value, rounded)
    return RateVerdict("wrong", value, rounded)


def metric_label(key: str) -> str:
    """The registry's label of a key (live or planned), or the key."""
    try:
        from fazhi.metrics import registry

        try:
            return registry.get(key).label
        except registry.UnknownMetric:
            p = registry.planned(key)
            return p.label if p else key
    except Exception:  # the registry needs Django; the audit's parts also run without it
        return key
