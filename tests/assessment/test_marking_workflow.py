"""The marking workflow (issue #14, item 6): Moodle's states, one transition per step with a
history row, release separate from signing, marker allocation, the queue's states, bulk
release; the evidence and the rubric grid of the grading page (items 7 and 8)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from assessment import selectors, services
from assessment.marking import MOVES, grades_release
from assessment.models import GradeEvent, MarkerAllocation, MarkingState
from assessment.reports.documents import assessment_context
from cases.timeline import EventKind
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.assessment import (
    FULL_RUBRIC,
    CaseVersionFactory,
    add_event,
    finished_attempt,
    released_grade,
    signed_grade,
)

pytestmark = pytest.mark.django_db

S = MarkingState


def _draft(attempt, assessor):
    grade = services.grade_start(attempt=attempt, by=assessor)
    return services.grade_autosave(
        grade=grade, by=assessor, revision=grade.revision, rubric=FULL_RUBRIC, comment="Goed."
    )


def _states(grade) -> list[tuple[str, str]]:
    return [(e.old_status, e.new_status) for e in GradeEvent.objects.filter(grade=grade)]


# -- transitions ------------------------------------------------------------------------------


def test_a_new_grade_is_in_marking(attempt, assessor):
    grade = services.grade_start(attempt=attempt, by=assessor)
    assert grade.marking_state == S.IN_MARKING
    assert _states(grade) == [("", S.IN_MARKING)]


def test_every_step_of_the_workflow_writes_a_history_row(attempt, assessor):
    grade = _draft(attempt, assessor)
    grade = services.grade_mark(grade=grade, by=assessor, move="complete")
    assert grade.marking_state == S.MARKING_COMPLETED
    grade = services.grade_mark(grade=grade, by=assessor, move="review")
    assert grade.marking_state == S.IN_REVIEW
    grade = services.grade_mark(grade=grade, by=assessor, move="reopen")
    assert grade.marking_state == S.IN_MARKING
    grade = services.grade_mark(grade=grade, by=assessor, move="complete")
    grade = services.grade_mark(grade=grade, by=assessor, move="review")
    grade = services.grade_sign(grade=grade, by=assessor)
    assert grade.marking_state == S.READY_FOR_RELEASE and grade.is_signed
    grade = services.grade_release(grade=grade, by=assessor)
    grade.refresh_from_db()
    assert grade.marking_state == S.RELEASED and grade.released_at and grade.released_by == assessor

    assert _states(grade) == [
        ("", S.IN_MARKING),
        (S.IN_MARKING, S.MARKING_COMPLETED),
        (S.MARKING_COMPLETED, S.IN_REVIEW),
        (S.IN_REVIEW, S.IN_MARKING),
        (S.IN_MARKING, S.MARKING_COMPLETED),
        (S.MARKING_COMPLETED, S.IN_REVIEW),
        (S.IN_REVIEW, S.READY_FOR_RELEASE),
        (S.READY_FOR_RELEASE, S.RELEASED),
    ]
    assert all(e.actor == assessor for e in GradeEvent.objects.filter(grade=grade))


@pytest.mark.parametrize(
    ("path", "move"),
    [
        ((), "review"),  # in marking → in review: complete first
        ((), "reopen"),  # already in marking
        (("complete",), "complete"),
        (("complete", "review"), "review"),
    ],
)
def test_a_move_the_map_does_not_allow_is_refused(attempt, assessor, path, move):
    grade = _draft(attempt, assessor)
    for step in path:
        grade = services.grade_mark(grade=grade, by=assessor, move=step)
    before = grade.marking_state
    with pytest.raises(services.AssessmentError):
        services.grade_mark(grade=grade, by=assessor, move=move)
    grade.refresh_from_db()
    assert grade.marking_state == before


def test_the_declared_map_matches_the_workflow():
    assert MOVES["sign"].target == S.READY_FOR_RELEASE
    assert MOVES["release"].sources == {S.READY_FOR_RELEASE}
    assert S.RELEASED not in {source for move in MOVES.values() for source in move.sources}


def test_a_draft_cannot_be_released(attempt, assessor):
    grade = _draft(attempt, assessor)
    with pytest.raises(services.AssessmentError):
        services.grade_release(grade=grade, by=assessor)


def test_a_released_grade_cannot_be_released_again_nor_moved_back(attempt, assessor):
    grade = released_grade(attempt, assessor)
    with pytest.raises(services.AssessmentError):
        services.grade_release(grade=grade, by=assessor)
    with pytest.raises(services.AssessmentError):
        services.grade_mark(grade=grade, by=assessor, move="reopen")


def test_only_the_marker_makes_the_markers_steps(attempt, assessor, cohort):
    colleague = UserFactory(username="collega_beoordelaar", role=Role.ASSESSOR)
    cohort.assessors.add(colleague)
    grade = _draft(attempt, assessor)
    with pytest.raises(services.AssessmentError):
        services.grade_mark(grade=grade, by=colleague, move="complete")


def test_another_assessor_of_the_cohort_may_release(attempt, assessor, cohort):
    colleague = UserFactory(username="collega_vrijgever", role=Role.ASSESSOR)
    cohort.assessors.add(colleague)
    grade = signed_grade(attempt, assessor)
    grade = services.grade_release(grade=grade, by=colleague)
    assert grade.marking_state == S.RELEASED


def test_an_assessor_of_another_cohort_may_not_release(attempt, assessor, outsider_assessor):
    grade = signed_grade(attempt, assessor)
    with pytest.raises(services.AssessmentError):
        services.grade_release(grade=grade, by=outsider_assessor)


def test_in_exam_mode_only_the_final_grade_is_released(attempt, assessor, cohort):
    cohort.exam_mode = True
    cohort.save()
    second = UserFactory(username="tweede_blind", role=Role.ASSESSOR)
    cohort.assessors.add(second)
    first = signed_grade(attempt, assessor)
    with pytest.raises(services.AssessmentError):  # the second blind grade is not signed yet
        services.grade_release(grade=first, by=assessor)
    blind = signed_grade(attempt, second)
    with pytest.raises(services.AssessmentError):  # not the final grade
        services.grade_release(grade=blind, by=second)
    assert services.grade_release(grade=first, by=second).marking_state == S.RELEASED


# -- release separate from signing --------------------------------------------------------------


def test_a_signed_grade_is_invisible_to_the_trainee_until_released(
    attempt, assessor, trainee, client_for
):
    grade = signed_grade(attempt, assessor)
    client = client_for(trainee)

    # then: no page, API, PDF, list or progress shows it
    assert client.get(reverse("assessment:result", args=[attempt.pk])).status_code == 404
    api = reverse("api:assessment_api:attempt-result", args=[attempt.pk])
    assert client.get(api).status_code == 404
    assert client.post(reverse("assessment:report_assessment", args=[grade.pk])).status_code == 404
    report_api = client.post(
        reverse("api:assessment_api:report-request"),
        {"kind": "assessment", "grade": grade.pk},
        content_type="application/json",
    )
    assert report_api.status_code == 404
    assert selectors.results_of_trainee(trainee) == []
    assert selectors.progress_of_trainee(trainee, trainee).points == []
    own_progress = client.get(reverse("api:assessment_api:progress-own")).json()
    assert own_progress["work_processes"]["1.2"]["latest"] is None
    # the assessor sees it signed
    assert selectors.result_for(assessor, attempt.pk) is not None

    services.grade_release(grade=grade, by=assessor)

    assert client.get(reverse("assessment:result", args=[attempt.pk])).status_code == 200
    assert client.get(api).json()["score"] == "100.0"
    assert client.post(reverse("assessment:report_assessment", args=[grade.pk])).status_code != 404
    assert [r.grade.pk for r in selectors.results_of_trainee(trainee)] == [grade.pk]
    assert len(selectors.progress_of_trainee(trainee, trainee).points) == 1


def test_a_correction_waiting_for_release_leaves_the_released_version_shown(
    attempt, assessor, trainee
):
    first = released_grade(attempt, assessor)
    correction = services.grade_correct(grade=first, by=assessor, reason="Rubric herzien.")
    assert correction.marking_state == S.IN_MARKING
    correction = services.grade_autosave(
        grade=correction, by=assessor, revision=correction.revision, comment="Herzien oordeel."
    )
    correction = services.grade_sign(grade=correction, by=assessor)

    assert selectors.result_for(trainee, attempt.pk).grade.pk == first.pk
    assert selectors.result_for(assessor, attempt.pk).grade.pk == correction.pk

    services.grade_release(grade=correction, by=assessor)
    assert selectors.result_for(trainee, attempt.pk).grade.pk == correction.pk
    with pytest.raises(services.AssessmentError):  # the old version is no longer the final one
        services.grade_release(grade=first, by=assessor)


def test_the_data_migration_releases_every_signed_grade(attempt, assessor):
    from importlib import import_module

    from django.apps import apps

    from assessment.models import Grade

    grade = signed_grade(attempt, assessor)
    Grade.objects.filter(pk=grade.pk).update(marking_state=S.READY_FOR_RELEASE)
    migration = import_module("assessment.migrations.0004_marking_workflow")

    migration.signed_grades_released(apps, None)

    grade.refresh_from_db()
    assert grade.marking_state == S.RELEASED and grade.released_at == grade.signed_at


# -- marker allocation --------------------------------------------------------------------------


def _manager(organisation, cohort=None):
    """An assessor with the allocation permission; an allocator only allocates the attempts
    they see, so the cohort lead assesses the attempt's cohort."""
    manager = UserFactory(username="toewijzer", role=Role.ASSESSOR, organisation=organisation)
    manager.user_permissions.add(Permission.objects.get(codename="change_markerallocation"))
    if cohort is not None:
        cohort.assessors.add(manager)
    return type(manager).objects.get(pk=manager.pk)  # fresh permission cache


