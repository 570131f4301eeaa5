"""Stored files are private (issue #12, item 1).

Assessment reports, calculation printouts, trainee photos and case photos are stored apart from the public
media (`STORAGES["private"]`), under names nobody can guess, and reach a browser only through a
view that asks the object's own visibility rule. Published CMS images (Wagtail's) stay public:
they are the control that shows the direct URL really is served.

"Direct URL" means what a web server (nginx's `location /media/`, or Django's `static()` in
development) hands to anyone: every file under `MEDIA_ROOT`. The module mounts such a route
(`media_urls` below) over the platform's own, with both storages on disk, and asks for each
file's `/media/` path as every role: a private file must be 404 there, the CMS image 200.

The files and rows those checks read (three rendered PDF reports, photos, the users of every
role, an exam with a blind grade) take over a second to make, so `TestOneWorld` makes them once
(`built_world`) and each of its tests runs in its own transaction on top, rolled back at its end.

    .venv/bin/pytest tests/hardening/test_private_files.py -n0 -q
"""

from __future__ import annotations

import copy
import io
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import path, reverse
from django.views.static import serve
from PIL import Image

from assessment import services
from assessment.models import ReportKind, ReportStatus
from assessment.tasks import render_report
from cases.models import AttemptPhoto, CasePhoto, PhotoStage
from cases.timeline import EventKind
from tests.factories.assessment import add_event, finished_attempt, released_grade, signed_grade

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "owner", "colleague", "assessor", "outsider", "editor", "admin")


def _serve_media(request, name):
    # What nginx's `location /media/ { alias MEDIA_ROOT; }` or Django's `static()` does.
    return serve(request, name, document_root=settings.MEDIA_ROOT)


def _urlpatterns():
    from schadeplatform import urls

    return [path("media/<path:name>", _serve_media), *urls.urlpatterns]


class media_urls:
    urlpatterns = _urlpatterns()
    handler404 = "schadeplatform.error_views.not_found"
    handler500 = "schadeplatform.error_views.server_error"


@contextmanager
def _storages_on_disk(root: Path):
    """Both storages in folders under `root` and the `/media/` route mounted, while in the
    block; gives the (media, private) folders."""
    media, private = root / "media", root / "private"
    storages = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "schadeplatform.private_files.PrivateFileSystemStorage",
            "OPTIONS": {"location": private},
        },
    }
    with override_settings(
        MEDIA_ROOT=media, PRIVATE_MEDIA_ROOT=private, STORAGES=storages, ROOT_URLCONF=media_urls
    ):
        yield media, private


@pytest.fixture
def on_disk(tmp_path):
    """The storages on disk for one test (the tests that make their own files)."""
    with _storages_on_disk(tmp_path) as folders:
        yield folders


def _jpeg() -> bytes:
    body = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(body, format="JPEG")
    return body.getvalue()


def _photo(attempt) -> AttemptPhoto:
    photo = AttemptPhoto(attempt=attempt, zone="front", annotation="deuk")
    photo.image.save("a1b2c3.jpg", ContentFile(_jpeg()), save=False)
    photo.thumbnail.save("a1b2c3-thumb.jpg", ContentFile(_jpeg()), save=False)
    photo.save()
    return photo


def _case_photo(version, stage: str, name: str) -> CasePhoto:
    """A case photo stored as the editors' form stores it (the file through the field's
    upload_to); the row as the demo loader adds it, since a published version refuses save()."""
    photo = CasePhoto(case_version=version, stage=stage, caption=f"{stage} {name}")
    photo.image.save(name, ContentFile(_jpeg()), save=False)
    CasePhoto.objects.bulk_create([photo])
    return CasePhoto.objects.get(case_version=version, image=photo.image.name)


