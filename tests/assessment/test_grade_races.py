"""Assessors racing on one attempt: opening it at once, signing twice, saving and signing in one
keystroke, both blind grades signed at the same moment. One grade per role, one signature,
one moderation; each loser told in Dutch, never a 5xx.

Real threads with their own connections and test clients, `transaction=True` (see
tests/races.py); they run on SQLite and on PostgreSQL, where the row locks are under test.
"""

import pytest
from django.urls import reverse

from assessment import services
from assessment.models import Grade, GradeEvent, GradeRole, GradeStatus, Moderation
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.assessment import FULL_RUBRIC, CaseVersionFactory, finished_attempt
from tests.races import client_with, messages_of, run_at_once, send, session_of

pytestmark = pytest.mark.django_db(transaction=True)


def api(name, *args):
    return reverse(f"api:assessment_api:{name}", args=args)


def colleague(organisation, cohort, username):
    user = UserFactory(username=username, role=Role.ASSESSOR, organisation=organisation)
    cohort.assessors.add(user)
    return user


def filled_in(attempt, assessor, comment="Eerste versie van het eindoordeel."):
    """A complete draft (all four areas and a comment) of `assessor`, not yet signed."""
    grade = services.grade_start(attempt=attempt, by=assessor)
    return services.grade_autosave(
        grade=grade, by=assessor, revision=grade.revision, rubric=FULL_RUBRIC, comment=comment
    )


def assert_no_server_errors(responses):
    assert all(r.status_code < 500 for r in responses), [r.status_code for r in responses]


@pytest.fixture
def attempt(trainee, cohort):
    return finished_attempt(trainee=trainee, cohort=cohort, case_version=CaseVersionFactory())


@pytest.fixture
def second_assessor(organisation, cohort):
    return colleague(organisation, cohort, "beoordelaar_a2")


def test_two_assessors_opening_one_attempt_at_once_make_one_grade(
    attempt, assessor, second_assessor
):
    sessions = [session_of(assessor), session_of(second_assessor)]

    responses = run_at_once(
        2, lambda i: send(client_with(sessions[i]), "post", api("grade-start", attempt.pk))
    )

    assert_no_server_errors(responses)
    assert sorted(r.status_code for r in responses) == [201, 400], responses
    (grade,) = Grade.objects.filter(attempt=attempt)
    winner = responses.index(next(r for r in responses if r.status_code == 201))
    assert grade.assessor == (assessor, second_assessor)[winner]
    expected = f"{grade.assessor.get_full_name()} beoordeelt deze poging al."
    assert messages_of(responses[1 - winner]) == [expected]


def test_three_assessors_opening_an_exam_attempt_at_once_make_one_blind_pair(
    attempt, cohort, organisation, assessor, second_assessor
):
    cohort.exam_mode = True
    cohort.save()
    third = colleague(organisation, cohort, "beoordelaar_a3")
    sessions = [session_of(user) for user in (assessor, second_assessor, third)]

    responses = run_at_once(
        3, lambda i: send(client_with(sessions[i]), "post", api("grade-start", attempt.pk))
    )

    assert_no_server_errors(responses)
    assert sorted(r.status_code for r in responses) == [201, 201, 400], responses
    roles = sorted(Grade.objects.filter(attempt=attempt).values_list("role", flat=True))
    assert roles == sorted([GradeRole.PRIMARY, GradeRole.SECOND])
    refused = next(r for r in responses if r.status_code == 400)
    assert messages_of(refused) == ["Deze poging heeft al twee beoordelaars."]


def test_a_double_clicked_sign_signs_once_and_tells_the_second_click(attempt, assessor):
    grade = filled_in(attempt, assessor)
    session = session_of(assessor)

    responses = run_at_once(
        2, lambda i: send(client_with(session), "post", api("grade-sign", grade.pk))
    )

    assert_no_server_errors(responses)
    assert sorted(r.status_code for r in responses) == [200, 400], responses
    refused = next(r for r in responses if r.status_code == 400)
    assert messages_of(refused) == [
        "Deze beoordeling is ondertekend en kan niet meer worden gewijzigd."
    ]
    assert GradeEvent.objects.filter(grade=grade, kind="signed").count() == 1
    grade.refresh_from_db()
    assert grade.status == GradeStatus.SIGNED


