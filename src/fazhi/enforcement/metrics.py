"""Enforcement figures (口径), for an organisation and everything below it, over decisions made in the period.

One aggregate query over the case table gives every figure (`enforcement_figures`, shared within an evaluation);
each figure keeps its own drill-down queryset of the same rows. Counting reads only columns of the case row (kind,
decision, decided_on, amounts, flags), so a province-year is one scan of an index range (ADR 0010)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, F, Q, Sum

from fazhi.enforcement.choices import CaseKind, Decision
from fazhi.enforcement.models import EnforcementCase
from fazhi.metrics.registry import Scope, register_count, register_part, register_rate, scope_aggregate

COLUMNS = [("number", "案件编号"), ("organisation__name", "实施机关"), ("get_kind_display", "类别"), ("cause", "案由"),
           ("decision_number", "决定书文号"), ("decided_on", "决定日期"), ("get_decision_display", "决定"),
           ("fine_amount", "罚款（元）"), ("confiscated_amount", "没收（元）")]

PUNISHED = Q(kind=CaseKind.PENALTY, decision=Decision.PUNISHED)
PUBLICITY_REQUIRED = Q(kind=CaseKind.LICENSE) | (PUNISHED & Q(social_impact=True))
CONDITIONS = {
    "enforcement.cases": Q(kind__in=[CaseKind.PENALTY, CaseKind.COERCION]),
    "enforcement.decisions.penalty": PUNISHED,
    "enforcement.decisions.license": Q(kind=CaseKind.LICENSE),
    "enforcement.decisions.coercion": Q(kind=CaseKind.COERCION),
    "enforcement.decisions.inspection": Q(kind=CaseKind.INSPECTION),
    "enforcement.major_decisions": Q(major=True),
    "enforcement.major_reviewed": Q(major=True, legal_review_passed__isnull=False),
    "enforcement.publicity_required": PUBLICITY_REQUIRED,
    "enforcement.published_timely": PUBLICITY_REQUIRED & Q(published_on__isnull=False,
                                                           published_on__lte=F("publicity_due")),
    "enforcement.discretion_deviations": Q(discretion_deviation=True),
}


def decided(scope: Scope):
    return EnforcementCase.objects.in_subtree(scope.organisation).decided_between(scope.start, scope.end) \
        .select_related("organisation")


def _in_subtree(scope: Scope):
    return EnforcementCase.objects.in_subtree(scope.organisation).select_related("organisation")


def hearings(scope: Scope):
    return _in_subtree(scope).filter(hearing_on__gte=scope.start, hearing_on__lte=scope.end)


def corrected(scope: Scope, via: str):
    return _in_subtree(scope).filter(corrected_via=via, corrected_on__gte=scope.start, corrected_on__lte=scope.end)


def enforcement_figures(scope: Scope) -> dict:
    # One sum of the two amounts: at 10⁷ rows each numeric SUM costs about a second (ADR 0010).
    row = scope_aggregate("enforcement.cases", scope, lambda: (decided(scope).order_by(), {
        **{k.replace(".", "__"): Count("pk", filter=q) for k, q in CONDITIONS.items()},
        "amounts": Sum(F("fine_amount") + F("confiscated_amount"), filter=PUNISHED, default=Decimal("0"))}))
    return {**{k: row[k.replace(".", "__")] for k in CONDITIONS}, "enforcement.fines_amount": row["amounts"]}


def _count(key, *, label, definition, unit="件"):
    register_part(key, figures=enforcement_figures, label=label, unit=unit, definition=definition, columns=COLUMNS,
                  rows=lambda scope: decided(scope).filter(CONDITIONS[key]), module="enforcement")


_count("enforcement.cases", label="行政执法案件",
       definition="期间内作出决定的行政处罚案件（含不予处罚、移送司法机关的）和行政强制案件数，即报告中“办理（查处）"
                  "执法案件N宗”的口径；行政许可和行政检查另计。")
_count("enforcement.decisions.penalty", label="行政处罚决定",
       definition="期间内作出的给予行政处罚的决定数（普通程序和当场处罚；不予处罚、移送司法机关的不计），含下级机构。")
_count("enforcement.decisions.license", label="行政许可决定", definition="期间内作出的行政许可决定数（准予和不予许可）。")
_count("enforcement.decisions.coercion", label="行政强制决定",
       definition="期间内实施的行政强制措施和行政强制执行决定数。")
_count("enforcement.decisions.inspection", label="行政检查", unit="次", definition="期间内实施并登记的行政检查次数。")
_count("enforcement.major_decisions", label="重大执法决定",
       definition="期间内作出的属于行政处罚法第五十八条情形（须法制审核）的执法决定数。")
_count("enforcement.major_reviewed", label="经法制审核的重大执法决定",
       definition="期间内作出的重大执法决定中，决定前已登记法制审核意见的决定数。")
_count("enforcement.publicity_required", label="应公示的执法决定",
       definition="期间内作出的行政许可决定和具有一定社会影响的行政处罚决定数（行政处罚法第四十八条、国办发〔2018〕118号）。")
_count("enforcement.published_timely", label="按时公示的执法决定",
       definition="应公示的执法决定中，在规定期限（作出决定之日起七个工作日）内公示的决定数。")
_count("enforcement.discretion_deviations", label="偏离裁量基准的处罚决定",
       definition="期间内作出的、处罚种类或罚款幅度超出所选裁量情形并记录理由的行政处罚决定数。")
register_rate("enforcement.publicity_timely_rate", label="执法决定公示及时率", module="enforcement",
              numerator="enforcement.published_timely", denominator="enforcement.publicity_required",
              definition="按时公示的执法决定数 ÷ 应公示的执法决定数 × 100%。")
register_rate("enforcement.major_review_rate", label="重大执法决定法制审核率", module="enforcement",
              numerator="enforcement.major_reviewed", denominator="enforcement.major_decisions",
              definition="经法制审核的重大执法决定数 ÷ 重大执法决定数 × 100%。")


register_part("enforcement.fines_amount", figures=enforcement_figures, label="罚没金额", unit="元", decimals=2,
              module="enforcement", columns=COLUMNS,
              rows=lambda scope: decided(scope).filter(PUNISHED).exclude(fine_amount=0, confiscated_amount=0),
              definition="期间内作出的行政处罚决定所处罚款和没收违法所得、非法财物金额之和（以决定金额计，不含加处罚款）。")


register_count("enforcement.hearings", label="举行听证", unit="次", module="enforcement", columns=COLUMNS,
               queryset=hearings, kept=True, definition="期间内举行听证的行政处罚案件数（以听证日期计）。")
register_count("enforcement.corrected_by_reconsideration", label="被复议纠错的执法决定", unit="件", module="enforcement",
               columns=COLUMNS, queryset=lambda scope: corrected(scope, "reconsideration"), kept=True,
               definition="期间内经行政复议决定撤销、变更、确认违法或确认无效的执法决定数（以复议决定日期计）。")
register_count("enforcement.lost_in_litigation", label="被判决纠正的执法决定", unit="件", module="enforcement",
               columns=COLUMNS, queryset=lambda scope: corrected(scope, "litigation"), kept=True,
               definition="期间内经人民法院判决撤销、变更、确认违法或确认无效的执法决定数（以一审判决日期计）。")


# ---- 案卷评查 ----------------------------------------------------------------------------------------------------------

FILE_COLUMNS = [("round__title", "评查活动"), ("case__organisation__name", "被评查单位"), ("case__number", "案卷"),
                ("score", "得分"), ("get_grade_display", "等次"), ("reviewed_on", "评查日期")]


def reviewed(scope: Scope):
    from fazhi.enforcement.models import ReviewFile

    return ReviewFile.objects.in_subtree(scope.organisation).filter(
        reviewed_on__gte=scope.start, reviewed_on__lte=scope.end).select_related("round", "case__organisation")


def problems(scope: Scope):
    from fazhi.enforcement.models import ReviewScore

    return ReviewScore.objects.filter(file__in=reviewed(scope).values("pk")).exclude(problem="").select_related(
        "file__case__organisation", "item")


register_count("enforcement.case_review.files", label="评查执法案卷", unit="卷", module="enforcement",
               queryset=reviewed, columns=FILE_COLUMNS, kept=True,
               definition="期间内评分的行政执法案卷数（以评查日期计，按被评查单位含下级机构）。")
register_count("enforcement.case_review.passed", label="评查合格的案卷", unit="卷", module="enforcement",
               queryset=lambda scope: reviewed(scope).exclude(grade="fail"), columns=FILE_COLUMNS, kept=True,
               definition="期间内评分达到该评查活动合格分（含优秀）的案卷数。")
register_count("enforcement.case_review.problems", label="案卷评查发现问题", unit="个", module="enforcement",
               queryset=problems, kept=True, columns=[("file__case__organisation__name", "被评查单位"),
                                           ("file__case__number", "案卷"), ("item__category", "类别"),
                                           ("deducted", "扣分"), ("problem", "问题")],
               definition="期间内评分的案卷中，各评分项目记录的问题数。")
register_rate("enforcement.case_review.pass_rate", label="案卷评查合格率", module="enforcement",
              numerator="enforcement.case_review.passed", denominator="enforcement.case_review.files",
              definition="评查合格的案卷数 ÷ 评查案卷数 × 100%。")
