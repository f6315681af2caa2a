import datetime as dt

import pytest

from fazhi.core.models import AuditEvent
from fazhi.core.permissions import ActionError
from fazhi.rules import deadlines as dl
from fazhi.rules.models import Deadline

D = dt.date
pytestmark = pytest.mark.django_db


def test_start_deadline_on_any_subject(w):
    d = dl.start_deadline(w.dept_a, "disclosure.reply", D(2024, 9, 27), actor=w.legal_a, organisation=w.dept_a)
    assert d.due == D(2024, 10, 30) and d.status == "open" and d.label == "依申请公开答复期限"
    assert d.rule_version == "2019-05-15" and "第三十三条" in d.citation
    assert list(dl.deadlines_for(w.dept_a)) == [d]
    assert d.subject == w.dept_a
    assert AuditEvent.objects.for_object(d).filter(verb="设置法定期限").exists()


def test_outsider_cannot_start_a_deadline_for_another_department(w):
    with pytest.raises(ActionError):
        dl.start_deadline(w.dept_a, "disclosure.reply", D(2024, 9, 27), actor=w.legal_b, organisation=w.dept_a)


def test_pause_resume_extend_complete(w):
    d = dl.start_deadline(w.dept_a, "reconsideration.decision", D(2024, 3, 4), actor=w.reconsideration,
                          organisation=w.dept_a)
    assert d.due == D(2024, 5, 6)
    d = dl.pause_deadline(d, start=D(2024, 3, 10), kind="中止", actor=w.reconsideration, reason="等待另案结果")
    assert d.paused and d.display_status(D(2024, 6, 1)) == "paused"
    with pytest.raises(ActionError, match="已在暂停中"):
        dl.pause_deadline(d, start=D(2024, 3, 11), kind="中止", actor=w.reconsideration)
    d = dl.resume_deadline(d, on=D(2024, 3, 20), actor=w.reconsideration)
    assert not d.paused and d.due == D(2024, 5, 13) and d.previous_due == D(2024, 5, 6)
    with pytest.raises(ActionError, match="批准人"):
        dl.extend_deadline(d, approver="", on=D(2024, 5, 1), actor=w.reconsideration)
    d = dl.extend_deadline(d, approver="张主任", on=D(2024, 5, 1), actor=w.reconsideration)
    assert d.extended and d.due == D(2024, 6, 12)  # 90 days after 3-14 = 6-12
    with pytest.raises(ActionError, match="已经延长"):
        dl.extend_deadline(d, approver="张主任", on=D(2024, 5, 1), actor=w.reconsideration)
    d = dl.complete_deadline(d, on=D(2024, 6, 12), actor=w.reconsideration)
    assert d.status == "met" and d.completed_on == D(2024, 6, 12)
    with pytest.raises(ActionError):
        dl.cancel_deadline(d, actor=w.reconsideration)
    verbs = set(AuditEvent.objects.for_object(d).values_list("verb", flat=True))
    assert {"设置法定期限", "暂停计时（中止）", "恢复计时（中止）", "延长期限", "期限事项完成"} <= verbs


def test_missed_and_display_statuses(w):
    d = dl.start_deadline(w.dept_a, "litigation.answer", D(2024, 3, 4), actor=w.legal_a, organisation=w.dept_a)
    assert d.due == D(2024, 3, 19)
    assert d.display_status(D(2024, 3, 1)) == "open"
    assert d.display_status(D(2024, 3, 15)) == "due_soon"
    assert d.display_status(D(2024, 3, 20)) == "overdue"
    assert d.get_display_status_label(D(2024, 3, 20)) == "已逾期"
    d = dl.complete_deadline(d, on=D(2024, 3, 21), actor=w.legal_a)
    assert d.status == "missed"


def test_extension_after_expiry_is_refused(w):
    d = dl.start_deadline(w.dept_a, "disclosure.reply", D(2024, 9, 27), actor=w.legal_a, organisation=w.dept_a)
    with pytest.raises(ActionError, match="届满"):
        dl.extend_deadline(d, approver="李科长", on=D(2024, 10, 31), actor=w.legal_a)
    assert not Deadline.objects.get(pk=d.pk).extended


def test_cancel(w):
    d = dl.start_deadline(w.dept_a, "petition.notice", D(2024, 3, 4), actor=w.legal_a, organisation=w.dept_a)
    d = dl.cancel_deadline(d, actor=w.legal_a, reason="申请人撤回")
    assert d.status == "cancelled"
