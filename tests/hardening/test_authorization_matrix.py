"""Every URL of the platform, asked by each of seven roles, answers only what the table allows.

The table (tests/hardening/authorization_table.py) has a row per request: every route of the
URL inventory with GET, the routes that change something also with their write method, and
one row each for the Wagtail admin and the Django admin. Paths name real objects (cursist1's
graded attempt, its grade, report, calculation versions, a live page, the assessor-only
module, Wagtail documents, cursist1's attempts in an exam cohort), so 404 means "not for you",
not "no such thing". Each answer is also searched for text its role must never see (the case's
reference, the owner's name, the assessor-only module's title, the examiner's comment on an
attempt still graded blind), and a refusal from the API must be in its error shape.

    .venv/bin/pytest tests/hardening/test_authorization_matrix.py -n0 -q

A route without a row, or a row whose route is gone, fails; so does a row that loosens one of
the key rules (`SECURITY_RULES`).
"""

from __future__ import annotations

import json
import string
from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse

from tests.hardening.authorization_table import (
    BLIND_MARKER,
    CALC_REVIEW_MARKER,
    CROSS_MARKER,
    CROSS_TRAINEE,
    LOGIN,
    PROBES,
    REFERENCE_MARKER,
    ROLES,
    THIRD_PARTY_ROUTES,
    WORKSHOP_DAY_MARKER,
    Probe,
    build_world,
    by,
    rule_violations,
)
from tests.url_inventory import all_url_rows

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(module_demo_data, django_db_blocker):
    # module_demo_data keeps the files on disk: Wagtail serves a document from its path.
    with django_db_blocker.unblock():
        return build_world()


def _login_paths() -> set[str]:
    from django.conf import settings
    from django.shortcuts import resolve_url

    return {
        resolve_url(settings.LOGIN_URL),
        reverse("wagtailadmin_login"),
        reverse("admin:login"),
        reverse("wagtailcore_login"),
    }


def _outcome(response) -> int | str:
    """The status code, or LOGIN for a redirect to any login page."""
    if response.status_code == 302 and urlsplit(response["Location"]).path in _login_paths():
        return LOGIN
    return response.status_code


def _content(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _in_error_shape(content: bytes) -> bool:
    try:
        body = json.loads(content)
    except ValueError:
        return False
    errors = body.get("errors") if isinstance(body, dict) else None
    return bool(errors) and all({"path", "message"} <= set(error) for error in errors)


def _ask(world, probe: Probe, role: str):
    """Make the probe's request as `role`; whatever it changes is rolled back."""
    from django.core.cache import cache
    from django.db import transaction
    from django.test import Client

    cache.clear()  # login throttling and lockouts count across roles otherwise
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    path = world.path(probe.path)
    body = world.body(probe.body) or {}
    send = getattr(client, probe.method)
    with transaction.atomic():
        if probe.method == "get":
            response = send(path)
        elif probe.is_api and not probe.multipart:
            response = send(path, data=json.dumps(body), content_type="application/json")
        else:
            response = send(path, data=body)
        content = _content(response)
        transaction.set_rollback(True)
    return response, content


@pytest.mark.parametrize("probe", PROBES, ids=lambda probe: probe.label)
def test_each_role_gets_only_the_answers_the_table_allows(world, probe):
    problems = []
    for role in ROLES:
        # when the role makes the request
        response, content = _ask(world, probe, role)
        # then its answer is one the table allows
        outcome = _outcome(response)
        if outcome not in probe.expect[role]:
            allowed = ", ".join(sorted(map(str, probe.expect[role])))
            problems.append(f"{role}: {outcome} (allowed: {allowed})")
        # and, from the API, a refusal comes in the API's one error shape
        if probe.is_api and 400 <= response.status_code < 500 and not _in_error_shape(content):
            problems.append(f"{role}: {response.status_code} not in the API's error shape")
        # and holds nothing the role may never see
        for secret in world.secrets:
            if secret.kept_from(role, probe.subject) and secret.text.encode() in content:
                problems.append(f"{role}: the answer contains {secret.text!r}")
    assert not problems, f"{probe.label}\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("role", "path", "secret"),
    [
        ("assessor", "/beoordeling/cijfer/{grade}/", "reference"),
        ("owner", "/api/v1/assessment/attempts/{attempt}/result/", "reference"),
        ("assessor", "/api/v1/attempts/", "owner's username"),
        ("assessor", "/beoordeling/groep/{cohort}/", "owner's name"),
        ("assessor", "{private_url}", "assessor-only module"),
        ("assessor", "/documenten/{collection_document}/{collection_document_file}", "module"),
        ("editor", "/documenten/{private_document}/{private_document_file}", "module"),
        ("assessor", "/beoordeling/poging/{exam_attempt}/resultaat/", "reference"),
        ("examiner", "/beoordeling/cijfer/{blind_grade}/", "examiner's comment"),
        ("assessor", "/beoordeling/cijfer/{exam_grade}/", "exam grade's comment"),
        ("owner", "/api/v1/assessment/progress/", "exam grade's signature"),
        ("assessor", "/api/v1/attempts/{cross_attempt}/", "two-organisation dossier"),
        ("admin", "/api/v1/attempts/{cross_attempt}/", "two-organisation dossier"),
        ("assessor", "/api/v1/attempts/", "two-organisation trainee"),
        ("owner", "/casussen/rekencontrole/antwoorden/{calc_review_answer}/", "review key"),
        ("owner", "/api/v1/calc-review-answers/{calc_review_answer}/", "review key"),
        (
            "owner",
            "/casussen/werkplaatsdag/planningen/{workshop_day_answer}/",
            "workshop reference",
        ),
        ("owner", "/api/v1/workshop-day-plans/{workshop_day_answer}/", "workshop reference"),
    ],
)
def test_the_secrets_are_in_the_answers_to_those_who_may_see_them(world, role, path, secret):
    """So that the absence of a secret from the other answers means something."""
    text = {
        "reference": REFERENCE_MARKER,
        "owner's username": world.users["owner"].username,
        "owner's name": world.users["owner"].get_full_name(),
        "assessor-only module": world.secrets[-1].text,
        "module": world.secrets[-1].text,
        "examiner's comment": BLIND_MARKER,
        # once both have signed, the second assessor reads the examiner's grade
        "exam grade's comment": "Examen: voldoende",
        "exam grade's signature": world.values["exam_signed_at"],
        "two-organisation dossier": CROSS_MARKER,
        "two-organisation trainee": CROSS_TRAINEE,
        "review key": CALC_REVIEW_MARKER,
        "workshop reference": WORKSHOP_DAY_MARKER,
    }[secret]
    response, content = _ask(world, Probe("", path, "get", {}, ""), role)
    assert response.status_code == 200
    assert text.encode() in content


