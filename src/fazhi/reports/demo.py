"""Demo data: last year's report (a draft in January, under review from mid-February, published before 1 April),
this year's draft, and department submissions (accepted, pending, returned)."""

from __future__ import annotations

import datetime as dt

from fazhi.reports import actions
from fazhi.reports.models import ReportSection

NARRATIVE = {
    "results": "{year}年，县政府坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
               "把法治政府建设纳入全县经济社会发展总体布局，统筹推进各项任务落实。",
    "results.functions": "深化“放管服”改革，编制公布县乡两级权责清单并实行动态管理；"
                         "全面推行证明事项告知承诺制，持续优化法治化营商环境。",
    "results.rules": "严格落实行政规范性文件合法性审核机制，未经审核的文件一律不得提交审议；"
                     "按要求开展规范性文件专项清理，清理结果向社会公布。",
    "results.decisions": "制定并公布年度重大行政决策事项目录，严格履行公众参与、专家论证、风险评估、"
                         "合法性审查和集体讨论决定程序；县政府及各部门实现法律顾问全覆盖。",
    "results.enforcement": "全面落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，"
                           "修订完善行政处罚裁量基准，推行轻微违法行为依法不予处罚清单。",
    "results.emergency": "修订县级突发事件总体应急预案和专项预案，组织开展防汛、森林防火等综合应急演练，"
                         "依法有序处置各类突发事件。",
    "results.disputes": "推进行政复议体制改革，统一受理县域行政复议案件；坚持和发展新时代“枫桥经验”，"
                        "健全人民调解、行政调解、司法调解联动工作体系。",
    "results.oversight": "自觉接受人大法律监督、政协民主监督，认真办理人大代表建议和政协委员提案；"
                         "深化政务公开，依法办理政府信息公开申请。",
    "results.digital": "依托省一体化政务服务平台推进“一网通办”，行政执法综合管理监督信息系统在全县推广应用。",
    "results.leadership": "县委常委会、县政府常务会议定期听取法治政府建设工作汇报，"
                          "将法治政府建设成效纳入全县综合考核；落实领导干部学法制度。",
    "shortcomings": "一是部分部门对法治政府建设重视程度不够，工作推进不平衡；"
                    "二是基层执法力量相对薄弱，执法人员专业素质有待提高；"
                    "三是行政复议纠错率、行政诉讼败诉率等指标仍需进一步改善。\n"
                    "究其原因，主要是法治意识和依法行政能力建设仍有差距，考核督促机制还需完善。",
    "leaders": "县政府主要负责人切实履行推进法治建设第一责任人职责，全年主持召开县政府常务会议专题研究"
               "法治政府建设工作，带头学法、带头出庭应诉，对重大法治问题亲自过问、亲自协调。",
    "next_year": "{next_year}年，县政府将重点抓好以下工作：一是深入学习贯彻习近平法治思想；"
                 "二是持续深化行政执法体制改革；三是提升行政复议化解行政争议主渠道作用；"
                 "四是加强法治政府建设督察考核。",
    "other": "无。",
}

SUBMISSIONS = [
    # (username, org short code, year offset (0 = previous year, 1 = current year), section, kind, title, body, outcome)
    ("scj_legal", "scjgj", 0, "results.enforcement", "practice", "推行“首违不罚”清单制度",
     "制定市场监管领域轻微违法行为不予处罚清单，全年对首次轻微违法的经营主体不予处罚并开展教育指导。", "accept"),
    ("hb_legal", "sthjj", 0, "results.enforcement", "measure", "生态环境执法“正面清单”管理",
     "将一批环境管理规范的企业纳入监督执法正面清单，以非现场检查为主，减少对企业正常生产经营的干扰。", "accept"),
    ("sfj_legal", "sfj", 0, "results.disputes", "practice", "行政复议调解和解工作",
     "在行政复议中全面推行调解和解，邀请申请人和被申请人面对面沟通，实质性化解行政争议。", "accept"),
    ("scj_legal", "scjgj", 1, "results.enforcement", "measure", "市场监管“双随机、一公开”跨部门联合抽查",
     "会同相关部门制定年度跨部门联合抽查计划，实现“进一次门、查多项事”。", "accept"),
    ("hb_legal", "sthjj", 1, "results.enforcement", "practice", "环境执法全过程记录规范化",
     "为执法人员配备执法记录仪，执法全过程音像记录，记录资料统一归档。", "pending"),
    ("sfj_legal", "sfj", 1, "results.disputes", "measure", "人民调解员队伍建设",
     "举办人民调解员培训班，聘任专职人民调解员。", "return"),
    ("cgz_legal", "cgz", 1, "results.leadership", "measure", "城关镇领导干部集中学法",
     "镇党委理论学习中心组专题学习宪法和民法典。", "pending"),
]


def report_stage(today: dt.date) -> str:
    """How far last year's report has come by `today`: draft until mid-February, then review, published from 26 March."""
    if today >= dt.date(today.year, 3, 26):
        return "published"
    if today >= dt.date(today.year, 2, 15):
        return "review"
    return "draft"


def _fill(report, ctx):
    for section in ReportSection.objects.filter(report=report).order_by("order"):
        text = NARRATIVE.get(section.key, "")
        if text:
            actions.update_section(section, actor=ctx.users["supervisor"],
                                   narrative=text.format(year=report.year, next_year=report.year + 1))


def build(ctx):
    supervisor = ctx.users["supervisor"]
    gov = ctx.orgs["gov"]
    actions.ensure_default_template(actor=ctx.admin)
    for username, short, offset, section, kind, title, body, outcome in SUBMISSIONS:
        sub = actions.submit_material(actor=ctx.users[username], organisation=ctx.orgs[short],
                                      year=ctx.previous_year + offset, section_key=section, kind=kind, title=title,
                                      body=body)
        if outcome == "accept":
            actions.accept_submission(sub, actor=supervisor)
        elif outcome == "return":
            actions.return_submission(sub, actor=supervisor, reason="请补充培训人数、聘任人数等具体数据后重新报送。")

    # Last year's report: written in the first weeks of the year, under review from mid-February, approved and
    # published before 1 April (督察工作规定 art. 24) — as far along as today's date allows.
    previous = actions.create_report(actor=supervisor, organisation=gov, year=ctx.previous_year)
    _fill(previous, ctx)
    stage = report_stage(ctx.today)
    if stage in ("review", "published"):
        actions.submit_report(previous, actor=supervisor)
    if stage == "published":
        actions.approve_report(previous, actor=supervisor, on=dt.date(ctx.year, 3, 20))
        actions.publish_report(previous, actor=supervisor, on=dt.date(ctx.year, 3, 26))

    # This year's report: a draft with part of the narrative written.
    current = actions.create_report(actor=supervisor, organisation=gov, year=ctx.year)
    for section in ReportSection.objects.filter(report=current, key__in=["results", "results.enforcement"]):
        actions.update_section(section, actor=supervisor,
                               narrative=NARRATIVE[section.key].format(year=ctx.year, next_year=ctx.year + 1))
