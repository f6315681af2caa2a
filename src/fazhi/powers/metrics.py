"""权责清单 figures: items in force at the end of the period (by category; sub-items apart) and the period's
adjustments by kind, for an organisation and everything below it. One aggregate per scope."""

from __future__ import annotations

from django.db.models import Count, Q

from fazhi.metrics.registry import Scope, aggregate, register_part, shared
from fazhi.powers.choices import AdjustmentKind, Category
from fazhi.powers.models import Adjustment, PowerItem

ITEM_COLUMNS = [("organisation__name", "实施机关"), ("code", "事项编码"), ("name", "事项名称"),
                ("get_category_display", "权力类别"), ("get_level_display", "行使层级"), ("valid_from", "生效日期")]
ADJ_COLUMNS = [("organisation__name", "机构"), ("get_kind_display", "调整类型"), ("effective_on", "生效日期"),
               ("document_number", "批准文件文号"), ("reason", "调整理由")]


def items_on(scope: Scope):
    return PowerItem.objects.in_subtree(scope.organisation).in_force_on(scope.end).select_related("organisation")


def adjustments(scope: Scope):
    return Adjustment.objects.in_subtree(scope.organisation).filter(effective_on__gte=scope.start,
                                                                    effective_on__lte=scope.end) \
        .select_related("organisation")


def figures(scope: Scope) -> dict:
    def compute():
        top = Q(parent__isnull=True)
        aggs = {"items": Count("pk", filter=top), "sub_items": Count("pk", filter=~top)}
        aggs |= {f"items.{c.value}": Count("pk", filter=top & Q(category=c.value)) for c in Category}
        out = aggregate(PowerItem.objects.in_subtree(scope.organisation).in_force_on(scope.end), **aggs)
        out |= aggregate(adjustments(scope), **{f"adjustments.{k.value}": Count("pk", filter=Q(kind=k.value))
                                               for k in AdjustmentKind})
        return out

    return shared("powers", scope, compute)


def _count(key, *, label, definition, rows, columns, unit):
    register_part(f"powers.{key}", figures=figures, part=key, label=label, unit=unit, definition=definition,
                  rows=rows, columns=columns, module="powers")


_count("items", label="行政职权事项", unit="项", columns=ITEM_COLUMNS,
       rows=lambda s: items_on(s).filter(parent__isnull=True),
       definition="期末有效的权责清单事项数（不含子项），含下级机构；按生效、失效日期判断期末是否有效。")
_count("sub_items", label="行政职权子项", unit="项", columns=ITEM_COLUMNS,
       rows=lambda s: items_on(s).filter(parent__isnull=False), definition="期末有效的权责清单子项数，含下级机构。")
for _c in Category:
    _count(f"items.{_c.value}", label=f"{_c.label}事项", unit="项", columns=ITEM_COLUMNS,
           rows=lambda s, c=_c.value: items_on(s).filter(parent__isnull=True, category=c),
           definition=f"期末有效的{_c.label}类权责清单事项数（不含子项），含下级机构。")
for _k in AdjustmentKind:
    _count(f"adjustments.{_k.value}", label=f"清单调整（{_k.label}）", unit="次", columns=ADJ_COLUMNS,
           rows=lambda s, k=_k.value: adjustments(s).filter(kind=k),
           definition=f"期间内生效的权责清单{_k.label}调整次数（按批准文件计，每次可涉及多项），含下级机构。")
