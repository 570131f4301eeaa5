"""The Open Badges credentials (issue #18 item 2) as an outsider probes them: who takes which
credential home, that no id leads from one credential to another, that a forged, foreign,
changed, expired or revoked credential says so, that the public verification takes garbage
without a server error and is no oracle for e-mail addresses, and that an exam certificate's
facts are the exam's (the review of 2026-12; docs/decisions.md, "Open Badges 3.0")."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import struct
import uuid
import zlib

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from joserfc import jws
from joserfc.jwk import RSAKey
from PIL import Image

from assessment.badges import keys, status_list
from assessment.badges.baking import MAX_PNG_BYTES, bake
from assessment.badges.issuing import issue, revoke, store
from assessment.badges.links import key_id
from assessment.badges.rules import Outcome, released_grades, work_process_levels
from assessment.badges.signing import jwt_claims
from assessment.badges.urls import urlpatterns
from assessment.badges.verification import verify
from assessment.models import BadgeRule, BadgeRuleKind, Grade, IssuedCredential
from tests.factories.assessment import CaseVersionFactory, finished_attempt, released_grade

pytestmark = pytest.mark.django_db

VERIFY_JSON = "badges:verify_submitted_json"


def _level_rule(slug: str = "werkprocessen") -> BadgeRule:
    return BadgeRule.objects.create(
        slug=slug,
        name="Werkprocessen op niveau",
        description="Alle vier werkprocessen op niveau.",
        criteria="Niveau 3 of hoger.",
        kind=BadgeRuleKind.WORK_PROCESSES_LEVEL,
    )


def _store(trainee, rule: BadgeRule | None = None) -> IssuedCredential:
    levels = {"1.1": 3, "1.2": 3, "1.3": 4, "1.4": 3}
    return store(rule or _level_rule(), trainee, Outcome(met=True, work_process_levels=levels))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _checks(result) -> dict[str, bool]:
    return {check.name: check.ok for check in result.checks}


# Ids


def test_no_route_names_a_credential_by_anything_but_its_random_uuid(issued, other_trainee):
    # given two credentials issued one after the other
    other = _store(other_trainee)
    # then each is named by a random (version 4) UUID, not by a counter
    assert issued.uuid.version == 4 and other.uuid.version == 4
    assert int(other.uuid) != int(issued.uuid) + 1
    # and no route of the badges takes a database key or a status index
    parameters = {
        name: str(pattern.pattern.converters[name].__class__.__name__)
        for pattern in urlpatterns
        if isinstance(pattern, URLPattern)
        for name in pattern.pattern.converters
    }
    assert parameters == {
        "credential_uuid": "UUIDConverter",
        "slug": "SlugConverter",  # the achievement: public, names no trainee
        "list_id": "IntConverter",  # the one status list: public
    }


# Forged, foreign, changed


def test_a_credential_signed_with_a_key_we_do_not_publish_fails(issued):
    foreign = RSAKey.generate_key(2048, private=True)
    claims = jwt_claims(issued.credential)
    payload = json.dumps(claims).encode()
    # under the foreign key's own id: not a key of this issuer
    token = jws.serialize_compact(
        {"alg": "RS256", "kid": key_id(foreign.thumbprint()), "typ": "JWT"}, payload, foreign
    )
    assert _checks(verify(token)) == {"key": False}
    # under our key's id: the signature does not match our key
    token = jws.serialize_compact(
        {"alg": "RS256", "kid": key_id(issued.key.kid), "typ": "JWT"}, payload, foreign
    )
    result = verify(token)
    assert _checks(result) == {"signature": False} and result.credential is None


@pytest.mark.parametrize("alg", ["HS256", "none", "RS512", "ES256"])
def test_no_other_algorithm_is_taken_not_even_with_our_public_key_as_secret(issued, alg):
    # The classic confusion: HS256 keyed with the published RSA key.
    header = _b64(json.dumps({"alg": alg, "kid": key_id(issued.key.kid)}).encode())
    payload = _b64(json.dumps(jwt_claims(issued.credential)).encode())
    secret = json.dumps(issued.key.public_jwk, sort_keys=True).encode()
    mac = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    result = verify(f"{header}.{payload}.{_b64(mac) if alg != 'none' else ''}")
    assert not result.valid and result.credential is None
    assert _checks(result) == {"key": False}


def test_a_changed_json_copy_is_neither_shown_nor_looked_into(issued, other_trainee, admin_user):
    # given another trainee's credential, revoked with a reason
    other = _store(other_trainee)
    revoke(other, by=admin_user, reason="Fraude vastgesteld bij kandidaat X.")
    # when someone hands in our credential's JSON pointed at the other one's place in the list
    changed = json.loads(json.dumps(issued.credential))
    changed["credentialSubject"]["result"][0]["value"] = "4"
    changed["credentialStatus"]["statusListIndex"] = str(other.status_index)
    result = verify(json.dumps(changed))
    # then it is refused as changed, and nothing of it, nor of the other, comes back
    assert _checks(result) == {"signature": True, "claims": True, "issued": False}
    assert result.credential is None and not result.revoked and result.revoked_reason == ""
    answer = Client().post(reverse(VERIFY_JSON), changed, content_type="application/json")
    assert answer.status_code == 200
    assert answer.json()["credential"] is None
    assert "Fraude" not in answer.content.decode()
    page = Client().post(reverse("badges:verify_submitted"), {"credential": json.dumps(changed)})
    assert "Wijkt af van het ondertekende exemplaar" in page.content.decode()
    assert "<h2>Examen behaald</h2>" not in page.text  # only the pasted text comes back


def test_the_reason_of_a_revoked_credential_is_its_own(issued, other_trainee, admin_user):
    other = _store(other_trainee)
    revoke(other, by=admin_user, reason="Ten onrechte uitgegeven.")
    revoke(issued, by=admin_user, reason="Fraude bij het examen.")
    assert verify(issued.jws).revoked_reason == "Fraude bij het examen."
    assert verify(other.jws).revoked_reason == "Ten onrechte uitgegeven."


# Expiry, revocation, the status list, key rotation


def test_an_expired_credential_says_so_on_the_page_and_in_json(issued, client, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from assessment.badges import verification

    later = timezone.now() + timedelta(days=61 * 31)
    monkeypatch.setattr(verification.timezone, "now", lambda: later)
    answer = client.get(reverse("badges:verify_json", args=[issued.uuid])).json()
    assert answer["valid"] is False and answer["expired"] is True
    assert "Verlopen" in client.get(reverse("badges:verify_page", args=[issued.uuid])).text


def test_the_status_list_cannot_be_changed_from_outside(issued, client):
    url = reverse("badges:status_list", args=[1])
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(url).status_code == 405
    assert client.get(reverse("badges:status_list", args=[2])).status_code == 404
    # A list with a bit set by someone else no longer carries the issuer's signature.
    token = client.get(url).content.decode()
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["encodedList"] = status_list.encode({issued.status_index})
    forged = ".".join([header, _b64(json.dumps(claims).encode()), signature])
    assert _checks(verify(token))["signature"] is True
    assert _checks(verify(forged)) == {"signature": False}
    # and revoking is the exam board's page alone, behind the login and CSRF
    anonymous = Client(enforce_csrf_checks=True)
    answer = anonymous.post(reverse("badges:revoke", args=[issued.uuid]), {"reason": "x"})
    assert answer.status_code in (302, 403)
    assert not IssuedCredential.objects.get(pk=issued.pk).is_revoked


def test_after_two_rotations_every_credential_still_verifies(issued, other_trainee):
    first_kid = issued.key.kid
    keys.rotate()
    second = _store(other_trainee)
    keys.rotate()
    assert second.key.kid != first_kid
    assert verify(issued.jws).valid and verify(second.jws).valid
    assert IssuedCredential.objects.get(pk=second.pk).key.retired_at is not None


# Input to the public verification


def _png(width: int = 8, height: int = 8, text: dict[str, str] | None = None) -> bytes:
    out = io.BytesIO()
    info = None
    if text:
        from PIL import PngImagePlugin

        info = PngImagePlugin.PngInfo()
        for key, value in text.items():
            info.add_itxt(key, value)
    Image.new("RGB", (width, height)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def _claimed_size_png(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge image (a decompression bomb's first bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


GARBAGE = [
    pytest.param("text/plain", "{" * 5000, id="unclosed-braces"),
    pytest.param("text/plain", '{"a":' * 900 + "1" + "}" * 900, id="deep-object"),
    pytest.param("application/json", "[" * 3000 + "]" * 3000, id="deep-array"),
    pytest.param("application/json", '{"credential": ' * 900 + '""' + "}" * 900, id="deep-wrap"),
    pytest.param("application/json", '{"id": NaN}', id="nan"),
    pytest.param("text/plain", '{"id": 1e999}', id="infinity"),
    pytest.param("application/json", '{"id": "urn:uuid:\\ud800"}', id="lone-surrogate"),
    pytest.param("application/json", '{"credential": "\\u0000"}', id="nul"),
    pytest.param("application/json", '{"credential": 12}', id="not-a-credential"),
    pytest.param("text/plain", "a.b.c", id="three-dots"),
    pytest.param("text/plain", _b64(b"[1]") + ".e30.AAAA", id="header-a-list"),
    pytest.param("text/plain", _b64(b'{"alg":["RS256"],"kid":{"a":1}}') + ".e30.A", id="odd-hdr"),
    pytest.param("application/vc+jwt", "ey" + "A" * 150_000, id="long-junk"),
    pytest.param("application/json", "[]", id="empty-list"),
]


@pytest.mark.parametrize(("content_type", "body"), GARBAGE)
def test_garbage_gets_a_dutch_answer_and_never_a_server_error(client, content_type, body):
    answer = client.post(reverse(VERIFY_JSON), body, content_type=content_type)
    assert answer.status_code in (200, 400), answer.content[:300]
    data = answer.json()
    if answer.status_code == 200:
        assert data["valid"] is False and data["credential"] is None
        assert all(check["message"] for check in data["checks"])
    else:
        [error] = data["errors"]
        assert error["path"] == "credential" and error["message"]
    page = client.post(reverse("badges:verify_submitted"), {"credential": body[:190_000]})
    assert page.status_code == 200
    assert "Echt en geldig" not in page.text


def test_bytes_that_are_not_utf8_and_types_we_do_not_read_are_refused(client):
    answer = client.post(reverse(VERIFY_JSON), b"\xff\xfe\x00", content_type="text/plain")
    assert answer.status_code == 400 and "UTF-8" in answer.json()["errors"][0]["message"]
    answer = client.post(reverse(VERIFY_JSON), b"GIF89a", content_type="image/gif")
    assert answer.status_code == 415


def test_the_size_of_what_is_handed_in_is_bounded(client):
    answer = client.post(reverse(VERIFY_JSON), "e" * 200_001, content_type="text/plain")
    assert answer.status_code == 413
    assert answer.json()["errors"][0]["message"] == "Te groot voor een credential."
    page = client.post(reverse("badges:verify_submitted"), {"credential": "e" * 200_001})
    assert "te lang voor een credential" in page.text
    big = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * MAX_PNG_BYTES)
    big.name = "groot.png"
    page = client.post(reverse("badges:verify_submitted"), {"badge": big})
    assert "Dit is geen PNG-bestand van hoogstens 1000 kB." in page.text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a" + b"\x00" * 20, "Dit is geen PNG-bestand"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "Dit is geen PNG-bestand"),
        (_claimed_size_png(100_000, 100_000), "Dit is geen PNG-bestand"),
        (_png(), "draagt geen credential"),
        (_png(text={"openbadgecredential": "geen.echte.jws"}), "Dit is geen ondertekende"),
    ],
    ids=["gif", "broken", "bomb-header", "plain-png", "png-with-junk"],
)
def test_an_uploaded_png_that_is_no_badge_is_refused_in_dutch(client, content, message):
    upload = io.BytesIO(content)
    upload.name = "badge.png"
    page = client.post(reverse("badges:verify_submitted"), {"badge": upload})
    assert page.status_code == 200 and message in page.text
    answer = client.post(reverse(VERIFY_JSON), content, content_type="image/png")
    assert answer.status_code in (200, 400)
    assert message in answer.content.decode()


def test_the_baked_png_verifies_when_uploaded(issued, client):
    png = bake(issued.jws, issued.rule.name)
    upload = io.BytesIO(png)
    upload.name = "badge.png"
    page = client.post(reverse("badges:verify_submitted"), {"badge": upload})
    assert "Echt en geldig" in page.text
    answer = client.post(reverse(VERIFY_JSON), png, content_type="image/png")
    assert answer.json()["valid"] is True


# No oracle for e-mail addresses


def test_checking_email_addresses_is_throttled_per_client(issued, trainee):
    url = reverse("badges:verify_page", args=[issued.uuid])
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for number in range(10):
        page = guesser.get(url, {"email": f"gok{number}@example.com"})
        assert page.status_code == 200 and "hoort niet bij de houder" in page.text
    # the eleventh address, even the right one and behind a forged X-Forwarded-For, is not
    # checked: the answer says neither yes nor no
    page = guesser.get(url, {"email": trainee.email}, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert page.status_code == 429 and int(page["Retry-After"]) > 0
    assert "Te veel controles" in page.text and "hoort bij de houder" not in page.text
    # the page itself stays open, and another client checks as before
    assert guesser.get(url).status_code == 200
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert "hoort bij de houder" in other.get(url, {"email": trainee.email}).text


def test_checking_pasted_credentials_is_throttled_per_client(issued):
    client = Client(REMOTE_ADDR="203.0.113.10")
    for _number in range(30):
        answer = client.post(reverse(VERIFY_JSON), issued.jws, content_type="text/plain")
        assert answer.status_code == 200
    answer = client.post(reverse(VERIFY_JSON), issued.jws, content_type="text/plain")
    assert answer.status_code == 429
    assert answer.json()["errors"][0]["message"].startswith("Te veel controles")
    page = client.post(reverse("badges:verify_submitted"), {"credential": issued.jws})
    assert page.status_code == 429 and "Echt en geldig" not in page.text


def test_the_public_answers_name_nobody(issued, client, trainee):
    named = (trainee.get_full_name(), trainee.username, trainee.email)
    for url in (
        reverse("badges:verify_page", args=[issued.uuid]),
        reverse("badges:verify_json", args=[issued.uuid]),
    ):
        text = client.get(url).content.decode()
        assert not [name for name in named if name and name in text]
    subject = issued.credential["credentialSubject"]
    assert set(subject) == {"id", "type", "achievement", "result", "identifier"}
    assert str(uuid.UUID(subject["id"].removeprefix("urn:uuid:"))) != str(trainee.pk)
    [identity] = subject["identifier"]
    assert identity["hashed"] is True and trainee.email not in json.dumps(identity)


# The facts


def test_an_exam_certificate_carries_the_exam_grades_levels_not_the_best_of_practice(
    trainee, cohort, assessor, attempt, exam_rule
):
    # given a practice grade (another case) done perfectly
    practice = finished_attempt(trainee=trainee, cohort=cohort, case_version=CaseVersionFactory())
    released_grade(practice, assessor)
    # and the exam passed, but with every workflow check missed
    exam = released_grade(attempt, assessor)
    checks = [{**check, "passed": False} for check in exam.workflow_checks]
    Grade.objects.filter(pk=exam.pk).update(workflow_checks=checks)
    exam.refresh_from_db()
    exam_levels = work_process_levels([exam])
    assert exam_levels != work_process_levels(released_grades(trainee)), "the test's premise"
    # when the certificate is issued
    row = issue(exam_rule, trainee)
    # then its work-process results are the exam's, and its rubric results the exam grade's
    results = {
        r["resultDescription"].rsplit("#", 1)[1]: int(r["value"])
        for r in row.credential["credentialSubject"]["result"]
    }
    assert {code: results.get(f"werkproces-{code}") for code in exam_levels} == exam_levels
    assert {s: results[f"rubric-{s}"] for s in exam.rubric} == exam.rubric
    assert row.grade_id == exam.pk
