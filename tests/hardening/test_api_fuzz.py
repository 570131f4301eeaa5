"""Property-based fuzzing of the platform's own API, for every role.

schemathesis reads the OpenAPI schema that drf-spectacular serves at /api/schema/, generates
requests for every operation under /api/v1/ (valid and invalid data) and sends them in-process
through the WSGI application, authenticated as each demo role. Every response must:

- never be a server error (5xx);
- have a status code that the operation documents (the schema adds the errors every operation
  may answer: schadeplatform/api_schema.py, `document_error_responses`);
- match the schema: documented content type, headers and body;
- for a client error (4xx), be JSON in the API's one error shape {"errors": [{path, message}]}.

Path parameters are also replaced by ids that exist in the demo data (attempts, vehicles,
version numbers, ...), so that the fuzzing reaches real objects and not only 404s.

    .venv/bin/pytest tests/hardening -m fuzz -n 2 -q                        # CI: bounded
    FUZZ_MAX_EXAMPLES=500 .venv/bin/pytest tests/hardening -m fuzz -n 2 -q # longer run

FUZZ_STRICT_STATUS=0 stops failing on status codes the schema does not document (when exploring).
Without FUZZ_SEED the sequence is fixed (derandomised: CI sees the same requests every run);
FUZZ_SEED=random explores anew, FUZZ_SEED=<int> replays one such run.
"""

from __future__ import annotations

import base64
import os

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.core.result import Ok  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.hardening.fuzz_support import (  # noqa: E402
    ROLE_USERNAMES,
    api_error_shape,
    count_requests,
    known_path_values,
    substitute_known_values,
)

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db, pytest.mark.usefixtures("module_demo_data")]

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "10"))
SEED = os.environ.get("FUZZ_SEED")
STRICT_STATUS = os.environ.get("FUZZ_STRICT_STATUS", "1") != "0"

# Every answer is checked, also for paths that no route matches (`-5` or text for an
# `<int:pk>`): under /api/ those answer 404 in the API's error shape too
# (schadeplatform/error_views.py), never a Wagtail page.
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    content_type_conformance,
    response_headers_conformance,
    api_error_shape,
]
if STRICT_STATUS:
    CHECKS.append(status_code_conformance)

# The platform's own API; Wagtail's admin API under /cms/ appears in the schema too but is
# third-party code behind its own login.
OWN_API = r"^/api/v1/"

_served_schema: dict[str, dict] = {}


def _auth_headers(role: str) -> dict[str, str]:
    """Basic authentication as the role's demo user: no session, so no CSRF token to juggle."""
    from schadeplatform.accounts.demo import DEMO_USERS

    username = ROLE_USERNAMES[role]
    if username is None:
        return {}
    password = DEMO_USERS[username][3]
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def _load_schema(wsgi_app):
    """The schema as /api/schema/ serves it, fetched through the WSGI app once per run."""
    if "raw" not in _served_schema:
        loaded = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
        _served_schema["raw"] = loaded.raw_schema
        return loaded.include(path_regex=OWN_API)
    loaded = schemathesis.openapi.from_dict(_served_schema["raw"])
    loaded.app = wsgi_app
    return loaded.include(path_regex=OWN_API)


def _fuzz_operation(operation, headers: dict[str, str], known: dict[str, list]) -> None:
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=SEED is None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(case=cases, pick=st.integers(min_value=0, max_value=10_000))
    def run(case, pick):
        # a generated request, as sent
        count_requests("schema-driven API fuzzing")
        case.call_and_validate(headers=headers, checks=CHECKS)
        # and the same request on objects that exist, when its path names any
        if substitute_known_values(case, known, pick):
            count_requests("schema-driven API fuzzing")
            case.call_and_validate(headers=headers, checks=CHECKS)

    if SEED not in (None, "random"):
        from hypothesis import seed

        run = seed(int(SEED))(run)
    run()


@pytest.mark.parametrize("role", list(ROLE_USERNAMES))
def test_api_answers_every_generated_request_within_its_schema(role, wsgi_app):
    # given the served schema, the role's credentials and the ids of the demo objects
    schema = _load_schema(wsgi_app)
    headers = _auth_headers(role)
    known = known_path_values()
    failures, operations = [], []
    for result in schema.get_all_operations():
        if isinstance(result, Ok):
            operations.append(result.ok())
        else:
            failures.append(f"--- invalid operation in the schema\n{result.err()}")
    assert operations, "the schema lists no operation under /api/v1/"
    # when every operation is fuzzed
    for operation in operations:
        try:
            _fuzz_operation(operation, headers, known)
        except (Exception, BaseExceptionGroup) as exc:  # report every failing operation
            failures.append(f"--- {role}: {operation.label}\n{exc}")
    # then none answered outside its schema or with a server error
    assert not failures, "\n\n".join(failures)
