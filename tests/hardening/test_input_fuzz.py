"""Fuzzing what the schema-driven fuzzing (test_api_fuzz.py) does not reach: Wagtail's pages API
(left out of the OpenAPI schema), and query strings and headers on every GET route.

Found by hand before this harness existed (issue 12, item 7): `search_operator=foo` and
`search=%00` on the pages API were 500s, on PostgreSQL a NUL in `search`, `html_path` or a
Basic-auth username too, and a double quote in a search broke SQLite's full-text query. Each
generated request must answer without a 5xx, and under /api/ every 4xx in the API's error shape.

Same knobs as test_api_fuzz.py: FUZZ_MAX_EXAMPLES (default 10; the pages API gets ten times as
many per role, being one endpoint with many parameters), FUZZ_SEED.
"""

from __future__ import annotations

import base64
import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening.fuzz_support import (
    ROLE_USERNAMES,
    assert_error_body,
    count_requests,
    known_path_values,
)

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db, pytest.mark.usefixtures("module_demo_data")]

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "10"))
SEED = os.environ.get("FUZZ_SEED")

# Text the storage and search layers have choked on, mixed into the generated text.
TRICKY = [
    "\x00",
    "a\x00b",
    '"',
    'a"b',
    "'",
    "\\",
    "%",
    "*",
    "-",
    "",
    " ",
    "NaN",
    "1e999",
    "-1",
    "99999999999999999999",
    "9999-12-31",
    "and",
    "or",
    "foo",
    "title",
    "-title",
    "?",
    "content.LessonPage",
    "wagtailcore.Page",
    "/",
    "/leren/",
    "*,-title",
    "_,id",
    "ü€😀",
]
# Any text a URL can carry (no lone surrogates: they cannot be percent-encoded as UTF-8).
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
TEXT = st.one_of(st.sampled_from(TRICKY), ANY_TEXT)
# A header value is bytes read as Latin-1 by the server (PEP 3333).
HEADER_TEXT = st.one_of(
    st.sampled_from(TRICKY[:18]),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=255), max_size=60),
)

PAGES_PARAMETERS = [
    "search",
    "search_operator",
    "html_path",
    "type",
    "fields",
    "order",
    "limit",
    "offset",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "locale",
    "translation_of",
    "title",
    "slug",
    "show_in_menus",
    "id",
    "seo_title",
]
HEADERS = [
    "HTTP_X_FORWARDED_FOR",
    "HTTP_ORIGIN",
    "HTTP_REFERER",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_COOKIE",
    "HTTP_AUTHORIZATION",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_RANGE",
    "HTTP_USER_AGENT",
    "HTTP_X_REQUESTED_WITH",
]


def _settings(max_examples: int):
    return settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=SEED is None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


def _seeded(run):
    if SEED not in (None, "random"):
        from hypothesis import seed

        return seed(int(SEED))(run)
    return run


def _auth(role: str) -> dict[str, str]:
    from schadeplatform.accounts.demo import DEMO_USERS

    username = ROLE_USERNAMES[role]
    if username is None:
        return {}
    token = base64.b64encode(f"{username}:{DEMO_USERS[username][3]}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def _query(draw_pairs) -> str:
    from urllib.parse import urlencode

    return urlencode(draw_pairs)


def assert_answer(path: str, query: str, headers: dict, response) -> None:
    where = f"GET {path}?{query} with {headers!r}"
    assert response.status_code < 500, f"{where} answered {response.status_code}"
    if path.startswith("/api/") and 400 <= response.status_code < 500:
        content_type = response.get("Content-Type", "")
        assert "json" in content_type, f"{where} answered {response.status_code} as {content_type}"
        assert_error_body(where, path, json.loads(response.content or b"null"))


@pytest.mark.parametrize("role", list(ROLE_USERNAMES))
def test_the_pages_api_answers_every_generated_query(role, client):
    # given the role and the pages that exist
    pages = known_path_values()["pages"]
    auth = _auth(role)
    endpoint = st.one_of(
        st.just("/api/v1/pages/"),
        st.just("/api/v1/pages/find/"),
        st.sampled_from(pages or [1]).map(lambda pk: f"/api/v1/pages/{pk}/"),
    )
    pairs = st.lists(
        st.tuples(st.one_of(st.sampled_from(PAGES_PARAMETERS), ANY_TEXT), TEXT), max_size=5
    )
    headers = st.dictionaries(st.sampled_from(HEADERS), HEADER_TEXT, max_size=2)

    # when the generated requests are sent
    @_settings(MAX_EXAMPLES * 10)
    @given(path=endpoint, query=pairs.map(_query), extra=headers)
    def run(path, query, extra):
        sent = {**auth, **extra}
        response = client.get(f"{path}?{query}", **sent)
        count_requests("pages API, query strings and headers")
        # then none is a server error, and the API's errors keep their shape
        assert_answer(path, query, sent, response)

    _seeded(run)()


def _get_routes() -> list[tuple[str, list[str]]]:
    """Every GET route under /api/v1/ in the served schema with its query parameters, the path
    parameters filled with real ids."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    known = known_path_values()
    routes = []
    for path, operations in schema["paths"].items():
        if not path.startswith("/api/v1/") or "get" not in operations:
            continue
        filled = path
        for segment, name in re.findall(r"([^/{}]+)/\{(\w+)\}", path):
            values = known.get(segment) or [1]
            filled = filled.replace(f"{{{name}}}", str(values[0]))
        filled = re.sub(r"\{\w+\}", "1", filled)
        names = [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"]
        routes.append((filled, names))
    return routes


PAGES = ["/", "/leren/zoeken/", "/account/inloggen/", "/leren/"]


def _route_run(client, path: str, auth: dict, pairs, headers):
    @_settings(MAX_EXAMPLES)
    @given(query=pairs.map(_query), extra=headers)
    def run(query, extra):
        sent = {**auth, **extra} if path.startswith("/api/") else extra
        response = client.get(f"{path}?{query}", **sent)
        count_requests("query strings and headers on every GET route")
        assert_answer(path, query, sent, response)

    return run


@pytest.mark.parametrize("role", ["anonymous", "trainee", "assessor"])
def test_every_get_route_answers_generated_query_strings_and_headers(role, client):
    # given every GET route of the API and a few pages, and the role
    routes = [*_get_routes(), *((page, ["q", "next", "zone"]) for page in PAGES)]
    assert len(routes) > len(PAGES), "the schema lists no GET route under /api/v1/"
    auth = _auth(role)
    if role != "anonymous":
        # Pages need the session login; the API takes Basic too.
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username=ROLE_USERNAMES[role]))
    failures = []
    for path, names in routes:
        pairs = st.lists(
            st.tuples(st.one_of(st.sampled_from([*names, "format", "page"]), ANY_TEXT), TEXT),
            max_size=4,
        )
        headers = st.dictionaries(st.sampled_from(HEADERS), HEADER_TEXT, max_size=3)

        # when each route gets generated query strings and headers
        try:
            _seeded(_route_run(client, path, auth, pairs, headers))()
        except (Exception, BaseExceptionGroup) as exc:  # report every failing route
            failures.append(f"--- {role}: GET {path}\n{exc}")
    # then none answered with a server error, and the API's errors keep their shape
    assert not failures, "\n\n".join(failures)
