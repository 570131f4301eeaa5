"""Every variant's own validity variants: derived from its reference by rules, in the validity
suite's format (tests/validity/README.md: `remove`, `update`, `add`, `rate_set`, `rates`,
`critical`), and run through the real scorer (`schadescore/2`) with the suite's bounds.

- accepted (an expert signs it): passes and scores at least the reference's own score minus
  `ACCEPTED_LOSS`: the reference as handed in; labour within the tolerance; a radar or camera
  calibration given to a specialist (subcontracted, naming the sensor); another part source the
  reference accepts (the customer's or the payer's choice);
- mistake (an expert rejects it): fails or loses at least `MISTAKE_LOSS`: another client's
  rates; the owner's VAT status the other way round; a new part on a part the brief calls
  undamaged; a part source the payer forbids for this vehicle; a critical calibration left out.
Each mistake also names the knock-out the scorer must list.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any

from assessment.scoring import prepare_reference, score_prepared
from assessment.scoring.annotations import read_assess
from calcengine import calculate, parse
from calcengine.catalogue import get_rate_set, get_vehicle, prefill_line, rate_sets
from calcengine.schema import CALIBRATING_OPERATIONS, REPLACE_OPERATION, SUBCONTRACT_OPERATION
from cases.calc_review.injection import clean_reference

from .generate import Variant, part_price, specialist_code

# The validity suite's bounds, its one owner (tests/validity/test_validity_suite.py imports them).
ACCEPTED_LOSS = Decimal("5")
MISTAKE_LOSS = Decimal("15")
ACCEPTED, MISTAKE = "accepted", "mistake"


@dataclass(frozen=True)
class ValidityVariant:
    name: str
    kind: str
    why: str
    edits: dict[str, Any] = field(default_factory=dict)
    critical: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    variant: ValidityVariant
    score: Decimal
    passed: bool
    critical: tuple[str, ...]
    ok: bool


def apply_edits(
    reference: dict[str, Any], vehicle_id: str, edits: dict[str, Any]
) -> dict[str, Any]:
    """`reference` as a trainee could have handed it in (`clean_reference`: no scoring
    annotations) with the validity suite's edits (tests/validity/README.md): `remove` line ids,
    `update` fields of lines (null deletes a field), `add` lines (written out, or
    `{"prefill": {...}, "set": {...}}` from the catalogue for `vehicle_id`), `vehicle` fields,
    `rate_set` another catalogue rate set, `rates` single fields (a dict merges into the rate's
    own). The one reader of the format: the suite (tests/validity) and `submission_for` use it.
    An edit naming a line the reference lacks raises ValueError."""
    submission = clean_reference(reference)
    removed = set(edits.get("remove", []))
    unknown = removed - {line["id"] for line in submission["lines"]}
    if unknown:
        raise ValueError(f"remove: no line {sorted(unknown)}")
    submission["lines"] = [line for line in submission["lines"] if line["id"] not in removed]
    for line_id, fields in edits.get("update", {}).items():
        (line,) = [line for line in submission["lines"] if line["id"] == line_id]
        for key, value in fields.items():
            if value is None:
                line.pop(key, None)
            else:
                line[key] = value
    submission["lines"] += [_new_line(vehicle_id, spec) for spec in edits.get("add", [])]
    submission["vehicle"].update(edits.get("vehicle", {}))
    if "rate_set" in edits:
        submission["rates"] = copy.deepcopy(get_rate_set(edits["rate_set"]).rates)
    for key, value in edits.get("rates", {}).items():
        if isinstance(value, dict):
            submission["rates"][key] = {**submission["rates"][key], **value}
        else:
            submission["rates"][key] = value
    return submission


def _new_line(vehicle_id: str, spec: dict[str, Any]) -> dict[str, Any]:
    if "prefill" not in spec:
        return copy.deepcopy(spec)
    options = dict(spec["prefill"])
    line = prefill_line(vehicle_id, options.pop("code"), options.pop("operation"), **options)
    line.update(spec.get("set", {}))
    return line


def submission_for(variant: Variant, validity: ValidityVariant) -> dict[str, Any]:
    """The variant's reference with the validity variant's edits applied."""
    return apply_edits(variant.reference, variant.parameters.vehicle_id, validity.edits)


def _lines(variant: Variant, operation: str) -> list[dict[str, Any]]:
    return [line for line in variant.reference["lines"] if line["operation"] == operation]


def _accepted(variant: Variant) -> list[ValidityVariant]:
    found = [
        ValidityVariant(
            "reference-as-handed-in",
            ACCEPTED,
            "De referentie zelf, zoals een cursist haar zou inleveren: die moet slagen.",
        )
    ]
    labour = next(
        (line for line in variant.reference["lines"] if Decimal(line.get("labour_units", 0))),
        None,
    )
    if labour is not None:
        # at the edge of the line's own tolerance (the scorer reads it: scoring spec §1, §2),
        # rounded down so it stays inside the band
        tolerance = read_assess(labour.get("assess"), "assess")[0].unit_tolerance
        more = (Decimal(labour["labour_units"]) * (1 + tolerance)).quantize(
            Decimal("0.1"), ROUND_DOWN
        )
        found.append(
            ValidityVariant(
                "labour-within-tolerance",
                ACCEPTED,
                "Meer arbeid op één regel, tot de rand van de tolerantie van die regel: twee "
                "ervaren calculators verschillen zoveel.",
                {"update": {labour["id"]: {"labour_units": format(more.normalize(), "f")}}},
            )
        )
    for line in _lines(variant, "calibrate"):
        specialist = specialist_code(line["sensor"])
        if specialist:
            found.append(
                ValidityVariant(
                    "calibration-by-specialist",
                    ACCEPTED,
                    "De kalibratie uitbesteed aan een specialist (werk derden, met de sensor "
                    "genoemd): gelijkwaardig aan zelf kalibreren.",
                    {
                        "remove": [line["id"]],
                        "add": [
                            {
                                "prefill": {
                                    "code": specialist,
                                    "operation": SUBCONTRACT_OPERATION,
                                    "line_id": "S1",
                                }
                            }
                        ],
                    },
                )
            )
            break
    vehicle = get_vehicle(variant.parameters.vehicle_id)
    for line in _lines(variant, REPLACE_OPERATION):
        own = line.get("part_source", "oem")
        others = [s for s in (line.get("assess") or {}).get("part_sources", []) if s != own]
        if others:
            price = part_price(vehicle.part(line["code"]), others[0])
            found.append(
                ValidityVariant(
                    f"part-source-{others[0]}",
                    ACCEPTED,
                    "Een andere herkomst die de referentie voor dit onderdeel accepteert "
                    "(keuze van de klant of de betaler).",
                    {
                        "update": {
                            line["id"]: {
                                "part_source": None if others[0] == "oem" else others[0],
                                "unit_price": format(price, "f"),
                            }
                        }
                    },
                )
            )
            break
    return found


def _other_rate_set(variant: Variant) -> str:
    """A catalogue rate set whose labour rates differ from the reference's."""
    own = variant.reference["rates"]["labour"]
    return next(r.id for r in rate_sets() if r.rates["labour"] != own)


