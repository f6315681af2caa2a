"""The procedure step by step, through the actions, with the deadlines each step starts, pauses or completes."""

import datetime as dt

import pytest

from fazhi.core.models import AuditEvent
from fazhi.core.permissions import ActionError
from fazhi.reconsideration import actions, tasks
from fazhi.reconsideration.choices import ActKind, CaseStatus, DocumentKind, Outcome, Procedure, SuspensionGround
from fazhi.reconsideration.models import Case, CaseDocument
from fazhi.rules.deadlines import deadlines_for

D = dt.date


def deadline(case, rule_id):
    return deadlines_for(case).filter(rule_id=rule_id).order_by("-pk").first()


def test_intake_numbers_cases_and_starts_the_acceptance_review(recon, w):
    a = recon.register(D(2025, 3, 3))
    b = recon.register(D(2025, 3, 4))
    assert a.number == "测府复〔2025〕1号" and b.number == "测府复〔2025〕2号"
    assert a.status == CaseStatus.RECEIVED
    d = deadline(a, "reconsideration.acceptance")
    assert d.status == "open" and d.due == D(2025, 3, 10)  # 5 working days, Mon 3 March → Mon 10 March
    assert AuditEvent.objects.for_object(a).filter(verb="登记行政复议申请").exists()


def test_late_application_is_warned_not_blocked(recon):
    case = recon.register(D(2025, 6, 3), known_on=D(2025, 3, 1))
    assert "六十日" in case.late_warning and case.status == CaseStatus.RECEIVED
    assert recon.register(D(2025, 4, 1), known_on=D(2025, 3, 1)).late_warning == ""


def test_ordinary_case_from_acceptance_to_decision(recon, w):
    actor = recon.actor
    case = recon.register(D(2025, 3, 3))
    case = actions.accept_case(case, actor=actor, on=D(2025, 3, 5), procedure=Procedure.ORDINARY)
    assert deadline(case, "reconsideration.acceptance").status == "met"
    decision = deadline(case, "reconsideration.decision")
    assert decision.due == D(2025, 5, 6)  # 60 days from 5 March = 4 May (劳动节 holiday) → next working day
    assert deadline(case, "reconsideration.copy_to_respondent").status == "open"
    actions.send_copy(case, actor=actor, on=D(2025, 3, 7))
    assert deadline(case, "reconsideration.copy_to_respondent").status == "met"
    answer = deadline(case, "reconsideration.answer")
    assert answer.status == "open" and answer.organisation == w.dept_a
    actions.record_answer(case, actor=w.legal_a, on=D(2025, 3, 14))  # the respondent files its own answer
    assert deadline(case, "reconsideration.answer").status == "met"
    # 中止 for 10 days moves the decision deadline by 10 days; the extension adds 30 more.
    actions.suspend_case(case, actor=actor, on=D(2025, 4, 1), ground=SuspensionGround.OTHER_CASE)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.SUSPENDED
    with pytest.raises(ActionError, match="中止"):
        actions.decide_case(case, actor=actor, on=D(2025, 4, 2), outcome=Outcome.UPHELD, reason="x")
    actions.resume_case(case, actor=actor, on=D(2025, 4, 11))
    resumed = deadline(case, "reconsideration.decision").due
    assert resumed > decision.due
    actions.extend_case(case, actor=actor, on=D(2025, 5, 6), approver="复议科科长", reason="案情复杂")
    extended = deadline(case, "reconsideration.decision")
    assert extended.extended and extended.due > resumed
    with pytest.raises(ActionError, match="已经延期"):
        actions.extend_case(case, actor=actor, on=D(2025, 5, 7), approver="复议科科长", reason="再延")
    case = actions.decide_case(case, actor=actor, on=D(2025, 6, 10), outcome=Outcome.REVOKED, reason="主要事实不清")
    assert case.status == CaseStatus.CONCLUDED and case.closed_on == D(2025, 6, 10)
    assert deadline(case, "reconsideration.decision").status == "met"
    assert not deadlines_for(case).filter(status="open").exists()
    kinds = set(case.documents.values_list("kind", flat=True))
    assert {DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.ANSWER_NOTICE, DocumentKind.EXTENSION_NOTICE,
            DocumentKind.DECISION} <= kinds
    verbs = list(AuditEvent.objects.for_object(case).values_list("verb", flat=True))
    for verb in ("受理", "发送申请书副本", "登记被申请人答复", "中止审理", "恢复审理", "延长审理期限", "作出复议决定（撤销）"):
        assert verb in verbs


