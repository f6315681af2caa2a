"""Public pages: 行政复议决定书 (and 调解书, 终止决定书) that a reviewer published under art. 79 after service — in full
with personal data removed (applicants' names become 某, no identity numbers, phone numbers or addresses), or as a
summary. A document signed but not yet reviewed for publication is not here."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from fazhi.portal.masking import mask_name, mask_text
from fazhi.portal.views import portal_context
from fazhi.reconsideration.choices import CaseStatus, DocumentStatus, Outcome, PublicationScope
from fazhi.reconsideration.documents import paragraphs
from fazhi.reconsideration.models import PUBLIC_DOCUMENT_KINDS, CaseDocument, Party, PartyKind


def published_documents():
    return (CaseDocument.objects.filter(status=DocumentStatus.ISSUED, kind__in=PUBLIC_DOCUMENT_KINDS,
                                        case__status=CaseStatus.CONCLUDED, published_on__isnull=False,
                                        publication_scope__in=(PublicationScope.FULL, PublicationScope.SUMMARY))
            .select_related("case", "case__respondent", "organisation").prefetch_related("case__parties")
            .order_by("-issued_on", "-pk"))


def public_text(doc: CaseDocument, text: str | None = None) -> str:
    """The document's text (or `text`, e.g. its title) with every party's identity number, phone and address
    removed and personal names masked (fazhi.portal.masking)."""
    text = doc.body if text is None else text
    parties = list(doc.case.parties.all())
    for p in parties:
        for value, placeholder in ((p.id_number, "[证件号码已隐去]"), (p.phone, "[电话已隐去]"),
                                   (p.address, "[住所已隐去]")):
            if value:
                text = text.replace(value, placeholder)
    names = [p.name for p in parties if p.kind == PartyKind.PERSON]
    text = mask_text(text, names)
    for name in names:  # mask_text keeps names that look like organisations; a person's name never stays
        text = text.replace(name, _mask_person(name))
    return text


def _mask_person(name: str) -> str:
    masked = mask_name(name)
    return masked if masked != name else name[:1] + "某"


def public_applicants(doc: CaseDocument) -> str:
    out = []
    for p in doc.case.parties.all():
        if p.role != "applicant":
            continue
        out.append(_mask_person(p.name) if p.kind == PartyKind.PERSON else p.name)
    return "、".join(out)


def _public(doc: CaseDocument) -> CaseDocument:
    """The document as shown in public: its title masked too (a handler may have edited a name into it). The
    instance is never saved."""
    doc.title = public_text(doc, doc.title)
    return doc


def _personal_matches(q: str):
    """Cases where the search words are (part of) a person's name, or a party's identity number or phone: the
    search must not confirm what the masking hides."""
    return Party.objects.filter(Q(kind=PartyKind.PERSON, name__icontains=q) | Q(id_number__icontains=q)
                                | Q(phone__icontains=q)).values("case_id")


def decision_list(request):
    qs = published_documents()
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(title__icontains=q) | Q(case__respondent__name__icontains=q)
                       | Q(case__act_description__icontains=q)).exclude(case_id__in=_personal_matches(q))
    outcome = request.GET.get("outcome", "")
    if outcome:
        qs = qs.filter(case__outcome=outcome)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    rows = [{"doc": _public(d), "applicants": public_applicants(d)} for d in page.object_list]
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "reconsideration/portal_list.html", {
        **portal_context(request), "page": page, "rows": rows, "q": q, "outcome": outcome,
        "outcomes": Outcome.choices, "querystring": params.urlencode(),
    })


def decision_detail(request, pk):
    doc = _public(get_object_or_404(published_documents(), pk=pk))
    return render(request, "reconsideration/portal_detail.html", {
        **portal_context(request), "doc": doc, "applicants": public_applicants(doc),
        "paragraphs": paragraphs(public_text(doc)) if doc.publication_scope == PublicationScope.FULL else [],
    })
