"""Uploads checked while they stream in (issue #17 item 3): a file larger than FAZHI_MAX_UPLOAD_MB (30 by default)
is dropped chunk by chunk, never held in memory or written whole, and the form says why in Chinese."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.forms.utils import ErrorList


class LimitedUploadHandler(FileUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.FAZHI_MAX_UPLOAD_BYTES:
            self.request.upload_too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers build the file


def too_large_message() -> str:
    return f"文件超过 {settings.FAZHI_MAX_UPLOAD_BYTES // (1024 * 1024)} MB 的上限，未接收。请压缩或拆分后再上传。"


def explain_rejected_upload(request, form, field: str = "file") -> None:
    """Replace the form's “required” error by the real reason when the file was too large."""
    if getattr(request, "upload_too_large", False) and field in form.fields:
        form.errors[field] = ErrorList([too_large_message()])
