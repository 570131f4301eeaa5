"""No 500 from any input (issue 12, item 7).

Found before: Wagtail's pages API answered 500 for `search_operator=foo` (anonymous) and for
`search=%00`; on PostgreSQL a NUL byte in `search`, in `html_path` and in a Basic-auth username
ended in a 500 too; a double quote in a search broke SQLite's full-text query; JSON nested just
under the parser's old depth guard (about a thousand levels) overflowed the stack on save; and a
planned date of 9999-12-31 made `start_repair` fail forever (the attempt stuck for good).

Every test here runs on SQLite and, in CI's PostgreSQL pass, on PostgreSQL, where the NUL
lookups used to fail.
"""

import base64
import datetime as dt
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from cases import workflow as wf
from cases.models import AttemptStatus, CalculationDraft
from cases.workflow.dates import MOVE_DATE_WINDOW
from tests.cases.flow import prepare_repair, save_lines, to_approved
from tests.factories.calculations import GRILLE, CalcAttemptFactory, line
from tests.factories.cases import AttemptFactory, PublishedCaseVersionFactory, hidden_damage

pytestmark = pytest.mark.django_db

PAGES = "/api/v1/pages/"
NUL_MESSAGE = "Het verzoek bevat een teken dat niet kan worden verwerkt (U+0000)."


def assert_api_error(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"errors"} and body["errors"]
    assert all(set(error) == {"path", "message"} for error in body["errors"])
    return body["errors"]


# NUL anywhere outside the body: 400, before any lookup


@pytest.mark.parametrize(
    ("query", "path"),
    [
        ("search=%00", "search"),
        ("search=a%00b&search_operator=or", "search"),
        ("html_path=%00", "html_path"),
        ("type=content.LessonPage&title=%00", "title"),
        ("fields=%00", "fields"),
    ],
)
def test_a_nul_in_the_pages_apis_query_string_is_400_in_the_error_shape(client, query, path):
    errors = assert_api_error(client.get(f"{PAGES}?{query}"), 400)
    assert errors == [{"path": path, "message": NUL_MESSAGE}]


def test_a_nul_in_the_path_is_400_for_the_api_and_for_pages(client):
    assert_api_error(client.get("/api/v1/pages/%00/"), 400)
    page = client.get("/lessen/%00/")
    assert page.status_code == 400
    assert page["Content-Type"].startswith("text/html")


def test_a_nul_in_a_basic_auth_username_is_400(client, trainee, password):
    credentials = base64.b64encode(f"{trainee.username}\x00:{password}".encode()).decode()
    response = client.get(
        reverse("api:cases_api:attempt-list"), HTTP_AUTHORIZATION=f"Basic {credentials}"
    )
    assert_api_error(response, 400)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_COOKIE": 'sessionid="\\000abcdefghijk"'},
        {"HTTP_X_CUSTOM": "a\x00b"},
        {"HTTP_ACCEPT_LANGUAGE": "nl\x00"},
    ],
)
def test_a_nul_in_a_header_or_cookie_is_400(headers):
    response = Client().get(reverse("api:content_api:competence-profile"), **headers)
    assert_api_error(response, 400)


def test_a_nul_in_a_query_string_is_refused_on_html_pages_too(client_for, trainee):
    response = client_for(trainee).get(reverse("content:search"), {"q": "a\x00"})
    assert response.status_code == 400


def test_requests_without_nul_pass(client, client_for, trainee):
    assert client.get(f"{PAGES}?search=kalibreren").status_code == 200
    search_page = client_for(trainee).get(reverse("content:search"), {"q": "kalibreren"})
    assert search_page.status_code == 200


# Wagtail's pages API: bad search parameters are the caller's error, not the server's


@pytest.mark.parametrize("operator", ["foo", "AND OR", "xor"])
def test_an_unknown_search_operator_is_400_for_anyone(client, operator):
    errors = assert_api_error(
        client.get(PAGES, {"search": "bumper", "search_operator": operator}), 400
    )
    assert "search_operator" in errors[0]["message"]


@pytest.mark.parametrize("operator", ["and", "or", "OR", ""])
def test_the_known_search_operators_still_search(client, operator):
    response = client.get(PAGES, {"search": "bumper", "search_operator": operator})
    assert response.status_code == 200


@pytest.mark.parametrize("search", ['"', 'a"b', '"bumper"', " ", "", "'", "\\", "a AND (", "*"])
def test_search_text_the_full_text_syntax_chokes_on_is_searched_or_ignored(
    client, client_for, trainee, search
):
    assert client.get(PAGES, {"search": search}).status_code == 200
    search_page = client_for(trainee).get(reverse("content:search"), {"q": search})
    assert search_page.status_code == 200


@pytest.mark.parametrize("value", ['"', "abc", "-1", "1.5", "", "٣"])
def test_find_with_an_id_that_is_no_number_is_400(client, value):
    """Found by the pages API fuzzing (test_input_fuzz.py): `find/?id="` was a 500."""
    assert_api_error(client.get(f"{PAGES}find/", {"id": value}), 400)


@pytest.mark.parametrize("offset", ["99999999999999999999", str(2**31)])
def test_an_offset_past_any_page_is_400(client, offset):
    """Found by the pages API fuzzing on PostgreSQL: OFFSET past a bigint was a 500."""
    assert_api_error(client.get(PAGES, {"offset": offset}), 400)
    assert client.get(PAGES, {"offset": str(2**31 - 1)}).status_code == 200


