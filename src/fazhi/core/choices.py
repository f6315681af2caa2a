"""Kinds of organisation and roles, in one place."""

from django.db import models


class OrgKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"
    UNIT = "unit", "所属单位"
    TOWNSHIP = "township", "乡镇（街道）"


class Role(models.TextChoices):
    ADMIN = "admin", "系统管理员"
    SUPERVISOR = "supervisor", "法治督察"
    LEGAL_OFFICER = "legal_officer", "部门法制员"
    ENFORCEMENT_OFFICER = "enforcement_officer", "执法人员"
    RECONSIDERATION = "reconsideration", "复议应诉人员"
    ASSESSOR = "assessor", "考评员"


# Roles that see the whole subtree below their organisation. The others see their own organisation only:
# a department's legal officer sees the department's records, never a sibling department's.
SUBTREE_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.RECONSIDERATION, Role.ASSESSOR})


class AuditAction(models.TextChoices):
    CREATE = "create", "新建"
    UPDATE = "update", "修改"
    DELETE = "delete", "删除"
    TRANSITION = "transition", "流转"
    IMPORT = "import", "导入"
    LOGIN = "login", "登录"
    OTHER = "other", "其他"