def test_deemed_acceptance_after_five_working_days(recon):
    case = recon.register(D(2025, 3, 3))
    assert actions.apply_deemed_acceptance(D(2025, 3, 10)) == []  # the last day of the period is still open
    lines = tasks.tick(D(2025, 3, 11))
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.deemed_accepted and case.accepted_on == D(2025, 3, 10)
    assert case.procedure == Procedure.ORDINARY and case.number in lines[0]
    assert AuditEvent.objects.for_object(case).filter(verb="视为受理", actor__isnull=True).exists()
    assert deadline(case, "reconsideration.decision").start == D(2025, 3, 10)


def test_rejection_after_the_review_period_is_refused(recon):
    case = recon.register(D(2025, 3, 3))
    with pytest.raises(ActionError, match="视为受理"):
        actions.reject_case(case, actor=recon.actor, on=D(2025, 3, 12), reason="超过申请期限")
    with pytest.raises(ActionError, match="理由"):
        actions.reject_case(case, actor=recon.actor, on=D(2025, 3, 4), reason="  ")
    case = actions.reject_case(case, actor=recon.actor, on=D(2025, 3, 4), reason="超过申请期限",
                               competent_body="示范市人民政府")
    assert case.status == CaseStatus.REJECTED
    assert case.documents.filter(kind=DocumentKind.REJECTION_DECISION).exists()


def test_supplement_pauses_and_restarts_the_review(recon):
    case = recon.register(D(2025, 3, 3))
    actions.request_supplement(case, actor=recon.actor, on=D(2025, 3, 4), items="请补充身份证明")
    acceptance = deadline(case, "reconsideration.acceptance")
    assert acceptance.paused
    assert deadline(case, "reconsideration.supplement").status == "met"
    assert actions.apply_deemed_acceptance(D(2025, 6, 1)) == []  # a paused review is never deemed accepted
    with pytest.raises(ActionError, match="补正期限"):
        actions.mark_abandoned(case, actor=recon.actor, on=D(2025, 3, 10))
    actions.receive_supplement(case, actor=recon.actor, on=D(2025, 3, 20))
    acceptance = deadline(case, "reconsideration.acceptance")
    assert not acceptance.paused and acceptance.due > D(2025, 3, 20)
    assert "请补充身份证明" in case.documents.get(kind=DocumentKind.SUPPLEMENT_NOTICE).body


def test_simplified_procedure_needs_an_article_53_ground(recon):
    case = recon.register(D(2025, 3, 3), amount=5000)
    with pytest.raises(ActionError, match="第五十三条"):
        actions.accept_case(case, actor=recon.actor, on=D(2025, 3, 4), procedure=Procedure.SIMPLIFIED)
    small = recon.register(D(2025, 3, 3), amount=2000)
    small = actions.accept_case(small, actor=recon.actor, on=D(2025, 3, 4), procedure=Procedure.SIMPLIFIED)
    assert deadline(small, "reconsideration.decision.simplified").due == D(2025, 4, 3)
    with pytest.raises(ActionError, match="简易程序"):
        actions.extend_case(small, actor=recon.actor, on=D(2025, 3, 20), approver="科长", reason="复杂")
    with pytest.raises(ActionError, match="批准"):
        actions.convert_to_ordinary(small, actor=recon.actor, on=D(2025, 3, 10), approver="")
    actions.convert_to_ordinary(small, actor=recon.actor, on=D(2025, 3, 10), approver="复议科科长")
    assert deadline(small, "reconsideration.decision.simplified").status == "cancelled"
    assert deadline(small, "reconsideration.decision").due == D(2025, 5, 6)


