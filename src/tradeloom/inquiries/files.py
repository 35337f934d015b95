"""Attachment checks: size cap, count cap and content sniffing.

The extension and the browser's content type are ignored: the first bytes (and for
spreadsheets the zip's members) decide what a file is. Only images, PDF and XLSX
are accepted; a workbook with macros is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from tradeloom.catalog.rules import invalid
from tradeloom.core.attachments import clean_name, sniff


def max_bytes() -> int:
    return getattr(settings, "INQUIRY_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)


def max_files() -> int:
    return getattr(settings, "INQUIRY_ATTACHMENT_MAX_FILES", 5)


@dataclass
class CheckedFile:
    upload: object
    name: str
    kind: str
    content_type: str
    size: int


def check_files(files) -> list[CheckedFile]:
    """The uploads as accepted attachments, or a DomainError naming the first bad one."""
    files = [f for f in (files or []) if f is not None]
    if len(files) > max_files():
        raise invalid(
            "files",
            _("Attach at most %(n)s files to one message.") % {"n": max_files()},
            "too_many_files",
        )
    checked = []
    for upload in files:
        name = clean_name(getattr(upload, "name", ""))
        size = getattr(upload, "size", None) or 0
        if size > max_bytes():
            raise invalid(
                "files",
                _("“%(name)s” is too large; the limit is %(mb)s MB.")
                % {"name": name, "mb": max_bytes() // 1024 // 1024},
                "file_too_large",
                name=name,
            )
        if size == 0:
            raise invalid("files", _("“%(name)s” is empty.") % {"name": name}, "file_empty")
        upload.seek(0)
        head = upload.read(16)
        sniffed = sniff(head, upload)
        upload.seek(0)
        if sniffed is None:
            raise invalid(
                "files",
                _("“%(name)s” is not an image, a PDF or an Excel workbook (.xlsx).")
                % {"name": name},
                "file_type_not_allowed",
                name=name,
            )
        kind, content_type = sniffed
        checked.append(CheckedFile(upload, name, kind, content_type, size))
    return checked


def as_upload(content: bytes, name: str):
    """A file-like upload from bytes (for the API and tests)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
