"""Pages of 行政复议: the case list and board, intake, the case with its procedural steps, documents, letters,
statistics and the Excel import. Every change goes through fazhi.reconsideration.actions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from urllib.parse import quote

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import CharField, F, OuterRef, Prefetch, Subquery
from django.db.models.functions import Cast
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import clock
from fazhi.core.choices import AuditAction
from fazhi.core.import_views import ExcelImportView
from fazhi.core.listing import Filter, ScopedListView
from fazhi.core.models import AuditEvent
from fazhi.core.permissions import ActionError
from fazhi.core.views import home_organisation
from fazhi.core.workflow import run_step
from fazhi.metrics import stored
from fazhi.metrics.registry import Scope, breakdown_by_field, breakdown_by_month, get, shown
from fazhi.metrics.web import scope_choices, scope_from_request
from fazhi.reconsideration import actions, documents, forms, importers
from fazhi.reconsideration.choices import (
    ActKind,
    CaseStatus,
    DocumentKind,
    LetterKind,
    Outcome,
    Procedure,
)
from fazhi.reconsideration.documents import paragraphs
from fazhi.reconsideration.models import (
    PUBLIC_DOCUMENT_KINDS,
    Case,
    CaseDocument,
    IncidentalReview,
    Letter,
    Party,
    Suspension,
)
from fazhi.reconsideration.permissions import HANDLER_ROLES, may_handle
from fazhi.reconsideration.portal_views import public_text
from fazhi.reconsideration.workflow import CASE, DOCUMENT, REVIEW, placeholders
from fazhi.rules.deadlines import deadlines_for
from fazhi.rules.models import Deadline

DRAFTABLE = [DocumentKind.SUPPLEMENT_NOTICE, DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.REJECTION_DECISION,
             DocumentKind.ANSWER_NOTICE, DocumentKind.EXTENSION_NOTICE, DocumentKind.SUSPENSION_NOTICE,
             DocumentKind.RESUMPTION_NOTICE, DocumentKind.DECISION, DocumentKind.MEDIATION, DocumentKind.TERMINATION]


def _cases(user):
    return Case.objects.visible_to(user).select_related("organisation", "respondent")


def _years():
    this = clock.today().year
    return [(str(y), f"{y}年") for y in range(this, this - 6, -1)]


class CaseList(ScopedListView):
    title = "行政复议案件"
    columns = [("number", "收案编号"), ("applicant_names", "申请人"), ("respondent__name", "被申请人"),
               ("get_act_kind_display", "行政行为类别"), ("received_on", "收到申请"), ("get_status_display", "状态"),
               ("get_procedure_display", "程序"), ("get_outcome_display", "审结方式"), ("closed_on", "审结日期")]
    search_fields = ["number", "act_description", "parties__name", "respondent__name"]
    create_url_name = "reconsideration:case_create"
    create_label = "登记申请"
    import_url_name = "reconsideration:case_import"

    def get_filters(self):
        return [Filter("status", "状态", "status", list(CaseStatus.choices)),
                Filter("procedure", "程序", "procedure", list(Procedure.choices)),
                Filter("outcome", "审结方式", "outcome", list(Outcome.choices)),
                Filter("act_kind", "行为类别", "act_kind", list(ActKind.choices)),
                Filter("year", "年度", "year", _years())]

    @property
    def extra_actions(self):
        return [(reverse("reconsideration:board"), "期限看板"), (reverse("reconsideration:stats"), "统计"),
                (reverse("reconsideration:letter_list"), "意见书与建议书")]

    def may_create(self) -> bool:
        """Applications are registered by 复议 staff only: a department's legal officer is not offered the button."""
        user = self.request.user
        return user.is_superuser or user.memberships.filter(role__in=HANDLER_ROLES).exists()

    def base_queryset(self):
        return Case.objects.select_related("respondent", "organisation").prefetch_related("parties")



BOARD_PAGE = 50


