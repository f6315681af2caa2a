"""Kinds, procedures and statuses of enforcement cases. Articles are of 行政处罚法 (2021) unless named."""

from django.db import models


class CaseKind(models.TextChoices):
    """The acts the 三项制度 cover (国办发〔2018〕118号): each is counted in the enforcement yearbook."""

    PENALTY = "penalty", "行政处罚"
    LICENSE = "license", "行政许可"
    COERCION = "coercion", "行政强制"
    INSPECTION = "inspection", "行政检查"


class Procedure(models.TextChoices):
    SIMPLE = "simple", "简易程序（当场处罚）"  # arts. 51–53
    ORDINARY = "ordinary", "普通程序"  # arts. 54–65


class CaseStatus(models.TextChoices):
    FILED = "filed", "调查取证"  # 立案 (art. 54) and investigation (art. 55)
    NOTIFIED = "notified", "已告知（陈述申辩期）"  # art. 44
    HEARING = "hearing", "听证程序"  # arts. 63–65
    DECIDED = "decided", "已作出决定"  # art. 57; for 许可、强制、检查: recorded
    SERVED = "served", "已送达（执行中）"  # art. 61
    CLOSED = "closed", "已结案"
    DROPPED = "dropped", "已撤销立案"
    ARCHIVED = "archived", "已归档"  # art. 47


OPEN_STATUSES = (CaseStatus.FILED, CaseStatus.NOTIFIED, CaseStatus.HEARING, CaseStatus.DECIDED, CaseStatus.SERVED)
BEFORE_DECISION = (CaseStatus.FILED, CaseStatus.NOTIFIED, CaseStatus.HEARING)


class PartyKind(models.TextChoices):
    NATURAL = "natural", "自然人"
    LEGAL = "legal", "法人"
    OTHER = "other", "其他组织"


class PenaltyKind(models.TextChoices):
    """Art. 9, in the order of the article. The yearbook counts a decision with several kinds once, under the
    heaviest: the later in this order (SEVERITY), with 其他 lowest because its weight is unknown."""

    WARNING = "warning", "警告"
    CRITICISM = "criticism", "通报批评"
    FINE = "fine", "罚款"
    CONFISCATE_GAINS = "confiscate_gains", "没收违法所得"
    CONFISCATE_PROPERTY = "confiscate_property", "没收非法财物"
    SUSPEND_PERMIT = "suspend_permit", "暂扣许可证件"
    LOWER_QUALIFICATION = "lower_qualification", "降低资质等级"
    REVOKE_PERMIT = "revoke_permit", "吊销许可证件"
    RESTRICT_BUSINESS = "restrict_business", "限制开展生产经营活动"
    SUSPEND_BUSINESS = "suspend_business", "责令停产停业"
    CLOSE = "close", "责令关闭"
    RESTRICT_PRACTICE = "restrict_practice", "限制从业"
    DETENTION = "detention", "行政拘留"
    OTHER = "other", "其他行政处罚"


SEVERITY = [PenaltyKind.OTHER, *[k for k in PenaltyKind if k != PenaltyKind.OTHER]]
# Art. 63: the kinds for which the party must be told of the right to a hearing (the amount thresholds of 较大数额
# are set per sector or province; a fine or confiscation is flagged by the officer with `hearing_right`).
HEARING_KINDS = (PenaltyKind.LOWER_QUALIFICATION, PenaltyKind.REVOKE_PERMIT, PenaltyKind.RESTRICT_BUSINESS,
                 PenaltyKind.SUSPEND_BUSINESS, PenaltyKind.CLOSE, PenaltyKind.RESTRICT_PRACTICE)
# Art. 51: on-the-spot penalties: 警告 or 通报批评, or a fine up to 200 元 (natural person) / 3,000 元 (organisation).
SIMPLE_KINDS = (PenaltyKind.WARNING, PenaltyKind.CRITICISM, PenaltyKind.FINE)
SIMPLE_FINE_LIMIT = {"natural": 200, "legal": 3000, "other": 3000}


def heaviest(kinds) -> str:
    kinds = [k for k in kinds if k]
    return max(kinds, key=SEVERITY.index) if kinds else ""


