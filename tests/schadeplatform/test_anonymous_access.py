"""An anonymous visitor is sent to the login page (or gets 401/403 from the API) everywhere but
on the few public URLs listed here. A new URL is protected unless it is added to this list."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.url_inventory import all_url_rows

PUBLIC_ROUTES = {
    "",  # home
    "gezond/",
    "ping/",  # the load test's baseline: no database, no data
    "favicon.ico",  # a redirect to the static icon; browsers ask for it on every site
    "account/inloggen/",
    "account/uitloggen/",
    "i18n/setlang/",
    "jsi18n/",  # the JavaScript catalog: translations of the scripts' texts, no data
    "api/schema/",
    "api/docs/",
    "api/redoc/",
    "api/v1/competence-profile/",
    "api/v1/auth/login/",
}
PUBLIC_PREFIXES = (
    "api/v1/pages/",  # Wagtail's pages API: published, public pages only
    "_util/",  # Wagtail's password and login forms for private pages
    # Wagtail's documents: a public document is for anyone; a private one (its collection's
    # privacy, or used only on private pages) is refused in tests/hardening/ and tests/content.
    "documenten/",
    # The competence profile as CASE 1.1 (issue #18): public, like api/v1/competence-profile/.
    "api/v1/case/ims/case/v1p1/",
    # Open Badges 3.0 (issue #18): anyone checks a credential; the issuer, its keys, the status
    # list and the achievements are what a verifier fetches (assessment/badges/README.md).
    "badges/uitgever/",
    "badges/sleutels/",
    "badges/status/",
    "badges/prestatie/",
    "badges/controle/",
    # LTI 1.3 (issue #18): the LMS calls these without a session of ours; the launch itself is
    # checked by its signed id_token, nonce and state (schadeplatform/lti/).
    "lti/jwks/",
    "lti/aanmelden/",
    "lti/lancering/",
    # LTI Dynamic Registration: opened by the LMS in its iframe; the credential is the token of
    # an administrator's invitation in the URL (an unknown one answers 404).
    "lti/registreren/",
)
# Entered only through an LTI launch (its session holds the launch): anyone else, logged in or
# not, is refused with a Dutch page, not sent to our login (there is nothing to log in to).
LAUNCH_ONLY = {"lti/activiteiten-kiezen/"}


def _is_public(route: str) -> bool:
    if route in PUBLIC_ROUTES or route in LAUNCH_ONLY or route.startswith(PUBLIC_PREFIXES):
        return True
    # Wagtail's catch-all page server: its own privacy rules, tested in tests/content.
    return route.startswith("^") or route.startswith("((?:[\\w\\-]+/)*)")


PROTECTED = [row for row in all_url_rows() if not _is_public(row.route)]


def test_the_inventory_finds_the_app_pages():
    routes = {row.route for row in all_url_rows()}
    assert "casussen/" in routes
    assert "beoordeling/" in routes


@pytest.mark.django_db
@pytest.mark.parametrize("row", PROTECTED, ids=lambda row: row.route or "/")
def test_an_anonymous_visitor_is_refused_on_every_non_public_url(client, row):
    response = client.get(row.sample)
    if row.is_api:
        assert response.status_code in (401, 403), f"{row.sample} answered {response.status_code}"
    else:
        assert response.status_code == 302, f"{row.sample} answered {response.status_code}"
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted(LAUNCH_ONLY))
def test_a_launch_only_page_refuses_an_anonymous_visitor(client, route):
    row = next(row for row in all_url_rows() if row.route == route)
    response = client.get(row.sample)
    assert response.status_code == 403
    assert "leeromgeving" in response.content.decode()
