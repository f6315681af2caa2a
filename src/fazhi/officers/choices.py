"""Kinds and statuses of enforcement subjects, officers and certificates."""

from django.db import models


class SubjectKind(models.TextChoices):
    """Who may enforce: an administrative organ by law (法定), an organisation authorised by a law or regulation
    (授权, 行政处罚法 art. 19), or one entrusted by an organ (受委托, art. 20: within the entrusted scope, in the
    entrusting organ's name)."""

    STATUTORY = "statutory", "法定行政机关"
    AUTHORISED = "authorised", "法律法规授权的组织"
    ENTRUSTED = "entrusted", "受委托组织"


class CertificateKind(models.TextChoices):
    ENFORCEMENT = "enforcement", "行政执法证"
    SUPERVISION = "supervision", "行政执法监督证"


class CertificateStatus(models.TextChoices):
    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "注销"
