"""Pages of the 权责清单: the list on any date, an item with its bases, flowchart, history and steps, an
organisation's list with its steps, adjustments, the Excel import and the Word export."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from fazhi.core import clock
from fazhi.core.import_views import ExcelImportView
from fazhi.core.listing import Filter, Link, ScopedListView
from fazhi.core.models import AuditEvent, Organisation
from fazhi.core.scoping import subtree_q
from fazhi.core.workflow import run_step
from fazhi.laws.models import CitationFlag
from fazhi.powers import actions, documents, importers
from fazhi.powers import flowchart as flow
from fazhi.powers.choices import AdjustmentKind, Category, Level
from fazhi.powers.models import Adjustment, PowerItem
from fazhi.powers.permissions import MANAGER_ROLES, may_manage
from fazhi.powers.workflow import ITEM, ORG


def day_from(request) -> dt.date:
    """The list's date (?on=YYYY-MM-DD, default today); a bad value is ignored with a message."""
    raw = request.GET.get("on", "").strip()
    if raw:
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            messages.warning(request, f"日期“{raw[:20]}”无效，已显示今天的清单。")
    return clock.today()


class ItemList(ScopedListView):
    title = "权责清单"
    columns = [("code", "事项编码"), (lambda i: Link(i.name, i.get_absolute_url()), "事项名称"), ("get_category_display", "权力类别"),
               ("organisation__name", "实施机关"), ("get_level_display", "行使层级"),
               (lambda i: "子项" if i.parent_id else "事项", "层次"),
               (lambda i: i.delegated_from.name if i.delegated_from_id else "", "赋权或下放机关"),
               ("valid_from", "生效日期"), ("valid_to", "失效日期")]
    search_fields = ["code", "name", "organisation__name"]
    filters = [Filter("category", "权力类别", "category", list(Category.choices)),
               Filter("level", "行使层级", "level", list(Level.choices)),
               Filter("kind", "层次", "parent__isnull", [("True", "事项"), ("False", "子项")])]
    ordering = ["organisation__path", "category", "code"]
    import_url_name = "powers:import"
    template_name = "powers/item_list.html"

    def may_create(self) -> bool:
        return False  # items are added on the organisation's list page (a dated adjustment)

    def may_import(self) -> bool:
        return may_import(self.request.user)

    def base_queryset(self):
        return PowerItem.objects.select_related("organisation", "delegated_from")

    def get_queryset(self):
        self.day = day_from(self.request)
        return super().get_queryset().in_force_on(self.day)

    def extra_context(self) -> dict:
        return {"day": self.day, "my_orgs": managed_orgs(self.request.user)}

    def get(self, request, *args, **kwargs):
        self.extra_actions = [(reverse("powers:adjustment_list"), "调整记录"),
                              (reverse("laws:flag_list") + "?status=open", "依据变更复核")]
        return super().get(request, *args, **kwargs)


def managed_orgs(user):
    """The organisations whose lists the user keeps (for the 新增 links)."""
    from fazhi.core.models import Membership

    if user.is_superuser:
        return Organisation.objects.filter(parent__isnull=True)
    ids = Membership.objects.filter(user=user, role__in=MANAGER_ROLES).values_list("organisation_id", flat=True)
    return Organisation.objects.filter(pk__in=ids)


def may_import(user) -> bool:
    return user.is_authenticated and (user.is_superuser or managed_orgs(user).exists())


def _items(user):
    return PowerItem.objects.visible_to(user).select_related("organisation", "delegated_from", "parent",
                                                            "source_item")


def basis_rows(item) -> list[dict]:
    out = []
    from fazhi.laws.citations import resolve_other

    for b in item.bases.select_related("article").all():
        row = {"citation": b.canonical or b.citation, "status": b.status, "message": b.message,
               "text": b.article.text if b.article_id else "", "url": b.article.get_absolute_url()
               if b.article_id else "", "article_id": b.article_id}
        other = resolve_other(b.citation, item.valid_from) if b.status == "unknown_law" else None
        if other:  # a normative document's article, in the text in force on the item's date
            row = {**row, "citation": other["citation"], "text": other["text"], "url": other["url"],
                   "status": "other_text", "message": "规范性文件"}
        out.append(row)
    return out


def item_detail(request, pk):
    item = get_object_or_404(_items(request.user), pk=pk)
    day = item.valid_to - dt.timedelta(days=1) if item.valid_to else clock.today()
    versions = PowerItem.objects.filter(organisation=item.organisation, code=item.code).order_by("valid_from")
    flags = CitationFlag.objects.filter(source="powers.basis", object_id__in=[
        str(pk) for pk in item.bases.values_list("pk", flat=True)]).order_by("status", "-created_at")
    return render(request, "powers/item_detail.html", {
        "item": item, "title": f"{item.code} {item.name}", "bases": basis_rows(item),
        "subs": actions.sub_items(item, day) if item.parent_id is None else [],
        "svg": flow.svg(item.flowchart), "versions": versions, "flags": flags,
        "derived": item.derived_items.select_related("organisation"),
        "adjustments": (Adjustment.objects.filter(started=item) | Adjustment.objects.filter(ended=item)).distinct(),
        "steps": ITEM.buttons(item, request.user), "history": AuditEvent.objects.for_object(item),
    })


