"""Cases brought after 行政复议: the link, and the 复议机关 as co-defendant when 复议 upheld the act."""

import datetime as dt

import pytest

from fazhi.core.permissions import ActionError
from fazhi.litigation import actions
from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration.choices import ActKind, CaseStatus, Channel, Outcome
from fazhi.reconsideration.models import Case

from .factories import make_case

D = dt.date


def recon_case(w, *, outcome=Outcome.UPHELD, closed=True, respondent=None, seq=1):
    return Case.objects.create(
        organisation=w.gov, respondent=respondent or w.dept_a, number=f"清复〔2025〕{seq}号", year=2025, seq=seq,
        act_kind=ActKind.values[0], act_description="行政处罚决定", request="撤销处罚决定", received_on=D(2025, 1, 6),
        channel=Channel.values[0], status=CaseStatus.CONCLUDED if closed else CaseStatus.ACCEPTED,
        outcome=outcome if closed else "", closed_on=D(2025, 2, 20) if closed else None)


def test_upheld_reconsideration_makes_the_reconsideration_body_co_defendant(w):
    rc = recon_case(w)
    case = make_case(w, w.dept_a, received_on=D(2025, 3, 3), reconsideration_case=rc)
    assert case.reconsideration_case == rc and case.co_defendant == w.gov
    assert list(rc.litigation_cases.all()) == [case]


def test_a_different_co_defendant_is_refused_for_upheld_cases(w):
    rc = recon_case(w)
    with pytest.raises(ActionError, match="复议机关（测试县人民政府）为共同被告"):
        make_case(w, w.dept_a, reconsideration_case=rc, co_defendant=w.dept_b)
    assert not LitigationCase.objects.exists()


def test_changed_by_reconsideration_has_no_automatic_co_defendant(w):
    rc = recon_case(w, outcome=Outcome.ALTERED)
    case = make_case(w, w.gov, reconsideration_case=rc)
    assert case.co_defendant is None


def test_pending_or_unrelated_reconsideration_is_refused(w):
    with pytest.raises(ActionError, match="尚未审结，复议期间不得提起行政诉讼"):
        make_case(w, w.dept_a, reconsideration_case=recon_case(w, closed=False))
    with pytest.raises(ActionError, match="被申请人或复议机关"):
        make_case(w, w.dept_b, reconsideration_case=recon_case(w, respondent=w.dept_a, seq=2))
    # legal_b cannot see a 复议 case against dept_a, so cannot link it.
    rc = recon_case(w, seq=3)
    with pytest.raises(ActionError, match="找不到所选的行政复议案件"):
        make_case(w, w.dept_b, actor=w.legal_b, reconsideration_case=rc)
    assert not LitigationCase.objects.exists()


def test_link_added_later(w):
    case = make_case(w, w.dept_a)
    rc = recon_case(w)
    actions.update_case(case, actor=w.legal_a, reconsideration_case=rc)
    case.refresh_from_db()
    assert case.reconsideration_case == rc and case.co_defendant == w.gov


def test_detail_page_links_the_reconsideration_case(w, client):
    rc = recon_case(w)
    case = make_case(w, w.dept_a, reconsideration_case=rc)
    client.force_login(w.supervisor)
    html = client.get(case.get_absolute_url()).content.decode()
    assert rc.get_absolute_url() in html and "共同被告：测试县人民政府" in html