def _rendered(kind, subject, by):
    report = services.report_request(kind=kind, subject=subject, by=by)
    render_report.call(report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.RENDERED, report.error
    return report


def _people() -> dict:
    """The users and cohorts of tests/conftest.py's fixtures (`trainee`, `cohort`, `exam_group`,
    ...), made by the same functions (tests/people.py) in the same order: a fixture that
    outlives one test cannot ask for those, which live for one test."""
    from tests import people

    organisation = people.organisation()
    trainee = people.trainee(organisation)
    other_trainee = people.other_trainee(organisation)
    assessor = people.assessor(organisation)
    cohort = people.cohort(organisation, [trainee, other_trainee], [assessor])
    other_organisation = people.other_organisation()
    outsider_assessor = people.outsider_assessor(other_organisation)
    outsider_trainee = people.outsider_trainee(other_organisation)
    people.other_cohort(other_organisation, [outsider_trainee], [outsider_assessor])
    editor = people.editor(organisation)
    admin_user = people.admin_user(organisation)
    examiner = people.examiner(organisation)
    exam_group = people.exam_group(organisation, examiner)
    multi_cohort_trainee = people.multi_cohort_trainee(organisation, cohort, exam_group)
    return {
        "trainee": trainee,
        "other_trainee": other_trainee,
        "assessor": assessor,
        "cohort": cohort,
        "outsider_assessor": outsider_assessor,
        "editor": editor,
        "admin_user": admin_user,
        "examiner": examiner,
        "exam_group": exam_group,
        "multi_cohort_trainee": multi_cohort_trainee,
    }


def _build_world(media: Path, private: Path) -> dict:
    from wagtail.images import get_image_model

    people = _people()
    trainee, assessor, examiner = people["trainee"], people["assessor"], people["examiner"]
    attempt = finished_attempt(trainee=trainee, cohort=people["cohort"])
    # Released: the owner has the report of a grade released to them (issue #14).
    grade = released_grade(attempt, assessor)
    report = _rendered(ReportKind.ASSESSMENT, grade, assessor)
    printout = _rendered(
        ReportKind.CALCULATION, attempt.calculation_versions.get(kind="final"), assessor
    )
    photo = _photo(attempt)
    # The case's own photos: an intake photo, and hidden damage this attempt has not met.
    case_photo = _case_photo(attempt.case_version, PhotoStage.VISIBLE, "voorkant.jpg")
    hidden_photo = _case_photo(attempt.case_version, PhotoStage.HIDDEN, "verborgen.jpg")

    # An exam: the examiner signed and has their report; the second, blind grade is open.
    exam_group = people["exam_group"]
    exam_group.assessors.add(assessor)
    exam_attempt = finished_attempt(trainee=people["multi_cohort_trainee"], cohort=exam_group)
    blind = signed_grade(exam_attempt, examiner, comment="Blind oordeel")
    second = services.grade_start(attempt=exam_attempt, by=assessor)
    assert (blind.role, second.role, second.is_signed) == ("primary", "second", False)
    blind_report = _rendered(ReportKind.ASSESSMENT, blind, examiner)

    image = get_image_model().objects.create(
        title="Openbare afbeelding", file=ContentFile(_jpeg(), name="openbaar.jpg")
    )
    users = {
        "anonymous": None,
        "owner": trainee,
        "colleague": people["other_trainee"],
        "assessor": assessor,
        "outsider": people["outsider_assessor"],
        "editor": people["editor"],
        "admin": people["admin_user"],
    }
    return {
        "users": users,
        "examiner": examiner,
        "attempt": attempt,
        "report": report,
        "printout": printout,
        "photo": photo,
        "case photo": case_photo,
        "hidden case photo": hidden_photo,
        "blind_report": blind_report,
        "image": image,
        "media": media,
        "private": private,
    }


@pytest.fixture(scope="class")
def built_world(tmp_path_factory, django_db_setup, django_db_blocker):
    """The world of `TestOneWorld`, made once: its files in folders of its own, its rows in a
    transaction rolled back at the end. Each test's own transaction nests inside as a
    savepoint, so what one test changes (the hidden damage revealed, a permission given to the
    editor) is gone before the next; the storage settings hold throughout, and the files stay
    on disk.

    A class, not the module: the move-command tests below count every stored file in the
    database, so the world's rows must be gone before they run, in whatever order they are
    asked for; pytest ends a class's fixtures when it leaves the class."""
    from django.db import transaction

    folders = _storages_on_disk(tmp_path_factory.mktemp("private-files"))
    with folders as (media, private), django_db_blocker.unblock(), transaction.atomic():
        yield _build_world(media, private)
        transaction.set_rollback(True)


@pytest.fixture
def world(built_world):
    """The world for one test, its model objects copies (as Django's `setUpTestData` gives
    them): what a test changes on an object in memory does not reach the next test."""
    return copy.deepcopy(built_world)


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _private_names(world) -> dict[str, str]:
    return {
        "report": world["report"].file.name,
        "printout": world["printout"].file.name,
        "photo": world["photo"].image.name,
        "thumbnail": world["photo"].thumbnail.name,
        "blind exam report": world["blind_report"].file.name,
        "case photo": world["case photo"].image.name,
        "hidden case photo": world["hidden case photo"].image.name,
        "case photo (authors)": world["hidden case photo"].image.name,
    }


def _status(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")):
        return "login"
    return response.status_code


#                 anonymous, owner, colleague, assessor, outsider, editor, admin
SERVED = {
    # The dossier's rule (cases.selectors.attempt_for): the owner, the cohort's assessors, the
    # administrator; as the dossier page itself.
    "photo": ("login", 200, 404, 200, 404, 404, 200),
    "thumbnail": ("login", 200, 404, 200, 404, 404, 200),
    # selectors.grade_for_report: the cohort's assessors, the owner once it is their final
    # grade outside exam mode; the administrator grades nothing, so gets no report.
    "report": ("login", 200, 404, 200, 404, 404, 404),
    # selectors.calculation_version_for: whoever may read the attempt.
    "printout": ("login", 200, 404, 200, 404, 404, 200),
    # The examiner's report while the second grade is blind: the examiner alone (below).
    "blind exam report": ("login", 404, 404, 404, 404, 404, 404),
    # A case photo in the dossier (selectors.case_photo_for): who may see the attempt; its
    # trainee by the dossier's stage (selectors.case_photos_for) ...
    "case photo": ("login", 200, 404, 200, 404, 404, 200),
    # ... so not the hidden damage before the workshop reports it (the reveal: below); the
    # assessors and the administrator grade the whole dossier and get it.
    "hidden case photo": ("login", 404, 404, 200, 404, 404, 200),
    # For authoring (Wagtail, Django admin): the editors and the administrator, nobody else.
    "case photo (authors)": ("login", 404, 404, 404, 404, 200, 200),
}


def _serving_url(world, kind: str) -> str:
    photo = world["photo"]
    urls = {
        "photo": reverse("cases:attempt-photo", args=[photo.attempt_id, photo.pk]),
        "thumbnail": reverse("cases:attempt-photo-thumbnail", args=[photo.attempt_id, photo.pk]),
        "report": reverse("assessment:report", args=[world["report"].pk]),
        "printout": reverse("assessment:report", args=[world["printout"].pk]),
        "blind exam report": reverse("assessment:report", args=[world["blind_report"].pk]),
        "case photo": reverse("cases:case-photo", args=[photo.attempt_id, world["case photo"].pk]),
        "hidden case photo": reverse(
            "cases:case-photo", args=[photo.attempt_id, world["hidden case photo"].pk]
        ),
        "case photo (authors)": reverse(
            "cases:case-photo-author", args=[world["hidden case photo"].pk]
        ),
    }
    return urls[kind]


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


class TestOneWorld:
    """Every kind of private file, the CMS image and the users of every role (`world`), made
    once for these tests."""

    def test_no_private_file_is_under_media_root_and_every_name_is_unguessable(self, world):
        names = _private_names(world)
        for kind, name in names.items():
            assert not (world["media"] / name).exists(), kind
            assert (world["private"] / name).is_file(), kind
        for kind in ("report", "printout", "blind exam report"):
            # reports/<kind>/<32 random hex>/<readable name>: the old name was all counters.
            assert re.fullmatch(r"reports/\w+/[0-9a-f]{32}/[\w.-]+\.pdf", names[kind]), names[kind]
        attempt = world["attempt"].pk
        assert names["report"] != f"reports/assessment/beoordeling-{attempt}-primary-v1.pdf"
        # Two renders of the same kind never share the random folder.
        assert names["report"].split("/")[2] != names["blind exam report"].split("/")[2]
        assert re.fullmatch(rf"attempts/{attempt}/[0-9a-f]{{32}}/a1b2c3\.jpg", names["photo"])
        version = world["attempt"].case_version
        folder = rf"cases/{version.case.slug}/v{version.number}/[0-9a-f]{{32}}"
        assert re.fullmatch(rf"{folder}/voorkant\.jpg", names["case photo"])
        # The hidden-damage photo's name cannot be worked out from the intake photo's.
        assert re.fullmatch(rf"{folder}/verborgen\.jpg", names["hidden case photo"])
        assert names["case photo"].split("/")[3] != names["hidden case photo"].split("/")[3]

    @pytest.mark.parametrize("role", ROLES)
    def test_a_private_file_is_never_served_by_its_media_url(self, world, role):
        client = _client(world["users"][role])
        for kind, name in _private_names(world).items():
            response = client.get(f"{settings.MEDIA_URL}{name}")
            assert response.status_code == 404, (kind, role)

    @pytest.mark.parametrize("role", ROLES)
    def test_a_published_cms_image_is_served_by_its_media_url(self, world, role):
        """The control: the route above really serves MEDIA_ROOT; CMS images stay public."""
        image = world["image"]
        assert (world["media"] / image.file.name).is_file()
        response = _client(world["users"][role]).get(f"{settings.MEDIA_URL}{image.file.name}")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == image.file.open("rb").read()

    @pytest.mark.parametrize("kind", list(SERVED))
    def test_the_serving_view_hands_a_file_only_to_who_may_see_its_object(self, world, kind):
        names = _private_names(world)
        stored = (world["private"] / names[kind]).read_bytes()
        for role, expected in zip(ROLES, SERVED[kind], strict=True):
            response = _client(world["users"][role]).get(_serving_url(world, kind))
            assert _status(response) == expected, (kind, role)
            if expected == 200:
                assert _content(response) == stored, (kind, role)
                assert response["Cache-Control"] == "private, no-store"
                assert response["X-Content-Type-Options"] == "nosniff"

    def test_the_examiner_alone_gets_the_blind_exam_report(self, world):
        report = world["blind_report"]
        client = _client(world["examiner"])
        page = client.get(reverse("assessment:report", args=[report.pk]))
        api = client.get(reverse("api:assessment_api:report-download", args=[report.pk]))
        assert page.status_code == api.status_code == 200
        assert _content(page).startswith(b"%PDF")
        # The cohort's other assessor grades blind: not through the API either.
        other = _client(world["users"]["assessor"])
        assert (
            other.get(reverse("api:assessment_api:report-download", args=[report.pk])).status_code
            == 404
        )

    def test_a_photo_of_another_attempt_is_not_served_under_this_attempts_path(self, world):
        """The photo id alone decides nothing: it must belong to the attempt of the path."""
        other_trainee = world["users"]["colleague"]
        mine = finished_attempt(trainee=other_trainee, cohort=world["attempt"].cohort)
        photo = world["photo"]
        url = reverse("cases:attempt-photo", args=[mine.pk, photo.pk])
        assert _client(other_trainee).get(url).status_code == 404

    def test_the_api_gives_the_checked_addresses_of_an_uploaded_photo(self, world, client_for):
        """The upload's answer names the serving view, never a storage URL."""
        from cases.photo_views import photo_url

        photo = world["photo"]
        assert photo_url(photo) == f"/casussen/pogingen/{photo.attempt_id}/fotos/{photo.pk}/"
        with pytest.raises(ValueError):
            photo.image.url  # noqa: B018 - a private file has no public URL

    @pytest.mark.parametrize(
        ("method", "expected"),
        [("x-accel", "X-Accel-Redirect"), ("django", None)],
    )
    def test_serving_methods(self, world, method, expected):
        report = world["printout"]
        with override_settings(
            PRIVATE_MEDIA_SERVE=method, PRIVATE_MEDIA_X_ACCEL_PREFIX="/_private/"
        ):
            response = _client(world["users"]["assessor"]).get(
                reverse("assessment:report", args=[report.pk])
            )
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        if expected:
            assert response[expected] == f"/_private/{report.file.name}"
            assert response.content == b""  # nginx sends the body from its internal location
        else:
            assert _content(response).startswith(b"%PDF")

    def test_signed_url_serving_redirects_to_a_short_lived_url(self, world, monkeypatch):
        """With S3 the view redirects to a signed URL valid PRIVATE_MEDIA_URL_EXPIRY seconds."""
        from django.core.files.storage import storages

        asked = {}

        def url(name, parameters=None, expire=None, http_method=None):
            asked.update(name=name, parameters=parameters, expire=expire)
            return f"https://bucket.example/{name}?X-Amz-Expires={expire}&X-Amz-Signature=abc"

        # On the instance itself, as its own attribute: undone at the test's end, it leaves no
        # trace on the storage the next tests of the world share.
        monkeypatch.setitem(vars(storages["private"]), "url", url)
        report = world["printout"]
        with override_settings(PRIVATE_MEDIA_SERVE="signed-url", PRIVATE_MEDIA_URL_EXPIRY=60):
            response = _client(world["users"]["assessor"]).get(
                reverse("assessment:report", args=[report.pk])
            )
            refused = _client(world["users"]["colleague"]).get(
                reverse("assessment:report", args=[report.pk])
            )
        assert response.status_code == 302
        assert response["Location"].startswith("https://bucket.example/")
        assert asked["expire"] == 60 and asked["name"] == report.file.name
        assert asked["parameters"]["ResponseContentDisposition"].startswith("attachment")
        assert refused.status_code == 404  # no URL is signed for who may not see it

    def test_the_django_admin_links_a_private_file_to_its_checked_view(self, world):
        """The storage has no URL (a link to one would be a 500, or a leak): the admin shows the
        serving view's address, which applies the object's rule to whoever follows it."""
        client = _client(world["users"]["admin"])
        photo, report = world["photo"], world["printout"]
        page = client.get(reverse("admin:cases_attemptphoto_change", args=[photo.pk]))
        assert page.status_code == 200
        assert _serving_url(world, "photo") in page.content.decode()
        assert photo.image.name not in page.content.decode()
        page = client.get(reverse("admin:assessment_report_change", args=[report.pk]))
        assert page.status_code == 200
        assert reverse("assessment:report", args=[report.pk]) in page.content.decode()
        assert report.file.name not in page.content.decode()

    def test_the_hidden_damage_photo_reaches_the_trainee_only_once_revealed(self, world):
        """Before the workshop reports the hidden damage its photo is 404 to the trainee, by the
        view and by the /media/ path alike; after the report the trainee gets it (the same stage
        rule as the dossier page, `selectors.case_photos_for`)."""
        attempt, hidden = world["attempt"], world["hidden case photo"]
        url = reverse("cases:case-photo", args=[attempt.pk, hidden.pk])
        owner, colleague = _client(world["users"]["owner"]), _client(world["users"]["colleague"])
        dossier = reverse("cases:attempt-detail", args=[attempt.pk])

        assert owner.get(url).status_code == 404
        assert owner.get(f"{settings.MEDIA_URL}{hidden.image.name}").status_code == 404
        page = owner.get(dossier).content.decode()
        assert reverse("cases:case-photo", args=[attempt.pk, world["case photo"].pk]) in page
        assert url not in page

        add_event(attempt, EventKind.HIDDEN_DAMAGE_REVEALED, {"description": "Steunbalk gescheurd"})

        response = owner.get(url)
        assert response.status_code == 200
        assert _content(response) == (world["private"] / hidden.image.name).read_bytes()
        assert url in owner.get(dossier).content.decode()
        assert colleague.get(url).status_code == 404  # still nobody else's
        assert owner.get(f"{settings.MEDIA_URL}{hidden.image.name}").status_code == 404

    def test_a_case_photo_of_another_case_is_not_served_under_this_attempts_path(self, world):
        """The photo id alone decides nothing: it must be a photo of the attempt's case version."""
        from tests.factories.cases import CaseVersionFactory

        other = _case_photo(CaseVersionFactory(), PhotoStage.VISIBLE, "ander.jpg")
        url = reverse("cases:case-photo", args=[world["attempt"].pk, other.pk])
        for role in ("owner", "assessor", "admin"):
            assert _client(world["users"][role]).get(url).status_code == 404, role
        editor = _client(world["users"]["editor"])
        assert editor.get(reverse("cases:case-photo-author", args=[other.pk])).status_code == 200

    def test_case_photo_pages_link_the_checked_view_never_the_storage(self, world):
        """The Django admin's version page and Wagtail's editor link the authors' view; the
        storage name (its random folder) is in no page."""
        from django.contrib.auth.models import Permission

        version, hidden = world["attempt"].case_version, world["hidden case photo"]
        author_url = reverse("cases:case-photo-author", args=[hidden.pk])
        admin_page = _client(world["users"]["admin"]).get(
            reverse("admin:cases_caseversion_change", args=[version.pk])
        )
        assert admin_page.status_code == 200
        assert author_url in admin_page.content.decode()
        assert hidden.image.name not in admin_page.content.decode()

        editor = world["users"]["editor"]
        editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        wagtail_page = _client(editor).get(f"/cms/snippets/cases/caseversion/edit/{version.pk}/")
        assert wagtail_page.status_code == 200
        assert author_url in wagtail_page.content.decode()
        assert hidden.image.name not in wagtail_page.content.decode()


def test_production_keeps_private_media_out_of_media_root(monkeypatch, tmp_path):
    from schadeplatform.settings.env import ImproperEnvironment

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "schade.example")
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db/schade")
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path / "media"))
    monkeypatch.setenv("PRIVATE_MEDIA_ROOT", str(tmp_path / "media" / "private"))
    import importlib
    import sys

    sys.modules.pop("schadeplatform.settings.production", None)
    with pytest.raises(ImproperEnvironment, match="PRIVATE_MEDIA_ROOT"):
        importlib.import_module("schadeplatform.settings.production")
    monkeypatch.setenv("PRIVATE_MEDIA_ROOT", str(tmp_path / "private"))
    sys.modules.pop("schadeplatform.settings.production", None)
    production = importlib.import_module("schadeplatform.settings.production")
    sys.modules.pop("schadeplatform.settings.production", None)
    assert production.STORAGES["private"]["OPTIONS"]["location"] == str(tmp_path / "private")
    assert production.PRIVATE_MEDIA_SERVE == "django"
    assert Path(production.MEDIA_ROOT) == tmp_path / "media"


