"""Uploads checked while they stream in (issue #17 item 3): a file larger than FAZHI_MAX_UPLOAD_MB (30 by default)
is dropped chunk by chunk, never held in memory or written whole, and the form says why in Chinese. A few pages take
larger files (`FAZHI_UPLOAD_LIMITS`, by URL name: a province's entity directory is about 1 GB); the limit is chosen
from the address, since CSRF checking reads the upload before any view runs. Such files are imported in the
background (ADR 0015)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.forms.utils import ErrorList
from django.urls import Resolver404, resolve


def limit_for(request) -> int:
    """The largest upload the page at the request's address accepts, in bytes."""
    try:
        name = resolve(request.path_info).view_name
    except Resolver404:
        name = ""
    return settings.FAZHI_UPLOAD_LIMITS.get(name, settings.FAZHI_MAX_UPLOAD_BYTES)


class LimitedUploadHandler(FileUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > limit_for(self.request):
            self.request.upload_too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers build the file


def too_large_message(request=None) -> str:
    limit = limit_for(request) if request is not None else settings.FAZHI_MAX_UPLOAD_BYTES
    return f"文件超过 {limit // (1024 * 1024)} MB 的上限，未接收。请压缩或拆分后再上传。"


def explain_rejected_upload(request, form, field: str = "file") -> None:
    """Replace the form's “required” error by the real reason when the file was too large."""
    if getattr(request, "upload_too_large", False) and field in form.fields:
        form.errors[field] = ErrorList([too_large_message(request)])
