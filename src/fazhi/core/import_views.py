"""The Excel import page every module uses: template download, dry run, all-or-nothing, row-level errors."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.views import View

from fazhi.core import jobs
from fazhi.core.excel import ImportFailed, ImportResult, RowError, xlsx_response
from fazhi.core.uploads import explain_rejected_upload

MAX_LISTED_ERRORS = 1000  # a background import's report lists this many errors (and counts them all)


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")
    dry_run = forms.BooleanField(label="仅校验，不导入", required=False, initial=True)


class ExcelImportView(View):
    """Subclasses set title, template_filename, success_url_name, success_message ("…{n}…") and implement
    template_bytes() and run_import(); they may add fields through form_class and refuse in denied()."""

    title = ""
    updated_message = "另有 {n} 条记录按本次内容更新。"
    template_filename = "导入模板.xlsx"
    success_url_name = ""
    success_message = "已导入 {n} 条记录。"
    form_class = ImportForm
    template_name = "core/import.html"

    def template_bytes(self) -> bytes:
        raise NotImplementedError

    def run_import(self, fileobj, cleaned_data: dict, *, actor, dry_run: bool) -> ImportResult:
        raise NotImplementedError

    def denied(self, request):
        """A response refusing the user, or None when the user may import."""
        return None

    def get(self, request, *args, **kwargs):
        if request.GET.get("template"):
            return xlsx_response(self.template_filename, self.template_bytes())
        return self.denied(request) or self._render(request, self.form_class(), None)

    def post(self, request, *args, **kwargs):
        refusal = self.denied(request)
        if refusal:
            return refusal
        form = self.form_class(request.POST, request.FILES)
        result = None
        if not form.is_valid():
            explain_rejected_upload(request, form)
        else:
            d = form.cleaned_data
            if jobs.in_background(d["file"]):
                return redirect(self.start_job(request, d))
            try:
                result = self.run_import(d["file"], d, actor=request.user, dry_run=d["dry_run"])
            except ImportFailed as e:
                form.add_error("file", e.message)
            else:
                if result.ok and not result.dry_run:
                    messages.success(request, self.done_message(result))
                    return redirect(self.success_url_name)
        return self._render(request, form, result)

    def done_message(self, result: ImportResult) -> str:
        return (self.success_message.format(n=result.created)
                + (f"另有 {result.skipped} 行此前已导入，未重复导入。" if result.skipped else "")
                + (self.updated_message.format(n=result.updated) if result.updated else ""))

    def start_job(self, request, data: dict):
        """Queue this import for the background worker; the address of the job's page."""
        cls = type(self)
        fields = {k: v for k, v in data.items() if k != "file"}
        job = jobs.start(user=request.user, kind="import", title=f"{self.title}：{data['file'].name}",
                         handler="fazhi.core.import_views.import_job", upload=data["file"],
                         params={"view": f"{cls.__module__}.{cls.__qualname__}", "kwargs": self.kwargs,
                                 "fields": fields, "back": request.path,
                                 "success_url": reverse(self.success_url_name)})
        return job.get_absolute_url()

    def _render(self, request, form, result):
        return render(request, self.template_name, {"form": form, "result": result, "title": self.title,
                                                    "template_url": "?template=1",
                                                    "back_url": reverse(self.success_url_name)})


def import_job(job) -> dict:
    """The background half of ExcelImportView: the same view's run_import() on the saved file, as its user."""
    p = job.params
    view = import_string(p["view"])()
    view.kwargs = p.get("kwargs", {})
    fields = p.get("fields", {})
    with jobs.upload(job) as f:
        result = view.run_import(f, {**fields, "file": f}, actor=job.user, dry_run=bool(fields.get("dry_run")))
    return {"total": result.total, "created": result.created, "skipped": result.skipped, "updated": result.updated,
            "dry_run": result.dry_run, "error_count": max(result.error_count, len(result.errors)),
            "errors": [{"row": e.row, "column": e.column, "message": e.message}
                       for e in result.errors[:MAX_LISTED_ERRORS]],
            "message": view.done_message(result) if result.ok and not result.dry_run else "",
            "success_url": p.get("success_url", ""), "back": p.get("back", "")}


def result_from_job(data: dict) -> ImportResult:
    """The ImportResult a finished import job recorded, for the same report template as an import in the request."""
    return ImportResult(total=data["total"], created=data["created"], dry_run=data["dry_run"],
                        skipped=data["skipped"], updated=data["updated"], error_count=data["error_count"],
                        errors=[RowError(**e) for e in data["errors"]])
