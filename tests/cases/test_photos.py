"""Photo uploads: only real JPEG/PNG/WebP images, pixel bombs refused from the header, EXIF
(GPS included) stripped, a thumbnail made; a refused file keeps the rest of the form."""

import io
import struct
import time
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from cases import workflow as wf
from cases.photo_checks import PhotoRefused, clean_photo
from cases.timeline import EventKind
from tests.factories.cases import AttemptFactory


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (640, 480), "red")
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update({1: "N", 2: (52.0, 22.0, 1.5), 3: "E", 4: (4.0, 53.0, 0.0)})
    body = io.BytesIO()
    image.save(body, "JPEG", exif=exif)
    return body.getvalue()


def png(size=(32, 32)) -> bytes:
    body = io.BytesIO()
    Image.new("RGB", size, "blue").save(body, "PNG")
    return body.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` × `height` pixels (a decompression bomb's shape)."""
    raw = png((1, 1))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    patched = struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk) & 0xFFFFFFFF)
    return raw[:8] + patched + raw[8 + 25 :]


def upload(content: bytes, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_gps_exif_is_stripped_and_a_thumbnail_is_made():
    original = Image.open(io.BytesIO(jpeg_with_gps()))
    assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the fixture really carries GPS
    clean = clean_photo(upload(jpeg_with_gps()))
    stored = Image.open(io.BytesIO(clean.image.read()))
    assert stored.format == "JPEG"
    assert dict(stored.getexif()) == {}
    assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    thumb = Image.open(io.BytesIO(clean.thumbnail.read()))
    assert max(thumb.size) <= 320


def test_a_png_stays_a_png():
    assert clean_photo(upload(png(), "schade.png", "image/png")).format == "PNG"


@pytest.mark.parametrize(
    "content",
    [
        b"Dit is geen foto maar tekst.",
        b"<html><body><script>alert(1)</script></body></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
    ],
    ids=["text", "html-renamed-jpg", "svg-with-script-renamed-jpg", "gif-not-allowed"],
)
def test_files_that_are_not_allowed_images_are_refused(content):
    with pytest.raises(PhotoRefused, match="geen foto in een toegestaan formaat"):
        clean_photo(upload(content))


def test_a_20000_by_20000_png_is_refused_fast_without_decoding_it():
    bomb = png_claiming(20_000, 20_000)
    started = time.monotonic()
    with pytest.raises(PhotoRefused, match="te veel pixels"):
        clean_photo(upload(bomb, "bom.png", "image/png"))
    assert time.monotonic() - started < 1.0


def test_a_photo_wider_than_allowed_is_refused_with_its_size():
    with pytest.raises(PhotoRefused, match="9000 × 10"):
        clean_photo(upload(png_claiming(9000, 10), "breed.png", "image/png"))


def test_a_truncated_image_is_refused():
    with pytest.raises(PhotoRefused):
        clean_photo(upload(jpeg_with_gps()[:300]))


@pytest.mark.django_db
def test_a_photo_added_to_the_dossier_is_recorded_in_the_timeline(trainee):
    attempt = AttemptFactory(trainee=trainee)
    photo = wf.attempt_add_photo(
        attempt=attempt,
        by=trainee,
        upload=upload(jpeg_with_gps()),
        annotation="Grille gebroken",
        zone="front",
    )
    assert photo.thumbnail.name
    event = attempt.events.get(kind=EventKind.PHOTO_ADDED)
    assert event.data == {
        "photo_id": photo.pk,
        "zone": "front",
        "stage": "intake",
        "annotation": "Grille gebroken",
    }
    stored = Image.open(photo.image.open())
    assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)


@pytest.mark.django_db
def test_a_refused_photo_on_the_page_keeps_the_typed_annotation(trainee, cohort, client_for):
    attempt = AttemptFactory(trainee=trainee)
    url = reverse("cases:attempt-move", kwargs={"pk": attempt.pk, "move": "add_photo"})
    response = client_for(trainee).post(
        url,
        {
            "add_photo-image": upload(b"<svg><script>alert(1)</script></svg>"),
            "add_photo-annotation": "Deuk in de grille linksvoor",
            "add_photo-zone": "front",
            "add_photo-stage": "intake",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "geen foto in een toegestaan formaat" in html
    assert "Deuk in de grille linksvoor" in html
    assert not attempt.photos.exists()


@pytest.mark.django_db
def test_the_api_refuses_a_bad_photo_with_the_image_path(trainee, cohort, client_for):
    attempt = AttemptFactory(trainee=trainee)
    url = reverse("api:cases_api:attempt-photos", kwargs={"pk": attempt.pk})
    response = client_for(trainee).post(url, {"image": upload(b"geen foto"), "annotation": "x"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "image"


@pytest.mark.django_db
def test_the_api_stores_a_good_photo(trainee, cohort, client_for):
    attempt = AttemptFactory(trainee=trainee)
    url = reverse("api:cases_api:attempt-photos", kwargs={"pk": attempt.pk})
    response = client_for(trainee).post(
        url, {"image": upload(png(), "a.png", "image/png"), "zone": "front"}
    )
    assert response.status_code == 201
    assert response.json()["zone"] == "front"
