"""The 行政复议 figures (DOMAIN.md catalogue: reconsideration.*).

All case counts of one scope come from one aggregate query with conditional counts (`figures`), shared through
`metrics.registry.shared`: within one `evaluation()` (a page, a report, a command) a dashboard or the annual report
asking for 18 figures runs one query, not 18. Each figure's drill-down is the queryset with the same condition.
"""

from __future__ import annotations

from django.db.models import Count, Q

from fazhi.metrics.registry import Scope, register_part, register_rate, scope_aggregate
from fazhi.reconsideration.choices import CORRECTION_OUTCOMES, CaseStatus, LetterKind, Outcome
from fazhi.reconsideration.models import Case, Letter

CASE_COLUMNS = [("number", "收案编号"), ("applicant_names", "申请人"), ("respondent__name", "被申请人"),
                ("get_act_kind_display", "行政行为类别"), ("received_on", "收到申请"), ("accepted_on", "受理"),
                ("get_procedure_display", "程序"), ("get_status_display", "状态"), ("get_outcome_display", "审结方式"),
                ("closed_on", "审结日期")]
LETTER_COLUMNS = [("get_kind_display", "类型"), ("recipient__name", "送达机关"), ("subject", "事由"),
                  ("issued_on", "制发日期"), ("replied_on", "反馈日期"), ("case__number", "案件")]


def _in(field: str, scope: Scope) -> Q:
    return Q(**{f"{field}__gte": scope.start, f"{field}__lte": scope.end})


def _concluded(scope: Scope) -> Q:
    return Q(status=CaseStatus.CONCLUDED) & _in("closed_on", scope)


# Figure name → (condition over a scope, label, definition). The outcomes from 维持 to 终止 partition 审结; 驳回 is the
# sum of 驳回复议请求 (art. 69, a decision on the merits) and 驳回申请 (art. 33, the application fails art. 30), which
# are also counted apart.
CASE_FIGURES = {
    "received": (lambda s: _in("received_on", s), "收到行政复议申请",
                 "期间内收到的行政复议申请件数（按收到申请日期）。"),
    "accepted": (lambda s: _in("accepted_on", s), "受理",
                 "期间内决定受理或视为受理（第三十条第三款，按审查期限届满之日）的件数。"),
    "rejected": (lambda s: Q(status=CaseStatus.REJECTED) & _in("rejected_on", s), "不予受理",
                 "期间内决定不予受理的件数（第三十条第二款）。"),
    "concluded": (_concluded, "审结",
                  "期间内审结的件数，含以前年度结转的案件，不论审结方式（决定、调解、终止、驳回申请）。"),
    "corrected": (lambda s: _concluded(s) & Q(outcome__in=CORRECTION_OUTCOMES), "直接纠错",
                  "期间内审结、决定撤销、变更、确认违法、责令履行或确认无效的件数（直接纠错率的分子）。"),
    "upheld": (lambda s: _concluded(s) & Q(outcome=Outcome.UPHELD), "维持", "期间内审结、决定维持的件数（第六十八条）。"),
    "dismissed": (lambda s: _concluded(s) & Q(outcome__in=[Outcome.DISMISSED, Outcome.APPLICATION_DISMISSED]), "驳回",
                  "期间内审结、决定驳回复议请求（第六十九条）或驳回申请（第三十三条）的件数。"),
    "dismissed_request": (lambda s: _concluded(s) & Q(outcome=Outcome.DISMISSED), "驳回复议请求",
                          "期间内审结、决定驳回申请人的行政复议请求的件数（第六十九条：受理后发现被申请人没有相应法定职责"
                          "或者在受理前已经履行法定职责）。"),
    "dismissed_application": (lambda s: _concluded(s) & Q(outcome=Outcome.APPLICATION_DISMISSED), "驳回申请",
                              "期间内受理后发现不符合受理条件、决定驳回行政复议申请的件数（第三十三条）。"),
    "revoked": (lambda s: _concluded(s) & Q(outcome=Outcome.REVOKED), "撤销",
                "期间内审结、决定撤销或部分撤销的件数（第六十四条、第七十条）。"),
    "altered": (lambda s: _concluded(s) & Q(outcome=Outcome.ALTERED), "变更", "期间内审结、决定变更的件数（第六十三条）。"),
    "confirmed_illegal": (lambda s: _concluded(s) & Q(outcome=Outcome.CONFIRMED_ILLEGAL), "确认违法",
                          "期间内审结、确认违法的件数（第六十五条）。"),
    "ordered_to_perform": (lambda s: _concluded(s) & Q(outcome=Outcome.ORDERED_TO_PERFORM), "责令履行",
                           "期间内审结、责令履行法定职责的件数（第六十六条）。"),
    "confirmed_void": (lambda s: _concluded(s) & Q(outcome=Outcome.CONFIRMED_VOID), "确认无效",
                       "期间内审结、确认无效的件数（第六十七条）。"),
    "agreement_remedy": (lambda s: _concluded(s) & Q(outcome=Outcome.AGREEMENT_REMEDY), "责令承担行政协议责任",
                         "期间内审结、责令被申请人承担行政协议责任的件数（第七十一条）。"),
    "mediated": (lambda s: _concluded(s) & Q(outcome=Outcome.MEDIATED), "调解",
                 "期间内以行政复议调解书结案的件数（第七十三条）。"),
    "settled": (lambda s: _concluded(s) & Q(outcome=Outcome.SETTLED), "和解",
                "期间内当事人和解、申请人撤回后终止的件数（第七十四条）。"),
    "terminated": (lambda s: _concluded(s) & Q(outcome=Outcome.TERMINATED), "终止",
                   "期间内因和解以外的事由终止行政复议的件数（第四十一条）。"),
    "pending": (lambda s: Q(accepted_on__lte=s.end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=s.end)), "未审结",
                "期末已受理、尚未审结的件数（含中止）。"),
}
LETTER_FIGURES = {
    "opinion_letters": (LetterKind.OPINION, "行政复议意见书", "期间内制发的行政复议意见书份数（第七十六条）。"),
    "suggestion_letters": (LetterKind.SUGGESTION, "行政复议建议书",
                           "期间内制发的行政复议建议书份数（行政复议法实施条例第五十七条第二款）。"),
}


