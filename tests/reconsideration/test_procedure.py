"""Mandatory steps and their documents (issue "Legal correctness", item 6), each pinned to its article of the 2023
行政复议法."""

import datetime as dt

import pytest

from fazhi.core.permissions import ActionError
from fazhi.reconsideration import actions
from fazhi.reconsideration.choices import ActKind, CaseStatus, DocumentKind, Outcome
from fazhi.rules.deadlines import deadlines_for
from fazhi.testing.reconsideration import issue

D = dt.date
pytestmark = pytest.mark.django_db


def _decide(case, actor, **kw):
    return actions.decide_case(case, actor=actor, on=D(2025, 4, 20), outcome=kw.pop("outcome", Outcome.UPHELD),
                               reason="事实清楚", findings="查明的事实", **kw)


def _hear(case, actor, kind="hearing"):
    extra = {"head_attended": True, "respondent_head": "王局长"} if kind == "hearing" else {}
    return actions.record_hearing(case, actor=actor, kind=kind, held_on=D(2025, 4, 1), notified_on=D(2025, 3, 20),
                                  presiding="甲", members="乙、丙", clerk="丁", **extra)


def test_major_case_needs_a_hearing_and_the_committee(recon):
    """Art. 50(1): a 重大、疑难、复杂 case is heard; art. 52(2)(1): the committee is consulted."""
    case = recon.accepted(D(2025, 3, 3))
    actions.classify_case(case, actor=recon.actor, major_complex=True, technical=False, reason="涉及群体利益")
    with pytest.raises(ActionError, match="第五十条第一款"):
        _decide(case, recon.actor)
    _hear(case, recon.actor)
    with pytest.raises(ActionError, match="第五十二条第二款"):
        _decide(case, recon.actor)
    _hear(case, recon.actor, kind="committee")
    assert _decide(case, recon.actor).status == CaseStatus.CONCLUDED


def test_technical_case_needs_only_the_committee(recon):
    case = recon.accepted(D(2025, 3, 3))
    actions.classify_case(case, actor=recon.actor, major_complex=False, technical=True)
    with pytest.raises(ActionError, match="专业性、技术性较强"):
        _decide(case, recon.actor)
    _hear(case, recon.actor, kind="committee")
    assert _decide(case, recon.actor).status == CaseStatus.CONCLUDED


def test_redo_decision_tracks_the_respondents_period_from_receipt(recon, w):
    """Art. 64(1): 撤销 and 责令重作 within the period the decision sets, from the respondent's receipt."""
    case = recon.accepted(D(2025, 3, 3))
    case = _decide(case, recon.actor, outcome=Outcome.REVOKED, redo_days=30)
    doc = issue(case.documents.get(kind=DocumentKind.DECISION), actor=recon.actor, on=D(2025, 4, 21))
    assert "自收到本决定书之日起三十日内重新作出行政行为" in doc.body
    actions.serve_document(doc, actor=recon.actor, recipient="张三", method="direct", sent_on=D(2025, 4, 21),
                           received_on=D(2025, 4, 21))
    assert not deadlines_for(case).filter(rule_id="reconsideration.redo").exists()  # the applicant is not the one
    actions.serve_document(doc, actor=recon.actor, recipient=w.dept_a.name, method="mail", sent_on=D(2025, 4, 21),
                           received_on=D(2025, 4, 24))
    redo = deadlines_for(case).get(rule_id="reconsideration.redo")
    assert redo.due == D(2025, 5, 26) and redo.organisation == w.dept_a  # 05-24 is a Saturday
    assert "第六十四条" in redo.citation
    with pytest.raises(ActionError, match="不能早于"):
        actions.record_redo(case, actor=w.legal_a, on=D(2025, 4, 20))
    actions.record_redo(case, actor=w.legal_a, on=D(2025, 5, 20), reason="已重新作出处罚决定")  # the respondent
    assert deadlines_for(case).get(rule_id="reconsideration.redo").status == "met"
    with pytest.raises(ActionError, match="没有待登记"):
        actions.record_redo(case, actor=recon.actor, on=D(2025, 5, 21))


def test_mediation_takes_effect_on_signing_and_a_party_may_back_out(recon):
    """Art. 73: the 调解书 takes effect when every party signs; a party backing out before returns the case."""
    case = recon.accepted(D(2025, 3, 3))
    case = actions.mediate_case(case, actor=recon.actor, on=D(2025, 4, 1), agreement="罚款减为三千元")
    assert case.status == CaseStatus.MEDIATING and case.closed_on is None
    assert deadlines_for(case).get(rule_id="reconsideration.decision").status == "open"  # still running
    case = actions.withdraw_mediation(case, actor=recon.actor, on=D(2025, 4, 3), reason="申请人反悔")
    assert case.status == CaseStatus.ACCEPTED and not case.documents.filter(kind=DocumentKind.MEDIATION).exists()
    case = actions.mediate_case(case, actor=recon.actor, on=D(2025, 4, 8), agreement="罚款减为三千五百元")
    issue(case.documents.get(kind=DocumentKind.MEDIATION), actor=recon.actor, on=D(2025, 4, 8))
    case = actions.sign_mediation(case, actor=recon.actor, on=D(2025, 4, 10))
    assert case.status == CaseStatus.CONCLUDED and case.outcome == Outcome.MEDIATED and case.closed_on == D(2025, 4, 10)
    with pytest.raises(ActionError, match="已审结"):
        actions.withdraw_mediation(case, actor=recon.actor, on=D(2025, 4, 11))


