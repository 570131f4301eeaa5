import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_five_failed_logins_lock_the_account_even_for_the_right_password(client, trainee, password):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": trainee.username, "password": "fout"})
    response = client.post(
        reverse("accounts:login"), {"username": trainee.username, "password": password}
    )
    assert response.status_code == 429
    assert "geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_locked_out_api_login_answers_in_the_api_error_shape(client, trainee, password):
    url = reverse("api:auth-login")
    wrong = {"username": trainee.username, "password": "fout"}
    for _ in range(5):
        client.post(url, wrong, content_type="application/json")

    response = client.post(
        url, {"username": trainee.username, "password": password}, content_type="application/json"
    )

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "errors": [
            {
                "path": "username",
                "message": "Er is te vaak een onjuist wachtwoord ingevoerd. Probeer het over een "
                "uur opnieuw of neem contact op met uw beheerder.",
            }
        ]
    }
    assert "_auth_user_id" not in client.session


def test_four_failed_logins_do_not_lock_the_account(client, trainee, password):
    for _ in range(4):
        client.post(reverse("accounts:login"), {"username": trainee.username, "password": "fout"})
    response = client.post(
        reverse("accounts:login"), {"username": trainee.username, "password": password}
    )
    assert response.status_code == 302


def test_api_login_gives_a_session_and_names_the_field_on_failure(client, trainee, password):
    url = reverse("api:auth-login")
    refused = client.post(
        url, {"username": trainee.username, "password": "fout"}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["path"] == "password"
    accepted = client.post(
        url, {"username": trainee.username, "password": password}, content_type="application/json"
    )
    assert accepted.status_code == 200
    assert accepted.json() == {"username": trainee.username, "role": "trainee"}


def test_api_login_is_throttled(client, trainee, password):
    url = reverse("api:auth-login")
    statuses = [
        client.post(
            url,
            {"username": trainee.username, "password": password},
            content_type="application/json",
        ).status_code
        for _ in range(12)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[-1] == 429


def test_pages_carry_a_content_security_policy_without_inline_script(client):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_api_docs_are_served_without_a_cdn(client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn" not in html.lower()
    assert "<script>" not in html.replace(" ", "")
