"""The trainee's own photos, allowed at any stage of an open dossier."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cases.models import Attempt, AttemptPhoto, AttemptPhotoStage
from cases.photo_checks import PhotoRefused, clean_photo
from cases.timeline import EventKind

from .forms import PhotoForm
from .machine import (
    Happened,
    MoveRefused,
    StepResult,
    _transition,
    move,
)
from .registry import OPEN_STATES


# The file is checked and decoded before the attempt is locked, and the photo is the answer:
# this move runs its own transition.
@move(
    name="add_photo",
    label=_lazy("Foto toevoegen"),
    from_states=OPEN_STATES,
    form=PhotoForm,
    event_kind=EventKind.PHOTO_ADDED,
    upload=True,
    builds_step=False,
)
def attempt_add_photo(
    *,
    attempt: Attempt,
    by: Any,
    upload: Any,
    annotation: str = "",
    zone: str = "",
    stage: str = "intake",
) -> AttemptPhoto:
    """A photo of the trainee's own, checked and stripped of EXIF before it is stored."""
    if stage not in AttemptPhotoStage.values:
        stage = AttemptPhotoStage.INTAKE
    # Checked before the file is decoded (cheap), and again under the attempt's lock (races).
    _refuse_beyond_cap(attempt)
    try:
        clean = clean_photo(upload)
    except PhotoRefused as refused:
        # A bad file is not a workflow fact; the form shows the message and keeps its input.
        raise MoveRefused(
            refused.message, errors=[{"path": "image", "message": refused.message}]
        ) from None
    created: list[AttemptPhoto] = []

    def step(a: Attempt) -> StepResult:
        _refuse_beyond_cap(a)
        photo = AttemptPhoto(
            attempt=a, annotation=(annotation or "").strip(), zone=(zone or "").strip(), stage=stage
        )
        photo.image.save(clean.image.name, clean.image, save=False)
        photo.thumbnail.save(clean.thumbnail.name, clean.thumbnail, save=False)
        photo.save()
        created.append(photo)
        data = {
            "photo_id": photo.pk,
            "zone": photo.zone,
            "stage": stage,
            "annotation": photo.annotation,
        }
        return StepResult([Happened(EventKind.PHOTO_ADDED, data)])

    _transition(attempt=attempt, by=by, move="add_photo", step=step)
    return created[0]


def _refuse_beyond_cap(attempt: Attempt) -> None:
    """At most `PHOTOS_MAX_PER_ATTEMPT` photos per attempt (an abuse limit: storage, thumbnails)."""
    limit = settings.PHOTOS_MAX_PER_ATTEMPT
    if AttemptPhoto.objects.filter(attempt=attempt).count() >= limit:
        message = _("Deze poging heeft al %(limit)s foto's, het maximum.") % {"limit": limit}
        raise MoveRefused(message, errors=[{"path": "image", "message": message}])