def board(request):
    """Open cases with their open deadlines, the nearest first (cases without one last), fifty a page. The order is
    kept like a count (metrics.stored): the scoped open cases' keys ordered by each one's earliest open deadline,
    computed once per change of the cases or deadlines (a province's 7,247 open cases: 47 ms) and read from the store
    otherwise. Then the page's cases, parties, open 中止 and deadlines: a fixed number of queries whatever the number
    of cases."""
    today = clock.today()
    kind = ContentType.objects.get_for_model(Case)
    open_deadlines = Deadline.objects.filter(content_type=kind, status="open")
    cases = _cases(request.user).open()
    earliest = open_deadlines.filter(object_id=Cast(OuterRef("pk"), CharField())).order_by("due").values("due")[:1]
    ordered = cases.annotate(nearest=Subquery(earliest)).order_by(F("nearest").asc(nulls_last=True), "id")
    page = Paginator([pk for pk, in stored.values_list(ordered, "pk")], BOARD_PAGE).get_page(request.GET.get("page"))
    # The columns the rows show, no more: a case's texts, the parties' contacts and a deadline's explanation are
    # long, and 50 rows of them made a third of the page's time.
    found = {c.pk: c for c in cases.filter(pk__in=page.object_list).select_related(None).select_related("respondent")
             .only("number", "status", "respondent__name").prefetch_related(
                 Prefetch("parties", Party.objects.only("case_id", "role", "name")),
                 Prefetch("suspensions", Suspension.objects.filter(end__isnull=True), to_attr="open_suspensions"))}
    page.object_list = [found[k] for k in page.object_list if k in found]
    by_case = defaultdict(list)
    for d in open_deadlines.filter(object_id__in=[str(c.pk) for c in page.object_list]).order_by("due", "id").only(
            "object_id", "label", "due", "status", "paused", "provisional"):
        d.badge_status, d.badge_label = d.display_status(today), d.get_display_status_label(today)
        by_case[d.object_id].append(d)
    rows = [{"case": case, "deadlines": by_case[str(case.pk)],
             "nearest": by_case[str(case.pk)][0].due if by_case[str(case.pk)] else None,
             "terminable": any(s.termination_ripe(today) for s in case.open_suspensions[:1])}
            for case in page.object_list]
    return render(request, "reconsideration/board.html", {"title": "行政复议期限看板", "rows": rows, "today": today,
                                                          "page": page})


@require_http_methods(["GET", "POST"])
def case_create(request):
    form = forms.IntakeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = actions.register_application(
                actor=request.user, organisation=d["organisation"], respondent=d["respondent"],
                parties=form.parties(), act_kind=d["act_kind"], act_description=d["act_description"],
                act_document_number=d["act_document_number"], act_date=d["act_date"], known_on=d["known_on"],
                act_on_the_spot=d["act_on_the_spot"], act_is_warning=d["act_is_warning"], amount=d["amount"],
                parties_consent_simplified=d["parties_consent_simplified"], received_on=d["received_on"],
                channel=d["channel"], request=d["request"], facts=d["facts"], handler=request.user,
                withdrawal_involuntary=d["withdrawal_involuntary"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"已登记行政复议申请 {case.number}。")
            if case.late_warning:
                messages.warning(request, case.late_warning)
            return redirect(case)
    return render(request, "core/form.html", {"form": form, "title": "登记行政复议申请", "submit_label": "登记"})


def case_detail(request, pk):
    case = get_object_or_404(_cases(request.user).prefetch_related("parties"), pk=pk)
    handles = may_handle(request.user, case.organisation)
    # Art. 30(3) takes effect with the daily `fazhi tick`; a page shows what is due without writing it.
    deemed_due = (case.status == CaseStatus.RECEIVED
                  and actions.due_for_deemed_acceptance(clock.today()).filter(pk=case.pk).exists())
    return render(request, "reconsideration/case_detail.html", {
        "case": case, "title": case.number, "steps": CASE.buttons(case, request.user), "handles": handles,
        "deemed_due": deemed_due,
        "supplement_pending_receipt": (case.status == CaseStatus.SUPPLEMENTING and case.received_on >= actions.NEW_LAW
                                       and actions.supplement_reply_due(case) is None),
        "deadlines": deadlines_for(case), "today": clock.today(),
        "documents": CaseDocument.objects.visible_to(request.user).filter(case=case),
        "hearings": case.hearings.all(), "suspensions": case.suspensions.all(),
        "reviews": case.incidental_reviews.all(), "letters": case.letters.select_related("recipient"),
        "draftable": [(k.value, k.label) for k in DRAFTABLE] if handles else [],
        "simplified_grounds": case.simplified_grounds(),
        "history": AuditEvent.objects.for_object(case),
    })


@require_http_methods(["GET", "POST"])
def case_step(request, pk, step):
    case = get_object_or_404(_cases(request.user), pk=pk)
    return run_step(request, CASE, case, step, title=case.number)


@require_POST
def document_create(request, pk):
    case = get_object_or_404(_cases(request.user), pk=pk)
    try:
        doc = actions.draft_document(case, request.POST.get("kind", ""), actor=request.user)
    except ActionError as e:
        messages.error(request, e.message)
        return redirect(case)
    return redirect(doc)


def _document(request, pk) -> CaseDocument:
    return get_object_or_404(CaseDocument.objects.visible_to(request.user).select_related("case", "letter",
                                                                                            "organisation"), pk=pk)


@require_http_methods(["GET", "POST"])
def document_detail(request, pk):
    doc = _document(request, pk)
    editable = not doc.is_issued and may_handle(request.user, doc.organisation)
    form = forms.DocumentForm(request.POST or None, initial={"title": doc.title, "recipients": doc.recipients,
                                                             "body": doc.body})
    if request.method == "POST":
        if not editable:
            raise Http404("文书已签发或您无权修改。")
        if form.is_valid():
            d = form.cleaned_data
            try:
                actions.edit_document(doc, actor=request.user, title=d["title"], body=d["body"],
                                      recipients=d["recipients"])
            except ActionError as e:
                form.add_error(None, e.message)
            else:
                messages.success(request, "文书已保存。")
                return redirect(doc)
    parent = doc.case or doc.letter
    history = AuditEvent.objects.for_object(doc)
    handler = may_handle(request.user, doc.organisation)
    if not handler:
        # A party sees the issued text, not the wording of earlier drafts recorded by each edit.
        history = history.exclude(action=AuditAction.UPDATE)
    issue_refusal = DOCUMENT.refusal(doc, "issue", request.user) if editable else None
    public_preview = None
    if handler and doc.is_issued and doc.kind in PUBLIC_DOCUMENT_KINDS and doc.case_id:
        public_preview = paragraphs(public_text(doc))
    return render(request, "reconsideration/document_detail.html", {
        "doc": doc, "form": form, "editable": editable, "parent": parent, "title": doc.title,
        "paragraphs": documents.paragraphs(doc.body), "history": history, "today": clock.today(),
        "steps": DOCUMENT.buttons(doc, request.user), "issue_refusal": issue_refusal,
        "services": doc.services.all(), "public_preview": public_preview,
        "placeholders": placeholders(doc) if not doc.is_issued else [],
    })


@require_http_methods(["GET", "POST"])
def document_step(request, pk, step):
    doc = _document(request, pk)
    kwargs = {"document": doc} if step == "receipt" else None
    return run_step(request, DOCUMENT, doc, step, title=doc.title, form_kwargs=kwargs)


@require_POST
def document_issue(request, pk):
    """The quick 签发 button on the document page (the same action as the `issue` step)."""
    doc = _document(request, pk)
    try:
        on = dt.date.fromisoformat(request.POST.get("on") or clock.today().isoformat())
        actions.issue_document(doc, actor=request.user, on=on)
    except ValueError:
        messages.error(request, "签发日期格式有误。")
    except ActionError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "文书已签发。")
    return redirect(doc)


