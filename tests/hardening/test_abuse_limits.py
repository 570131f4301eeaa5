"""Abuse limits (issue #12, item 4): what one user may make the platform store or render.

- calculation versions per attempt (`CALCULATION_VERSIONS_MAX_PER_ATTEMPT`);
- PDF renders per user per hour (`PDF_RENDERS_MAX_PER_USER_PER_HOUR`): 429 in the API's shape;
- pages per PDF (`PDF_MAX_PAGES`): a longer document is refused after layout, not written;
- request bodies (`REQUEST_BODY_MAX_BYTES`): 413 before the body is read;
- photos per attempt (`PHOTOS_MAX_PER_ATTEMPT`);
- idle sessions (`SESSION_IDLE_TIMEOUT`).

Each refusal is in Dutch. docs/hardening.md ("Abuse limits") lists them.

    .venv/bin/pytest tests/hardening/test_abuse_limits.py -n0 -q
"""

from __future__ import annotations

import io
import json
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from assessment import services as assessment_services
from assessment.models import Report, ReportKind, ReportStatus
from cases import workflow as wf
from cases.calculations import services as calc_services
from cases.calculations.exceptions import TooManyVersions
from schadeplatform.request_limits import LAST_SEEN_KEY
from tests.factories.assessment import (
    add_calculation,
    finished_attempt,
    signed_grade,
    trainee_document,
)
from tests.factories.calculations import BUMPER, CalcAttemptFactory, line
from tests.factories.cases import AttemptFactory

pytestmark = pytest.mark.django_db


# --- calculation versions per attempt -------------------------------------------------------


@override_settings(CALCULATION_VERSIONS_MAX_PER_ATTEMPT=2)
def test_an_attempt_takes_no_more_calculation_versions_than_the_cap(trainee, cohort):
    attempt = CalcAttemptFactory(trainee=trainee, cohort=cohort)
    for number, kind in enumerate(("precalc", "supplement"), start=1):
        calc_services.draft_save(
            attempt=attempt,
            lines=[line(BUMPER, "replace", line_id=str(i)) for i in range(1, number + 1)],
            expected_version=number - 1,
            by=trainee,
        )
        calc_services.calculation_submit(attempt=attempt, kind=kind, by=trainee)
    calc_services.draft_save(
        attempt=attempt,
        lines=[line(BUMPER, "replace", line_id="9")],
        expected_version=2,
        by=trainee,
    )
    with pytest.raises(TooManyVersions) as refused:
        calc_services.calculation_submit(attempt=attempt, kind="supplement", by=trainee)
    assert "al 2 ingediende calculaties, het maximum" in refused.value.message
    assert attempt.calculation_versions.count() == 2


# --- PDF renders per user per hour ----------------------------------------------------------


@pytest.fixture
def graded(trainee, cohort, assessor):
    attempt = finished_attempt(trainee=trainee, cohort=cohort)
    return attempt, signed_grade(attempt, assessor)


@override_settings(PDF_RENDERS_MAX_PER_USER_PER_HOUR=2)
def test_pdf_renders_per_user_per_hour_are_capped_with_429_in_the_api_shape(
    graded, assessor, client_for
):
    # on_commit does not fire in this test's transaction: requests are counted, nothing renders.
    attempt, grade = graded
    client = client_for(assessor)
    url = reverse("api:assessment_api:report-request")
    versions = list(attempt.calculation_versions.order_by("number"))
    bodies = [
        {"kind": "calculation", "calculation_version": versions[0].pk},
        {"kind": "calculation", "calculation_version": versions[1].pk},
        {"kind": "assessment", "grade": grade.pk},
    ]
    answers = [client.post(url, body, content_type="application/json") for body in bodies]
    assert [a.status_code for a in answers] == [202, 202, 429]
    errors = answers[2].json()["errors"]
    assert errors[0]["message"].startswith("U heeft het afgelopen uur al 2 rapporten")
    assert set(errors[0]) == {"path", "message"}
    assert answers[2]["Retry-After"] == "3600"
    # Asking again for a report that exists renders nothing and is not refused.
    again = client.post(url, bodies[0], content_type="application/json")
    assert again.status_code == 202
    # The page route answers a Dutch page with 429.
    page = client.post(reverse("assessment:report_assessment", args=[grade.pk]))
    assert page.status_code == 429
    assert "rapporten laten maken, het maximum" in page.content.decode()
    # An hour later the quota is free again.
    Report.objects.update(requested_at=timezone.now() - timedelta(hours=1, seconds=1))
    later = client.post(url, bodies[2], content_type="application/json")
    assert later.status_code == 202


