"""The assessor's queue in pages of QUEUE_PAGE_SIZE rows (`?pagina=N`): an exam day's queue of
thousands of attempts renders one page at a time, in the queue's own order ("needs me first"),
and the "Beoordelen" buttons share one CSRF form."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment import selectors
from assessment.models import Grade
from assessment.views import QUEUE_PAGE_SIZE
from schadeplatform.accounts.models import Role
from tests.assessment.test_marker_allocation import _with_permission
from tests.factories.accounts import UserFactory
from tests.factories.assessment import CaseVersionFactory, finished_attempt, signed_grade

pytestmark = pytest.mark.django_db

QUEUE = reverse("assessment:queue")
ROW = re.compile(r'<tr data-attempt="(\d+)"')


def _submitted_attempts(count, *, trainees, cohort):
    case_version = CaseVersionFactory()
    return [
        finished_attempt(
            trainee=trainees[i % len(trainees)],
            cohort=cohort,
            case_version=case_version,
            timeline=[],
        )
        for i in range(count)
    ]


def _row_ids(response) -> list[int]:
    return [int(pk) for pk in ROW.findall(response.content.decode())]


@pytest.fixture
def long_queue(trainee, other_trainee, cohort, assessor):
    """QUEUE_PAGE_SIZE + 3 submitted attempts; the three submitted first are signed by the
    assessor, so they need the assessor no more and sort to the end of the queue."""
    attempts = _submitted_attempts(
        QUEUE_PAGE_SIZE + 3, trainees=[trainee, other_trainee], cohort=cohort
    )
    for attempt in attempts[:3]:
        signed_grade(attempt, assessor)
    return attempts


def test_the_first_page_shows_a_page_of_rows_and_the_second_the_rest(
    long_queue, assessor, client_for
):
    client = client_for(assessor)

    first = client.get(QUEUE)
    second = client.get(QUEUE, {"pagina": 2})

    assert first.status_code == 200 and second.status_code == 200
    assert len(_row_ids(first)) == QUEUE_PAGE_SIZE
    assert len(_row_ids(second)) == 3


def test_the_pages_link_to_each_other_and_say_where_the_assessor_is(
    long_queue, assessor, client_for
):
    client = client_for(assessor)

    first = client.get(QUEUE).content.decode()
    second = client.get(QUEUE, {"pagina": 2}).content.decode()

    assert '<a href="?pagina=2" rel="next">Volgende</a>' in first
    assert "Vorige" not in first
    assert '<a href="?pagina=1" rel="prev">Vorige</a>' in second
    assert "Volgende" not in second
    assert "Pagina 1 van 2" in first and "Pagina 2 van 2" in second
    assert f"{QUEUE_PAGE_SIZE + 3} ingeleverde pogingen" in first


def test_a_queue_of_one_page_shows_no_page_links(attempt, assessor, client_for):
    html = client_for(assessor).get(QUEUE).content.decode()

    assert len(ROW.findall(html)) == 1
    assert "Volgende" not in html and "Pagina 1 van 1" not in html


@pytest.mark.parametrize(("asked", "shown", "rows"), [("999", 2, 3), ("x", 1, QUEUE_PAGE_SIZE)])
def test_a_page_number_out_of_range_or_not_a_number_shows_the_nearest_page(
    asked, shown, rows, long_queue, assessor, client_for
):
    response = client_for(assessor).get(QUEUE, {"pagina": asked})

    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    assert len(_row_ids(response)) == rows


def test_the_pages_keep_the_order_of_the_queue_needs_me_first(long_queue, assessor, client_for):
    # given the queue in its own order: the three signed attempts, submitted first, last
    queue = [row.attempt.pk for row in selectors.assessment_queue(assessor)]
    signed = {attempt.pk for attempt in long_queue[:3]}
    assert set(queue[-3:]) == signed
    client = client_for(assessor)

    # when the assessor pages through it
    first, second = client.get(QUEUE), client.get(QUEUE, {"pagina": 2})

    # then page 1 holds the first rows of the queue, page 2 the rest, the signed ones
    assert _row_ids(first) == queue[:QUEUE_PAGE_SIZE]
    assert _row_ids(second) == queue[QUEUE_PAGE_SIZE:]
    assert set(_row_ids(second)) == signed


def test_only_the_rows_of_the_page_get_their_markers(
    long_queue, organisation, cohort, client_for, monkeypatch
):
    # given a cohort lead who may allocate markers
    lead = UserFactory(username="groepsleider", role=Role.ASSESSOR, organisation=organisation)
    cohort.assessors.add(lead)
    lead = _with_permission(lead)
    given = []
    markers_of = selectors.queue_allocation_markers

    def recording(rows):
        given.append([row.attempt.pk for row in rows])
        markers_of(rows)

    monkeypatch.setattr(selectors, "queue_allocation_markers", recording)

    # when the lead opens page 2
    response = client_for(lead).get(QUEUE, {"pagina": 2})

    # then only page 2's rows were given markers, and each shows its select
    assert given == [_row_ids(response)]
    assert len(given[0]) == 3
    html = response.content.decode()
    assert all(f'name="marker_{pk}"' in html for pk in given[0])


def test_the_grade_start_button_starts_a_grade_through_the_shared_form(attempt, assessor):
    # given the queue, read as a browser does (CSRF checked)
    client = Client(enforce_csrf_checks=True)
    client.force_login(assessor)
    html = client.get(QUEUE).content.decode()
    form = re.search(r'<form method="post" id="grade-start-form">(.*?)</form>', html, re.S)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(1)).group(1)
    button = re.search(
        r'<button type="submit" form="([^"]+)" formaction="([^"]+)">Beoordelen</button>', html
    )
    assert button.group(1) == "grade-start-form"
    assert button.group(2) == reverse("assessment:grade_start", args=[attempt.pk])
    table = html[html.index('<table class="queue') : html.index("</table>")]
    assert "<form" not in table and "csrfmiddlewaretoken" not in table  # no form per row

    # when the assessor presses "Beoordelen": the shared form posted to the button's address
    response = client.post(button.group(2), {"csrfmiddlewaretoken": token})

    # then the grade is started and the grading page opens
    grade = Grade.objects.get(attempt=attempt, assessor=assessor)
    assert response.status_code == 302
    assert response["Location"] == reverse("assessment:grade", kwargs={"pk": grade.pk})


def _page_queries(client) -> tuple[int, int]:
    """The queries of the queue's first page and its number of rows."""
    client.get(QUEUE)  # session and user caches warm
    with CaptureQueriesContext(connection) as captured:
        response = client.get(QUEUE)
    return len(captured.captured_queries), len(_row_ids(response))


def test_the_queue_pages_queries_do_not_grow_with_the_number_of_attempts(
    trainee, other_trainee, cohort, assessor, client_for
):
    # given a queue of 10 submitted attempts
    trainees = [trainee, other_trainee]
    client = client_for(assessor)
    _submitted_attempts(10, trainees=trainees, cohort=cohort)
    queries_for_ten, rows = _page_queries(client)
    assert rows == 10

    # when 50 more are submitted
    _submitted_attempts(50, trainees=trainees, cohort=cohort)
    queries_for_sixty, rows = _page_queries(client)

    # then the first page shows a page of them for no more queries
    assert rows == QUEUE_PAGE_SIZE
    print(f"queue page: {queries_for_ten} queries for 10 attempts, {queries_for_sixty} for 60")
    assert queries_for_sixty <= queries_for_ten
