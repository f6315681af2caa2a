from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.powers.models import Adjustment, PowerItem


@admin.register(PowerItem)
class PowerItemAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "category", "organisation", "valid_from", "valid_to"]
    search_fields = ["code", "name"]


@admin.register(Adjustment)
class AdjustmentAdmin(ReadOnlyAdmin):
    list_display = ["kind", "organisation", "effective_on", "document_number"]
