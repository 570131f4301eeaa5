"""`python manage.py move_private_files [--dry-run]`: private files out of the public media.

Before issue #12 assessment reports, calculation printouts, trainee photos and case photos
(the editors' photos of a case version, hidden damage included) were written to the default
storage (`MEDIA_ROOT`, served at /media/ to anyone) under guessable names such as
`reports/assessment/beoordeling-<attempt>-primary-v1.pdf`. This command copies each such file
into the private storage under a new random name (the fields' own `upload_to`), rewrites the
row and deletes the public copy. It is idempotent: a file already in private storage is left
alone, one found nowhere is reported (the report can be asked for again; it renders anew).
A case photo's file is shared by the versions copied from one another
(`services.case_version_new_draft`): it is moved once and every row naming it is rewritten.

Run it once after deploying the change, before the web server is reloaded. A fresh demo
database (`make demo`) needs nothing: the loader writes to the private storage from the start.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from assessment.models import Report, report_path
from cases.models import AttemptPhoto, CasePhoto
from cases.models.attempt import attempt_photo_path, attempt_thumbnail_path
from cases.models.case import case_photo_path


class Command(BaseCommand):
    help = (
        "Verplaatst rapporten, calculatie-afdrukken, cursistfoto's en casusfoto's naar de "
        "privé-opslag."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen, niets doen.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        counts = {"moved": 0, "already private": 0, "missing": 0}
        for report in Report.objects.exclude(file="").iterator():
            self._move(report, "file", report_path, counts, dry_run)
        for photo in AttemptPhoto.objects.iterator():
            self._move(photo, "image", attempt_photo_path, counts, dry_run)
            self._move(photo, "thumbnail", attempt_thumbnail_path, counts, dry_run)
        names = CasePhoto.objects.exclude(image="").values_list("image", flat=True)
        for name in sorted(set(names)):
            # Every version's row that names the file (a queryset update: moving the file
            # changes no content, so a published version's freeze does not apply).
            rows = CasePhoto.objects.filter(image=name)
            first = rows.select_related("case_version__case").order_by("pk").first()
            self._move(first, "image", case_photo_path, counts, dry_run, rows=rows)
        prefix = "Zou verplaatsen" if dry_run else "Verplaatst"
        self.stdout.write(
            f"{prefix}: {counts['moved']}; al privé: {counts['already private']}; "
            f"niet gevonden: {counts['missing']}."
        )

    def _move(
        self, row, field: str, upload_to, counts: dict[str, int], dry_run: bool, rows=None
    ) -> None:
        fieldfile = getattr(row, field)
        name = fieldfile.name
        if not name:
            return
        private = fieldfile.storage
        if private.exists(name):
            counts["already private"] += 1
            return
        if not default_storage.exists(name):
            counts["missing"] += 1
            self.stderr.write(f"Niet gevonden: {name} ({type(row).__name__} {row.pk})")
            return
        counts["moved"] += 1
        if dry_run:
            return
        with default_storage.open(name, "rb") as handle:
            new_name = private.save(upload_to(row, PurePosixPath(name).name), File(handle))
        with transaction.atomic():
            if rows is None:
                rows = type(row).objects.filter(pk=row.pk)
            rows.update(**{field: new_name})
        # Deleted only once the row names the private copy: an interruption loses nothing.
        default_storage.delete(name)
