"""规范性文件 figures (口径), for an organisation and everything below it (by the maker).

- issued: documents published in the period (by publication date), whether drafted here or registered later.
- filed / filed_on_time: of those, filed (by now) / filed no later than the filing due date of the rule in force.
- reviewed / reviewed_on_time: legality reviews concluded in the period (by review date) / within 15 working days.
- corrected_on_review: filing reviews concluded in the period with 建议修改 or 纠正.
- in_force: documents in force on the period's last day.
- abolished: documents abolished by an explicit decision (明令废止) in the period.
- cleanup.*: documents of clean-up campaigns concluded (published) in the period, by outcome.

The document figures of a scope come from one aggregate of conditional counts over the subtree's documents, the
clean-up figures from one over its campaigns' entries (`registry.scope_aggregate`: within an evaluation each runs
once per scope, and computed again it builds no query). Each figure's drill-down is the rows
with the same condition."""

from __future__ import annotations

from django.db.models import Count, F, Q

from fazhi.core.scoping import subtree_q
from fazhi.metrics.registry import Scope, register_part, register_rate, scope_aggregate
from fazhi.normdocs.choices import CORRECTIVE, EndKind, Outcome
from fazhi.normdocs.models import Document, Entry, in_force_q

COLUMNS = [("number", "文号"), ("title", "文件名称"), ("organisation__name", "制定机关"), ("published_on", "公布日期"),
           ("filing_due", "报备期限"), ("filed_on", "报送备案日期")]
REVIEW_COLUMNS = [("title", "文件名称"), ("organisation__name", "制定机关"), ("reviewer__name", "审核机构"),
                  ("review_submitted_on", "送审日期"), ("review_due", "审核期限"), ("reviewed_on", "审核日期"),
                  ("get_review_opinion_display", "审核意见")]
ENTRY_COLUMNS = [("campaign__title", "清理"), ("document__number", "文号"), ("document__title", "文件名称"),
                 ("get_outcome_display", "清理结论"), ("reason", "理由")]


def _in(field: str, scope: Scope) -> Q:
    return Q(**{f"{field}__gte": scope.start, f"{field}__lte": scope.end})


def _issued(scope: Scope) -> Q:
    return _in("published_on", scope)


def _filed(scope: Scope) -> Q:
    return _issued(scope) & Q(filed_on__isnull=False)


def _reviewed(scope: Scope) -> Q:
    return _in("reviewed_on", scope) & Q(review_submitted_on__isnull=False)


# figure → its condition on the scope's documents (a function of the scope's dates only: see `document_figures`)
DOCUMENTS = {
    "normdocs.issued": _issued,
    "normdocs.filed": _filed,
    "normdocs.filed_on_time": lambda s: _filed(s) & (Q(filing_due__isnull=True) | Q(filed_on__lte=F("filing_due"))),
    "normdocs.reviewed": _reviewed,
    "normdocs.reviewed_on_time": lambda s: _reviewed(s) & (Q(review_due__isnull=True)
                                                           | Q(reviewed_on__lte=F("review_due"))),
    "normdocs.corrected_on_review": lambda s: Q(filing_outcome__in=CORRECTIVE) & _in("filing_outcome_on", s),
    "normdocs.in_force": lambda s: in_force_q(s.end),
    "normdocs.abolished": lambda s: Q(end_kind=EndKind.ABOLISHED) & _in("ended_on", s),
}
# figure → its condition on the entries of the campaigns concluded in the period
CLEANUP = {
    "normdocs.cleanup.reviewed": Q(),
    "normdocs.cleanup.kept": Q(outcome=Outcome.KEPT),
    "normdocs.cleanup.revised": Q(outcome=Outcome.REVISED),
    "normdocs.cleanup.abolished": Q(outcome=Outcome.ABOLISHED),
    "normdocs.cleanup.expired": Q(outcome=Outcome.DECLARED_INVALID),
}


def _name(key: str) -> str:
    return key.replace(".", "__")


def document_figures(scope: Scope) -> dict:
    """Every document figure of the scope in one query (its statement kept per subtree and dates)."""
    return scope_aggregate("normdocs.documents", scope, lambda: (
        Document.objects.in_subtree(scope.organisation).order_by(),
        {_name(k): Count("pk", filter=cond(scope)) for k, cond in DOCUMENTS.items()}))


def documents(key: str, *related: str):
    """The drill-down of a document figure: the scope's documents meeting its condition."""

    def rows(scope: Scope):
        return Document.objects.in_subtree(scope.organisation).filter(DOCUMENTS[key](scope)).select_related(
            "organisation", *related)

    return rows