def test_existing_public_files_are_moved_to_private_storage_under_new_names(on_disk, trainee):
    """`manage.py move_private_files`: the files written before this change, under the old
    guessable names in MEDIA_ROOT, move to the private storage; run twice, it moves nothing."""
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    from assessment.models import Report

    media, private = on_disk
    attempt = finished_attempt(trainee=trainee)
    version = attempt.calculation_versions.get(kind="final")
    old_report = f"reports/calculation/calculatie-{attempt.pk}-final-{version.number}.pdf"
    default_storage.save(old_report, ContentFile(b"%PDF-oud"))
    report = Report.objects.create(
        kind=ReportKind.CALCULATION,
        key=f"calculation:version:{version.pk}",
        calculation_version=version,
        status=ReportStatus.RENDERED,
        file=old_report,
    )
    old_photo = f"attempts/{attempt.pk}/0123abcd.jpg"
    default_storage.save(old_photo, ContentFile(_jpeg()))
    photo = AttemptPhoto.objects.create(attempt=attempt, image=old_photo)
    assert (media / old_report).is_file() and (media / old_photo).is_file()

    out = io.StringIO()
    call_command("move_private_files", stdout=out)
    assert "Verplaatst: 2" in out.getvalue()
    report.refresh_from_db()
    photo.refresh_from_db()
    assert not (media / old_report).exists() and not (media / old_photo).exists()
    assert (private / report.file.name).read_bytes() == b"%PDF-oud"
    assert re.fullmatch(
        r"reports/calculation/[0-9a-f]{32}/calculatie-[\w.-]+\.pdf", report.file.name
    )
    assert re.fullmatch(rf"attempts/{attempt.pk}/[0-9a-f]{{32}}/0123abcd\.jpg", photo.image.name)

    again = io.StringIO()
    call_command("move_private_files", stdout=again)
    assert "Verplaatst: 0; al privé: 2" in again.getvalue()


