"""The OpenBadgeCredential (OB 3.0, on the W3C VC Data Model 2.0) for a rule met by a trainee.

The achievement is aligned to the profile's items (`Alignment`, targetType "CFItem", targetCode
the identifier of `content.case_identifiers`, targetUrl the CASE API's CFItem): the work
processes (all four) and the rubric's competence areas. The subject's `result` holds the level
per rubric criterion (`assessment.rubric.AREAS`) of the grade the badge rests on, and the level
per work process (`rules.Outcome`: the exam grade's own for an exam form, the best over the
released grades for the work-process rule), each pointing to a `resultDescription` of the
achievement with the rubric's levels (`RubricCriterionLevel`).

What names the earner: a salted SHA-256 of the e-mail address (`IdentityObject`, so that an
employer who was given the address can check it) and an opaque subject id (a keyed hash of the
account); never a name or username (docs/decisions.md).
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import datetime

from django.conf import settings

from assessment.models import BadgeRule, BadgeRuleKind, Grade
from assessment.rubric import AREAS, LEVEL_LABELS
from assessment.scoring.competence import WORK_PROCESSES
from content.case_identifiers import identifier

from . import links

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
SCHEMA_ID = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
FRAMEWORK = "Beroepscompetentieprofiel Schademanager (SBS, 2022)"


def issuer_name() -> str:
    return getattr(settings, "BADGES_ISSUER_NAME", "Stichting Opleidingen Schadeherstel")


def iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def issuer_profile() -> dict:
    return {
        "id": links.issuer_id(),
        "type": ["Profile"],
        "name": issuer_name(),
        "url": links.base_url() + "/",
    }


def alignment(kind: str, key: str, name: str) -> dict:
    code = identifier(kind, key)
    return {
        "type": ["Alignment"],
        "targetType": "CFItem",
        "targetCode": code,
        "targetName": name,
        "targetFramework": FRAMEWORK,
        "targetUrl": links.cfitem_url(code),
    }


def _levels(prefix: str, descriptors: dict[int, str] | None = None) -> list[dict]:
    return [
        {
            "id": f"{prefix}:level-{level}",
            "type": ["RubricCriterionLevel"],
            "name": label,
            "level": str(level),
            **({"description": descriptors[level]} if descriptors else {}),
        }
        for level, label in LEVEL_LABELS.items()
    ]


def result_descriptions(achievement_id: str) -> list[dict]:
    rows = []
    for area in AREAS:
        prefix = f"{achievement_id}#rubric-{area.slug}"
        rows.append(
            {
                "id": prefix,
                "type": ["ResultDescription"],
                "name": area.name,
                "resultType": "RubricCriterionLevel",
                "alignment": [alignment("competence_area", area.slug, area.name)],
                "rubricCriterionLevel": _levels(prefix, area.descriptors),
            }
        )
    for code, name in WORK_PROCESSES.items():
        prefix = f"{achievement_id}#werkproces-{code}"
        rows.append(
            {
                "id": prefix,
                "type": ["ResultDescription"],
                "name": f"{code} {name}",
                "resultType": "RubricCriterionLevel",
                "alignment": [alignment("work_process", code, name)],
                "rubricCriterionLevel": _levels(prefix),
            }
        )
    return rows


def achievement(rule: BadgeRule) -> dict:
    achievement_id = links.achievement_id(rule.slug)
    aligned = [alignment("work_process", code, name) for code, name in WORK_PROCESSES.items()]
    aligned += [alignment("competence_area", area.slug, area.name) for area in AREAS]
    return {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "Certificate"
        if rule.kind == BadgeRuleKind.EXAM_FORM_PASSED
        else "Competency",
        "name": rule.name,
        "description": rule.description,
        "criteria": {"id": achievement_id, "narrative": rule.criteria},
        "alignment": aligned,
        "resultDescription": result_descriptions(achievement_id),
        "creator": issuer_profile(),
        "inLanguage": "nl",
    }


def results(rule: BadgeRule, grade: Grade | None, levels: dict[str, int | None]) -> list[dict]:
    achievement_id = links.achievement_id(rule.slug)
    rows = []
    rubric = (grade.rubric if grade else None) or {}
    for area in AREAS:
        level = rubric.get(area.slug)
        if level:
            prefix = f"{achievement_id}#rubric-{area.slug}"
            rows.append(
                {
                    "type": ["Result"],
                    "resultDescription": prefix,
                    "achievedLevel": f"{prefix}:level-{level}",
                    "value": str(level),
                }
            )
    for code, level in levels.items():
        if level:
            prefix = f"{achievement_id}#werkproces-{code}"
            rows.append(
                {
                    "type": ["Result"],
                    "resultDescription": prefix,
                    "achievedLevel": f"{prefix}:level-{level}",
                    "value": str(level),
                }
            )
    return rows


def identity_hash(email: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def identity(trainee, salt: str) -> list[dict]:
    """The earner, as OB 3.0's IdentityObject: the e-mail address hashed with a salt (an
    employer who knows the address can check it; the credential, public by design, names
    nobody: no name in the clear)."""
    if not trainee.email:
        return []
    return [
        {
            "type": "IdentityObject",
            "identityHash": identity_hash(trainee.email, salt),
            "identityType": "emailAddress",
            "hashed": True,
            "salt": salt,
        }
    ]


def build(
    *,
    credential_uuid,
    rule: BadgeRule,
    trainee,
    grade: Grade | None,
    levels: dict[str, int | None],
    status: dict,
    valid_from: datetime,
    valid_until: datetime | None,
) -> dict:
    subject = {
        "id": f"urn:uuid:{identifier_of_trainee(trainee)}",
        "type": ["AchievementSubject"],
        "achievement": achievement(rule),
        "result": results(rule, grade, levels),
    }
    identifiers = identity(trainee, salt=str(credential_uuid)[:8])
    if identifiers:
        subject["identifier"] = identifiers
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{credential_uuid}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": rule.name,
        "description": rule.description,
        "issuer": issuer_profile(),
        "validFrom": iso(valid_from),
        "credentialSubject": subject,
        "credentialStatus": status,
        "credentialSchema": [{"id": SCHEMA_ID, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if valid_until is not None:
        credential["validUntil"] = iso(valid_until)
    return credential


def identifier_of_trainee(trainee) -> str:
    """A stable, opaque subject id: a keyed hash of the account (no name, no database key)."""
    mac = hmac.new(settings.SECRET_KEY.encode(), f"trainee:{trainee.pk}".encode(), "sha256")
    return str(uuid.UUID(bytes=mac.digest()[:16], version=4))
