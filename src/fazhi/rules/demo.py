"""Demo data of the deadline engine: the demo province files normative documents within 30 days (a regional
override of the usual 15). The cases' deadlines come from the modules that own the cases."""

from __future__ import annotations

from fazhi.core.models import Region
from fazhi.rules import actions


def build(ctx):
    province = Region.objects.filter(code="990000").first()
    if province is None:
        return
    actions.save_override(actor=ctx.admin, rule_id="normdoc.filing", region=province, length=30,
                          unit="calendar_days", citation="《示范省行政规范性文件管理办法》第二十二条（示例）",
                          note="示例数据：本省规定自公布之日起30日内报送备案。", reason="示例数据")