def test_only_reconsideration_staff_handle_cases(recon, w):
    case = recon.register(D(2025, 3, 3))
    for outsider in (w.legal_a, w.legal_b, w.supervisor):
        with pytest.raises(ActionError, match="权限"):
            actions.accept_case(case, actor=outsider, on=D(2025, 3, 4))
    with pytest.raises(ActionError, match="权限"):
        recon.actor = w.legal_a
        recon.register(D(2025, 3, 3))


def test_decision_kinds_follow_the_law(recon):
    case = recon.accepted(D(2025, 3, 3))
    with pytest.raises(ActionError, match="第六十九条"):
        actions.decide_case(case, actor=recon.actor, on=D(2025, 4, 1), outcome=Outcome.DISMISSED, reason="x")
    with pytest.raises(ActionError, match="第七十二条"):
        actions.decide_case(case, actor=recon.actor, on=D(2025, 4, 1), outcome=Outcome.UPHELD, reason="x",
                            compensation=True)
    nonperf = recon.accepted(D(2025, 3, 3), act_kind=ActKind.NONPERFORMANCE)
    with pytest.raises(ActionError, match="履行期限"):  # art. 66: the decision sets the period
        actions.decide_case(nonperf, actor=recon.actor, on=D(2025, 4, 1), outcome=Outcome.ORDERED_TO_PERFORM,
                            reason="被申请人未履行")
    with pytest.raises(ActionError, match="第六十三条第二款"):  # no 变更 that leaves the applicant worse off
        actions.decide_case(case, actor=recon.actor, on=D(2025, 4, 1), outcome=Outcome.ALTERED, reason="x")
    with pytest.raises(ActionError, match="第六十四条"):
        actions.decide_case(case, actor=recon.actor, on=D(2025, 4, 1), outcome=Outcome.UPHELD, reason="x",
                            redo_days=30)
    decided = actions.decide_case(nonperf, actor=recon.actor, on=D(2025, 4, 1), outcome=Outcome.ORDERED_TO_PERFORM,
                                  reason="被申请人未履行", redo_days=45)
    assert "自收到本决定书之日起四十五日内履行法定职责" in decided.documents.get(kind=DocumentKind.DECISION).body
    settled = actions.terminate_case(case, actor=recon.actor, on=D(2025, 4, 1), reason="双方和解，申请人撤回",
                                     settled=True)
    assert settled.outcome == Outcome.SETTLED
    assert settled.documents.filter(kind=DocumentKind.TERMINATION).exists()


def test_hearing_needs_presiding_officers_and_clerk(recon):
    case = recon.accepted(D(2025, 3, 3))
    with pytest.raises(ActionError, match="第五十条"):
        actions.record_hearing(case, actor=recon.actor, kind="hearing", held_on=D(2025, 3, 20), presiding="甲",
                               members="乙", clerk="丙")
    with pytest.raises(ActionError, match="第五十一条"):
        actions.record_hearing(case, actor=recon.actor, kind="hearing", held_on=D(2025, 3, 20), presiding="甲",
                               members="乙、丁", clerk="丙", notified_on=D(2025, 3, 17))
    # Art. 51(3): whether the respondent's head attended is recorded, with reasons when not.
    with pytest.raises(ActionError, match="第五十一条第三款"):
        actions.record_hearing(case, actor=recon.actor, kind="hearing", held_on=D(2025, 3, 20), presiding="甲",
                               members="乙、丁", clerk="丙", notified_on=D(2025, 3, 13))
    with pytest.raises(ActionError, match="说明理由"):
        actions.record_hearing(case, actor=recon.actor, kind="hearing", held_on=D(2025, 3, 20), presiding="甲",
                               members="乙、丁", clerk="丙", notified_on=D(2025, 3, 13), head_attended=False)
    h = actions.record_hearing(case, actor=recon.actor, kind="hearing", held_on=D(2025, 3, 20), presiding="甲",
                               members="乙、丁", clerk="丙", notified_on=D(2025, 3, 13), head_attended=False,
                               head_absence_reason="局长出差，委托副局长李四参加")
    assert h.pk and case.hearings.count() == 1 and h.respondent_head_attended is False


