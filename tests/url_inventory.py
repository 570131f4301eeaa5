"""Every URL pattern of the project, with a sample path, for permission tests.

Third-party areas with their own login (Wagtail admin, Django admin) are listed by prefix so
that tests can treat them as one row each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

SAMPLE_VALUES = {
    "int": "999999",
    "slug": "bestaat-niet",
    "str": "bestaat-niet",
    "path": "bestaat-niet",
    "uuid": "00000000-0000-0000-0000-000000000000",
}
# Areas that bring their own authentication and are tested as a whole. Wagtail's documents
# (`documenten/`) are not one of them: they are served by the platform's rules on privacy, so
# each of their routes is a row like any other.
THIRD_PARTY_PREFIXES = ("cms/", "django-admin/", "static/", "media/")


@dataclass(frozen=True)
class UrlRow:
    route: str  # the pattern as written, e.g. "casussen/pogingen/<int:pk>/"
    name: str | None
    sample: str  # a concrete path for that pattern

    @property
    def is_api(self) -> bool:
        return self.sample.startswith("/api/")


def _sample(route: str) -> str:
    def replace(match: re.Match) -> str:
        converter = match.group(1) or "str"
        return SAMPLE_VALUES.get(converter, "x")

    sample = re.sub(r"<(?:(\w+):)?\w+>", replace, route)
    # Regex routes (Wagtail's serve views and a few others) are sampled by stripping the syntax,
    # also where an include's prefix comes before the regex ("documenten/(\\d+)/(.*)$").
    sample = sample.lstrip("^").rstrip("$").replace("\\Z", "")
    sample = sample.replace("(\\d+)", SAMPLE_VALUES["int"]).replace("(.*)", "x")
    sample = re.sub(r"\(\?P<\w+>[^)]*\)", "x", sample)
    return "/" + sample


def _join(prefix: str, pattern) -> str:
    """The route as Django's resolver names it (ResolverMatch.route): an included regex loses
    its leading "^" after a prefix ("documenten/" + "^(\\d+)/(.*)$")."""
    route = str(pattern.pattern)
    return prefix + route.removeprefix("^") if prefix else route


def _walk(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            route = _join(prefix, pattern)
            if route.startswith(THIRD_PARTY_PREFIXES):
                continue
            child_namespace = pattern.namespace or namespace
            if namespace and pattern.namespace:
                child_namespace = f"{namespace}:{pattern.namespace}"
            yield from _walk(pattern.url_patterns, route, child_namespace)
        elif isinstance(pattern, URLPattern):
            route = _join(prefix, pattern)
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield UrlRow(route=route, name=name, sample=_sample(route))


def all_url_rows() -> list[UrlRow]:
    rows = {row.route: row for row in _walk(get_resolver().url_patterns)}
    return sorted(rows.values(), key=lambda row: row.route)
