"""The life of an annual report and of a department's submission, declared once (fazhi.core.workflow); the actions
in `actions.py` guard every change with `check` and set the state with `move`."""

from __future__ import annotations

from fazhi.core.workflow import Condition, Transition, Workflow
from fazhi.reports.choices import ReportStatus, SubmissionStatus
from fazhi.reports.permissions import may_approve_report, may_draft_report, may_review_material, may_submit_material

R = ReportStatus


def _missing_parts(report) -> list[str]:
    """The required parts (督察工作规定 art. 24) with no text written by staff yet; part five may say "无"."""
    written = set(report.sections.exclude(narrative="").values_list("part", flat=True))
    return [s.title for s in report.sections.filter(level=1).order_by("order") if s.part not in written]


ALL_PARTS_WRITTEN = Condition(lambda r: f"以下部分尚未撰写，不能提交审核：{'；'.join(_missing_parts(r))}。",
                              lambda r: not _missing_parts(r))


def _approver(u, r):
    return may_approve_report(u, r.organisation)


REPORT = Workflow(
    name="reports.annual_report", label="年度报告", permission=lambda u, r: may_draft_report(u, r.organisation),
    denied=lambda r: "您没有办理该报告的权限。", state_labels=dict(ReportStatus.choices),
    transitions=[
        Transition("submit", "提交审核", R.DRAFT, R.REVIEW, conditions=[ALL_PARTS_WRITTEN],
                   basis="法治政府建设与责任落实督察工作规定第二十四条"),
        Transition("send_back", "退回修改", R.REVIEW, R.DRAFT, permission=_approver),
        Transition("approve", "审定", R.REVIEW, R.APPROVED, permission=_approver),
        Transition("publish", "公开", R.APPROVED, R.PUBLISHED, permission=_approver,
                   basis="法治政府建设与责任落实督察工作规定第二十四条（每年4月1日之前）"),
        Transition("reopen", "撤回审定稿重新起草", (R.APPROVED, R.PUBLISHED), R.DRAFT, permission=_approver),
    ],
)

S = SubmissionStatus
SUBMISSION = Workflow(
    name="reports.submission", label="报告素材", permission=lambda u, s: may_review_material(u, s.organisation),
    denied=lambda s: "您没有审核该材料的权限。", state_labels=dict(SubmissionStatus.choices),
    transitions=[
        Transition("accept", "采用", S.SUBMITTED, S.ACCEPTED),
        Transition("return", "退回", S.SUBMITTED, S.RETURNED),
        Transition("revise", "修改后重新报送", S.RETURNED, S.SUBMITTED,
                   permission=lambda u, s: may_submit_material(u, s.organisation)),
    ],
)
