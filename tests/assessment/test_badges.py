"""Open Badges 3.0 credentials (issue #18 item 2): issued when a released grade meets a rule,
idempotent, verifiable by anyone, tamper-evident, revocable through the status list, baked into a
PNG, valid against the vendored OB 3.0 schema."""

import base64
import json
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Permission
from django.urls import resolve, reverse

from assessment import services
from assessment.badges import keys, status_list
from assessment.badges.baking import KEYWORD, unbake
from assessment.badges.issuing import RevocationRefused, issue, revoke
from assessment.badges.verification import schema_errors, verify
from assessment.models import BadgeRule, BadgeRuleKind, IssuedCredential
from content.case_identifiers import identifier
from tests.factories.assessment import finished_attempt, released_grade, signed_grade

pytestmark = pytest.mark.django_db


def _with_payload(jws: str, change) -> str:
    header, payload, signature = jws.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    change(claims)
    raw = json.dumps(claims, separators=(",", ":")).encode()
    return ".".join([header, base64.urlsafe_b64encode(raw).decode().rstrip("="), signature])


def test_no_badge_before_the_grade_is_released_then_one_on_release(
    attempt, assessor, trainee, exam_rule, django_capture_on_commit_callbacks
):
    grade = signed_grade(attempt, assessor)
    assert issue(exam_rule, trainee) is None
    with django_capture_on_commit_callbacks(execute=True):
        services.grade_release(grade=grade, by=assessor)
    row = IssuedCredential.objects.get(rule=exam_rule, trainee=trainee)
    assert row.grade_id == grade.pk
    assert row.credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]


def test_a_failed_grade_gives_no_badge(
    trainee, cohort, case_version, assessor, exam_rule, django_capture_on_commit_callbacks
):
    attempt = finished_attempt(
        trainee=trainee,
        cohort=cohort,
        case_version=case_version,
        submission="radar-calibration-forgotten",
    )
    with django_capture_on_commit_callbacks(execute=True):
        grade = released_grade(attempt, assessor)
    assert grade.passed is False
    assert not IssuedCredential.objects.exists()


def test_issuing_is_idempotent_per_rule_and_trainee(issued, exam_rule, trainee):
    assert issue(exam_rule, trainee).pk == issued.pk
    assert IssuedCredential.objects.filter(rule=exam_rule, trainee=trainee).count() == 1


def test_the_credential_verifies_and_validates_against_the_ob3_schema(issued):
    assert schema_errors(issued.credential) == []
    result = verify(issued.jws)
    assert result.valid, result.checks
    assert not result.revoked
    assert result.credential == issued.credential


def test_the_achievement_is_aligned_to_the_profile_items_as_case_cfitems(issued):
    achievement = issued.credential["credentialSubject"]["achievement"]
    codes = {row["targetCode"] for row in achievement["alignment"]}
    assert identifier("work_process", "1.1") in codes
    assert identifier("competence_area", "analyseren-en-interpreteren") in codes
    for row in achievement["alignment"]:
        assert row["targetType"] == "CFItem"
        match = resolve(urlparse(row["targetUrl"]).path)
        assert match.url_name == "case-cfitem"
        assert match.kwargs["identifier"] == row["targetCode"]


def test_the_result_holds_the_level_per_rubric_criterion(issued):
    subject = issued.credential["credentialSubject"]
    described = {row["id"]: row for row in subject["achievement"]["resultDescription"]}
    by_name = {}
    for result in subject["result"]:
        description = described[result["resultDescription"]]
        assert result["achievedLevel"] in {lvl["id"] for lvl in description["rubricCriterionLevel"]}
        by_name[description["name"]] = result["value"]
    for slug, level in issued.grade.rubric.items():
        from assessment.rubric import AREA_BY_SLUG

        assert by_name[AREA_BY_SLUG[slug].name] == str(level)


def test_a_credential_with_one_changed_field_does_not_verify(issued):
    tampered = _with_payload(
        issued.jws, lambda claims: claims["credentialSubject"].update(name="Iemand Anders")
    )
    result = verify(tampered)
    assert not result.valid
    assert any(check.name == "signature" and not check.ok for check in result.checks)
    # The JSON copy: as issued it verifies; with one field changed it does not.
    assert verify(json.dumps(issued.credential)).valid
    changed = json.loads(json.dumps(issued.credential))
    changed["validFrom"] = "2020-01-01T00:00:00Z"
    assert not verify(json.dumps(changed)).valid


def test_a_revoked_credential_says_so_everywhere(issued, client, admin_user):
    with pytest.raises(RevocationRefused):
        revoke(issued, by=admin_user, reason="  ")
    revoke(issued, by=admin_user, reason="Fraude bij het examen vastgesteld.")
    result = verify(issued.jws)
    assert not result.valid and result.revoked
    assert result.revoked_reason == "Fraude bij het examen vastgesteld."
    answer = client.get(reverse("badges:verify_json", args=[issued.uuid])).json()
    assert answer["valid"] is False and answer["revoked"] is True
    page = client.get(reverse("badges:verify_page", args=[issued.uuid]))
    assert "Ingetrokken" in page.content.decode()
    # The served status list is signed, and has the credential's bit set.
    token = client.get(reverse("badges:status_list", args=[1])).content.decode()
    listed = verify(token)
    assert any(c.name == "signature" and c.ok for c in listed.checks)
    encoded = listed.credential["credentialSubject"]["encodedList"]
    assert status_list.is_set(encoded, issued.status_index)
    assert not status_list.is_set(encoded, issued.status_index + 1)


