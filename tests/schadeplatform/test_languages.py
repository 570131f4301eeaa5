import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_dutch_is_the_default_language(client):
    response = client.get(reverse("home"))
    assert response["Content-Language"] == "nl"
    assert "Opleiden en beoordelen van schademanagers" in response.content.decode()


def test_english_is_available_through_the_language_switch(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("home")).content.decode()
    assert 'lang="en"' in page
    assert "Opleiden en beoordelen van schademanagers" not in page
    assert "Log in" in page


def test_every_dutch_message_has_an_english_translation():
    # The compiled catalogue is committed, so machines without gettext get English too.
    with translation.override("en"):
        assert translation.gettext("Uw volgende stap") != "Uw volgende stap"
        assert translation.gettext("Inloggen") == "Log in"