def document_download(request, pk):
    doc = _document(request, pk)
    resp = HttpResponse(documents.to_docx(doc),
                        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    name = f"{doc.title}{('-' + doc.number) if doc.number else '（草稿）'}.docx"
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return resp


# --- letters and incidental reviews ---


class LetterList(ScopedListView):
    title = "行政复议意见书与建议书"
    columns = [("get_kind_display", "类型"), ("recipient__name", "送达机关"), ("subject", "事由"),
               ("issued_on", "制发日期"), ("replied_on", "反馈日期"), ("case__number", "案件")]
    search_fields = ["subject", "recipient__name"]
    filters = [Filter("kind", "类型", "kind", list(LetterKind.choices))]
    create_url_name = "reconsideration:letter_create"
    create_label = "制发意见书或建议书"

    def base_queryset(self):
        return Letter.objects.select_related("recipient", "case")


@require_http_methods(["GET", "POST"])
def letter_create(request):
    case = None
    if request.GET.get("case"):
        if not request.GET["case"].isdigit():
            raise Http404("案件不存在。")
        case = get_object_or_404(_cases(request.user), pk=int(request.GET["case"]))
    form = forms.LetterForm(request.POST or None, user=request.user,
                            initial={"recipient": case.respondent_id if case else None})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        organisation = case.organisation if case else home_organisation(request.user)
        try:
            letter = actions.issue_letter(actor=request.user, organisation=organisation, kind=d["kind"],
                                          recipient=d["recipient"], issued_on=d["issued_on"], subject=d["subject"],
                                          content=d["content"], case=case)
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"已制发{letter.get_kind_display()}。")
            return redirect(letter)
    return render(request, "core/form.html", {"form": form, "title": "制发行政复议意见书或建议书"})


def letter_detail(request, pk):
    letter = get_object_or_404(Letter.objects.visible_to(request.user).select_related("recipient", "case",
                                                                                       "organisation"), pk=pk)
    return render(request, "reconsideration/letter_detail.html", {
        "letter": letter, "title": str(letter), "deadlines": deadlines_for(letter), "today": clock.today(),
        "documents": CaseDocument.objects.visible_to(request.user).filter(letter=letter),
        "history": AuditEvent.objects.for_object(letter),
    })


