"""Login that cannot be turned against users (issue 12, item 6).

Before: django-axes keyed its lockout on the username and the socket address, which behind the
load balancer is the balancer's, so anyone could lock any account; DRF's throttles took the whole
`X-Forwarded-For` header as the client, so a forged header per request sprayed passwords past
the throttle; and the API login took a cross-site form post and set a session (login CSRF).
"""

import json

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from schadeplatform.client_ip import client_ip

pytestmark = pytest.mark.django_db

BALANCER = "10.0.0.2"
ATTACKER = "203.0.113.9"
VICTIM = "198.51.100.7"


def api_login(client, username, password, **headers):
    return client.post(
        reverse("api:auth-login"),
        json.dumps({"username": username, "password": password}),
        content_type="application/json",
        **headers,
    )


def page_login(client, username, password, **headers):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **headers
    )


def via_balancer(client_address, forged=""):
    """The headers a request gets through one load balancer: the balancer appends the address
    it saw to whatever X-Forwarded-For the client sent."""
    chain = f"{forged}, {client_address}" if forged else client_address
    return {"REMOTE_ADDR": BALANCER, "HTTP_X_FORWARDED_FOR": chain}


# The one function


@pytest.mark.parametrize(
    ("hops", "remote", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "1.2.3.4", "192.0.2.1"),  # no proxy: the header is the client's word
        (1, BALANCER, "1.2.3.4, 198.51.100.7", "198.51.100.7"),  # the balancer's entry
        (1, BALANCER, "198.51.100.7", "198.51.100.7"),
        (2, BALANCER, "1.2.3.4, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (2, BALANCER, "198.51.100.7", BALANCER),  # not through both proxies
        (1, BALANCER, "", BALANCER),
        (1, BALANCER, "not-an-address", BALANCER),
        (1, BALANCER, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_read_through_the_trusted_hops(hops, remote, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TRUSTED_PROXY_HOPS=hops):
        assert client_ip(request) == expected


def test_axes_and_the_throttles_read_the_client_through_that_function(settings):
    from axes.helpers import get_client_ip_address

    from schadeplatform.settings import base
    from schadeplatform.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

    assert settings.AXES_CLIENT_IP_CALLABLE == "schadeplatform.client_ip.client_ip"
    request = RequestFactory().get("/", **via_balancer(VICTIM, forged="1.2.3.4"))
    settings.TRUSTED_PROXY_HOPS = 1
    assert get_client_ip_address(request) == VICTIM
    for throttle in (AnonRateThrottle, UserRateThrottle, ScopedRateThrottle):
        assert throttle().get_ident(request) == VICTIM
    # The test settings switch the default throttles off; these are what runs elsewhere.
    assert base.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] == [
        "schadeplatform.throttling.AnonRateThrottle",
        "schadeplatform.throttling.UserRateThrottle",
    ]


# Lockout: the username together with the address


@override_settings(TRUSTED_PROXY_HOPS=1)
def test_behind_the_balancer_an_attacker_cannot_lock_a_user_out(trainee, password):
    attacker = Client()
    for _ in range(6):
        page_login(attacker, trainee.username, "fout", **via_balancer(ATTACKER))

    response = page_login(Client(), trainee.username, password, **via_balancer(VICTIM))

    assert response.status_code == 302  # logged in, not locked out


@override_settings(TRUSTED_PROXY_HOPS=1)
def test_a_forged_forwarded_address_does_not_escape_the_lockout(trainee, password):
    attacker = Client()
    for n in range(5):
        api_login(attacker, trainee.username, "fout", **via_balancer(ATTACKER, f"10.9.9.{n}"))

    response = api_login(
        attacker, trainee.username, password, **via_balancer(ATTACKER, "10.9.9.99")
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in attacker.session


@override_settings(LOGIN_FAILURES_PER_IP=8)
def test_one_address_trying_many_usernames_is_stopped_but_not_other_addresses(
    trainee, assessor, password
):
    sprayer = Client(REMOTE_ADDR=ATTACKER)
    for n in range(8):
        # Four tries per name: the five-per-pair lock never trips.
        page_login(sprayer, f"naam{n // 4}", "fout", REMOTE_ADDR=ATTACKER)

    from_there = page_login(sprayer, trainee.username, password, REMOTE_ADDR=ATTACKER)
    elsewhere = page_login(Client(), assessor.username, password, REMOTE_ADDR=VICTIM)

    assert from_there.status_code == 429
    assert elsewhere.status_code == 302


# Throttle: a forged header does not start a new count


@pytest.mark.parametrize("hops", [0, 1])
def test_a_forged_forwarded_header_does_not_reset_the_login_throttle(hops):
    client = Client()
    statuses = []
    with override_settings(TRUSTED_PROXY_HOPS=hops):
        for n in range(11):
            # A fresh username each time, so the lockout never answers first.
            response = api_login(
                client, f"gok{n}", "fout", **via_balancer(ATTACKER, forged=f"192.0.2.{n}")
            )
            statuses.append(response.status_code)
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429
    assert "errors" in response.json()


# The API login: JSON only, Origin checked


def test_the_api_login_refuses_a_form_post_with_415(trainee, password):
    client = Client()
    response = client.post(
        reverse("api:auth-login"), {"username": trainee.username, "password": password}
    )
    assert response.status_code == 415
    assert response.json()["errors"][0]["path"] == ""
    assert "_auth_user_id" not in client.session


def test_the_api_login_refuses_text_plain_which_a_cross_site_form_can_send(trainee, password):
    client = Client()
    body = json.dumps({"username": trainee.username, "password": password})
    response = client.post(reverse("api:auth-login"), body, content_type="text/plain")
    assert response.status_code == 415
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://aanvaller.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://aanvaller.example/pagina"},
    ],
)
def test_the_api_login_refuses_another_origin(trainee, password, headers):
    client = Client()
    response = api_login(client, trainee.username, password, **headers)
    assert response.status_code == 403
    assert response.json()["errors"][0]["message"].startswith("Inloggen via de API")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "headers",
    [
        {},  # a script: no browser to misuse
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_REFERER": "http://testserver/inloggen/"},
        {"HTTP_ORIGIN": "https://portaal.schadeplatform.example"},
    ],
)
@override_settings(CSRF_TRUSTED_ORIGINS=["https://*.schadeplatform.example"])
def test_the_api_login_takes_its_own_and_trusted_origins(trainee, password, headers):
    response = api_login(Client(), trainee.username, password, **headers)
    assert response.status_code == 200


# Production reads the hops from the environment


def test_production_reads_the_trusted_hops_from_the_environment():
    from tests.schadeplatform.test_settings_env import _production_check

    result = _production_check(TRUSTED_PROXY_HOPS="1", PRINT_SETTING_NAME="REST_FRAMEWORK")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["NUM_PROXIES"] == 1
    hops = _production_check(TRUSTED_PROXY_HOPS="1", PRINT_SETTING_NAME="TRUSTED_PROXY_HOPS")
    assert json.loads(hops.stdout) == 1
    refused = _production_check(TRUSTED_PROXY_HOPS="-1")
    assert refused.returncode != 0
    assert "TRUSTED_PROXY_HOPS must be at least 0" in refused.stderr
