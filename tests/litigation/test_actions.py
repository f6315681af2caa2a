import datetime as dt

import pytest

from fazhi.core.models import AuditEvent
from fazhi.core.permissions import ActionError
from fazhi.litigation import actions
from fazhi.litigation.choices import AppealOutcome, Appearance, Appellant, CaseStatus, Instance, Outcome
from fazhi.litigation.models import Appeal, Hearing, JudicialSuggestion, LitigationCase
from fazhi.rules.deadlines import deadlines_for

from .factories import make_case

D = dt.date


def events(case):
    return list(AuditEvent.objects.for_object(case).order_by("seq").values_list("verb", flat=True))


def test_register_starts_the_15_day_answer_deadline(w):
    case = make_case(w, received_on=D(2025, 3, 3), plaintiffs="张某 、 李某")
    assert case.status == CaseStatus.PENDING_ANSWER
    assert case.plaintiff_names == ["张某", "李某"]
    (d,) = list(deadlines_for(case))
    assert d.rule_id == "litigation.answer"
    # 行政诉讼法第六十七条: 15 days from receipt, starting day excluded → 2025-03-18 (a Tuesday).
    assert d.due == D(2025, 3, 18) == case.answer_due
    assert events(case) == ["登记行政应诉案件"]


def test_register_normalises_the_case_number_and_refuses_duplicates(w):
    case = make_case(w, case_number="(2025)苏1181行初7号")
    assert case.case_number == "（2025）苏1181行初7号"
    with pytest.raises(ActionError, match="已登记"):
        make_case(w, case_number="（2025）苏1181行初7号")
    assert LitigationCase.objects.count() == 1


@pytest.mark.parametrize("changes, message", [
    ({"case_number": "苏1181行初7号"}, "案号“苏1181行初7号”格式不正确"),
    ({"case_number": "（2025）苏11行终7号"}, "格式不正确"),
    ({"plaintiffs": "  "}, "请填写原告"),
    ({"court": ""}, "请填写受理法院"),
    ({"act_kind": "bogus"}, "无效的行为类别"),
    ({"received_on": D(2999, 1, 1)}, "不能晚于今天"),
    ({"received_on": D(2025, 3, 3), "filed_on": D(2025, 3, 5)}, "立案日期（2025-03-05）不能晚于收到起诉状副本日期"),
])
def test_register_bad_input_saves_nothing(w, changes, message):
    before = AuditEvent.objects.count()
    with pytest.raises(ActionError, match=message):
        make_case(w, **changes)
    assert LitigationCase.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_register_needs_a_handler_of_the_defendant(w):
    with pytest.raises(ActionError, match="没有办理"):
        make_case(w, w.dept_a, actor=w.legal_b)
    with pytest.raises(ActionError, match="没有办理"):
        make_case(w, w.dept_a, actor=w.officer_a)
    assert make_case(w, w.dept_a, actor=w.legal_a).organisation == w.dept_a
    assert make_case(w, w.dept_b, actor=w.reconsideration).organisation == w.dept_b


def test_co_defendant_must_differ(w):
    with pytest.raises(ActionError, match="共同被告不能与被告机构相同"):
        make_case(w, w.dept_a, co_defendant=w.dept_a)
    case = make_case(w, w.dept_a, co_defendant=w.gov)
    assert case.co_defendant == w.gov


def test_answer_in_time_meets_the_deadline(w):
    case = make_case(w, received_on=D(2025, 3, 3))
    actions.submit_answer(case, actor=w.legal_a, on=D(2025, 3, 14))
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_TRIAL and case.answered_on == D(2025, 3, 14)
    assert [d.status for d in deadlines_for(case)] == ["met"]
    assert events(case)[-1] == "提交答辩状及证据"


def test_late_answer_is_recorded_as_missed(w):
    case = make_case(w, received_on=D(2025, 3, 3))
    actions.submit_answer(case, actor=w.legal_a, on=D(2025, 3, 25))
    assert [d.status for d in deadlines_for(case)] == ["missed"]
    assert events(case)[-1] == "提交答辩状及证据（逾期）"


def test_answer_bad_input(w):
    case = make_case(w, received_on=D(2025, 3, 3))
    with pytest.raises(ActionError, match="不能早于收到起诉状副本日期"):
        actions.submit_answer(case, actor=w.legal_a, on=D(2025, 3, 1))
    with pytest.raises(ActionError, match="请填写提交答辩日期"):
        actions.submit_answer(case, actor=w.legal_a, on=None)
    with pytest.raises(ActionError, match="没有办理"):
        actions.submit_answer(case, actor=w.legal_b, on=D(2025, 3, 5))
    case.refresh_from_db()
    assert case.status == CaseStatus.PENDING_ANSWER and case.answered_on is None
    actions.submit_answer(case, actor=w.legal_a, on=D(2025, 3, 5))
    with pytest.raises(ActionError, match="当前状态为“一审审理中”，不能登记答辩"):
        actions.submit_answer(case, actor=w.legal_a, on=D(2025, 3, 6))


