"""Checking and cleaning an uploaded photo before it is stored.

An upload is trusted for nothing: it is opened with an allow-list of formats (JPEG, PNG, WebP),
its pixel size is read from the header and refused before any pixel is decoded (a decompression
bomb is a small file that claims 20,000 × 20,000 pixels), and the accepted image is re-encoded,
which drops EXIF (GPS position included), ICC tricks and anything appended after the image
data. A thumbnail is made from the cleaned image.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_SIDE = 8000
MAX_PIXELS = 40_000_000
THUMBNAIL_SIZE = (320, 320)
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class PhotoRefused(Exception):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class CleanPhoto:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int
    format: str


def clean_photo(upload) -> CleanPhoto:
    """Validate and re-encode an uploaded file; raises `PhotoRefused` with a Dutch message."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise PhotoRefused(
            _("De foto is te groot (maximaal %(mb)s MB).")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    raw = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(raw) > MAX_UPLOAD_BYTES:
        raise PhotoRefused(
            _("De foto is te groot (maximaal %(mb)s MB).")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    too_many_pixels = _("De foto heeft te veel pixels (maximaal %(side)s pixels per zijde).") % {
        "side": MAX_SIDE
    }
    not_an_image = _("Dit bestand is geen foto in een toegestaan formaat (JPEG, PNG of WebP).")
    try:
        # Opening reads only the header; nothing is decoded until load().
        opened = Image.open(io.BytesIO(raw), formats=ALLOWED_FORMATS)
    except Image.DecompressionBombError:
        # Pillow's own header check fires first for the very largest claims.
        raise PhotoRefused(too_many_pixels) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise PhotoRefused(not_an_image) from None
    width, height = opened.size
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise PhotoRefused(
            _("De foto heeft te veel pixels (%(w)s × %(h)s; maximaal %(side)s pixels per zijde).")
            % {"w": width, "h": height, "side": MAX_SIDE}
        )
    image_format = opened.format
    try:
        opened.load()
        # Honour the camera's orientation before the EXIF that holds it is dropped.
        image = ImageOps.exif_transpose(opened)
    except (OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        raise PhotoRefused(_("De foto is beschadigd en kan niet worden gelezen.")) from None
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA")
    name = uuid.uuid4().hex
    extension = _EXTENSIONS[image_format]
    body = io.BytesIO()
    # No exif=, no icc_profile=, no pnginfo=: the re-encoded file carries pixels only.
    image.save(body, format=image_format, **({"quality": 90} if image_format != "PNG" else {}))
    thumb = image.copy()
    thumb.thumbnail(THUMBNAIL_SIZE)
    if thumb.mode != "RGB":
        thumb = thumb.convert("RGB")
    thumb_body = io.BytesIO()
    thumb.save(thumb_body, format="JPEG", quality=80)
    return CleanPhoto(
        image=ContentFile(body.getvalue(), name=f"{name}.{extension}"),
        thumbnail=ContentFile(thumb_body.getvalue(), name=f"{name}-thumb.jpg"),
        width=image.width,
        height=image.height,
        format=image_format,
    )
