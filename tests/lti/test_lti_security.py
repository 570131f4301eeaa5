"""The LTI tool under attack (security review, docs/decisions.md "LTI 1.3 Advantage tool"):
each test drives the real flow with the `lti1p3platform` library as the LMS (tests/lti/lms.py)
and checks what an attacker, a second platform or a careless administrator could do."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from io import StringIO
from unittest import mock
from urllib.parse import parse_qs, urlencode, urlparse, urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from lti_tool.models import LtiDeployment, LtiLineItem, LtiUser
from pylti1p3.session import SessionService

from assessment import services
from cases.models import CaseVersionStatus
from schadeplatform.accounts.models import Role, User
from schadeplatform.accounts.models import UserSession as Session
from schadeplatform.lti import grade_passback
from schadeplatform.lti.identity import username_for
from schadeplatform.lti.models import CohortLink, ScoreSend, UsedLaunchValue
from schadeplatform.lti.replay import KEPT_FOR
from schadeplatform.sessions import SessionStore
from schadeplatform.throttling import ScopedRateThrottle
from tests.factories.accounts import UserFactory
from tests.factories.assessment import CaseVersionFactory, finished_attempt, released_grade
from tests.races import run_at_once

from .conftest import register
from .lms import INSTRUCTOR, LEARNER, Lms, browser_launch, case_custom

pytestmark = pytest.mark.django_db

SECURE_LAUNCH_URL = "https://testserver/lti/lancering/"


def logged_in(client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def with_param(url: str, **params: str) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()} | params
    return urlunsplit(parts._replace(query=urlencode(query)))


def without_param(url: str, name: str) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items() if k != name}
    return urlunsplit(parts._replace(query=urlencode(query)))


# --- sessions ------------------------------------------------------------------------------


def test_a_launch_over_another_users_session_ends_it_and_starts_a_new_key(
    client, lms, case_version, assessor
):
    client.force_login(assessor)
    before = client.session.session_key
    answer, _form = browser_launch(client, lms, custom=case_custom(case_version))
    assert answer.status_code == 302
    user = logged_in(client)
    assert user.username.startswith("lti-") and user != assessor
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_a_planted_session_key_is_not_the_one_the_launch_logs_in(client, lms, case_version):
    planted = SessionStore()
    planted["planted"] = True
    planted.create()
    client.cookies["sessionid"] = planted.session_key
    answer, _form = browser_launch(client, lms, custom=case_custom(case_version))
    assert answer.status_code == 302
    assert logged_in(client) is not None
    assert client.session.session_key != planted.session_key
    assert "planted" not in client.session
    assert not Session.objects.filter(session_key=planted.session_key).exists()


def test_a_refused_launch_ends_nobodys_session(client, lms, assessor):
    client.force_login(assessor)
    before = client.session.session_key
    mentor = "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"
    refused, _form = browser_launch(client, lms, sub="mentor-1", roles=(mentor,))
    assert refused.status_code == 403
    assert client.session.session_key == before and logged_in(client) == assessor


# --- redirects -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/steal",
        "http://testserver.evil.example/lti/lancering/",
        "http://testserver/django-admin/",
        "http://testserver/lti/lancering/../../django-admin/",
        "//evil.example/lti/lancering/",
        "javascript:alert(1)",
    ],
)
def test_the_login_never_sends_the_lms_a_redirect_uri_that_is_not_our_launch(client, lms, target):
    # lti1p3platform (like a careless LMS) posts the id_token to whatever redirect_uri it gets.
    url = with_param(lms.login_initiation_url("lms-user-1", hint="rl-1"), target_link_uri=target)
    answer = client.get(url)
    assert answer.status_code == 400
    assert "Location" not in answer


def test_the_redirect_uri_is_our_launch_url_without_what_the_request_added(client, lms):
    url = with_param(
        lms.login_initiation_url("lms-user-1", hint="rl-1"),
        target_link_uri="http://testserver/lti/lancering/?next=https://evil.example/",
    )
    answer = client.get(url)
    assert answer.status_code == 302
    query = parse_qs(urlparse(answer["Location"]).query)
    assert query["redirect_uri"] == ["http://testserver/lti/lancering/"]


# --- roles and accounts ----------------------------------------------------------------------


def test_administrator_roles_never_give_staff_rights(client, lms, case_version):
    roles = (
        "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator",
        "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator",
        "http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator",
        "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor",
        LEARNER,
    )
    answer, _form = browser_launch(client, lms, roles=roles, custom=case_custom(case_version))
    assert answer.status_code == 302
    user = logged_in(client)
    assert (user.role, user.is_staff, user.is_superuser) == (Role.TRAINEE, False, False)
    client.logout()
    admin_only = roles[:3]
    refused, _form = browser_launch(client, lms, sub="lms-admin", roles=admin_only)
    assert refused.status_code == 403
    assert not LtiUser.objects.get(sub="lms-admin").auth_user


def test_a_local_account_with_the_identitys_username_is_not_taken_over(
    client, lms, registration, case_version
):
    # Whoever could pick that username (it is derived from the registration and sub) waits.
    lti_user = LtiUser(registration=registration, sub="lms-user-1")
    local = UserFactory(username=username_for(lti_user), role=Role.ASSESSOR)
    refused, _form = browser_launch(client, lms, custom=case_custom(case_version))
    assert refused.status_code == 403
    assert logged_in(client) is None
    local.refresh_from_db()
    assert local.role == Role.ASSESSOR and local.has_usable_password()
    assert LtiUser.objects.get(sub="lms-user-1").auth_user is None


def test_a_local_account_with_the_lms_users_email_is_not_used(client, lms, case_version):
    local = UserFactory(username="jan", email="lms-user-1@lms.example.test")
    answer, _form = browser_launch(client, lms, custom=case_custom(case_version))
    assert answer.status_code == 302
    assert logged_in(client) != local
    assert logged_in(client).username.startswith("lti-")


@pytest.mark.parametrize(
    "account",
    [
        {"role": Role.TRAINEE, "is_superuser": True, "is_staff": True},
        {"role": Role.EDITOR},
        {"role": Role.ADMIN},
        {"role": Role.TRAINEE},  # a local trainee: not the identity's own account
    ],
)
def test_an_lti_user_linked_to_another_account_in_the_admin_cannot_open_it(
    client, lms, case_version, account
):
    browser_launch(client, lms, custom=case_custom(case_version))
    client.logout()
    other = UserFactory(**account)
    LtiUser.objects.filter(sub="lms-user-1").update(auth_user=other)
    refused, _form = browser_launch(client, lms, custom=case_custom(case_version))
    assert refused.status_code == 403
    assert logged_in(client) is None


def test_a_deactivated_lti_account_is_refused(client, lms, case_version):
    browser_launch(client, lms, custom=case_custom(case_version))
    client.logout()
    User.objects.filter(username__startswith="lti-").update(is_active=False)
    refused, _form = browser_launch(client, lms, custom=case_custom(case_version))
    assert refused.status_code == 403
    assert logged_in(client) is None


def test_an_assessor_launching_as_learner_is_refused(client, lms, case_version):
    browser_launch(client, lms, sub="t-1", roles=(INSTRUCTOR,), custom=case_custom(case_version))
    client.logout()
    refused, _form = browser_launch(client, lms, sub="t-1", custom=case_custom(case_version))
    assert refused.status_code == 403
    assert logged_in(client) is None
    assert User.objects.get(lti_users__sub="t-1").role == Role.ASSESSOR


# --- two platforms ----------------------------------------------------------------------------


def test_two_registrations_are_two_users_two_organisations_and_two_cohorts(
    client, mocked, case_version
):
    # The same registration name, sub, course id and title at two issuers.
    first = register("Moodle")
    second = register("Moodle", issuer="https://other-lms.example.test")
    lms_a = Lms(client, str(first.uuid), mocked)
    lms_b = Lms(client, str(second.uuid), mocked, issuer="https://other-lms.example.test")
    browser_launch(client, lms_a, sub="same-sub", custom=case_custom(case_version))
    user_a = logged_in(client)
    browser_launch(client, lms_b, sub="same-sub", custom=case_custom(case_version))
    user_b = logged_in(client)
    assert user_a != user_b
    link_a = CohortLink.objects.get(context__deployment__registration=first)
    link_b = CohortLink.objects.get(context__deployment__registration=second)
    assert link_a.cohort != link_b.cohort
    assert link_a.cohort.organisation != link_b.cohort.organisation
    assert list(link_a.cohort.trainees.all()) == [user_a]
    # B's roster names A's people (by sub) and more: only B's own users join B's cohort.
    lms_b.state.members = [
        {"user_id": "same-sub", "roles": [LEARNER], "status": "Active"},
        {"user_id": "lms-user-1", "roles": [INSTRUCTOR], "status": "Active"},
    ]
    call_command("lti_sync_roster", cohort=link_b.cohort_id)
    assert list(link_a.cohort.trainees.all()) == [user_a]
    assert list(link_a.cohort.assessors.all()) == []
    assert set(link_b.cohort.trainees.all()) == {user_b}
    assert link_b.cohort.assessors.get().lti_users.get().registration == second


def test_an_organisation_of_the_registrations_name_is_not_reused(client, lms, case_version):
    from schadeplatform.accounts.models import Organisation

    existing = Organisation.objects.create(
        name="LTI: Moodle ROC Test", kind=Organisation.Kind.BODY_SHOP
    )
    browser_launch(client, lms, custom=case_custom(case_version))
    cohort = CohortLink.objects.get().cohort
    assert cohort.organisation != existing
    assert not existing.cohorts.exists()


def test_the_roster_leaves_an_account_the_admin_linked_alone(client, lms, case_version, assessor):
    browser_launch(client, lms, sub="t-1", roles=(INSTRUCTOR,), custom=case_custom(case_version))
    cohort = CohortLink.objects.get().cohort
    LtiUser.objects.create(registration=lms_registration(), sub="s-9", auth_user=assessor)
    lms.state.members = [{"user_id": "s-9", "roles": [INSTRUCTOR], "status": "Active"}]
    call_command("lti_sync_roster")
    assert assessor not in cohort.assessors.all()
    cohort.assessors.add(assessor)
    lms.state.members[0]["status"] = "Deleted"
    call_command("lti_sync_roster")
    assert assessor in cohort.assessors.all()


def lms_registration():
    from lti_tool.models import LtiRegistration

    return LtiRegistration.objects.get()


# --- registration and deployment ------------------------------------------------------------


def test_an_unknown_deployment_is_kept_inactive_and_refused_before_anything_is_stored(
    client, lms, registration, case_version
):
    lms.config._registration.set_deployment_id("deployment-unknown")
    refused, _form = browser_launch(client, lms, custom=case_custom(case_version))
    assert refused.status_code == 403
    made = LtiDeployment.objects.get(deployment_id="deployment-unknown")
    assert made.registration == registration and not made.is_active
    assert not LtiUser.objects.exists() and not User.objects.exists()


def test_an_inactive_registration_is_refused_at_login_and_at_launch(
    client, lms, registration, case_version
):
    initiation = client.get(lms.login_initiation_url("lms-user-1", hint="rl-1"))
    registration.is_active = False
    registration.save()
    form = lms.launch(initiation["Location"], sub="lms-user-1", roles=[LEARNER])
    assert client.post("/lti/lancering/", form).status_code == 400
    assert client.get(lms.login_initiation_url("lms-user-1", hint="rl-1")).status_code == 400
    assert logged_in(client) is None and not LtiUser.objects.exists()


def test_a_launch_for_another_client_id_of_the_issuer_is_refused(client, lms, case_version):
    initiation = client.get(lms.login_initiation_url("lms-user-1", hint="rl-1"))
    # The LMS signs the token for another tool of its own (aud), as if the login were for it.
    lms.config._registration.set_client_id("another-tool")
    redirect = with_param(initiation["Location"], client_id="another-tool")
    form = lms.launch(redirect, sub="lms-user-1", roles=[LEARNER])
    assert client.post("/lti/lancering/", form).status_code == 400
    assert logged_in(client) is None


def test_a_login_without_client_id_uses_the_registration_its_url_names(
    client, mocked, case_version
):
    # Two registrations of one issuer: client_id is optional at login initiation (LTI 1.3
    # Core), the login URL names the registration.
    register("ROC A", client_id="tool-a")
    second = register("ROC B", client_id="tool-b")
    lms = Lms(client, str(second.uuid), mocked, client_id="tool-b")
    url = without_param(lms.login_initiation_url("lms-user-1", hint="rl-1"), "client_id")
    assert "client_id" not in parse_qs(urlsplit(url).query)
    initiation = client.get(url)
    assert initiation.status_code == 302
    assert parse_qs(urlsplit(initiation["Location"]).query)["client_id"] == ["tool-b"]
    form = lms.launch(
        initiation["Location"], sub="lms-user-1", roles=[LEARNER], custom=case_custom(case_version)
    )
    assert client.post("/lti/lancering/", form).status_code == 302
    assert LtiUser.objects.get().registration == second
    assert logged_in(client) is not None


def test_a_login_without_client_id_opens_no_registration_of_another_issuer_or_inactive(
    client, lms, registration
):
    url = without_param(lms.login_initiation_url("lms-user-1", hint="rl-1"), "client_id")
    other_issuer = with_param(url, iss="https://other-lms.example.test")
    assert client.get(other_issuer).status_code == 400
    registration.is_active = False
    registration.save()
    answer = client.get(url)
    assert answer.status_code == 400 and "Location" not in answer


# --- replay ----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_same_launch_posted_twice_at_once_logs_in_once(lms, case_version):
    browser = Client(raise_request_exception=False)
    lms.client = browser
    initiation = browser.get(lms.login_initiation_url("lms-user-1", hint="rl-1"))
    form = lms.launch(
        initiation["Location"], sub="lms-user-1", roles=[LEARNER], custom=case_custom(case_version)
    )
    cookies = browser.cookies

    def post(_index):
        own = Client(raise_request_exception=False)
        own.cookies = cookies.__class__(cookies)
        return own.post("/lti/lancering/", form).status_code

    assert sorted(run_at_once(2, post)) == [302, 403]
    assert UsedLaunchValue.objects.filter(kind="nonce").count() == 1


def test_used_values_older_than_a_nonces_lifetime_are_forgotten(client, lms, case_version):
    old = UsedLaunchValue.objects.create(kind="nonce", value="old")
    recent = UsedLaunchValue.objects.create(kind="nonce", value="recent")
    UsedLaunchValue.objects.filter(pk=old.pk).update(
        used_at=timezone.now() - KEPT_FOR - timedelta(minutes=1)
    )
    UsedLaunchValue.objects.filter(pk=recent.pk).update(
        used_at=timezone.now() - KEPT_FOR + timedelta(minutes=5)
    )
    browser_launch(client, lms, custom=case_custom(case_version))
    kept = set(UsedLaunchValue.objects.values_list("value", flat=True))
    assert "old" not in kept and "recent" in kept and len(kept) == 3


# --- deep linking ------------------------------------------------------------------------------


def _choice(client, lms, **kw):
    answer, _form = browser_launch(
        client,
        lms,
        sub="teacher-1",
        roles=(INSTRUCTOR,),
        resource_link=None,
        deep_linking=True,
        **kw,
    )
    assert answer.status_code == 200, answer.content
    return re.search(r'name="launch" value="([^"]+)"', answer.content.decode())[1]


def test_only_the_offered_activities_can_be_picked(client, lms, case_version):
    from tests.factories.cases import CaseVersionFactory as DraftCaseVersionFactory

    draft = DraftCaseVersionFactory(status=CaseVersionStatus.DRAFT)
    exam_only = CaseVersionFactory(exam_only=True)
    launch = _choice(client, lms)
    for forged in (
        f"case:{draft.case.slug}",
        f"case:{exam_only.case.slug}",
        "case:does-not-exist",
        "reference_calculation:1",
    ):
        answer = client.post("/lti/activiteiten-kiezen/", {"launch": launch, "activity": forged})
        assert answer.status_code == 400, forged
        assert 'name="JWT"' not in answer.content.decode()
    ok = client.post(
        "/lti/activiteiten-kiezen/",
        {
            "launch": launch,
            "activity": [f"case:{case_version.case.slug}", f"case:{draft.case.slug}"],
        },
    )
    assert ok.status_code == 200
    jwt = unescape(re.search(r'name="JWT" value="([^"]+)"', ok.content.decode())[1])
    assert [i["custom"]["slug"] for i in lms.accept_deep_linking_response(jwt)] == [
        case_version.case.slug
    ]


def test_the_choice_refuses_without_a_deep_linking_launch(client, lms, case_version, assessor):
    client.force_login(assessor)
    assert client.get("/lti/activiteiten-kiezen/").status_code == 403
    assert (
        client.post("/lti/activiteiten-kiezen/", {"activity": "practice_variants"}).status_code
        == 403
    )
    assert (
        client.post(
            "/lti/activiteiten-kiezen/", {"launch": "not-a-launch", "activity": "practice_variants"}
        ).status_code
        == 403
    )
    # A resource launch's id is no deep-linking launch.
    client.logout()
    browser_launch(client, lms, sub="t-1", roles=(INSTRUCTOR,), custom=case_custom(case_version))
    resource_launch = client.session["_lti_tool_launch_id"]
    answer = client.post(
        "/lti/activiteiten-kiezen/", {"launch": resource_launch, "activity": "practice_variants"}
    )
    assert answer.status_code == 403


def test_on_https_the_launch_cookies_are_samesite_none_and_the_choice_is_bound_to_the_browser(
    client, lms, case_version
):
    lms.config._registration.set_launch_url(SECURE_LAUNCH_URL)
    initiation = client.get(lms.login_initiation_url("teacher-1", hint="rl-1"), secure=True)
    assert initiation.status_code == 302
    lti_cookies = [c for name, c in initiation.cookies.items() if name.startswith("lti1p3-")]
    assert {c.key.split("-")[1] for c in lti_cookies} == {"state", "session"}
    for cookie in lti_cookies:
        assert cookie["samesite"] == "None" and cookie["secure"] and cookie["httponly"]
    form = lms.launch(
        initiation["Location"],
        sub="teacher-1",
        roles=[INSTRUCTOR],
        resource_link=None,
        deep_linking=True,
    )
    answer = client.post("/lti/lancering/", form, secure=True)
    assert answer.status_code == 200
    launch = re.search(r'name="launch" value="([^"]+)"', answer.content.decode())[1]
    # The platform's own session cookie is untouched by the flow (it stays SameSite=Lax).
    assert "sessionid" not in answer.cookies
    pick = {"launch": launch, "activity": "practice_variants"}
    # Another browser with the launch's id gets nothing.
    assert Client().post("/lti/activiteiten-kiezen/", pick, secure=True).status_code == 403
    stranger = Client()
    stranger.cookies["lti1p3-session-id"] = "someone-else"
    assert stranger.post("/lti/activiteiten-kiezen/", pick, secure=True).status_code == 403
    assert client.post("/lti/activiteiten-kiezen/", pick, secure=True).status_code == 200


def test_a_resource_launch_on_https_sets_a_lax_session_cookie(client, lms, case_version):
    lms.config._registration.set_launch_url(SECURE_LAUNCH_URL)
    answer, _form = browser_launch(client, lms, secure=True, custom=case_custom(case_version))
    assert answer.status_code == 302
    assert answer.cookies["sessionid"]["samesite"] == "Lax"


# --- login initiation throttle ----------------------------------------------------------------


def test_the_login_initiation_is_throttled_per_address_and_a_launch_from_another_still_works(
    client, lms, case_version
):
    allowed, _seconds = ScopedRateThrottle().parse_rate(
        settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["lti_login"]
    )
    flooder = Client(REMOTE_ADDR="203.0.113.9")
    url = lms.login_initiation_url("lms-user-1", hint="rl-1")
    with mock.patch.object(
        SessionService, "save_nonce", autospec=True, side_effect=SessionService.save_nonce
    ) as save_nonce:
        for _ in range(allowed):
            assert flooder.get(url).status_code == 302
        refused = flooder.get(url)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Te veel aanmeldingen vanaf dit adres" in refused.content.decode()
    assert "Location" not in refused
    assert save_nonce.call_count == allowed  # the refused one stored no nonce
    # A trainee at another address launches as ever.
    answer, _form = browser_launch(client, lms, custom=case_custom(case_version))
    assert answer.status_code == 302 and logged_in(client) is not None


# --- grade passback ---------------------------------------------------------------------------


def _trainee_attempt(client, lms, case_version, assessor, line_item):
    browser_launch(client, lms, custom=case_custom(case_version), line_item=line_item)
    trainee = logged_in(client)
    cohort = CohortLink.objects.get().cohort
    cohort.assessors.add(assessor)
    trainee.case_attempts.all().delete()
    return finished_attempt(trainee=trainee, cohort=cohort, case_version=case_version)


def test_a_resend_never_sends_a_grade_a_correction_replaced(
    client, lms, case_version, assessor, django_capture_on_commit_callbacks
):
    line_item = lms.add_line_item("Casus")
    attempt = _trainee_attempt(client, lms, case_version, assessor, line_item)
    column = lms.state.line_items.pop(line_item)  # the LMS is away: the first send fails
    with django_capture_on_commit_callbacks(execute=True):
        grade = released_grade(attempt, assessor)
    assert ScoreSend.objects.get().status == ScoreSend.Status.FAILED
    lms.state.line_items[line_item] = column
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.grade_correct(grade=grade, by=assessor, reason="Herzien")
        draft = services.grade_autosave(
            grade=draft, by=assessor, revision=draft.revision, rubric={}, comment="Herzien."
        )
        corrected = services.grade_release(
            grade=services.grade_sign(grade=draft, by=assessor), by=assessor
        )
    [sent] = lms.state.scores[line_item]
    assert sent["scoreGiven"] == float(corrected.score)
    # The old grade's failed send is closed by the newer send, and neither queued nor sent again.
    assert ScoreSend.objects.get(grade=grade).status == ScoreSend.Status.SUPERSEDED
    with mock.patch.object(grade_passback, "send_scores") as task:
        call_command("lti_resend_scores", stdout=StringIO())
    task.enqueue.assert_not_called()
    call_command("lti_resend_scores", stdout=StringIO())
    assert lms.state.scores[line_item] == [sent]


def test_a_resent_score_closes_its_failed_send_and_is_not_queued_again(
    client, lms, case_version, assessor, django_capture_on_commit_callbacks
):
    line_item = lms.add_line_item("Casus")
    attempt = _trainee_attempt(client, lms, case_version, assessor, line_item)
    column = lms.state.line_items.pop(line_item)  # the LMS is away: the send fails
    with django_capture_on_commit_callbacks(execute=True):
        released_grade(attempt, assessor)
    failed = ScoreSend.objects.get()
    assert failed.status == ScoreSend.Status.FAILED
    lms.state.line_items[line_item] = column
    out = StringIO()
    call_command("lti_resend_scores", stdout=out)  # the LMS is back: sent now
    assert "1 cijfer(s) opnieuw in de wachtrij" in out.getvalue()
    [sent] = lms.state.scores[line_item]
    failed.refresh_from_db()
    assert failed.status == ScoreSend.Status.SUPERSEDED
    assert ScoreSend.objects.exclude(pk=failed.pk).get().status == ScoreSend.Status.SENT
    with mock.patch.object(grade_passback, "send_scores") as task:
        call_command("lti_resend_scores", stdout=StringIO())
    task.enqueue.assert_not_called()
    assert lms.state.scores[line_item] == [sent]


def test_a_line_item_of_another_course_is_not_taken_over(
    client, mocked, case_version, assessor, django_capture_on_commit_callbacks
):
    first = register("ROC A")
    second = register("ROC B", issuer="https://other-lms.example.test")
    lms_a = Lms(client, str(first.uuid), mocked)
    lms_b = Lms(client, str(second.uuid), mocked, issuer="https://other-lms.example.test")
    line_item = lms_a.add_line_item("Casus")
    attempt = _trainee_attempt(client, lms_a, case_version, assessor, line_item)
    client.logout()
    # Platform B names A's line item URL in its own launch.
    browser_launch(client, lms_b, sub="b-1", custom=case_custom(case_version), line_item=line_item)
    assert LtiLineItem.objects.get(url=line_item).context.deployment.registration == first
    with django_capture_on_commit_callbacks(execute=True):
        released_grade(attempt, assessor)
    assert len(lms_a.state.scores[line_item]) == 1


def test_no_score_goes_to_a_course_the_trainee_is_not_in(
    client, lms, case_version, assessor, django_capture_on_commit_callbacks
):
    from lti_tool.models import LtiContext

    line_item = lms.add_line_item("Casus")
    attempt = _trainee_attempt(client, lms, case_version, assessor, line_item)
    # Another course of the same LMS, linked by the administrator to the same cohort.
    mine = CohortLink.objects.get()
    other = LtiContext.objects.create(
        deployment=mine.context.deployment, id_on_platform="course-8", can_publish_scores=True
    )
    CohortLink.objects.create(context=other, cohort=mine.cohort)
    foreign = f"{lms.lineitems_url}/99"
    LtiLineItem.objects.create(
        context=other,
        url=foreign,
        maximum_score=100,
        label="Casus",
        resource_link=mine.context.resource_links.get(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        released_grade(attempt, assessor)
    assert not ScoreSend.objects.filter(line_item__url=foreign).exists()
    assert ScoreSend.objects.get().line_item.url == line_item
