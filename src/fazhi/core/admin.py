from django.contrib import admin

from fazhi.core import audit
from fazhi.core.choices import AuditAction
from fazhi.core.models import ApiToken, AuditEvent, Membership, Organisation, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "parent"]
    search_fields = ["code", "name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Read-mostly: changes go through the pages (and their actions) so that they are audited."""

    list_display = ["code", "name", "kind", "parent", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name"]
    readonly_fields = ["path", "depth"]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        """Administrators' edits are audited like any action (the pages' actions remain the normal path)."""
        before = audit.snapshot(Organisation.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        b, a = audit.diff(before, audit.snapshot(obj))
        audit.record(actor=request.user, obj=obj, action=AuditAction.UPDATE if change else AuditAction.CREATE,
                     verb="系统管理修改机构" if change else "系统管理新建机构", before=b, after=a)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["seq", "at", "actor_name", "action", "verb", "object_repr"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_name", "verb"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "created_at", "last_used_at"]
    readonly_fields = ["key_hash"]
