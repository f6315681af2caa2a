"""行政复议 cases, their parties, hearings, suspensions, letters, incidental reviews and documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from fazhi.core.models import Organisation
from fazhi.core.scoping import ScopedQuerySet, scope_q, subtree_q
from fazhi.reconsideration.choices import (
    OPEN_STATUSES,
    TERMINABLE_SUSPENSION_GROUNDS,
    ActKind,
    ActPublicity,
    CaseStatus,
    Channel,
    DocumentKind,
    DocumentStatus,
    HearingKind,
    LetterKind,
    Outcome,
    PartyKind,
    PartyRole,
    Procedure,
    PublicationScope,
    ReviewStatus,
    ServiceMethod,
    SuspensionGround,
)


class CaseQuerySet(ScopedQuerySet):
    """A case belongs to its 复议机关; the respondent department also sees it (but only its own)."""

    scope_field = "organisation"

    def visible_to(self, user):
        handler = scope_q(user, "organisation")
        if handler is None:
            return self
        return self.filter(handler | scope_q(user, "respondent"))

    def in_subtree(self, organisation):
        """Cases handled by, or brought against, an organisation in the subtree (a department's figures are
        the cases where it is the respondent)."""
        return self.filter(subtree_q("organisation", organisation) | subtree_q("respondent", organisation))

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def published(self):
        """Concluded cases whose 决定书 (or 调解书, 终止决定书) has been issued: shown on the portal (art. 79)."""
        return self.filter(status=CaseStatus.CONCLUDED, documents__status=DocumentStatus.ISSUED,
                           documents__kind__in=PUBLIC_DOCUMENT_KINDS).distinct()


PUBLIC_DOCUMENT_KINDS = (DocumentKind.DECISION, DocumentKind.MEDIATION, DocumentKind.TERMINATION)


class Case(models.Model):
    """One 行政复议 application and the case it becomes."""

    organisation = models.ForeignKey(Organisation, verbose_name="复议机关", on_delete=models.PROTECT,
                                     related_name="reconsideration_cases")
    respondent = models.ForeignKey(Organisation, verbose_name="被申请人", on_delete=models.PROTECT,
                                   related_name="reconsideration_respondent_cases")
    number = models.CharField("收案编号", max_length=60, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField("收案年度")
    seq = models.PositiveIntegerField("收案序号")
    # The contested act (art. 11) and what makes the simplified procedure available (art. 53).
    act_kind = models.CharField("行政行为类别", max_length=20, choices=ActKind.choices)
    act_description = models.CharField("被申请复议的行政行为", max_length=300)
    act_document_number = models.CharField("行政行为文书号", max_length=100, blank=True)
    act_date = models.DateField("行政行为作出日期", null=True, blank=True)
    known_on = models.DateField("知道该行政行为之日", null=True, blank=True)
    act_on_the_spot = models.BooleanField("当场作出", default=False)
    act_is_warning = models.BooleanField("警告或通报批评", default=False)
    amount = models.DecimalField("涉及款额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    parties_consent_simplified = models.BooleanField("各方同意适用简易程序", default=False)
    request = models.TextField("行政复议请求")
    facts = models.TextField("事实和理由", blank=True)
    # Intake (arts. 20, 22).
    received_on = models.DateField("收到申请日期", db_index=True)
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    late_warning = models.CharField("申请期限提示", max_length=300, blank=True)
    # The identity of an imported row (a hash of its identifying fields): importing it again changes nothing.
    import_key = models.CharField("导入标识", max_length=64, blank=True, db_index=True)
    # Acceptance (art. 30).
    # Changed only by the actions, as declared in workflow.CASE.
    status = models.CharField("状态", max_length=50, default=CaseStatus.RECEIVED, choices=CaseStatus.choices,
                              db_index=True)
    procedure = models.CharField("审理程序", max_length=20, choices=Procedure.choices, blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True, db_index=True)
    deemed_accepted = models.BooleanField("视为受理", default=False)
    rejected_on = models.DateField("不予受理日期", null=True, blank=True, db_index=True)
    rejection_reason = models.TextField("不予受理理由", blank=True)
    competent_body = models.CharField("有管辖权的复议机关", max_length=200, blank=True)
    supplement_requested_on = models.DateField("补正通知日期", null=True, blank=True)
    supplement_items = models.TextField("补正事项", blank=True)
    # Hearing (arts. 48–55).
    copy_sent_on = models.DateField("副本发送日期", null=True, blank=True)
    answered_on = models.DateField("被申请人答复日期", null=True, blank=True)
    answer_summary = models.TextField("被申请人答复要点", blank=True)
    # Art. 50(1): a hearing is mandatory; art. 52(2): the committee's opinion is mandatory (also when technical).
    major_complex = models.BooleanField("重大、疑难、复杂案件", default=False)
    technical = models.BooleanField("专业性、技术性较强", default=False)
    extended = models.BooleanField("已延期", default=False)
    extension_approver = models.CharField("延期批准人", max_length=100, blank=True)
    extension_days = models.PositiveSmallIntegerField("延长日数", null=True, blank=True)
    # Closing (arts. 33, 41, 63–74).
    outcome = models.CharField("审结方式", max_length=30, choices=Outcome.choices, blank=True, db_index=True)
    closed_on = models.DateField("审结日期", null=True, blank=True, db_index=True)
    findings = models.TextField("经审理查明的事实", blank=True)
    outcome_reason = models.TextField("决定理由", blank=True)
    # Arts. 64(1), 66: the respondent's period (in days from receiving the decision) to act anew or to perform.
    redo_days = models.PositiveSmallIntegerField("重新作出或履行期限（日）", null=True, blank=True)
    mediation_agreed_on = models.DateField("达成调解协议日期", null=True, blank=True)
    compensation_ordered = models.BooleanField("一并决定行政赔偿", default=False)  # art. 72
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="承办人", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "行政复议案件"
        ordering = ["-received_on", "-seq"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "seq"], name="recon_case_number")]
        indexes = [models.Index(fields=["organisation", "received_on"]),
                   models.Index(fields=["respondent", "received_on"])]

    def __str__(self):
        return f"{self.number} {self.applicant_names or ''}".strip()

    def get_absolute_url(self):
        return reverse("reconsideration:case_detail", args=[self.pk])

    @property
    def applicant_names(self) -> str:
        return "、".join(p.name for p in self.parties.all() if p.role == PartyRole.APPLICANT)

    def simplified_grounds(self) -> list[str]:
        """The art. 53(1) grounds this case meets (besides the parties' consent, art. 53(2))."""
        grounds = []
        if self.act_on_the_spot:
            grounds.append("行政行为当场作出")
        if self.act_is_warning:
            grounds.append("行政行为是警告或者通报批评")
        if self.amount is not None and self.amount <= 3000:
            grounds.append("案件涉及款额三千元以下")
        if self.act_kind == ActKind.DISCLOSURE:
            grounds.append("属于政府信息公开案件")
        return grounds

    def simplified_available(self) -> bool:
        return bool(self.simplified_grounds()) or self.parties_consent_simplified


class Party(models.Model):
    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="parties")
    role = models.CharField("身份", max_length=20, choices=PartyRole.choices, default=PartyRole.APPLICANT)
    kind = models.CharField("类型", max_length=20, choices=PartyKind.choices, default=PartyKind.PERSON)
    name = models.CharField("姓名或名称", max_length=200)
    id_number = models.CharField("身份证件号码或统一社会信用代码", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    address = models.CharField("住所或地址", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "当事人"
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_role_display()} {self.name}"


class Hearing(models.Model):
    """听取意见 (art. 49), 听证 (arts. 50–51) or a consultation of the 复议委员会 (art. 52)."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="hearings")
    kind = models.CharField("类型", max_length=20, choices=HearingKind.choices)
    held_on = models.DateField("日期")
    notified_on = models.DateField("通知日期", null=True, blank=True)
    place = models.CharField("地点或方式", max_length=200, blank=True)
    presiding = models.CharField("主持人", max_length=100, blank=True)
    members = models.CharField("听证员或委员", max_length=300, blank=True)
    clerk = models.CharField("记录员", max_length=100, blank=True)
    summary = models.TextField("情况或意见", blank=True)
    # Art. 51(3): the respondent's head attends a hearing, or gives reasons and sends staff.
    respondent_head = models.CharField("被申请人负责人", max_length=100, blank=True)
    respondent_head_attended = models.BooleanField("负责人参加", null=True, blank=True)
    head_absence_reason = models.CharField("负责人未参加的理由及委托人员", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "听证与咨询"
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.held_on}"


class Suspension(models.Model):
    """One 中止 (art. 39) and its 恢复."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="suspensions")
    ground = models.CharField("中止情形", max_length=4, choices=SuspensionGround.choices)
    start = models.DateField("中止日期")
    end = models.DateField("恢复日期", null=True, blank=True)
    reason = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "中止"
        ordering = ["start", "pk"]

    def __str__(self):
        return f"中止 {self.start}–{self.end or ''}"

    def termination_due(self):
        """Art. 41(5) (实施条例 art. 42(2) before 2024): when a 中止 on ground (1), (2) or (4) still unresolved leads
        to 终止 (rule reconsideration.suspension_termination); None for the other grounds."""
        if self.ground not in TERMINABLE_SUSPENSION_GROUNDS:
            return None
        from fazhi.rules.engine import compute_due

        return compute_due(SUSPENSION_TERMINATION_RULE, self.start, with_text=False).due

    def termination_ripe(self, today) -> bool:
        due = self.termination_due()
        return self.end is None and due is not None and today >= due


SUSPENSION_TERMINATION_RULE = "reconsideration.suspension_termination"


class IncidentalReviewQuerySet(ScopedQuerySet):
    """A 附带审查 is seen by whoever sees its case (the 复议机关 and the respondent department)."""

    scope_field = "case__organisation"

    def visible_to(self, user):
        return self.filter(case__in=Case.objects.visible_to(user).values("pk"))


class IncidentalReview(models.Model):
    """附带审查 of a normative document, linked to its case (arts. 13, 56–60)."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="incidental_reviews")
    document_title = models.CharField("规范性文件", max_length=300)
    maker = models.CharField("制定机关", max_length=200)
    requested_on = models.DateField("提出日期")
    competent = models.BooleanField("本机关有权处理", default=True)
    status = models.CharField("状态", max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    handled_on = models.DateField("处理日期", null=True, blank=True)
    transferred_to = models.CharField("转送机关", max_length=200, blank=True)
    result = models.TextField("处理意见", blank=True)
    maker_notified_on = models.DateField("书面通知制定机关日期", null=True, blank=True)
    maker_answered_on = models.DateField("制定机关答复日期", null=True, blank=True)
    maker_answer = models.TextField("制定机关书面答复", blank=True)
    transferee_replied_on = models.DateField("接受转送机关回复日期", null=True, blank=True)
    transferee_reply = models.TextField("接受转送机关处理意见", blank=True)

    objects = IncidentalReviewQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "规范性文件附带审查"
        ordering = ["requested_on", "pk"]

    def __str__(self):
        return f"附带审查：{self.document_title}"

    def get_absolute_url(self):
        return reverse("reconsideration:review_detail", args=[self.pk])


class LetterQuerySet(ScopedQuerySet):
    scope_field = "organisation"

    def visible_to(self, user):
        issuer = scope_q(user, "organisation")
        if issuer is None:
            return self
        return self.filter(issuer | scope_q(user, "recipient"))

    def in_subtree(self, organisation):
        return self.filter(subtree_q("organisation", organisation))


class Letter(models.Model):
    """意见书 (art. 76) or 建议书 (实施条例 art. 58) issued by the 复议机关."""

    organisation = models.ForeignKey(Organisation, verbose_name="复议机关", on_delete=models.PROTECT,
                                     related_name="reconsideration_letters")
    case = models.ForeignKey(Case, verbose_name="案件", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="letters")
    kind = models.CharField("类型", max_length=20, choices=LetterKind.choices)
    recipient = models.ForeignKey(Organisation, verbose_name="送达机关", on_delete=models.PROTECT,
                                  related_name="reconsideration_letters_received")
    issued_on = models.DateField("制发日期", db_index=True)
    subject = models.CharField("事由", max_length=300)
    content = models.TextField("主要内容", blank=True)
    replied_on = models.DateField("反馈日期", null=True, blank=True)
    reply = models.TextField("整改反馈", blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "意见书与建议书"
        ordering = ["-issued_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}（{self.recipient}）{self.subject}"

    def get_absolute_url(self):
        return reverse("reconsideration:letter_detail", args=[self.pk])


class DocumentQuerySet(ScopedQuerySet):
    scope_field = "organisation"

    def visible_to(self, user):
        """The 复议机关's own staff see its documents, drafts included. A respondent or a letter's recipient sees
        the case (or letter) but only the documents once issued: a draft decision under deliberation is not shown
        to a party."""
        issuer = scope_q(user, "organisation")
        if issuer is None:
            return self
        with_parent = Q(case__in=Case.objects.visible_to(user)) | Q(letter__in=Letter.objects.visible_to(user))
        return self.filter((issuer & with_parent) | (Q(status=DocumentStatus.ISSUED) & with_parent))

    def issued(self):
        return self.filter(status=DocumentStatus.ISSUED)


class CaseDocument(models.Model):
    """A 文书 generated from the case, edited by the handler, then issued: frozen, numbered and audited."""

    organisation = models.ForeignKey(Organisation, verbose_name="制发机关", on_delete=models.PROTECT,
                                     related_name="+")
    case = models.ForeignKey(Case, verbose_name="案件", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="documents")
    letter = models.ForeignKey(Letter, verbose_name="意见书或建议书", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="documents")
    kind = models.CharField("文书类型", max_length=30, choices=DocumentKind.choices)
    title = models.CharField("标题", max_length=200)
    recipients = models.CharField("主送", max_length=300, blank=True)
    body = models.TextField("正文")
    status = models.CharField("状态", max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT)
    number = models.CharField("文号", max_length=60, blank=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    seq = models.PositiveIntegerField("序号", null=True, blank=True)
    issued_on = models.DateField("签发日期", null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="签发人", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    # Art. 79(1): publication is its own reviewed step after service, with the scope the act's publicity allows.
    act_publicity = models.CharField("被申请行政行为的公开情况", max_length=20, choices=ActPublicity.choices,
                                     blank=True)
    publication_scope = models.CharField("公开方式", max_length=10, choices=PublicationScope.choices, blank=True)
    publication_note = models.CharField("公开审核意见", max_length=300, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="公开审核人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "复议文书"
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "kind", "year", "seq"],
                                               name="recon_document_number")]

    def __str__(self):
        return f"{self.title} {self.number}".strip()

    def get_absolute_url(self):
        return reverse("reconsideration:document_detail", args=[self.pk])

    @property
    def is_issued(self) -> bool:
        return self.status == DocumentStatus.ISSUED

    @property
    def is_public(self) -> bool:
        return self.published_on is not None and self.publication_scope in (PublicationScope.FULL,
                                                                          PublicationScope.SUMMARY)

    def received_on(self):
        """The earliest day a party (not the superior, to whom it is only 抄告) received it; None while unknown."""
        days = [s.effective_on for s in self.services.all() if s.method != ServiceMethod.COPY_TO_SUPERIOR
                and s.effective_on is not None]
        return min(days) if days else None


class DocumentService(models.Model):
    """One 送达 of an issued document to one recipient: how, when sent, and when received (the day periods that run
    from receipt start: 补正 art. 31(2), 意见书 art. 76, legal effect art. 75(2)). 公告送达 is deemed received
    when the rule service.public_notice says."""

    document = models.ForeignKey(CaseDocument, verbose_name="文书", on_delete=models.CASCADE, related_name="services")
    recipient = models.CharField("受送达人", max_length=200)
    method = models.CharField("送达方式", max_length=20, choices=ServiceMethod.choices)
    sent_on = models.DateField("交付或发出日期")
    received_on = models.DateField("签收或送达日期", null=True, blank=True)
    reference = models.CharField("送达回证或邮件号", max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "送达记录"
        ordering = ["sent_on", "pk"]

    def __str__(self):
        return f"{self.get_method_display()} {self.recipient} {self.sent_on}"

    @property
    def effective_on(self):
        return self.received_on
