"""The public portal: only published records, no personal data, and no search that confirms a masked name."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from fazhi.core.permissions import ActionError
from fazhi.reconsideration import actions
from fazhi.reconsideration.choices import DocumentKind
from fazhi.testing.reconsideration import issue, publish

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
    doc = publish(doc, actor=w.reconsideration, on=D(2025, 4, 11))
    client.logout()
    listing = client.get(reverse("reconsideration_portal:list")).content.decode()
    detail = client.get(reverse("reconsideration_portal:detail", args=[doc.pk])).content.decode()
    assert doc.number in listing and "张某" in detail
    for secret in SECRETS:
        assert secret not in listing and secret not in detail, secret


def test_portal_search_does_not_confirm_a_masked_name(w, client):
    case, doc = _issued_decision(w)
    doc = publish(doc, actor=w.reconsideration, on=D(2025, 4, 11))
    client.logout()
    url = reverse("reconsideration_portal:list")
    assert doc.number in client.get(url, {"q": "罚款"}).content.decode()  # the act is still searchable
    for probe in ("张三丰", "110101199001011234", "13812345678"):
        assert doc.number not in client.get(url, {"q": probe}).content.decode(), probe


def test_unpublished_records_are_not_on_the_portal(w, client):
    """A decision reaches the portal only through its own reviewed step after service (art. 79), never when drafted
    or signed; and no decision can be drafted on a case still under review (the wrong text once reached the portal).
    """
    pending = register_case(w, name="李四")
    with pytest.raises(ActionError, match="尚未审结"):
        actions.draft_document(pending, DocumentKind.DECISION, actor=w.reconsideration)
    case, doc = _issued_decision(w)
    portal = reverse("reconsideration_portal:detail", args=[doc.pk])
    client.logout()
    assert client.get(portal).status_code == 404  # drafted
    doc = issue(doc, actor=w.reconsideration, on=D(2025, 4, 11))
    assert client.get(portal).status_code == 404  # signed, not served
    with pytest.raises(ActionError, match="送达"):
        actions.publish_document(doc, actor=w.reconsideration, on=D(2025, 4, 11), act_publicity="public",
                                 scope="full", checked=True)
    service = actions.serve_document(doc, actor=w.reconsideration, recipient="张三丰", method="mail",
                                     sent_on=D(2025, 4, 11))
    with pytest.raises(ActionError, match="送达"):  # posted, not yet signed for
        actions.publish_document(doc, actor=w.reconsideration, on=D(2025, 4, 12), act_publicity="public",
                                 scope="full", checked=True)
    actions.record_receipt(service, actor=w.reconsideration, received_on=D(2025, 4, 14))
    assert client.get(portal).status_code == 404  # served, not yet reviewed
    with pytest.raises(ActionError, match="核对"):
        actions.publish_document(doc, actor=w.reconsideration, on=D(2025, 4, 15), act_publicity="public",
                                 scope="full", checked=False)
    with pytest.raises(ActionError, match="不予公开"):
        actions.publish_document(doc, actor=w.reconsideration, on=D(2025, 4, 15), act_publicity="confidential",
                                 scope="full", checked=True)
    with pytest.raises(ActionError, match="送达日期"):
        actions.publish_document(doc, actor=w.reconsideration, on=D(2025, 4, 13), act_publicity="public",
                                 scope="full", checked=True)
    actions.publish_document(doc, actor=w.reconsideration, on=D(2025, 4, 15), act_publicity="public", scope="full",
                             checked=True)
    assert "撤销" in client.get(portal).content.decode()


def test_summary_publication_shows_no_text(w, client):
    """Art. 79(1): an act that was not itself public gets at most a summary."""
    case, doc = _issued_decision(w)
    doc = issue(doc, actor=w.reconsideration, on=D(2025, 4, 11))
    actions.serve_document(doc, actor=w.reconsideration, recipient="张三丰", method="direct", sent_on=D(2025, 4, 11),
                           received_on=D(2025, 4, 11))
    with pytest.raises(ActionError, match="摘要公开"):
        actions.publish_document(doc, actor=w.reconsideration, on=D(2025, 4, 12), act_publicity="on_request",
                                 scope="full", checked=True)
    actions.publish_document(doc, actor=w.reconsideration, on=D(2025, 4, 12), act_publicity="on_request",
                             scope="summary", checked=True)
    client.logout()
    html = client.get(reverse("reconsideration_portal:detail", args=[doc.pk])).content.decode()
    assert doc.number in html and "摘要公开" in html and "本机关认为" not in html


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


@pytest.mark.parametrize("written", ["139-1234-5678", "139 1234 5678", "（0571）87654321", "0571-8765-4321",
                                     "110101 19900101 1234", "110101-1990-0101-1234", "１３９１２３４５６７８",
                                     "１１０１０１１９９００１０１１２３４"])
def test_masking_reads_numbers_however_they_are_written(written):
    from fazhi.portal.masking import mask_text

    masked = mask_text(f"联系方式：{written}。")
    digits = "".join(ch for ch in written if ch.isdigit())
    assert "已隐去" in masked and digits not in "".join(ch for ch in masked if ch.isdigit()), masked


def test_masking_names_typed_after_a_role_and_keeps_ordinary_words():
    from fazhi.portal.masking import mask_text

    assert mask_text("证人王五到场作证，委托代理人：李四。") == "证人王某到场作证，委托代理人：李某。"
    for kept in ("证人证言一份", "申请人对被申请人作出的决定不服", "当事人于本月提交", "罚款20000元，2025年3月4日",
                 "（2025）苏1181行初12号"):
        assert mask_text(kept) == kept, kept