@require_http_methods(["GET", "POST"])
def item_step(request, pk, step):
    item = get_object_or_404(_items(request.user), pk=pk)
    form_kwargs = None
    if step == "amend":  # the form starts from the item as it stands
        form_kwargs = {"initial": {
            "code": item.code, "name": item.name, "category": item.category, "level": item.level,
            "bases": "\n".join(b.canonical or b.citation for b in item.bases.all()),
            "responsibilities": item.responsibilities, "accountability": item.accountability,
            "flowchart": flow.text(item.flowchart), "effective_on": clock.today()}}
    return run_step(request, ITEM, item, step, title=f"{item.code} {item.name}", form_kwargs=form_kwargs)


def item_docx(request, pk):
    item = get_object_or_404(_items(request.user), pk=pk)
    day = item.valid_to - dt.timedelta(days=1) if item.valid_to else clock.today()
    content = documents.item_docx(item, basis_rows(item),
                                  list(actions.sub_items(item, day)) if item.parent_id is None else [])
    resp = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(item.code + item.name[:40] + '.docx')}"
    return resp


def org_detail(request, pk):
    org = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    day = day_from(request)
    items = PowerItem.objects.filter(organisation=org).in_force_on(day)
    counts = []
    for c in Category:
        n = items.filter(category=c.value, parent__isnull=True).count()
        if n:
            counts.append((c.label, n, f"{reverse('powers:item_list')}?category={c.value}&q={quote(org.name)}&on={day}"))
    in_force = PowerItem.objects.in_force_on(day).filter(parent__isnull=True)
    children = [(c, in_force.filter(subtree_q("organisation", c)).count())
                for c in Organisation.objects.visible_to(request.user).filter(parent=org).active().order_by("path")]
    return render(request, "powers/org_detail.html", {
        "org": org, "title": f"{org.name}权责清单", "day": day, "counts": counts, "children": children,
        "total": items.filter(parent__isnull=True).count(), "subs": items.filter(parent__isnull=False).count(),
        "items": items.filter(parent__isnull=True).order_by("category", "code")[:200],
        "steps": ORG.buttons(org, request.user) if may_manage(request.user, org) else [],
        "adjustments": Adjustment.objects.filter(organisation=org)[:20],
    })


@require_http_methods(["GET", "POST"])
def org_step(request, pk, step):
    org = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    return run_step(request, ORG, org, step, title=f"{org.name}权责清单",
                    redirect_to=_OrgPage(org))


class _OrgPage:
    def __init__(self, org):
        self.org = org

    def get_absolute_url(self):
        return reverse("powers:org_detail", args=[self.org.pk])


class AdjustmentList(ScopedListView):
    title = "权责清单调整记录"
    columns = [(lambda a: Link(a.get_kind_display(), a.get_absolute_url()), "调整类型"),
               ("organisation__name", "机构"), ("effective_on", "生效日期"), ("document_number", "批准文件文号"),
               ("document_title", "批准文件名称"), ("reason", "调整理由")]
    search_fields = ["document_number", "document_title", "organisation__name", "reason"]
    filters = [Filter("kind", "调整类型", "kind", list(AdjustmentKind.choices))]
    ordering = ["-effective_on", "-pk"]

    def base_queryset(self):
        return Adjustment.objects.select_related("organisation")


def adjustment_detail(request, pk):
    adj = get_object_or_404(Adjustment.objects.visible_to(request.user).select_related("organisation"), pk=pk)
    return render(request, "powers/adjustment_detail.html", {
        "adj": adj, "title": str(adj), "ended": adj.ended.select_related("organisation"),
        "started": adj.started.select_related("organisation", "delegated_from"),
        "history": AuditEvent.objects.for_object(adj),
    })


class ItemImport(ExcelImportView):
    title = "导入权责清单"
    template_filename = "权责清单导入模板.xlsx"
    success_url_name = "powers:item_list"
    success_message = "已导入 {n} 项权责事项。"

    def template_bytes(self):
        return importers.template_bytes()

    def run_import(self, fileobj, cleaned_data, *, actor, dry_run):
        return importers.import_items(fileobj, actor=actor, dry_run=dry_run)

    def denied(self, request):
        if may_import(request.user):
            return None
        raise Http404("您没有导入权责清单的权限。")

