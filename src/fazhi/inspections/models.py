"""双随机一公开: the three lists (inspection items, the entity directory, inspectors drawn from the officer registry
with their 回避 declarations), annual plans, tasks with their committed draws, and one inspection per drawn entity.

The entity directory is the registration data every department shares (a province holds ~10⁷ rows): it is public
(the credit-information system publishes it) and not owned by one organisation. Everything else is scoped: a task
belongs to its lead department and, for a joint task, is seen by the partner departments too."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.functional import cached_property

from fazhi.core.models import Organisation
from fazhi.core.scoping import ScopedQuerySet, scope_q, sees_everything, visible_scopes
from fazhi.inspections.choices import (
    ConflictKind,
    EntityKind,
    EntityStatus,
    Method,
    PlanStatus,
    Result,
    RiskClass,
    TaskStatus,
)


class EntityQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Registration data is public; inside the platform any signed-in member of an organisation reads it."""
        if sees_everything(user) or visible_scopes(user):
            return self
        return self.none()


class Entity(models.Model):
    # unique through Meta.constraints, not unique=True, which on PostgreSQL adds a second (LIKE) index that no query
    # uses (search is a substring search) and that every directory import would have to write
    credit_code = models.CharField("统一社会信用代码", max_length=18)
    name = models.CharField("名称", max_length=200)
    kind = models.CharField("主体类型", max_length=20, choices=EntityKind.choices)
    region_code = models.CharField("所在地行政区划代码", max_length=12)
    industry = models.CharField("行业", max_length=100, blank=True)
    risk_class = models.CharField("信用风险分类", max_length=1, choices=RiskClass.choices, default=RiskClass.B)
    status = models.CharField("登记状态", max_length=20, choices=EntityStatus.choices, default=EntityStatus.ACTIVE)
    abnormal = models.BooleanField("列入经营异常名录", default=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = EntityQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "检查对象名录"
        ordering = ["credit_code"]
        constraints = [models.UniqueConstraint(fields=["credit_code"], name="inspections_entity_credit_code")]
        indexes = [models.Index(fields=["status", "risk_class", "credit_code"], name="inspections_entity_draw"),
                   models.Index(fields=["region_code"], name="inspections_entity_region")]

    def __str__(self):
        return f"{self.name}（{self.credit_code}）"

    def get_absolute_url(self):
        return reverse("inspections:entity", args=[self.pk])


class AvoidancePolicy(models.Model):
    """本地区双随机抽查的回避规定: which kinds of 回避 every random-inspection task of the organisations in a region
    (and the regions below it) must apply, beside the recorded relationships that always apply; the nearest region's
    policy binds, a task may add a kind but not drop one. Regional rule data, read by any signed-in user, like a
    deadline rule's local override."""

    region = models.OneToOneField("core.Region", verbose_name="适用区划", on_delete=models.PROTECT,
                                  related_name="avoidance_policy")
    township = models.BooleanField("本人乡镇（街道）回避", default=True)
    former_employer = models.BooleanField("曾任职单位回避", default=True)
    basis = models.CharField("地方依据", max_length=300)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "双随机抽查回避规定"
        ordering = ["region__code"]

    def __str__(self):
        return f"{self.region.name}：{self.describe()}"

    def describe(self) -> str:
        kinds = [label for on, label in ((self.township, "本人乡镇（街道）"), (self.former_employer, "曾任职单位")) if on]
        return "利害关系" + "".join(f"、{k}" for k in kinds) + "回避"


class ItemQuerySet(ScopedQuerySet):
    scope_field = "organisation"


class InspectionItem(models.Model):
    """抽查事项清单: what may be inspected at random, each a 行政检查 item of the department's power list."""

    organisation = models.ForeignKey(Organisation, verbose_name="检查部门", on_delete=models.PROTECT,
                                     related_name="inspection_items")
    power_item = models.ForeignKey("powers.PowerItem", verbose_name="行政检查事项", on_delete=models.PROTECT,
                                   related_name="random_inspection_items")
    code = models.CharField("事项编号", max_length=60)
    name = models.CharField("抽查事项", max_length=200)
    basis = models.TextField("检查依据")
    subject_type = models.CharField("检查对象类型", max_length=100)
    method = models.CharField("检查方式", max_length=20, choices=Method.choices, default=Method.ON_SITE)
    default_ratio = models.DecimalField("默认抽查比例（%）", max_digits=5, decimal_places=2, default=3)
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "随机抽查事项"
        ordering = ["organisation__path", "code"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="inspections_uniq_item")]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("inspections:items") + f"?q={self.code}"


class ConflictQuerySet(ScopedQuerySet):
    scope_field = "officer__organisation"


