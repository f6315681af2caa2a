"""Attacks on 行政复议 records: another department's case, its documents and letters, and actions posted by a
respondent department that only answers."""

from django.urls import reverse
from django.utils import timezone

from fazhi.reconsideration import actions
from fazhi.reconsideration.choices import CaseStatus, DocumentKind, LetterKind
from fazhi.reconsideration.models import Case

from .conftest import D, bearer, concluded_case, register_case, xlsx_text


def test_other_department_gets_404_everywhere(w, client):
    case = concluded_case(w)
    doc = case.documents.get(kind=DocumentKind.DECISION)
    letter = actions.issue_letter(actor=w.reconsideration, organisation=w.gov, kind=LetterKind.OPINION,
                                  recipient=w.dept_a, issued_on=D(2025, 4, 20), subject="纠正违法行为", case=case)
    client.force_login(w.legal_b)
    for url in (case.get_absolute_url(), reverse("reconsideration:case_step", args=[case.pk, "decide"]),
                reverse("reconsideration:document_detail", args=[doc.pk]),
                reverse("reconsideration:document_download", args=[doc.pk]),
                letter.get_absolute_url(), reverse("reconsideration:letter_reply", args=[letter.pk]),
                reverse("reconsideration:letter_create") + f"?case={case.pk}"):
        assert client.get(url).status_code == 404, url
    for url, data in ((reverse("reconsideration:document_issue", args=[doc.pk]), {}),
                      (reverse("reconsideration:document_create", args=[case.pk]), {"kind": "decision"}),
                      (reverse("reconsideration:letter_reply", args=[letter.pk]),
                       {"on": "2025-05-01", "reply": "已整改"})):
        assert client.post(url, data).status_code == 404, url
    letter.refresh_from_db()
    assert letter.replied_on is None
    # lists and their exports, whatever the filters, leave the case out
    for params in ({"format": "xlsx"}, {"format": "xlsx", "q": case.number}, {"format": "xlsx", "year": "2025"},
                   {"format": "xlsx", "status": CaseStatus.CONCLUDED}):
        resp = client.get(reverse("reconsideration:case_list"), params)
        assert case.number not in xlsx_text(resp.content), params
    assert "纠正违法行为" not in xlsx_text(client.get(reverse("reconsideration:letter_list"),
                                                   {"format": "xlsx"}).content)
    # the API
    headers = bearer(w.legal_b)
    assert client.get(f"/api/v1/reconsideration/cases/{case.pk}", **headers).status_code == 404
    assert case.number not in client.get("/api/v1/reconsideration/cases", **headers).content.decode()


def test_respondent_department_cannot_handle_the_case(w, client):
    today = timezone.localdate()
    case = register_case(w, received_on=today)  # still within the acceptance review period
    client.force_login(w.legal_a)
    assert client.get(case.get_absolute_url()).status_code == 200  # the respondent sees its case
    resp = client.post(reverse("reconsideration:case_step", args=[case.pk, "accept"]),
                       {"on": today.isoformat(), "procedure": "ordinary"})
    assert resp.status_code == 404  # a step the user may not take is not there for them (never 403)
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    client.post(reverse("reconsideration:document_create", args=[case.pk]), {"kind": DocumentKind.DECISION})
    assert not case.documents.filter(kind=DocumentKind.DECISION).exists()
    resp = client.post(f"/api/v1/reconsideration/cases/{case.pk}/accept", data={"on": today.isoformat()},
                       content_type="application/json", **bearer(w.legal_a))
    assert resp.status_code in (400, 403, 422)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


def test_respondent_cannot_issue_or_edit_documents(w, client):
    case = register_case(w)
    case = actions.accept_case(case, actor=w.reconsideration, on=D(2025, 3, 4))
    doc = case.documents.get(kind=DocumentKind.ACCEPTANCE_NOTICE)
    client.force_login(w.legal_a)
    client.post(reverse("reconsideration:document_issue", args=[doc.pk]), {"on": "2025-03-05"})
    doc.refresh_from_db()
    assert not doc.is_issued
    resp = client.post(reverse("reconsideration:document_detail", args=[doc.pk]),
                       {"title": "篡改", "body": "篡改", "recipients": ""})
    assert resp.status_code == 404
    doc.refresh_from_db()
    assert doc.title != "篡改"


def test_case_against_another_department_is_hidden(w, client):
    case = register_case(w, respondent=w.dept_b)
    for user in (w.legal_a, w.officer_a, w.outsider):
        client.force_login(user)
        assert client.get(case.get_absolute_url()).status_code == 404


def test_respondent_sees_issued_documents_but_not_drafts(w, client):
    case = register_case(w)
    case = actions.accept_case(case, actor=w.reconsideration, on=D(2025, 3, 4))
    case = actions.decide_case(case, actor=w.reconsideration, on=D(2025, 4, 10), outcome="revoked",
                               reason="合议意见：拟撤销（内部讨论稿）")
    draft = case.documents.get(kind=DocumentKind.DECISION)
    notice = actions.issue_document(case.documents.get(kind=DocumentKind.ACCEPTANCE_NOTICE),
                                    actor=w.reconsideration, on=D(2025, 3, 4))
    client.force_login(w.legal_a)
    assert client.get(reverse("reconsideration:document_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("reconsideration:document_download", args=[draft.pk])).status_code == 404
    assert client.get(reverse("reconsideration:document_download", args=[notice.pk])).status_code == 200
    html = client.get(case.get_absolute_url()).content.decode()
    assert reverse("reconsideration:document_detail", args=[draft.pk]) not in html
    assert reverse("reconsideration:document_detail", args=[notice.pk]) in html
    client.force_login(w.reconsideration)  # the handler sees its drafts
    assert client.get(reverse("reconsideration:document_detail", args=[draft.pk])).status_code == 200


def test_respondent_does_not_read_earlier_drafts_in_the_history(w, client):
    case = register_case(w)
    case = actions.accept_case(case, actor=w.reconsideration, on=D(2025, 3, 4))
    doc = case.documents.get(kind=DocumentKind.ACCEPTANCE_NOTICE)
    actions.edit_document(doc, actor=w.reconsideration, title=doc.title, body="内部讨论稿甲：拟不予受理")
    actions.edit_document(doc, actor=w.reconsideration, title=doc.title, body="本机关决定予以受理。")
    actions.issue_document(doc, actor=w.reconsideration, on=D(2025, 3, 5))
    client.force_login(w.legal_a)
    html = client.get(reverse("reconsideration:document_detail", args=[doc.pk])).content.decode()
    assert "本机关决定予以受理" in html and "内部讨论稿甲" not in html
    client.force_login(w.reconsideration)
    assert "内部讨论稿甲" in client.get(reverse("reconsideration:document_detail", args=[doc.pk])).content.decode()
