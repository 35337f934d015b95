"""What an attached file really is, decided by its bytes, never by its name.

Shared by every app that takes attachments (conversations, RFQs and quotes). Only
images (PNG, JPEG, GIF, WebP, verified by Pillow), PDF and XLSX are recognised; a
workbook with macros is not.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath

from PIL import Image, UnidentifiedImageError

IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def clean_name(name: str) -> str:
    """The file's own name without folders, control or shell-special characters."""
    base = PurePosixPath(str(name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*').strip()
    return base[:200] or "attachment"


def sniff(head: bytes, upload) -> tuple[str, str] | None:
    """("image" | "pdf" | "xlsx", content type) for a file we keep, else None.
    ``head`` is the first bytes; ``upload`` is the whole file, readable and seekable."""
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
