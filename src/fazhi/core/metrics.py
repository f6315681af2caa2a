"""Figures about the organisation tree itself: the active organisations of each kind in the subtree, all three from
one aggregate (`registry.scope_aggregate`); each figure's drill-down lists the organisations."""

from django.db.models import Count, Q

from fazhi.core.choices import OrgKind
from fazhi.core.models import Organisation
from fazhi.metrics.registry import Scope, register_part, scope_aggregate

_COLUMNS = [("code", "机构代码"), ("name", "名称"), ("get_kind_display", "类型"), ("parent__name", "上级机构")]
KINDS = {"org.departments": OrgKind.DEPARTMENT, "org.townships": OrgKind.TOWNSHIP, "org.units": OrgKind.UNIT}


def _active(scope: Scope):
    return Organisation.objects.in_subtree(scope.organisation).filter(active=True)


def figures(scope: Scope) -> dict:
    """The counts of every kind, in one query."""
    return scope_aggregate("org.counts", scope, lambda: (
        _active(scope).order_by(), {k.replace(".", "__"): Count("pk", filter=Q(kind=kind)) for k, kind in KINDS.items()}))


def _orgs(kind):
    def qs(scope):
        return _active(scope).filter(kind=kind).select_related("parent")

    return qs


def _count(key: str, *, label: str, definition: str):
    register_part(key, figures=figures, part=key.replace(".", "__"), label=label, unit="个", module="core",
                  definition=definition, rows=_orgs(KINDS[key]), columns=_COLUMNS)


_count("org.departments", label="政府部门", definition="期末在本机构（含下级）之下有效的政府部门数。")
_count("org.townships", label="乡镇（街道）", definition="期末在本机构（含下级）之下有效的乡镇、街道数。")
_count("org.units", label="部门所属单位", definition="期末在本机构（含下级）之下有效的部门所属单位（执法大队等）数。")
