"""The law watch's figure: bases waiting for review after a law changed (fazhi.laws.watch)."""

from fazhi.laws.models import CitationFlag, FlagStatus
from fazhi.metrics.registry import register_count

register_count("laws.flags_open", label="依据变更待复核", unit="项", module="laws",
               definition="期末仍待复核的依据变更：引用的条文在法律修改后被修改、移动或删除，所属机构尚未复核（含下级机构）。"
                          "按发现日期不晚于期末、复核日期晚于期末或尚未复核判断。",
               queryset=lambda s: CitationFlag.objects.in_subtree(s.organisation).filter(
                   created_at__date__lte=s.end).exclude(status=FlagStatus.RESOLVED, resolved_on__lte=s.end)
               .select_related("organisation"),
               columns=[("object_repr", "引用记录"), ("citation", "原引用"), ("get_change_display", "变化"),
                        ("organisation__name", "负责机构"), ("get_status_display", "状态")])
