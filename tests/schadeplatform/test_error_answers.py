"""Errors under /api/ answer JSON in the API's one shape; pages keep Django's HTML error pages.

The views that fail on purpose (a server error, a CSRF-protected form) are mounted by this
module as a URLconf in front of the project's own (`pytest.mark.urls`), so Django uses the
project's handler404 and handler500 for them as it does in production.
"""

from __future__ import annotations

import json

import pytest
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.test import Client
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from schadeplatform.urls import handler404, handler500  # noqa: F401 (this module is a URLconf)
from schadeplatform.urls import urlpatterns as project_urlpatterns

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("kapot")


def _database_away(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


class _DatabaseAwayApi(APIView):
    permission_classes = [AllowAny]

    def put(self, request):
        raise InterfaceError("connection already closed")


def _gone(request):
    raise Http404("weg")


def _form(request):
    return HttpResponse("ok")


class _BoomApi(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        raise RuntimeError("kapot")


class _EchoApi(APIView):
    def post(self, request):
        return Response({"ok": True})


urlpatterns = [
    path("api/v1/test-kapot/", _boom),
    path("api/v1/test-kapot-drf/", _BoomApi.as_view()),
    path("api/v1/test-weg/", _gone),
    path("api/v1/test-formulier/", _form),
    path("api/v1/test-echo/", _EchoApi.as_view()),
    path("api/v1/test-database-weg/", _DatabaseAwayApi.as_view()),
    path("test-database-weg/", _database_away),
    path("test-kapot/", _boom),
    path("test-formulier/", _form),
    *project_urlpatterns,
]
with_failing_views = pytest.mark.urls(__name__)


def _api_error(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert set(body) == {"errors"}
    assert body["errors"], body
    for error in body["errors"]:
        assert set(error) == {"path", "message"}
        assert error["message"]
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/attempts/-5/",  # does not fit <int:pk>
        "/api/v1/attempts/abc/calculation/",
        "/api/v1/nope/",
        "/api/v2/attempts/",
        "/api/v1/attempts",  # no trailing slash: no redirect under /api/
        "/api/",
    ],
)
@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete", "options"])
def test_an_unknown_api_path_answers_404_in_the_api_error_shape(client, path, method):
    response = getattr(client, method)(path)
    _api_error(response, 404)


def test_an_unknown_api_path_answers_404_to_a_logged_in_user_without_csrf_token(trainee):
    # given a session login and a client that enforces CSRF, as a browser's fetch would
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainee)
    # when it posts to a path that is no API route
    response = client.post("/api/v1/attempts/-5/", {}, content_type="application/json")
    # then the answer is the 404 (no page, no CSRF refusal: there is nothing to protect)
    _api_error(response, 404)


def test_an_unknown_api_path_is_not_in_the_schema(client):
    schema = client.get("/api/schema/?format=json").json()
    assert all(not path.rstrip("/").endswith("/api") for path in schema["paths"])
    assert "/api/" not in schema["paths"]


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api/v1/pages/999999/", 404), ("/api/v1/pages/?geen_veld=1", 400)],
)
def test_wagtails_pages_api_answers_its_errors_in_the_api_error_shape(client, path, status):
    _api_error(client.get(path), status)


def test_a_known_api_route_still_answers_as_before(client):
    response = client.get("/api/v1/competence-profile/")
    assert response.status_code == 200


def test_a_page_that_does_not_exist_keeps_the_html_404(client):
    response = client.get("/leren/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@with_failing_views
def test_an_http404_outside_drf_under_api_answers_json(client):
    _api_error(client.get("/api/v1/test-weg/"), 404)


@with_failing_views
@pytest.mark.parametrize("path", ["/api/v1/test-kapot/", "/api/v1/test-kapot-drf/"])
def test_a_server_error_under_api_answers_json(path):
    client = Client(raise_request_exception=False)
    _api_error(client.get(path), 500)


@with_failing_views
def test_a_server_error_on_a_page_keeps_the_html_500():
    client = Client(raise_request_exception=False)
    response = client.get("/test-kapot/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


@with_failing_views
def test_an_unreachable_database_under_api_answers_503_with_retry_after(trainee):
    client = Client(raise_request_exception=False)
    client.force_login(trainee)
    response = client.put("/api/v1/test-database-weg/", {}, content_type="application/json")
    body = _api_error(response, 503)
    assert response["Retry-After"] == "5"
    assert "database is even niet bereikbaar" in body["errors"][0]["message"]


@with_failing_views
def test_an_unreachable_database_on_a_page_answers_the_html_503():
    client = Client(raise_request_exception=False)
    response = client.get("/test-database-weg/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"].startswith("text/html")
    assert "even niet bereikbaar" in response.content.decode()


@with_failing_views
def test_a_csrf_refusal_under_api_answers_json():
    client = Client(enforce_csrf_checks=True)
    body = _api_error(client.post("/api/v1/test-formulier/"), 403)
    assert "CSRF" in body["errors"][0]["message"]


@with_failing_views
def test_drf_s_own_csrf_refusal_has_the_same_shape(trainee):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainee)
    body = _api_error(client.post("/api/v1/test-echo/"), 403)
    assert "CSRF" in body["errors"][0]["message"]


@with_failing_views
def test_a_csrf_refusal_on_a_page_keeps_the_html_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/test-formulier/")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
