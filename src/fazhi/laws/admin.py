from django.contrib import admin

from fazhi.core.admin import ReadOnlyAdmin, ReadOnlyInline
from fazhi.laws.models import Article, Category, Law, LawVersion


@admin.register(Category)
class CategoryAdmin(ReadOnlyAdmin):
    search_fields = ["name"]


class VersionInline(ReadOnlyInline):
    model = LawVersion
    fields = ["version_date", "label", "effective", "article_count", "superseded_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    fk_name = "law"


@admin.register(Law)
class LawAdmin(ReadOnlyAdmin):
    """Read-only: texts come in through `fazhi laws import`, which is audited."""

    list_display = ["short_title", "title"]
    search_fields = ["title", "short_title"]
    list_filter = ["categories"]
    inlines = [VersionInline]


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    list_display = ["version", "number", "suffix", "part"]
    search_fields = ["text", "version__law__title"]
    list_select_related = ["version__law"]
    raw_id_fields = ["version"]
