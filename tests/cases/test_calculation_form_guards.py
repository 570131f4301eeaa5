"""The editor's form without JavaScript reads `lines_json` through the same JSON guard and limits
as the API (`schadeplatform.json_guard`). Before, the form skipped them: a lone surrogate was
stored on SQLite and every page of the attempt then answered 500 for trainee and assessor; on
PostgreSQL NaN, NUL and deep nesting were 500s, and 5,000 lines were saved."""

import json

import pytest
from django.db import DataError, connection, transaction
from django.urls import reverse

from calcengine.schema import MAX_LINES
from cases.calculations import services
from cases.models import CalculationDraft
from tests.factories.calculations import GRILLE, CalcAttemptFactory, line

pytestmark = pytest.mark.django_db

SAVED = [line(GRILLE, "replace", line_id="voor")]


@pytest.fixture
def attempt(trainee, cohort):
    attempt = CalcAttemptFactory(trainee=trainee, cohort=cohort)
    services.draft_save(attempt=attempt, lines=SAVED, expected_version=0, by=trainee)
    return attempt


def editor_url(attempt):
    return reverse("cases:calc-editor", kwargs={"pk": attempt.pk})


def post(client, attempt, lines_json, **typed):
    return client.post(
        editor_url(attempt),
        {"version": "1", "lines_json": lines_json, "action": "save", **typed},
    )


def assert_draft_untouched(attempt):
    draft = CalculationDraft.objects.get(attempt=attempt)
    assert (draft.version, draft.lines) == (1, SAVED)


def with_description(text_escaped):
    """SAVED's line as JSON text whose description is `text_escaped`, written as JSON escapes
    (the form's hidden field is text: a browser or script can send any escape)."""
    return json.dumps([dict(SAVED[0], description="XX")]).replace('"XX"', f'"{text_escaped}"')


BAD_LINES_JSON = {
    "lone surrogate": (with_description("Bum\\ud800per"), "U+D800"),
    "low surrogate": (with_description("\\udfff"), "U+DFFF"),
    "NUL": (with_description("a\\u0000b"), "U+0000"),
    "NaN": (json.dumps([dict(SAVED[0], labour_units="X")]).replace('"X"', "NaN"), "NaN"),
    "Infinity": (json.dumps([dict(SAVED[0], amount="X")]).replace('"X"', "-Infinity"), "Infinity"),
    "1e999": (json.dumps([dict(SAVED[0], amount="X")]).replace('"X"', "1e999"), "1e999"),
    "nested 990 deep": ("[" + "[" * 990 + "]" * 990 + "]", "te diep genest"),
    "nested 65 deep": ("[" * 65 + "]" * 65, "te diep genest"),
    "not a list": ('{"lines": []}', "lijst"),
    "not JSON": ("[{", "geen geldige JSON"),
}


@pytest.mark.parametrize("case", list(BAD_LINES_JSON))
def test_refused_lines_json_answers_400_naming_the_field_and_keeps_the_draft(
    client_for, trainee, attempt, case
):
    lines_json, reason = BAD_LINES_JSON[case]
    client = client_for(trainee)

    response = post(client, attempt, lines_json)

    assert response.status_code == 400
    page = response.content.decode()
    assert "<code>lines_json" in page  # the field, and where in it
    assert reason in page
    assert_draft_untouched(attempt)
    # the attempt's pages still open, for the trainee and the assessor
    assert client.get(editor_url(attempt)).status_code == 200


def test_more_lines_than_the_engine_takes_are_refused_and_nothing_saved(
    client_for, trainee, attempt
):
    many = [dict(SAVED[0], line_id=str(i)) for i in range(MAX_LINES + 1)]

    response = post(client_for(trainee), attempt, json.dumps(many))

    assert response.status_code == 400
    assert "hoogstens 2000 regels; deze heeft er 2001" in response.content.decode()
    assert_draft_untouched(attempt)


