"""The exam window (issue #17): after the cohort's `exam_closes_at`, an attempt of that cohort
takes no move, calculation save or submit.

The one owner of the rule. It is asked inside the write's own transaction, after the attempt's
row is locked (a move, a submit) or right before the write's single statement (a draft save),
with the time read there: a submit arriving as the window closes is then either wholly in (its
`submitted_at` no later than the close) or refused with nothing written, never half.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import formats, timezone
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from cases.models import Attempt


class ExamWindowClosed(Exception):
    """The attempt's exam window has closed; `message` is Dutch, for the trainee."""

    def __init__(self, closed_at: datetime) -> None:
        self.closed_at = closed_at
        self.message = _(
            "Het examenvenster is gesloten om %(time)s; er kan niets meer worden opgeslagen of "
            "ingeleverd."
        ) % {"time": formats.date_format(timezone.localtime(closed_at), "DATETIME_FORMAT")}
        super().__init__(self.message)


def window_closes_at(attempt: Attempt) -> datetime | None:
    cohort = attempt.cohort
    return cohort.exam_closes_at if cohort is not None else None


def ensure_window_open(attempt: Attempt, *, now: datetime | None = None) -> datetime:
    """Raise `ExamWindowClosed` when the attempt's window closed before `now` (default: the
    time of this call). Returns the time checked, for the write to stamp (a submission's
    `submitted_at`): a second reading could fall after the close."""
    now = now or timezone.now()
    closes_at = window_closes_at(attempt)
    if closes_at is not None and now > closes_at:
        raise ExamWindowClosed(closes_at)
    return now