def test_an_unallocated_assessor_cannot_mark_an_allocated_attempt(
    attempt, assessor, cohort, organisation
):
    colleague = UserFactory(username="toegewezen", role=Role.ASSESSOR)
    cohort.assessors.add(colleague)
    services.allocation_set(attempt=attempt, marker=colleague, by=_manager(organisation, cohort))

    with pytest.raises(services.AssessmentError, match="toegewezen"):
        services.grade_start(attempt=attempt, by=assessor)
    grade = services.grade_start(attempt=attempt, by=colleague)
    assert grade.assessor == colleague


def test_allocation_needs_the_manage_permission_and_a_marker_of_the_cohort(
    attempt, assessor, outsider_assessor, organisation, cohort
):
    with pytest.raises(services.NotAllowed):
        services.allocation_set(attempt=attempt, marker=assessor, by=assessor)
    with pytest.raises(services.AssessmentError):
        services.allocation_set(
            attempt=attempt, marker=outsider_assessor, by=_manager(organisation, cohort)
        )
    assert not MarkerAllocation.objects.exists()


def test_the_queue_names_the_allocated_marker_and_offers_no_start_to_others(
    attempt, assessor, cohort, organisation
):
    colleague = UserFactory(username="toegewezen2", role=Role.ASSESSOR)
    cohort.assessors.add(colleague)
    services.allocation_set(attempt=attempt, marker=colleague, by=_manager(organisation, cohort))
    row = selectors.assessment_queue(assessor)[0]
    assert row.allocated_to == colleague and not row.can_start
    assert selectors.assessment_queue(colleague)[0].can_start


