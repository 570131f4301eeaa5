"""Issuing and revoking (the writes). `issue(rule, trainee)` is idempotent: one credential per
rule and trainee (a unique constraint, and a lookup under lock before signing);
`issue_for_trainee` runs every active rule after a grade's release (`tasks.issue_badges`)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import BadgeRule, IssuedCredential

from . import credential as builder
from . import status_list
from .keys import signing_key
from .rules import Outcome, evaluate
from .signing import sign

ATTEMPTS = 3


class RevocationRefused(Exception):
    """A refused revocation; `path` names the field (the API's {"path", "message"} shape)."""

    def __init__(self, message: str, path: str):
        super().__init__(message)
        self.path = path


def issue(rule: BadgeRule, trainee) -> IssuedCredential | None:
    """The trainee's credential for the rule: the existing one, a new one when the rule is met
    now, or None."""
    existing = IssuedCredential.objects.filter(rule=rule, trainee=trainee).first()
    if existing is not None:
        return existing
    if not rule.active:
        return None
    outcome = evaluate(rule, trainee)
    if not outcome.met:
        return None
    return store(rule, trainee, outcome)


def store(rule: BadgeRule, trainee, outcome: Outcome) -> IssuedCredential:
    """Sign and keep the credential for an outcome that meets the rule (`issue` decides that)."""
    now = timezone.now()
    valid_until = (
        now + timedelta(days=round(30.44 * rule.valid_months)) if rule.valid_months else None
    )
    for _attempt in range(ATTEMPTS):
        try:
            return _create(rule, trainee, outcome, now, valid_until)
        except IntegrityError:
            # Issued meanwhile by another worker (same rule and trainee): that one counts.
            # Otherwise another credential took the same status index: try the next one.
            existing = IssuedCredential.objects.filter(rule=rule, trainee=trainee).first()
            if existing is not None:
                return existing
    raise RuntimeError("no free status list index after retries")


def _create(rule, trainee, outcome: Outcome, now, valid_until) -> IssuedCredential:
    with transaction.atomic():
        key = signing_key()
        index = status_list.next_index()
        credential_uuid = uuid.uuid4()
        document = builder.build(
            credential_uuid=credential_uuid,
            rule=rule,
            trainee=trainee,
            grade=outcome.grade,
            levels=outcome.work_process_levels,
            status=status_list.entry(index),
            valid_from=now,
            valid_until=valid_until,
        )
        return IssuedCredential.objects.create(
            uuid=credential_uuid,
            rule=rule,
            trainee=trainee,
            grade=outcome.grade,
            credential=document,
            jws=sign(document, key),
            key=key,
            status_index=index,
            issued_at=now,
            valid_until=valid_until,
        )


def issue_for_trainee(trainee) -> list[IssuedCredential]:
    issued = []
    for rule in BadgeRule.objects.filter(active=True).select_related("exam_form"):
        credential = issue(rule, trainee)
        if credential is not None:
            issued.append(credential)
    return issued


def revoke(credential: IssuedCredential, *, by, reason: str) -> IssuedCredential:
    """Revoke with a reason (exam board or administrator; the view asks who)."""
    reason = (reason or "").strip()
    if not reason:
        raise RevocationRefused(_("Geef een reden voor de intrekking."), path="reason")
    with transaction.atomic():
        row = IssuedCredential.objects.select_for_update().get(pk=credential.pk)
        if row.revoked_at is not None:
            raise RevocationRefused(_("Deze badge is al ingetrokken."), path="credential")
        row.revoked_at = timezone.now()
        row.revoked_reason = reason
        row.revoked_by = by
        row.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    return row
