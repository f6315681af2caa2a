"""案卷评查: a round draws files at random per department, reproducibly from its published seed; files are scored on
the sheet (a deduction needs its problem), graded, and rectified by the department within the round's period; the
figures and the ranking follow."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core import clock
from fazhi.core.permissions import ActionError
from fazhi.enforcement import actions, review
from fazhi.enforcement.models import EnforcementCase, ReviewFile
from fazhi.enforcement.workflow import FILE, ROUND
from fazhi.metrics.registry import Scope, evaluate
from fazhi.rules.deadlines import deadlines_for

D = dt.date
pytestmark = pytest.mark.django_db


def _inspections(s, n):
    with clock.frozen(D(2025, 6, 1)):
        for i in range(n):
            actions.file_case(actor=s.w.officer_a, organisation=s.w.dept_a, kind="inspection", power_item="JC-1",
                              cause=f"检查{i}", party_name="某公司", party_kind="legal", officers="ZF0001\nZF0002",
                              filed_on=D(2025, 3, 1) + dt.timedelta(days=i), decision="compliant")


def _round(s, seed="abc123", per=3):
    with clock.frozen(D(2025, 7, 1)):
        return review.create_round(actor=s.w.supervisor, organisation=s.w.gov, title="2025年上半年案卷评查",
                                   start=D(2025, 1, 1), end=D(2025, 6, 30), per_organisation=per, seed=seed)


def test_the_draw_is_reproducible_from_the_seed(s):
    _inspections(s, 10)
    with pytest.raises(ActionError, match="权限"):
        with clock.frozen(D(2025, 7, 1)):
            review.create_round(actor=s.w.officer_a, organisation=s.w.gov, title="x", start=D(2025, 1, 1),
                                end=D(2025, 6, 30))
    rnd = _round(s)
    with clock.frozen(D(2025, 7, 2)):
        rnd = review.sample(rnd, actor=s.w.supervisor, on=D(2025, 7, 2))
    drawn = list(rnd.files.order_by("draw").values_list("case_id", flat=True))
    ids = sorted(EnforcementCase.objects.values_list("pk", flat=True))
    assert drawn == review.draw("abc123", s.w.dept_a.code, ids, 3) and len(set(drawn)) == 3
    other = _round(s, seed="other-seed")
    with clock.frozen(D(2025, 7, 2)):
        other = review.sample(other, actor=s.w.supervisor, on=D(2025, 7, 2))
    assert list(other.files.order_by("draw").values_list("case_id", flat=True)) != drawn
    assert ROUND.refusal(rnd, "close", s.w.supervisor) == "还有案卷尚未评分。"


def test_scoring_rectification_figures_and_ranking(s):
    _inspections(s, 4)
    rnd = _round(s, per=2)
    with clock.frozen(D(2025, 8, 1)):
        rnd = review.sample(rnd, actor=s.w.supervisor, on=D(2025, 7, 2))
        first, second = rnd.files.order_by("draw")
        sheet = {i.category: i.pk for i in rnd.sheet.all()}
        with pytest.raises(ActionError, match="请写明发现的问题"):
            review.score(first, actor=s.w.supervisor, on=D(2025, 7, 10), reviewer="周明",
                         **{f"d_{sheet['程序']}": "10"})
        with pytest.raises(ActionError, match="证据最多扣 20.0 分"):
            review.score(first, actor=s.w.supervisor, on=D(2025, 7, 10), reviewer="周明",
                         **{f"d_{sheet['证据']}": "25", f"p_{sheet['证据']}": "缺少现场照片"})
        assert FILE.refusal(first, "score", s.w.legal_a) is not None  # the reviewed department does not score
        first = review.score(first, actor=s.w.supervisor, on=D(2025, 7, 10), reviewer="周明",
                             **{f"d_{sheet['程序']}": "25", f"p_{sheet['程序']}": "未在法定期限内办结",
                                f"d_{sheet['证据']}": "20", f"p_{sheet['证据']}": "缺少现场检查记录"})
        assert first.score == Decimal("55.0") and first.grade == "fail"
        assert first.rectify_due == D(2025, 8, 11)  # 30 days, 8-9 is a Saturday → next working day
        assert deadlines_for(first).get().rule_id == "enforcement.case_review.rectification"
        second = review.score(second, actor=s.w.supervisor, on=D(2025, 7, 11), reviewer="周明")
        assert second.score == Decimal("100.0") and second.grade == "excellent" and second.rectify_due is None
        assert FILE.refusal(second, "rectify", s.w.legal_a) == "该案卷为优秀等次，无需整改。"
        first = review.rectify(first, actor=s.w.legal_a, on=D(2025, 7, 30), rectification="已补正材料并组织培训")
        rnd = review.close(rnd, actor=s.w.supervisor, on=D(2025, 8, 1))
    assert deadlines_for(first).get().status == "met" and rnd.status == "closed"
    scope = Scope(s.w.gov, D(2025, 1, 1), D(2025, 12, 31))
    assert evaluate("enforcement.case_review.files", scope)["value"] == 2
    assert evaluate("enforcement.case_review.problems", scope)["value"] == 2
    assert evaluate("enforcement.case_review.pass_rate", scope)["value"] == Decimal("50.0")
    [row] = review.ranking(rnd)
    assert row["files"] == 2 and row["average"] == Decimal("77.5") and row["passed"] == 1 and row["problems"] == 2
    assert set(ReviewFile.objects.visible_to(s.w.legal_a)) == {first, second}  # the department sees its files
    assert not ReviewFile.objects.visible_to(s.w.legal_b).exists()
