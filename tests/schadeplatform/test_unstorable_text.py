"""JSON with a NUL character or half a surrogate pair is refused with a 400 and the field's path,
and nothing saved is touched. PostgreSQL cannot store either (text and jsonb): before the
parser refused them, a draft save with "\\ud800" in a description ended in a 500 there."""

import json

import pytest
from django.urls import reverse

from calcengine.jsonio import MAX_DEPTH
from cases.calculations import services
from cases.models import CalculationDraft
from schadeplatform.api_parsers import unstorable_paths
from tests.factories.calculations import GRILLE, CalcAttemptFactory, line

pytestmark = pytest.mark.django_db

SAVED = [line(GRILLE, "replace", line_id="voor")]


def put_draft(client, attempt, body_text):
    url = reverse("api:cases_api:calc-draft", kwargs={"pk": attempt.pk})
    return client.put(url, data=body_text, content_type="application/json")


@pytest.mark.parametrize(
    ("escape", "code"), [("\\ud800", "U+D800"), ("\\udfff", "U+DFFF"), ("\\u0000", "U+0000")]
)
def test_a_draft_with_an_unstorable_character_is_refused_and_the_saved_draft_kept(
    client, escape, code
):
    attempt = CalcAttemptFactory()
    services.draft_save(attempt=attempt, lines=SAVED, expected_version=0, by=attempt.trainee)
    client.force_login(attempt.trainee)
    typed = dict(SAVED[0], description="Bumper")
    body = json.dumps({"version": 1, "lines": [typed]}).replace("Bumper", f"Bum{escape}per")

    response = put_draft(client, attempt, body)

    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "path": "lines[0].description",
                "message": f"Deze tekst bevat een teken dat niet kan worden opgeslagen ({code}).",
            }
        ]
    }
    draft = CalculationDraft.objects.get(attempt=attempt)
    assert (draft.version, draft.lines) == (1, SAVED)


def test_the_same_draft_without_the_character_is_saved(client):
    attempt = CalcAttemptFactory()
    client.force_login(attempt.trainee)
    body = json.dumps({"version": 0, "lines": [dict(SAVED[0], description="Bum\u00e9per €")]})

    response = put_draft(client, attempt, body)

    assert response.status_code == 200, response.content
    assert CalculationDraft.objects.get(attempt=attempt).lines[0]["description"] == "Buméper €"


def test_every_place_is_named_keys_included():
    data = {"a": ["ok", {"b": "x\x00"}], "c\ud800": "ok", "d": {"e": "\udc00"}, "f": 1}
    assert list(unstorable_paths(data)) == [
        ("a[1].b", "\x00"),
        ("c\\ud800", "\ud800"),
        ("d.e", "\udc00"),
    ]


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_json_nested_too_deep_is_refused_with_a_400_and_the_draft_kept(client, depth):
    attempt = CalcAttemptFactory()
    services.draft_save(attempt=attempt, lines=SAVED, expected_version=0, by=attempt.trainee)
    client.force_login(attempt.trainee)
    body = '{"version": 1, "lines": ' + "[" * depth + "]" * depth + "}"

    response = put_draft(client, attempt, body)

    assert response.status_code == 400
    assert response.json() == {"errors": [{"path": "", "message": "De JSON is te diep genest."}]}
    draft = CalculationDraft.objects.get(attempt=attempt)
    assert (draft.version, draft.lines) == (1, SAVED)


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ('{"a": "gewone tekst", "b": [1, 2.5]}', False),
        ('{"a": "\\u00e9 mag"}', False),  # an escape, but of a storable character
        ('{"a": "\\u0000"}', True),
        ('{"a\\ud800": 1}', True),  # in a key
        ('{"a": "x\\udfffy"}', True),
        ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), True),  # too deep, without an escape
        ("[" * MAX_DEPTH + "]" * MAX_DEPTH, False),
        # More brackets than levels: shallow, so accepted (siblings, brackets inside strings).
        ("[" + ",".join(["[]"] * (2 * MAX_DEPTH)) + "]", False),
        ('{"a": "' + "[{" * MAX_DEPTH + '", "b": [[1]]}', False),
        # Deep behind many shallow brackets.
        ('["' + "[" * MAX_DEPTH + '", ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "]", True),
    ],
)
def test_json_guard_refuses_what_no_column_stores_with_or_without_an_escape(text, refused):
    # json_guard.loads walks the parsed body only when the text holds a \u escape (or a raw
    # unstorable character); otherwise only the depth is checked. Both ways refuse the same.
    from schadeplatform import json_guard

    if refused:
        with pytest.raises(json_guard.JsonRefused):
            json_guard.loads(text)
    else:
        assert json_guard.loads(text) == json.loads(text)
