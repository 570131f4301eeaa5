"""HTML to PDF with WeasyPrint, resources only from the platform's static files."""

from __future__ import annotations

from dataclasses import dataclass, field

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


def render_pdf(html: str, fetcher: PlatformStaticFetcher | None = None) -> RenderedPdf:
    fetcher = fetcher or PlatformStaticFetcher()
    document = HTML(string=html, base_url=base_url(), url_fetcher=fetcher).render()
    content = document.write_pdf()
    return RenderedPdf(
        content=content,
        pages=len(document.pages),
        served=list(fetcher.served),
        refused=list(fetcher.refused),
    )
