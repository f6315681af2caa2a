"""Litigation figures (口径): cases received, concluded, won, lost, withdrawn; hearings and head appearances.

Each count is registered with its drill-down queryset; the values come from `litigation_figures`, four aggregate
queries shared by all of them within one `evaluation()` (see metrics.registry.scope_aggregate).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q

from fazhi.litigation.choices import HEAD_APPEARANCES, LOST_OUTCOMES, WITHDRAWN_OUTCOMES, WON_OUTCOMES
from fazhi.litigation.models import Appeal, Hearing, JudicialSuggestion, LitigationCase
from fazhi.metrics.registry import Scope, register_part, register_rate, scope_aggregate, shared

CASE_COLUMNS = [("case_number", "案号"), ("court", "受理法院"), ("plaintiffs", "原告"), ("organisation__name", "被告"),
                ("get_act_kind_display", "行为类别"), ("received_on", "收到起诉状副本日期"),
                ("get_status_display", "状态"), ("get_outcome_display", "一审结果"), ("concluded_on", "审结日期")]
HEARING_COLUMNS = [("case__case_number", "案号"), ("case__organisation__name", "被告"), ("get_instance_display", "审级"),
                   ("held_on", "开庭日期"), ("get_appearance_display", "出庭情况"), ("attendee", "出庭人员"),
                   ("absence_reason", "负责人未出庭原因")]
APPEAL_COLUMNS = [("case_number", "二审案号"), ("case__case_number", "一审案号"), ("case__organisation__name", "被告"),
                  ("get_appellant_display", "上诉人"), ("filed_on", "上诉日期"), ("get_outcome_display", "二审结果")]
SUGGESTION_COLUMNS = [("number", "文号"), ("court", "发出法院"), ("case__case_number", "案号"),
                      ("case__organisation__name", "被告"), ("received_on", "收到日期"), ("replied_on", "回复日期")]


def _cases(scope):
    return LitigationCase.objects.in_subtree(scope.organisation).select_related("organisation")


def _count(key: str, *, label: str, definition: str, queryset, columns, unit: str = "件", module: str = "litigation"):
    """A count whose drill-down is `queryset` and whose value is read from the shared aggregate."""
    register_part(key, figures=lambda scope: litigation_figures(scope), label=label, unit=unit,
                  definition=definition, rows=queryset, columns=columns, module=module)


def received(scope):
    return _cases(scope).received_between(scope.start, scope.end)


def concluded(scope):
    return _cases(scope).concluded_between(scope.start, scope.end)


def hearings(scope):
    return Hearing.objects.in_subtree(scope.organisation).held_between(scope.start, scope.end) \
        .select_related("case__organisation")


_count("litigation.first_instance", label="一审收案", module="litigation", columns=CASE_COLUMNS,
               definition="期内收到起诉状副本的一审行政诉讼案件数（以被告机构计，含下级机构）。",
               queryset=received)
_count("litigation.concluded", label="一审审结", module="litigation", columns=CASE_COLUMNS,
               definition="期内一审审结的案件数：判决、裁定、撤诉、调解等任何方式结案，含以前年度收案结转的案件。",
               queryset=concluded)
_count("litigation.won", label="胜诉", module="litigation", columns=CASE_COLUMNS,
               definition="期内一审审结且判决驳回诉讼请求或裁定驳回起诉的案件数。",
               queryset=lambda scope: concluded(scope).won())
_count("litigation.lost", label="败诉", module="litigation", columns=CASE_COLUMNS,
               definition="期内一审审结且判决撤销、确认违法、确认无效、责令履行、变更或赔偿的案件数"
                          "（不含撤诉，被告改变行政行为后原告撤诉的另计入撤诉）。",
               queryset=lambda scope: concluded(scope).lost())
_count("litigation.withdrawn", label="撤诉", module="litigation", columns=CASE_COLUMNS,
               definition="期内一审以原告撤诉结案的案件数，含被告改变行政行为后原告撤诉（行政诉讼法第六十二条）。",
               queryset=lambda scope: concluded(scope).withdrawn())
register_rate("litigation.loss_rate", label="败诉率", numerator="litigation.lost", denominator="litigation.concluded",
              module="litigation", definition="败诉 ÷ 一审审结 × 100%，保留一位小数。")
def answered(scope):
    return _cases(scope).filter(answered_on__gte=scope.start, answered_on__lte=scope.end)


_count("litigation.answered", label="提交答辩", module="litigation", columns=CASE_COLUMNS,
               definition="期内向法院提交答辩状和证据的案件数，以提交日期计。", queryset=answered)
_count("litigation.answered_on_time", label="按期答辩", module="litigation", columns=CASE_COLUMNS,
               definition="期内提交答辩且在收到起诉状副本之日起十五日内（行政诉讼法第六十七条）提交的案件数。",
               queryset=lambda scope: answered(scope).filter(answered_on__lte=F("answer_due")))
register_rate("litigation.answer_timely_rate", label="按期答辩率", numerator="litigation.answered_on_time",
              denominator="litigation.answered", module="litigation",
              definition="按期答辩 ÷ 提交答辩 × 100%，保留一位小数。")
_count("litigation.hearings", label="开庭次数", unit="次", module="litigation", columns=HEARING_COLUMNS,
               definition="期内开庭审理的庭次（一审、二审），以开庭日期计。", queryset=hearings)
_count("litigation.head_appearances", label="负责人出庭次数", unit="次", module="litigation",
               columns=HEARING_COLUMNS,
               definition="期内开庭庭次中，被诉机关正职或副职负责人出庭应诉的庭次（行政诉讼法第三条第三款）。",
               queryset=lambda scope: hearings(scope).head_appeared())
register_rate("litigation.head_appearance_rate", label="负责人出庭应诉率", numerator="litigation.head_appearances",
              denominator="litigation.hearings", module="litigation",
              definition="正职或副职负责人出庭的庭次 ÷ 开庭庭次 × 100%，保留一位小数。")
_count("litigation.appeals", label="上诉案件", module="litigation", columns=APPEAL_COLUMNS,
               definition="期内提起上诉（进入二审）的案件数，以上诉日期计。",
               queryset=lambda scope: Appeal.objects.in_subtree(scope.organisation)
               .filter(filed_on__gte=scope.start, filed_on__lte=scope.end).select_related("case__organisation"))
_count("litigation.judicial_suggestions", label="收到司法建议书", unit="份", module="litigation",
               columns=SUGGESTION_COLUMNS, definition="期内收到的人民法院司法建议书份数。",
               queryset=lambda scope: JudicialSuggestion.objects.in_subtree(scope.organisation)
               .filter(received_on__gte=scope.start, received_on__lte=scope.end).select_related("case__organisation"))

ALL_KEYS = ["litigation.first_instance", "litigation.concluded", "litigation.won", "litigation.lost",
            "litigation.withdrawn", "litigation.loss_rate", "litigation.answered", "litigation.answered_on_time",
            "litigation.answer_timely_rate", "litigation.hearings", "litigation.head_appearances",
            "litigation.head_appearance_rate", "litigation.appeals", "litigation.judicial_suggestions"]


def _rate(n: int, d: int) -> Decimal:
    return (Decimal(n) * 100 / Decimal(d)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if d else Decimal(0)


def litigation_figures(scope: Scope) -> dict[str, int | Decimal]:
    """Every figure of ALL_KEYS in four aggregate queries, once per scope within an `evaluation()`.

    Same conditions as the drill-down querysets, one conditional count per figure; tests hold the two equal.
    """
    return shared("litigation", scope, lambda: _figures(scope))


def _figures(scope: Scope) -> dict[str, int | Decimal]:
    in_year = Q(received_on__gte=scope.start, received_on__lte=scope.end)
    done = Q(concluded_on__gte=scope.start, concluded_on__lte=scope.end)
    answered_q = Q(answered_on__gte=scope.start, answered_on__lte=scope.end)

    def kept(name, build):
        return scope_aggregate(name, scope, build)

    c = kept("litigation.cases", lambda: (
        LitigationCase.objects.in_subtree(scope.organisation).filter(in_year | done | answered_q), {
            "answered": Count("pk", filter=answered_q),
            "answered_on_time": Count("pk", filter=answered_q & Q(answered_on__lte=F("answer_due"))),
            "first_instance": Count("pk", filter=in_year), "concluded": Count("pk", filter=done),
            "won": Count("pk", filter=done & Q(outcome__in=WON_OUTCOMES)),
            "lost": Count("pk", filter=done & Q(outcome__in=LOST_OUTCOMES)),
            "withdrawn": Count("pk", filter=done & Q(outcome__in=WITHDRAWN_OUTCOMES))}))
    h = kept("litigation.hearings", lambda: (
        Hearing.objects.in_subtree(scope.organisation).held_between(scope.start, scope.end),
        {"hearings": Count("pk"), "heads": Count("pk", filter=Q(appearance__in=HEAD_APPEARANCES))}))
    appeals = kept("litigation.appeals", lambda: (Appeal.objects.in_subtree(scope.organisation).filter(
        filed_on__gte=scope.start, filed_on__lte=scope.end), {"n": Count("pk")}))["n"]
    suggestions = kept("litigation.suggestions", lambda: (JudicialSuggestion.objects.in_subtree(
        scope.organisation).filter(received_on__gte=scope.start, received_on__lte=scope.end), {"n": Count("pk")}))["n"]
    return {
        "litigation.first_instance": c["first_instance"], "litigation.concluded": c["concluded"],
        "litigation.won": c["won"], "litigation.lost": c["lost"], "litigation.withdrawn": c["withdrawn"],
        "litigation.loss_rate": _rate(c["lost"], c["concluded"]),
        "litigation.answered": c["answered"], "litigation.answered_on_time": c["answered_on_time"],
        "litigation.answer_timely_rate": _rate(c["answered_on_time"], c["answered"]),
        "litigation.hearings": h["hearings"], "litigation.head_appearances": h["heads"],
        "litigation.head_appearance_rate": _rate(h["heads"], h["hearings"]),
        "litigation.appeals": appeals, "litigation.judicial_suggestions": suggestions,
    }