# --- pages per PDF --------------------------------------------------------------------------


@override_settings(PDF_MAX_PAGES=1)
def test_a_report_longer_than_the_page_cap_is_refused_and_not_retried(
    graded, assessor, client_for, django_capture_on_commit_callbacks
):
    _attempt, grade = graded
    with django_capture_on_commit_callbacks(execute=True):
        report = assessment_services.report_request(
            kind=ReportKind.ASSESSMENT, subject=grade, by=assessor
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert report.pages > 1 and not report.file
    assert "het maximum is 1" in report.error
    page = client_for(assessor).get(reverse("assessment:report", args=[report.pk]))
    assert "het maximum is 1" in page.content.decode()
    refused = pytest.raises(assessment_services.AssessmentError, match="het maximum is 1")
    with django_capture_on_commit_callbacks(execute=True) as renders, refused:
        assessment_services.report_request(kind=ReportKind.ASSESSMENT, subject=grade, by=assessor)
    assert renders == []
    api = client_for(assessor).post(
        reverse("api:assessment_api:report-request"),
        {"kind": "assessment", "grade": grade.pk},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert api.json()["errors"][0]["path"] == "pages"


def _long_document(lines: int, description: int) -> dict:
    """The trainee's calculation repeated to `lines` lines of `description` characters."""
    document = trainee_document("identical")
    base = document["lines"]
    document["lines"] = [
        {
            **base[i % len(base)],
            "id": str(i + 1),
            "description": ("Omschrijving " * 20)[:description],
        }
        for i in range(lines)
    ]
    return document


def test_a_printout_beyond_the_page_cap_is_refused_before_any_layout(trainee, monkeypatch):
    """2,000 lines of 200 characters (the engine's limits) laid out to 692 pages in 89 s; now
    the lower bound refuses it at once, and WeasyPrint is never called."""
    from assessment.reports import render
    from assessment.reports.documents import render_calculation

    attempt = finished_attempt(trainee=trainee)
    version = add_calculation(attempt, _long_document(2000, 200))

    def no_layout(*args, **kwargs):
        raise AssertionError("laid out")

    monkeypatch.setattr(render, "HTML", no_layout)
    started = time.perf_counter()
    with pytest.raises(render.TooManyPages, match="minstens") as refused:
        render_calculation(version)
    assert refused.value.pages > settings.PDF_MAX_PAGES
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(("lines", "description"), [(15, 0), (60, 200)])
def test_the_lower_bound_never_exceeds_the_real_page_count(
    trainee, cohort, assessor, lines, description
):
    """The estimate may only refuse what layout would refuse too: for both templates, short
    and long descriptions, it stays at or below the pages WeasyPrint lays out."""
    from django.template.loader import render_to_string

    from assessment.reports.documents import assessment_context, calculation_context
    from assessment.reports.render import fewest_pages, render_pdf

    attempt = finished_attempt(trainee=trainee, cohort=cohort)
    document = _long_document(lines, description) if description else None
    version = (
        add_calculation(attempt, document) if document else attempt.calculation_versions.last()
    )
    grade = signed_grade(attempt, assessor)
    for template, context in (
        ("assessment/reports/calculation.html", calculation_context(version)),
        ("assessment/reports/assessment.html", assessment_context(grade)),
    ):
        html = render_to_string(template, context)
        pages = render_pdf(html, max_pages=10_000).pages
        assert fewest_pages(html) <= pages, (template, fewest_pages(html), pages)


# --- request bodies -------------------------------------------------------------------------


class ExplodingInput(io.BytesIO):
    """A body that must not be read: reading it fails the test."""

    def read(self, *args, **kwargs):
        raise AssertionError("the body was read")

    readline = read


def _oversized(client: Client, path: str, limit: int):
    return client.generic(
        "POST",
        path,
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(limit + 1),
        **{"wsgi.input": ExplodingInput()},
    )


@override_settings(REQUEST_BODY_MAX_BYTES=1000)
def test_an_oversized_body_is_refused_with_413_before_it_is_read(trainee, client_for):
    attempt = AttemptFactory(trainee=trainee)
    client = client_for(trainee)
    api = _oversized(client, reverse("api:cases_api:attempt-photos", args=[attempt.pk]), 1000)
    assert api.status_code == 413
    assert api.json() == {
        "errors": [{"path": "", "message": "Het verzoek is te groot (maximaal 1000\xa0bytes)."}]
    }
    page = _oversized(client, reverse("cases:attempt-move", args=[attempt.pk, "add_photo"]), 1000)
    assert page.status_code == 413
    assert "Het verzoek is te groot" in page.content.decode()
    assert _message_at_default() == "Het verzoek is te groot (maximaal 12,0\xa0MB)."
    assert page["Content-Type"].startswith("text/html")


def test_the_default_body_limit_takes_a_full_size_photo_and_refuses_more(settings):
    from cases.photo_checks import MAX_UPLOAD_BYTES

    assert settings.REQUEST_BODY_MAX_BYTES > MAX_UPLOAD_BYTES
    assert settings.REQUEST_BODY_MAX_BYTES <= 16 * 1024 * 1024


# --- photos per attempt ---------------------------------------------------------------------


def _png() -> SimpleUploadedFile:
    body = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(body, "PNG")
    return SimpleUploadedFile("a.png", body.getvalue(), content_type="image/png")


@override_settings(PHOTOS_MAX_PER_ATTEMPT=2)
def test_an_attempt_takes_no_more_photos_than_the_cap(trainee, client_for):
    attempt = AttemptFactory(trainee=trainee)
    for _ in range(2):
        wf.attempt_add_photo(attempt=attempt, by=trainee, upload=_png())
    with pytest.raises(wf.MoveRefused, match="al 2 foto's, het maximum"):
        wf.attempt_add_photo(attempt=attempt, by=trainee, upload=_png())
    api = client_for(trainee).post(
        reverse("api:cases_api:attempt-photos", args=[attempt.pk]), {"image": _png()}
    )
    assert api.status_code == 400
    assert api.json()["errors"] == [
        {"path": "image", "message": "Deze poging heeft al 2 foto's, het maximum."}
    ]
    assert attempt.photos.count() == 2


# --- idle sessions --------------------------------------------------------------------------


def test_a_session_idle_longer_than_the_timeout_ends(trainee, client_for, settings):
    client = client_for(trainee)
    home = reverse("cases:index")
    assert client.get(home).status_code == 200
    session = client.session
    assert session[LAST_SEEN_KEY] >= int(time.time()) - 5
    session[LAST_SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 1
    session.save()
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_active_session_stays_and_is_renewed_at_most_once_a_minute(trainee, client_for):
    client = client_for(trainee)
    home = reverse("cases:index")
    client.get(home)
    session = client.session
    almost_idle = int(time.time()) - 2 * 60 * 60 + 120
    session[LAST_SEEN_KEY] = almost_idle
    session.save()
    assert client.get(home).status_code == 200
    renewed = client.session[LAST_SEEN_KEY]
    assert renewed > almost_idle
    client.get(home)
    assert client.session[LAST_SEEN_KEY] == renewed  # within the minute: no new write


def test_the_session_lifetime_is_the_idle_timeout(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_TIMEOUT == 2 * 60 * 60


def _message_at_default() -> str:
    from django.test import RequestFactory

    from schadeplatform.request_limits import RequestBodyLimitMiddleware

    request = RequestFactory().post("/api/v1/x/")
    response = RequestBodyLimitMiddleware.too_large(request, 12 * 1024 * 1024)
    return json.loads(response.content)["errors"][0]["message"]
