"""Shared fixtures of the exam-form tests: an exam cohort with two blind markers, the exam
board, a published blueprint, an exam form on a Golf case version, graded attempts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from assessment import exam_forms
from assessment.exam_board import EXAM_BOARD_PERMISSION
from assessment.models import Grade
from schadeplatform.accounts.models import Role
from tests.factories.accounts import CohortFactory, UserFactory
from tests.factories.assessment import CaseVersionFactory, finished_attempt, signed_grade

__all__ = [
    "BLUEPRINT",
    "SUBMISSIONS",
    "_adopt",
    "_final",
    "_study",
    "blueprint",
    "board",
    "case_version",
    "exam_cohort",
    "form",
    "graded",
    "markers",
]

BLUEPRINT = {
    "work_processes": {"1.1": 1, "1.2": 2, "1.3": 1, "1.4": 1},
    "competence_areas": {"analyseren-en-interpreteren": 3, "organiseren-en-uitvoeren": 1},
}
SUBMISSIONS = (
    "identical",
    "bonnet-replaced",
    "undamaged-wing-replaced",
    "bonnet-units-and-wing-painted",
    "radar-calibration-forgotten",
    "used-grille-not-allowed",
)


@pytest.fixture
def board(organisation):
    user = UserFactory(username="examencommissie_t", role=Role.ASSESSOR, organisation=organisation)
    codename = EXAM_BOARD_PERMISSION.split(".")[1]
    user.user_permissions.add(Permission.objects.get(codename=codename))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def markers(organisation):
    return [
        UserFactory(username=f"examinator_{n}", role=Role.ASSESSOR, organisation=organisation)
        for n in (1, 2)
    ]


@pytest.fixture
def exam_cohort(organisation, markers):
    trainees = [
        UserFactory(username=f"kandidaat_t{n}", role=Role.TRAINEE, organisation=organisation)
        for n in range(len(SUBMISSIONS))
    ]
    return CohortFactory(
        organisation=organisation,
        name="Examen T",
        exam_mode=True,
        trainees=trainees,
        assessors=markers,
    )


@pytest.fixture
def case_version():
    return CaseVersionFactory()


@pytest.fixture
def blueprint(board):
    return exam_forms.blueprint_save(
        by=board, title="Toetsmatrijs T", weights=BLUEPRINT, published=True
    )


@pytest.fixture
def form(board, exam_cohort, case_version, blueprint):
    return exam_forms.exam_form_create(
        by=board, cohort=exam_cohort, case_version=case_version, blueprint=blueprint
    )


def _final(attempt, markers):
    """Both blind grades signed (exam mode), so the first is final."""
    first = signed_grade(attempt, markers[0])
    signed_grade(attempt, markers[1])
    return Grade.objects.get(pk=first.pk)


@pytest.fixture
def graded(form, exam_cohort, case_version, markers):
    grades = []
    for trainee, submission in zip(
        exam_cohort.trainees.order_by("username"), SUBMISSIONS, strict=True
    ):
        attempt = finished_attempt(
            trainee=trainee, cohort=exam_cohort, case_version=case_version, submission=submission
        )
        grades.append(_final(attempt, markers))
    return grades


def _study(form, board, markers, probabilities):
    study = exam_forms.angoff_study_open(form=form, judges=[board, *markers], by=board)
    keys = [item.key for item in exam_forms.form_items(form)]
    for judge, p in zip([board, *markers], probabilities, strict=True):
        exam_forms.angoff_judgements_save(
            study=study, judge=judge, probabilities=dict.fromkeys(keys, p)
        )
    return study


def _adopt(form, board, markers, p):
    study = _study(form, board, markers, [p, p, p])
    study = exam_forms.angoff_study_close(study=study, by=board)
    return exam_forms.cut_score_adopt(study=study, by=board)
