import pytest

from schadeplatform.accounts.selectors import cohorts_visible_to, trainees_visible_to

pytestmark = pytest.mark.django_db


def test_assessor_of_cohort_a_sees_the_trainees_of_cohort_a(
    assessor, cohort, trainee, other_trainee
):
    assert set(trainees_visible_to(assessor)) == {trainee, other_trainee}


def test_assessor_of_cohort_a_sees_nothing_of_cohort_b(
    assessor, cohort, other_cohort, outsider_trainee, outsider_assessor
):
    assert outsider_trainee not in trainees_visible_to(assessor)
    assert not trainees_visible_to(assessor).filter(pk=outsider_trainee.pk).exists()
    assert list(cohorts_visible_to(assessor)) == [cohort]
    assert list(cohorts_visible_to(outsider_assessor)) == [other_cohort]


def test_a_trainee_sees_only_themself(trainee, other_trainee, cohort):
    assert list(trainees_visible_to(trainee)) == [trainee]
    assert not trainees_visible_to(trainee).filter(pk=other_trainee.pk).exists()


def test_an_editor_sees_no_trainee_work(editor, cohort, trainee):
    assert not trainees_visible_to(editor).exists()


def test_an_administrator_sees_every_trainee(
    admin_user, cohort, other_cohort, trainee, outsider_trainee
):
    visible = set(trainees_visible_to(admin_user))
    assert {trainee, outsider_trainee} <= visible


def test_an_assessor_of_two_cohorts_sees_each_trainee_once(assessor, cohort, other_cohort, trainee):
    other_cohort.assessors.add(assessor)
    other_cohort.trainees.add(trainee)
    visible = list(trainees_visible_to(assessor))
    assert visible.count(trainee) == 1
