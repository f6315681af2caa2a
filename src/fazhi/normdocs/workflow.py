"""The life of a normative document, declared once (国办发〔2018〕37号, 国办发〔2018〕115号): drafted; put to public
consultation when it affects rights and duties; reviewed for legality by the reviewing body (a document not reviewed
cannot go to deliberation); deliberated collectively; registered and numbered; published (unpublished, it has no
effect); filed and its filing review recorded; revised, renewed, abolished, declared invalid, or lapsed at the end
of its validity. Also a public comment's moderation and handling, and a clean-up campaign."""

from __future__ import annotations

from fazhi.core import clock
from fazhi.core.workflow import Condition, Transition, Workflow
from fazhi.normdocs import forms
from fazhi.normdocs.choices import CampaignStatus, CommentStatus, ReviewOpinion, Status
from fazhi.normdocs.permissions import (
    denied,
    may_link_review,
    may_make,
    may_moderate,
    may_record_filing_review,
    may_review,
    may_run_campaign,
)

S = Status


def _a():
    from fazhi.normdocs import actions

    return actions


def _c():
    from fazhi.normdocs import cleanup

    return cleanup


def _open_comments(d) -> int:
    return d.comments.exclude(status=CommentStatus.REJECTED).filter(handling="").count()


CONSULTED = Condition("涉及公民、法人和其他组织权利义务的文件应当先向社会公开征求意见（国办发〔2018〕37号）。",
                      lambda d: not d.affects_rights or d.consultation_closed_on is not None)
PERIOD_OVER = Condition(lambda d: f"征求意见期间至 {d.consultation_end:%Y-%m-%d} 届满，届满后才能结束征求意见。",
                        lambda d: d.consultation_end is not None and clock.today() > d.consultation_end)
COMMENTS_HANDLED = Condition(lambda d: f"还有 {_open_comments(d)} 条意见尚未审核或登记处理情况。",
                             lambda d: _open_comments(d) == 0)
REVIEWED = Condition("未经合法性审核或者经审核不合法的规范性文件，不得提交集体审议（国办发〔2018〕115号）。",
                     lambda d: d.status == S.REVIEWED)
AMENDED = Condition("审核意见为“修改后合法”，请先按审核意见修改文本。",
                    lambda d: d.review_opinion != ReviewOpinion.LAWFUL_IF_AMENDED
                    or d.versions.filter(note__startswith="按合法性审核意见修改").exists())
NOT_FILED = Condition("该文件已报送备案。", lambda d: d.filed_on is None)
FILED = Condition("文件尚未报送备案。", lambda d: d.filed_on is not None)
NO_OUTCOME = Condition("已登记备案审查结论。", lambda d: not d.filing_outcome)
CONSULTED_ONCE = Condition("已完成公开征求意见。", lambda d: d.consultation_closed_on is None)
# Conditions that fail because the step was already taken: a page does not list such a step as "not yet possible".
DONE = (NOT_FILED, NO_OUTCOME, CONSULTED_ONCE)
HAS_VALIDITY = Condition("该文件未载明有效期。", lambda d: d.valid_until is not None)

