"""The calculation editor's API: autosave with 409 on a stale version, preview, versions, catalogue."""

import json

import pytest
from django.urls import reverse

import calcengine
from cases.calculations import services
from cases.calculations.inputs import calculation_input
from cases.models import CalculationDraft
from tests.factories.calculations import BUMPER, GRILLE, CalcAttemptFactory, line
from tests.factories.cases import REF_SECRET_CODE, REF_SECRET_DESCRIPTION

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(trainee, cohort):
    return CalcAttemptFactory(trainee=trainee, cohort=cohort)


def draft_url(attempt):
    return reverse("api:cases_api:calc-draft", kwargs={"pk": attempt.pk})


def put(client, url, body):
    return client.put(url, data=json.dumps(body), content_type="application/json")


def test_get_returns_the_draft_with_a_live_estimate(client_for, trainee, attempt):
    lines = [line(BUMPER, "replace", line_id="1")]
    services.draft_save(attempt=attempt, lines=lines, expected_version=0, by=trainee)

    response = client_for(trainee).get(draft_url(attempt))

    assert response.status_code == 200
    body = response.json()
    assert (body["version"], body["lines"], body["editable"], body["errors"]) == (
        1,
        lines,
        True,
        [],
    )
    assert (
        body["estimate"]["total_incl_vat"]
        == services.calculation_estimate(attempt=attempt, lines=lines)["estimate"]["total_incl_vat"]
    )


def test_get_of_a_never_saved_draft_is_version_zero_and_writes_nothing(
    client_for, trainee, attempt
):
    body = client_for(trainee).get(draft_url(attempt)).json()
    assert (body["version"], body["lines"]) == (0, [])
    assert not CalculationDraft.objects.exists()


def _as_the_serializer_gives_it(attempt, draft, editable):
    """The read's answer the way it was made before it was made directly: every value through
    CalculationDraftApi.OutputSerializer, rendered by DRF's JSON renderer."""
    from rest_framework.renderers import JSONRenderer

    from cases.calculations.apis import CalculationDraftApi

    data = {
        "attempt": attempt.pk,
        "version": draft.version,
        "lines": draft.lines,
        "editable": editable,
        "updated_at": draft.updated_at,
        **services.calculation_preview(attempt=attempt, lines=draft.lines),
    }
    return json.loads(JSONRenderer().render(CalculationDraftApi.OutputSerializer(data).data))


@pytest.mark.parametrize(
    ("lines", "shows"),
    [
        (None, "nothing"),  # never saved
        (
            [line(BUMPER, "replace", line_id="1"), line(GRILLE, "replace", line_id="2")],
            "estimate",
        ),
        ([line(BUMPER, "replace", line_id="1") | {"labour_units": "99999"}], "plausibility"),
        ([{"id": "1", "operation": "replace"}], "errors"),  # the engine refuses it
    ],
)
def test_a_read_answers_exactly_what_its_serializer_gives(
    client_for, trainee, assessor, attempt, lines, shows
):
    from cases.calculations.selectors import draft_for

    if lines is not None:
        services.draft_save(attempt=attempt, lines=lines, expected_version=0, by=trainee)
    draft = draft_for(attempt)

    for user, editable in ((trainee, True), (assessor, False)):
        body = client_for(user).get(draft_url(attempt)).json()
        assert body == _as_the_serializer_gives_it(attempt, draft, editable)
    assert (body["version"] == 0) == (shows == "nothing")
    assert (body["estimate"] is None) == (shows == "errors")
    assert bool(body["plausibility"]) == (shows == "plausibility")
    assert bool(body["errors"]) == (shows == "errors")


def test_put_saves_and_answers_the_next_version_and_estimate(client_for, trainee, attempt):
    lines = [line(BUMPER, "replace", line_id="1")]

    response = put(client_for(trainee), draft_url(attempt), {"version": 0, "lines": lines})

    assert response.status_code == 200
    body = response.json()
    assert body["version"] == 1
    assert body["errors"] == []
    assert (
        body["estimate"] == services.calculation_estimate(attempt=attempt, lines=lines)["estimate"]
    )
    assert CalculationDraft.objects.get(attempt=attempt).lines == lines


def test_a_stale_put_gets_409_and_the_stored_draft_is_unchanged(client_for, trainee, attempt):
    client = client_for(trainee)
    newer = [line(BUMPER, "replace", line_id="1")]
    assert put(client, draft_url(attempt), {"version": 0, "lines": newer}).status_code == 200

    response = put(
        client, draft_url(attempt), {"version": 0, "lines": [line(GRILLE, "replace", line_id="1")]}
    )

    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == 1
    assert body["errors"][0]["path"] == "version"
    assert "intussen elders gewijzigd (versie 1)" in body["errors"][0]["message"]
    stored = CalculationDraft.objects.get(attempt=attempt)
    assert (stored.version, stored.lines) == (1, newer)


def test_a_put_of_invalid_lines_is_saved_and_answers_the_engines_errors(
    client_for, trainee, attempt
):
    broken = [line(BUMPER, "replace", line_id="1"), {"id": "2", "operation": "fly"}]

    response = put(client_for(trainee), draft_url(attempt), {"version": 0, "lines": broken})

    assert response.status_code == 200
    body = response.json()
    assert body["version"] == 1 and body["estimate"] is None
    assert any(e["path"].startswith("lines[1]") for e in body["errors"])
    assert CalculationDraft.objects.get(attempt=attempt).lines == broken


def test_a_put_without_a_version_is_refused_with_a_field_path(client_for, trainee, attempt):
    response = put(client_for(trainee), draft_url(attempt), {"lines": []})
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "version"


