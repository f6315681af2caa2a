"""Every change to organisations, users, memberships and API tokens goes through these functions."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import audit, clock, validate
from fazhi.core.choices import AuditAction, Role
from fazhi.core.models import ApiToken, Membership, Organisation
from fazhi.core.permissions import ActionError, has_role, may_manage_organisation, require

ORG_FIELDS = ["code", "name", "short_name", "kind", "parent", "region", "active"]


def _validate(obj):
    try:
        obj.full_clean()
    except ValidationError as e:
        msgs = []
        for field, errors in e.message_dict.items():
            label = obj._meta.get_field(field).verbose_name if field != "__all__" else ""
            msgs.append(f"{label}：{'；'.join(errors)}" if label else "；".join(errors))
        raise ActionError("；".join(msgs)) from e


@transaction.atomic
def create_organisation(*, actor, code, name, kind, parent=None, region=None, short_name="", reason="") -> Organisation:
    require(may_manage_organisation(actor, parent), "您没有在该机构下新建机构的权限。")
    org = Organisation(code=code.strip(), name=name.strip(), kind=kind, parent=parent, region=region,
                       short_name=short_name.strip())
    _validate(org)
    org.save()
    audit.record(actor=actor, obj=org, action=AuditAction.CREATE, verb="新建机构", after=audit.snapshot(org),
                 reason=reason)
    return org


@transaction.atomic
def update_organisation(org: Organisation, *, actor, reason="", **changes) -> Organisation:
    org = Organisation.objects.select_for_update().get(pk=org.pk)
    require(may_manage_organisation(actor, org.parent or org), "您没有修改该机构的权限。")
    unknown = set(changes) - set(ORG_FIELDS)
    if unknown:
        raise ActionError(f"不能修改的字段：{'、'.join(sorted(unknown))}")
    before = audit.snapshot(org)
    old_path = org.path
    new_parent = changes.get("parent", org.parent)
    if new_parent is not None and new_parent.pk != org.parent_id:
        require(may_manage_organisation(actor, new_parent), "您没有把机构调整到该上级机构之下的权限。")
    for k, v in changes.items():
        setattr(org, k, v.strip() if isinstance(v, str) else v)
    if org.parent_id and org.parent.path.startswith(old_path):
        raise ActionError("上级机构不能是本机构或其下级机构。")
    _validate(org)
    org.save()
    if org.path != old_path:
        _repath_descendants(old_path, org.path)
    b, a = audit.diff(before, audit.snapshot(org))
    audit.record(actor=actor, obj=org, action=AuditAction.UPDATE, verb="修改机构", before=b, after=a, reason=reason)
    return org


def _repath_descendants(old: str, new: str):
    for child in Organisation.objects.filter(path__startswith=old).exclude(path=old).order_by("depth"):
        child.path = new + child.path[len(old):]
        child.depth = child.path.count("/") - 2
        child.save(update_fields=["path", "depth"])


@transaction.atomic
def add_membership(*, actor, user, organisation, role, reason="") -> Membership:
    require(may_manage_organisation(actor, organisation), "您没有为该机构分配人员的权限。")
    if role not in Role.values:
        raise ActionError(f"未知角色：{role}")
    # A system administrator's role reaches further than a supervisor's (holiday schedules, rule overrides,
    # 复议 handling): only an administrator of the organisation (or above) may hand it out.
    require(role != Role.ADMIN or has_role(actor, organisation, Role.ADMIN), "只有系统管理员可以分配系统管理员角色。")
    m, created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    if created:
        audit.record(actor=actor, obj=m, organisation=organisation, action=AuditAction.CREATE, verb="分配角色",
                     after={"user": user.get_username(), "role": role}, reason=reason)
    return m


@transaction.atomic
def remove_membership(membership: Membership, *, actor, reason="") -> None:
    require(may_manage_organisation(actor, membership.organisation), "您没有调整该机构人员的权限。")
    require(membership.role != Role.ADMIN or has_role(actor, membership.organisation, Role.ADMIN),
            "只有系统管理员可以撤销系统管理员角色。")
    audit.record(actor=actor, obj=membership, organisation=membership.organisation, action=AuditAction.DELETE,
                 verb="撤销角色", before={"user": membership.user.get_username(), "role": membership.role},
                 reason=reason)
    membership.delete()


@transaction.atomic
def create_user(*, actor, username, full_name, password, organisation, role, email="") -> object:
    """A new user with one membership. The password is validated by Django's validators."""
    from django.contrib.auth.password_validation import validate_password

    require(may_manage_organisation(actor, organisation), "您没有为该机构新建用户的权限。")
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ActionError(f"用户名“{username}”已存在。")
    user = User(username=username, first_name=full_name, email=email)
    try:
        validate_password(password, user)
    except ValidationError as e:
        raise ActionError("密码不符合要求：" + "；".join(e.messages)) from e
    user.set_password(password)
    user.save()
    audit.record(actor=actor, obj=user, organisation=organisation, action=AuditAction.CREATE, verb="新建用户",
                 after={"username": username, "name": full_name})
    add_membership(actor=actor, user=user, organisation=organisation, role=role)
    return user


@transaction.atomic
def issue_token(*, actor, name: str = "") -> tuple[ApiToken, str]:
    """A new API token for the actor's own account; the key is returned once and only its hash is kept."""
    require(actor is not None and getattr(actor, "is_authenticated", False), "请先登录。")
    name = validate.text(name, "用途", required=False, max_length=100)
    token, key = ApiToken.issue(actor, name)
    audit.record(actor=actor, obj=token, action=AuditAction.CREATE, verb="签发 API 令牌",
                 after={"user": actor.get_username(), "name": name})
    return token, key


@transaction.atomic
def revoke_token(token: ApiToken, *, actor) -> None:
    """Revoke one of the actor's own tokens (an administrator may revoke anyone's)."""
    require(actor is not None and (token.user_id == actor.pk or getattr(actor, "is_superuser", False)),
            "只能撤销自己的令牌。")
    audit.record(actor=actor, obj=token, action=AuditAction.DELETE, verb="撤销 API 令牌",
                 before={"user": token.user.get_username(), "name": token.name})
    token.delete()


def record_token_use(token: ApiToken) -> None:
    """Stamp when a token was last used (shown on the token page). A usage stamp, not a change anyone made: it writes
    no audit event, or every API call would add one to the chain."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=clock.now())
