"""Baking (OB 3.0 §5.3 "Baking", PNG): the credential's compact JWS in an uncompressed iTXt
chunk with keyword `openbadgecredential`, written and read with Pillow."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, PngImagePlugin

KEYWORD = "openbadgecredential"


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


def unbake(png: bytes) -> str | None:
    """The credential baked into a PNG, or None."""
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        value = image.text.get(KEYWORD) if hasattr(image, "text") else None
    return str(value) if value is not None else None
