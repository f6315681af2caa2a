"""Pages of the core module: dashboard, organisations, users, audit log, API tokens."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import actions, audit_display, clock, importers
from fazhi.core.choices import AuditAction, OrgKind
from fazhi.core.forms import MembershipForm, OrganisationForm, UserCreateForm
from fazhi.core.import_views import ExcelImportView
from fazhi.core.listing import Filter, ScopedListView
from fazhi.core.models import ApiToken, AuditEvent, Membership, Organisation
from fazhi.core.modules import hook, module_configs
from fazhi.core.permissions import ActionError, may_manage_organisation
from fazhi.metrics.registry import Scope, UnknownMetric, evaluation, get, shown


def form_page(request, form, title: str, submit: str, run, *, done: str = "已保存：{obj}。"):
    """A page that creates a record: the form on GET; on a valid POST `run(cleaned_data)` (an action) and on to the
    new record; an ActionError shows on the form and nothing is saved."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = run(form.cleaned_data)
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, done.format(obj=obj))
            return redirect(obj)
    return render(request, "core/form.html", {"form": form, "title": title, "submit_label": submit})


def home_organisation(user) -> Organisation | None:
    """The highest organisation the user belongs to (a superuser without memberships: the first root)."""
    m = Membership.objects.filter(user=user, organisation__active=True).select_related("organisation") \
        .order_by("organisation__depth", "organisation__path").first()
    if m:
        return m.organisation
    if user.is_superuser:
        return Organisation.objects.filter(parent__isnull=True).order_by("path").first()
    return None


def _figure_cards(org, year) -> list[dict]:
    """The modules' key figures for this year against last year (each figure computed once)."""
    cards = []
    with evaluation():
        for config in module_configs():
            for key in getattr(config, "dashboard_metrics", []):
                try:
                    m = get(key)
                except UnknownMetric:
                    continue
                now, last = shown(m, Scope.for_year(org, year)), shown(m, Scope.for_year(org, year - 1))
                cards.append({"metric": m, "now": now, "last": last,
                              "module": config.verbose_name, "year": year})
    return cards


def dashboard(request):
    org = home_organisation(request.user)
    year = clock.today().year
    # computed when the template asks for them: inside its {% kept %} block, which serves them from memory while
    # the tables they were read from are unchanged
    cards = functools.cache(lambda: _figure_cards(org, year) if org is not None else [])
    events = AuditEvent.objects.visible_to(request.user).select_related("organisation")[:10]
    panels = hook("dashboard_panel")
    return render(request, "core/dashboard.html", {
        "org": org, "cards": cards, "events": events, "year": year, "panels": panels,
        "memberships": Membership.objects.filter(user=request.user).select_related("organisation"),
    })


class OrganisationList(ScopedListView):
    title = "机构"
    columns = [("code", "机构代码"), ("name", "名称"), ("get_kind_display", "类型"), ("parent__name", "上级机构"),
               ("region__name", "行政区划"), ("active", "有效")]
    search_fields = ["code", "name", "short_name"]
    filters = [Filter("kind", "类型", "kind", list(OrgKind.choices)),
               Filter("active", "状态", "active", [("True", "有效"), ("False", "已撤销")])]
    create_url_name = "core:org_create"
    create_label = "新建机构"
    import_url_name = "core:org_import"

    def base_queryset(self):
        return Organisation.objects.select_related("parent", "region")


def org_detail(request, code):
    org = get_object_or_404(Organisation.objects.visible_to(request.user), code=code)
    return render(request, "core/org_detail.html", {
        "org": org,
        "children": Organisation.objects.visible_to(request.user).filter(parent=org),
        "members": Membership.objects.filter(organisation=org).select_related("user"),
        "history": AuditEvent.objects.for_object(org),
        "can_manage": may_manage_organisation(request.user, org.parent or org),
        "can_manage_members": may_manage_organisation(request.user, org),
        "ancestors": [a for a in org.ancestors()
                      if Organisation.objects.visible_to(request.user).filter(pk=a.pk).exists()],
    })


