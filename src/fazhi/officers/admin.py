from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.officers.models import Certificate, EnforcementSubject, Officer


@admin.register(EnforcementSubject)
class SubjectAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "kind", "valid_from", "valid_to"]


@admin.register(Officer)
class OfficerAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "active"]
    search_fields = ["name"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["number", "officer", "status", "expires_on"]
