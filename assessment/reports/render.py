"""HTML to PDF with WeasyPrint, resources only from the platform's static files."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import path2url

from .fetcher import PlatformStaticFetcher, static_roots


@dataclass
class RenderedPdf:
    content: bytes
    pages: int
    served: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def base_url() -> str:
    """Relative URLs in a report resolve against the first static directory."""
    roots = static_roots()
    return path2url(str(roots[0]) + "/") if roots else "file:///nonexistent/"


# More than one A4 page of the report templates ever holds (twice the most measured; the
# figures are in docs/decisions.md, "Report length"). Layout is most of a render's time, so a
# document is first refused on this lower bound, before any layout.
MAX_ROWS_PER_PAGE = 40
MAX_TEXT_PER_PAGE = 5000
_ROW = re.compile(r"<tr[\s>]")
_TAG = re.compile(r"<[^>]+>")


class TooManyPages(Exception):
    """The document is longer than `PDF_MAX_PAGES`: it is refused, not written."""

    def __init__(self, pages: int, limit: int, *, at_least: bool = False) -> None:
        self.pages = pages
        self.limit = limit
        message = (
            _("Dit rapport zou minstens %(pages)s pagina's worden; het maximum is %(limit)s.")
            if at_least
            else _("Dit rapport zou %(pages)s pagina's worden; het maximum is %(limit)s.")
        )
        super().__init__(message % {"pages": pages, "limit": limit})


def fewest_pages(html: str) -> int:
    """A lower bound of the page count, read from the HTML without laying it out."""
    rows = len(_ROW.findall(html))
    text = len(_TAG.sub("", html))
    return max(1, math.ceil(rows / MAX_ROWS_PER_PAGE), math.ceil(text / MAX_TEXT_PER_PAGE))


def render_pdf(
    html: str, fetcher: PlatformStaticFetcher | None = None, *, max_pages: int | None = None
) -> RenderedPdf:
    """Lay out and write the PDF, at most `max_pages` (default `PDF_MAX_PAGES`) pages: a
    document refused by its lower bound is never laid out; one found longer after layout is
    not written."""
    fetcher = fetcher or PlatformStaticFetcher()
    limit = settings.PDF_MAX_PAGES if max_pages is None else max_pages
    estimate = fewest_pages(html)
    if estimate > limit:
        raise TooManyPages(estimate, limit, at_least=True)
    document = HTML(string=html, base_url=base_url(), url_fetcher=fetcher).render()
    if len(document.pages) > limit:
        raise TooManyPages(len(document.pages), limit)
    content = document.write_pdf()
    return RenderedPdf(
        content=content,
        pages=len(document.pages),
        served=list(fetcher.served),
        refused=list(fetcher.refused),
    )