def _relevant(scope: Scope):
    """Cases that can count in any figure of the scope: received by its end and not finished before its start."""
    return Case.objects.in_subtree(scope.organisation).filter(
        Q(received_on__lte=scope.end),
        Q(closed_on__isnull=True) | Q(closed_on__gte=scope.start),
        Q(rejected_on__isnull=True) | Q(rejected_on__gte=scope.start),
    )


def figures(scope: Scope) -> dict[str, int]:
    """Every case figure of the scope, from one aggregate query."""
    return scope_aggregate("reconsideration.cases", scope, lambda: (
        _relevant(scope), {name: Count("pk", filter=cond(scope)) for name, (cond, _, _) in CASE_FIGURES.items()}))


def letter_figures(scope: Scope) -> dict[str, int]:
    return scope_aggregate("reconsideration.letters", scope, lambda: (
        Letter.objects.in_subtree(scope.organisation).filter(_in("issued_on", scope)),
        {name: Count("pk", filter=Q(kind=kind)) for name, (kind, _, _) in LETTER_FIGURES.items()}))


def case_rows(name: str):
    cond = CASE_FIGURES[name][0]

    def rows(scope: Scope):
        return (Case.objects.in_subtree(scope.organisation).filter(cond(scope))
                .select_related("respondent", "organisation").prefetch_related("parties")
                .order_by("received_on", "pk"))

    return rows


def letter_rows(name: str):
    kind = LETTER_FIGURES[name][0]

    def rows(scope: Scope):
        return (Letter.objects.in_subtree(scope.organisation).filter(_in("issued_on", scope), kind=kind)
                .select_related("recipient", "case").order_by("issued_on", "pk"))

    return rows


def _register_case_figure(name: str):
    _, label, definition = CASE_FIGURES[name]

    register_part(f"reconsideration.{name}", figures=figures, part=name, label=label, unit="件",
                  definition=definition, rows=case_rows(name), columns=CASE_COLUMNS, module="reconsideration")


def _register_letter_figure(name: str):
    _, label, definition = LETTER_FIGURES[name]

    register_part(f"reconsideration.{name}", figures=letter_figures, part=name, label=label, unit="份",
                  definition=definition, rows=letter_rows(name), columns=LETTER_COLUMNS, module="reconsideration")


for _name in CASE_FIGURES:
    _register_case_figure(_name)
for _name in LETTER_FIGURES:
    _register_letter_figure(_name)

register_rate("reconsideration.correction_rate", label="直接纠错率",
              numerator=[f"reconsideration.{o.value}" for o in CORRECTION_OUTCOMES],
              denominator="reconsideration.concluded", module="reconsideration",
              definition="（撤销＋变更＋确认违法＋责令履行＋确认无效）÷ 审结 × 100%，保留一位小数。")
