"""PDF reports: they render, they fetch nothing outside the platform's static files, and a
report asked for twice is rendered once, after the transaction commits."""

import re
import socket
import zlib
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from assessment import services
from assessment.models import Report, ReportKind, ReportStatus
from assessment.reports.fetcher import PlatformStaticFetcher
from assessment.reports.render import render_pdf
from calcengine.formatting import format_number
from schadeplatform.templatetags.dutch import euro, nl_date, nl_number
from tests.factories.assessment import finished_attempt, signed_grade

pytestmark = pytest.mark.django_db


def _page_count(pdf: bytes) -> int:
    """The /Count of the PDF's page tree, read from its (compressed) object streams."""
    texts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            texts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    counts = [
        int(match)
        for text in texts
        for match in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", text)
        + re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", text)
    ]
    return max(counts)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access during rendering: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1234.56", "€\u00a01.234,56"),
        ("0", "€\u00a00,00"),
        ("-12", "€\u00a0-12,00"),
        ("1234567.891", "€\u00a01.234.567,89"),
    ],
)
def test_money_is_formatted_the_dutch_way(value, expected):
    assert euro(value) == expected


def test_numbers_are_formatted_the_dutch_way():
    assert nl_number("12.25", 1) == "12,3"
    assert format_number("1000", 0) == "1.000"
    assert nl_number("672.5", "-") == "672,5"


def test_dates_are_written_the_dutch_way():
    assert nl_date("2019-09-27") == "27-09-2019"
    assert nl_date(date(2026, 1, 5)) == "05-01-2026"
    assert nl_date("27 sept") == "27 sept"  # not a date: shown as typed
    assert nl_date(None) == ""


def test_rendering_refuses_every_url_outside_the_static_files(no_network, tmp_path):
    html = """<html><head>
      <link rel="stylesheet" href="http://169.254.169.254/latest/meta-data/">
      <link rel="stylesheet" href="assessment/report.css">
      <style>@import url("https://example.com/evil.css"); body { background: url(file:///etc/hostname); }</style>
      </head><body><p>Rapport</p>
      <img src="file:///etc/passwd"><img src="../../../../../../etc/os-release">
      <img src="http://example.com/redirect-to-internal">
      <img src="ftp://example.com/x.png"></body></html>"""
    fetcher = PlatformStaticFetcher()

    rendered = render_pdf(html, fetcher=fetcher)

    assert rendered.content.startswith(b"%PDF")
    assert no_network == []
    refused = " ".join(fetcher.refused)
    for url in (
        "169.254.169.254",
        "example.com/evil.css",
        "file:///etc/passwd",
        "file:///etc/hostname",
        "example.com/redirect-to-internal",
        "ftp://example.com",
    ):
        assert url in refused
    assert "file:///etc/os-release" in refused  # the relative escape out of the static root
    assert [url for url in fetcher.served if url.endswith("assessment/report.css")]
    assert all("/static/" in url for url in fetcher.served)


def test_fetcher_refuses_a_symlink_out_of_the_static_root(tmp_path):
    root = tmp_path / "static"
    root.mkdir()
    (root / "ok.css").write_text("p { color: red }")
    (root / "escape.css").symlink_to("/etc/hostname")
    fetcher = PlatformStaticFetcher(roots=(root.resolve(),))

    assert fetcher.fetch(f"file://{root}/ok.css").read() == b"p { color: red }"
    with pytest.raises(ValueError):
        fetcher.fetch(f"file://{root}/escape.css")
    with pytest.raises(ValueError):
        fetcher.fetch("file://otherhost/etc/passwd")


def test_assessment_report_renders_a_multi_page_a4_pdf(
    attempt, assessor, django_capture_on_commit_callbacks
):
    grade = signed_grade(attempt, assessor)

    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(kind=ReportKind.ASSESSMENT, subject=grade, by=assessor)

    report.refresh_from_db()
    assert report.status == ReportStatus.RENDERED
    content = report.file.read()
    assert content.startswith(b"%PDF")
    assert report.pages >= 2
    assert _page_count(content) == report.pages


@pytest.mark.parametrize(
    "submission", ["radar-calibration-forgotten", "bonnet-units-and-wing-painted"]
)
def test_the_report_shows_lines_the_trainee_left_out_or_added(
    trainee, cohort, case_version, assessor, submission, django_capture_on_commit_callbacks
):
    """A line on one side only has no partner to take its description from."""
    attempt = finished_attempt(
        trainee=trainee, cohort=cohort, case_version=case_version, submission=submission
    )
    grade = signed_grade(attempt, assessor)

    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(kind=ReportKind.ASSESSMENT, subject=grade, by=assessor)

    report.refresh_from_db()
    assert report.status == ReportStatus.RENDERED, report.error


