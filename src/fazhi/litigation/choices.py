"""Statuses, kinds and outcomes of administrative litigation (行政诉讼法), in one place."""

from django.db import models


class CaseStatus(models.TextChoices):
    # 起诉状副本已收到，答辩期（第六十七条：十五日）正在计算
    PENDING_ANSWER = "pending_answer", "待答辩"
    # 已提交答辩状和证据，等待开庭或裁判
    IN_TRIAL = "in_trial", "一审审理中"
    # 一审已裁判、撤诉或调解结案
    CONCLUDED = "concluded", "一审审结"
    # 当事人上诉（第八十五条），二审审理中
    APPEALED = "appealed", "二审审理中"
    # 二审已审结
    CLOSED = "closed", "二审审结"


OPEN_STATUSES = (CaseStatus.PENDING_ANSWER, CaseStatus.IN_TRIAL)


class ActKind(models.TextChoices):
    """Kinds of the contested act, as counted in annual reports."""

    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LICENSE = "license", "行政许可"
    EXPROPRIATION = "expropriation", "行政征收征用"
    REGISTRATION = "registration", "行政登记确认"
    DISCLOSURE = "disclosure", "政府信息公开"
    INACTION = "inaction", "不履行法定职责"
    AGREEMENT = "agreement", "行政协议"
    COMPENSATION = "compensation", "行政赔偿补偿"
    OTHER = "other", "其他"


class Outcome(models.TextChoices):
    """First-instance outcomes. Articles of 行政诉讼法 (2017)."""

    # won
    CLAIMS_REJECTED = "claims_rejected", "判决驳回诉讼请求"  # 第六十九条
    SUIT_DISMISSED = "suit_dismissed", "裁定驳回起诉"  # 第五十一条、司法解释
    # lost
    REVOKED = "revoked", "判决撤销"  # 第七十条
    CONFIRMED_ILLEGAL = "confirmed_illegal", "判决确认违法"  # 第七十四条
    CONFIRMED_VOID = "confirmed_void", "判决确认无效"  # 第七十五条
    ORDERED_TO_PERFORM = "ordered_to_perform", "判决责令履行"  # 第七十二条、第七十三条
    ALTERED = "altered", "判决变更"  # 第七十七条
    COMPENSATION = "compensation", "判决赔偿"  # 第七十六条
    # withdrawn (第六十二条)
    WITHDRAWN = "withdrawn", "原告撤诉"
    WITHDRAWN_AFTER_CORRECTION = "withdrawn_after_correction", "被告改变行政行为后原告撤诉"
    # mediated (第六十条：赔偿、补偿及自由裁量案件可以调解)
    MEDIATED = "mediated", "调解结案"
    OTHER = "other", "其他方式结案"


WON_OUTCOMES = (Outcome.CLAIMS_REJECTED, Outcome.SUIT_DISMISSED)
LOST_OUTCOMES = (Outcome.REVOKED, Outcome.CONFIRMED_ILLEGAL, Outcome.CONFIRMED_VOID, Outcome.ORDERED_TO_PERFORM,
                 Outcome.ALTERED, Outcome.COMPENSATION)
WITHDRAWN_OUTCOMES = (Outcome.WITHDRAWN, Outcome.WITHDRAWN_AFTER_CORRECTION)
OUTCOME_GROUPS = {
    "won": ("胜诉", WON_OUTCOMES),
    "lost": ("败诉", LOST_OUTCOMES),
    "withdrawn": ("撤诉", WITHDRAWN_OUTCOMES),
    "mediated": ("调解", (Outcome.MEDIATED,)),
    "other": ("其他", (Outcome.OTHER,)),
}


def outcome_group(outcome: str) -> str:
    for key, (_label, members) in OUTCOME_GROUPS.items():
        if outcome in members:
            return key
    return ""


class Appearance(models.TextChoices):
    """Who appeared in court for the defendant agency (第三条第三款; 最高法2020年规定)."""

    HEAD = "head", "正职负责人出庭"
    DEPUTY = "deputy", "副职负责人出庭"
    STAFF = "staff", "仅工作人员出庭"
    LAWYER = "lawyer", "仅委托律师出庭"


HEAD_APPEARANCES = (Appearance.HEAD, Appearance.DEPUTY)


class Instance(models.TextChoices):
    FIRST = "first", "一审"
    SECOND = "second", "二审"


class Appellant(models.TextChoices):
    PLAINTIFF = "plaintiff", "原告上诉"
    DEFENDANT = "defendant", "被告（本机关）上诉"
    THIRD_PARTY = "third_party", "第三人上诉"
    BOTH = "both", "双方均上诉"


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "驳回上诉、维持原判"  # 第八十九条第一款第一项
    REVERSED = "reversed", "依法改判"  # 第八十九条第一款第二项
    REMANDED = "remanded", "发回重审"  # 第八十九条第一款第三项
    WITHDRAWN = "withdrawn", "撤回上诉"
    OTHER = "other", "其他"
