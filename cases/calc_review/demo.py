"""Demo calculation reviews, loaded by `cases.demo.load` after the demo cases (idempotent: an
exercise whose document and key are as wanted is left alone, so answers keep fitting it).

Two exercises on demo cases:
- authored on the Golf: the mistakes a colleague makes (the shop's own rates for an insurer's
  network repair, the undamaged left wing replaced, the front-radar calibration left out, and
  the bumper's removal and refitting calculated beside its replacement);
- injected from a seed on the Tesla Model 3: HV work left out, a wrong paint level, labour
  units off and a used part the insurer does not allow on a car under five years.
"""

from __future__ import annotations

from typing import Any, TextIO

from ..models import Case, CaseVersionStatus
from . import error_kinds as k
from .injection import ErrorSpec
from .services import calc_review_exercise_make

EXERCISES: list[dict[str, Any]] = [
    {
        "slug": "golf-voorzijde-collega",
        "title": "Golf 8 voorzijde: de calculatie van een collega",
        "case": "golf-front-low-speed",
        "instructions": (
            "Een collega heeft de voorcalculatie van de Golf van mevrouw El Amrani gemaakt. "
            "Controleer hem voordat hij naar de verzekeraar gaat: tarieven, elke regel en wat "
            "er ontbreekt."
        ),
        "seed": None,
        "specs": [
            ErrorSpec(k.WRONG_RATES, value="particulier-eigen-tarief"),
            ErrorSpec(k.UNDAMAGED_PART, line="5", value="5H0821105"),
            ErrorSpec(k.MISSED_CALIBRATION, line="6"),
            ErrorSpec(k.INCLUDED_OVERLAP, line="1"),
        ],
    },
    {
        "slug": "tesla-achterzijde-seed-7",
        "title": "Tesla Model 3 achterzijde: vier fouten gezocht",
        "case": "model3-rear-ev",
        "instructions": (
            "Deze calculatie van de Tesla bevat vier fouten. Vind ze, noem de soort en schrijf "
            "de correctie op."
        ),
        "seed": 7,
        "specs": [
            ErrorSpec(k.MISSED_HV_WORK),
            ErrorSpec(k.PAINT_LEVEL),
            ErrorSpec(k.UNITS_OFF),
            ErrorSpec(k.FORBIDDEN_PART_SOURCE),
        ],
    },
]


def load_exercise(data: dict[str, Any]) -> str:
    case = Case.objects.filter(slug=data["case"]).first()
    version = (
        case.versions.filter(status=CaseVersionStatus.PUBLISHED).order_by("-number").first()
        if case
        else None
    )
    if version is None:
        return "overgeslagen: casus niet geladen"
    _exercise, outcome = calc_review_exercise_make(
        slug=data["slug"],
        title=data["title"],
        instructions=data["instructions"],
        case_version=version,
        specs=data["specs"],
        seed=data["seed"],
    )
    return outcome


def load(stdout: TextIO) -> None:
    stdout.write("Rekencontroles:\n")
    for data in EXERCISES:
        stdout.write(f"  {data['slug']:<34} {load_exercise(data)}\n")
