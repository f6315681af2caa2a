"""Figures of the registers: enforcement subjects in force, officers holding a valid certificate, the certified rate
among officers on duty, certificates expiring in the three months after the period, and the share of officers on duty
who met the year's training hours. Counted at the period's end, for an organisation and everything below it."""

from __future__ import annotations

from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual

from fazhi.metrics.registry import Scope, percent, register, register_count, register_rate, scope_aggregate
from fazhi.officers.models import (
    DEFAULT_HOURS,
    Certificate,
    EnforcementSubject,
    Officer,
    TrainingRecord,
    TrainingRequirement,
)
from fazhi.rules.engine import add_months

OFFICER_COLUMNS = [("organisation__name", "所在单位"), ("name", "姓名"), ("position", "职务"), ("areas", "执法领域")]
CERT_COLUMNS = [("officer__organisation__name", "所在单位"), ("officer__name", "姓名"), ("number", "证件编号"),
                ("get_kind_display", "证件类别"), ("issued_on", "发证日期"), ("expires_on", "有效期至")]


def on_duty(scope: Scope):
    end = scope.end
    return Officer.objects.in_subtree(scope.organisation).filter(
        Q(joined_on__isnull=True) | Q(joined_on__lte=end), Q(left_on__isnull=True) | Q(left_on__gt=end)) \
        .select_related("organisation")


def _holds_valid_certificate(scope: Scope) -> Exists:
    # EXISTS per officer, not `id IN (every valid certificate)`: a department's few officers are probed through the
    # certificate's officer index instead of hashing the province's 200,000 certificates (#16).
    return Exists(Certificate.objects.valid_on(scope.end).filter(officer=OuterRef("pk")))


def certified(scope: Scope):
    return on_duty(scope).filter(_holds_valid_certificate(scope))


def _years(scope: Scope) -> int:
    return max(1, round((scope.end - scope.start).days / 365.25))


def _need_in_sql(scope: Scope):
    """The training hours an officer must reach in the period, as part of the statement: the yearly requirement of
    the deepest government on the organisation's path, else the default (the rule of `required_hours`), times the
    period's years; the figures and their drill-down cost no query of their own for it."""
    codes = [c for c in scope.organisation.path.strip("/").split("/") if c]
    rule = TrainingRequirement.objects.filter(organisation__code__in=codes).order_by("-organisation__depth")
    return Coalesce(Subquery(rule.values("hours")[:1]), Value(DEFAULT_HOURS), output_field=DecimalField()) \
        * Value(_years(scope))


def _period_hours(scope: Scope) -> Subquery:
    return Subquery(TrainingRecord.objects.filter(officer=OuterRef("pk"), on__gte=scope.start, on__lte=scope.end)
                    .order_by().values("officer").annotate(total=Sum("hours")).values("total"),
                    output_field=DecimalField())


def _duty_counts(scope: Scope) -> dict:
    """Officers on duty, those of them certified and those who met the training hours, in one query: its statement
    kept per subtree and dates (`registry.scope_aggregate`; the organisation's path, in the key, decides whose
    training rule applies, and the rule's hours are read by the statement)."""
    return scope_aggregate("officers.duty", scope, lambda: (on_duty(scope).order_by(), {
        "on_duty": Count("pk"), "certified": Count("pk", filter=_holds_valid_certificate(scope)),
        "compliant": Count("pk", filter=GreaterThanOrEqual(_period_hours(scope), _need_in_sql(scope)))}))


def subjects(scope: Scope):
    return EnforcementSubject.objects.in_subtree(scope.organisation).active_on(scope.end).select_related(
        "organisation", "entrusted_by")


def expiring(scope: Scope):
    return Certificate.objects.in_subtree(scope.organisation).valid_on(scope.end).filter(
        expires_on__lte=add_months(scope.end, 3)).select_related("officer__organisation")


register_count("enforcement.subjects", label="行政执法主体", unit="个", module="enforcement", queryset=subjects,
               columns=[("organisation__name", "执法主体"), ("get_kind_display", "主体类别"),
                        ("entrusted_by__name", "委托机关"), ("valid_from", "起始日期"), ("valid_to", "终止日期")],
               definition="期末有效的行政执法主体数：法定行政机关、法律法规授权的组织和委托期限内的受委托组织（含下级机构）。",
               kept=True)
register("enforcement.officers", label="行政执法人员", unit="人", module="enforcement", rows=certified,
         columns=OFFICER_COLUMNS,
         definition="期末在岗且持有效行政执法证件的人员数（证件未暂扣、未注销、未过期），含下级机构。")(
    lambda scope: _duty_counts(scope)["certified"])
register("enforcement.officers_on_duty", label="在岗执法人员", unit="人", module="enforcement", rows=on_duty,
         columns=OFFICER_COLUMNS, definition="期末在岗（已登记、未离岗）的行政执法人员数，含下级机构。")(
    lambda scope: _duty_counts(scope)["on_duty"])
register_rate("enforcement.certified_rate", label="执法人员持证率", numerator="enforcement.officers",
              denominator="enforcement.officers_on_duty", module="enforcement",
              definition="期末持有效执法证件的在岗执法人员数 ÷ 期末在岗执法人员数 × 100%。")
register_count("enforcement.certificates_expiring", label="三个月内到期的执法证", unit="张", module="enforcement",
               queryset=expiring, columns=CERT_COLUMNS, kept=True,
               definition="期末有效、有效期在期末之后三个月内届满的行政执法证件数，含下级机构（提醒及时换证）。")


def compliant(scope: Scope):
    """Officers on duty whose training hours within the period reach the requirement (one SQL query: the hours are a
    correlated sum, so a province's 200,000 officers never come into Python)."""
    return on_duty(scope).annotate(period_hours=_period_hours(scope)).filter(period_hours__gte=_need_in_sql(scope))


@register("training.officer_hours_compliance", label="执法人员培训学时达标率", unit="%", decimals=1, module="training",
          rows=compliant, columns=OFFICER_COLUMNS,
          definition="期间内培训学时达到本地区要求（未设置时每年40学时，按期间年数计）的期末在岗执法人员数 ÷ "
                     "期末在岗执法人员数 × 100%。")
def hours_compliance(scope: Scope):
    counts = _duty_counts(scope)
    return percent(counts["compliant"], counts["on_duty"])