# -- the queue --------------------------------------------------------------------------------


def _row(user, attempt):
    return next(r for r in selectors.assessment_queue(user) if r.attempt.pk == attempt.pk)


def test_the_queue_shows_the_marking_state(attempt, assessor):
    assert _row(assessor, attempt).marking_state == S.NOT_MARKED
    grade = _draft(attempt, assessor)
    assert _row(assessor, attempt).marking_state == S.IN_MARKING
    services.grade_mark(grade=grade, by=assessor, move="complete")
    assert _row(assessor, attempt).marking_state == S.MARKING_COMPLETED
    grade = services.grade_sign(grade=grade, by=assessor)
    row = _row(assessor, attempt)
    assert row.marking_state == S.READY_FOR_RELEASE and row.state == "Klaar voor vrijgave"
    assert row.releasable.pk == grade.pk
    services.grade_release(grade=grade, by=assessor)
    row = _row(assessor, attempt)
    assert row.marking_state == S.RELEASED and row.releasable is None


def test_the_queue_api_gives_the_marking_state_and_what_can_be_released(
    attempt, assessor, client_for
):
    grade = signed_grade(attempt, assessor)
    rows = client_for(assessor).get(reverse("api:assessment_api:queue")).json()
    assert rows[0]["marking_state"] == S.READY_FOR_RELEASE
    assert rows[0]["releasable_grade"] == grade.pk and rows[0]["correction_open"] is False


