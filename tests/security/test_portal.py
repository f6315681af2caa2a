"""The public portal: only published records, no personal data, and no search that confirms a masked name."""

import datetime as dt
import io

from django.urls import reverse
from docx import Document

from fazhi.reconsideration import actions
from fazhi.reconsideration.choices import DocumentKind

from .conftest import D, concluded_case, register_case

SECRETS = ("张三丰", "三丰", "110101199001011234", "13812345678", "幸福路8号")


def _issued_decision(w, **kw):
    case = concluded_case(w, **kw)
    doc = case.documents.get(kind=DocumentKind.DECISION)
    return case, doc


def test_edited_title_is_masked_on_the_portal(w, client):
    case, doc = _issued_decision(w)
    actions.edit_document(doc, actor=w.reconsideration, title="张三丰不服罚款行政复议决定书（电话13812345678）",
                          body=doc.body)
    doc = actions.issue_document(doc, actor=w.reconsideration, on=D(2025, 4, 11))
    client.logout()
    listing = client.get(reverse("reconsideration_portal:list")).content.decode()
    detail = client.get(reverse("reconsideration_portal:detail", args=[doc.pk])).content.decode()
    assert doc.number in listing and "张某" in detail
    for secret in SECRETS:
        assert secret not in listing and secret not in detail, secret


def test_portal_search_does_not_confirm_a_masked_name(w, client):
    case, doc = _issued_decision(w)
    doc = actions.issue_document(doc, actor=w.reconsideration, on=D(2025, 4, 11))
    client.logout()
    url = reverse("reconsideration_portal:list")
    assert doc.number in client.get(url, {"q": "罚款"}).content.decode()  # the act is still searchable
    for probe in ("张三丰", "110101199001011234", "13812345678"):
        assert doc.number not in client.get(url, {"q": probe}).content.decode(), probe


def test_unpublished_records_are_not_on_the_portal(w, client):
    case = register_case(w)
    draft = actions.draft_document(case, DocumentKind.DECISION, actor=w.reconsideration)
    client.logout()
    assert client.get(reverse("reconsideration_portal:detail", args=[draft.pk])).status_code == 404


def test_published_report_narrative_is_masked(w, client):
    from fazhi.reports import actions as ra

    report = ra.create_report(actor=w.supervisor, organisation=w.gov, year=2025)
    for s in report.sections.filter(level=1):
        ra.update_section(s, actor=w.supervisor, narrative=f"{s.title}叙述。")
    section = report.sections.filter(level=1).first()
    ra.update_section(section, actor=w.supervisor,
                      narrative="群众张三丰（身份证号110101199001011234，电话13812345678）反映的问题已办结。")
    ra.submit_report(report, actor=w.supervisor)
    ra.approve_report(report, actor=w.supervisor, on=dt.date(2026, 3, 1))
    ra.publish_report(report, actor=w.supervisor, on=dt.date(2026, 3, 2))
    client.logout()
    html = client.get(reverse("reports_portal:detail", args=[report.pk])).content.decode()
    assert "反映的问题已办结" in html
    for secret in ("110101199001011234", "13812345678"):
        assert secret not in html, secret
    docx = client.get(reverse("reports_portal:docx", args=[report.pk])).content
    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert "反映的问题已办结" in text
    for secret in ("110101199001011234", "13812345678"):
        assert secret not in text, secret


def test_portal_org_directory_lists_no_people(w, client):
    client.logout()
    html = client.get(reverse("portal:orgs")).content.decode()
    assert w.dept_a.name in html
    for u in (w.legal_a, w.supervisor):
        assert u.username not in html


def test_masking_finds_numbers_inside_chinese_text():
    from fazhi.portal.masking import mask_text

    masked = mask_text("申请人身份证号110101199001011234，联系电话13812345678，证号11010119900101123X号")
    assert "110101199001011234" not in masked and "13812345678" not in masked and "123X" not in masked
    assert mask_text("金额1234567890123456789元") == "金额1234567890123456789元"  # 19 digits: not an ID
