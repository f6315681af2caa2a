"""Pages of the registers: subjects, officers (with certificates and training), certificates, imports, settings."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from fazhi.core import clock
from fazhi.core.import_views import ExcelImportView
from fazhi.core.listing import Filter, ScopedListView
from fazhi.core.models import AuditEvent, Organisation
from fazhi.core.permissions import ActionError
from fazhi.core.workflow import run_step
from fazhi.officers import actions, forms, importers
from fazhi.officers.choices import CertificateStatus, SubjectKind
from fazhi.officers.models import Certificate, EnforcementSubject, Officer, required_hours
from fazhi.officers.permissions import ISSUER_ROLES, KEEPER_ROLES, enforcement_refusal, may_issue
from fazhi.officers.workflow import CERTIFICATE, OFFICER, SUBJECT
from fazhi.rules.deadlines import deadlines_for


def _roles(user) -> set:
    from fazhi.core.models import Membership

    return set(Membership.objects.filter(user=user).values_list("role", flat=True))


def may_keep_any(user) -> bool:
    return user.is_superuser or bool(_roles(user) & set(KEEPER_ROLES))


def may_issue_any(user) -> bool:
    return user.is_superuser or bool(_roles(user) & set(ISSUER_ROLES))


def _mask_id(v: str) -> str:
    return v[:6] + "********" + v[-4:] if len(v) == 18 else v


class OfficerList(ScopedListView):
    title = "行政执法人员"
    columns = [("name", "姓名"), ("organisation__name", "所在单位"), ("position", "职务"), ("areas", "执法领域"),
               (lambda o: _mask_id(o.id_number), "身份证号码"),
               (lambda o: (c.number if (c := o.listed_certificate(clock.today())) else "无有效证件"), "有效执法证"),
               (lambda o: "在岗" if o.active else f"离岗（{o.left_on:%Y-%m-%d}）", "状态")]
    search_fields = ["name", "organisation__name", "areas", "certificates__number"]
    filters = [Filter("active", "状态", "active", [("True", "在岗"), ("False", "离岗")])]
    ordering = ["organisation__path", "name", "pk"]
    create_url_name = "officers:officer_create"
    create_label = "登记执法人员"
    import_url_name = "officers:import"

    def may_create(self):
        return may_keep_any(self.request.user)

    def base_queryset(self):
        return Officer.objects.select_related("organisation").prefetch_related("certificates")

    def get(self, request, *args, **kwargs):
        self.extra_actions = [(reverse("officers:subject_list"), "执法主体"),
                              (reverse("officers:certificate_list"), "执法证件")]
        return super().get(request, *args, **kwargs)


@require_http_methods(["GET", "POST"])
def officer_create(request):
    if not may_keep_any(request.user):
        raise Http404("您没有登记执法人员的权限。")
    form = forms.OfficerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            officer = actions.register_officer(actor=request.user, organisation=d["organisation"], name=d["name"],
                                               id_number=d["id_number"], position=d["position"], phone=d["phone"],
                                               areas=d["areas"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"已登记执法人员 {officer.name}。")
            return redirect(officer)
    return render(request, "core/form.html", {"form": form, "title": "登记执法人员", "submit_label": "登记"})


def _officers(user):
    return Officer.objects.visible_to(user).select_related("organisation")


def officer_detail(request, pk):
    officer = get_object_or_404(_officers(request.user), pk=pk)
    today = clock.today()
    year = dt.date(today.year, 1, 1)
    hours = sum((t.hours for t in officer.training.filter(on__gte=year, on__lte=today)), start=0)
    need, why = required_hours(officer.organisation)
    certs = list(officer.certificates.all())
    return render(request, "officers/officer_detail.html", {
        "officer": officer, "title": officer.name, "steps": OFFICER.buttons(officer, request.user),
        "certificates": certs, "training": officer.training.all()[:50], "hours": hours, "need": need, "why": why,
        "refusal": enforcement_refusal(officer, today), "today": today,
        "history": AuditEvent.objects.for_object(officer),
    })


@require_http_methods(["GET", "POST"])
def officer_step(request, pk, step):
    officer = get_object_or_404(_officers(request.user), pk=pk)
    return run_step(request, OFFICER, officer, step, title=officer.name)


class CertificateList(ScopedListView):
    title = "行政执法证件"
    columns = [("number", "证件编号"), ("officer__name", "姓名"), ("officer__organisation__name", "所在单位"),
               ("get_kind_display", "证件类别"), ("issued_on", "发证日期"), ("expires_on", "有效期至"),
               ("get_status_display", "状态")]
    search_fields = ["number", "officer__name", "officer__organisation__name"]
    filters = [Filter("status", "状态", "status", list(CertificateStatus.choices))]
    ordering = ["expires_on", "pk"]

    def base_queryset(self):
        return Certificate.objects.select_related("officer__organisation")


def _certs(user):
    return Certificate.objects.visible_to(user).select_related("officer__organisation")


def certificate_detail(request, pk):
    cert = get_object_or_404(_certs(request.user), pk=pk)
    return render(request, "officers/certificate_detail.html", {
        "cert": cert, "title": str(cert), "steps": CERTIFICATE.buttons(cert, request.user),
        "deadlines": deadlines_for(cert), "today": clock.today(), "history": AuditEvent.objects.for_object(cert),
    })


@require_http_methods(["GET", "POST"])
def certificate_step(request, pk, step):
    cert = get_object_or_404(_certs(request.user), pk=pk)
    return run_step(request, CERTIFICATE, cert, step, title=str(cert))


class SubjectList(ScopedListView):
    title = "行政执法主体"
    columns = [("organisation__name", "执法主体"), ("get_kind_display", "主体类别"), ("entrusted_by__name", "委托机关"),
               ("scope", "执法领域和职权范围"), ("valid_from", "起始日期"), ("valid_to", "终止日期"),
               ("announced_on", "公告日期")]
    search_fields = ["organisation__name", "scope", "basis"]
    filters = [Filter("kind", "主体类别", "kind", list(SubjectKind.choices))]
    ordering = ["organisation__path", "-valid_from"]
    create_url_name = "officers:subject_create"
    create_label = "确认执法主体"
    import_url_name = "officers:subject_import"

    def may_create(self):
        return may_issue_any(self.request.user)

    def base_queryset(self):
        return EnforcementSubject.objects.select_related("organisation", "entrusted_by")


@require_http_methods(["GET", "POST"])
def subject_create(request):
    if not may_issue_any(request.user):
        raise Http404("您没有确认执法主体的权限。")
    form = forms.SubjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            s = actions.register_subject(actor=request.user, organisation=d["organisation"], kind=d["kind"],
                                         basis=d["basis"], scope=d["scope"], entrusted_by=d["entrusted_by"],
                                         document_number=d["document_number"], valid_from=d["valid_from"],
                                         valid_to=d["valid_to"], credit_code=d["credit_code"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"已确认执法主体 {s.organisation.name}。")
            return redirect(s)
    return render(request, "core/form.html", {"form": form, "title": "确认执法主体", "submit_label": "确认"})


def _subjects(user):
    return EnforcementSubject.objects.visible_to(user).select_related("organisation", "entrusted_by")


def subject_detail(request, pk):
    s = get_object_or_404(_subjects(request.user), pk=pk)
    return render(request, "officers/subject_detail.html", {
        "subject": s, "title": str(s), "steps": SUBJECT.buttons(s, request.user), "today": clock.today(),
        "active": s.active(clock.today()), "history": AuditEvent.objects.for_object(s),
    })


@require_http_methods(["GET", "POST"])
def subject_step(request, pk, step):
    s = get_object_or_404(_subjects(request.user), pk=pk)
    return run_step(request, SUBJECT, s, step, title=str(s))


@require_http_methods(["GET", "POST"])
def requirement(request, pk):
    org = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    if not may_issue(request.user, org):
        raise Http404("没有这个页面，或您无权设置。")
    need, why = required_hours(org)
    form = forms.RequirementForm(request.POST or None, initial={"hours": need})
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_training_requirement(actor=request.user, organisation=org, hours=form.cleaned_data["hours"],
                                             basis=form.cleaned_data["basis"])
        except ActionError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "已设置培训学时要求。")
            return redirect("officers:officer_list")
    return render(request, "core/form.html", {"form": form, "title": f"{org.name}：执法人员培训学时要求（现为{why}）",
                                              "submit_label": "保存"})


class _Import(ExcelImportView):
    kind = ""

    def template_bytes(self):
        return importers.template_bytes(self.kind)

    def run_import(self, fileobj, cleaned_data, *, actor, dry_run):
        return importers.run(self.kind, fileobj, actor=actor, dry_run=dry_run)

    def denied(self, request):
        allowed = may_issue_any(request.user) if self.kind == "subjects" else may_keep_any(request.user)
        if not allowed:
            raise Http404("您没有导入的权限。")
        return None


class OfficerImport(_Import):
    kind = "officers"
    title = "导入执法人员及证件"
    template_filename = "执法人员导入模板.xlsx"
    success_url_name = "officers:officer_list"
    success_message = "已导入 {n} 名执法人员。"


class SubjectImport(_Import):
    kind = "subjects"
    title = "导入执法主体"
    template_filename = "执法主体导入模板.xlsx"
    success_url_name = "officers:subject_list"
    success_message = "已导入 {n} 个执法主体。"


class TrainingImport(_Import):
    kind = "training"
    title = "导入培训考试记录"
    template_filename = "培训考试记录导入模板.xlsx"
    success_url_name = "officers:officer_list"
    success_message = "已导入 {n} 条培训考试记录。"

