"""Statuses and kinds of the annual report and of department submissions, in one place."""

from django.db import models


class ReportStatus(models.TextChoices):
    # Written by the justice bureau (依法治县办) from the records plus narrative.
    DRAFT = "draft", "起草中"
    # Sent to the reviewer (the supervisor's leadership); may be returned to draft with a reason.
    REVIEW = "review", "审核中"
    # Approved: the text and figures are frozen so the published version cannot drift with later records.
    APPROVED = "approved", "已审定"
    # Public on the portal; 督察工作规定 art. 24 requires publication before 1 April.
    PUBLISHED = "published", "已公开"


class SubmissionKind(models.TextChoices):
    MEASURE = "measure", "工作举措"
    PRACTICE = "practice", "典型经验做法"
    PROBLEM = "problem", "存在问题"
    PLAN = "plan", "下一年度工作安排"


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", "待审核"
    ACCEPTED = "accepted", "已采用"
    RETURNED = "returned", "已退回"
