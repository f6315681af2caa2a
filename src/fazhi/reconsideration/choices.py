"""Statuses and kinds of 行政复议 (行政复议法 2023), in one place."""

from django.db import models


class CaseStatus(models.TextChoices):
    # Application registered; the 5-working-day acceptance review runs (art. 30).
    RECEIVED = "received", "待审查"
    # A 补正通知 went out; the review clock is paused until the material arrives (art. 31).
    SUPPLEMENTING = "supplementing", "补正中"
    # Accepted (expressly or deemed, art. 30(3)); under hearing by ordinary or simplified procedure.
    ACCEPTED = "accepted", "审理中"
    # 中止 (art. 39): the decision period is paused until the hearing resumes.
    SUSPENDED = "suspended", "中止"
    # Agreement reached (art. 73(1)); the 调解书 takes effect when every party has signed it. A party who backs out
    # before that returns the case to review and decision (art. 73(2)); the decision period runs on meanwhile.
    MEDIATING = "mediating", "调解书待签收"
    # 不予受理 within the review period (art. 30(2)). Final.
    REJECTED = "rejected", "不予受理"
    # No supplement within the period: deemed abandoned, recorded (art. 31(2)). Final.
    ABANDONED = "abandoned", "视为放弃"
    # Closed by a decision, 调解书, 终止 or 驳回申请 (arts. 33, 41, 63–74). Final.
    CONCLUDED = "concluded", "已审结"


OPEN_STATUSES = (CaseStatus.RECEIVED, CaseStatus.SUPPLEMENTING, CaseStatus.ACCEPTED, CaseStatus.SUSPENDED,
                 CaseStatus.MEDIATING)
FINAL_STATUSES = (CaseStatus.REJECTED, CaseStatus.ABANDONED, CaseStatus.CONCLUDED)


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", "普通程序"  # arts. 48–52, 62(1)
    SIMPLIFIED = "simplified", "简易程序"  # arts. 53–55, 62(2)


class ActKind(models.TextChoices):
    """Kinds of contested act, as the statistics of 复议机构 count them."""

    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LICENSE = "license", "行政许可"
    CONFIRMATION = "confirmation", "行政确认"
    EXPROPRIATION = "expropriation", "行政征收征用"
    DISCLOSURE = "disclosure", "政府信息公开"
    NONPERFORMANCE = "nonperformance", "不履行法定职责"
    COMPLAINT = "complaint", "举报投诉处理"
    AGREEMENT = "agreement", "行政协议"
    WORK_INJURY = "work_injury", "工伤认定"
    OTHER = "other", "其他"


class Channel(models.TextChoices):
    """How the application came in (art. 22)."""

    IN_PERSON = "in_person", "当面递交"
    MAIL = "mail", "邮寄"
    ONLINE = "online", "网上申请"
    ORAL = "oral", "口头申请（当场记录）"


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", "申请人"  # art. 14
    REPRESENTATIVE = "representative", "代表人"  # art. 15
    THIRD_PARTY = "third_party", "第三人"  # art. 16
    AGENT = "agent", "委托代理人"  # art. 17


class PartyKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class Outcome(models.TextChoices):
    """How a case was closed. Every value counts towards 审结."""

    ALTERED = "altered", "变更"  # art. 63
    REVOKED = "revoked", "撤销"  # art. 64 (incl. partial revocation, with or without 责令重作); art. 70
    CONFIRMED_ILLEGAL = "confirmed_illegal", "确认违法"  # art. 65
    ORDERED_TO_PERFORM = "ordered_to_perform", "责令履行"  # art. 66
    CONFIRMED_VOID = "confirmed_void", "确认无效"  # art. 67
    UPHELD = "upheld", "维持"  # art. 68
    DISMISSED = "dismissed", "驳回复议请求"  # art. 69
    AGREEMENT_REMEDY = "agreement_remedy", "责令承担行政协议责任"  # art. 71
    MEDIATED = "mediated", "调解"  # art. 73 (调解书)
    SETTLED = "settled", "和解后撤回终止"  # art. 74: settlement, withdrawal, termination
    TERMINATED = "terminated", "终止"  # art. 41
    APPLICATION_DISMISSED = "application_dismissed", "驳回申请"  # art. 33


# Outcomes reached by a 行政复议决定书 (arts. 63–72, 33), as opposed to 调解书 or 终止.
DECISION_OUTCOMES = (Outcome.ALTERED, Outcome.REVOKED, Outcome.CONFIRMED_ILLEGAL, Outcome.ORDERED_TO_PERFORM,
                     Outcome.CONFIRMED_VOID, Outcome.UPHELD, Outcome.DISMISSED, Outcome.AGREEMENT_REMEDY,
                     Outcome.APPLICATION_DISMISSED)
# 直接纠错 (DOMAIN.md, reconsideration.correction_rate): the decisions that correct the act.
CORRECTION_OUTCOMES = (Outcome.REVOKED, Outcome.ALTERED, Outcome.CONFIRMED_ILLEGAL, Outcome.ORDERED_TO_PERFORM,
                       Outcome.CONFIRMED_VOID)
OUTCOME_ARTICLE = {
    Outcome.ALTERED: "第六十三条", Outcome.REVOKED: "第六十四条", Outcome.CONFIRMED_ILLEGAL: "第六十五条",
    Outcome.ORDERED_TO_PERFORM: "第六十六条", Outcome.CONFIRMED_VOID: "第六十七条", Outcome.UPHELD: "第六十八条",
    Outcome.DISMISSED: "第六十九条", Outcome.AGREEMENT_REMEDY: "第七十一条", Outcome.MEDIATED: "第七十三条",
    Outcome.SETTLED: "第七十四条", Outcome.TERMINATED: "第四十一条", Outcome.APPLICATION_DISMISSED: "第三十三条",
}


