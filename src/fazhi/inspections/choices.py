"""Kinds and statuses of 双随机一公开 (国办发〔2015〕58号《关于推广随机抽查规范事中事后监管的通知》; 国发〔2019〕5号
《关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》)."""

from django.db import models


class EntityKind(models.TextChoices):
    ENTERPRISE = "enterprise", "企业"
    INDIVIDUAL = "individual", "个体工商户"
    COOPERATIVE = "cooperative", "农民专业合作社"
    OTHER = "other", "其他"


class EntityStatus(models.TextChoices):
    ACTIVE = "active", "存续"
    CANCELLED = "cancelled", "注销"
    REVOKED = "revoked", "吊销"


class RiskClass(models.TextChoices):
    """信用风险分类 (国发〔2019〕5号 第二条: 根据信用风险分类结果合理确定抽查比例和频次)."""

    A = "A", "A类（信用风险低）"
    B = "B", "B类（信用风险一般）"
    C = "C", "C类（信用风险较高）"
    D = "D", "D类（信用风险高）"


class Method(models.TextChoices):
    ON_SITE = "on_site", "现场检查"
    DOCUMENTS = "documents", "书面检查"
    ONLINE = "online", "网络监测"
    THIRD_PARTY = "third_party", "委托专业机构"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已公布"


class TaskStatus(models.TextChoices):
    DRAFT = "draft", "待承诺"
    COMMITTED = "committed", "已公布承诺，待抽取"
    DRAWN = "drawn", "已抽取，检查中"
    COMPLETED = "completed", "已完成"
    CANCELLED = "cancelled", "已取消"


class ConflictKind(models.TextChoices):
    """回避 (行政处罚法第四十三条; 国办发〔2015〕58号: 执法检查人员与检查对象有利害关系的应当回避)."""

    RELATIONSHIP = "relationship", "近亲属或其他利害关系"
    FORMER_EMPLOYER = "former_employer", "曾任职单位"
    TOWNSHIP = "township", "本人户籍或居住地乡镇（街道）"


class Result(models.TextChoices):
    NO_PROBLEM = "no_problem", "未发现问题"
    NOT_OPERATING = "not_operating", "未发现开展本次抽查涉及的经营活动"
    CORRECTED = "corrected", "发现问题，已责令改正"
    CASE = "case", "发现问题，已立案查处"
    ANNUAL_REPORT = "annual_report", "未按规定公示年度报告"
    UNREACHABLE = "unreachable", "通过登记的住所（经营场所）无法联系"
    TRANSFERRED = "transferred", "发现问题，已移送有关部门"


PROBLEMS = (Result.CORRECTED, Result.CASE, Result.ANNUAL_REPORT, Result.UNREACHABLE, Result.TRANSFERRED)
# 企业信息公示暂行条例 (2024) 第十七条: 未按规定公示年度报告、通过登记的住所或经营场所无法联系的，列入经营异常名录.
ABNORMAL = (Result.ANNUAL_REPORT, Result.UNREACHABLE)
DEFAULT_RATIOS = {"A": "1", "B": "3", "C": "5", "D": "10"}