def test_hearing_with_head_and_without(w):
    case = make_case(w, received_on=D(2025, 3, 3))
    h = actions.record_hearing(case, actor=w.legal_a, held_on=D(2025, 4, 10), appearance=Appearance.HEAD,
                               attendee="王某（局长）", absence_reason="ignored")
    assert h.head_appeared and h.absence_reason == "" and h.instance == Instance.FIRST
    with pytest.raises(ActionError, match="请填写负责人未出庭原因"):
        actions.record_hearing(case, actor=w.legal_a, held_on=D(2025, 4, 20), appearance=Appearance.LAWYER)
    with pytest.raises(ActionError, match="请填写出庭人员"):
        actions.record_hearing(case, actor=w.legal_a, held_on=D(2025, 4, 20), appearance=Appearance.DEPUTY)
    with pytest.raises(ActionError, match="已登记"):
        actions.record_hearing(case, actor=w.legal_a, held_on=D(2025, 4, 10), appearance=Appearance.HEAD,
                               attendee="王某（局长）")
    with pytest.raises(ActionError, match="无效的出庭情况"):
        actions.record_hearing(case, actor=w.legal_a, held_on=D(2025, 4, 21), appearance="mayor")
    with pytest.raises(ActionError, match="不能早于"):
        actions.record_hearing(case, actor=w.legal_a, held_on=D(2025, 3, 1), appearance=Appearance.HEAD,
                               attendee="王某")
    actions.record_hearing(case, actor=w.legal_a, held_on=D(2025, 4, 20), appearance=Appearance.STAFF,
                           attendee="法制科刘某", absence_reason="局长参加全省防汛会议")
    assert Hearing.objects.filter(case=case).count() == 2
    assert events(case).count("登记一审庭审") == 2


def test_judgment_outcomes_and_bad_input(w):
    case = make_case(w, received_on=D(2025, 3, 3))
    actions.record_hearing(case, actor=w.legal_a, held_on=D(2025, 3, 10), appearance=Appearance.HEAD,
                           attendee="王某（局长）")
    with pytest.raises(ActionError, match="不能早于最后一次开庭日期"):
        actions.record_judgment(case, actor=w.legal_a, outcome=Outcome.REVOKED, concluded_on=D(2025, 3, 9))
    with pytest.raises(ActionError, match="无效的一审结果"):
        actions.record_judgment(case, actor=w.legal_a, outcome="lost", concluded_on=D(2025, 3, 12))
    case.refresh_from_db()
    assert case.outcome == "" and case.status == CaseStatus.PENDING_ANSWER
    actions.record_judgment(case, actor=w.legal_a, outcome=Outcome.REVOKED, concluded_on=D(2025, 3, 12))
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED and case.is_lost and case.outcome_group == "lost"
    # The case ended before the answer was due: the answer period no longer runs.
    assert [d.status for d in deadlines_for(case)] == ["cancelled"]
    with pytest.raises(ActionError, match="当前状态为“一审审结”，不能登记一审结果"):
        actions.record_judgment(case, actor=w.legal_a, outcome=Outcome.WITHDRAWN, concluded_on=D(2025, 5, 2))


def test_judgment_after_the_answer_period_with_no_answer_marks_it_missed(w):
    case = make_case(w, received_on=D(2025, 3, 3))
    actions.record_judgment(case, actor=w.legal_a, outcome=Outcome.REVOKED, concluded_on=D(2025, 5, 1))
    assert [d.status for d in deadlines_for(case)] == ["missed"]
    with pytest.raises(ActionError, match="当前状态为“一审审结”，不能登记庭审"):
        actions.record_hearing(case, actor=w.legal_a, held_on=D(2025, 5, 3), appearance=Appearance.HEAD,
                               attendee="王某")


def test_case_number_normalisation():
    from fazhi.litigation.models import FIRST_INSTANCE_NUMBER, normalise_case_number

    assert normalise_case_number(" (2025)苏1181 行初12号 ") == "（2025）苏1181行初12号"
    assert normalise_case_number("〔2025〕京0105行初3号") == "（2025）京0105行初3号"
    assert FIRST_INSTANCE_NUMBER.match("（2025）苏行赔初1号")
    assert not FIRST_INSTANCE_NUMBER.match("（2025）苏1181民初12号")