DOCUMENT = Workflow(
    name="normdocs.document", label="行政规范性文件", permission=may_make, denied=denied,
    state_labels=dict(Status.choices),
    url_name="normdocs:step",
    transitions=[
        Transition("text", "修改文本", (S.DRAFT, S.REVIEWED), form=forms.TextForm, done="已保存新的文本版本。",
                   run=lambda d, u, x: _a().revise_draft(d, actor=u, **x)),
        Transition("consult", "公开征求意见", S.DRAFT, S.CONSULTING, form=forms.ConsultForm,
                   conditions=[Condition("该文件不涉及公民、法人和其他组织权利义务，无须公开征求意见。",
                                         lambda d: d.affects_rights), CONSULTED_ONCE],
                   basis="国办发〔2018〕37号（涉及群众切身利益的文件向社会公开征求意见）",
                   done="已在门户公开征求意见。", run=lambda d, u, x: _a().open_consultation(d, actor=u, **x)),
        Transition("close_consultation", "结束征求意见", S.CONSULTING, S.DRAFT, form=forms.CloseConsultationForm,
                   conditions=[PERIOD_OVER, COMMENTS_HANDLED], done="征求意见已结束。",
                   run=lambda d, u, x: _a().close_consultation(d, actor=u, **x)),
        Transition("submit_review", "送合法性审核", S.DRAFT, S.REVIEWING, conditions=[CONSULTED], primary=True,
                   form=forms.OnForm, basis="国办发〔2018〕115号（未经合法性审核的不得提交集体审议）",
                   done="已送合法性审核，审核期限已开始计算。",
                   run=lambda d, u, x: _a().submit_for_review(d, actor=u, **x)),
        Transition("review", "出具合法性审核意见", S.REVIEWING, None, permission=may_review, primary=True,
                   form=forms.ReviewForm, basis="国办发〔2018〕115号（审核时间一般不少于5个、最长不超过15个工作日）",
                   done="已出具合法性审核意见。", run=lambda d, u, x: _a().record_review(d, actor=u, **x)),
        Transition("deliberate", "集体审议", (S.DRAFT, S.CONSULTING, S.REVIEWING, S.REVIEWED), S.DELIBERATED,
                   conditions=[REVIEWED, AMENDED], primary=True, form=forms.DeliberateForm,
                   basis="国办发〔2018〕37号（经制定机关负责人集体审议决定）", done="已登记集体审议。",
                   run=lambda d, u, x: _a().deliberate(d, actor=u, **x)),
        Transition("register", "统一登记编号", S.DELIBERATED, S.REGISTERED, primary=True, form=forms.OnForm,
                   basis="国办发〔2018〕37号（统一登记、统一编号、统一印发）", done="已统一登记并编号。",
                   run=lambda d, u, x: _a().register(d, actor=u, **x)),
        Transition("publish", "公布", S.REGISTERED, S.PUBLISHED, primary=True, form=forms.PublishForm,
                   basis="国办发〔2018〕37号（未经公布的规范性文件不得作为行政管理依据）",
                   done="文件已公布，报备期限已开始计算。", run=lambda d, u, x: _a().publish(d, actor=u, **x)),
        Transition("file", "报送备案", (S.PUBLISHED, S.ABOLISHED, S.EXPIRED), None, conditions=[NOT_FILED],
                   primary=True, form=forms.FileForm, basis="规范性文件备案规定（公布之日起15日内报送备案）",
                   done="已登记报送备案。", run=lambda d, u, x: _a().file(d, actor=u, **x)),
        Transition("filing_review", "登记备案审查结论", (S.PUBLISHED, S.ABOLISHED, S.EXPIRED), None,
                   conditions=[FILED, NO_OUTCOME], permission=may_record_filing_review,
                   form=forms.FilingReviewForm, done="已登记备案审查结论。",
                   run=lambda d, u, x: _a().record_filing_review(d, actor=u, **x)),
        Transition("amend", "公布修改后的文本", S.PUBLISHED, None, form=forms.AmendForm,
                   done="已公布修改后的文本。", run=lambda d, u, x: _a().amend(d, actor=u, **x)),
        Transition("renew", "延续有效期", S.PUBLISHED, None, conditions=[HAS_VALIDITY], form=forms.RenewForm,
                   basis="有效期届满前评估，需要继续执行的重新公布", done="已延续有效期。",
                   run=lambda d, u, x: _a().renew(d, actor=u, **x)),
        Transition("end", "废止或宣布失效", S.PUBLISHED, S.ABOLISHED, form=forms.EndForm, done="文件已失效。",
                   run=lambda d, u, x: _a().end(d, actor=u, **x)),
        Transition("lapse", "有效期届满失效", S.PUBLISHED, S.EXPIRED, system=True,
                   conditions=[Condition("有效期尚未届满。", lambda d: d.valid_until is not None
                                         and d.valid_until < clock.today())]),
        Transition("withdraw", "终止制定", (S.DRAFT, S.CONSULTING, S.REVIEWING, S.REVIEWED, S.DELIBERATED),
                   S.WITHDRAWN, form=forms.ReasonForm, done="已终止制定。",
                   run=lambda d, u, x: _a().withdraw(d, actor=u, **x)),
        Transition("link_review", "关联附带审查", (S.PUBLISHED, S.ABOLISHED, S.EXPIRED), None,
                   permission=may_link_review),
    ],
)

COMMENT = Workflow(
    name="normdocs.comment", label="公开征求意见", permission=may_moderate, denied=denied,
    state_labels=dict(CommentStatus.choices),
    url_name="normdocs:comment_step",
    transitions=[
        Transition("moderate", "审核意见", CommentStatus.PENDING, None, primary=True, form=forms.ModerateForm,
                   done="已审核。", run=lambda c, u, x: _a().moderate(c, actor=u, **x)),
        Transition("handle", "登记处理情况", CommentStatus.APPROVED, None, primary=True, form=forms.HandleForm,
                   conditions=[Condition("已登记处理情况。", lambda c: not c.handling)],
                   done="已登记处理情况。", run=lambda c, u, x: _a().handle(c, actor=u, **x)),
    ],
)

CAMPAIGN = Workflow(
    name="normdocs.campaign", label="规范性文件清理", permission=may_run_campaign, denied=denied,
    state_labels=dict(CampaignStatus.choices),
    url_name="normdocs:campaign_step",
    transitions=[
        Transition("add", "纳入清理范围", CampaignStatus.OPEN, None, form=forms.ScopeForm, done="已纳入清理范围。",
                   run=lambda c, u, x: _c().add_to_campaign(c, actor=u, **x)),
        Transition("decide", "登记清理结论", CampaignStatus.OPEN, None),
        Transition("conclude", "完成清理并公布", CampaignStatus.OPEN, CampaignStatus.CONCLUDED, primary=True,
                   conditions=[Condition("清理范围内没有文件。", lambda c: c.entries.exists()),
                               Condition(lambda c: f"还有 {c.entries.filter(outcome='').count()} 件文件未登记清理结论。",
                                         lambda c: not c.entries.filter(outcome="").exists())],
                   form=forms.OnForm, basis="国办发〔2018〕37号（清理结果向社会公布）",
                   done="清理已完成，结果已公布，废止和失效的文件已移出现行有效目录。",
                   run=lambda c, u, x: _c().conclude_campaign(c, actor=u, **x)),
    ],
)
