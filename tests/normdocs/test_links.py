"""A 复议 incidental review finds the document it names and its finding lands on it; a new version of a law the text
cites flags the document for its maker; the catalogue imports from Excel all-or-nothing."""

import datetime as dt
import io
import shutil

import pytest

from fazhi.core import clock
from fazhi.core.excel import workbook_bytes
from fazhi.laws.importers import BUNDLED_DIR, import_directory
from fazhi.laws.models import CitationFlag
from fazhi.normdocs import importers
from fazhi.normdocs.models import Document
from fazhi.powers.demo import LATER_LAWS
from fazhi.reconsideration import actions as recon
from fazhi.reconsideration.choices import ActKind, Channel
from fazhi.testing.normdocs import published

D = dt.date
pytestmark = pytest.mark.django_db


def _case(w):
    case = recon.register_application(
        actor=w.reconsideration, organisation=w.gov, respondent=w.dept_a, act_kind=ActKind.PENALTY,
        received_on=D(2025, 4, 1), act_description="罚款五千元的行政处罚决定", channel=Channel.MAIL,
        request="撤销该行政处罚决定", parties=[{"role": "applicant", "name": "张三", "id_number": "110101199001011234",
                                          "phone": "13812345678", "address": "测试县城关镇幸福路8号"}])
    return recon.accept_case(case, actor=w.reconsideration, on=D(2025, 4, 2))


def test_an_unlawful_incidental_review_marks_the_document(w):
    doc = published(w)
    with clock.frozen(D(2025, 4, 20)):
        case = _case(w)
        review = recon.request_incidental_review(case, actor=w.reconsideration, on=D(2025, 4, 3),
                                                 document_title="《测试县城市绿化管理办法》", maker=w.dept_a.name)
        link = doc.scrutinies.get()
        assert link.incidental_review == review and link.lawful is None
        recon.decide_incidental_review(review, actor=w.reconsideration, on=D(2025, 4, 20), status="unlawful",
                                       result="第三条增设了上位法没有的义务")
    link.refresh_from_db()
    doc.refresh_from_db()
    assert link.lawful is False and link.decided_on == D(2025, 4, 20)
    assert "附带审查认定不合法" in doc.correction_required


def test_a_review_naming_no_registered_document_links_nothing(w):
    with clock.frozen(D(2025, 4, 20)):
        case = _case(w)
        recon.request_incidental_review(case, actor=w.reconsideration, on=D(2025, 4, 3),
                                        document_title="某某不存在的办法", maker="测试县人民政府")
    from fazhi.normdocs.models import Scrutiny

    assert Scrutiny.objects.count() == 0


def test_a_revised_law_flags_documents_citing_a_changed_article(w, tmp_path):
    dest = tmp_path / "laws" / "经济法" / "农产品质量安全法(2018-10-26).md"
    dest.parent.mkdir(parents=True)
    shutil.copy(BUNDLED_DIR / "经济法/农产品质量安全法(2018-10-26).md", dest)
    import_directory(tmp_path / "laws")
    from fazhi.normdocs import actions

    with clock.frozen(D(2020, 3, 2)):
        doc = actions.create_draft(
            actor=w.legal_a, organisation=w.dept_a, title="测试县农产品生产记录管理办法", drafted_on=D(2020, 3, 2),
            affects_rights=False, text="第一条 根据《中华人民共和国农产品质量安全法》第二十四条，制定本办法。\n第二条 本办法自公布之日起施行。")
        assert doc.current_version().law_citations.get().number == 24
        actions.submit_for_review(doc, actor=w.legal_a, on=D(2020, 3, 2))
    with clock.frozen(D(2020, 3, 16)):
        actions.record_review(doc, actor=w.legal_a, on=D(2020, 3, 16), opinion="lawful", note="合法")
        actions.deliberate(doc, actor=w.legal_a, on=D(2020, 3, 16), meeting="局务会议")
        actions.register(doc, actor=w.legal_a, on=D(2020, 3, 16))
        actions.publish(doc, actor=w.legal_a, on=D(2020, 3, 16), medium="门户网站", valid_until=D(2025, 3, 15))
    with clock.frozen(D(2023, 6, 1)):
        import_directory(LATER_LAWS)  # 农产品质量安全法 (2022年修订, in force 2023-01-01)
    flag = CitationFlag.objects.get(source="normdocs.text")
    assert flag.organisation == w.dept_a and flag.old_article == "第二十四条"
    assert "测试县农产品生产记录管理办法" in flag.object_repr and flag.object_url == doc.get_absolute_url()


def _sheet(rows):
    return io.BytesIO(workbook_bytes("目录", [c[1] for c in importers.COLUMNS], rows))


def test_catalogue_import_is_all_or_nothing_and_idempotent(w):
    code = w.dept_a.code
    good = [code, "测规〔2021〕1号", "测试县菜市场管理办法", "2021-03-01", "", "2026-02-28", "2021-02-20", "2021-03-10",
            "", "", "第一条 为了规范菜市场管理，制定本办法。\n第二条 本办法自公布之日起施行。"]
    ended = [code, "测规〔2019〕2号", "测试县临时摊点管理暂行办法", "2019-05-01", "", "2021-04-30", "", "2019-05-20",
             "2021-05-01", "有效期届满失效", ""]
    bad = [code, "测规〔2021〕1号", "重复文号", "2021-13-01", "", "2035-01-01", "", "", "", "随便", ""]
    with clock.frozen(D(2025, 1, 2)):
        r = importers.import_catalogue(_sheet([good, ended, bad]), actor=w.legal_a, dry_run=False)
        assert not r.ok and Document.objects.count() == 0
        messages = {(e.row, e.column): e.message for e in r.errors}
        assert "与第 2 行文号重复" in messages[(4, "文号")] and "不是有效的日期" in messages[(4, "公布日期")]
        assert "无效的失效方式" in messages[(4, "失效方式")]
        other = importers.import_catalogue(_sheet([[w.dept_b.code, *good[1:]]]), actor=w.legal_a, dry_run=False)
        assert "找不到机构" in other.errors[0].message
        r = importers.import_catalogue(_sheet([good, ended]), actor=w.legal_a, dry_run=False)
        assert r.ok and r.created == 2
        again = importers.import_catalogue(_sheet([good, ended]), actor=w.legal_a, dry_run=False)
        assert again.ok and again.created == 0 and again.skipped == 2 and Document.objects.count() == 2
    doc = Document.objects.get(number="测规〔2021〕1号")
    assert doc.legacy and doc.filing_due == D(2021, 3, 16) and doc.filed_on == D(2021, 3, 10)
    assert [a.label for a in doc.current_version().articles.all()] == ["第一条", "第二条"]
    assert Document.objects.in_force_on(D(2025, 1, 2)).count() == 1
    assert Document.objects.get(number="测规〔2019〕2号").status == "expired"


def test_a_power_item_citing_a_document_links_to_the_article_in_force(w, client):
    from fazhi.powers import actions as powers

    published(w)  # 2025-03-13
    with clock.frozen(D(2025, 4, 1)):
        item = powers.add_item(actor=w.legal_a, organisation=w.dept_a, effective_on=D(2025, 4, 1),
                               document_number="测政发〔2025〕1号", code="CF-9", name="对擅自占用城市绿地的行政处罚",
                               category="penalty", level="county", bases="《测试县城市绿化管理办法》第三条")
    client.force_login(w.legal_a)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "规范性文件" in page and "不得擅自占用城市绿地" in page and "#a3-0" in page