def test_the_queue_does_not_say_graded_while_a_correction_is_open(attempt, assessor, client_for):
    grade = released_grade(attempt, assessor)
    services.grade_correct(grade=grade, by=assessor, reason="Herzien.")

    row = _row(assessor, attempt)
    page = client_for(assessor).get(reverse("assessment:queue")).content.decode()

    assert row.correction_open and row.state == "Correctie open"
    assert "Beoordeeld" not in row.state and "Vrijgegeven" not in row.state
    assert "Correctie open" in page


# -- bulk release -------------------------------------------------------------------------------


def test_bulk_release_releases_what_may_be_released_and_names_each_refusal(
    trainee, other_trainee, outsider_trainee, cohort, other_cohort, assessor, outsider_assessor
):
    one = signed_grade(finished_attempt(trainee=trainee, cohort=cohort), assessor)
    two = signed_grade(finished_attempt(trainee=other_trainee, cohort=cohort), assessor)
    draft = _draft(finished_attempt(trainee=trainee, cohort=cohort), assessor)
    foreign = signed_grade(
        finished_attempt(trainee=outsider_trainee, cohort=other_cohort), outsider_assessor
    )

    outcome = grades_release(grade_ids=[one.pk, two.pk, draft.pk, foreign.pk], by=assessor)

    assert sorted(g.pk for g in outcome.released) == sorted([one.pk, two.pk])
    refused = dict(outcome.refused)
    assert set(refused) == {draft.pk, foreign.pk}
    assert refused[foreign.pk] == "Beoordeling niet gevonden."  # existence not revealed
    foreign.refresh_from_db()
    assert foreign.marking_state == S.READY_FOR_RELEASE


def test_bulk_release_page_and_api(attempt, assessor, trainee, client_for):
    grade = signed_grade(attempt, assessor)
    client = client_for(assessor)
    response = client.post(reverse("assessment:grades_release"), {"grade": [str(grade.pk)]})
    assert response.status_code == 302
    grade.refresh_from_db()
    assert grade.is_released

    again = client.post(
        reverse("api:assessment_api:grades-release"),
        {"grades": [grade.pk]},
        content_type="application/json",
    )
    assert again.status_code == 200
    assert again.json()["released"] == [] and again.json()["refused"][0]["grade"] == grade.pk
    trainee_try = client_for(trainee).post(
        reverse("api:assessment_api:grades-release"),
        {"grades": [grade.pk]},
        content_type="application/json",
    )
    assert trainee_try.status_code == 403
    assert client_for(trainee).post(reverse("assessment:grades_release")).status_code == 404


def test_marking_step_page_and_api(attempt, assessor, client_for):
    grade = _draft(attempt, assessor)
    client = client_for(assessor)
    response = client.post(reverse("assessment:grade_mark", args=[grade.pk]), {"move": "complete"})
    assert response.status_code == 302
    grade.refresh_from_db()
    assert grade.marking_state == S.MARKING_COMPLETED
    api = client.post(
        reverse("api:assessment_api:grade-mark", args=[grade.pk]),
        {"move": "review"},
        content_type="application/json",
    )
    assert api.status_code == 200 and api.json()["marking_state"] == S.IN_REVIEW
    refused = client.post(
        reverse("api:assessment_api:grade-mark", args=[grade.pk]),
        {"move": "review"},
        content_type="application/json",
    )
    assert refused.status_code == 400


