"""A list page every module reuses: scoped queryset, search, filters, paging and Excel export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.shortcuts import render
from django.utils.functional import cached_property
from django.views import View

from fazhi.core import keyset
from fazhi.core.excel import workbook_bytes, xlsx_response
from fazhi.metrics.registry import resolve

MAX_SEARCH = 100


SMALL_LIST = 5000  # at most this many rows: a page is cut from their ordered keys, read without a LIMIT


class CountedPaginator(Paginator):
    """Counts through metrics.stored.count: a province-wide list is counted once per change of its tables.

    A list of few rows (a department's documents among a province's) is paged from its ordered keys: with `ORDER BY
    … LIMIT 20` PostgreSQL expects the rows spread evenly along the order's index and walks it backwards, filtering
    (a department's normative documents: 47,000 rows read for 20, 62 ms); without the LIMIT it reads the few rows
    through their own indexes and sorts them (≤ 5,000 keys, a few ms). The page's rows are then read by key."""

    @cached_property
    def count(self):
        from fazhi.metrics.stored import count

        if not isinstance(self.object_list, QuerySet):
            return len(self.object_list)
        return count(self.object_list)

    def page(self, number):
        qs = self.object_list
        if not isinstance(qs, QuerySet) or not qs.ordered or self.count > SMALL_LIST:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = list(qs.values_list("pk", flat=True))[bottom:bottom + self.per_page]
        rows = {row.pk: row for row in qs.order_by().filter(pk__in=keys)} if keys else {}
        return self._get_page([rows[k] for k in keys if k in rows], number, self)


@dataclass
class Filter:
    param: str
    label: str
    lookup: str
    choices: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Link:
    """A cell shown as a link on the page (plain text when there is no url); the Excel export writes its text."""

    text: str
    url: str = ""
    is_link = True

    def __str__(self):
        return self.text


def _to_many(model, path: str) -> bool:
    """Whether a lookup path crosses a relation that can match several rows (reverse FK, many-to-many)."""
    for name in path.split("__"):
        try:
            field = model._meta.get_field(name)
        except Exception:
            return False
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


def cell_value(obj, accessor):
    """A column's value: an accessor path (see metrics.registry.resolve) or a function of the row."""
    return accessor(obj) if callable(accessor) else resolve(obj, accessor)


class ScopedListView(View):
    """Subclasses set title, columns [(accessor, label)], search_fields, filters and define base_queryset().

    An accessor is a path like "organisation__name" or a function of the row (which may return a Link)."""

    title = ""
    columns: list[tuple[str | Callable, str]] = []
    search_fields: list[str] = []
    filters: list[Filter] = []
    ordering: list[str] | None = None
    paginate_by = 20
    template_name = "core/list.html"
    create_url_name: str | None = None
    create_label = "新建"
    import_url_name: str | None = None
    extra_actions: list[tuple[str, str]] = []

    def base_queryset(self):
        raise NotImplementedError

    def may_create(self) -> bool:
        """Whether this user may use the page's 新建 and Excel 导入 buttons (a page offers nobody a button they could
        never submit). Default: everyone who sees the list; modules narrow it to their `may_*`."""
        return True

    def get_filters(self) -> list[Filter]:
        return self.filters

    def search_text(self) -> str:
        """The search box's text: control characters (NUL breaks PostgreSQL) dropped, at most 100 characters."""
        q = "".join(ch for ch in self.request.GET.get("q", "") if ch >= " ")
        return q.strip()[:MAX_SEARCH]

    def filter_value(self, f: Filter) -> str:
        """A filter's value when it is one of its choices, else "" (junk in the address is ignored, not a 500)."""
        v = self.request.GET.get(f.param, "").strip()
        if v and v not in {str(value) for value, _label in f.choices}:
            self.ignored.append(f.label)
            return ""
        return v

    def get_queryset(self):
        self.ignored = []
        qs = self.base_queryset().visible_to(self.request.user)
        q = self.search_text()
        if q and self.search_fields:
            match = reduce(or_, (Q(**{f"{f}__icontains": q}) for f in self.search_fields))
            if any(_to_many(qs.model, f) for f in self.search_fields):
                # A search through a to-many relation (a case's parties) would repeat a row once per match;
                # matching the keys in a subquery keeps one row each without DISTINCT over the whole list (#16).
                match = Q(pk__in=qs.model._default_manager.filter(match).values("pk"))
            qs = qs.filter(match)
        for f in self.get_filters():
            v = self.filter_value(f)
            if v:
                if f.lookup.endswith("__isnull"):  # choices carry "True"/"False"; the lookup takes a bool
                    v = v == "True"
                qs = qs.filter(**{f.lookup: v})
        if self.ordering:
            qs = qs.order_by(*self.ordering)
        return qs

    def get(self, request, *args, **kwargs):
        qs = self.get_queryset()
        if request.GET.get("format") == "xlsx":
            rows = ([cell_value(obj, acc) for acc, _ in self.columns] for obj in qs.iterator(chunk_size=2000))
            return xlsx_response(f"{self.title}.xlsx", workbook_bytes(self.title, [c[1] for c in self.columns], rows))
        page, pager = self.paginate(qs)
        rows = [(obj, [cell_value(obj, acc) for acc, _ in self.columns]) for obj in page.object_list]
        params = request.GET.copy()
        for name in ("page", "after", "before", "n"):
            params.pop(name, None)
        return render(request, self.template_name, {
            "title": self.title,
            "columns": [c[1] for c in self.columns],
            "rows": rows,
            "page": page,
            "filters": [(f, request.GET.get(f.param, "")) for f in self.get_filters()],
            "ignored": getattr(self, "ignored", []),
            "q": self.search_text(),
            "querystring": params.urlencode(),
            "create_url_name": self.create_url_name if self.may_create() else None,
            "create_label": self.create_label,
            "import_url_name": self.import_url_name if self.may_import() else None,
            "extra_actions": self.extra_actions,
            "searchable": bool(self.search_fields),
            "pager": pager,
            **self.extra_context(),
        })

    def paginate(self, qs):
        """(page, pager links): numbered pages first, then keyset pages (core.keyset) whose links carry a cursor."""
        paginator = CountedPaginator(qs, self.paginate_by)
        get = self.request.GET
        page = None
        if get.get("after") or get.get("before"):
            n = get.get("n", "")
            page = keyset.page(qs, paginator, self.paginate_by, after_cursor=get.get("after", ""),
                               before_cursor=get.get("before", ""), number=int(n) if n.isdigit() else 0)
        if page is None:
            page = paginator.get_page(get.get("page"))
            page.object_list = list(page.object_list)
            order = keyset.ordering_of(qs)
            nxt = keyset.encode(page.object_list[-1], order) if (
                page.number >= keyset.NUMBERED_PAGES and page.has_next() and page.object_list) else None
            return page, {"next": {"after": nxt, "n": page.number + 1} if nxt else None}
        prev = None
        if page.number > 1:
            prev = ({"page": page.number - 1} if page.number - 1 <= keyset.NUMBERED_PAGES or not page.previous_cursor
                    else {"before": page.previous_cursor, "n": page.number - 1})
        nxt = {"after": page.next_cursor, "n": page.number + 1} if page.next_cursor else None
        return page, {"next": nxt, "prev": prev}

    def may_import(self) -> bool:
        """Whether to offer the Excel import (by default: whoever may create)."""
        return self.may_create()

    def extra_context(self) -> dict:
        """More template context for a subclass's own template."""
        return {}