def test_the_png_carries_the_credential_and_round_trips(issued, client, trainee):
    client.force_login(trainee)
    response = client.get(reverse("badges:download_png", args=[issued.uuid]))
    assert response["Content-Type"] == "image/png"
    png = response.content
    assert b"iTXt" + KEYWORD.encode() in png
    baked = unbake(png)
    assert baked == issued.jws
    assert verify(baked).valid
    downloaded = client.get(reverse("badges:download_json", args=[issued.uuid]))
    assert json.loads(downloaded.content) == issued.credential


@pytest.mark.parametrize("name", ["download_json", "download_jwt", "download_png"])
def test_a_badge_downloads_for_whoever_may_see_the_trainees_work_only(
    issued,
    client,
    client_for,
    trainee,
    other_trainee,
    assessor,
    outsider_assessor,
    editor,
    admin_user,
    name,
):
    # The platform's one rule of who sees an attempt (attempts_visible_to), no copy of it.
    url = reverse(f"badges:{name}", args=[issued.uuid])
    assert client.get(url).status_code == 302  # to the login
    for allowed in (trainee, assessor, admin_user):
        assert client_for(allowed).get(url).status_code == 200, allowed
    for refused in (other_trainee, outsider_assessor, editor):
        assert client_for(refused).get(url).status_code == 404, refused


def test_a_badge_is_not_downloaded_by_an_assessor_of_the_trainees_other_organisation(
    issued, client_for, trainee, other_cohort, outsider_assessor
):
    # The trainee is also in organisation B's cohort; the credential rests on an attempt filed
    # in cohort A, so B's assessor, who sees the trainee's work in B, does not get it.
    other_cohort.trainees.add(trainee)
    url = reverse("badges:download_json", args=[issued.uuid])
    assert client_for(outsider_assessor).get(url).status_code == 404


def test_keys_rotate_and_old_credentials_still_verify(issued, client):
    old_kid = issued.key.kid
    keys.rotate()
    assert verify(issued.jws).valid
    published = client.get(reverse("badges:jwks")).json()["keys"]
    assert {key["kid"] for key in published} >= {old_kid, keys.signing_key().kid}
    assert all("d" not in key for key in published)


def test_anyone_checks_a_pasted_credential(issued, client):
    good = client.post(
        reverse("badges:verify_submitted_json"), issued.jws, content_type="text/plain"
    )
    assert good.json()["valid"] is True
    bad = client.post(
        reverse("badges:verify_submitted_json"),
        {"credential": issued.jws[:-4] + "AAAA"},
        content_type="application/json",
    )
    assert bad.json()["valid"] is False
    page = client.post(reverse("badges:verify_submitted"), {"credential": ""})
    assert "Plak de credential" in page.content.decode()


def test_only_the_exam_board_revokes(issued, client, trainee, assessor):
    url = reverse("badges:revoke", args=[issued.uuid])
    client.force_login(trainee)
    assert client.post(url, {"reason": "x"}).status_code == 404
    assessor.user_permissions.add(
        Permission.objects.get(content_type__app_label="assessment", codename="exam_board")
    )
    client.force_login(assessor)
    refused = client.post(url, {"reason": ""})
    assert "Geef een reden" in refused.content.decode()
    assert client.post(url, {"reason": "Ten onrechte uitgegeven."}).status_code == 302
    issued.refresh_from_db()
    assert issued.revoked_by == assessor


def test_the_public_page_names_nobody_but_checks_the_holders_email(issued, client, trainee):
    url = reverse("badges:verify_page", args=[issued.uuid])
    page = client.get(url).content.decode()
    assert "Echt en geldig" in page
    assert trainee.get_full_name() not in page and trainee.email not in page
    assert (
        "hoort bij de houder" in client.get(url, {"email": trainee.email.upper()}).content.decode()
    )
    assert "hoort niet bij" in client.get(url, {"email": "iemand@example.com"}).content.decode()


def test_a_work_process_rule_is_met_only_at_its_level(
    trainee, assessor, attempt, django_capture_on_commit_callbacks
):
    from assessment.badges.rules import evaluate, released_grades, work_process_levels

    with django_capture_on_commit_callbacks(execute=True):
        released_grade(attempt, assessor)
    levels = work_process_levels(released_grades(trainee))
    reached = min(level or 0 for level in levels.values())
    rule = BadgeRule.objects.create(
        slug="wp",
        name="Werkprocessen",
        description="Alle vier.",
        criteria="Alle vier op niveau.",
        kind=BadgeRuleKind.WORK_PROCESSES_LEVEL,
        min_level=max(reached, 1),
    )
    assert evaluate(rule, trainee).met is (reached >= 1)
    rule.min_level = reached + 1
    if reached < 4:
        assert evaluate(rule, trainee).met is False
        assert issue(rule, trainee) is None


def test_a_competency_badge_validates_and_an_expired_one_says_so(trainee, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from assessment.badges import verification
    from assessment.badges.issuing import store
    from assessment.badges.rules import Outcome

    rule = BadgeRule.objects.create(
        slug="wp-3",
        name="Werkprocessen op niveau",
        description="Alle vier werkprocessen op niveau 3.",
        criteria="Niveau 3 of hoger.",
        kind=BadgeRuleKind.WORK_PROCESSES_LEVEL,
        valid_months=12,
    )
    levels = {"1.1": 3, "1.2": 4, "1.3": 3, "1.4": 3}
    row = store(rule, trainee, Outcome(met=True, work_process_levels=levels))
    assert row.credential["credentialSubject"]["achievement"]["achievementType"] == "Competency"
    assert schema_errors(row.credential) == []
    assert verify(row.jws).valid
    later = timezone.now() + timedelta(days=400)
    monkeypatch.setattr(verification.timezone, "now", lambda: later)
    result = verify(row.jws)
    assert result.expired and not result.valid