# -- the grading page: rubric grid, evidence, model answers --------------------------------------


def test_the_rubric_grid_saves_levels_and_a_remark_per_criterion(attempt, assessor, client_for):
    grade = services.grade_start(attempt=attempt, by=assessor)
    client = client_for(assessor)
    page = client.get(reverse("assessment:grade", args=[grade.pk])).content.decode()
    assert page.count('type="radio"') == 16  # four levels for each of the four criteria

    response = client.post(
        reverse("assessment:grade", args=[grade.pk]),
        {
            "revision": grade.revision,
            "comment": "Prima.",
            "rubric_analyseren-en-interpreteren": "3",
            "rubric_organiseren-en-uitvoeren": "4",
            "remark_analyseren-en-interpreteren": "Kern snel gevonden.",
        },
    )

    assert response.status_code == 302
    grade.refresh_from_db()
    assert grade.rubric == {"analyseren-en-interpreteren": 3, "organiseren-en-uitvoeren": 4}
    assert grade.rubric_remarks == {"analyseren-en-interpreteren": "Kern snel gevonden."}
    page = client.get(reverse("assessment:grade", args=[grade.pk])).content.decode()
    assert 'id="rubric-organiseren-en-uitvoeren-4" name="rubric_organiseren-en-uitvoeren" ' in page
    assert 'value="4" checked' in page
    assert "Kern snel gevonden." in page


