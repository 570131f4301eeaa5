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


@pytest.fixture
def queued(settings):
    """xAPI on (an LRS address), and what is enqueued kept by the DummyBackend instead of sent:
    a function that gives the statements queued so far."""
    from django_tasks import default_task_backend

    from assessment.xapi import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.XAPI_LRS_URL = "http://127.0.0.1:9/xAPI/"
    default_task_backend.clear()

    def statements_queued() -> list[dict]:
        return [
            result.args[0]
            for result in default_task_backend.results
            if result.task.module_path == tasks.send_statement.module_path
        ]

    return statements_queued
