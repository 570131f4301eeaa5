"""Import (or update) the competence profile from the seed text; idempotent."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from content import profile_seed
from content.services import SNAPSHOT_PATH, competence_profile_data, competence_profile_import


class Command(BaseCommand):
    help = (
        "Importeert het beroepscompetentieprofiel Schademanager uit het seedbestand "
        "(standaard SHARED_DIR/seed/bcp-schademanager-2022.txt; zonder dat bestand uit de "
        "meegeleverde momentopname)."
    )

    def add_arguments(self, parser):
        parser.add_argument("seed", nargs="?", type=Path, help="pad naar het seedbestand")
        parser.add_argument(
            "--write-snapshot",
            action="store_true",
            help=f"schrijf de geparste gegevens ook naar {SNAPSHOT_PATH.name}",
        )

    def handle(self, *args, seed=None, write_snapshot=False, **options):
        try:
            data, source = competence_profile_data(seed_path=seed)
        except (FileNotFoundError, profile_seed.SeedFormatError) as exc:
            raise CommandError(str(exc)) from exc
        result = competence_profile_import(data=data, source=source)
        if write_snapshot:
            SNAPSHOT_PATH.write_text(
                json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            self.stdout.write(f"Momentopname geschreven: {SNAPSHOT_PATH}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Competentieprofiel geïmporteerd uit {result.source}: {result.created} nieuw, "
                f"{result.updated} bijgewerkt, {result.unchanged} ongewijzigd."
            )
        )
