"""执法主体 (enforcement subjects), 执法人员 (officers), their 执法证 (certificates) and training.

A subject's kind, basis and (for an entrusted one) the entrusting organ, scope and period are dated; an entrustment
that has ended stops the entrusted organisation from acting (`permissions.may_act_as_subject`). An officer may act
only with a certificate valid on the day (`permissions.may_enforce`), which later modules call."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse

from fazhi.core.models import Organisation
from fazhi.core.scoping import ScopedQuerySet, scope_q
from fazhi.officers.choices import CertificateKind, CertificateStatus, SubjectKind


class SubjectQuerySet(ScopedQuerySet):
    scope_field = "organisation"

    def visible_to(self, user):
        """The subject's own staff, and the entrusting organ's (it answers for what is done in its name)."""
        own = scope_q(user, "organisation")
        if own is None:
            return self
        return self.filter(own | (scope_q(user, "entrusted_by") or Q(pk__in=[])))

    def active_on(self, day: dt.date):
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day)


class EnforcementSubject(models.Model):
    organisation = models.ForeignKey(Organisation, verbose_name="执法主体", on_delete=models.PROTECT,
                                     related_name="enforcement_subjects")
    kind = models.CharField("主体类别", max_length=20, choices=SubjectKind.choices)
    basis = models.TextField("依据")
    scope = models.TextField("执法领域和职权范围")
    entrusted_by = models.ForeignKey(Organisation, verbose_name="委托机关", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="entrusted_subjects")
    document_number = models.CharField("确认或委托文件文号", max_length=100)
    valid_from = models.DateField("起始日期")
    valid_to = models.DateField("终止日期", null=True, blank=True)
    end_reason = models.CharField("终止原因", max_length=300, blank=True)
    announced_on = models.DateField("公告日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SubjectQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "行政执法主体"
        ordering = ["organisation__path", "-valid_from"]

    def __str__(self):
        return f"{self.organisation.name}（{self.get_kind_display()}）"

    def get_absolute_url(self):
        return reverse("officers:subject_detail", args=[self.pk])

    def active(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to > day)


class OfficerQuerySet(ScopedQuerySet):
    scope_field = "organisation"


class Officer(models.Model):
    organisation = models.ForeignKey(Organisation, verbose_name="所在单位", on_delete=models.PROTECT,
                                     related_name="officers")
    name = models.CharField("姓名", max_length=60)
    id_number = models.CharField("身份证号码", max_length=18)
    position = models.CharField("职务", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    areas = models.CharField("执法领域", max_length=300, blank=True)
    active = models.BooleanField("在岗", default=True)
    joined_on = models.DateField("从事执法工作起始日期", null=True, blank=True)
    left_on = models.DateField("离岗日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OfficerQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "行政执法人员"
        ordering = ["organisation__path", "name", "pk"]
        constraints = [models.UniqueConstraint(fields=["id_number"], name="officers_uniq_id_number")]

    def __str__(self):
        return f"{self.name}（{self.organisation.short_name or self.organisation.name}）"

    def get_absolute_url(self):
        return reverse("officers:officer_detail", args=[self.pk])

    def certificate_on(self, day: dt.date):
        return self.certificates.valid_on(day).order_by("-expires_on").first()

    def listed_certificate(self, day: dt.date):
        """The valid certificate from prefetched rows (lists and exports prefetch `certificates`: no query per row)."""
        valid = [c for c in self.certificates.all() if c.status == CertificateStatus.VALID
                 and c.issued_on <= day <= c.expires_on]
        return max(valid, key=lambda c: c.expires_on) if valid else None


class CertificateQuerySet(ScopedQuerySet):
    scope_field = "officer__organisation"

    def valid_on(self, day: dt.date):
        return self.filter(status=CertificateStatus.VALID, issued_on__lte=day, expires_on__gte=day)


class Certificate(models.Model):
    officer = models.ForeignKey(Officer, verbose_name="执法人员", on_delete=models.PROTECT, related_name="certificates")
    number = models.CharField("证件编号", max_length=40, unique=True)
    kind = models.CharField("证件类别", max_length=20, choices=CertificateKind.choices,
                            default=CertificateKind.ENFORCEMENT)
    areas = models.CharField("执法区域和领域", max_length=300, blank=True)
    issued_on = models.DateField("发证日期")
    expires_on = models.DateField("有效期至")
    status = models.CharField("状态", max_length=20, choices=CertificateStatus.choices,
                              default=CertificateStatus.VALID, db_index=True)
    status_on = models.DateField("状态变更日期", null=True, blank=True)
    status_reason = models.CharField("变更原因", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "行政执法证件"
        ordering = ["-expires_on", "pk"]
        indexes = [models.Index(fields=["status", "expires_on"]),
                   models.Index(fields=["expires_on", "id"], name="officers_cert_list_order")]  # the list's order

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def get_absolute_url(self):
        return reverse("officers:certificate_detail", args=[self.pk])

    @property
    def organisation(self):
        return self.officer.organisation


class TrainingQuerySet(ScopedQuerySet):
    scope_field = "officer__organisation"


class TrainingRecord(models.Model):
    """One training or examination an officer took (学时 count towards the year's requirement)."""

    officer = models.ForeignKey(Officer, verbose_name="执法人员", on_delete=models.CASCADE, related_name="training")
    on = models.DateField("日期")
    title = models.CharField("培训或考试名称", max_length=200)
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1, default=Decimal("0"))
    exam_score = models.DecimalField("考试成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField("考试合格", null=True, blank=True)

    objects = TrainingQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "培训考试记录"
        ordering = ["-on", "pk"]
        indexes = [models.Index(fields=["officer", "on"])]

    def __str__(self):
        return f"{self.on} {self.title}"


class TrainingRequirement(models.Model):
    """The yearly hours an officer must train, set by a government for everything below it (the region's rule)."""

    organisation = models.OneToOneField(Organisation, verbose_name="规定机关", on_delete=models.CASCADE,
                                        related_name="training_requirement")
    hours = models.DecimalField("每年培训学时", max_digits=5, decimal_places=1)
    basis = models.CharField("依据", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "培训学时要求"

    def __str__(self):
        return f"{self.organisation.name}：每年 {self.hours} 学时"


DEFAULT_HOURS = Decimal("40")  # a common provincial rule: 每年参加不少于40学时的法律知识培训


def required_hours(organisation: Organisation) -> tuple[Decimal, str]:
    """The requirement of the nearest government above (or at) the organisation; the default otherwise."""
    codes = [c for c in organisation.path.strip("/").split("/") if c]
    found = {r.organisation.code: r for r in TrainingRequirement.objects.filter(organisation__code__in=codes)
             .select_related("organisation")}
    for code in reversed(codes):
        if code in found:
            r = found[code]
            return r.hours, f"{r.organisation.name}规定" + (f"（{r.basis}）" if r.basis else "")
    return DEFAULT_HOURS, "默认每年40学时（未设置本地区要求）"