def test_calculation_printout_renders(attempt, assessor, django_capture_on_commit_callbacks):
    version = attempt.calculation_versions.get(kind="final")
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(kind=ReportKind.CALCULATION, subject=version, by=assessor)
    report.refresh_from_db()
    assert report.status == ReportStatus.RENDERED
    assert report.file.read().startswith(b"%PDF")


def test_rendering_waits_for_the_commit(attempt, assessor, django_capture_on_commit_callbacks):
    grade = signed_grade(attempt, assessor)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = services.report_request(kind=ReportKind.ASSESSMENT, subject=grade, by=assessor)
        assert Report.objects.get(pk=report.pk).status == ReportStatus.PENDING
    assert len(callbacks) == 1


def test_a_report_asked_for_twice_is_rendered_once(
    attempt, assessor, django_capture_on_commit_callbacks
):
    grade = signed_grade(attempt, assessor)
    with django_capture_on_commit_callbacks(execute=True) as first:
        one = services.report_request(kind=ReportKind.ASSESSMENT, subject=grade, by=assessor)
    with django_capture_on_commit_callbacks(execute=True) as second:
        two = services.report_request(kind=ReportKind.ASSESSMENT, subject=grade, by=assessor)

    assert one.pk == two.pk
    assert Report.objects.count() == 1
    assert (len(first), len(second)) == (1, 0)
    assert Report.objects.get().render_count == 1


def test_a_draft_grade_has_no_report(attempt, assessor):
    grade = services.grade_start(attempt=attempt, by=assessor)
    with pytest.raises(services.AssessmentError):
        services.report_request(kind=ReportKind.ASSESSMENT, subject=grade, by=assessor)


def test_report_download_through_the_pages_is_an_attachment(
    attempt, assessor, client_for, django_capture_on_commit_callbacks
):
    grade = signed_grade(attempt, assessor)
    client = client_for(assessor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assessment:report_assessment", args=[grade.pk]))
    assert response.status_code == 302
    download = client.get(response["Location"])

    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_report_requested_twice_through_the_api_is_the_same_report(
    attempt, assessor, client_for, django_capture_on_commit_callbacks
):
    grade = signed_grade(attempt, assessor)
    client = client_for(assessor)
    url = reverse("api:assessment_api:report-request")
    body = {"kind": "assessment", "grade": grade.pk}

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, body, content_type="application/json")
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url, body, content_type="application/json")

    assert first.status_code == second.status_code == 202
    assert first.json()["id"] == second.json()["id"]
    assert Report.objects.get().render_count == 1
    detail = client.get(reverse("api:assessment_api:report-detail", args=[first.json()["id"]]))
    assert detail.json()["status"] == "rendered"
    download = client.get(detail.json()["download"])
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_a_render_after_a_killed_one_replaces_its_file_and_keeps_one(
    attempt, assessor, django_capture_on_commit_callbacks, settings
):
    # A worker killed after writing the PDF and before its commit leaves a file at the report's
    # name with the row still pending (issue #17's fault b). The retry writes the same name
    # (keyed by the report, not random) and replaces that file: one report, one file.
    from assessment.tasks import render_report

    # A private storage of this test's own: the tests' in-memory one keeps earlier tests'
    # files, and a report of the same key (ids repeat after a rollback) has the same name.
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    version = attempt.calculation_versions.get(kind="final")
    with django_capture_on_commit_callbacks(execute=False):
        report = services.report_request(kind=ReportKind.CALCULATION, subject=version, by=assessor)
    leaf = f"calculatie-{version.attempt_id}-{version.kind}-{version.number}.pdf"
    name = Report._meta.get_field("file").generate_filename(report, leaf)
    assert name == Report._meta.get_field("file").generate_filename(report, leaf)
    folder = name.rsplit("/", 1)[0]
    storage = report.file.storage
    storage.save(name, ContentFile(b"half a PDF from a killed render"))

    render_report.call(report.pk)

    report.refresh_from_db()
    assert report.status == ReportStatus.RENDERED
    assert report.file.name.rsplit("/", 1)[0] == folder
    _dirs, files = storage.listdir(folder)
    assert len(files) == 1
    assert report.file.read().startswith(b"%PDF")
