"""Image uploads: sniffed by content, bounded in bytes and pixels, re-encoded.

Re-encoding drops whatever else the file carried (scripts in SVG, EXIF, polyglots).
"""

from __future__ import annotations

import io
import warnings

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tradeloom.core.errors import DomainError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


class ImageRejected(DomainError):
    code = "invalid_image"


def normalise_image(upload, *, max_bytes: int, max_side: int, name: str) -> ContentFile:
    """Return a re-encoded PNG (or JPEG for photos) no larger than ``max_side`` pixels a side."""
    size = getattr(upload, "size", None)
    if size is None or size > max_bytes:
        raise ImageRejected(
            _("The image is too large; the limit is %(mb)s MB.")
            % {"mb": f"{max_bytes / 1024 / 1024:g}"},
            code="image_too_large",
        )
    data = upload.read()
    if len(data) > max_bytes:
        raise ImageRejected(
            _("The image is too large; the limit is %(mb)s MB.")
            % {"mb": f"{max_bytes / 1024 / 1024:g}"},
            code="image_too_large",
        )
    Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt = probe.format
                width, height = probe.size
                if fmt not in ALLOWED_FORMATS:
                    raise ImageRejected(_("Upload a JPEG, PNG, WebP or GIF image."))
                if width * height > settings.MAX_IMAGE_PIXELS:
                    raise ImageRejected(
                        _("The image has too many pixels."), code="image_too_many_pixels"
                    )
                probe.verify()
            with Image.open(io.BytesIO(data)) as img:
                img.load()
                img = ImageOps.exif_transpose(img)
                img.thumbnail((max_side, max_side))
                has_alpha = img.mode in ("RGBA", "LA", "P")
                img = img.convert("RGBA" if has_alpha else "RGB")
                out = io.BytesIO()
                if has_alpha:
                    img.save(out, "PNG", optimize=True)
                    ext = "png"
                else:
                    img.save(out, "JPEG", quality=88, optimize=True)
                    ext = "jpg"
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(_("The image has too many pixels."), code="image_too_many_pixels")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageRejected(_("Upload a JPEG, PNG, WebP or GIF image."))
    return ContentFile(out.getvalue(), name=f"{name}.{ext}")