def test_save_sign_and_next_in_one_keystroke_while_a_colleague_opens_the_next(
    trainee, cohort, assessor, second_assessor
):
    """One keystroke of the assessor saves the final comment, signs, and opens the next attempt
    in the queue, three requests at once; a colleague opens that next attempt at the same
    moment. The signature covers the comment only if the save came first, and the save is
    refused, in Dutch, if it came too late; the next attempt gets one grade."""
    current = finished_attempt(trainee=trainee, cohort=cohort, case_version=CaseVersionFactory())
    following = finished_attempt(trainee=trainee, cohort=cohort, case_version=CaseVersionFactory())
    grade = filled_in(current, assessor)
    mine, theirs = session_of(assessor), session_of(second_assessor)
    final_comment = "Definitief: nette calculatie, kalibratie goed onderbouwd."
    requests = [
        (
            mine,
            "patch",
            api("grade-detail", grade.pk),
            {"revision": grade.revision, "comment": final_comment},
        ),
        (mine, "post", api("grade-sign", grade.pk), None),
        (mine, "post", api("grade-start", following.pk), None),
        (theirs, "post", api("grade-start", following.pk), None),
    ]

    save, sign, my_next, their_next = run_at_once(
        4, lambda i: send(client_with(requests[i][0]), *requests[i][1:])
    )

    assert_no_server_errors([save, sign, my_next, their_next])
    # the signature always lands: the draft was complete before the keystroke
    assert sign.status_code == 200
    grade.refresh_from_db()
    assert grade.status == GradeStatus.SIGNED
    assert GradeEvent.objects.filter(grade=grade, kind="signed").count() == 1
    if save.status_code == 200:
        assert grade.comment == final_comment
    else:
        assert save.status_code == 400
        assert messages_of(save) == [
            "Deze beoordeling is ondertekend en kan niet meer worden gewijzigd."
        ]
        assert grade.comment == "Eerste versie van het eindoordeel."
    # the next attempt: one grade, and the other assessor is told who has it
    assert sorted([my_next.status_code, their_next.status_code]) == [201, 400]
    (next_grade,) = Grade.objects.filter(attempt=following)
    loser = their_next if next_grade.assessor == assessor else my_next
    assert messages_of(loser) == [
        f"{next_grade.assessor.get_full_name()} beoordeelt deze poging al."
    ]


@pytest.mark.parametrize("round_", range(3))
def test_both_blind_grades_signed_at_once_open_exactly_one_moderation(
    attempt, cohort, assessor, second_assessor, round_
):
    """Three rounds: the deadlock this found (each signature held its own grade and waited for
    the other's) did not show in every single one."""
    # given: two complete blind grades whose pass/fail differs
    cohort.exam_mode = True
    cohort.save()
    first = filled_in(attempt, assessor)
    second = filled_in(attempt, second_assessor)
    # The radar calibration is a critical line: "missing" is a knock-out.
    services.line_override_create(
        grade=second, by=second_assessor, line_key="6", new_verdict="missing", reason="Ontbreekt."
    )
    grades = [first, second]
    sessions = [session_of(assessor), session_of(second_assessor)]

    # when: both sign at the same moment
    responses = run_at_once(
        2, lambda i: send(client_with(sessions[i]), "post", api("grade-sign", grades[i].pk))
    )

    # then: both signed, and the disagreement went to moderation once
    assert_no_server_errors(responses)
    assert [r.status_code for r in responses] == [200, 200], [r.content for r in responses]
    statuses = set(Grade.objects.filter(attempt=attempt).values_list("status", flat=True))
    assert statuses == {GradeStatus.SIGNED}
    assert Moderation.objects.filter(attempt=attempt).count() == 1


def test_a_double_clicked_correction_starts_one_correction(attempt, assessor):
    signed = filled_in(attempt, assessor)
    services.grade_sign(grade=signed, by=assessor)
    session = session_of(assessor)

    responses = run_at_once(
        2,
        lambda i: send(
            client_with(session),
            "post",
            api("grade-correct", signed.pk),
            {"reason": "Kalibratie alsnog goedgekeurd."},
        ),
    )

    assert_no_server_errors(responses)
    assert sorted(r.status_code for r in responses) == [201, 400], responses
    refused = next(r for r in responses if r.status_code == 400)
    assert messages_of(refused) == ["Van deze versie bestaat al een correctie."]
    assert Grade.objects.filter(supersedes=signed).count() == 1


def test_a_correction_and_the_other_blind_signature_at_once_both_go_through(
    attempt, cohort, assessor, second_assessor
):
    # given: in exam mode, the first blind grade signed and the second complete
    cohort.exam_mode = True
    cohort.save()
    first = filled_in(attempt, assessor)
    services.grade_sign(grade=first, by=assessor)
    second = filled_in(attempt, second_assessor)
    requests = [
        (session_of(assessor), api("grade-correct", first.pk), {"reason": "Herzien."}),
        (session_of(second_assessor), api("grade-sign", second.pk), None),
    ]

    # when: the first assessor starts a correction as the second signs
    correct, sign = run_at_once(
        2, lambda i: send(client_with(requests[i][0]), "post", *requests[i][1:])
    )

    # then: both done, neither waits forever for the other
    assert_no_server_errors([correct, sign])
    assert (correct.status_code, sign.status_code) == (201, 200)
    assert Grade.objects.get(supersedes=first).status == GradeStatus.DRAFT
    second.refresh_from_db()
    assert second.status == GradeStatus.SIGNED
