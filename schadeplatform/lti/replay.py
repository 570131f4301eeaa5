"""Refusing a replayed launch: each nonce and each state is accepted once.

pylti1p3 checks that the nonce was issued by our login initiation and that the state matches
its cookie, but leaves both usable again; this records them in the database (a unique row), so
the same id_token or the same state posted twice is refused."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from .models import UsedLaunchValue


class LaunchReplayed(Exception):
    pass


def use_once(*, nonce: str, state: str) -> None:
    """Record the launch's nonce and state; `LaunchReplayed` when either was used before."""
    try:
        with transaction.atomic():
            UsedLaunchValue.objects.create(kind=UsedLaunchValue.Kind.NONCE, value=nonce[:255])
            UsedLaunchValue.objects.create(kind=UsedLaunchValue.Kind.STATE, value=state[:255])
    except IntegrityError as exc:
        raise LaunchReplayed from exc