# JSON nested just under the old guard


@pytest.mark.parametrize("depth", [65, 500, 990])
def test_json_nested_deeper_than_the_guard_is_refused_before_the_save(client, depth):
    attempt = CalcAttemptFactory()
    client.force_login(attempt.trainee)
    nested = "[" * depth + "]" * depth
    body = '{"version": 0, "lines": [{"line_id": "1", "extra": ' + nested + "}]}"

    response = client.put(
        reverse("api:cases_api:calc-draft", kwargs={"pk": attempt.pk}),
        data=body,
        content_type="application/json",
    )

    errors = assert_api_error(response, 400)
    assert errors == [{"path": "", "message": "De JSON is te diep genest."}]
    assert not CalculationDraft.objects.filter(attempt=attempt, version__gt=0).exists()


def test_json_at_the_depth_limit_is_saved(client):
    attempt = CalcAttemptFactory()
    client.force_login(attempt.trainee)
    nested = "[" * 61 + "]" * 61  # body, lines, line, extra: 64 levels
    typed = json.dumps(line(GRILLE, "replace", line_id="1"))[:-1] + ', "extra": ' + nested + "}"
    body = '{"version": 0, "lines": [' + typed + "]}"

    response = client.put(
        reverse("api:cases_api:calc-draft", kwargs={"pk": attempt.pk}),
        data=body,
        content_type="application/json",
    )

    assert response.status_code == 200, response.content


# Dates in moves: within a sane window of the simulated date


def move(client, attempt, name, data):
    url = reverse("api:cases_api:attempt-move", kwargs={"pk": attempt.pk, "move": name})
    return client.post(url, data, content_type="application/json")


def intake_done(attempt, by):
    wf.attempt_create_dossier(
        attempt=attempt, by=by, customer_name="a", license_plate="b", insurer="c", cover="casco"
    )
    wf.attempt_record_damage(attempt=attempt, by=by, zones=["front"], description="x")
    wf.attempt_record_first_estimate(attempt=attempt, by=by, amount=Decimal("100"), repair_days=1)


@pytest.mark.parametrize("planned", ["9999-12-31", "0001-01-01", "far"])
def test_a_planned_date_far_away_is_a_dutch_field_error(trainee, cohort, client_for, planned):
    attempt = AttemptFactory(trainee=trainee, cohort=cohort)
    intake_done(attempt, trainee)
    if planned == "far":
        planned = (attempt.simulated_date + MOVE_DATE_WINDOW + dt.timedelta(days=1)).isoformat()

    response = move(client_for(trainee), attempt, "receive_repair_order", {"planned_date": planned})

    errors = assert_api_error(response, 400)
    assert [error["path"] for error in errors] == ["planned_date"]
    assert errors[0]["message"].startswith("Kies een datum tussen")
    attempt.refresh_from_db()
    assert attempt.planned_date is None


def test_the_move_itself_refuses_such_a_date_for_any_other_caller(trainee):
    attempt = AttemptFactory(trainee=trainee)
    intake_done(attempt, trainee)
    with pytest.raises(wf.MoveRefused, match="Kies een datum tussen"):
        wf.attempt_receive_repair_order(
            attempt=attempt, by=trainee, planned_date=dt.date(9999, 12, 31)
        )


def test_replacement_transport_dates_are_bounded_too(trainee, cohort, client_for):
    attempt = AttemptFactory(trainee=trainee, cohort=cohort)
    to_approved(attempt, trainee)
    attempt.refresh_from_db()
    response = move(
        client_for(trainee),
        attempt,
        "arrange_replacement_transport",
        {
            "kind": "replacement_car",
            "day_price": "45",
            "start_date": attempt.simulated_date.isoformat(),
            "end_date": "9999-12-31",
        },
    )
    errors = assert_api_error(response, 400)
    assert [error["path"] for error in errors] == ["end_date"]


def test_the_repair_starts_with_hidden_damage_from_the_latest_planned_date(trainee):
    """At the window's edge the workshop still starts and reveals the hidden damage: the dates it
    adds stay far from the last date Python knows."""
    attempt = AttemptFactory(
        trainee=trainee, case_version=PublishedCaseVersionFactory(hidden_damage=hidden_damage())
    )
    intake_done(attempt, trainee)
    latest = attempt.simulated_date + MOVE_DATE_WINDOW
    wf.attempt_receive_repair_order(attempt=attempt, by=trainee, planned_date=latest)
    save_lines(attempt, trainee, [line(GRILLE, "replace", line_id="1")])
    wf.attempt_submit_precalc(attempt=attempt, by=trainee)
    prepare_repair(attempt, trainee)

    started = wf.attempt_start_repair(attempt=attempt, by=trainee)

    assert started.status == AttemptStatus.SUPPLEMENT_PENDING
    assert started.simulated_date > latest


def test_the_ordinary_flow_still_plans_and_starts(trainee):
    attempt = AttemptFactory(trainee=trainee)
    to_approved(attempt, trainee)
    prepare_repair(attempt, trainee)
    assert wf.attempt_start_repair(attempt=attempt, by=trainee).status == AttemptStatus.IN_REPAIR
