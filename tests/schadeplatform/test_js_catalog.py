"""The Dutch texts of the page scripts are translated through Django's JavaScript catalog
(domain djangojs, `jsi18n/`), which the pages load as a script of their own: no inline script."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories.calculations import CalcAttemptFactory

pytestmark = pytest.mark.django_db

SCRIPTS = [
    Path(settings.BASE_DIR) / "static" / "cases" / "calc_editor.js",
    Path(settings.BASE_DIR) / "static" / "assessment" / "grading.js",
]
JS_STRING = r'"((?:[^"\\]|\\.)*)"'


def catalog(client, language: str) -> dict:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("javascript-catalog"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    assert "function gettext" in body or "django.gettext" in body
    match = re.search(r"const newcatalog = (\{.*?\});\n", body, re.S)
    return json.loads(match.group(1)) if match else {}  # no translations: no catalog object


def msgids() -> set[str]:
    found = set()
    for script in SCRIPTS:
        source = script.read_text(encoding="utf-8")
        for text in re.findall(r"\bgettext\(" + JS_STRING, source):
            found.add(json.loads(f'"{text}"'))
        for text in re.findall(r"\bngettext\(" + JS_STRING, source):
            found.add(json.loads(f'"{text}"'))
    return found


def test_the_catalog_answers_english_texts_when_the_language_is_english(client):
    english = catalog(client, "en")
    assert english["Opslaan…"] == "Saving…"
    assert english["Regel %(n)s verwijderen"] == "Delete line %(n)s"
    assert english["%(days)s werkdag"] == ["%(days)s working day", "%(days)s working days"]


def test_in_dutch_the_catalog_translates_nothing_and_the_scripts_show_their_msgids(client):
    assert catalog(client, "nl") == {}


def test_every_text_of_the_page_scripts_has_an_english_translation(client):
    english = catalog(client, "en")
    texts = msgids()
    assert len(texts) > 40  # the scan finds the scripts' texts
    assert sorted(texts - english.keys()) == []
    assert [text for text in texts if english[text] == text] == []


def test_the_calculation_editor_loads_the_catalog_before_its_script(client_for, trainee, cohort):
    attempt = CalcAttemptFactory(trainee=trainee, cohort=cohort)
    page = (
        client_for(trainee)
        .get(reverse("cases:calc-editor", kwargs={"pk": attempt.pk}))
        .content.decode()
    )
    scripts = re.findall(r'<script src="([^"]+)"', page)
    catalog_url = reverse("javascript-catalog")
    editor = next(n for n, src in enumerate(scripts) if src.endswith("cases/calc_editor.js"))
    assert catalog_url in scripts[:editor]
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page) is None, "no inline script"
