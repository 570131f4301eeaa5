"""The editor page without JavaScript: add, edit and remove lines with a form; stale saves refused."""

import json
import re

import pytest
from django.urls import reverse

from cases.calculations import services
from cases.models import CalculationDraft
from tests.factories.calculations import BUMPER, GRILLE, CalcAttemptFactory, line

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(trainee, cohort):
    return CalcAttemptFactory(trainee=trainee, cohort=cohort)


def editor_url(attempt):
    return reverse("cases:calc-editor", kwargs={"pk": attempt.pk})


def stored(attempt):
    return CalculationDraft.objects.get(attempt=attempt)


def test_the_editor_shows_the_outline_with_a_link_per_zone(client_for, trainee, attempt):
    content = client_for(trainee).get(editor_url(attempt)).content.decode()
    for zone in ("front", "side", "rear", "roof", "glass", "interior", "mechanical"):
        assert f'href="?zone={zone}#calc-pick"' in content
    assert "<svg" in content
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", content) is None, "no inline script"
    assert "cases/calc_editor.js" in content


def test_picking_a_zone_lists_its_parts_and_offers_them_in_the_form(client_for, trainee, attempt):
    content = client_for(trainee).get(editor_url(attempt), {"zone": "front"}).content.decode()
    assert "Voorbumper" in content
    assert f'value="{BUMPER}"' in content
    assert "Achterbumper" not in content  # a part of another zone is not offered
    assert 'value="5H6807421"' not in content


def test_adding_a_line_with_the_form_prefills_it_from_the_catalogue(client_for, trainee, attempt):
    response = client_for(trainee).post(
        editor_url(attempt),
        {
            "version": "0",
            "zone": "front",
            "lines_json": "[]",
            "action": "add",
            "add-part_code": BUMPER,
            "add-operation": "repair",
            "add-repair_units": "4,5",
            "add-paint_mode": "repair_major",
            "add-part_source": "oem",
            "add-quantity": "1",
        },
    )

    assert response.status_code == 302
    draft = stored(attempt)
    assert draft.version == 1
    assert draft.lines == [
        line(BUMPER, "repair", line_id="1", repair_units="4.5", paint_mode="repair_major")
    ]


def test_a_refused_add_keeps_what_was_typed_and_saves_nothing(client_for, trainee, attempt):
    response = client_for(trainee).post(
        editor_url(attempt),
        {
            "version": "0",
            "zone": "front",
            "lines_json": "[]",
            "action": "add",
            "add-part_code": BUMPER,
            "add-operation": "repair",
            "add-repair_units": "",
            "add-unit_price": "",
            "add-part_source": "oem",
            "add-quantity": "1",
        },
    )
    assert response.status_code == 400
    assert "hersteltijd" in response.content.decode()
    assert not CalculationDraft.objects.exists()


def test_editing_lines_stores_typed_values_with_the_dutch_comma_read(client_for, trainee, attempt):
    lines = [line(BUMPER, "replace", line_id="1"), line(GRILLE, "replace", line_id="2")]
    services.draft_save(attempt=attempt, lines=lines, expected_version=0, by=trainee)

    response = client_for(trainee).post(
        editor_url(attempt),
        {
            "version": "1",
            "lines_json": json.dumps(lines),
            "action": "save",
            "line-0-labour_units": "120",
            "line-0-paint_mode": "surface",
            "line-0-paint_units": "185",
            "line-0-unit_price": "1.234,50",
            "line-0-quantity": "2",
            "line-0-part_source": "aftermarket",
            "line-1-labour_units": lines[1]["labour_units"],
            "line-1-unit_price": lines[1]["unit_price"],
            "line-1-quantity": "1",
            "line-1-part_source": "oem",
        },
    )

    assert response.status_code == 302
    first, second = stored(attempt).lines
    assert first["labour_units"] == "120"
    assert first["paint"] == {"mode": "surface", "units": "185"}
    assert (first["unit_price"], first["quantity"], first["part_source"]) == (
        "1234.50",
        "2",
        "aftermarket",
    )
    assert second == lines[1]


