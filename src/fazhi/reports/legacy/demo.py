"""Demo: the county's reports of the two years before the platform, audited and saved as historical values."""

from __future__ import annotations

from fazhi.metrics.actions import save_historical_values
from fazhi.reports.legacy.audit import audit_text

TEMPLATE = """清源县人民政府关于{year}年度法治政府建设情况的报告

一、{year}年推进法治政府建设的主要举措和成效
（一）完善依法行政制度体系。全年共清理规范性文件{reviewed}件，保留{kept}件，废止{abolished}件，需修改后继续实行的{revised}件。
（二）发挥行政复议化解行政争议主渠道作用。全年共收到行政复议申请{received}件，受理{accepted}件，不予受理{rejected}件，审结{concluded}件，审理结果为维持{upheld}件，驳回{dismissed}件，撤销{revoked}件，终止{terminated}件，行政复议直接纠错率{correction}%。
（三）依法有效化解社会矛盾纠纷。全县各级调解组织共调解矛盾纠纷{cases}件，调解成功{succeeded}件，调解成功率达{success}%。
二、存在的不足和原因
基层法治力量仍较薄弱，部分单位行政执法规范化水平有待提高。
三、党政主要负责人履行推进法治建设第一责任人职责情况
县政府主要负责人认真履行推进法治建设第一责任人职责，全年召开常务会议专题研究法治政府建设工作。
四、{next_year}年推进法治政府建设的主要安排
持续深化行政复议体制改革，推进严格规范公正文明执法。
"""


def report_text(ctx, year: int) -> str:
    rng = ctx.rng
    upheld, dismissed, revoked, terminated = rng.randint(15, 30), rng.randint(2, 8), rng.randint(2, 6), rng.randint(3, 9)
    concluded = upheld + dismissed + revoked + terminated
    accepted = concluded + rng.randint(0, 4)
    rejected = rng.randint(1, 5)
    cases = rng.randint(3000, 6000)
    succeeded = cases - rng.randint(30, 90)
    kept, abolished, revised = rng.randint(40, 80), rng.randint(5, 15), rng.randint(3, 10)
    # The earlier report truncates its success rate instead of rounding it, as seed 002 did: the audit says so.
    success = int(succeeded * 10000 / cases) / 100 if year == ctx.previous_year - 2 else round(succeeded * 100 / cases, 2)
    return TEMPLATE.format(year=year, next_year=year + 1, reviewed=kept + abolished + revised, kept=kept,
                           abolished=abolished, revised=revised, received=accepted + rejected, accepted=accepted,
                           rejected=rejected, concluded=concluded, upheld=upheld, dismissed=dismissed,
                           revoked=revoked, terminated=terminated, correction=round(revoked * 100 / concluded, 1),
                           cases=cases, succeeded=succeeded, success=f"{success:.2f}")


def build(ctx):
    gov = ctx.orgs["gov"]
    actor = ctx.users["supervisor"]
    for year in (ctx.previous_year - 2, ctx.previous_year - 1):
        result = audit_text(report_text(ctx, year), source=f"清源县{year}年度法治政府建设情况报告.txt")
        chosen: dict[str, dict] = {}
        for f in result.figures:
            if f.metric and not f.period and f.metric not in chosen:
                chosen[f.metric] = {"metric_key": f.metric, "value": f.value, "unit": f.unit,
                                    "source_text": f.sentence}
        save_historical_values(actor=actor, organisation=gov, year=year, items=list(chosen.values()),
                               source_document=result.source, reason="导入以往年度报告（示例数据）")
