"""Plausibility hints: figures an estimator looks at twice. They come with every preview and
autosave, next to the line, and never block a save; per-line amounts come from the engine."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

import calcengine
from calcengine.catalogue import get_vehicle
from cases.calculations.inputs import calculation_input
from cases.calculations.plausibility import (
    ABSURD_HOURS,
    PRICE_FACTOR_HIGH,
    UNITS_FACTOR,
    plausibility_hints,
)
from cases.models import CalculationDraft
from tests.factories.calculations import BUMPER, GRILLE, CalcAttemptFactory, line

pytestmark = pytest.mark.django_db

GOLF = "vw-golf-8"


@pytest.fixture
def attempt(trainee, cohort):
    return CalcAttemptFactory(trainee=trainee, cohort=cohort)


def put(client, attempt, version, lines):
    return client.put(
        reverse("api:cases_api:calc-draft", kwargs={"pk": attempt.pk}),
        data=json.dumps({"version": version, "lines": lines}),
        content_type="application/json",
    )


def codes(hints):
    return [(h["line_id"], h["field"], h["code"]) for h in hints]


def test_99999_units_are_saved_computed_and_flagged(client_for, trainee, attempt):
    absurd = line(BUMPER, "replace", line_id="1") | {"labour_units": "99999"}

    response = put(client_for(trainee), attempt, 0, [absurd])

    # then: stored and computed (a hint never blocks), with a Dutch hint next to the line
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == 1
    assert body["estimate"] is not None
    assert CalculationDraft.objects.get(attempt=attempt).lines == [absurd]
    assert codes(body["plausibility"]) == [("1", "labour_units", "UNITS_ABSURD")]
    assert "99.999 AE" in body["plausibility"][0]["message"]
    assert body["plausibility"][0]["index"] == 0


def test_the_editor_page_shows_the_hint_next_to_the_line(client_for, trainee, attempt):
    absurd = line(BUMPER, "replace", line_id="1") | {"labour_units": "99999"}
    put(client_for(trainee), attempt, 0, [absurd])

    content = (
        client_for(trainee)
        .get(reverse("cases:calc-editor", kwargs={"pk": attempt.pk}))
        .content.decode()
    )

    assert 'class="calc-line-hints" data-for="0"' in content
    assert "99.999 AE is meer dan 100 uur werk" in content


def test_units_more_than_three_times_the_catalogue_time_are_flagged_not_refused():
    book = get_vehicle(GOLF).part(BUMPER).replace_units
    just_within = line(BUMPER, "replace", line_id="1") | {"labour_units": str(book * 3)}
    above = line(BUMPER, "replace", line_id="2") | {"labour_units": str(book * 3 + 1)}

    hints = plausibility_hints(vehicle_id=GOLF, lines=[just_within, above])

    assert codes(hints) == [("2", "labour_units", "UNITS_ABOVE_CATALOGUE")]
    assert "controleer de arbeidstijd" in hints[0]["message"]


def test_the_catalogue_time_is_named_in_the_language_the_hint_is_made_in():
    book = get_vehicle(GOLF).part(BUMPER).replace_units
    above = line(BUMPER, "replace", line_id="1") | {"labour_units": str(book * 3 + 1)}
    # given: the names of the catalogue times are translated only when a hint says them
    with translation.override("en"):
        english = plausibility_hints(vehicle_id=GOLF, lines=[above])
    dutch = plausibility_hints(vehicle_id=GOLF, lines=[above])
    # then: each hint in its own language, the catalogue time's name too
    assert "the catalogue time for replacement" in english[0]["message"]
    assert "de catalogustijd voor vervangen" in dutch[0]["message"]


def test_a_repair_is_compared_with_the_replace_time():
    book = get_vehicle(GOLF).part(BUMPER).replace_units
    repair = line(BUMPER, "repair", line_id="1", repair_units=str(book * UNITS_FACTOR + 5))
    assert codes(plausibility_hints(vehicle_id=GOLF, lines=[repair])) == [
        ("1", "labour_units", "UNITS_ABOVE_CATALOGUE")
    ]
    ordinary = line(BUMPER, "repair", line_id="1", repair_units="60")
    assert plausibility_hints(vehicle_id=GOLF, lines=[ordinary]) == []


def test_paint_units_far_above_the_panels_are_flagged():
    painted = line(BUMPER, "replace", line_id="1")
    painted["paint"] = {"mode": "new", "units": "900"}
    assert codes(plausibility_hints(vehicle_id=GOLF, lines=[painted])) == [
        ("1", "paint.units", "PAINT_UNITS_ABOVE_CATALOGUE")
    ]


def test_a_price_far_from_the_list_price_is_flagged():
    listed = get_vehicle(GOLF).part(BUMPER).list_price
    high = line(BUMPER, "replace", line_id="1") | {
        "unit_price": str(listed * PRICE_FACTOR_HIGH + 1)
    }
    net_typed = line(BUMPER, "replace", line_id="2") | {"unit_price": "100.00"}
    used = line(BUMPER, "replace", line_id="3", part_source="used", unit_price="100.00")

    hints = plausibility_hints(vehicle_id=GOLF, lines=[high, net_typed, used])

    assert codes(hints) == [
        ("1", "unit_price", "PRICE_FAR_FROM_LIST"),
        ("2", "unit_price", "PRICE_FAR_FROM_LIST"),
    ]  # a used part is cheaper by nature: no lower bound
    assert "catalogusprijs (€ 389,60)" in hints[0]["message"]


def test_catalogue_figures_and_unreadable_values_give_no_hint():
    lines = [
        line(BUMPER, "replace", line_id="1"),
        line(GRILLE, "replace", line_id="2"),
        line(BUMPER, "replace", line_id="3") | {"labour_units": "twaalf"},
        "geen regel",
        {"id": "5", "operation": ["replace"], "labour_units": str(ABSURD_HOURS)},
    ]
    assert plausibility_hints(vehicle_id=GOLF, lines=lines) == []
    assert plausibility_hints(vehicle_id="bestaat-niet", lines=lines) == []


def test_the_preview_carries_the_engines_per_line_amounts(client_for, trainee, attempt):
    lines = [line(BUMPER, "replace", line_id="1"), line(GRILLE, "replace", line_id="2")]
    url = reverse("api:cases_api:calc-estimate", kwargs={"pk": attempt.pk})

    body = (
        client_for(trainee)
        .post(url, data=json.dumps({"lines": lines}), content_type="application/json")
        .json()
    )

    data = calculation_input(case_version=attempt.case_version, lines=lines)
    engine = calcengine.line_amounts(calcengine.parse(data))
    assert [a["parts_gross"] for a in body["line_amounts"]] == [str(a.parts_gross) for a in engine]
    assert [a["parts_discount"] for a in body["line_amounts"]] == [
        str(a.parts_discount) for a in engine
    ]
    assert sum(Decimal(a["amount"]) for a in body["line_amounts"]) == Decimal(
        body["estimate"]["parts"]["net"]
    )
    assert body["line_amounts"][0]["labour_hours"] == "1.15"  # 115 VW units


def test_a_refused_draft_has_no_amounts_but_still_its_hints(client_for, trainee, attempt):
    broken = line(BUMPER, "replace", line_id="1") | {"unit_price": "twaalf"}
    absurd = line(GRILLE, "replace", line_id="2") | {"labour_units": "99999"}

    body = put(client_for(trainee), attempt, 0, [broken, absurd]).json()

    assert body["estimate"] is None
    assert body["line_amounts"] == []
    assert codes(body["plausibility"]) == [("2", "labour_units", "UNITS_ABSURD")]