def test_the_rubric_remarks_are_saved_through_the_api(attempt, assessor, client_for):
    grade = services.grade_start(attempt=attempt, by=assessor)
    response = client_for(assessor).patch(
        reverse("api:assessment_api:grade-detail", args=[grade.pk]),
        {"revision": grade.revision, "remarks": {"organiseren-en-uitvoeren": "Systematisch."}},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["rubric_remarks"] == {"organiseren-en-uitvoeren": "Systematisch."}
    bad = client_for(assessor).patch(
        reverse("api:assessment_api:grade-detail", args=[grade.pk]),
        {"revision": response.json()["revision"], "remarks": {"onbekend": "x"}},
        content_type="application/json",
    )
    assert bad.status_code == 400


MODEL_ANSWER = "MODELANTWOORD-ALLEEN-BEOORDELAAR"


@pytest.fixture
def questioned_attempt(trainee, cohort):
    version = CaseVersionFactory(
        customer={
            "name": "Klant",
            "questions": [
                {"question": "Mag ik zelf de garage kiezen?", "good_answer": MODEL_ANSWER},
                {"question": "Krijg ik een vervangende auto?", "good_answer": "Ja, via de polis."},
            ],
        }
    )
    attempt = finished_attempt(trainee=trainee, cohort=cohort, case_version=version)
    add_event(
        attempt,
        EventKind.CUSTOMER_QUESTION_ANSWERED,
        {"index": 0, "question": "Mag ik zelf de garage kiezen?", "answer": "Ja hoor."},
    )
    add_event(
        attempt,
        EventKind.PAYER_DECISION,
        {
            "kind": "supplement",
            "version_number": 3,
            "outcome": "rejected",
            "reasons": [{"code": "X_CODE", "message": "Niet aangetoond met foto's."}],
        },
    )
    return attempt


def test_the_grading_page_links_the_dossier_and_shows_the_evidence(
    questioned_attempt, assessor, client_for
):
    grade = services.grade_start(attempt=questioned_attempt, by=assessor)
    page = client_for(assessor).get(reverse("assessment:grade", args=[grade.pk])).content.decode()

    assert reverse("cases:attempt-detail", args=[questioned_attempt.pk]) in page
    assert "Krijg ik een vervangende auto?" in page  # unanswered, by its text
    assert MODEL_ANSWER in page and "Ja hoor." in page
    assert "Suppletie (versie 3)" in page and "Niet aangetoond met foto&#x27;s." in page
    assert "X_CODE" not in page


def test_the_model_answers_never_reach_the_trainee(
    questioned_attempt, assessor, trainee, client_for
):
    grade = released_grade(questioned_attempt, assessor)
    client = client_for(trainee)

    page = client.get(reverse("assessment:result", args=[questioned_attempt.pk]))
    api = client.get(reverse("api:assessment_api:attempt-result", args=[questioned_attempt.pk]))

    assert page.status_code == 200 and api.status_code == 200
    assert MODEL_ANSWER not in page.content.decode()
    assert MODEL_ANSWER not in api.content.decode()
    assert MODEL_ANSWER not in str(assessment_context(grade))


def test_lt_and_d_are_explained_on_the_grading_and_result_pages(
    attempt, assessor, trainee, client_for
):
    grade = released_grade(attempt, assessor)
    grading = client_for(assessor).get(reverse("assessment:grade", args=[grade.pk]))
    result = client_for(trainee).get(reverse("assessment:result", args=[attempt.pk]))
    for page in (grading.content.decode(), result.content.decode()):
        assert "Totaalbedrag (T, 25 %)" in page and "Beslissingen (D, 15 %)" in page
        assert "Regels, bewerkingen, eenheden (L, 60 %)" in page
        assert "Op niveau" in page  # the one scale of "niveau"


def test_a_report_rendered_before_release_is_not_served_to_the_trainee(
    attempt, assessor, trainee, client_for
):
    from assessment.models import Report, ReportKind, ReportStatus
    from assessment.tasks import render_report

    grade = signed_grade(attempt, assessor)
    report = services.report_request(kind=ReportKind.ASSESSMENT, subject=grade, by=assessor)
    render_report.call(report.pk)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RENDERED
    client = client_for(trainee)
    page = reverse("assessment:report", args=[report.pk])
    api = reverse("api:assessment_api:report-download", args=[report.pk])
    progress = reverse("assessment:progress")

    assert client.get(page).status_code == 404
    assert client.get(api).status_code == 404
    assert "0 beoordeelde pogingen" in client.get(progress).content.decode()
    assert client_for(assessor).get(page).status_code == 200

    services.grade_release(grade=grade, by=assessor)

    assert client.get(page).status_code == 200
    assert client.get(api).status_code == 200
    assert "1 beoordeelde poging" in client.get(progress).content.decode()


def test_charts_have_labelled_axes_a_legend_and_lines_that_stay_apart():
    from decimal import Decimal

    from assessment.charts import line_chart

    same = [(1, Decimal("60")), (2, Decimal("80"))]
    svg = line_chart({"Analyseren": same, "Organiseren": list(same)}, title="t")

    assert "Score (0–100)" in svg and "Beoordeelde poging" in svg  # both axes
    assert svg.count('class="legend-item"') == 3  # two series and the pass mark
    polylines = svg.split("<polyline")[1:]
    assert len(polylines) == 2
    # overlapping lines differ in dash pattern and marker, not only in colour
    assert "stroke-dasharray" not in polylines[0].split("/>")[0]
    assert 'stroke-dasharray="6 3"' in polylines[1].split("/>")[0]
    assert "<circle" in svg and "<rect" in svg


def test_one_scale_of_niveau_for_rubric_and_sub_scores():
    from decimal import Decimal

    from assessment.profile_scores import level_of
    from assessment.rubric import LEVEL_LABELS, level_of_score, level_scale

    assert [level_of(Decimal(v)) for v in ("54.9", "55", "69.9", "70", "84.9", "85")] == [
        1,
        2,
        2,
        3,
        3,
        4,
    ]
    assert level_of_score(None) is None
    assert [row["label"] for row in level_scale()] == [LEVEL_LABELS[n] for n in (1, 2, 3, 4)]
