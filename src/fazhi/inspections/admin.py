from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.inspections.models import Conflict, Entity, Inspection, InspectionItem, Plan, Task


@admin.register(Entity)
class EntityAdmin(ReadOnlyAdmin):
    list_display = ["credit_code", "name", "kind", "region_code", "risk_class", "status"]
    search_fields = ["credit_code", "name"]


@admin.register(InspectionItem)
class ItemAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "organisation", "method", "default_ratio"]


@admin.register(Conflict)
class ConflictAdmin(ReadOnlyAdmin):
    list_display = ["officer", "kind", "credit_code", "region_code", "recorded_on"]


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "year", "status"]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "organisation", "status", "commitment"]
    exclude = ["seed"]  # secret until the draw; the task page and the portal show it once revealed


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["task", "draw", "entity", "result", "inspected_on", "published_on"]