def _mistakes(variant: Variant) -> list[ValidityVariant]:
    deducts = bool(variant.reference["rates"]["owner_deducts_vat"])
    found = [
        ValidityVariant(
            "wrong-client-rates",
            MISTAKE,
            "De tarieven van een andere opdrachtgever: de betaler keurt die niet goed.",
            {"rate_set": _other_rate_set(variant)},
            ("rates_differ",),
        ),
        ValidityVariant(
            "vat-status-reversed",
            MISTAKE,
            "De btw-situatie van de eigenaar omgedraaid: totaal en total-lossvergelijking "
            "kloppen dan niet.",
            {"rates": {"owner_deducts_vat": not deducts}},
            ("rates_differ",),
        ),
    ]
    undamaged = variant.reference["assess"]["undamaged"]
    if undamaged:
        found.append(
            ValidityVariant(
                "undamaged-part-replaced",
                MISTAKE,
                "Een nieuw onderdeel op een onderdeel dat volgens de opname onbeschadigd is.",
                {
                    "add": [
                        {
                            "prefill": {
                                "code": undamaged[0],
                                "operation": REPLACE_OPERATION,
                                "line_id": "U1",
                            }
                        }
                    ]
                },
                ("undamaged_part_worked",),
            )
        )
    allowed = variant.reference["assess"]["part_sources_allowed"]
    forbidden = [s for s in ("used", "aftermarket") if s not in allowed]
    replaced = _lines(variant, REPLACE_OPERATION)
    if forbidden and replaced:
        vehicle = get_vehicle(variant.parameters.vehicle_id)
        line = replaced[0]
        found.append(
            ValidityVariant(
                f"forbidden-source-{forbidden[0]}",
                MISTAKE,
                "Een herkomst die de betaler voor deze auto niet toestaat.",
                {
                    "update": {
                        line["id"]: {
                            "part_source": forbidden[0],
                            "unit_price": format(
                                part_price(vehicle.part(line["code"]), forbidden[0]), "f"
                            ),
                        }
                    }
                },
                ("part_source_not_allowed",),
            )
        )
    for line in variant.reference["lines"]:
        if (line.get("assess") or {}).get("critical") and _is_calibration(line):
            found.append(
                ValidityVariant(
                    "critical-calibration-missing",
                    MISTAKE,
                    "De voorgeschreven kalibratie ontbreekt: de rijhulpsystemen meten verkeerd.",
                    {"remove": [line["id"]]},
                    ("missing_critical",),
                )
            )
            break
    return found


def _is_calibration(line: dict[str, Any]) -> bool:
    """A calibration line: an own `calibrate` line, or a specialist's naming the sensor."""
    return line["operation"] in CALIBRATING_OPERATIONS and bool(line.get("sensor"))


def validity_variants(variant: Variant) -> list[ValidityVariant]:
    """The accepted ways and the real mistakes this variant's reference must tell apart."""
    return _accepted(variant) + _mistakes(variant)


def check(variant: Variant) -> list[Outcome]:
    """Score every validity variant against the variant's reference; `ok` per the bounds."""
    reference = parse(variant.reference)
    prepared = prepare_reference(reference, calculate(reference))
    ceiling = score_prepared(prepared, parse(clean_reference(variant.reference))).score
    outcomes = []
    for validity in validity_variants(variant):
        result = score_prepared(prepared, parse(submission_for(variant, validity)))
        kinds = tuple(str(error.kind) for error in result.critical_errors)
        if validity.kind == ACCEPTED:
            ok = result.passed and result.score >= ceiling - ACCEPTED_LOSS
        else:
            ok = not result.passed or result.score <= ceiling - MISTAKE_LOSS
        ok = ok and all(kind in kinds for kind in validity.critical)
        outcomes.append(Outcome(validity, result.score, result.passed, kinds, ok))
    return outcomes


def problems(variant: Variant) -> list[str]:
    """The validity variants that do not score as an expert would (empty: the reference holds)."""
    return [
        f"{variant.template_key}/{variant.seed} {o.variant.name}: {o.score} {o.passed} {o.critical}"
        for o in check(variant)
        if not o.ok
    ]
