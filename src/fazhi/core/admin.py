"""The Django admin is read-only everywhere: every change goes through an action, which checks permission and
writes the audit chain (organisations, memberships and API tokens have their own pages). Every ModelAdmin and inline
derives from the two bases here; tests/core/test_admin.py walks the admin site to hold it so."""

from django.contrib import admin

from fazhi.core.models import ApiToken, AuditEvent, Job, Membership, Organisation, Region


class NoWrites:
    """Browse and search only: no add, change or delete."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(NoWrites, admin.ModelAdmin):
    pass


class ReadOnlyInline(NoWrites, admin.TabularInline):
    extra = 0
    can_delete = False


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "parent"]
    search_fields = ["code", "name"]


class MembershipInline(ReadOnlyInline):
    model = Membership


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "parent", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["seq", "at", "actor_name", "action", "verb", "object_repr"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_name", "verb"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["user", "name", "created_at", "last_used_at"]
    exclude = ["key_hash"]


def _read_only(model, base):
    """Re-register another app's admin (Django's users and groups, django-axes' lockouts) read-only: a superuser
    flag or a role granted there would leave no audit event. Passwords: `fazhi changepassword USER`; lockouts:
    `fazhi axes_reset_username USER`."""
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, type(f"ReadOnly{base.__name__}", (ReadOnlyAdmin, base), {}))


def _lock_foreign_admins():
    from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth import get_user_model
    from django.contrib.auth.admin import GroupAdmin, UserAdmin
    from django.contrib.auth.models import Group

    for model, base in ((get_user_model(), UserAdmin), (Group, GroupAdmin), (AccessAttempt, AccessAttemptAdmin),
                        (AccessLog, AccessLogAdmin), (AccessFailureLog, AccessFailureLogAdmin)):
        _read_only(model, base)


_lock_foreign_admins()


# The task queue's own admin (django-tasks-db) would let a superuser edit or delete queued work: read-only here too.
def _read_only_task_results():
    from django_tasks_db.models import DBTaskResult

    if admin.site.is_registered(DBTaskResult):
        admin.site.unregister(DBTaskResult)

    @admin.register(DBTaskResult)
    class TaskResultAdmin(ReadOnlyAdmin):
        list_display = ["id", "task_path", "status", "enqueued_at", "started_at", "finished_at"]
        list_filter = ["status"]


_read_only_task_results()


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ["title", "user", "kind", "status", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
