"""`python manage.py score_quote REFERENCE.json SUBMISSION.json` (scoring spec §8)."""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from assessment.scoring import SPEC, score_documents
from calcengine import InputError, loads

# Exit status of refused input, as `python -m calcengine estimate` uses it.
REFUSED = 2


def _read(path: str, prefix: str) -> tuple[Any, list[dict[str, str]]]:
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return None, [{"path": prefix, "message": f"Bestand '{path}' bestaat niet."}]
    except OSError as exc:
        return None, [{"path": prefix, "message": f"Bestand '{path}' is niet te lezen: {exc}."}]
    try:
        return loads(raw), []
    except InputError as exc:
        return None, [
            {
                "path": f"{prefix}.{error['path']}" if error["path"] else prefix,
                "message": error["message"],
            }
            for error in exc.errors
        ]


class Command(BaseCommand):
    help = (
        "Beoordeelt de calculatie van een cursist tegen de referentiecalculatie "
        f"({SPEC}) en drukt het resultaat af als JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="referentiecalculatie (schadecalc/1 met assess)")
        parser.add_argument("submission", help="calculatie van de cursist (schadecalc/1)")

    def handle(self, *args: Any, reference: str, submission: str, **options: Any) -> None:
        reference_json, errors = _read(reference, "reference")
        submission_json, submission_errors = _read(submission, "submission")
        errors.extend(submission_errors)
        if not errors:
            try:
                result = score_documents(reference_json, submission_json)
            except InputError as exc:
                errors = exc.errors
        if errors:
            self.stdout.write(json.dumps({"errors": errors}, ensure_ascii=False, indent=2))
            # The refusal goes to stdout as JSON like the result does, so the exit status is
            # the only signal: CommandError would print its message to stderr instead.
            sys.exit(REFUSED)
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