def test_removing_a_line_with_its_button(client_for, trainee, attempt):
    lines = [line(BUMPER, "replace", line_id="1"), line(GRILLE, "replace", line_id="2")]
    services.draft_save(attempt=attempt, lines=lines, expected_version=0, by=trainee)

    client_for(trainee).post(
        editor_url(attempt), {"version": "1", "lines_json": json.dumps(lines), "action": "remove-0"}
    )

    assert [entry["id"] for entry in stored(attempt).lines] == ["2"]


def test_an_invalid_typed_value_is_saved_and_shown_with_the_engines_message(
    client_for, trainee, attempt
):
    lines = [line(GRILLE, "replace", line_id="1")]
    services.draft_save(attempt=attempt, lines=lines, expected_version=0, by=trainee)
    client = client_for(trainee)

    client.post(
        editor_url(attempt),
        {
            "version": "1",
            "lines_json": json.dumps(lines),
            "action": "save",
            "line-0-unit_price": "veel",
        },
    )
    page = client.get(editor_url(attempt)).content.decode()

    assert stored(attempt).lines[0]["unit_price"] == "veel"
    assert "Nog niet door te rekenen" in page
    assert 'value="veel"' in page


def test_a_stale_form_save_is_refused_and_the_typed_values_come_back(client_for, trainee, attempt):
    # given: the page was loaded at version 1, then another tab saved version 2
    lines = [line(GRILLE, "replace", line_id="1")]
    services.draft_save(attempt=attempt, lines=lines, expected_version=0, by=trainee)
    newer = [line(BUMPER, "replace", line_id="1")]
    services.draft_save(attempt=attempt, lines=newer, expected_version=1, by=trainee)

    # when
    response = client_for(trainee).post(
        editor_url(attempt),
        {
            "version": "1",
            "lines_json": json.dumps(lines),
            "action": "save",
            "line-0-labour_units": "77",
        },
    )

    # then
    content = response.content.decode()
    assert response.status_code == 409
    assert "Deze calculatie is intussen elders gewijzigd (versie 2)" in content
    assert 'name="line-0-labour_units" value="77"' in content
    assert (stored(attempt).version, stored(attempt).lines) == (2, newer)


def test_after_a_stale_refusal_the_trainee_may_knowingly_save_over_the_newer_version(
    client_for, trainee, attempt
):
    lines = [line(GRILLE, "replace", line_id="1")]
    services.draft_save(attempt=attempt, lines=lines, expected_version=0, by=trainee)
    services.draft_save(attempt=attempt, lines=[], expected_version=1, by=trainee)

    response = client_for(trainee).post(
        editor_url(attempt),
        {
            "version": "1",
            "overwrite_version": "2",
            "lines_json": json.dumps(lines),
            "action": "save",
        },
    )

    assert response.status_code == 302
    assert (stored(attempt).version, stored(attempt).lines) == (3, lines)


def test_the_totals_panel_shows_dutch_amounts_and_the_verdict(client_for, trainee, attempt):
    lines = [line(BUMPER, "replace", line_id="1")]
    services.draft_save(attempt=attempt, lines=lines, expected_version=0, by=trainee)
    total = services.calculation_estimate(attempt=attempt, lines=lines)["estimate"][
        "total_incl_vat"
    ]
    whole, cents = total.split(".")
    shown = f"€\u00a0{int(whole):,}".replace(",", ".") + f",{cents}"

    content = client_for(trainee).get(editor_url(attempt)).content.decode()

    assert shown in content
    assert "Herstel is economisch verantwoord" in content


def test_the_versions_page_shows_each_version_and_its_diff(client_for, trainee, attempt):
    services.draft_save(
        attempt=attempt,
        lines=[line(BUMPER, "replace", line_id="1")],
        expected_version=0,
        by=trainee,
    )
    services.calculation_submit(attempt=attempt, kind="precalc", by=trainee)
    services.draft_save(
        attempt=attempt,
        lines=[line(BUMPER, "replace", line_id="1"), line(GRILLE, "replace", line_id="2")],
        expected_version=1,
        by=trainee,
    )
    services.calculation_submit(attempt=attempt, kind="supplement", by=trainee)

    content = (
        client_for(trainee)
        .get(reverse("cases:calc-versions", kwargs={"pk": attempt.pk}))
        .content.decode()
    )

    assert "Versie 2: suppletie" in content
    assert "Versie 1: voorcalculatie" in content
    assert "Toegevoegde regels" in content
    assert GRILLE in content
    assert "Verschil met versie 1" in content