def test_the_estimate_endpoint_previews_without_saving(client_for, trainee, attempt):
    lines = [line(BUMPER, "replace", line_id="1")]
    url = reverse("api:cases_api:calc-estimate", kwargs={"pk": attempt.pk})

    response = client_for(trainee).post(
        url, data=json.dumps({"lines": lines}), content_type="application/json"
    )

    assert response.status_code == 200
    expected = calcengine.estimate(
        calculation_input(case_version=attempt.case_version, lines=lines)
    )
    body = response.json()
    # issue #14: the preview also carries the engine's per-line amounts and the plausibility
    # hints (none for a catalogue line)
    assert (body["estimate"], body["errors"], body["plausibility"]) == (expected, [], [])
    assert [a["parts_net"] for a in body["line_amounts"]] == [expected["lines"][0]["parts_net"]]
    assert not CalculationDraft.objects.exists()


def test_versions_list_and_detail_show_the_diff(client_for, trainee, attempt):
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
    second = services.calculation_submit(attempt=attempt, kind="supplement", by=trainee)
    client = client_for(trainee)

    listed = client.get(
        reverse("api:cases_api:calc-version-list", kwargs={"pk": attempt.pk})
    ).json()
    detail = client.get(
        reverse("api:cases_api:calc-version-detail", kwargs={"pk": attempt.pk, "number": 2})
    ).json()

    assert [(v["number"], v["kind"], v["has_diff"]) for v in listed] == [
        (1, "precalc", False),
        (2, "supplement", True),
    ]
    assert detail["diff"] == second.diff
    assert detail["output"] == second.output
    assert detail["kind_label"] == "suppletie"


def test_an_unknown_version_number_is_404(client_for, trainee, attempt):
    url = reverse("api:cases_api:calc-version-detail", kwargs={"pk": attempt.pk, "number": 7})
    response = client_for(trainee).get(url)
    assert response.status_code == 404
    assert response.json()["errors"][0]["path"] == ""


def test_the_catalogue_finds_vehicles_by_words(client_for, trainee):
    url = reverse("api:cases_api:calc-catalogue-vehicles")
    found = client_for(trainee).get(url, {"q": "golf volkswagen"}).json()
    assert [v["id"] for v in found] == ["vw-golf-8"]
    assert len(client_for(trainee).get(url).json()) == len(calcengine.catalogue.vehicles())


def test_the_catalogue_lists_parts_by_zone_and_fitting_work_codes(client_for, trainee):
    url = reverse("api:cases_api:calc-catalogue-parts", kwargs={"vehicle_id": "vw-golf-8"})
    body = client_for(trainee).get(url).json()

    zones = {z["zone"]: z for z in body["zones"]}
    assert list(zones) == list(calcengine.catalogue.ZONES)
    bumper = next(p for p in zones["front"]["parts"] if p["code"] == BUMPER)
    assert bumper["list_price"] == "389.60"
    assert bumper["operations"] == ["replace", "repair", "remove_refit", "paint"]
    codes = {w["code"] for w in body["work_codes"]}
    assert "ADAS-FRONT-CAMERA" in codes
    assert "HV-SAFE" not in codes  # a petrol Golf has no high-voltage system


def test_the_parts_of_an_unknown_vehicle_are_404(client_for, trainee):
    url = reverse("api:cases_api:calc-catalogue-parts", kwargs={"vehicle_id": "trabant"})
    assert client_for(trainee).get(url).status_code == 404


def prefill_url():
    return reverse("api:cases_api:calc-catalogue-prefill", kwargs={"vehicle_id": "vw-golf-8"})


def test_prefill_returns_the_catalogue_line(client_for, trainee):
    response = client_for(trainee).post(
        prefill_url(),
        data=json.dumps(
            {"line_id": "4", "part_code": BUMPER, "operation": "repair", "repair_units": "40"}
        ),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json() == line(BUMPER, "repair", line_id="4", repair_units="40")


def test_prefill_of_a_repair_without_time_is_400_with_the_field_path(client_for, trainee):
    response = client_for(trainee).post(
        prefill_url(),
        data=json.dumps({"line_id": "4", "part_code": BUMPER, "operation": "repair"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "repair_units"


def test_prefill_of_an_unknown_part_is_400_on_part_code(client_for, trainee):
    response = client_for(trainee).post(
        prefill_url(),
        data=json.dumps({"line_id": "4", "part_code": "NIETS", "operation": "replace"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "part_code"


def test_prefill_of_an_unknown_operation_is_400_on_operation(client_for, trainee):
    response = client_for(trainee).post(
        prefill_url(),
        data=json.dumps({"line_id": "4", "part_code": BUMPER, "operation": "polish"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "operation"


def test_no_calculation_answer_contains_the_reference(client_for, trainee, attempt):
    services.draft_save(
        attempt=attempt,
        lines=[line(BUMPER, "replace", line_id="1")],
        expected_version=0,
        by=trainee,
    )
    services.calculation_submit(attempt=attempt, kind="precalc", by=trainee)
    client = client_for(trainee)
    urls = [
        draft_url(attempt),
        reverse("api:cases_api:calc-version-list", kwargs={"pk": attempt.pk}),
        reverse("api:cases_api:calc-version-detail", kwargs={"pk": attempt.pk, "number": 1}),
        reverse("cases:calc-editor", kwargs={"pk": attempt.pk}),
        reverse("cases:calc-versions", kwargs={"pk": attempt.pk}),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        for secret in (REF_SECRET_CODE, REF_SECRET_DESCRIPTION):
            assert secret.encode() not in response.content, url
