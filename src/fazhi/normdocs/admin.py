from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin
from fazhi.normdocs.models import Campaign, Comment, Document, Version


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "organisation", "status", "published_on", "valid_until", "filed_on"]
    search_fields = ["number", "title"]


@admin.register(Version)
class VersionAdmin(ReadOnlyAdmin):
    list_display = ["document", "seq", "label", "effective_from", "sha256"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["document", "received_on", "status", "handling"]
    exclude = ["client_hash"]


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "kind", "status", "concluded_on"]
