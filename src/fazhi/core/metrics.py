"""Figures about the organisation tree itself."""

from fazhi.core.choices import OrgKind
from fazhi.core.models import Organisation
from fazhi.metrics.registry import register_count

_COLUMNS = [("code", "机构代码"), ("name", "名称"), ("get_kind_display", "类型"), ("parent__name", "上级机构")]


def _orgs(kind):
    def qs(scope):
        return Organisation.objects.in_subtree(scope.organisation).filter(kind=kind, active=True).select_related(
            "parent")

    return qs


register_count("org.departments", label="政府部门", unit="个", module="core",
               definition="期末在本机构（含下级）之下有效的政府部门数。", queryset=_orgs(OrgKind.DEPARTMENT),
               columns=_COLUMNS)
register_count("org.townships", label="乡镇（街道）", unit="个", module="core",
               definition="期末在本机构（含下级）之下有效的乡镇、街道数。", queryset=_orgs(OrgKind.TOWNSHIP),
               columns=_COLUMNS)
register_count("org.units", label="部门所属单位", unit="个", module="core",
               definition="期末在本机构（含下级）之下有效的部门所属单位（执法大队等）数。", queryset=_orgs(OrgKind.UNIT),
               columns=_COLUMNS)
