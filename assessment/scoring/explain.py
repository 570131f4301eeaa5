"""The Dutch sentences that say why a line earned what it earned (scoring spec §7).

Figures are written the Dutch way: "12,5 AE", "39 %", "€ 1.234,56".
"""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from calcengine.formatting import format_money, format_number
from calcengine.model import Line, Warning
from calcengine.schema import (
    OPERATION_TABLE,
    PAINT_MODE_TABLE,
    PART_SOURCE_TABLE,
    SENSOR_NAMING_OPERATIONS,
)

from .annotations import Assess
from .credit import Figure
from .result import CriticalKind, Verdict
from .rules import AMOUNT_OPERATIONS, HUNDRED, LABOUR_OPERATIONS, ONE, ZERO

# The Dutch words of the operations table (`calcengine.schema`). What the trainee did, after
# the part's name: "Achterbumper hersteld"; what the reference reckons: "waar de referentie
# herstellen rekent"; in a pass-2 match (§2, another code) the way each side did the job:
# "uitbesteed (werk derden) in plaats van zelf gekalibreerd".
DONE = {op.code: op.done for op in OPERATION_TABLE}
RECKONED = {op.code: op.name for op in OPERATION_TABLE}
DONE_INSTEAD = {op.code: op.done_instead for op in OPERATION_TABLE}
# A line that is no work on a part (a work code) has a description that names the work itself
# ("Frontradar kalibreren"), so the verb is left out unless the operation differs from the
# reference's.
SELF_DESCRIBED = frozenset(op.code for op in OPERATION_TABLE if not op.on_part)
# Of these, a line with labour (a calibration, making the HV system safe) always says the work;
# "als diversen opgenomen" still says something of an amount the reference lacks.
NAMED_BY_DESCRIPTION = frozenset(code for code in SELF_DESCRIBED if code in LABOUR_OPERATIONS)
PAINT_MODE = {mode.code: mode.name for mode in PAINT_MODE_TABLE}
PART_SOURCE = {source.code: source.name for source in PART_SOURCE_TABLE}
YES_NO = {True: "ja", False: "nee"}


# Lines repeat the same few unit figures (250 AE, 35 AE): each is written once and reused.
# Keyed by value, which is all the text depends on.
_UNITS_SHOWN: dict[Decimal, str] = {}
_UNITS_SHOWN_MAX = 4096


def format_units(value: Decimal) -> str:
    text = _UNITS_SHOWN.get(value)
    if text is None:
        text = f"{format_number(value)} AE"
        if len(_UNITS_SHOWN) < _UNITS_SHOWN_MAX:
            _UNITS_SHOWN[value] = text
    return text


def format_percent(fraction: Decimal) -> str:
    """A share as a whole percentage ("39 %"); one decimal where a whole one would read 0 %."""
    percent = fraction * HUNDRED
    whole = percent.quantize(ONE, ROUND_HALF_UP)
    if whole == ZERO and percent != ZERO:
        return f"{format_number(percent, 1)} %"
    return f"{format_number(whole)} %"


def _name(line: Line) -> str:
    description = line.description.strip() or line.code
    return description[0].upper() + description[1:]


def _did(reference: Line, trainee: Line) -> str:
    """ "Achterbumper hersteld", named as the reference names the part; "Frontradar
    kalibreren" alone for a self-describing line done as the reference does it."""
    if trainee.operation in SELF_DESCRIBED and trainee.operation == reference.operation:
        return _name(reference)
    return f"{_name(reference)} {DONE[trainee.operation]}"


def _direction(figure: Figure) -> str:
    assert figure.trainee is not None and figure.reference is not None
    return "te hoog" if figure.trainee > figure.reference else "te laag"


def _deviation_clause(figure: Figure) -> str:
    """ ": 39 % te hoog", or nothing against a reference figure of 0."""
    if figure.reference == ZERO or figure.deviation is None:
        return ""
    return f": {format_percent(figure.deviation)} {_direction(figure)}"


def figure_sentence(reference: Line, trainee: Line, figure: Figure) -> str:
    """One sentence on a compared figure that differs from the reference."""
    if figure.kind == "labour":
        assert figure.trainee is not None and figure.reference is not None
        return (
            f"{_did(reference, trainee)} ({format_units(figure.trainee)}) waar de "
            f"referentie {format_units(figure.reference)} rekent{_deviation_clause(figure)}."
        )
    name = _name(reference)
    if figure.kind == "amount":
        assert figure.trainee is not None and figure.reference is not None
        return (
            f"{name}: {format_money(figure.trainee)} waar de referentie "
            f"{format_money(figure.reference)} rekent{_deviation_clause(figure)}."
        )
    # Paint.
    if figure.trainee_mode is None:
        assert figure.reference is not None and figure.reference_mode is not None
        return (
            f"{name}: geen lakwerk waar de referentie lakwerk rekent "
            f"({PAINT_MODE[figure.reference_mode]}, {format_units(figure.reference)})."
        )
    if figure.reference_mode is None:
        assert figure.trainee is not None
        return (
            f"{name}: lakwerk ({PAINT_MODE[figure.trainee_mode]}, "
            f"{format_units(figure.trainee)}) waar de referentie geen lakwerk rekent."
        )
    if figure.reference_mode != figure.trainee_mode:
        return (
            f"{name}: lakniveau {PAINT_MODE[figure.trainee_mode]} waar de referentie "
            f"{PAINT_MODE[figure.reference_mode]} rekent."
        )
    assert figure.trainee is not None and figure.reference is not None
    return (
        f"{name}: lak {format_units(figure.trainee)} waar de referentie "
        f"{format_units(figure.reference)} rekent{_deviation_clause(figure)}."
    )


