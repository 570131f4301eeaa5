"""Files that are not for everyone: stored apart from the public media, served only by a view.

Assessment reports, calculation printouts, trainee photos and case photos (hidden damage too)
are written to the storage alias `STORAGES["private"]` (a folder outside `MEDIA_ROOT` in
development and tests, a private S3 bucket or prefix in production), never to the default
storage whose files the web server hands to anyone at `/media/…`. Their names carry a random token (`unguessable_name`), so even a leaked
listing of one file says nothing about the next. Only published CMS images (Wagtail's) stay in
the public storage.

A private file reaches a browser only through a view that first decides, with the app's own
selectors, who may see that object; the view then calls `serve()`, which answers according to
`PRIVATE_MEDIA_SERVE`:

- `"django"`: a `FileResponse` streamed by the app server (development, tests, small sites);
- `"x-accel"`: an empty answer with `X-Accel-Redirect: <PRIVATE_MEDIA_X_ACCEL_PREFIX><name>`;
  nginx sends the file from an `internal` location aliased to `PRIVATE_MEDIA_ROOT`, so the app
  server is not tied up by the download and no URL of nginx's serves the folder directly;
- `"signed-url"`: a redirect to a short-lived signed URL of the private bucket
  (`PRIVATE_MEDIA_URL_EXPIRY` seconds), for S3-compatible storage.

docs/hardening.md ("Private files") and the README show the nginx and S3 settings.
"""

from __future__ import annotations

import mimetypes
import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.crypto import salted_hmac
from django.utils.functional import LazyObject, empty
from django.utils.http import content_disposition_header

SERVE_METHODS = ("django", "x-accel", "signed-url")


class _PrivateStorage(LazyObject):
    """`storages["private"]`, looked up when first used, as Django's `default_storage` is: a
    model field keeps the object it was given at import, and this one follows the settings."""

    def _setup(self) -> None:
        self._wrapped = storages["private"]


private = _PrivateStorage()


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs) -> None:
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        private._wrapped = empty


def private_storage() -> Storage:
    """The storage of every non-public file (a callable, so migrations name no backend)."""
    return private  # type: ignore[return-value]


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder with no URL: a private file has no address a web server answers for."""

    def url(self, name):
        raise ValueError(
            "Een privébestand heeft geen openbare URL; het wordt alleen via een view geserveerd."
        )


def unguessable_name(folder: str, filename: str) -> str:
    """`folder/<32 hex random>/filename`: 128 random bits a visitor cannot guess or count."""
    leaf = PurePosixPath(filename).name or "bestand"
    return f"{folder}/{secrets.token_hex(16)}/{leaf}"


def keyed_name(folder: str, key: str, filename: str) -> str:
    """`folder/<32 hex>/filename` where the 32 hex are an HMAC of `key` under SECRET_KEY: as
    unguessable as `unguessable_name` for anyone without the secret, and the same every time
    for one key, so a render that is retried writes the same name again (a report has one
    file, even when a worker was killed after writing it and before its commit)."""
    leaf = PurePosixPath(filename).name or "bestand"
    token = salted_hmac("schadeplatform.private_files.keyed_name", key, algorithm="sha256")
    return f"{folder}/{token.hexdigest()[:32]}/{leaf}"


def serve(
    fieldfile,
    *,
    download_name: str | None = None,
    as_attachment: bool = True,
    content_type: str | None = None,
) -> HttpResponse:
    """The answer that hands over a private file the caller has already checked."""
    if not fieldfile or not fieldfile.name:
        raise Http404
    name = fieldfile.name
    download_name = download_name or PurePosixPath(name).name
    content_type = (
        content_type or mimetypes.guess_type(download_name)[0] or "application/octet-stream"
    )
    method = getattr(settings, "PRIVATE_MEDIA_SERVE", "django")
    disposition = content_disposition_header(as_attachment, download_name)
    if method == "x-accel":
        response = HttpResponse(content_type=content_type)
        prefix = settings.PRIVATE_MEDIA_X_ACCEL_PREFIX.rstrip("/")
        response["X-Accel-Redirect"] = f"{prefix}/{name}"
        response["Content-Disposition"] = disposition
    elif method == "signed-url":
        disposition_param = {"ResponseContentDisposition": disposition}
        url = fieldfile.storage.url(
            name, parameters=disposition_param, expire=settings.PRIVATE_MEDIA_URL_EXPIRY
        )
        response = HttpResponseRedirect(url)
    else:
        try:
            handle = fieldfile.storage.open(name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle,
            as_attachment=as_attachment,
            filename=download_name,
            content_type=content_type,
        )
    # Nobody's private file may sit in a shared cache, nor be read as another type than it is.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