def test_appeal_and_second_instance(w):
    case = make_case(w, received_on=D(2025, 3, 3))
    with pytest.raises(ActionError, match="当前状态为“待答辩”，不能登记上诉"):
        actions.file_appeal(case, actor=w.legal_a, appellant=Appellant.PLAINTIFF, court="示范市中级人民法院",
                            case_number="（2025）苏11行终3号", filed_on=D(2025, 6, 1))
    actions.record_judgment(case, actor=w.legal_a, outcome=Outcome.CLAIMS_REJECTED, concluded_on=D(2025, 5, 1))
    with pytest.raises(ActionError, match="二审案号“（2025）苏1181行初3号”格式不正确"):
        actions.file_appeal(case, actor=w.legal_a, appellant=Appellant.PLAINTIFF, court="示范市中级人民法院",
                            case_number="（2025）苏1181行初3号", filed_on=D(2025, 5, 10))
    with pytest.raises(ActionError, match="不能早于一审审结日期"):
        actions.file_appeal(case, actor=w.legal_a, appellant=Appellant.PLAINTIFF, court="示范市中级人民法院",
                            case_number="（2025）苏11行终3号", filed_on=D(2025, 4, 10))
    assert not Appeal.objects.exists()
    actions.file_appeal(case, actor=w.legal_a, appellant=Appellant.PLAINTIFF, court="示范市中级人民法院",
                        case_number="(2025)苏11行终3号", filed_on=D(2025, 5, 10))
    case.refresh_from_db()
    assert case.status == CaseStatus.APPEALED
    h = actions.record_hearing(case, actor=w.legal_a, held_on=D(2025, 7, 1), appearance=Appearance.DEPUTY,
                               attendee="赵某（副局长）")
    assert h.instance == Instance.SECOND
    with pytest.raises(ActionError, match="二审审结日期"):
        actions.decide_appeal(case, actor=w.legal_a, outcome=AppealOutcome.UPHELD, decided_on=D(2025, 5, 1))
    appeal = actions.decide_appeal(case, actor=w.legal_a, outcome=AppealOutcome.UPHELD, decided_on=D(2025, 8, 1))
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and appeal.outcome == AppealOutcome.UPHELD
    assert events(case)[-3:] == ["登记上诉", "登记二审庭审", "登记二审结果：驳回上诉、维持原判"]
    with pytest.raises(ActionError, match="当前状态为“二审审结”，不能登记二审结果"):
        actions.decide_appeal(case, actor=w.legal_a, outcome=AppealOutcome.UPHELD, decided_on=D(2025, 8, 2))


def test_mediated_cases_cannot_be_appealed(w):
    case = make_case(w, received_on=D(2025, 3, 3))
    actions.record_judgment(case, actor=w.legal_a, outcome=Outcome.MEDIATED, concluded_on=D(2025, 5, 1))
    with pytest.raises(ActionError, match="调解结案的案件不能上诉"):
        actions.file_appeal(case, actor=w.legal_a, appellant=Appellant.PLAINTIFF, court="示范市中级人民法院",
                            case_number="（2025）苏11行终4号", filed_on=D(2025, 5, 10))


def test_judicial_suggestion_and_reply(w):
    case = make_case(w, received_on=D(2025, 3, 3))
    with pytest.raises(ActionError, match="请填写建议内容"):
        actions.record_suggestion(case, actor=w.legal_a, court="清源县人民法院", received_on=D(2025, 6, 1), content="")
    s = actions.record_suggestion(case, actor=w.legal_a, court="清源县人民法院", received_on=D(2025, 6, 1),
                                  content="规范送达程序", number="（2025）清法建字第3号")
    with pytest.raises(ActionError, match="没有办理"):
        actions.reply_suggestion(s, actor=w.legal_b, replied_on=D(2025, 6, 20), reply="已整改")
    with pytest.raises(ActionError, match="不能早于收到日期"):
        actions.reply_suggestion(s, actor=w.legal_a, replied_on=D(2025, 5, 20), reply="已整改")
    actions.reply_suggestion(s, actor=w.legal_a, replied_on=D(2025, 6, 20), reply="已修订送达工作规程")
    s.refresh_from_db()
    assert s.replied_on == D(2025, 6, 20)
    with pytest.raises(ActionError, match="已回复"):
        actions.reply_suggestion(s, actor=w.legal_a, replied_on=D(2025, 6, 21), reply="再次回复")
    assert JudicialSuggestion.objects.count() == 1
    assert events(case)[-2:] == ["登记司法建议书", "回复司法建议书"]


def test_update_case(w):
    case = make_case(w)
    actions.update_case(case, actor=w.legal_a, court="示范市中级人民法院", plaintiffs="张某")
    case.refresh_from_db()
    assert case.court == "示范市中级人民法院" and case.plaintiff_names == ["张某"]
    with pytest.raises(ActionError, match="不能修改的字段"):
        actions.update_case(case, actor=w.legal_a, status=CaseStatus.CLOSED)
    with pytest.raises(ActionError, match="没有办理"):
        actions.update_case(case, actor=w.legal_b, court="x")
    assert events(case)[-1] == "修改案件信息"
