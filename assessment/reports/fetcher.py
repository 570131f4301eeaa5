"""The only way a report may load a resource: the platform's own static files.

WeasyPrint fetches stylesheets, images and fonts through a URL fetcher. The default one follows
any URL — `file:///etc/passwd`, the cloud metadata address `http://169.254.169.254/`, redirects —
which a report's HTML must never be able to trigger (a trainee's text ends up in it). This
fetcher reads `file:` URLs whose real path lies under a static directory (symlinks and `..`
resolved first), passes `data:` URLs, and refuses everything else, writing each refusal down.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

ALLOWED_PROTOCOLS = ("file", "data")


class RefusedURL(ValueError):
    """A report asked for a URL outside the platform's static files."""


def static_roots() -> tuple[Path, ...]:
    roots = [Path(directory) for directory in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return tuple(root.resolve() for root in roots if root.is_dir())


class PlatformStaticFetcher(URLFetcher):
    def __init__(self, roots: tuple[Path, ...] | None = None) -> None:
        # Defence in depth: the parent's own checks refuse other protocols and redirects too.
        super().__init__(
            timeout=2,
            allowed_protocols=ALLOWED_PROTOCOLS,
            allow_redirects=False,
            fail_on_errors=False,
        )
        self.roots = roots if roots is not None else static_roots()
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = self._allowed_path(url)
            if path is not None:
                self.served.append(url)
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    url, path.read_bytes(), headers={"Content-Type": content_type}
                )
        self.refused.append(url)
        raise RefusedURL(f"Rapport mag deze URL niet laden: {url}")

    def _allowed_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        try:
            path = Path(unquote(parts.path)).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not path.is_file():
            return None
        if any(path.is_relative_to(root) for root in self.roots):
            return path
        return None