@require_http_methods(["GET", "POST"])
def org_create(request):
    form = OrganisationForm(request.POST or None, user=request.user, initial={"parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            org = actions.create_organisation(actor=request.user, code=d["code"], name=d["name"], kind=d["kind"],
                                              parent=d["parent"], region=d["region"], short_name=d["short_name"],
                                              reason=d["reason"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"已新建机构“{org.name}”。")
            return redirect("core:org_detail", code=org.code)
    return render(request, "core/form.html", {"form": form, "title": "新建机构"})


@require_http_methods(["GET", "POST"])
def org_edit(request, code):
    org = get_object_or_404(Organisation.objects.visible_to(request.user), code=code)
    initial = {"code": org.code, "name": org.name, "short_name": org.short_name, "kind": org.kind,
               "parent": org.parent_id, "region": org.region_id}
    form = OrganisationForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.update_organisation(org, actor=request.user, reason=d["reason"], code=d["code"], name=d["name"],
                                        short_name=d["short_name"], kind=d["kind"], parent=d["parent"],
                                        region=d["region"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "已保存。")
            return redirect("core:org_detail", code=d["code"])
    return render(request, "core/form.html", {"form": form, "title": f"修改机构：{org.name}"})


class OrganisationImport(ExcelImportView):
    title = "导入机构"
    template_filename = "机构导入模板.xlsx"
    success_url_name = "core:org_list"
    success_message = "已导入 {n} 个机构。"

    def template_bytes(self):
        return importers.template_bytes()

    def run_import(self, fileobj, cleaned_data, *, actor, dry_run):
        return importers.import_organisations(fileobj, actor=actor, dry_run=dry_run)


@require_http_methods(["GET", "POST"])
def user_create(request, code):
    org = get_object_or_404(Organisation.objects.visible_to(request.user), code=code)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.create_user(actor=request.user, username=d["username"], full_name=d["full_name"],
                                password=d["password"], organisation=org, role=d["role"], email=d["email"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"已新建用户“{d['username']}”。")
            return redirect("core:org_detail", code=org.code)
    return render(request, "core/form.html", {"form": form, "title": f"为“{org.name}”新建用户"})


class AuditList(ScopedListView):
    title = "审计日志"
    columns = [("seq", "序号"), ("at", "时间"), ("actor_name", "操作人"), ("organisation__name", "机构"),
               ("get_action_display", "动作"), ("verb", "操作"), ("object_repr", "对象"), ("reason", "理由")]
    search_fields = ["actor_name", "object_repr", "verb", "reason"]
    filters = [Filter("action", "动作", "action", list(AuditAction.choices))]

    def base_queryset(self):
        return AuditEvent.objects.select_related("organisation")


def audit_detail(request, seq):
    event = get_object_or_404(AuditEvent.objects.visible_to(request.user), seq=seq)
    return render(request, "core/audit_detail.html", {"event": event, "changes": audit_display.before_after(event)})


@require_http_methods(["GET", "POST"])
def tokens(request):
    new_key = None
    if request.method == "POST":
        try:
            if "revoke" in request.POST:
                token = get_object_or_404(ApiToken, user=request.user, pk=_int_or_404(request.POST["revoke"]))
                actions.revoke_token(token, actor=request.user)
                messages.success(request, "令牌已撤销。")
                return redirect("core:tokens")
            _, new_key = actions.issue_token(actor=request.user, name=request.POST.get("name", ""))
        except ActionError as e:
            messages.error(request, e.message)
    return render(request, "core/tokens.html", {"tokens": ApiToken.objects.filter(user=request.user),
                                                "new_key": new_key})


def _int_or_404(value) -> int:
    if not str(value).isdigit():
        raise Http404("记录不存在。")
    return int(value)


@require_http_methods(["GET", "POST"])
def membership_add(request, code):
    """Give an existing user a role in this organisation (core.actions.add_membership, audited)."""
    org = get_object_or_404(Organisation.objects.visible_to(request.user), code=code)
    form = MembershipForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.add_membership(actor=request.user, user=d["user"], organisation=org, role=d["role"],
                                   reason=d["reason"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"已为“{d['user'].get_full_name() or d['user'].username}”分配角色。")
            return redirect("core:org_detail", code=org.code)
    return render(request, "core/form.html", {"form": form, "title": f"为“{org.name}”分配角色",
                                              "back_url": org.get_absolute_url()})


@require_POST
def membership_remove(request, code, pk):
    org = get_object_or_404(Organisation.objects.visible_to(request.user), code=code)
    membership = get_object_or_404(Membership, organisation=org, pk=pk)
    try:
        actions.remove_membership(membership, actor=request.user, reason=request.POST.get("reason", ""))
    except ActionError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "已撤销该角色。")
    return redirect("core:org_detail", code=org.code)


def health(request):
    return HttpResponse("ok", content_type="text/plain")


def not_found_if_invisible(qs, user, **lookup):
    """Shared helper: the record if the user sees it, else 404 (never 403)."""
    obj = qs.visible_to(user).filter(**lookup).first()
    if obj is None:
        raise Http404("记录不存在或您无权查看。")
    return obj

