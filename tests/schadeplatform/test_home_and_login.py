import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_tells_visitors_in_dutch_what_the_platform_offers(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Managen van het schadeherstelproces" in text
    assert "Cursisten" in text and "Beoordelaars" in text and "Redacteuren" in text
    assert 'lang="nl"' in text


def test_login_page_is_in_dutch(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "Gebruikersnaam" in response.content.decode()


@pytest.mark.parametrize(
    ("user_fixture", "start_url_name"),
    [
        ("trainee", "cases:index"),
        ("assessor", "assessment:queue"),
        ("editor", "wagtailadmin_home"),
        ("admin_user", "admin:index"),
    ],
)
def test_each_role_lands_on_its_own_start_page_after_login(
    client, request, password, user_fixture, start_url_name
):
    user = request.getfixturevalue(user_fixture)
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": password}, follow=False
    )
    assert response.status_code == 302
    start = client.get(response["Location"])
    assert start.status_code == 302
    assert start["Location"] == reverse(start_url_name)


def test_a_wrong_password_keeps_the_username_and_says_why_in_dutch(client, trainee):
    response = client.post(
        reverse("accounts:login"), {"username": trainee.username, "password": "fout"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "onjuist" in text
    assert f'value="{trainee.username}"' in text


def test_a_logged_in_trainee_sees_open_cases_as_next_step(client_for, trainee):
    response = client_for(trainee).get(reverse("home"))
    assert "Open casussen" in response.content.decode()
    assert reverse("cases:index") in response.content.decode()


def test_a_logged_in_assessor_sees_attempts_waiting_for_grading_as_next_step(client_for, assessor):
    response = client_for(assessor).get(reverse("home"))
    assert reverse("assessment:queue") in response.content.decode()


def test_health_endpoint_answers_ok(client):
    assert client.get(reverse("health")).json() == {"status": "ok"}
