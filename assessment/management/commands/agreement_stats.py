"""`python manage.py agreement_stats RATINGS.csv` (issue #15, item 3)."""

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from assessment.agreement import AgreementInputError, agreement_report
from assessment.agreement.ratings_csv import HEADERS, parse_ratings_csv

# Exit status of refused input, as `score_quote` and `python -m calcengine` use it.
REFUSED = 2


class Command(BaseCommand):
    help = (
        "Berekent de overeenstemming tussen beoordelaars uit een CSV-bestand met de kop "
        f"{' of '.join(HEADERS)} (één rij per beoordeling): de ICC-vormen van Shrout & Fleiss "
        "voor scores, Cohens (gewogen) kappa of Fleiss' kappa voor niveaus. Drukt JSON af; "
        'geweigerde invoer geeft exitcode 2 met {"errors": [...]}.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "ratings", help="CSV-bestand: subject,rater,score of subject,rater,level"
        )

    def handle(self, *args: Any, ratings: str, **options: Any) -> None:
        try:
            raw = Path(ratings).read_bytes()
        except FileNotFoundError:
            self._refuse([f"bestand '{ratings}' bestaat niet"])
        except OSError as exc:
            self._refuse([f"bestand '{ratings}' is niet te lezen: {exc.strerror or exc}"])
        try:
            table = parse_ratings_csv(raw)
            report = agreement_report(table.kind, table.ratings)
        except AgreementInputError as exc:
            self._refuse(exc.errors)
        # allow_nan=False: a NaN that slipped through is a bug, not output.
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False))

    def _refuse(self, errors: list[str]) -> NoReturn:
        self.stdout.write(json.dumps({"errors": errors}, ensure_ascii=False, indent=2))
        # The refusal goes to stdout as JSON like the result does, so the exit status is the
        # only signal: CommandError would print its message to stderr instead.
        sys.exit(REFUSED)
