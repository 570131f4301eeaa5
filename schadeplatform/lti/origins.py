"""An LMS's origin (scheme://host[:port]) from a URL it gave, for a CSP source (frame-ancestors,
form-action): None unless the host is a plain host name or address, so nothing the URL holds
can add another source to the policy."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_HOST = re.compile(r"[A-Za-z0-9.-]+(:[0-9]{1,5})?")


def origin_of(url: str) -> str | None:
    parts = urlsplit(url or "")
    if parts.scheme not in ("https", "http") or not _HOST.fullmatch(parts.netloc):
        return None
    return f"{parts.scheme}://{parts.netloc}"
