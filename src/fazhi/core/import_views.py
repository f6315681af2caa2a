"""The Excel import page every module uses: template download, dry run, all-or-nothing, row-level errors."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views import View

from fazhi.core.excel import ImportFailed, ImportResult, xlsx_response
from fazhi.core.uploads import explain_rejected_upload


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")
    dry_run = forms.BooleanField(label="仅校验，不导入", required=False, initial=True)


class ExcelImportView(View):
    """Subclasses set title, template_filename, success_url_name, success_message ("…{n}…") and implement
    template_bytes() and run_import(); they may add fields through form_class and refuse in denied()."""

    title = ""
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
            try:
                result = self.run_import(d["file"], d, actor=request.user, dry_run=d["dry_run"])
            except ImportFailed as e:
                form.add_error("file", e.message)
            else:
                if result.ok and not result.dry_run:
                    messages.success(request, self.success_message.format(n=result.created) + (
                        f"另有 {result.skipped} 行此前已导入，未重复导入。" if result.skipped else ""))
                    return redirect(self.success_url_name)
        return self._render(request, form, result)

    def _render(self, request, form, result):
        return render(request, self.template_name, {"form": form, "result": result, "title": self.title,
                                                    "template_url": "?template=1"})
