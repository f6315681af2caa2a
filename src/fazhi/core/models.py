"""Regions, organisations, memberships, API tokens and the audit chain."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core import clock
from fazhi.core.choices import AuditAction, OrgKind, Role
from fazhi.core.scoping import ScopedQuerySet


class Region(models.Model):
    """行政区划, identified by its GB/T 2260 code."""

    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=100)
    parent = models.ForeignKey("self", verbose_name="上级区划", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")

    class Meta:
        verbose_name = verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name}（{self.code}）"


class OrganisationQuerySet(ScopedQuerySet):
    scope_field = ""  # the organisation is its own scope

    def active(self):
        return self.filter(active=True)

    def in_subtree(self, organisation):
        """The organisation and everything below it: a prefix of the path, read by the path's pattern index."""
        return self.filter(path__startswith=organisation.path)

    def having(self, records, field: str = "organisation"):
        """The organisations that own at least one of `records` (a list's filter choices): EXISTS per organisation,
        an index probe each, rather than DISTINCT over a join with every record (#16)."""
        return self.filter(models.Exists(records.filter(**{field: models.OuterRef("pk")})))


class Organisation(models.Model):
    """A government, department, unit or township. `path` is the chain of codes from the root: '/A/B/C/'."""

    code = models.CharField("机构代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=200)
    short_name = models.CharField("简称", max_length=60, blank=True)
    kind = models.CharField("类型", max_length=20, choices=OrgKind.choices)
    parent = models.ForeignKey("self", verbose_name="上级机构", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    region = models.ForeignKey(Region, verbose_name="行政区划", null=True, blank=True, on_delete=models.PROTECT)
    path = models.CharField(max_length=1000, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "机构"
        ordering = ["path"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.code and "/" in self.code:
            raise ValidationError({"code": "机构代码不能包含“/”。"})
        if self.parent_id and self.pk and self.parent.path.startswith(self.path or "\0"):
            raise ValidationError({"parent": "上级机构不能是本机构或其下级机构。"})

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("core:org_detail", args=[self.code])

    def compute_path(self) -> str:
        return (self.parent.path if self.parent_id else "/") + f"{self.code}/"

    def save(self, *args, **kwargs):
        self.path = self.compute_path()
        self.depth = self.path.count("/") - 2
        super().save(*args, **kwargs)

    def subtree(self):
        return Organisation.objects.filter(path__startswith=self.path)

    def ancestors(self):
        codes = [c for c in self.path.strip("/").split("/")][:-1]
        by_code = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
        return [by_code[c] for c in codes if c in by_code]


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE,
                             related_name="memberships")
    organisation = models.ForeignKey(Organisation, verbose_name="机构", on_delete=models.PROTECT,
                                     related_name="memberships")
    role = models.CharField("角色", max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = verbose_name_plural = "任职"
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "role"], name="uniq_membership")]

    def __str__(self):
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the token is shown once when created."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("用途", max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "API 令牌"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name="") -> tuple[ApiToken, str]:
        key = "fz_" + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, key_hash=cls.hash(key)), key


class AuditEventQuerySet(ScopedQuerySet):
    def for_object(self, obj):
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


class AuditEvent(models.Model):
    """One entry of the append-only, hash-chained audit log. See fazhi.core.audit."""

    seq = models.PositiveBigIntegerField("序号", unique=True)
    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                              on_delete=models.SET_NULL)
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    organisation = models.ForeignKey(Organisation, verbose_name="机构", null=True, blank=True,
                                     on_delete=models.SET_NULL)
    object_type = models.CharField("对象类型", max_length=100, db_index=True)
    object_id = models.CharField("对象编号", max_length=64, db_index=True)
    object_repr = models.CharField("对象", max_length=300, blank=True)
    action = models.CharField("动作", max_length=40, choices=AuditAction.choices)
    verb = models.CharField("操作", max_length=100, blank=True)
    before = models.JSONField("变更前", null=True, blank=True)
    after = models.JSONField("变更后", null=True, blank=True)
    reason = models.TextField("理由", blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "审计日志"
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self):
        return f"#{self.seq} {self.actor_name} {self.get_action_display()} {self.object_repr}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("core:audit_detail", args=[self.seq])

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("审计日志只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("审计日志只能追加，不能删除。")


class AuditChainHead(models.Model):
    """A single row holding the last sequence number and hash; locked while an event is appended."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = verbose_name_plural = "审计链头"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "未完成"


class Job(models.Model):
    """A piece of long work (a large import, the audit of a large file) done by the background worker for one user
    (ADR 0015). Its progress is a file beside its upload (fazhi.core.jobs), so it shows while the work's own
    transaction is still open; the row holds who asked, what, and the outcome."""

    id = models.UUIDField(primary_key=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提交人", on_delete=models.CASCADE,
                             related_name="jobs")
    kind = models.CharField("类型", max_length=40)
    title = models.CharField("任务", max_length=200)
    handler = models.CharField(max_length=200)
    params = models.JSONField(default=dict)
    status = models.CharField("状态", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField("未完成原因", blank=True)
    created_at = models.DateTimeField("提交时间", default=clock.now)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="core_job_user_recent")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("core:job", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