def _tolerated_sentence(reference: Line, trainee: Line, figure: Figure, assess: Assess) -> str:
    sentence = figure_sentence(reference, trainee, figure)
    return f"{sentence[:-1]}, binnen de tolerantie van {format_percent(assess.unit_tolerance)}."


def _reference_figures(reference: Line) -> str:
    """The reference line's compared figures in brackets: " (250 AE, lak 250 AE)"."""
    shown = []
    if reference.labour_units > ZERO:
        shown.append(format_units(reference.labour_units))
    if reference.paint is not None:
        shown.append(f"lak {format_units(reference.paint.units)}")
    if reference.operation in AMOUNT_OPERATIONS:
        shown.append(format_money(reference.amount or ZERO))
    return f" ({', '.join(shown)})" if shown else ""


def _differs(figure: Figure) -> bool:
    return (
        figure.deviation is None
        or figure.deviation != ZERO
        or figure.reference_mode != figure.trainee_mode
    )


def explain_matched(
    verdict: Verdict,
    reference: Line,
    trainee: Line,
    op: Decimal,
    figures: tuple[Figure, ...],
    assess: Assess,
) -> str:
    """Why a matched reference line is correct, an alternative, units-off or wrongly done."""
    if verdict is Verdict.WRONG_OPERATION:
        if (
            trainee.operation == reference.operation
            and trainee.operation in SENSOR_NAMING_OPERATIONS
            and trainee.sensor != reference.sensor
        ):
            return (
                f"{_name(reference)}: sensor {trainee.sensor} gekalibreerd waar de referentie "
                f"{reference.sensor} kalibreert: een andere sensor, geen punten."
            )
        return (
            f"{_name(reference)} {DONE[trainee.operation]} waar de referentie "
            f"{RECKONED[reference.operation]} rekent: verkeerde bewerking, geen punten."
        )
    off = [figure_sentence(reference, trainee, f) for f in figures if f.u < ONE]
    tolerated = [
        _tolerated_sentence(reference, trainee, f, assess)
        for f in figures
        if f.u == ONE and _differs(f)
    ]
    if verdict is Verdict.ALTERNATIVE:
        share = format_percent(op)
        if trainee.operation == reference.operation:
            first = (
                f"{_name(reference)} vervangen door een {PART_SOURCE[trainee.part_source]} "
                f"onderdeel waar de referentie een {PART_SOURCE[reference.part_source]} "
                f"onderdeel rekent: aanvaardbaar alternatief, {share} van de punten."
            )
        else:
            first = (
                f"{_name(reference)} {DONE[trainee.operation]} waar de referentie "
                f"{RECKONED[reference.operation]} rekent: aanvaardbaar alternatief, "
                f"{share} van de punten."
            )
        return " ".join([first, *off, *tolerated])
    if verdict is Verdict.UNITS_OFF:
        return " ".join([*off, *tolerated])
    if tolerated:
        return " ".join(tolerated)
    return explain_correct(reference)


def _credit_clause(op: Decimal) -> str:
    """ "gelijkwaardig" for full credit, else the share of the points it earns."""
    if op >= ONE:
        return "gelijkwaardig"
    if op <= ZERO:
        return "geen punten"
    return f"aanvaardbaar alternatief, {format_percent(op)} van de punten"


def explain_other_code(reference: Line, trainee: Line, op: Decimal) -> str:
    """A pass-2 match (§2): the reference's work done another way, on another code. Its
    figures are not compared (they measure different work), so the sentence names the way.

    "Frontradar kalibreren uitbesteed (werk derden) in plaats van zelf gekalibreerd:
    gelijkwaardig."; with the same operation on another code: "Koplamp LED rechts:
    Reparatieset koplamp (5H1998248) vervangen in plaats van 5H1941036: gelijkwaardig."
    """
    if trainee.operation == reference.operation:
        return (
            f"{_name(reference)}: {_name(trainee)} ({trainee.code}) "
            f"{DONE[trainee.operation]} in plaats van {reference.code}: {_credit_clause(op)}."
        )
    return (
        f"{_name(reference)} {DONE_INSTEAD[trainee.operation]} in plaats van "
        f"{DONE_INSTEAD[reference.operation]}: {_credit_clause(op)}."
    )


