"""Refusing a replayed launch: each nonce and each state is accepted once, and a deep-linking
launch answers once.

pylti1p3 checks that the nonce was issued by our login initiation and that the state matches
its cookie, but leaves both usable again; this records them in the database (a unique row), so
the same id_token or the same state posted twice is refused, also when both posts arrive at
once (the second insert waits for the first and fails on the unique constraint).

The rows are bounded: pylti1p3 keeps an issued nonce in the cache for
`SessionService._launch_data_lifetime` (one day) and refuses a launch whose nonce it no longer
holds, so a row older than that guards nothing and is deleted at the next launch."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from pylti1p3.session import SessionService

from .models import UsedLaunchValue

# How long an issued nonce is accepted at all (pylti1p3's cache lifetime), with a margin for
# clocks and a launch under way.
KEPT_FOR = timedelta(seconds=SessionService._launch_data_lifetime) + timedelta(hours=1)


class LaunchReplayed(Exception):
    pass


def forget_expired() -> int:
    """Delete the rows no launch can be refused by any more; the count deleted."""
    deleted, _per_model = UsedLaunchValue.objects.filter(
        used_at__lt=timezone.now() - KEPT_FOR
    ).delete()
    return deleted


def _record(*values: tuple[str, str]) -> None:
    try:
        with transaction.atomic():
            for kind, value in values:
                UsedLaunchValue.objects.create(kind=kind, value=value[:255])
    except IntegrityError as exc:
        raise LaunchReplayed from exc


def use_once(*, nonce: str, state: str) -> None:
    """Record the launch's nonce and state; `LaunchReplayed` when either was used before."""
    forget_expired()
    _record((UsedLaunchValue.Kind.NONCE, nonce), (UsedLaunchValue.Kind.STATE, state))


def answer_once(launch_id: str) -> None:
    """Record that a deep-linking launch answered; `LaunchReplayed` when it had already."""
    _record((UsedLaunchValue.Kind.DEEP_LINK, launch_id))
