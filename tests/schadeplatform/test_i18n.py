"""`schadeplatform.i18n.translated`: a fixed message in the active language, looked up once."""

from django.utils import translation

from schadeplatform import i18n


def test_a_message_is_translated_into_the_active_language_each_time():
    with translation.override("en"):
        assert i18n.translated("Niet beoordeeld") == "Not assessed"
    with translation.override("nl"):
        assert i18n.translated("Niet beoordeeld") == "Niet beoordeeld"
    with translation.override("en"):
        assert i18n.translated("Niet beoordeeld") == "Not assessed"


def test_it_answers_as_gettext_does_also_for_an_unknown_message_and_none_active():
    for language in ("nl", "en", None):
        with translation.override(language):
            for message in ("Wacht op %(marker)s", "Geen bekende tekst 9f2c"):
                assert i18n.translated(message) == translation.gettext(message)


def test_a_message_is_looked_up_once_per_language(monkeypatch):
    i18n._translation.cache_clear()
    asked = []
    real = translation.gettext
    monkeypatch.setattr(translation, "gettext", lambda m: asked.append(m) or real(m))
    with translation.override("en"):
        labels = [i18n.translated("Vrijgegeven") for _ in range(50)]
        assert set(labels) == {"Released"}
    assert asked == ["Vrijgegeven"]