def explain_correct(reference: Line) -> str:
    """A line done as the reference does it, with the reference's figures; it depends on the
    reference line alone, so a prepared reference keeps it."""
    return f"{_did(reference, reference)} zoals de referentie{_reference_figures(reference)}."


def explain_missing(reference: Line) -> str:
    return (
        f"{_name(reference)} ontbreekt: de referentie rekent "
        f"{RECKONED[reference.operation]}{_reference_figures(reference)}."
    )


def explain_extra(line: Line, cost: Decimal, matched_line_id: str | None) -> str:
    """An extra line, with what it adds at the reference's rates."""
    verb = "" if line.operation in NAMED_BY_DESCRIPTION else f" {DONE[line.operation]}"
    did = f"{_name(line)}{verb} ({format_money(cost)})"
    if matched_line_id is not None:
        return (
            f"{did}: code {line.code} staat al op regel {matched_line_id}, deze regel is "
            "extra en verlaagt de score voor overcalculatie."
        )
    return (
        f"{did} staat niet in de referentie: werk dat de schade niet vraagt verlaagt de score "
        "voor overcalculatie."
    )


def _rate_value(value: Any) -> str:
    """A rate as the message shows it: a number the Dutch way, "ontbreekt" for a field one side
    lacks, a list by its length."""
    if value is None:
        return "(ontbreekt)"
    if isinstance(value, bool):
        return YES_NO[value]
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, list | tuple):
        return f"({len(value)} schijven)"
    return str(value)


def override_critical_message(kind: CriticalKind | str, code: str) -> str:
    """The knock-out of a critical line that the assessor judged missing or wrongly done."""
    if kind == CriticalKind.MISSING_CRITICAL:
        return f"Kritieke regel {code}: volgens de beoordelaar ontbreekt deze regel."
    return f"Kritieke regel {code}: volgens de beoordelaar met een verkeerde bewerking gedaan."


def critical_message(
    kind: CriticalKind,
    *,
    line: Line | None = None,
    reference: Line | None = None,
    warning: Warning | None = None,
    decisions: tuple[bool, bool | None] | None = None,
    differences: list[tuple[str, Any, Any]] | None = None,
) -> str:
    """The Dutch message of a knock-out (§6)."""
    if kind is CriticalKind.MISSING_CRITICAL:
        assert reference is not None
        return f"Kritieke regel ontbreekt: {_name(reference)} ({reference.code})."
    if kind is CriticalKind.WRONG_OPERATION_CRITICAL:
        assert reference is not None and line is not None
        if (
            line.operation == reference.operation
            and line.operation in SENSOR_NAMING_OPERATIONS
            and line.sensor != reference.sensor
        ):
            return (
                f"Kritieke regel {_name(reference)} ({reference.code}): sensor {line.sensor} "
                f"gekalibreerd waar de referentie {reference.sensor} kalibreert."
            )
        return (
            f"Kritieke regel {_name(reference)} ({reference.code}) {DONE[line.operation]} waar "
            f"de referentie {RECKONED[reference.operation]} rekent."
        )
    if kind is CriticalKind.REPAIR_NOT_ALLOWED:
        assert line is not None
        return (
            f"{_name(line)} ({line.code}) hersteld, terwijl de fabrikant herstel niet toestaat: "
            "het onderdeel moet vervangen worden."
        )
    if kind is CriticalKind.ADAS_CALIBRATION_MISSING:
        assert warning is not None
        return f"ADAS-kalibratie ontbreekt: {warning.message}"
    if kind is CriticalKind.HV_SAFETY_MISSING:
        assert warning is not None
        return f"HV-systeem spanningsvrij maken ontbreekt: {warning.message}"
    if kind is CriticalKind.RATES_DIFFER:
        assert differences is not None
        shown = "; ".join(
            f"{path} {_rate_value(trainee)} waar de referentie {_rate_value(reference_value)} "
            "rekent"
            for path, reference_value, trainee in differences[:5]
        )
        more = f" (en {len(differences) - 5} meer)" if len(differences) > 5 else ""
        return (
            "De tarieven wijken af van die van de opdrachtgever: "
            f"{shown}{more}. Reken met de tarieven van de betalende partij."
        )
    if kind is CriticalKind.PART_SOURCE_NOT_ALLOWED:
        assert line is not None
        return (
            f"{_name(line)} ({line.code}) vervangen door een {PART_SOURCE[line.part_source]} "
            "onderdeel, dat de opdrachtgever niet vergoedt."
        )
    if kind is CriticalKind.UNDAMAGED_PART_WORKED:
        assert line is not None
        return (
            f"{_name(line)} ({line.code}) {DONE[line.operation]}, terwijl dit deel niet "
            "beschadigd is: werk dat de schade niet vraagt."
        )
    assert decisions is not None
    reference_answer, trainee_answer = decisions
    stated = "niets" if trainee_answer is None else f"'{YES_NO[trainee_answer]}'"
    return (
        f"Economisch total loss: de cursist zegt {stated} waar de referentie "
        f"'{YES_NO[reference_answer]}' zegt."
    )
