"""Baking (OB 3.0 §5.3 "Baking", PNG): the credential's compact JWS in an uncompressed iTXt
chunk with keyword `openbadgecredential`, written and read with Pillow."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, PngImagePlugin

KEYWORD = "openbadgecredential"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# A baked badge of this platform is about 20 KB; the verification page takes no more than this.
MAX_PNG_BYTES = 1_000_000


def badge_image(title: str) -> Image.Image:
    """The badge's picture: a plain medal with the achievement's name (no external image)."""
    image = Image.new("RGBA", (400, 400), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 380, 380), fill=(17, 76, 135, 255), outline=(242, 169, 0, 255), width=14)
    words, lines, line = title.split(), [], ""
    for word in words:
        if len(line) + len(word) > 18 and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    top = 200 - 12 * len(lines[:5])
    for number, text in enumerate(lines[:5]):
        draw.text((200, top + 24 * number), text, fill="white", anchor="mm", font_size=20)
    return image


def bake(jws: str, title: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_itxt(KEYWORD, jws, lang="", tkey="", zip=False)
    out = io.BytesIO()
    badge_image(title).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


class NotABadgeImage(ValueError):
    """The upload is not a PNG this page reads (too large, not a PNG, broken)."""


def unbake(png: bytes) -> str | None:
    """The credential baked into a PNG, or None when it carries none; `NotABadgeImage` when
    the bytes are not a PNG of at most `MAX_PNG_BYTES`.

    The file may be anyone's upload, so only the chunks before the image data are read (what
    `Image.open` reads; no pixel is decoded, so a huge or hostile image costs nothing to look
    at). `bake` writes the iTXt chunk there (Pillow puts text chunks before the image data)."""
    if len(png) > MAX_PNG_BYTES or not png.startswith(PNG_SIGNATURE):
        raise NotABadgeImage
    try:
        with Image.open(io.BytesIO(png), formats=["PNG"]) as image:
            value = image.info.get(KEYWORD)
    except Exception as error:  # a hostile file may fail anywhere in the parser
        raise NotABadgeImage from error
    return str(value) if isinstance(value, str) else None