def test_existing_public_case_photos_are_moved_once_for_every_version_naming_them(on_disk, trainee):
    """Case versions copied from one another share a photo file: `move_private_files` moves it
    once, under a random name, and rewrites every row; a second run moves nothing."""
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    from cases.services import case_version_new_draft
    from tests.factories.cases import PublishedCaseVersionFactory

    first = PublishedCaseVersionFactory()
    old = f"cases/{first.case.slug}/v1/verborgen.jpg"
    default_storage.save(old, ContentFile(_jpeg()))
    CasePhoto.objects.bulk_create(  # as before the change (a published version: no save())
        [CasePhoto(case_version=first, image=old, stage=PhotoStage.HIDDEN)]
    )
    draft = case_version_new_draft(case=first.case, by=None)
    assert list(CasePhoto.objects.values_list("image", flat=True)) == [old, old]

    out = io.StringIO()
    call_command("move_private_files", stdout=out)
    assert "Verplaatst: 1; al privé: 0; niet gevonden: 0" in out.getvalue()
    (name,) = set(CasePhoto.objects.values_list("image", flat=True))
    assert {p.case_version_id for p in CasePhoto.objects.filter(image=name)} == {
        first.pk,
        draft.pk,
    }
    media, private = on_disk
    assert not (media / old).exists()
    assert (private / name).read_bytes() == _jpeg()
    assert re.fullmatch(rf"cases/{first.case.slug}/v1/[0-9a-f]{{32}}/verborgen\.jpg", name)

    again = io.StringIO()
    call_command("move_private_files", stdout=again)
    assert "Verplaatst: 0; al privé: 1" in again.getvalue()