@require_http_methods(["GET", "POST"])
def letter_reply(request, pk):
    letter = get_object_or_404(Letter.objects.visible_to(request.user), pk=pk)
    form = forms.LetterReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_letter_reply(letter, actor=request.user, on=form.cleaned_data["on"],
                                        reply=form.cleaned_data["reply"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "已登记整改反馈。")
            return redirect(letter)
    return render(request, "core/form.html", {"form": form, "title": f"登记整改反馈：{letter.subject}"})


def _reviews(user):
    return IncidentalReview.objects.visible_to(user).select_related("case__organisation")


def review_detail(request, pk):
    review = get_object_or_404(_reviews(request.user), pk=pk)
    return render(request, "reconsideration/review_detail.html", {
        "review": review, "case": review.case, "title": str(review),
        "handles": may_handle(request.user, review.case.organisation),
        "steps": REVIEW.buttons(review, request.user),
        "deadlines": deadlines_for(review), "today": clock.today(),
        "history": AuditEvent.objects.for_object(review),
    })


@require_http_methods(["GET", "POST"])
def review_step(request, pk, step):
    review = get_object_or_404(_reviews(request.user), pk=pk)
    return run_step(request, REVIEW, review, step, title=f"《{review.document_title}》",
                    form_kwargs={"competent": review.competent} if step == "decide" else None)


# --- statistics ---


STAT_KEYS = ["received", "accepted", "rejected", "concluded", "upheld", "dismissed", "dismissed_request",
             "dismissed_application", "revoked", "altered",
             "confirmed_illegal", "ordered_to_perform", "confirmed_void", "mediated", "settled", "terminated",
             "pending", "correction_rate", "opinion_letters", "suggestion_letters"]
OUTCOME_KEYS = ["upheld", "dismissed", "revoked", "altered", "confirmed_illegal", "ordered_to_perform",
                "confirmed_void", "agreement_remedy", "mediated", "settled", "terminated"]


def stats(request):
    """Figures and charts, every one read from the metric registry (totals, by month, by kind, by respondent)."""
    scope = scope_from_request(request)
    figures = [{"metric": get(f"reconsideration.{k}"), "value": shown(get(f"reconsideration.{k}"), scope)}
               for k in STAT_KEYS]
    by_month = dict(breakdown_by_month("reconsideration.received", scope))
    by_kind = breakdown_by_field("reconsideration.received", scope, "act_kind", dict(ActKind.choices))
    by_respondent = breakdown_by_field("reconsideration.received", scope, "respondent__name", limit=15)
    outcome_values = [(get(f"reconsideration.{k}").label, get(f"reconsideration.{k}").value(scope))
                      for k in OUTCOME_KEYS]
    # A year without case records (before the platform went live) takes the rate saved from that year's report.
    from fazhi.metrics.history import REPORT, year_value

    rates = []
    for y in range(scope.year - 4, scope.year + 1):
        value, source = year_value(get("reconsideration.correction_rate"), Scope.for_year(scope.organisation, y))
        rates.append((str(y), float(value), source == REPORT))
    charts = {
        "months": [f"{m}月" for m in range(1, 13)], "by_month": [by_month.get(m, 0) for m in range(1, 13)],
        "outcomes": [{"name": n, "value": v} for n, v in outcome_values if v],
        "kinds": [k for k, _ in by_kind], "kind_values": [n for _, n in by_kind],
        "respondents": [r for r, _ in by_respondent], "respondent_values": [n for _, n in by_respondent],
        "rate_years": [y for y, _, _ in rates], "rates": [r for _, r, _ in rates],
        "rate_from_report": [from_report for _, _, from_report in rates],
    }
    return render(request, "reconsideration/stats.html", {
        "title": "行政复议统计", "scope": scope, "figures": figures, "charts": charts,
        "rate_report_years": [y for y, _, from_report in rates if from_report],
        "orgs": scope_choices(request.user, scope.organisation).exclude(kind="unit"),
        "years": range(clock.today().year, clock.today().year - 6, -1),
    })


# --- import ---


class CaseImport(ExcelImportView):
    title = "导入历史行政复议案件"
    template_filename = "行政复议案件导入模板.xlsx"
    success_url_name = "reconsideration:case_list"
    success_message = "已导入 {n} 件行政复议案件。"

    def template_bytes(self):
        return importers.template_bytes()

    def run_import(self, fileobj, cleaned_data, *, actor, dry_run):
        return importers.import_cases(fileobj, actor=actor, dry_run=dry_run)