def test_incidental_review_suspends_and_resumes_the_case(recon):
    case = recon.accepted(D(2025, 3, 3))
    review = actions.request_incidental_review(case, actor=recon.actor, on=D(2025, 3, 10),
                                               document_title="测试县某某管理办法", maker="测试县人民政府")
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED
    assert case.suspensions.get().ground == SuspensionGround.INCIDENTAL_REVIEW
    # Art. 56: 30 days to handle it; art. 58: the maker is told within 3 working days of the suspension.
    assert deadline(review, "reconsideration.incidental_review.handle").due == D(2025, 4, 9)
    assert deadline(review, "reconsideration.incidental_review.maker_notice").due == D(2025, 3, 13)
    actions.notify_maker(review, actor=recon.actor, on=D(2025, 3, 12))
    assert deadline(review, "reconsideration.incidental_review.maker_notice").status == "met"
    answer = deadline(review, "reconsideration.incidental_review.maker_answer")
    assert answer.due == D(2025, 3, 26) and "第五十八条" in answer.citation  # 10 working days
    with pytest.raises(ActionError, match="不能转送"):
        actions.decide_incidental_review(review, actor=recon.actor, on=D(2025, 3, 25), status="transferred",
                                         transferred_to="市人民政府")
    actions.record_maker_answer(review, actor=recon.actor, on=D(2025, 3, 20), answer="相关条款有上位法依据")
    actions.decide_incidental_review(review, actor=recon.actor, on=D(2025, 3, 25), status="lawful",
                                     result="相关条款合法")
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.suspensions.get().end == D(2025, 3, 25)
    assert {d.rule_id: d.status for d in deadlines_for(review)} == {
        "reconsideration.incidental_review.handle": "met", "reconsideration.incidental_review.maker_notice": "met",
        "reconsideration.incidental_review.maker_answer": "met"}
    with pytest.raises(ActionError, match="当前状态为“条款合法”，不能登记制定机关答复"):
        actions.record_maker_answer(review, actor=recon.actor, on=D(2025, 3, 26), answer="补充说明")
    verbs = list(AuditEvent.objects.for_object(review).values_list("verb", flat=True))
    assert "书面通知制定机关" in verbs and "附带审查处理" in verbs


def test_transferred_review_keeps_the_case_suspended_until_the_reply(recon):
    case = recon.accepted(D(2025, 3, 3))
    review = actions.request_incidental_review(case, actor=recon.actor, on=D(2025, 3, 10),
                                               document_title="某省某某办法", maker="某省人民政府", competent=False)
    assert deadline(review, "reconsideration.incidental_review.transfer").due == D(2025, 3, 19)  # 7 working days
    with pytest.raises(ActionError, match="应当转送"):
        actions.decide_incidental_review(review, actor=recon.actor, on=D(2025, 3, 18), status="lawful")
    with pytest.raises(ActionError, match="无需通知制定机关"):
        actions.notify_maker(review, actor=recon.actor, on=D(2025, 3, 12))
    actions.decide_incidental_review(review, actor=recon.actor, on=D(2025, 3, 18), status="transferred",
                                     transferred_to="某省人民政府")
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED  # art. 39(1)(9): still waiting for the transferee
    reply = deadline(review, "reconsideration.incidental_review.transferee_reply")
    assert reply.due == D(2025, 5, 19)  # 60 days end on Saturday 17 May → Monday 19 May
    with pytest.raises(ActionError, match="处理意见"):
        actions.record_transferee_reply(review, actor=recon.actor, on=D(2025, 4, 20), reply=" ")
    actions.record_transferee_reply(review, actor=recon.actor, on=D(2025, 4, 20), reply="该条款已修改")
    case.refresh_from_db()
    review.refresh_from_db()
    assert review.status == "replied" and case.status == CaseStatus.ACCEPTED
    assert deadline(review, "reconsideration.incidental_review.transferee_reply").status == "met"