class Conflict(models.Model):
    """A 回避 declaration: the officer is not drawn for the entity (or any entity in the region) it names."""

    officer = models.ForeignKey("officers.Officer", verbose_name="执法检查人员", on_delete=models.CASCADE,
                                related_name="inspection_conflicts")
    kind = models.CharField("回避情形", max_length=20, choices=ConflictKind.choices)
    credit_code = models.CharField("相关检查对象信用代码", max_length=18, blank=True)
    region_code = models.CharField("相关乡镇（街道）区划代码", max_length=12, blank=True)
    reason = models.CharField("说明", max_length=300, blank=True)
    recorded_on = models.DateField("登记日期")

    objects = ConflictQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "回避关系"
        ordering = ["officer", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(credit_code="") | ~Q(region_code=""),
                                              name="inspections_conflict_names_something")]

    def __str__(self):
        return f"{self.officer.name}：{self.get_kind_display()} {self.credit_code or self.region_code}"

    @property
    def organisation_id(self):
        return self.officer.organisation_id


class PlanQuerySet(ScopedQuerySet):
    scope_field = "organisation"


class Plan(models.Model):
    organisation = models.ForeignKey(Organisation, verbose_name="制定部门", on_delete=models.PROTECT,
                                     related_name="inspection_plans")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("计划名称", max_length=200)
    note = models.TextField("说明", blank=True)
    status = models.CharField("状态", max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    published_on = models.DateField("公布日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "年度抽查计划"
        ordering = ["-year", "organisation__path", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("inspections:plan", args=[self.pk])


class TaskQuerySet(ScopedQuerySet):
    scope_field = "organisation"

    def visible_to(self, user):
        """The lead department and, for a joint task, each partner department."""
        q = scope_q(user, "organisation")
        if q is None:
            return self
        partner = scope_q(user, "partners")
        return self.filter(pk__in=self.model.objects.filter(q | partner).values("pk"))


class Task(models.Model):
    plan = models.ForeignKey(Plan, verbose_name="年度计划", on_delete=models.PROTECT, related_name="tasks")
    organisation = models.ForeignKey(Organisation, verbose_name="牵头部门", on_delete=models.PROTECT,
                                     related_name="inspection_tasks")
    partners = models.ManyToManyField(Organisation, verbose_name="联合抽查部门", blank=True,
                                      related_name="joint_inspection_tasks")
    year = models.PositiveSmallIntegerField("年度")
    seq = models.PositiveIntegerField("序号")
    number = models.CharField("任务编号", max_length=60)
    title = models.CharField("任务名称", max_length=200)
    items = models.ManyToManyField(InspectionItem, verbose_name="抽查事项", related_name="tasks")
    region_prefix = models.CharField("区域（区划代码前缀）", max_length=12, blank=True)
    industries = models.JSONField("行业", default=list, blank=True)
    kinds = models.JSONField("主体类型", default=list, blank=True)
    ratios = models.JSONField("各风险类别抽查比例（%）", default=dict)
    inspectors_per_entity = models.PositiveSmallIntegerField("每户检查人员数", default=2)
    avoid_township = models.BooleanField("本人乡镇（街道）回避", default=True)
    avoid_former_employer = models.BooleanField("曾任职单位回避", default=True)
    start = models.DateField("检查开始日期")
    end = models.DateField("检查结束日期")
    status = models.CharField("状态", max_length=20, choices=TaskStatus.choices, default=TaskStatus.DRAFT,
                              db_index=True)
    seed = models.CharField("随机种子", max_length=64, blank=True)
    parameters = models.JSONField("抽取参数", default=dict, blank=True)
    population_hash = models.CharField("总体快照 SHA-256", max_length=64, blank=True)
    population_count = models.PositiveIntegerField("总体户数", default=0)
    population_file = models.CharField("总体快照文件", max_length=300, blank=True)
    # the directory ids of the snapshot's lines (little-endian uint64, one per line; not published), so the draw
    # writes its rows without looking 10⁵ codes up again; its SHA-256 guards it as population_hash guards the snapshot
    population_ids_sha256 = models.CharField("总体快照记录号 SHA-256", max_length=64, blank=True)
    inspectors_pool = models.JSONField("检查人员库", default=list, blank=True)
    inspectors_hash = models.CharField("检查人员库 SHA-256", max_length=64, blank=True)
    commitment = models.CharField("承诺值", max_length=64, blank=True)
    committed_on = models.DateField("公布承诺日期", null=True, blank=True)
    entropy = models.CharField("公开随机数", max_length=200, blank=True)
    drawn_on = models.DateField("抽取日期", null=True, blank=True)
    completed_on = models.DateField("完成日期", null=True, blank=True, db_index=True)
    cancel_reason = models.CharField("取消原因", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "双随机抽查任务"
        ordering = ["-year", "-seq"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "seq"], name="inspections_uniq_task")]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("inspections:task", args=[self.pk])

    @property
    def joint(self) -> bool:
        return self.partners.exists()

    @property
    def revealed(self) -> bool:
        return self.drawn_on is not None

    @property
    def kind_labels(self) -> list[str]:
        """The target population's subject types in Chinese (the task keeps their codes)."""
        labels = dict(EntityKind.choices)
        return [labels.get(k, k) for k in self.kinds]

    @cached_property
    def inspector_by_certificate(self) -> dict[str, dict]:
        """The committed pool's inspectors by certificate number: what an inspection's certificates name."""
        return {p["certificate"]: {"certificate": p["certificate"], "name": p.get("name", ""),
                                   "organisation": p.get("organisation", "")} for p in self.inspectors_pool}


class InspectionQuerySet(ScopedQuerySet):
    scope_field = "task__organisation"

    def visible_to(self, user):
        q = scope_q(user, "task__organisation")
        if q is None:
            return self
        return self.filter(task__in=Task.objects.visible_to(user))


class Inspection(models.Model):
    """One drawn entity of a task: who inspects it (drawn), what they found, the publication of the result."""

    # A draw writes 10⁵ rows at province scale in one COPY (ADR 0011, "The draw's write"). Task and entity have no
    # database constraint: PostgreSQL checks one per row, and the check on the entity takes a row lock on each drawn
    # directory row (2.7 s, the task's 0.4 s, of a 2 s budget). The draw writes under the task's row lock, the
    # entity ids come from the committed snapshot, neither table's rows are ever deleted (a task is cancelled, an
    # entity changes status), and PROTECT still refuses a delete through the ORM. Two indexes besides the key: the
    # task's rows in draw order (unique), which a draw writes in order, and the entity's, for an entity's inspections.
    # The entity's index takes its entries in random order, and its cost grows with the table (ADR 0011, 2026-12-03):
    # it is the entity alone, not unique with the task — a draw gives each entity once by construction (distinct
    # snapshot lines, each its own directory id), and the pair cost a third more per draw. The later, mostly empty,
    # columns have partial indexes and database defaults, so the COPY names five columns. The inspectors are kept as
    # their certificate numbers: their names and departments are in the task's committed pool (`inspector_list`),
    # and a row of certificates is a third of the bytes the draw writes (and of its WAL).
    task = models.ForeignKey(Task, verbose_name="抽查任务", on_delete=models.PROTECT, related_name="inspections",
                             db_index=False, db_constraint=False)
    entity = models.ForeignKey(Entity, verbose_name="检查对象", on_delete=models.PROTECT, related_name="inspections",
                               db_index=False, db_constraint=False)
    draw = models.PositiveIntegerField("抽取顺序")
    risk_class = models.CharField("信用风险分类", max_length=1, choices=RiskClass.choices)
    inspectors = models.JSONField("检查人员（执法证号）", default=list)
    inspected_on = models.DateField("检查日期", null=True, blank=True)
    result = models.CharField("检查结果", max_length=20, choices=Result.choices, blank=True, db_default="")
    findings = models.TextField("检查情况", blank=True, db_default="")
    enforcement_case = models.ForeignKey("enforcement.EnforcementCase", verbose_name="立案查处的案件", null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="random_inspections",
                                         db_index=False)
    abnormal_listed = models.BooleanField("列入经营异常名录", default=False, db_default=False)
    attachment = models.FileField("检查记录", upload_to="inspections/%Y/%m/", max_length=300, blank=True,
                                  db_default="")
    attachment_name = models.CharField("原文件名", max_length=255, blank=True, db_default="")
    attachment_sha256 = models.CharField("检查记录 SHA-256", max_length=64, blank=True, db_default="")
    rectify_due = models.DateField("整改期限", null=True, blank=True)
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)
    rectification = models.TextField("整改情况", blank=True, db_default="")
    publicity_due = models.DateField("公示期限", null=True, blank=True)
    published_on = models.DateField("公示日期", null=True, blank=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "抽查检查"
        ordering = ["task", "draw"]
        # (task, draw descending): a task's rows in draw order, and, read backwards, the province's results list —
        # the latest task first, each in draw order (an index in one direction would leave that list a sort of 10⁶)
        constraints = [models.UniqueConstraint(F("task"), F("draw").desc(), name="inspections_uniq_draw")]
        indexes = [models.Index(fields=["entity"], name="inspections_by_entity"),
                   models.Index(fields=["inspected_on"], name="inspections_inspected_on",
                                condition=Q(inspected_on__isnull=False)),
                   models.Index(fields=["enforcement_case"], name="inspections_enforcement_case",
                                condition=Q(enforcement_case__isnull=False))]

    def __str__(self):
        return f"{self.task.number} 第{self.draw}户 {self.entity.name}"

    def get_absolute_url(self):
        return reverse("inspections:inspection", args=[self.pk])

    @property
    def organisation(self):
        return self.task.organisation

    @property
    def organisation_id(self):
        return self.task.organisation_id

    @property
    def inspector_list(self) -> list[dict]:
        """The drawn inspectors, each {certificate, name, organisation}, as the task's committed pool lists them."""
        known = self.task.inspector_by_certificate
        return [known.get(c) or {"certificate": c, "name": "", "organisation": ""} for c in self.inspectors]

    @property
    def problem_found(self) -> bool:
        from fazhi.inspections.choices import PROBLEMS

        return self.result in PROBLEMS
