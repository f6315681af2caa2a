"""Periodic work for `fazhi tick`: figures kept for a day of a period not yet over are of no use the day after."""

from __future__ import annotations


def tick(today) -> list[str]:
    from fazhi.metrics.models import FigureCache
    from fazhi.metrics.stored import CLOSED

    gone = FigureCache.objects.filter(as_of__gt=CLOSED, as_of__lt=today).delete()[0]
    return [f"已清除 {gone} 个过期的当日指标值。"] if gone else []