class SuspensionGround(models.TextChoices):
    """The grounds of 中止 listed in art. 39(1)."""

    DEATH = "1", "（一）申请人死亡，近亲属尚未确定是否参加"
    INCAPACITY = "2", "（二）申请人丧失行为能力，尚未确定法定代理人"
    MISSING = "3", "（三）申请人下落不明"
    DISSOLVED = "4", "（四）申请人终止，尚未确定权利义务承受人"
    FORCE_MAJEURE = "5", "（五）不可抗力或其他正当理由不能参加"
    MEDIATION = "6", "（六）调解、和解，申请人和被申请人同意中止"
    INTERPRETATION = "7", "（七）法律适用问题需有权机关解释或确认"
    OTHER_CASE = "8", "（八）需以其他案件审理结果为依据"
    INCIDENTAL_REVIEW = "9", "（九）规范性文件附带审查（第五十六、五十七条）"
    OTHER = "10", "（十）其他情形"


# Art. 41(1)(5): a 中止 on these grounds that lasts 60 days leads to 终止.
TERMINABLE_SUSPENSION_GROUNDS = (SuspensionGround.DEATH, SuspensionGround.INCAPACITY, SuspensionGround.DISSOLVED)


class HearingKind(models.TextChoices):
    HEARING = "hearing", "听证"  # art. 50
    LISTENING = "listening", "听取意见"  # art. 49
    COMMITTEE = "committee", "复议委员会咨询"  # art. 52


class LetterKind(models.TextChoices):
    OPINION = "opinion", "行政复议意见书"  # art. 76: corrective report within 60 days
    SUGGESTION = "suggestion", "行政复议建议书"  # 行政复议法实施条例 art. 58


class ReviewStatus(models.TextChoices):
    """附带审查 of a normative document (arts. 13, 56–60)."""

    PENDING = "pending", "审查中"
    TRANSFERRED = "transferred", "已转送"
    REPLIED = "replied", "接受转送机关已回复"
    LAWFUL = "lawful", "条款合法"
    UNLAWFUL = "unlawful", "停止执行并责令纠正"


REVIEW_OPEN = (ReviewStatus.PENDING, ReviewStatus.TRANSFERRED)  # the case stays suspended meanwhile (art. 39(1)(9))


class DocumentKind(models.TextChoices):
    SUPPLEMENT_NOTICE = "supplement_notice", "补正通知书"
    ACCEPTANCE_NOTICE = "acceptance_notice", "受理通知书"
    REJECTION_DECISION = "rejection_decision", "不予受理决定书"
    ANSWER_NOTICE = "answer_notice", "答复通知书"
    EXTENSION_NOTICE = "extension_notice", "延期审理通知书"
    SUSPENSION_NOTICE = "suspension_notice", "中止行政复议通知书"
    RESUMPTION_NOTICE = "resumption_notice", "恢复审理通知书"
    DECISION = "decision", "行政复议决定书"
    MEDIATION = "mediation", "行政复议调解书"
    TERMINATION = "termination", "终止行政复议决定书"
    OPINION_LETTER = "opinion_letter", "行政复议意见书"
    SUGGESTION_LETTER = "suggestion_letter", "行政复议建议书"


# The character in the document number: 清府复决〔2026〕3号.
DOCUMENT_CODE = {
    DocumentKind.SUPPLEMENT_NOTICE: "补", DocumentKind.ACCEPTANCE_NOTICE: "受",
    DocumentKind.REJECTION_DECISION: "不受", DocumentKind.ANSWER_NOTICE: "答",
    DocumentKind.EXTENSION_NOTICE: "延", DocumentKind.SUSPENSION_NOTICE: "中",
    DocumentKind.RESUMPTION_NOTICE: "恢", DocumentKind.DECISION: "决", DocumentKind.MEDIATION: "调",
    DocumentKind.TERMINATION: "终", DocumentKind.OPINION_LETTER: "意", DocumentKind.SUGGESTION_LETTER: "建",
}


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    ISSUED = "issued", "已签发"


# Documents that conclude a case: drafted only once it is concluded (or, for the 调解书, once agreed), so their
# text follows the recorded outcome.
CONCLUDING_KINDS = (DocumentKind.DECISION, DocumentKind.MEDIATION, DocumentKind.TERMINATION)


class ServiceMethod(models.TextChoices):
    """送达 (行政复议法 art. 88(1) → 民事诉讼法 arts. 87–95). 抄告 (art. 79(2)) is recorded the same way."""

    DIRECT = "direct", "直接送达"
    MAIL = "mail", "邮寄送达"
    ELECTRONIC = "electronic", "电子送达"
    LEFT = "left", "留置送达"
    ENTRUSTED = "entrusted", "委托送达"
    PUBLIC_NOTICE = "public_notice", "公告送达"
    COPY_TO_SUPERIOR = "copy_superior", "抄告上一级主管部门（第七十九条第二款）"


class PublicationScope(models.TextChoices):
    """Art. 79(1): published according to how public the contested act was."""

    FULL = "full", "全文公开（隐去个人信息）"
    SUMMARY = "summary", "摘要公开（文号、被申请人、结果）"
    NONE = "none", "不予公开"


class ActPublicity(models.TextChoices):
    PUBLIC = "public", "被申请的行政行为已主动公开"
    ON_REQUEST = "on_request", "被申请的行政行为未主动公开"
    CONFIDENTIAL = "confidential", "涉及国家秘密、商业秘密或者个人隐私"