def test_the_most_lines_the_engine_takes_are_saved(client_for, trainee, attempt):
    most = [dict(SAVED[0], line_id=str(i)) for i in range(MAX_LINES)]

    response = post(client_for(trainee), attempt, json.dumps(most))

    assert response.status_code == 302
    assert len(CalculationDraft.objects.get(attempt=attempt).lines) == MAX_LINES


def test_a_typed_nul_is_refused_and_what_was_typed_comes_back(client_for, trainee, attempt):
    response = post(
        client_for(trainee),
        attempt,
        json.dumps(SAVED),
        **{"line-0-labour_units": "1\x002", "line-0-unit_price": "123,45"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "<code>lines[0].labour_units</code>" in page
    assert "U+0000" in page
    # what was typed comes back (the NUL shown as U+FFFD), nothing saved
    assert 'name="line-0-unit_price" value="123,45"' in page
    assert 'value="1\ufffd2"' in page
    assert_draft_untouched(attempt)


def test_the_assessor_still_reads_the_attempt_after_a_refused_form(
    client_for, trainee, assessor, attempt
):
    post(client_for(trainee), attempt, with_description("\\ud800"))

    response = client_for(assessor).get(editor_url(attempt))

    assert response.status_code == 200
    assert_draft_untouched(attempt)


def test_lines_at_the_depth_limit_and_the_largest_float_are_saved(client_for, trainee, attempt):
    """What the guard lets through, every database stores (checked on PostgreSQL in CI too)."""
    deep = "[" * 62 + "]" * 62  # in the list of lines, in a line: 64 levels
    typed = json.dumps([dict(SAVED[0], description="Buméper €", nested="X", big=1.7e308)])
    typed = typed.replace('"X"', deep)

    response = post(client_for(trainee), attempt, typed)

    assert response.status_code == 302
    stored = CalculationDraft.objects.get(attempt=attempt).lines[0]
    # PostgreSQL reads the number back as the integer jsonb normalised it to
    assert (stored["description"], float(stored["big"])) == ("Buméper €", 1.7e308)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('{"version": 1, "lines": [{"amount": NaN}]}', "NaN"),
        ('{"version": 1, "lines": [{"amount": 1e999}]}', "1e999"),
        ('{"version": 1, "lines": ' + "[" * 70 + "]" * 70 + "}", "te diep genest"),
    ],
)
def test_the_api_refuses_the_same_with_400_in_its_error_shape(
    client_for, trainee, attempt, body, reason
):
    url = reverse("api:cases_api:calc-draft", kwargs={"pk": attempt.pk})

    response = client_for(trainee).put(url, data=body, content_type="application/json")

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert reason in error["message"]
    assert_draft_untouched(attempt)


@pytest.mark.postgres
@pytest.mark.parametrize("value", ["\x00", float("nan"), float("inf")])
def test_postgresql_itself_refuses_what_the_guard_refuses(attempt, value):
    """Why the guard exists: without it these reached the database and ended in a 500."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite stores these; the refusal is PostgreSQL's (CI's PostgreSQL pass)")
    with pytest.raises(DataError), transaction.atomic():
        CalculationDraft.objects.filter(attempt=attempt).update(lines=[value])


def test_a_body_over_the_size_limit_is_refused_on_both_paths(
    client_for, trainee, attempt, monkeypatch
):
    from schadeplatform import json_guard

    monkeypatch.setattr(json_guard, "MAX_JSON_BYTES", 2_000)
    many = json.dumps([dict(SAVED[0], line_id=str(i)) for i in range(40)])
    client = client_for(trainee)

    form = post(client, attempt, many)
    api = client.put(
        reverse("api:cases_api:calc-draft", kwargs={"pk": attempt.pk}),
        data='{"version": 1, "lines": ' + many + "}",
        content_type="application/json",
    )

    assert form.status_code == 400
    assert "groter dan" in form.content.decode()
    assert api.status_code == 400
    assert "groter dan" in api.json()["errors"][0]["message"]
    assert_draft_untouched(attempt)
