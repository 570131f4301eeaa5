"""The catalogue of error kinds a reviewed calculation can hold: the one owner of their codes,
their Dutch labels and the profile items each touches (pure Python, no Django).

The profile items are the keys of `assessment.scoring.competence` (work processes "1.2",
competence area names, knowledge and trade-off slugs); where the grading already has a verdict
or critical-error kind for the same mistake, the kind reads that kind's items, so a review error
and a graded calculation's mistake lead to the same lessons (`assessment.mistake_lessons`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessment.scoring.competence import ANALYSEREN, CRITICAL_ITEMS, VERDICT_ITEMS
from calcengine.schema import gettext_noop


@dataclass(frozen=True)
class ErrorKind:
    """`omission`: the error is a line that is not there (the trainee names it under "ontbrekend
    werk", not on a line); `on_rates`: the error is in the rate set, not in a line."""

    code: str
    label: str
    items: dict[str, Any]
    omission: bool = False
    on_rates: bool = False


MISSING_LINE = "missing_line"
WRONG_OPERATION = "wrong_operation"
UNITS_OFF = "units_off"
PAINT_LEVEL = "paint_level"
FORBIDDEN_PART_SOURCE = "forbidden_part_source"
WRONG_RATES = "wrong_rates"
MISSED_CALIBRATION = "missed_calibration"
MISSED_HV_WORK = "missed_hv_work"
INCLUDED_OVERLAP = "included_overlap"
UNDAMAGED_PART = "undamaged_part"

ERROR_KIND_TABLE = (
    ErrorKind(MISSING_LINE, gettext_noop("Regel ontbreekt"), VERDICT_ITEMS["missing"], True),
    ErrorKind(
        WRONG_OPERATION, gettext_noop("Verkeerde bewerking"), VERDICT_ITEMS["wrong_operation"]
    ),
    ErrorKind(UNITS_OFF, gettext_noop("Arbeidseenheden kloppen niet"), VERDICT_ITEMS["units_off"]),
    # No verdict kind of the grading is about the paint level alone: the paint calculation's
    # items (repair methods decide the AZT level; the program computes it).
    ErrorKind(
        PAINT_LEVEL,
        gettext_noop("Verkeerd lakniveau"),
        {
            "work_processes": ("1.2",),
            "competence_areas": (ANALYSEREN,),
            "knowledge": ("reparatiemethodes", "calculatieprogramma", "calculatie-lezen"),
            "trade_offs": ("balans-calculeren",),
        },
    ),
    ErrorKind(
        FORBIDDEN_PART_SOURCE,
        gettext_noop("Herkomst onderdeel niet toegestaan door de betaler"),
        CRITICAL_ITEMS["part_source_not_allowed"],
    ),
    ErrorKind(
        WRONG_RATES,
        gettext_noop("Verkeerde tarieven"),
        CRITICAL_ITEMS["rates_differ"],
        on_rates=True,
    ),
    ErrorKind(
        MISSED_CALIBRATION,
        gettext_noop("Kalibratie (ADAS) ontbreekt"),
        CRITICAL_ITEMS["adas_calibration_missing"],
        True,
    ),
    ErrorKind(
        MISSED_HV_WORK,
        gettext_noop("HV-werk (spanningsvrij maken) ontbreekt"),
        CRITICAL_ITEMS["hv_safety_missing"],
        True,
    ),
    ErrorKind(
        INCLUDED_OVERLAP,
        gettext_noop("Overlap: werk dat al in een andere regel zit"),
        VERDICT_ITEMS["extra"],
    ),
    ErrorKind(
        UNDAMAGED_PART,
        gettext_noop("Onbeschadigd onderdeel berekend"),
        CRITICAL_ITEMS["undamaged_part_worked"],
    ),
)
ERROR_KIND = {kind.code: kind for kind in ERROR_KIND_TABLE}
ERROR_KINDS = tuple(ERROR_KIND)
OMISSION_KINDS = tuple(kind.code for kind in ERROR_KIND_TABLE if kind.omission)
LINE_KINDS = tuple(
    kind.code for kind in ERROR_KIND_TABLE if not kind.omission and not kind.on_rates
)
RATES_KINDS = tuple(kind.code for kind in ERROR_KIND_TABLE if kind.on_rates)


def label_of(code: str) -> str:
    kind = ERROR_KIND.get(code)
    return kind.label if kind else code
