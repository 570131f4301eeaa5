"""Friendly Dutch error pages (404, 403, 500) and the favicon.

Views that fail on purpose are mounted in front of the project's URLconf (`pytest.mark.urls`),
so Django answers with the project's handlers as in production (DEBUG is off in tests).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path

from schadeplatform.urls import handler404, handler500  # noqa: F401 (this module is a URLconf)
from schadeplatform.urls import urlpatterns as project_urlpatterns

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("kapot")


def _forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("test-kapot/", _boom),
    path("test-verboden/", _forbidden),
    *project_urlpatterns,
]
with_failing_views = pytest.mark.urls(__name__)


def test_debug_is_off_in_these_tests(settings):
    assert settings.DEBUG is False


def test_an_unknown_page_answers_the_dutch_404_page(client):
    response = client.get("/bestaat-echt-niet/")

    assert response.status_code == 404
    text = response.content.decode()
    assert "Deze pagina bestaat niet (meer)" in text
    assert "Naar de startpagina" in text
    # The site's own layout: header, stylesheet, favicon
    assert 'class="site-header"' in text
    assert "img/favicon.svg" in text


def test_the_404_page_offers_a_logged_in_trainee_their_cases(trainee, client_for):
    response = client_for(trainee).get("/bestaat-echt-niet/")

    assert response.status_code == 404
    assert "/casussen/" in response.content.decode()


@with_failing_views
def test_a_refusal_answers_the_dutch_403_page(client):
    response = client.get("/test-verboden/")

    assert response.status_code == 403
    text = response.content.decode()
    assert "U heeft geen toegang tot deze pagina" in text
    assert 'class="site-header"' in text


@with_failing_views
def test_a_server_error_answers_the_dutch_500_page():
    client = Client(raise_request_exception=False)

    response = client.get("/test-kapot/")

    assert response.status_code == 500
    text = response.content.decode()
    assert "Er ging iets mis op de server" in text
    assert "kapot" not in text


def test_the_500_page_renders_without_request_and_without_the_database():
    # Django's server_error renders it with an empty context; the database may be the cause.
    with CaptureQueriesContext(connection) as queries:
        text = render_to_string("500.html")

    assert "Er ging iets mis op de server" in text
    assert len(queries) == 0


def test_favicon_ico_leads_to_the_svg_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def test_the_svg_favicon_is_a_static_file():
    from django.contrib.staticfiles import finders

    found = finders.find("img/favicon.svg")
    assert found is not None
    with open(found, encoding="utf-8") as icon:
        assert icon.read().lstrip().startswith("<svg")
