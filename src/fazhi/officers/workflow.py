"""The steps of the registers, declared once: a subject is announced and ended; an officer takes certificates and
training, and leaves; a certificate is suspended (暂扣), restored and revoked (注销)."""

from __future__ import annotations

from fazhi.core import clock
from fazhi.core.workflow import Transition, Workflow
from fazhi.officers import forms
from fazhi.officers.choices import CertificateStatus
from fazhi.officers.permissions import denied, may_issue, may_issue_for, may_issue_subject, may_keep_officer

ACTIVE, ENDED, ON_DUTY, LEFT = "active", "ended", "on_duty", "left"
C = CertificateStatus


def _a():
    from fazhi.officers import actions

    return actions


SUBJECT = Workflow(
    name="officers.subject", label="行政执法主体", permission=may_issue_subject, denied=denied, status_field=None,
    state=lambda s: ACTIVE if s.valid_to is None or s.valid_to > clock.today() else ENDED,
    state_labels={ACTIVE: "有效", ENDED: "已终止"}, url_name="officers:subject_step",
    transitions=[
        Transition("announce", "公告", ACTIVE, form=forms.AnnounceForm, primary=True, basis="行政执法公示制度",
                   run=lambda s, u, d: _a().announce_subject(s, actor=u, on=d["on"])),
        Transition("end", "终止（撤销确认或终止委托）", ACTIVE, form=forms.EndForm, basis="行政处罚法第二十条",
                   run=lambda s, u, d: _a().end_subject(s, actor=u, on=d["on"], reason=d["reason"])),
    ],
)

OFFICER = Workflow(
    name="officers.officer", label="行政执法人员", permission=may_keep_officer, denied=denied, status_field=None,
    state=lambda o: ON_DUTY if o.active else LEFT, state_labels={ON_DUTY: "在岗", LEFT: "离岗"},
    url_name="officers:officer_step",
    transitions=[
        Transition("certificate", "发放执法证", ON_DUTY, form=forms.CertificateForm, primary=True,
                   permission=lambda u, o: may_issue(u, o.organisation), basis="行政处罚法第四十二条",
                   run=lambda o, u, d: _a().issue_certificate(o, actor=u, number=d["number"], kind=d["kind"],
                                                              areas=d["areas"], issued_on=d["issued_on"],
                                                              expires_on=d["expires_on"])),
        Transition("training", "登记培训或考试", ON_DUTY, form=forms.TrainingForm, basis="行政执法人员培训",
                   run=lambda o, u, d: _a().record_training(o, actor=u, on=d["on"], title=d["title"],
                                                            hours=d["hours"], exam_score=d["exam_score"],
                                                            passed=d["passed"])),
        Transition("leave", "离岗", ON_DUTY, form=forms.LeaveForm, basis="行政执法证件管理",
                   run=lambda o, u, d: _a().officer_leaves(o, actor=u, on=d["on"], reason=d["reason"])),
    ],
)

CERTIFICATE = Workflow(
    name="officers.certificate", label="行政执法证件", permission=may_issue_for, denied=denied,
    state_labels=dict(CertificateStatus.choices), url_name="officers:certificate_step",
    transitions=[
        Transition("suspend", "暂扣", C.VALID, C.SUSPENDED, form=forms.StatusForm, basis="行政执法证件管理",
                   run=lambda c, u, d: _a().suspend_certificate(c, actor=u, on=d["on"], reason=d["reason"])),
        Transition("restore", "恢复", C.SUSPENDED, C.VALID, form=forms.StatusForm, primary=True,
                   basis="行政执法证件管理",
                   run=lambda c, u, d: _a().restore_certificate(c, actor=u, on=d["on"], reason=d["reason"])),
        Transition("revoke", "注销", (C.VALID, C.SUSPENDED), C.REVOKED, form=forms.StatusForm,
                   basis="行政执法证件管理",
                   run=lambda c, u, d: _a().revoke_certificate(c, actor=u, on=d["on"], reason=d["reason"])),
    ],
)