def _document_count(key: str, *, label: str, definition: str, columns, related=()):
    register_part(key, figures=document_figures, part=_name(key), label=label, unit="件", definition=definition,
                  columns=columns, module="normdocs", rows=documents(key, *related))


def cleaned(scope: Scope):
    return Entry.objects.filter(
        subtree_q("campaign__organisation", scope.organisation), campaign__concluded_on__gte=scope.start,
        campaign__concluded_on__lte=scope.end).select_related("campaign", "document")


def cleanup_figures(scope: Scope) -> dict:
    """Every clean-up figure of the scope in one query."""
    return scope_aggregate("normdocs.cleanup", scope, lambda: (
        cleaned(scope).order_by(), {_name(k): Count("pk", filter=q or None) for k, q in CLEANUP.items()}))


def _cleanup_count(key: str, *, label: str, definition: str):
    register_part(key, figures=cleanup_figures, part=_name(key), label=label, unit="件", definition=definition,
                  columns=ENTRY_COLUMNS, module="normdocs", rows=lambda scope: cleaned(scope).filter(CLEANUP[key]))


_document_count("normdocs.issued", label="制发规范性文件", columns=COLUMNS,
                definition="期间内公布的行政规范性文件件数（以公布日期计，含登记的存量文件）。")
_document_count("normdocs.filed", label="报备规范性文件", columns=COLUMNS,
                definition="期间内公布的文件中已报送备案的件数。")
_document_count("normdocs.filed_on_time", label="按时报备规范性文件", columns=COLUMNS,
                definition="期间内公布的文件中，在公布之日起的报备期限内（本地区规则，默认15日）报送备案的件数。")
register_rate("normdocs.filing_rate", label="规范性文件报备率", module="normdocs", numerator="normdocs.filed",
              denominator="normdocs.issued", definition="报备件数 ÷ 制发件数 × 100%。")
register_rate("normdocs.filing_timely_rate", label="规范性文件报备及时率", module="normdocs",
              numerator="normdocs.filed_on_time", denominator="normdocs.issued",
              definition="按时报备件数 ÷ 制发件数 × 100%。")
_document_count("normdocs.reviewed", label="合法性审核规范性文件", columns=REVIEW_COLUMNS, related=("reviewer",),
                definition="期间内出具合法性审核意见的文件件数（以审核日期计，按制定机关归属）。")
_document_count("normdocs.reviewed_on_time", label="按时完成合法性审核", columns=REVIEW_COLUMNS, related=("reviewer",),
                definition="期间内在送审之日起15个工作日内出具审核意见的文件件数。")
register_rate("normdocs.review_on_time_rate", label="合法性审核按时完成率", module="normdocs",
              numerator="normdocs.reviewed_on_time", denominator="normdocs.reviewed",
              definition="按时完成合法性审核件数 ÷ 合法性审核件数 × 100%。")
_document_count("normdocs.corrected_on_review", label="备案审查纠错",
                columns=COLUMNS + [("get_filing_outcome_display", "备案审查结论")],
                definition="期间内备案审查结论为“建议修改”或“纠正”的文件件数（以结论日期计）。")
_document_count("normdocs.in_force", label="现行有效规范性文件", columns=COLUMNS + [("valid_until", "有效期至")],
                definition="期末（期间最后一日）现行有效的规范性文件件数：已公布、已施行、未废止或宣布失效、未超过有效期。")
_document_count("normdocs.abolished", label="明令废止规范性文件", columns=COLUMNS + [("ended_on", "废止日期")],
                definition="期间内以废止决定明令废止的文件件数（以废止日期计）；清理结论为“应予废止”但尚未作出废止决定的"
                           "不计（见 normdocs.cleanup.abolished）。")
_cleanup_count("normdocs.cleanup.reviewed", label="清理规范性文件",
               definition="期间内完成并公布的清理中清理的文件件数（以清理结果公布日期计）。")
_cleanup_count("normdocs.cleanup.kept", label="清理后继续有效", definition="期间内公布的清理结果中继续有效的件数。")
_cleanup_count("normdocs.cleanup.revised", label="清理后修改", definition="期间内公布的清理结果中决定修改的件数。")
_cleanup_count("normdocs.cleanup.abolished", label="清理后废止", definition="期间内公布的清理结果中决定废止的件数。")
_cleanup_count("normdocs.cleanup.expired", label="清理后宣布失效", definition="期间内公布的清理结果中宣布失效的件数。")
