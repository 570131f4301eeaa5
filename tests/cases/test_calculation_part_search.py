"""Finding a part fast: the type-ahead over the case's vehicle catalogue, the case's catalogue
with the left and right side apart, and only the sensors the case's vehicle has."""

import pytest
from django.urls import reverse

from cases.calculations.outline import part_side
from tests.factories.calculations import BUMPER, CalcAttemptFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(trainee, cohort):
    return CalcAttemptFactory(trainee=trainee, cohort=cohort)


def search(client, attempt, query):
    url = reverse("api:cases_api:calc-part-search", kwargs={"pk": attempt.pk})
    return client.get(url, {"q": query})


def catalogue(client, attempt):
    return client.get(reverse("api:cases_api:calc-case-catalogue", kwargs={"pk": attempt.pk}))


def test_search_finds_a_part_by_its_name(client_for, trainee, attempt):
    response = search(client_for(trainee), attempt, "voorbumper")

    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["code"] == BUMPER
    assert results[0]["name"] == "Voorbumper"
    assert results[0]["zone"] == "front"
    assert "replace" in results[0]["operations"]
    assert all("voorbumper" in r["name"].casefold() for r in results)


def test_search_finds_a_part_by_its_number_in_any_notation(client_for, trainee, attempt):
    client = client_for(trainee)
    for typed in ("5H0807221", "5h0 807 221", "5H0-807-221"):
        codes = [r["code"] for r in search(client, attempt, typed).json()["results"]]
        assert codes[0] == BUMPER, typed


def test_every_word_of_the_query_must_be_in_the_name(client_for, trainee, attempt):
    results = search(client_for(trainee), attempt, "portier rechts achter").json()["results"]
    assert [r["name"] for r in results] == ["Portier rechts achter", "Portierruit rechts achter"]
    assert [r["zone_name"] for r in results] == ["Rechterzijde", "Beglazing"]


def test_a_one_letter_query_finds_nothing(client_for, trainee, attempt):
    assert search(client_for(trainee), attempt, "a").json()["results"] == []


def test_search_finds_work_codes_too_but_no_calibration_of_a_sensor_the_vehicle_lacks(
    client_for, trainee, attempt
):
    results = search(client_for(trainee), attempt, "kalibreren").json()["results"]
    codes = {r["code"] for r in results}
    assert "ADAS-FRONT-CAMERA" in codes  # the Golf has a front camera
    assert "ADAS-LIDAR" not in codes  # and no lidar
    assert "ADAS-REAR-RADAR" not in codes  # nor a rear radar


@pytest.mark.parametrize("who", ["other_trainee", "outsider_assessor", "editor"])
def test_search_and_catalogue_answer_404_to_whoever_may_not_see_the_attempt(
    request, client_for, attempt, who
):
    client = client_for(request.getfixturevalue(who))
    assert search(client, attempt, "bumper").status_code == 404
    assert catalogue(client, attempt).status_code == 404


def test_search_and_catalogue_refuse_an_anonymous_visitor(client, attempt):
    assert search(client, attempt, "bumper").status_code in (401, 403)
    assert catalogue(client, attempt).status_code in (401, 403)


def test_the_cohorts_assessor_may_search_the_attempts_catalogue(client_for, assessor, attempt):
    assert search(client_for(assessor), attempt, "bumper").status_code == 200


def test_the_case_catalogue_offers_only_the_sensors_the_cases_vehicle_has(
    client_for, trainee, attempt
):
    # given: the case's vehicle (not the catalogue model) has a front camera only
    version = attempt.case_version
    # a published version is frozen for save(); the test sets up another case's vehicle
    type(version).objects.filter(pk=version.pk).update(
        vehicle_snapshot={**version.vehicle_snapshot, "adas": ["front_camera"]}
    )

    body = catalogue(client_for(trainee), attempt).json()

    sensors = {w["sensor"] for w in body["work_codes"] if w["sensor"]}
    assert sensors == {"front_camera"}
    assert {"ADAS-FRONT-CAMERA", "SUB-CALIB-CAMERA"} <= {w["code"] for w in body["work_codes"]}


def test_the_editor_page_offers_no_calibration_of_a_sensor_the_vehicle_lacks(
    client_for, trainee, attempt
):
    page = client_for(trainee).get(reverse("cases:calc-editor", kwargs={"pk": attempt.pk}))
    content = page.content.decode()
    assert 'value="ADAS-FRONT-RADAR"' in content
    assert 'value="ADAS-LIDAR"' not in content
    assert 'value="ADAS-REAR-RADAR"' not in content


def test_the_case_catalogue_shows_the_left_and_right_side_apart(client_for, trainee, attempt):
    views = {v["zone"]: v for v in catalogue(client_for(trainee), attempt).json()["views"]}

    left = [p["name"] for p in views["left"]["parts"]]
    right = [p["name"] for p in views["right"]["parts"]]
    assert "Portier links voor" in left and "Portier links voor" not in right
    assert "Portier rechts voor" in right and "Portier rechts voor" not in left
    # a side part that names no side (the fuel flap) is found on both sides
    assert "Tankklep" in left and "Tankklep" in right
    # the catalogue's own zone `side` still holds both sides: stored zone codes stay valid
    assert len(views["side"]["parts"]) == len({*left, *right})
    # each view carries the layout of its exploded view, one tile per part
    assert [t["code"] for t in views["left"]["exploded"]["tiles"]] != []
    assert len(views["left"]["exploded"]["tiles"]) == len(left)


@pytest.mark.parametrize(
    ("name", "side"),
    [
        ("Portier links voor", "left"),
        ("Dorpel rechts", "right"),
        ("Laadpoort links (laadaansluiting in achterlicht links)", "left"),
        ("Tankklep", None),
        ("Linksom", None),
    ],
)
def test_a_parts_side_is_the_side_its_catalogue_name_gives(name, side):
    assert part_side(name) == side


def test_the_outline_links_the_left_and_right_side_and_old_side_links_still_work(
    client_for, trainee, attempt
):
    client = client_for(trainee)
    url = reverse("cases:calc-editor", kwargs={"pk": attempt.pk})
    content = client.get(url).content.decode()
    assert 'href="?zone=left#calc-pick"' in content
    assert 'href="?zone=right#calc-pick"' in content

    left = client.get(url, {"zone": "left"}).content.decode()
    assert "Portier links voor" in left
    assert 'value="5H4831056"' not in left  # Portier rechts voor: the other side
    assert 'class="calc-exploded"' in left
    assert 'data-code="5H4831055"' in left  # the exploded view's part link

    both = client.get(url, {"zone": "side"}).content.decode()
    assert 'value="5H4831055"' in both and 'value="5H4831056"' in both


def test_a_part_clicked_in_the_exploded_view_without_javascript_is_put_in_the_add_form(
    client_for, trainee, attempt
):
    url = reverse("cases:calc-editor", kwargs={"pk": attempt.pk})
    content = client_for(trainee).get(url, {"zone": "left", "part": "5H4831055"}).content
    assert b'<option value="5H4831055" selected>' in content
