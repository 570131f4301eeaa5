"""The photos of a dossier, served from private storage to who may see them.

A trainee's photo (and its thumbnail) belongs to an attempt's dossier: the attempt's trainee and
the assessors who may read that attempt (`selectors.attempt_for`, the one rule of who sees an
attempt) get it; anyone else gets 404, as for the dossier itself.

A case photo (the editors' photo of a case version) has two addresses:
- in a dossier (`case_photo`): `selectors.case_photo_for`, i.e. who may see the attempt, and for
  its trainee only the photos of the stages the dossier has reached (no hidden damage before
  the workshop reports it); its assessors and the administrator get them all;
- for authoring (`case_photo_for_author`): the editors and the administrator, any version.

The files have no public URL (`schadeplatform.private_files`).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from schadeplatform import private_files

from . import selectors
from .models import Attempt, AttemptPhoto, CasePhoto


def photo_url(photo: AttemptPhoto, *, thumbnail: bool = False) -> str:
    """The address of a photo for pages and the API (never the storage's own)."""
    name = "attempt-photo-thumbnail" if thumbnail else "attempt-photo"
    return reverse(f"cases:{name}", kwargs={"pk": photo.attempt_id, "photo_id": photo.pk})


def _photo(request: HttpRequest, pk: int, photo_id: int) -> AttemptPhoto:
    try:
        attempt = selectors.attempt_for(request.user, pk)
    except Attempt.DoesNotExist:
        raise Http404 from None
    photo = AttemptPhoto.objects.filter(attempt=attempt, pk=photo_id).first()
    if photo is None:
        raise Http404
    return photo


@login_required
@require_GET
def attempt_photo(request: HttpRequest, pk: int, photo_id: int) -> HttpResponse:
    photo = _photo(request, pk, photo_id)
    return private_files.serve(photo.image, as_attachment=False)


@login_required
@require_GET
def attempt_photo_thumbnail(request: HttpRequest, pk: int, photo_id: int) -> HttpResponse:
    photo = _photo(request, pk, photo_id)
    return private_files.serve(photo.thumbnail or photo.image, as_attachment=False)


def case_photo_url(photo: CasePhoto, attempt: Attempt | None = None) -> str:
    """The address of a case photo: in `attempt`'s dossier, or (no attempt) for its authors."""
    if attempt is None:
        return reverse("cases:case-photo-author", kwargs={"photo_id": photo.pk})
    return reverse("cases:case-photo", kwargs={"pk": attempt.pk, "photo_id": photo.pk})


@login_required
@require_GET
def case_photo(request: HttpRequest, pk: int, photo_id: int) -> HttpResponse:
    try:
        photo = selectors.case_photo_for(request.user, pk, photo_id)
    except CasePhoto.DoesNotExist:
        raise Http404 from None
    return private_files.serve(photo.image, as_attachment=False)


@login_required
@require_GET
def case_photo_for_author(request: HttpRequest, photo_id: int) -> HttpResponse:
    try:
        photo = selectors.case_photo_for_author(request.user, photo_id)
    except CasePhoto.DoesNotExist:
        raise Http404 from None
    return private_files.serve(photo.image, as_attachment=False)
