"""Attachment checks: size cap, count cap and content sniffing.

The extension and the browser's content type are ignored: the first bytes (and for
spreadsheets the zip's members) decide what a file is. Only images, PDF and XLSX
are accepted; a workbook with macros is refused.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from tradeloom.catalog.rules import invalid


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


IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _clean_name(name: str) -> str:
    base = PurePosixPath(str(name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*').strip()
    return base[:200] or "attachment"


def _sniff(head: bytes, upload) -> tuple[str, str] | None:
    if head.startswith(b"%PDF-"):
        return "pdf", "application/pdf"
    if head.startswith(b"PK\x03\x04"):
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                return None
            return "xlsx", XLSX_TYPE
        return None
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            fmt = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    if fmt in IMAGE_TYPES:
        return "image", IMAGE_TYPES[fmt]
    return None


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
        name = _clean_name(getattr(upload, "name", ""))
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
        sniffed = _sniff(head, upload)
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
