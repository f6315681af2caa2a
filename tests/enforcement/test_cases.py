"""Enforcement cases: the ordinary penalty procedure with its statutory periods and refusals, on-the-spot penalties,
inspections, publication and its withdrawal when a 复议 decision revokes the decision, evidence in the audit chain,
and the figures."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from fazhi.core import clock
from fazhi.core.audit import verify_chain
from fazhi.core.permissions import ActionError
from fazhi.enforcement import actions, evidence
from fazhi.enforcement.choices import CaseStatus, Correction
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.workflow import CASE
from fazhi.metrics.registry import Scope, evaluate
from fazhi.reconsideration import actions as recon
from fazhi.reconsideration.choices import ActKind, Channel, Outcome
from fazhi.rules.deadlines import deadlines_for

D = dt.date
pytestmark = pytest.mark.django_db


FILED = D(2025, 3, 3)


def _file(s, on=FILED, officers="ZF0001\nZF0002", **kw):
    fields = {"kind": "penalty", "procedure": "ordinary", "power_item": "CF-1", "cause": "销售不合格食品",
              "party_name": "测试县好味食品有限公司", "party_kind": "legal", "party_id": "91350100M000100Y43",
              "facts": "2025年2月28日抽检不合格。"}
    fields.update(kw)
    with clock.frozen(on):
        return actions.file_case(actor=s.w.officer_a, organisation=s.w.dept_a, officers=officers, filed_on=on,
                                 **fields)


def _due(case, rule):
    return deadlines_for(case).get(rule_id=rule).due


def test_filing_checks_officers_item_and_party(s):
    with pytest.raises(ActionError, match="不得少于2人"):
        _file(s, officers="ZF0001")
    with pytest.raises(ActionError, match="王过期的执法证（ZF0003）已于 2025-03-01 到期"):
        _file(s, officers="ZF0001\nZF0003")
    with pytest.raises(ActionError, match="属于行政检查，不能办理行政处罚案件"):
        _file(s, power_item="JC-1")
    with pytest.raises(ActionError, match="不是测试县市场监督管理局在 2025-03-03 有效的权责事项"):
        _file(s, power_item="NOPE")
    with pytest.raises(ActionError, match="校验位"):
        _file(s, party_id="91350100M000100Y44")
    with pytest.raises(ActionError, match="不是经确认的行政执法主体"):
        with clock.frozen(D(2025, 3, 3)):
            actions.file_case(actor=s.w.supervisor, organisation=s.w.dept_b, kind="inspection", power_item="JC-1",
                              cause="检查", party_name="某公司", party_kind="legal", officers="", filed_on=D(2025, 3, 3))
    assert EnforcementCase.objects.count() == 0
    case = _file(s)
    assert case.status == CaseStatus.FILED and case.number == "测试县市场监督管理局执法案〔2025〕1号"
    assert _due(case, "penalty.decision") == D(2025, 6, 3)  # 90 days from 立案 (第六十条)
    assert sorted(o.name for o in case.officers.all()) == ["张执法", "李执法"]


def test_ordinary_penalty_from_filing_to_archive(s):
    w = s.w
    case = _file(s, major=True, review_ground="直接关系当事人重大权益，经过听证")
    with clock.frozen(D(2025, 3, 20)):
        case = actions.notify(case, actor=w.officer_a, on=D(2025, 3, 10), proposal="拟罚款五万元", hearing_right=True)
        assert _due(case, "penalty.hearing_request") == D(2025, 3, 17)  # 5 working days (第六十四条、第八十五条)
        with pytest.raises(ActionError, match="期限已于 2025-03-17 届满"):
            actions.request_hearing(case, actor=w.officer_a, on=D(2025, 3, 18))
        case = actions.request_hearing(case, actor=w.officer_a, on=D(2025, 3, 14))
        assert case.status == CaseStatus.HEARING
        with pytest.raises(ActionError, match="听证最早于 2025-03-27"):
            actions.notify_hearing(case, actor=w.officer_a, on=D(2025, 3, 18), hearing_on=D(2025, 3, 25))
        case = actions.notify_hearing(case, actor=w.officer_a, on=D(2025, 3, 18), hearing_on=D(2025, 3, 28))
    with clock.frozen(D(2025, 4, 10)):
        refusal = CASE.refusal(case, "decide", w.officer_a)
        assert refusal == "当事人已申请听证，听证结束后方可作出决定（第六十五条）。"
        case = actions.hold_hearing(case, actor=w.officer_a, on=D(2025, 3, 28))
        assert CASE.refusal(case, "decide", w.officer_a) == "该案属于重大执法决定，未经法制审核不得作出决定（第五十八条）。"
        with pytest.raises(ActionError, match="未经法制审核"):
            actions.decide(case, actor=w.officer_a, on=D(2025, 4, 8), decision="punished", decision_number="测市监罚〔2025〕1号",
                           decision_text="罚款五万元", penalty_kinds=["fine"], fine_amount="50000")
        with pytest.raises(ActionError, match="权限"):  # the handling officer does not review their own case
            actions.legal_review(case, actor=w.officer_a, on=D(2025, 4, 1), passed=True, opinion="同意")
        case = actions.legal_review(case, actor=w.legal_a, on=D(2025, 4, 1), passed=True, opinion="事实清楚，同意")
        with pytest.raises(ActionError, match="选择了罚款的须填写罚款金额"):
            actions.decide(case, actor=w.officer_a, on=D(2025, 4, 8), decision="punished", decision_number="X",
                           decision_text="罚款", penalty_kinds=["fine"])
        case = actions.decide(case, actor=w.officer_a, on=D(2025, 4, 8), decision="punished",
                              decision_number="测市监罚〔2025〕1号", decision_text="罚款五万元",
                              penalty_kinds=["fine", "warning"], fine_amount="50000", social_impact=True)
    assert case.status == CaseStatus.DECIDED and case.heaviest_kind == "fine"
    assert deadlines_for(case).get(rule_id="penalty.decision").status == "met"
    assert _due(case, "penalty.service") == D(2025, 4, 17)  # 7 working days (第六十一条)
    assert case.publicity_due == D(2025, 4, 17)  # 7 working days (国办发〔2018〕118号)
    with clock.frozen(D(2025, 6, 1)):
        case = actions.serve(case, actor=w.officer_a, on=D(2025, 4, 9), method="直接送达")
        assert _due(case, "penalty.payment") == D(2025, 4, 24)  # 15 days from receipt (第六十七条)
        case = actions.publish(case, actor=w.officer_a, on=D(2025, 4, 15))
        with pytest.raises(ActionError, match="罚款尚未缴纳"):
            actions.close(case, actor=w.officer_a, on=D(2025, 5, 1))
        # 10 days late: 3 % a day is 15,000 元 (第七十二条)
        with pytest.raises(ActionError, match="应缴 65000.00 元（罚款 50000.00 元，加处罚款 15000.00 元"):
            actions.pay(case, actor=w.officer_a, on=D(2025, 5, 4), amount="50000")
        assert actions.surcharge_on(case, D(2025, 6, 1))[0] == Decimal("50000.00")  # capped at the fine
        case = actions.pay(case, actor=w.officer_a, on=D(2025, 5, 4), amount="65000")
        case = actions.close(case, actor=w.officer_a, on=D(2025, 5, 5))
        case = actions.archive(case, actor=w.officer_a, on=D(2025, 5, 20))
    assert case.status == CaseStatus.ARCHIVED and case.surcharge == Decimal("15000.00")
    assert deadlines_for(case).get(rule_id="enforcement.publicity.license_penalty").status == "met"


def test_no_decision_without_notice_and_a_failed_review_blocks_it(s):
    w = s.w
    case = _file(s, major=True, review_ground="涉及重大公共利益")
    with clock.frozen(D(2025, 4, 1)):
        assert CASE.refusal(case, "decide", w.officer_a) is not None
        case = actions.legal_review(case, actor=w.legal_a, on=D(2025, 3, 20), passed=False, opinion="证据不足")
        assert "法制审核未通过（2025-03-20）" in CASE.refusal(case, "decide", w.officer_a)
        case = actions.legal_review(case, actor=w.legal_a, on=D(2025, 3, 25), passed=True, opinion="已补充证据")
        with pytest.raises(ActionError, match="第四十四条、第六十二条"):
            actions.decide(case, actor=w.officer_a, on=D(2025, 3, 26), decision="punished", decision_number="X",
                           decision_text="罚款", penalty_kinds=["warning"])
        case = actions.decide(case, actor=w.officer_a, on=D(2025, 3, 26), decision="not_established",
                              decision_number="测市监不罚〔2025〕1号", decision_text="违法事实不能成立")
    assert case.status == CaseStatus.DECIDED and not case.publication_required


def test_on_the_spot_penalty_limits(s):
    kw = {"procedure": "simple", "decision": "punished", "decision_number": "测市监当罚〔2025〕1号"}
    with pytest.raises(ActionError, match="不得超过 3000 元"):
        _file(s, officers="ZF0001", penalty_kinds=["fine"], fine_amount="3001", **kw)
    with pytest.raises(ActionError, match="自然人不得超过 200 元"):
        _file(s, officers="ZF0001", party_kind="natural", party_name="赵某某", party_id="", penalty_kinds=["fine"],
              fine_amount="201", **kw)
    with pytest.raises(ActionError, match="只能给予警告、通报批评或者罚款"):
        _file(s, officers="ZF0001", penalty_kinds=["revoke_permit"], **kw)
    case = _file(s, officers="ZF0001", penalty_kinds=["fine"], fine_amount="3000", **kw)
    assert case.status == CaseStatus.SERVED and case.served_on == case.decided_on == D(2025, 3, 3)
    assert _due(case, "penalty.payment") == D(2025, 3, 18)
    warning = _file(s, officers="ZF0001", penalty_kinds=["warning"], **kw)
    assert warning.status == CaseStatus.CLOSED


def test_revoked_in_reconsideration_withdraws_the_publication(s):
    w = s.w
    with clock.frozen(D(2025, 3, 3)):
        case = actions.file_case(actor=w.officer_a, organisation=w.dept_a, kind="license", power_item="XK-1",
                                 cause="食品经营许可申请", party_name="测试县好味食品有限公司", party_kind="legal",
                                 officers="ZF0001", filed_on=D(2025, 3, 3), decision="granted",
                                 decision_number="测市监许〔2025〕9号")
    assert case.publication_required and case.publicity_due == D(2025, 3, 12)
    with clock.frozen(D(2025, 7, 1)):
        case = actions.publish(case, actor=w.officer_a, on=D(2025, 3, 10))
        rc = recon.register_application(
            actor=w.reconsideration, organisation=w.gov, respondent=w.dept_a, act_kind=ActKind.LICENSE,
            received_on=D(2025, 4, 1), act_description="食品经营许可决定", channel=Channel.MAIL, request="撤销该许可",
            parties=[{"role": "applicant", "name": "李四", "id_number": "110101199001011234"}])
        rc = recon.accept_case(rc, actor=w.reconsideration, on=D(2025, 4, 2))
        actions.link(case, actor=w.reconsideration, number=rc.number)
        with pytest.raises(ActionError, match="已关联"):
            actions.link(case, actor=w.reconsideration, number=rc.number)
        recon.decide_case(rc, actor=w.reconsideration, on=D(2025, 6, 10), outcome=Outcome.REVOKED, reason="主要事实不清")
        case.refresh_from_db()
        assert case.correction == Correction.REVOKED and case.corrected_via == "reconsideration"
        withdrawal = deadlines_for(case).get(rule_id="penalty.publicity_withdrawal")
        assert withdrawal.due == D(2025, 6, 13)  # 3 working days (第四十八条第二款)
        assert CASE.refusal(case, "withdraw", w.officer_a) is None
        case = actions.withdraw_publication(case, actor=w.officer_a, on=D(2025, 6, 12), reason="该许可决定已被撤销")
    withdrawal.refresh_from_db()
    assert withdrawal.status == "met"
    scope = Scope(w.gov, D(2025, 1, 1), D(2025, 12, 31))
    assert evaluate("enforcement.corrected_by_reconsideration", scope)["value"] == 1


def test_a_reversed_appeal_changes_or_takes_back_the_mark_of_the_first_instance(s):
    """行政诉讼法第八十九条: a first-instance judgment revoking the decision marks it (and starts the 3-day withdrawal);
    the second instance then reverses it (the act stands: the mark is taken back, the withdrawal deadline cancelled)
    or sets it aside (发回重审: likewise); a 改判 to 确认违法 changes the mark."""
    from fazhi.litigation import actions as lit

    w = s.w
    results = []
    for n, (appeal_outcome, final) in enumerate([("reversed", "claims_rejected"), ("remanded", ""),
                                                 ("reversed", "confirmed_illegal"), ("upheld", "")], start=1):
        with clock.frozen(D(2025, 3, 3)):
            case = actions.file_case(actor=w.officer_a, organisation=w.dept_a, kind="license", power_item="XK-1",
                                     cause="食品经营许可申请", party_name=f"测试县好味食品有限公司{n}", party_kind="legal",
                                     officers="ZF0001", filed_on=D(2025, 3, 3), decision="granted",
                                     decision_number=f"测市监许〔2025〕{20 + n}号")
        with clock.frozen(D(2025, 12, 1)):
            case = actions.publish(case, actor=w.officer_a, on=D(2025, 3, 10))
            lc = lit.register_case(actor=w.legal_a, organisation=w.dept_a, court="测试县人民法院",
                                   case_number=f"（2025）测0101行初{n}号", plaintiffs="李四", contested_act="许可决定",
                                   act_kind="license", received_on=D(2025, 4, 1))
            actions.link(case, actor=w.legal_a, number=lc.case_number)
            lit.record_judgment(lc, actor=w.legal_a, outcome="revoked", concluded_on=D(2025, 6, 10))
            case.refresh_from_db()
            assert case.correction == Correction.REVOKED
            lit.file_appeal(lc, actor=w.legal_a, appellant="defendant", court="测试市中级人民法院",
                            case_number=f"（2025）测01行终{n}号", filed_on=D(2025, 6, 20))
            if appeal_outcome == "reversed" and n == 1:
                with pytest.raises(ActionError, match="改判结果"):
                    lit.decide_appeal(lc, actor=w.legal_a, outcome="reversed", decided_on=D(2025, 9, 1))
            lit.decide_appeal(lc, actor=w.legal_a, outcome=appeal_outcome, final_outcome=final,
                              decided_on=D(2025, 9, 1))
        case.refresh_from_db()
        withdrawal = deadlines_for(case).get(rule_id="penalty.publicity_withdrawal")
        results.append((case.correction, withdrawal.status))
    assert results == [("", "cancelled"), ("", "cancelled"), (Correction.CONFIRMED_ILLEGAL, "open"),
                       (Correction.REVOKED, "open")]


def test_evidence_hash_is_in_the_audit_chain(s, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = _file(s)
    with clock.frozen(D(2025, 3, 5)):
        ev = evidence.add_evidence(case, actor=s.w.officer_a, step="investigation", kind="audiovisual",
                                  title="现场检查视频", recorded_on=D(2025, 3, 4), upload=ContentFile(b"video", "a.mp4"))
    assert verify_chain().ok
    path = default_storage.path(ev.file.name)
    with open(path, "wb") as f:
        f.write(b"edited")
    result = verify_chain()
    assert not result.ok and "现场检查视频" in result.message and "已被替换或修改" in result.message


def test_figures(s):
    w = s.w
    case = _file(s, major=True, review_ground="重大")
    with clock.frozen(D(2025, 4, 20)):
        actions.notify(case, actor=w.officer_a, on=D(2025, 3, 10), proposal="拟罚款")
        actions.legal_review(case, actor=w.legal_a, on=D(2025, 3, 20), passed=True, opinion="同意")
        case = actions.decide(case, actor=w.officer_a, on=D(2025, 3, 21), decision="punished", decision_number="A1",
                              decision_text="罚款并没收", penalty_kinds=["fine", "confiscate_gains"],
                              fine_amount="1000", confiscated_amount="234.5", social_impact=True)
        actions.publish(case, actor=w.officer_a, on=D(2025, 4, 10))  # late: due 2025-04-01
    _file(s, procedure="simple", officers="ZF0001", decision="punished", decision_number="A2", penalty_kinds=["fine"],
          fine_amount="100")
    with clock.frozen(D(2025, 3, 3)):
        actions.file_case(actor=w.officer_a, organisation=w.dept_a, kind="inspection", power_item="JC-1",
                          cause="日常检查", party_name="某超市", party_kind="legal", officers="ZF0001\nZF0002",
                          filed_on=D(2025, 3, 3), decision="compliant")
    scope = Scope(w.gov, D(2025, 1, 1), D(2025, 12, 31))
    v = {k: evaluate(k, scope)["value"] for k in (
        "enforcement.decisions.penalty", "enforcement.decisions.inspection", "enforcement.fines_amount",
        "enforcement.major_review_rate", "enforcement.publicity_timely_rate", "enforcement.publicity_required",
        "enforcement.cases")}
    assert v["enforcement.decisions.penalty"] == 2 and v["enforcement.decisions.inspection"] == 1
    assert v["enforcement.cases"] == 2  # the penalty cases; the inspection counts apart
    assert v["enforcement.fines_amount"] == Decimal("1334.50")
    assert v["enforcement.major_review_rate"] == Decimal("100.0")
    assert v["enforcement.publicity_required"] == 1 and v["enforcement.publicity_timely_rate"] == Decimal("0.0")
