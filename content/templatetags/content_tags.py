"""Filters for the profile page: the importer's clean text back to paragraphs and lists."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from content.profile_seed import BULLET

register = template.Library()


@register.filter
def profile_text(text: str) -> SafeString:
    """Blank-line separated paragraphs; lines starting with "•" become a list. Escaped."""
    parts = []
    for block in (text or "").split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith(BULLET) for line in lines):
            items = format_html_join("", "<li>{}</li>", ((line[1:].strip(),) for line in lines))
            parts.append(format_html("<ul>{}</ul>", items))
        else:
            parts.append(format_html("<p>{}</p>", " ".join(lines)))
    return mark_safe("".join(parts))


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
