"""Statuses and kinds of 行政规范性文件, with the document each follows from.

国办发〔2018〕37号 (关于加强行政规范性文件制定和监督管理工作的通知) sets the life cycle: drafting, public consultation
where rights and duties are affected, legality review, collective deliberation, 统一登记、统一编号、统一印发,
publication (an unpublished document cannot be a basis of administration) and filing; 国办发〔2018〕115号 sets the
legality review."""

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "起草中"
    CONSULTING = "consulting", "公开征求意见"
    REVIEWING = "reviewing", "合法性审核中"
    REVIEWED = "reviewed", "已通过合法性审核"
    DELIBERATED = "deliberated", "已集体审议"
    REGISTERED = "registered", "已统一登记编号"
    PUBLISHED = "published", "已公布"
    ABOLISHED = "abolished", "已废止"
    EXPIRED = "expired", "已失效"
    WITHDRAWN = "withdrawn", "已终止制定"


DRAFTING = (Status.DRAFT, Status.CONSULTING, Status.REVIEWING, Status.REVIEWED, Status.DELIBERATED,
            Status.REGISTERED)
ENDED = (Status.ABOLISHED, Status.EXPIRED)


class ReviewOpinion(models.TextChoices):
    """合法性审核意见 (国办发〔2018〕115号): lawful, lawful once the named changes are made, or not lawful."""

    LAWFUL = "lawful", "合法"
    LAWFUL_IF_AMENDED = "amend", "修改后合法"
    UNLAWFUL = "unlawful", "不合法"


class FilingOutcome(models.TextChoices):
    """备案审查结论, recorded by the reviewing level."""

    NO_OBJECTION = "none", "无异议"
    SUGGEST_AMEND = "amend", "建议修改"
    CORRECT = "correct", "纠正"


CORRECTIVE = (FilingOutcome.SUGGEST_AMEND, FilingOutcome.CORRECT)


class EndKind(models.TextChoices):
    ABOLISHED = "abolished", "废止"
    DECLARED_INVALID = "declared", "宣布失效"
    LAPSED = "lapsed", "有效期届满失效"


class CommentStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "审核通过"
    REJECTED = "rejected", "不予登载"


class Handling(models.TextChoices):
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "不予采纳"


class CampaignKind(models.TextChoices):
    FULL = "full", "全面清理"
    SPECIAL = "special", "专项清理"


class CampaignStatus(models.TextChoices):
    OPEN = "open", "清理中"
    CONCLUDED = "concluded", "已完成并公布"


class Outcome(models.TextChoices):
    """清理结论 for one document."""

    KEPT = "kept", "继续有效"
    REVISED = "revised", "修改"
    ABOLISHED = "abolished", "废止"
    DECLARED_INVALID = "expired", "宣布失效"


class ScrutinySource(models.TextChoices):
    INCIDENTAL = "incidental", "行政复议附带审查"
    FILING = "filing", "备案审查"