class Decision(models.TextChoices):
    """What the case decided. 处罚: art. 57(1)(一) 给予处罚, (二) 不予处罚, (三) 违法事实不能成立, (四) 移送司法机关."""

    PUNISHED = "punished", "给予行政处罚"
    NOT_PUNISHED = "not_punished", "不予行政处罚"
    NOT_ESTABLISHED = "not_established", "违法事实不能成立，不予处罚"
    TRANSFERRED = "transferred", "移送司法机关"
    GRANTED = "granted", "准予许可"
    REFUSED = "refused", "不予许可"
    MEASURE = "measure", "采取行政强制措施"
    ENFORCED = "enforced", "行政强制执行"
    COMPLIANT = "compliant", "检查未发现问题"
    PROBLEMS = "problems", "检查发现问题，责令整改"


DECISIONS_BY_KIND = {
    CaseKind.PENALTY: (Decision.PUNISHED, Decision.NOT_PUNISHED, Decision.NOT_ESTABLISHED, Decision.TRANSFERRED),
    CaseKind.LICENSE: (Decision.GRANTED, Decision.REFUSED),
    CaseKind.COERCION: (Decision.MEASURE, Decision.ENFORCED),
    CaseKind.INSPECTION: (Decision.COMPLIANT, Decision.PROBLEMS),
}


class Correction(models.TextChoices):
    """How a 复议 decision or a judgment changed a decision: the four grounds of art. 48(2) for withdrawing its
    publication."""

    REVOKED = "revoked", "被撤销"
    ALTERED = "altered", "被变更"
    CONFIRMED_ILLEGAL = "confirmed_illegal", "被确认违法"
    CONFIRMED_VOID = "confirmed_void", "被确认无效"


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", "书证、文书"
    PHOTO = "photo", "照片"
    AUDIOVISUAL = "audiovisual", "音像记录"
    OTHER = "other", "其他"


class RecordStep(models.TextChoices):
    """The steps of the 全过程记录; those in AV_REQUIRED need an audio-visual record (国办发〔2018〕118号: 查封扣押、
    现场检查 and hearings are recorded on video)."""

    FILING = "filing", "立案"
    INVESTIGATION = "investigation", "调查取证（现场检查、询问）"
    COERCION = "coercion", "行政强制措施（查封、扣押）"
    NOTICE = "notice", "事先告知"
    HEARING = "hearing", "听证"
    DECISION = "decision", "决定"
    SERVICE = "service", "送达"
    EXECUTION = "execution", "执行"


AV_REQUIRED = (RecordStep.INVESTIGATION, RecordStep.COERCION, RecordStep.HEARING)


class Circumstance(models.TextChoices):
    """The circumstances of a 裁量基准 (行政处罚法第三十二条 从轻减轻, 第三十三条 不予处罚; 从重 where a law provides)."""

    EXEMPT = "exempt", "不予处罚"
    MITIGATED = "mitigated", "减轻处罚"
    LENIENT = "lenient", "从轻处罚"
    GENERAL = "general", "一般"
    SEVERE = "severe", "从重处罚"


class ExemptList(models.TextChoices):
    """The lists a region publishes under 第三十三条: 首违不罚 (first offence, minor harm, corrected in time) and
    轻微免罚 (minor and corrected in time, no harm)."""

    FIRST_OFFENCE = "first_offence", "首违不罚"
    MINOR = "minor", "轻微免罚"


class RoundStatus(models.TextChoices):
    DRAFT = "draft", "待抽取"
    REVIEWING = "reviewing", "评查中"
    CLOSED = "closed", "已结束"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


# The scoring sheet a round starts from (categories and points; a round keeps its own copy as data).
DEFAULT_SHEET = [
    ("主体", "执法主体合法，执法人员持有效证件且不少于两人", 10),
    ("事实", "违法事实清楚，当事人认定准确", 15),
    ("证据", "证据确实充分，取证程序合法，证据之间能相互印证", 20),
    ("程序", "立案、调查、告知、听证、法制审核、集体讨论、送达等程序合法，在法定期限内办结", 25),
    ("法律适用", "适用法律依据正确，裁量适当，符合裁量基准", 15),
    ("文书", "执法文书齐全规范，案卷装订整齐，归档及时", 15),
]