def test_concluding_a_case_closes_its_review_clocks(recon):
    case = recon.accepted(D(2025, 3, 3))
    review = actions.request_incidental_review(case, actor=recon.actor, on=D(2025, 3, 10),
                                               document_title="测试县某某管理办法", maker="测试县人民政府")
    actions.terminate_case(case, actor=recon.actor, on=D(2025, 3, 12), reason="申请人撤回申请", settled=True)
    assert {d.status for d in deadlines_for(review)} == {"cancelled"}


def test_supplement_period_runs_from_receipt_of_the_notice(recon):
    """Art. 31(2): the applicant has 10 (working, art. 88(2)) days from receiving the 补正通知. Notice sent by post on
    Wed 5 March 2025, signed for on Fri 7 March: due Fri 21 March (not 19 March, counted from sending)."""
    case = recon.register(D(2025, 3, 3))
    case = actions.request_supplement(case, actor=recon.actor, on=D(2025, 3, 5), items="身份证明")
    assert actions.supplement_reply_due(case) is None  # pending receipt
    with pytest.raises(ActionError, match="送达"):
        actions.mark_abandoned(case, actor=recon.actor, on=D(2025, 4, 30))
    notice = actions.issue_document(case.documents.get(kind=DocumentKind.SUPPLEMENT_NOTICE), actor=recon.actor,
                                    on=D(2025, 3, 5))
    service = actions.serve_document(notice, actor=recon.actor, recipient="张三", method="mail", sent_on=D(2025, 3, 5))
    assert actions.supplement_reply_due(case) is None  # posted, not yet signed for
    actions.record_receipt(service, actor=recon.actor, received_on=D(2025, 3, 7))
    assert actions.supplement_reply_due(case) == D(2025, 3, 21)
    d = deadline(case, "reconsideration.supplement_reply")
    assert d.organisation == case.organisation and "第三十一条第二款" in d.citation  # on the case's board like any other
    with pytest.raises(ActionError, match="2025-03-21"):
        actions.mark_abandoned(case, actor=recon.actor, on=D(2025, 3, 21))
    actions.mark_abandoned(case, actor=recon.actor, on=D(2025, 3, 24))


def test_public_notice_service_is_deemed_received_after_thirty_days(recon):
    """民事诉讼法（2021年修正）第九十五条 (via 行政复议法 art. 88(1)): 30 days after the notice is published."""
    case = recon.register(D(2025, 3, 3))
    case = actions.request_supplement(case, actor=recon.actor, on=D(2025, 3, 5), items="身份证明")
    notice = actions.issue_document(case.documents.get(kind=DocumentKind.SUPPLEMENT_NOTICE), actor=recon.actor,
                                    on=D(2025, 3, 5))
    s = actions.serve_document(notice, actor=recon.actor, recipient="张三", method="public_notice",
                               sent_on=D(2025, 3, 6))
    assert s.received_on == D(2025, 4, 5)  # 6 March + 30 days


def test_supplement_received_completes_the_applicants_period(recon):
    case = recon.register(D(2025, 3, 3))
    case = actions.request_supplement(case, actor=recon.actor, on=D(2025, 3, 5), items="身份证明")
    notice = actions.issue_document(case.documents.get(kind=DocumentKind.SUPPLEMENT_NOTICE), actor=recon.actor,
                                    on=D(2025, 3, 5))
    actions.serve_document(notice, actor=recon.actor, recipient="张三", method="direct", sent_on=D(2025, 3, 5),
                           received_on=D(2025, 3, 5))
    actions.receive_supplement(case, actor=recon.actor, on=D(2025, 3, 12))
    assert deadline(case, "reconsideration.supplement_reply").status == "met"


