"""Double and triple marking (issue #15, item 1): the rules of `assessment.double_marking`
(escalation, the agreed grade, the sample) and their path through the services (history rows,
a third marker, three blind markers, the trainee's agreed result)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from assessment import double_marking, selectors, services
from assessment.exam import candidate_code
from assessment.models import (
    AgreedGrade,
    AgreedMethod,
    AgreementRule,
    Grade,
    GradeRole,
    MarkingEvent,
    MarkingPolicy,
    Moderation,
    ModerationKind,
    ModerationStatus,
)
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.assessment import finished_attempt, signed_grade


@pytest.fixture(autouse=True)
def _dutch():
    """The explanations are Dutch texts through gettext: read them in Dutch, whatever an
    earlier test left active."""
    with translation.override("nl"):
        yield


def mark(score, passed=None, *, role=GradeRole.PRIMARY, cut="70"):
    """An unsaved grade with just what the rules read."""
    score = Decimal(score)
    return Grade(
        role=role,
        score=score,
        passed=score >= Decimal(cut) if passed is None else passed,
        cut_score=Decimal(cut),
    )


def policy(**fields):
    values = {
        "markers": 2,
        "agreement_rule": AgreementRule.THIRD_DECIDES,
        "escalation_points": Decimal("10"),
        "escalate_on_pass_fail": True,
        "moderation_sample_percent": 0,
    }
    values.update(fields)
    return MarkingPolicy(**values)


def no_knockout(grade):
    return False


# -- escalation (pure) -------------------------------------------------------------------------


def test_marks_further_apart_than_the_threshold_escalate():
    reasons = double_marking.escalation_reasons([mark("85"), mark("74.5")], policy())
    assert reasons == ["verschil van 10,5 punten (meer dan 10,0)"]


def test_marks_exactly_at_the_threshold_do_not_escalate():
    assert double_marking.escalation_reasons([mark("85"), mark("75")], policy()) == []


def test_a_different_pass_fail_escalates_however_close():
    reasons = double_marking.escalation_reasons([mark("71"), mark("69")], policy())
    assert reasons == ["verschillend oordeel voldoende/onvoldoende"]


def test_pass_fail_does_not_escalate_when_the_policy_says_not():
    rules = policy(escalate_on_pass_fail=False)
    assert double_marking.escalation_reasons([mark("71"), mark("69")], rules) == []


def test_with_three_markers_any_two_that_differ_escalate():
    marks = [mark("80"), mark("75"), mark("68.5", passed=False)]
    reasons = double_marking.escalation_reasons(marks, policy(markers=3, agreement_rule="mean"))
    assert "verschil van 11,5 punten (meer dan 10,0)" in reasons
    assert "verschillend oordeel voldoende/onvoldoende" in reasons


# -- the agreed grade (pure) -------------------------------------------------------------------


def test_mean_of_two_rounded_half_up_with_an_explanation():
    first, second = mark("72.0"), mark("78.1")
    agreed = double_marking.agreement(
        policy(agreement_rule=AgreementRule.MEAN), [first, second], knocked_out=no_knockout
    )
    assert agreed.score == Decimal("75.1")  # 75.05 half up
    assert agreed.passed and agreed.method == AgreedMethod.MEAN and agreed.basis is first
    assert agreed.explanation == (
        "Gemiddelde van 72,0 en 78,1 = 75,1; geen escalatie (verschil 6,1 ≤ 10,0)."
    )


def test_median_of_three_markers():
    marks = [mark("60", passed=False), mark("74"), mark("78")]
    agreed = double_marking.agreement(
        policy(markers=3, agreement_rule=AgreementRule.MEDIAN, escalation_points=Decimal("20")),
        marks,
        knocked_out=no_knockout,
    )
    assert (agreed.score, agreed.passed, agreed.method) == (Decimal("74.0"), True, "median")
    assert agreed.explanation.startswith("Mediaan van 60,0, 74,0 en 78,0 = 74,0")


def test_third_decides_without_escalation_takes_the_mean_and_says_so():
    agreed = double_marking.agreement(policy(), [mark("80"), mark("75")], knocked_out=no_knockout)
    assert agreed.score == Decimal("77.5") and agreed.method == AgreedMethod.MEAN
    assert "Zonder escalatie telt bij 'derde beslist' het gemiddelde." in agreed.explanation


def test_third_decides_after_escalation_the_third_markers_grade_counts():
    first, second = mark("85"), mark("66", passed=False)
    third = mark("71", role=GradeRole.MODERATOR)
    agreed = double_marking.agreement(
        policy(),
        [first, second],
        knocked_out=no_knockout,
        decider=third,
        moderation_kind=ModerationKind.ESCALATION,
        reasons=["verschil van 19,0 punten (meer dan 10,0)"],
    )
    assert (agreed.score, agreed.passed) == (Decimal("71"), True)
    assert agreed.method == AgreedMethod.THIRD_MARKER and agreed.basis is third
    assert "de derde beoordelaar beslist: 71,0" in agreed.explanation


def test_the_mean_of_an_escalation_counts_the_third_mark_too():
    marks = [mark("85"), mark("60", passed=False)]
    third = mark("70", role=GradeRole.MODERATOR)
    agreed = double_marking.agreement(
        policy(agreement_rule=AgreementRule.MEAN),
        marks,
        knocked_out=no_knockout,
        decider=third,
        moderation_kind=ModerationKind.ESCALATION,
    )
    assert agreed.score == Decimal("71.7") and agreed.basis is third


def test_an_agreed_score_is_judged_against_the_cut_score_not_70():
    marks = [mark("74", cut="75", passed=False), mark("78", cut="75")]
    agreed = double_marking.agreement(
        policy(agreement_rule=AgreementRule.MEAN, escalate_on_pass_fail=False),
        marks,
        knocked_out=no_knockout,
    )
    assert agreed.score == Decimal("76.0") and agreed.cut_score == Decimal("75")
    assert agreed.passed


def test_a_knockout_found_by_half_of_the_markers_fails_the_agreed_score():
    first, second = mark("90"), mark("88", passed=False)
    agreed = double_marking.agreement(
        policy(agreement_rule=AgreementRule.MEAN, escalate_on_pass_fail=False),
        [first, second],
        knocked_out=lambda grade: grade is second,
    )
    assert agreed.score == Decimal("89.0") and not agreed.passed
    assert "knock-out bij 1 van 2 beoordelingen" in agreed.explanation


# -- the sample (pure) -------------------------------------------------------------------------


def test_the_sample_is_reproducible_and_about_the_percentage():
    first = [double_marking.in_moderation_sample(pk, 20) for pk in range(1, 2001)]
    again = [double_marking.in_moderation_sample(pk, 20) for pk in range(1, 2001)]
    assert first == again
    assert 0.16 < sum(first) / len(first) < 0.24
    assert not any(double_marking.in_moderation_sample(pk, 0) for pk in range(1, 200))
    assert all(double_marking.in_moderation_sample(pk, 100) for pk in range(1, 200))


def test_the_candidate_code_is_fixed_per_attempt_and_names_nobody():
    class Stub:
        def __init__(self, pk):
            self.pk = pk

    codes = {candidate_code(Stub(pk)) for pk in range(1, 500)}
    assert len(codes) == 499
    assert candidate_code(Stub(7)) == candidate_code(Stub(7))
    assert all(code.startswith("K-") and len(code) == 8 for code in codes)


def test_the_candidate_code_follows_the_key_it_is_made_with(settings):
    # given: a code, kept once made (the queue shows one per row on every view)
    class Stub:
        pk = 7

    before = candidate_code(Stub())
    # when: another deployment's key
    settings.SECRET_KEY = "een-andere-sleutel-" + "x" * 40
    # then: another code, not the kept one
    assert candidate_code(Stub()) != before


# -- through the services ----------------------------------------------------------------------


@pytest.fixture
def exam_cohort(cohort):
    cohort.exam_mode = True
    cohort.save()
    return cohort


def _assessor(organisation, cohort, name):
    user = UserFactory(username=name, role=Role.ASSESSOR, organisation=organisation)
    cohort.assessors.add(user)
    return user


@pytest.fixture
def second(organisation, exam_cohort):
    return _assessor(organisation, exam_cohort, "dm_tweede")


@pytest.fixture
def third(organisation, exam_cohort):
    return _assessor(organisation, exam_cohort, "dm_derde")


def lowered(attempt, marker, keys):
    grade = services.grade_start(attempt=attempt, by=marker)
    for key in keys:
        services.line_override_create(
            grade=grade, by=marker, line_key=key, new_verdict="missing", reason="Niet aangetoond."
        )
    return signed_grade(attempt, marker)


def kinds(attempt):
    return list(MarkingEvent.objects.filter(attempt=attempt).values_list("kind", flat=True))


@pytest.mark.django_db
def test_the_default_exam_policy_and_one_marker_outside_exam_mode(cohort, attempt):
    assert double_marking.policy_of_attempt(attempt).markers == 1
    cohort.exam_mode = True
    cohort.save()
    default = double_marking.policy_for(cohort)
    assert (default.pk, default.markers, default.agreement_rule) == (None, 2, "third_decides")
    assert default.escalation_points == Decimal("10") and default.escalate_on_pass_fail
    assert default.moderation_sample_percent == 0


@pytest.mark.django_db
def test_close_marks_are_agreed_as_the_mean_with_a_history_row_per_step(attempt, assessor, second):
    first = signed_grade(attempt, assessor)
    other = signed_grade(attempt, second)

    agreed = AgreedGrade.objects.get(attempt=attempt)
    assert agreed.method == AgreedMethod.MEAN and agreed.basis == first
    assert agreed.score == double_marking._computed([first, other], "mean")
    assert set(agreed.grades.all()) == {first, other}
    assert "geen escalatie" in agreed.explanation
    assert kinds(attempt) == [
        "marker_started",
        "marker_signed",
        "marker_started",
        "marker_signed",
        "agreed",
    ]
    services.grade_release(grade=first, by=assessor)
    assert kinds(attempt)[-1] == "released"


@pytest.mark.django_db
def test_an_escalation_goes_to_a_third_marker_whose_grade_decides(
    attempt, assessor, second, third, trainee, client_for
):
    signed_grade(attempt, assessor)
    lowered(attempt, second, ["6"])  # a knock-out: pass/fail differ

    moderation = Moderation.objects.get(attempt=attempt)
    assert (moderation.kind, moderation.status) == (ModerationKind.ESCALATION, "open")
    assert not AgreedGrade.objects.filter(attempt=attempt).exists()
    assert selectors.result_for(assessor, attempt.pk) is None
    decider = services.grade_start(attempt=attempt, by=third)
    assert decider.role == GradeRole.MODERATOR
    decider = signed_grade(attempt, third, comment="Derde beoordeling.")

    agreed = AgreedGrade.objects.get(attempt=attempt)
    assert agreed.method == AgreedMethod.THIRD_MARKER and agreed.basis == decider
    assert agreed.score == decider.score and agreed.passed == decider.passed
    assert Moderation.objects.get(attempt=attempt).status == ModerationStatus.RESOLVED
    assert kinds(attempt)[-4:] == ["escalated", "moderator_assigned", "marker_signed", "agreed"]

    # the trainee's released result: the agreed score and how it was reached
    services.grade_release(grade=decider, by=assessor)
    page = client_for(trainee).get(reverse("assessment:result", args=[attempt.pk]))
    assert page.status_code == 200
    assert "de derde beoordelaar beslist" in page.content.decode()
    api = client_for(trainee).get(reverse("api:assessment_api:attempt-result", args=[attempt.pk]))
    body = api.json()
    assert body["agreed"]["method"] == "third_marker"
    assert Decimal(body["score"]) == agreed.score


@pytest.mark.django_db
def test_a_mean_policy_shows_the_trainee_the_mean_not_the_first_mark(
    attempt, exam_cohort, assessor, second, trainee, client_for
):
    MarkingPolicy.objects.create(cohort=exam_cohort, agreement_rule=AgreementRule.MEAN)
    first = signed_grade(attempt, assessor)
    # the second marker gives line 3 a lower credit: a few points apart, no escalation
    grade = services.grade_start(attempt=attempt, by=second)
    services.line_override_create(
        grade=grade,
        by=second,
        line_key="3",
        new_verdict="units_off",
        credit="0.7",
        reason="Te weinig eenheden.",
    )
    other = signed_grade(attempt, second)
    assert Decimal(0) < first.score - other.score <= Decimal(10)
    agreed = AgreedGrade.objects.get(attempt=attempt)
    assert agreed.score == double_marking._computed([first, other], "mean")
    services.grade_release(grade=first, by=assessor)

    result = selectors.result_for(trainee, attempt.pk)
    assert result.score == agreed.score and result.agreed == agreed


@pytest.mark.django_db
def test_three_blind_markers_then_a_moderator_on_escalation(
    organisation, attempt, exam_cohort, assessor, second, third
):
    MarkingPolicy.objects.create(cohort=exam_cohort, markers=3, agreement_rule=AgreementRule.MEDIAN)
    fourth = _assessor(organisation, exam_cohort, "dm_vierde")
    signed_grade(attempt, assessor)
    signed_grade(attempt, second)
    assert not AgreedGrade.objects.filter(attempt=attempt).exists()  # the third still blind
    (row,) = selectors.assessment_queue(third)
    assert (row.state, row.can_start) == ("Derde beoordeling nodig", True)
    assert services.grade_start(attempt=attempt, by=third).role == GradeRole.THIRD
    lowered(attempt, third, ["6"])
    assert Moderation.objects.get(attempt=attempt).status == ModerationStatus.OPEN
    # the three markers get their own grade back; a fourth only moderates
    assert services.grade_start(attempt=attempt, by=assessor).role == GradeRole.PRIMARY
    assert services.grade_start(attempt=attempt, by=fourth).role == GradeRole.MODERATOR
    signed_grade(attempt, fourth)
    agreed = AgreedGrade.objects.get(attempt=attempt)
    assert agreed.method == AgreedMethod.MEDIAN and agreed.grades.count() == 4


@pytest.mark.django_db
def test_a_sampled_attempt_goes_to_a_moderator_who_sees_the_marks(
    trainee, exam_cohort, case_version, assessor, second, third
):
    MarkingPolicy.objects.create(cohort=exam_cohort, moderation_sample_percent=50)
    sampled = None
    for _ in range(12):
        candidate = finished_attempt(trainee=trainee, cohort=exam_cohort, case_version=case_version)
        if double_marking.in_moderation_sample(candidate.pk, 50):
            sampled = candidate
            break
    assert sampled is not None
    first = signed_grade(sampled, assessor)
    signed_grade(sampled, second)
    moderation = Moderation.objects.get(attempt=sampled)
    assert moderation.kind == ModerationKind.SAMPLE and kinds(sampled)[-1] == "sampled"
    # before the moderator starts: blind to the marks; once moderating: they see them
    assert selectors.grade_for_assessor(third, first.pk) is None
    services.grade_start(attempt=sampled, by=third)
    assert selectors.grade_for_assessor(third, first.pk) is not None
    decided = signed_grade(sampled, third)
    agreed = AgreedGrade.objects.get(attempt=sampled)
    assert agreed.method == AgreedMethod.MODERATOR and agreed.basis == decided
    assert "steekproef" in agreed.explanation
