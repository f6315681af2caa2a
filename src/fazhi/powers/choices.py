"""Kinds of power items and of adjustments to the list."""

from django.db import models


class Category(models.TextChoices):
    """The ten categories of administrative power in a 权责清单, plus 公共服务 where a region lists them."""

    LICENSE = "licensing", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LEVY = "levy", "行政征收"
    BENEFIT = "payment", "行政给付"
    INSPECTION = "inspection", "行政检查"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    ADJUDICATION = "adjudication", "行政裁决"
    OTHER = "other", "其他行政权力"
    PUBLIC_SERVICE = "public_service", "公共服务"


class Level(models.TextChoices):
    """The level of government that exercises the item (行使层级)."""

    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"


class AdjustmentKind(models.TextChoices):
    """Dated changes to a list, each approved by a document (the 动态调整 of 权责清单)."""

    ADD = "add", "新增"
    CANCEL = "cancel", "取消"
    DELEGATE = "delegate", "下放"
    TAKE_OVER = "take_over", "承接"
    AMEND = "amend", "调整"
    MERGE = "merge", "合并"


class BasisStatus(models.TextChoices):
    RESOLVED = "resolved", "已解析"
    UNKNOWN_LAW = "unknown_law", "法律法规库未收录"