def test_opinion_letter_followup_runs_from_receipt(recon, w):
    """Art. 76: 60 days from the day the recipient receives the 意见书. Issued 6 May 2025, signed for 9 May: due
    8 July (9 May + 60 days, a Tuesday)."""
    letter = actions.issue_letter(actor=recon.actor, organisation=w.gov, kind="opinion", recipient=w.dept_a,
                                  issued_on=D(2025, 5, 6), subject="执法程序不规范", content="告知程序缺失，应予纠正")
    assert not deadlines_for(letter).exists()  # pending receipt
    doc = actions.issue_document(letter.documents.get(kind=DocumentKind.OPINION_LETTER), actor=recon.actor,
                                 on=D(2025, 5, 6))
    actions.serve_document(doc, actor=recon.actor, recipient=w.dept_a.name, method="mail", sent_on=D(2025, 5, 6),
                           received_on=D(2025, 5, 9))
    d = deadlines_for(letter).get()
    assert d.rule_id == "reconsideration.opinion_followup" and d.due == D(2025, 7, 8)
    assert d.organisation == w.dept_a
    actions.record_letter_reply(letter, actor=w.legal_a, on=D(2025, 6, 30), reply="已整改")
    assert deadlines_for(letter).get().status == "met"


def test_suggestion_letter_cites_article_57_2_of_the_regulation(recon, w):
    letter = actions.issue_letter(actor=recon.actor, organisation=w.gov, kind="suggestion", recipient=w.dept_a,
                                  issued_on=D(2025, 5, 6), subject="执法文书格式不统一", content="建议统一文书格式")
    body = letter.documents.get().body
    assert "《中华人民共和国行政复议法实施条例》第五十七条第二款" in body and "第五十八条" not in body


def test_documents_are_edited_then_issued_with_a_number(recon):
    case = recon.accepted(D(2025, 3, 3))
    case = actions.decide_case(case, actor=recon.actor, on=D(2025, 4, 1), outcome=Outcome.UPHELD, reason="事实清楚",
                               findings="经审理查明：申请人于2025年1月5日销售过期食品。")
    doc = case.documents.get(kind=DocumentKind.DECISION)
    assert "维持被申请人作出的" in doc.body and "张三" in doc.body
    # The heading is printed once, whatever the handler typed.
    assert "经审理查明：申请人于" in doc.body and "经审理查明：经审理查明" not in doc.body
    # 签发 is refused while a 【…】 blank remains, naming each one.
    with pytest.raises(ActionError, match="【申请人的事实和理由】.*【被申请人的答复意见】"):
        actions.issue_document(doc, actor=recon.actor, on=D(2025, 4, 2))
    body = doc.body.replace("【申请人的事实和理由】", "处罚过重。").replace("【被申请人的答复意见】", "认定事实清楚。")
    doc = actions.edit_document(doc, actor=recon.actor, title=doc.title, body=body + "\n\n补充一段。")
    doc = actions.issue_document(doc, actor=recon.actor, on=D(2025, 4, 2))
    assert doc.number == "测府复决〔2025〕1号" and doc.is_issued
    with pytest.raises(ActionError, match="已签发"):
        actions.edit_document(doc, actor=recon.actor, title="x", body="y")
    with pytest.raises(ActionError, match="已于"):
        actions.issue_document(doc, actor=recon.actor)
    # A decision is drafted only once the case is decided, so its text follows the recorded outcome (#17 item 1).
    other = recon.accepted(D(2025, 3, 5))
    with pytest.raises(ActionError, match="尚未审结"):
        actions.draft_document(other, DocumentKind.DECISION, actor=recon.actor)
    assert CaseDocument.objects.filter(status="issued").count() == 1


def test_letters_are_seen_by_issuer_and_recipient_only(recon, w):
    from fazhi.reconsideration.models import Letter

    letter = actions.issue_letter(actor=recon.actor, organisation=w.gov, kind="suggestion", recipient=w.dept_a,
                                  issued_on=D(2025, 5, 6), subject="完善执法制度")
    for u in (w.reconsideration, w.supervisor, w.legal_a):
        assert Letter.objects.visible_to(u).filter(pk=letter.pk).exists()
    for u in (w.legal_b, w.outsider):
        assert not Letter.objects.visible_to(u).filter(pk=letter.pk).exists()
    with pytest.raises(ActionError, match="权限"):
        actions.issue_letter(actor=w.legal_a, organisation=w.gov, kind="opinion", recipient=w.dept_b,
                             issued_on=D(2025, 5, 6), subject="x")