@pytest.mark.parametrize("document", ["public_document", "private_document"])
def test_documents_are_served_as_downloads(world, document):
    """An uploaded document never opens in the platform's origin (a PDF or HTML with script):
    the browser saves it."""
    response, _content = _ask(
        world, Probe("", f"/documenten/{{{document}}}/{{{document}_file}}", "get", {}, ""), "admin"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_every_route_in_the_url_inventory_has_a_row():
    routes = {row.route for row in all_url_rows()}
    missing = routes - {probe.route for probe in PROBES}
    assert not missing, f"routes without a row in authorization_table.PROBES: {sorted(missing)}"


def test_every_row_names_a_route_that_still_exists():
    routes = {row.route for row in all_url_rows()} | set(THIRD_PARTY_ROUTES)
    gone = {probe.route for probe in PROBES} - routes
    assert not gone, f"rows for routes that no longer exist: {sorted(gone)}"


class _Sample(dict):
    """Placeholder values that fit every converter (1 for ids, "x" for slugs and pages, a UUID
    for `…_uuid`)."""

    def __missing__(self, key: str) -> str:
        if key.endswith("uuid"):
            return "00000000-0000-4000-8000-000000000000"
        return "/leren/x/" if key.endswith("url") else "1"


def test_every_row_asks_for_a_path_of_its_own_route():
    wrong = []
    for probe in PROBES:
        path = string.Formatter().vformat(probe.path, (), _Sample())
        route = resolve(urlsplit(path).path).route
        if route != probe.route:
            wrong.append(f"{probe.label} resolves to {route!r}, not {probe.route!r}")
    assert not wrong, "\n".join(wrong)


def test_every_row_has_an_answer_for_every_role():
    incomplete = [probe.label for probe in PROBES if set(probe.expect) != set(ROLES)]
    assert not incomplete


def test_the_table_keeps_the_security_rules():
    violations = rule_violations(PROBES)
    assert not violations, "\n".join(violations)


def test_the_security_rules_catch_a_row_that_shows_a_trainees_work_to_others():
    # given a row that lets the colleague, the other cohort's assessor and the editor in
    loose = Probe(
        "api/v1/attempts/<int:pk>/",
        "/api/v1/attempts/{attempt}/",
        "get",
        by(401, 200, 200, 200, 200, 200, 200),
        "attempt",
    )
    # then each of the three is named
    violations = "\n".join(rule_violations([loose]))
    for role in ("colleague", "outsider", "editor"):
        assert f"{role} may get" in violations


def test_the_security_rules_catch_a_sign_off_by_anyone_but_the_assessor():
    loose = Probe(
        "api/v1/assessment/grades/<int:pk>/sign/",
        "/api/v1/assessment/grades/{grade}/sign/",
        "post",
        by(403, 200, 404, 200, 404, 404, 200),
        "grade",
    )
    violations = "\n".join(rule_violations([loose]))
    assert "owner may get" in violations
    assert "admin may get" in violations


def test_the_matrix_size(capsys):
    routes = {probe.route for probe in PROBES}
    requests = len(PROBES) * len(ROLES)
    with capsys.disabled():
        print(
            f"\nauthorization matrix: {len(routes)} routes, {len(PROBES)} rows × "
            f"{len(ROLES)} roles = {requests} requests"
        )
    assert len(routes) == len(all_url_rows()) + len(THIRD_PARTY_ROUTES)
    assert requests >= len(routes) * len(ROLES)
