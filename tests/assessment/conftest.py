import pytest

from tests.factories.assessment import CaseVersionFactory, finished_attempt


@pytest.fixture
def case_version(db):
    return CaseVersionFactory()


@pytest.fixture
def attempt(trainee, cohort, case_version):
    """A delivered, submitted attempt of `trainee` in cohort A with a perfect calculation."""
    return finished_attempt(trainee=trainee, cohort=cohort, case_version=case_version)


@pytest.fixture
def exam_rule(cohort, case_version):
    """An Open Badges rule (issue #18): the exam form of cohort A's case version passed."""
    from assessment.models import BadgeRule, BadgeRuleKind, ExamForm

    form = ExamForm.objects.create(cohort=cohort, case_version=case_version)
    return BadgeRule.objects.create(
        slug="examen-behaald",
        name="Examen behaald",
        description="Het examen met een voldoende afgerond.",
        criteria="Een voldoende voor de examenvorm.",
        kind=BadgeRuleKind.EXAM_FORM_PASSED,
        exam_form=form,
        valid_months=60,
    )


@pytest.fixture
def issued(attempt, assessor, trainee, exam_rule, django_capture_on_commit_callbacks):
    """`trainee`'s credential for `exam_rule`, issued on the release of `attempt`'s grade."""
    from assessment.models import IssuedCredential
    from tests.factories.assessment import released_grade

    with django_capture_on_commit_callbacks(execute=True):
        released_grade(attempt, assessor)
    return IssuedCredential.objects.get(rule=exam_rule, trainee=trainee)
