"""Entering lines like a professional (issue #14, item 4), on the server's side: a value typed for
another operation never refuses the next line, refusals name the field in Dutch, a line's
operation changes in place, and the editor's table tells the script which fields each operation
uses."""

import json

import pytest
from django.urls import reverse

from calcengine.schema import OPERATIONS
from cases.calculations import services
from cases.calculations.catalogue import PrefillRefused, prefill, switch_operation
from cases.calculations.labels import (
    FIELD_LABELS,
    add_fields,
    editor_table,
    field_label,
    readable_error,
)
from cases.models import CalculationDraft
from tests.factories.calculations import BUMPER, GRILLE, CalcAttemptFactory, line

pytestmark = pytest.mark.django_db

GOLF = "vw-golf-8"


@pytest.fixture
def attempt(trainee, cohort):
    return CalcAttemptFactory(trainee=trainee, cohort=cohort)


def editor_url(attempt):
    return reverse("cases:calc-editor", kwargs={"pk": attempt.pk})


def add(client, attempt, lines, version, **fields):
    data = {
        "version": str(version),
        "lines_json": json.dumps(lines),
        "action": "add",
        "add-paint_mode": "",
        "add-repair_units": "",
        "add-part_source": "oem",
        "add-quantity": "1",
        "add-unit_price": "",
    }
    data.update({f"add-{k}": v for k, v in fields.items()})
    return client.post(editor_url(attempt), data)


def test_a_repair_time_left_in_the_form_does_not_refuse_the_next_replace(
    client_for, trainee, attempt
):
    client = client_for(trainee)
    first = add(
        client,
        attempt,
        [],
        0,
        part_code=BUMPER,
        operation="repair",
        repair_units="45",
        paint_mode="repair_major",
    )
    assert first.status_code == 302
    lines = CalculationDraft.objects.get(attempt=attempt).lines

    # the browser still sends the last line's repair time
    second = add(
        client,
        attempt,
        lines,
        1,
        part_code=GRILLE,
        operation="replace",
        repair_units="45",
        quantity="1",
    )

    assert second.status_code == 302
    stored = CalculationDraft.objects.get(attempt=attempt).lines
    assert stored[1] == line(GRILLE, "replace", line_id="2")  # the grille is not painted


def test_a_price_typed_for_a_replace_is_not_sent_with_a_paint_line(client_for, trainee, attempt):
    response = add(
        client_for(trainee),
        attempt,
        [],
        0,
        part_code=BUMPER,
        operation="paint",
        paint_mode="surface",
        unit_price="12,00",
        part_source="used",
        quantity="3",
    )
    assert response.status_code == 302
    assert CalculationDraft.objects.get(attempt=attempt).lines == [
        line(BUMPER, "paint", line_id="1", paint_mode="surface")
    ]


def test_after_an_added_line_the_form_comes_back_at_its_defaults(client_for, trainee, attempt):
    client = client_for(trainee)
    response = add(client, attempt, [], 0, part_code=BUMPER, operation="repair", repair_units="45")
    page = client.get(response["Location"]).content.decode()
    assert 'name="add-repair_units"' in page
    assert 'name="add-repair_units" value="45"' not in page
    assert 'name="add-quantity" value="1"' in page


def test_a_refusal_names_the_field_in_dutch_not_its_internal_name():
    with pytest.raises(PrefillRefused) as refused:
        prefill(GOLF, part_code=BUMPER, operation="repair", line_id="1")
    error = refused.value.errors[0]
    assert error["path"] == "repair_units"  # the API's path stays the request's field
    assert "repair_units" not in error["message"]
    assert "hersteltijd (AE)" in error["message"]


def test_an_engine_error_reads_with_the_fields_dutch_name():
    error = {"path": "lines[0].labour_units", "message": "Herstellen vereist (labour_units > 0)."}
    assert readable_error(error) == "Arbeid (AE): Herstellen vereist (arbeid (AE) > 0)."
    assert field_label("lines[3].paint.units") == "Lak (AE)"
    assert field_label("lines[3]") == ""


def test_the_editor_page_shows_line_errors_with_dutch_field_names(client_for, trainee, attempt):
    broken = line(BUMPER, "replace", line_id="1") | {"unit_price": "twaalf"}
    services.draft_save(attempt=attempt, lines=[broken], expected_version=0, by=trainee)

    content = client_for(trainee).get(editor_url(attempt)).content.decode()

    assert "Prijs per stuk: " in content
    assert "unit_price:" not in content


def test_the_editor_table_says_which_add_fields_each_operation_uses():
    table = {op["code"]: op for op in editor_table()["operations"]}
    assert set(table) == set(OPERATIONS)
    assert table["repair"]["add_fields"]["repair_units"] is True
    assert table["replace"]["add_fields"]["repair_units"] is False
    assert table["replace"]["add_fields"]["unit_price"] is True
    assert table["paint"]["add_fields"] == add_fields("paint")
    assert table["paint"]["add_fields"]["paint_mode"] is True
    assert table["calibrate"]["add_fields"] == dict.fromkeys(add_fields("calibrate"), False)
    assert editor_table()["field_labels"]["unit_price"] == str(FIELD_LABELS["unit_price"])


def test_switching_a_lines_operation_keeps_its_id_and_takes_the_catalogues_figures():
    repaired = line(BUMPER, "repair", line_id="7", repair_units="45", paint_mode="repair_major")

    replaced = switch_operation(GOLF, repaired, "replace")
    assert replaced == line(BUMPER, "replace", line_id="7")  # the new operation's defaults

    painted = switch_operation(GOLF, line(GRILLE, "replace", line_id="2"), "remove_refit")
    assert painted["id"] == "2" and painted["operation"] == "remove_refit"

    back = switch_operation(GOLF, replaced, "repair")
    assert back["labour_units"] == replaced["labour_units"]  # its time kept as the repair time


def test_changing_an_operation_in_the_table_without_javascript(client_for, trainee, attempt):
    lines = [line(BUMPER, "replace", line_id="1"), line(GRILLE, "replace", line_id="2")]
    services.draft_save(attempt=attempt, lines=lines, expected_version=0, by=trainee)

    response = client_for(trainee).post(
        editor_url(attempt),
        {
            "version": "1",
            "lines_json": json.dumps(lines),
            "action": "save",
            "line-0-operation": "remove_refit",
            "line-1-operation": "replace",
        },
    )

    assert response.status_code == 302
    stored = CalculationDraft.objects.get(attempt=attempt).lines
    assert stored[0] == line(BUMPER, "remove_refit", line_id="1")
    assert stored[1] == lines[1]


def test_the_lines_table_offers_the_parts_operations_in_place(client_for, trainee, attempt):
    lines = [line(BUMPER, "replace", line_id="1")]
    services.draft_save(attempt=attempt, lines=lines, expected_version=0, by=trainee)

    content = client_for(trainee).get(editor_url(attempt)).content.decode()

    assert 'name="line-0-operation"' in content
    assert '<option value="repair">' in content
