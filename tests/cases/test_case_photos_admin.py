"""Editors manage a case version's photos in the Wagtail form: every upload goes through the
photo checks (real image, allowed format, EXIF stripped), a refused file keeps the rest of the
form, and a published version takes no photo changes."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from cases.models import CasePhoto, FrozenCaseVersion, PhotoStage
from tests.cases.test_case_admin import form_data
from tests.cases.test_photos import jpeg_with_gps, png
from tests.factories.cases import CaseVersionFactory, PublishedCaseVersionFactory

pytestmark = pytest.mark.django_db

NOT_AN_IMAGE = "Dit bestand is geen foto in een toegestaan formaat (JPEG, PNG of WebP)."


@pytest.fixture
def editor_client(editor, client_for):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return client_for(editor)


def edit_url(version) -> str:
    return f"/cms/snippets/cases/caseversion/edit/{version.pk}/"


def photo_formset(*new_photos: dict, existing: list[CasePhoto] = ()) -> dict:
    """The InlinePanel's formset: management form plus one child form per photo."""
    data = {
        "photos-TOTAL_FORMS": str(len(existing) + len(new_photos)),
        "photos-INITIAL_FORMS": str(len(existing)),
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    for n, photo in enumerate(existing):
        data.update(
            {
                f"photos-{n}-id": str(photo.pk),
                f"photos-{n}-caption": photo.caption,
                f"photos-{n}-zone": photo.zone,
                f"photos-{n}-stage": photo.stage,
                f"photos-{n}-sort_order": str(photo.sort_order),
                f"photos-{n}-ORDER": str(n + 1),
                f"photos-{n}-DELETE": "",
            }
        )
    for n, photo in enumerate(new_photos, start=len(existing)):
        data.update(
            {
                f"photos-{n}-id": "",
                f"photos-{n}-caption": photo.get("caption", ""),
                f"photos-{n}-zone": photo.get("zone", ""),
                f"photos-{n}-stage": photo.get("stage", PhotoStage.VISIBLE),
                f"photos-{n}-sort_order": str(photo.get("sort_order", 0)),
                f"photos-{n}-ORDER": str(n + 1),
                f"photos-{n}-DELETE": "",
                f"photos-{n}-image": photo["image"],
            }
        )
    return data


def upload(content: bytes, name="schade.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_the_edit_form_shows_the_photo_inline(editor_client):
    version = CaseVersionFactory()
    page = editor_client.get(edit_url(version)).content.decode()
    assert 'name="photos-TOTAL_FORMS"' in page
    assert "Casusfoto&#x27;s" in page


def test_an_editor_adds_a_photo_to_a_draft_and_its_gps_exif_is_stripped(editor_client):
    # given a draft version and a camera photo that carries a GPS position
    version = CaseVersionFactory()
    assert Image.open(io.BytesIO(jpeg_with_gps())).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    # when the editor saves the version with the photo in the inline
    data = form_data(version) | photo_formset(
        {
            "image": upload(jpeg_with_gps()),
            "caption": "Voorbumper ingedeukt",
            "zone": "front",
            "sort_order": 2,
        }
    )
    response = editor_client.post(edit_url(version), data)
    # then the photo belongs to the version, re-encoded without any EXIF
    assert response.status_code == 302, response.content.decode()[:3000]
    photo = version.photos.get()
    assert (photo.caption, photo.zone, photo.stage, photo.sort_order) == (
        "Voorbumper ingedeukt",
        "front",
        PhotoStage.VISIBLE,
        2,
    )
    assert photo.image.name.startswith(f"cases/{version.case.slug}/v{version.number}/")
    assert not photo.image.name.endswith("schade.jpg")  # stored under the cleaned file's name
    with photo.image.open("rb") as stored_file:
        stored = Image.open(io.BytesIO(stored_file.read()))
    assert stored.format == "JPEG"
    assert dict(stored.getexif()) == {}
    assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_a_png_added_in_the_inline_stays_a_png(editor_client):
    version = CaseVersionFactory()
    data = form_data(version) | photo_formset(
        {"image": upload(png(), "schade.png", "image/png"), "stage": PhotoStage.HIDDEN}
    )
    assert editor_client.post(edit_url(version), data).status_code == 302
    photo = version.photos.get()
    assert photo.stage == PhotoStage.HIDDEN
    assert photo.image.name.endswith(".png")


def test_an_editor_changes_a_caption_and_deletes_a_photo_of_a_draft(editor_client):
    version = CaseVersionFactory()
    kept = CasePhoto.objects.create(
        case_version=version, image=ContentFile(png(), name="a.png"), caption="Zijkant"
    )
    gone = CasePhoto.objects.create(
        case_version=version, image=ContentFile(png(), name="b.png"), caption="Dak"
    )
    image_name = kept.image.name
    data = form_data(version) | photo_formset(existing=[kept, gone])
    data["photos-0-caption"] = "Zijkant links"
    data["photos-1-DELETE"] = "1"
    response = editor_client.post(edit_url(version), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(version.photos.values_list("caption", "image")) == [("Zijkant links", image_name)]


def test_html_renamed_to_jpg_is_refused_in_dutch_and_the_form_keeps_its_input(editor_client):
    version = CaseVersionFactory(briefing="Oud verhaal")
    html = b"<html><body><script>alert(1)</script></body></html>"
    data = form_data(version, briefing="Nieuw verhaal van de klant") | photo_formset(
        {"image": upload(html), "caption": "Achterklep", "zone": "rear"}
    )
    response = editor_client.post(edit_url(version), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert NOT_AN_IMAGE in page
    # the rest of the form is kept: the version's own field and the photo's other fields
    assert "Nieuw verhaal van de klant" in page
    assert 'value="Achterklep"' in page
    assert 'value="rear"' in page
    # and nothing was saved
    assert not CasePhoto.objects.exists()
    version.refresh_from_db()
    assert version.briefing == "Oud verhaal"


def test_a_published_version_refuses_a_new_photo(editor_client):
    version = PublishedCaseVersionFactory()
    data = form_data(version) | photo_formset({"image": upload(jpeg_with_gps())})
    response = editor_client.post(edit_url(version), data)
    assert response.status_code == 200
    assert "gepubliceerd en bevroren" in response.content.decode()
    assert not CasePhoto.objects.exists()


def test_a_published_version_refuses_deleting_or_changing_a_photo(editor_client):
    draft = CaseVersionFactory()
    photo = CasePhoto.objects.create(
        case_version=draft, image=ContentFile(png(), name="a.png"), caption="Zijkant"
    )
    draft.status = "published"
    draft.save()
    # the Wagtail form refuses both a change and a deletion
    changed = form_data(draft) | photo_formset(existing=[photo])
    changed["photos-0-caption"] = "Herschreven"
    response = editor_client.post(edit_url(draft), changed)
    assert "gepubliceerd en bevroren" in response.content.decode()
    deleted = form_data(draft) | photo_formset(existing=[photo])
    deleted["photos-0-DELETE"] = "1"
    response = editor_client.post(edit_url(draft), deleted)
    assert "gepubliceerd en bevroren" in response.content.decode()
    photo.refresh_from_db()
    assert photo.caption == "Zijkant"
    # and so does the model, whatever path writes it
    photo.caption = "Herschreven"
    with pytest.raises(FrozenCaseVersion):
        photo.save()
    with pytest.raises(FrozenCaseVersion):
        photo.delete()
    with pytest.raises(FrozenCaseVersion):
        CasePhoto(case_version=draft, image="cases/x.jpg").save()
    assert CasePhoto.objects.filter(caption="Zijkant").count() == 1


def test_the_django_admin_shows_photos_without_a_second_way_to_change_them(admin_user, client_for):
    version = CaseVersionFactory()
    CasePhoto.objects.create(
        case_version=version, image=ContentFile(png(), name="a.png"), caption="Zijkant"
    )
    response = client_for(admin_user).get(f"/django-admin/cases/caseversion/{version.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Zijkant" in page
    assert 'name="photos-TOTAL_FORMS"' in page  # the inline is there, read-only
    assert 'name="photos-0-caption"' not in page
    assert 'name="photos-0-image"' not in page
