"""Attachments on RFQs and quotes: size-capped, type decided by content, never by name.

Only images (PNG, JPEG, GIF, WebP), PDF and XLSX are kept. The type a browser sees
when downloading is the sniffed one, with ``nosniff`` and ``attachment`` disposition.
"""

from __future__ import annotations

import io
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from tradeloom.core import attachments
from tradeloom.core.errors import DomainError

MAX_FILES = 5
XLSX = attachments.XLSX_TYPE
EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
    XLSX: ".xlsx",
}


def max_bytes() -> int:
    return int(getattr(settings, "RFQ_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def sniff(head: bytes, data: bytes) -> str | None:
    """The content type the bytes really are, or None if not one we keep."""
    found = attachments.sniff(head, io.BytesIO(data))
    return found[1] if found else None


def read_upload(upload) -> tuple[ContentFile, str, str, int]:
    """Validate an uploaded file; return (content, clean name, sniffed type, size)."""
    limit = max_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _too_large(limit)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large(limit)
    if not data:
        raise DomainError(
            _("The file is empty."), code="attachment_empty", details={"field": "attachments"}
        )
    kind = sniff(data[:16], data)
    if kind is None:
        raise DomainError(
            _("Attach images (PNG, JPEG, GIF, WebP), PDF or XLSX files only."),
            code="attachment_type",
            details={"field": "attachments"},
        )
    name = attachments.clean_name(getattr(upload, "name", ""))
    stem = PurePath(name).stem or "attachment"
    name = f"{stem[:190]}{EXTENSIONS[kind]}"
    return ContentFile(data, name=name), name, kind, len(data)


def check_count(uploads: list) -> None:
    if len(uploads) > MAX_FILES:
        raise DomainError(
            _("Attach at most %(n)s files.") % {"n": MAX_FILES},
            code="too_many_attachments",
            details={"field": "attachments"},
        )


def _too_large(limit: int) -> DomainError:
    return DomainError(
        _("A file may be at most %(mb)s MB.") % {"mb": limit // (1024 * 1024) or 1},
        code="attachment_too_large",
        details={"field": "attachments"},
    )
