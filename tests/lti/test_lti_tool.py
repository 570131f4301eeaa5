"""The LTI 1.3 Advantage tool (issue #18 item 1) end to end against the `lti1p3platform`
library as the LMS (tests/lti/lms.py): login initiation and launch into a cohort, roles, deep
linking, grade passback with a correction, roster sync, replay refusal, key rotation."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import call_command
from lti_tool.models import Key, LtiDeployment, LtiLineItem, LtiRegistration

from assessment import services
from schadeplatform.accounts.models import Role, User
from schadeplatform.lti.models import ActivityLink, CohortLink, ScoreSend
from tests.factories.assessment import finished_attempt, released_grade

from .lms import CLIENT_ID, INSTRUCTOR, LEARNER, browser_launch, case_custom

pytestmark = pytest.mark.django_db


def deep_link_answer(html: str) -> tuple[str, str]:
    """The LMS return URL and the signed JWT of our deep-linking answer page."""
    action = unescape(re.search(r'<form id="lti-deep-link-answer"[^>]*action="([^"]+)"', html)[1])
    return action, unescape(re.search(r'name="JWT" value="([^"]+)"', html)[1])


def launch_id_of(html: str) -> str:
    return re.search(r'name="launch" value="([^"]+)"', html)[1]


def test_login_initiation_redirects_to_the_lms_with_state_nonce_and_our_launch(client, lms):
    answer = client.get(lms.login_initiation_url("lms-user-1", hint="rl-1"))
    query = parse_qs(urlparse(answer["Location"]).query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"] == ["http://testserver/lti/lancering/"]
    assert query["response_type"] == ["id_token"]
    assert query["state"][0] and query["nonce"][0]
    # The state is bound to this browser by a cookie (checked at the launch).
    assert client.cookies[f"lti1p3-{query['state'][0]}"].value == query["state"][0]


def test_a_learner_launch_logs_in_a_trainee_of_the_course_cohort_into_the_case(
    client, lms, case_version
):
    answer, _form = browser_launch(client, lms, custom=case_custom(case_version))
    assert answer.status_code == 302
    assert re.fullmatch(r"/casussen/pogingen/\d+/", answer["Location"])
    user = User.objects.get(pk=client.session["_auth_user_id"])
    assert user.role == Role.TRAINEE
    assert not user.has_usable_password()
    cohort = CohortLink.objects.get(context__id_on_platform="course-7").cohort
    assert cohort.name == "Schademanager LMS-cursus"
    assert cohort.organisation.name == "LTI: Moodle ROC Test"
    assert list(cohort.trainees.all()) == [user]
    attempt = user.case_attempts.get()
    assert attempt.cohort == cohort and attempt.case_version == case_version
    assert client.get(answer["Location"]).status_code == 200
    # A second launch of the same user is the same account and the same open dossier.
    again, _form = browser_launch(client, lms, custom=case_custom(case_version))
    assert again["Location"] == answer["Location"]
    assert User.objects.filter(role=Role.TRAINEE, username__startswith="lti-").count() == 1


def test_an_instructor_launch_is_an_assessor_of_the_cohort_landing_on_its_grades(
    client, lms, case_version
):
    answer, _form = browser_launch(
        client, lms, sub="teacher-1", roles=(INSTRUCTOR,), custom=case_custom(case_version)
    )
    cohort = CohortLink.objects.get().cohort
    assert answer["Location"] == f"/beoordeling/groep/{cohort.pk}/"
    user = User.objects.get(pk=client.session["_auth_user_id"])
    assert user.role == Role.ASSESSOR and list(cohort.assessors.all()) == [user]


def test_a_teaching_assistant_is_an_assessor_and_a_mentor_gets_no_account(client, lms):
    ta = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"
    answer, _form = browser_launch(
        client, lms, sub="ta-1", roles=(ta,), custom={"activity": "practice_variants"}
    )
    assert User.objects.get(pk=client.session["_auth_user_id"]).role == Role.ASSESSOR
    assert answer["Location"] == f"/beoordeling/groep/{CohortLink.objects.get().cohort_id}/"
    client.logout()
    mentor = "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"
    refused, _form = browser_launch(client, lms, sub="mentor-1", roles=(mentor,))
    assert refused.status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_launch_with_another_role_than_the_account_has_is_refused(client, lms, case_version):
    browser_launch(client, lms, sub="u-9", custom=case_custom(case_version))
    client.logout()
    refused, _form = browser_launch(client, lms, sub="u-9", roles=(INSTRUCTOR,))
    assert refused.status_code == 403
    assert "_auth_user_id" not in client.session


def test_the_same_launch_posted_twice_is_refused(client, lms, case_version):
    answer, form = browser_launch(client, lms, custom=case_custom(case_version))
    assert answer.status_code == 302
    client.logout()
    replay = client.post("/lti/lancering/", form)
    assert replay.status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_new_id_token_with_a_used_state_is_refused(client, lms, case_version):
    initiation = client.get(lms.login_initiation_url("lms-user-1", hint="rl-1"))
    redirect = initiation["Location"]
    first = lms.launch(
        redirect, sub="lms-user-1", roles=[LEARNER], custom=case_custom(case_version)
    )
    assert client.post("/lti/lancering/", first).status_code == 302
    # The LMS (or an attacker with its key) signs a fresh token for the same state and nonce.
    second = lms.launch(redirect, sub="lms-user-2", roles=[LEARNER])
    assert second["id_token"] != first["id_token"]
    assert client.post("/lti/lancering/", second).status_code == 403


def test_a_launch_signed_by_another_key_or_without_state_cookie_is_refused(
    client, lms, registration
):
    from .lms import _pem_pair

    initiation = client.get(lms.login_initiation_url("lms-user-1", hint="rl-1"))
    lms.config._registration.set_platform_private_key(_pem_pair()[0])  # not in its JWKS
    forged = lms.launch(initiation["Location"], sub="lms-user-1", roles=[LEARNER])
    assert client.post("/lti/lancering/", forged).status_code == 400
    client.cookies.clear()
    assert client.post("/lti/lancering/", {"state": "x", "id_token": "a.b.c"}).status_code == 400


def test_an_inactive_deployment_is_refused(client, lms, registration, case_version):
    LtiDeployment.objects.update(is_active=False)
    answer, _form = browser_launch(client, lms, custom=case_custom(case_version))
    assert answer.status_code == 403
    assert "_auth_user_id" not in client.session


def test_deep_linking_returns_a_signed_resource_link_with_a_line_item_the_lms_accepts(
    client, lms, case_version
):
    answer, _form = browser_launch(
        client, lms, sub="teacher-1", roles=(INSTRUCTOR,), resource_link=None, deep_linking=True
    )
    # The launch answers with the choice itself, framable by the LMS only (Moodle opens it in
    # an iframe), and logs nobody in.
    assert answer.status_code == 200
    page = answer.content.decode()
    assert case_version.case.title in page
    assert "frame-ancestors https://lms.example.test;" in answer["Content-Security-Policy"] + ";"
    assert "_auth_user_id" not in client.session
    launch = launch_id_of(page)
    empty = client.post("/lti/activiteiten-kiezen/", {"launch": launch})
    assert empty.status_code == 400
    chosen = client.post(
        "/lti/activiteiten-kiezen/",
        {"launch": launch, "activity": [f"case:{case_version.case.slug}", "practice_variants"]},
    )
    assert chosen.status_code == 200
    action, jwt = deep_link_answer(chosen.content.decode())
    assert action == "https://lms.example.test/deep-link-return"
    # Posted by a static script (the CSP allows no inline one) to the LMS, which the answer's
    # form-action allows.
    assert "<script>" not in chosen.content.decode()
    assert "/static/lti/deep_link_answer.js" in chosen.content.decode()
    policy = chosen["Content-Security-Policy"]
    assert "form-action 'self' https://lms.example.test" in policy
    assert "script-src 'self'" in policy
    items = lms.accept_deep_linking_response(jwt)  # the platform library verifies our signature
    case_item, variants_item = items
    assert case_item["type"] == "ltiResourceLink"
    assert case_item["url"] == "http://testserver/lti/lancering/"
    assert case_item["custom"] == {"activity": "case", "slug": case_version.case.slug}
    assert case_item["lineItem"]["scoreMaximum"] == 100
    assert case_item["lineItem"]["resourceId"] == f"case:{case_version.case.slug}"
    assert "lineItem" not in variants_item  # practice only: no gradebook column
    # One answer per launch.
    again = client.post(
        "/lti/activiteiten-kiezen/", {"launch": launch, "activity": "practice_variants"}
    )
    assert again.status_code == 403


def test_a_trainee_gets_no_deep_linking_page(client, lms, case_version):
    browser_launch(client, lms, custom=case_custom(case_version))
    assert client.get("/lti/activiteiten-kiezen/").status_code == 403
    refused, _form = browser_launch(
        client, lms, roles=(LEARNER,), resource_link=None, deep_linking=True
    )
    assert refused.status_code == 403
    assert 'name="launch"' not in refused.content.decode()


def test_a_released_grade_and_its_correction_reach_the_lms_gradebook(
    client, lms, case_version, assessor, django_capture_on_commit_callbacks
):
    line_item = lms.add_line_item("Casus", f"case:{case_version.case.slug}")
    browser_launch(client, lms, custom=case_custom(case_version), line_item=line_item)
    item = LtiLineItem.objects.get()
    assert item.url == line_item and item.maximum_score == 100
    assert ActivityLink.objects.get().slug == case_version.case.slug
    trainee = User.objects.get(pk=client.session["_auth_user_id"])
    cohort = CohortLink.objects.get().cohort
    cohort.assessors.add(assessor)
    trainee.case_attempts.all().delete()
    attempt = finished_attempt(trainee=trainee, cohort=cohort, case_version=case_version)

    with django_capture_on_commit_callbacks(execute=True):
        grade = released_grade(attempt, assessor)
    [score] = lms.state.scores[line_item]
    assert score["userId"] == "lms-user-1"
    assert Decimal(str(score["scoreGiven"])) == grade.score
    assert score["scoreMaximum"] == 100
    assert score["activityProgress"] == "Completed"
    assert score["gradingProgress"] == "FullyGraded"
    assert score["timestamp"]
    # The access token was asked with the tool's signed client assertion for the score scope.
    assert lms.token_requests[-1]["scope"] == "https://purl.imsglobal.org/spec/lti-ags/scope/score"
    assert ScoreSend.objects.get().status == ScoreSend.Status.SENT

    with django_capture_on_commit_callbacks(execute=True):
        draft = services.grade_correct(grade=grade, by=assessor, reason="Rubric herzien")
        draft = services.grade_autosave(
            grade=draft, by=assessor, revision=draft.revision, rubric={}, comment="Herzien."
        )
        corrected = services.grade_release(
            grade=services.grade_sign(grade=draft, by=assessor), by=assessor
        )
    first, second = lms.state.scores[line_item]
    assert Decimal(str(second["scoreGiven"])) == corrected.score
    assert second["timestamp"] > first["timestamp"]


def test_a_failing_lms_never_blocks_the_release(
    client, lms, case_version, assessor, django_capture_on_commit_callbacks
):
    line_item = lms.add_line_item("Casus")
    browser_launch(client, lms, custom=case_custom(case_version), line_item=line_item)
    trainee = User.objects.get(pk=client.session["_auth_user_id"])
    cohort = CohortLink.objects.get().cohort
    cohort.assessors.add(assessor)
    trainee.case_attempts.all().delete()
    attempt = finished_attempt(trainee=trainee, cohort=cohort, case_version=case_version)
    lms.state.line_items.clear()  # the LMS deleted the column: its score endpoint answers 404
    with django_capture_on_commit_callbacks(execute=True):
        grade = released_grade(attempt, assessor)
    grade.refresh_from_db()
    assert grade.released_at is not None
    assert ScoreSend.objects.get().status == ScoreSend.Status.FAILED


def test_the_roster_sync_fills_and_empties_the_cohort(client, lms, case_version):
    browser_launch(
        client, lms, sub="teacher-1", roles=(INSTRUCTOR,), custom=case_custom(case_version)
    )
    lms.state.members = [
        {"user_id": "teacher-1", "roles": [INSTRUCTOR], "name": "Docent", "status": "Active"},
        {"user_id": "s-1", "roles": ["Learner"], "given_name": "Ada", "family_name": "Jansen"},
        {"user_id": "s-2", "roles": [LEARNER], "status": "Active"},
        {"user_id": "m-1", "roles": ["Mentor"], "status": "Active"},
    ]
    call_command("lti_sync_roster")
    link = CohortLink.objects.get()
    trainees = set(link.cohort.trainees.values_list("first_name", flat=True))
    assert trainees == {"Ada", ""} and link.cohort.trainees.count() == 2
    assert link.cohort.assessors.count() == 1
    assert link.roster_synced_at is not None
    lms.state.members[1]["status"] = "Deleted"
    call_command("lti_sync_roster")
    assert set(link.cohort.trainees.values_list("first_name", flat=True)) == {""}


def test_the_jwks_keeps_an_old_key_until_it_is_retired(client, lms):
    call_command("rotate_keys")
    first = Key.objects.get()
    assert [k["kid"] for k in client.get("/lti/jwks/").json()["keys"]] == [str(first)]
    call_command("rotate_keys", deactivate_after=7)
    kids = {k["kid"] for k in client.get("/lti/jwks/").json()["keys"]}
    second = Key.objects.latest()
    assert kids == {str(first), str(second)}  # rotated: both published
    # The newest key signs the tool's messages; the LMS checks them against the JWKS.
    reg = LtiRegistration.objects.get().to_registration()
    assert reg.get_kid() == str(second)
    call_command("rotate_keys", deactivate_after=0)  # retire every key but the new one
    kids = {k["kid"] for k in client.get("/lti/jwks/").json()["keys"]}
    assert str(first) not in kids and str(second) not in kids and len(kids) == 1