def test_settled_and_withdrawn_application_cannot_be_filed_again(recon):
    """Art. 74(2): after settlement and withdrawal, no new application on the same facts and grounds, unless the
    applicant shows the withdrawal was not voluntary."""
    first = recon.accepted(D(2025, 3, 3), act_document_number="测市监罚〔2025〕7号")
    actions.terminate_case(first, actor=recon.actor, on=D(2025, 3, 20), reason="双方和解，申请人撤回", settled=True)
    with pytest.raises(ActionError, match="第七十四条第二款"):
        recon.register(D(2025, 4, 1), act_document_number="测市监罚〔2025〕7号")
    other_act = recon.register(D(2025, 4, 1), act_document_number="测市监罚〔2025〕8号")
    assert other_act.pk
    someone_else = recon.register(D(2025, 4, 1), act_document_number="测市监罚〔2025〕7号", name="李四",
                                  parties=[{"role": "applicant", "name": "李四"}])
    assert someone_else.pk
    again = recon.register(D(2025, 4, 2), act_document_number="测市监罚〔2025〕7号", withdrawal_involuntary=True,
                           facts="撤回系受胁迫所为，有录音为证。")
    assert again.pk


def test_suspension_and_resumption_are_notified_in_writing(recon):
    """Art. 39(3): 中止 and 恢复 are told to the parties in writing."""
    case = recon.accepted(D(2025, 3, 3))
    actions.suspend_case(case, actor=recon.actor, on=D(2025, 3, 20), ground="8", reason="等待民事判决")
    notice = case.documents.get(kind=DocumentKind.SUSPENSION_NOTICE)
    assert "第三十九条第一款" in notice.body and "2025年3月20日" in notice.body and "需以其他案件审理结果为依据" in notice.body
    actions.resume_case(case, actor=recon.actor, on=D(2025, 4, 2))
    resumed = case.documents.get(kind=DocumentKind.RESUMPTION_NOTICE)
    assert "第三十九条第二款" in resumed.body and "2025年4月2日" in resumed.body
    assert issue(resumed, actor=recon.actor, on=D(2025, 4, 2)).number.startswith("测府复恢")


def test_extension_takes_a_length_up_to_thirty_days(recon):
    """Art. 62(1): extended by at most 30 days; the notice says by how many."""
    case = recon.accepted(D(2025, 3, 3), D(2025, 3, 4))
    with pytest.raises(ActionError, match="三十日"):
        actions.extend_case(case, actor=recon.actor, on=D(2025, 4, 20), approver="科长", reason="复杂", days=31)
    actions.extend_case(case, actor=recon.actor, on=D(2025, 4, 20), approver="科长", reason="复杂", days=15)
    d = deadlines_for(case).get(rule_id="reconsideration.decision")
    # 60 days from 03-04 → 05-03 (a 调休... no: 05-03 is in the 劳动节 break) raw; +15 → 05-18 (Sunday) → 05-19.
    assert d.due == D(2025, 5, 19) and "延长15日" in d.explanation
    assert "审理期限延长十五日" in case.documents.get(kind=DocumentKind.EXTENSION_NOTICE).body


def test_documents_address_a_person_or_an_organisation(recon):
    person = recon.register(D(2025, 3, 3))
    actions.request_supplement(person, actor=recon.actor, on=D(2025, 3, 4), items="身份证明")
    body = person.documents.get(kind=DocumentKind.SUPPLEMENT_NOTICE).body
    assert "请你自收到" in body and "你（单位）" not in body
    firm = recon.register(D(2025, 3, 3), name="测试县某某有限公司",
                          parties=[{"role": "applicant", "kind": "organisation", "name": "测试县某某有限公司"}])
    actions.request_supplement(firm, actor=recon.actor, on=D(2025, 3, 4), items="营业执照")
    assert "请你单位自收到" in firm.documents.get(kind=DocumentKind.SUPPLEMENT_NOTICE).body


def test_decision_text_has_no_doubled_phrases_or_chains(recon, w):
    case = recon.accepted(D(2025, 3, 3), act_description="对申请人作出的罚款五千元的行政处罚决定",
                          facts="处罚过重。")
    actions.send_copy(case, actor=recon.actor, on=D(2025, 3, 5))
    actions.record_answer(case, actor=w.legal_a, on=D(2025, 3, 12), summary="被申请人称：认定事实清楚，程序合法。")
    case = actions.decide_case(case, actor=recon.actor, on=D(2025, 4, 20), outcome=Outcome.UPHELD,
                               findings="经审理查明：申请人销售过期食品。", reason="本机关认为：处罚适当。")
    body = case.documents.get(kind=DocumentKind.DECISION).body
    assert "被申请人称：认定事实清楚，程序合法。" in body  # from the recorded answer
    for doubled in ("经审理查明：经审理查明", "本机关认为：本机关认为", "被申请人称：被申请人称", "作出的对申请人作出的"):
        assert doubled not in body, doubled
    assert "维持被申请人对申请人作出的罚款五千元的行政处罚决定" in body
    assert "【" not in body


def test_nonperformance_is_not_called_an_act_made(recon):
    case = recon.accepted(D(2025, 3, 3), act_kind=ActKind.NONPERFORMANCE, act_description="对违法占地举报未予查处")
    assert "作出的对" not in case.documents.get(kind=DocumentKind.ACCEPTANCE_NOTICE).body
