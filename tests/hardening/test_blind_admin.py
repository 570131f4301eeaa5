"""The Django admin keeps a blind exam grade blind (issue #12, item 8).

In exam mode the examiner's grade is theirs alone until both blind grades are signed; the admin
used to show its comment, score and rubric to any staff user with view rights, the superuser
included. Now the superuser meets the same rule (assessment/admin.py), and sees it all after
release.

    .venv/bin/pytest tests/hardening/test_blind_admin.py -n0 -q
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessment import services
from assessment.models import Grade, Report, ReportKind
from tests.factories.assessment import finished_attempt, signed_grade

pytestmark = pytest.mark.django_db

MARKER = "BLIND-ADMIN-OORDEEL"
RUBRIC_SLUG = "analyseren-en-interpreteren"


@pytest.fixture
def blind(exam_group, multi_cohort_trainee, examiner, assessor):
    exam_group.assessors.add(assessor)
    attempt = finished_attempt(trainee=multi_cohort_trainee, cohort=exam_group)
    first = signed_grade(attempt, examiner, comment=f"Examinator: {MARKER}")
    second = services.grade_start(attempt=attempt, by=assessor)
    assert (first.role, second.role, second.is_signed) == ("primary", "second", False)
    return first, second


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_superuser_does_not_read_a_blind_grade_in_the_admin(blind, admin_user, client_for):
    first, _second = blind
    client = client_for(admin_user)
    detail = _page(client, reverse("admin:assessment_grade_change", args=[first.pk]))
    assert MARKER not in detail
    assert RUBRIC_SLUG not in detail  # the rubric
    assert "machine_result" not in detail and "field-score" not in detail
    assert f"({first.score})" not in detail  # nor in the grade's name (title, breadcrumbs)
    listing = _page(client, reverse("admin:assessment_grade_changelist"))
    assert MARKER not in listing
    assert "field-score" in listing  # the column is there, its cell hidden:
    assert f'<td class="field-score">{str(first.score).replace(".", ",")}' not in listing
    assert f'<td class="field-score">{first.score}' not in listing


def test_a_query_string_cannot_filter_blind_grades_by_their_content(blind, admin_user, client_for):
    client = client_for(admin_user)
    url = reverse("admin:assessment_grade_changelist")
    for lookup in (f"comment__contains={MARKER}", "score__gte=0", "passed__exact=1"):
        response = client.get(f"{url}?{lookup}")
        assert response.status_code in (400, 302), lookup  # refused (Django: "?e=1" redirect)
        if response.status_code == 302:
            assert "e=1" in response["Location"]


def test_the_report_of_a_blind_grade_is_only_a_checked_link_in_the_admin(
    blind, admin_user, examiner, client_for
):
    first, _second = blind
    report = Report.objects.create(
        kind=ReportKind.ASSESSMENT, key=f"assessment:grade:{first.pk}", grade=first
    )
    detail = _page(
        client_for(admin_user), reverse("admin:assessment_report_change", args=[report.pk])
    )
    assert f"({first.score})" not in detail
    assert MARKER not in detail


def test_after_release_the_superuser_reads_the_grade(blind, admin_user, assessor, client_for):
    first, second = blind
    second = services.grade_autosave(
        grade=second,
        by=assessor,
        revision=second.revision,
        rubric=first.rubric,
        comment="Tweede oordeel",
    )
    services.grade_sign(grade=second, by=assessor)
    assert Grade.objects.get(pk=first.pk).is_signed
    detail = _page(
        client_for(admin_user), reverse("admin:assessment_grade_change", args=[first.pk])
    )
    assert MARKER in detail


def test_a_practice_grade_is_shown_in_full(attempt_in_practice, assessor, admin_user, client_for):
    grade = signed_grade(attempt_in_practice, assessor, comment=f"Oefening: {MARKER}")
    detail = _page(
        client_for(admin_user), reverse("admin:assessment_grade_change", args=[grade.pk])
    )
    assert MARKER in detail


@pytest.fixture
def attempt_in_practice(trainee, cohort):
    return finished_attempt(trainee=trainee, cohort=cohort)
