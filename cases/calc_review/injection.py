"""Building the calculation under review: a case's reference calculation with errors put in,
each error with its correct value and its cost effect as the engine computes it (pure Python,
no Django).

An error is asked for by an `ErrorSpec`: its kind (`error_kinds`), and where the author says so
the reference line it is on and the wrong value; what the author leaves open is drawn from a
`random.Random(seed)`, so one seed gives one document, always. Every kind has one builder that
turns a spec into a `Change` on the reference; `apply` makes the document of any set of changes
(reference lines renumbered 1…n, so neither a gap nor an added id gives an error away).

Cost effect of an error: `subtotal_excl_vat` of the reference with that one change, minus the
reference's (calculation-spec §2.9), both computed by the engine. Errors interact a little
(small materials' cap, the paint setup time, disposal), so the effects need not add up to the
reviewed document's difference; each states what that error alone costs.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from calcengine import calculate, parse
from calcengine.catalogue import CatalogueError, get_rate_set, get_vehicle, prefill_line
from calcengine.formatting import format_money, format_number
from calcengine.schema import (
    DEFAULT_PART_SOURCE,
    OPERATION,
    PAINT_MODE_TABLE,
    PART_SOURCE_TABLE,
    REMOVE_REFIT_OPERATION,
    REPAIR_OPERATION,
    REPLACE_OPERATION,
    operation_named,
)

from . import error_kinds as k

RATES_ANCHOR = "tarieven"
SET, REMOVE, ADD, RATES = "set", "remove", "add", "rates"
# The warnings (calculation-spec §3) that say a removed line was the calibration or the HV work.
CALIBRATION_WARNING = "ADAS_CALIBRATION_MISSING"
HV_WARNING = "HV_SAFETY_MISSING"
# A part from a forbidden source is priced at this share of the OEM price (a used or imitation
# part is cheaper: that is why a calculation puts it in).
OTHER_SOURCE_PRICE_SHARE = Decimal("0.6")
UNIT_FACTORS = (Decimal("1.5"), Decimal("2"), Decimal("0.5"))
PAINT_MODE_NAMES = {choice.code: choice.name for choice in PAINT_MODE_TABLE}
PART_SOURCE_NAMES = {choice.code: choice.name for choice in PART_SOURCE_TABLE}


class InjectionError(ValueError):
    """The error cannot be put into this case (no line fits, or the author's spec is wrong);
    the message is Dutch."""


@dataclass(frozen=True)
class CaseFacts:
    """What the builders read of a case version: its reference pre-calculation, its catalogue
    vehicle and rate set, the part sources its paying party forbids on this vehicle, the parts
    the case shows undamaged, and the rate sets that are not the payer's."""

    reference: Mapping[str, Any]
    vehicle_id: str
    rate_set_id: str
    forbidden_sources: tuple[str, ...]
    undamaged: tuple[str, ...]
    other_rate_set_ids: tuple[str, ...]


@dataclass(frozen=True)
class ErrorSpec:
    kind: str
    line: str | None = None  # a reference line id
    value: str | None = None  # the wrong value (units, paint mode, part source, rate set, code)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ErrorSpec:
        line, value = data.get("line"), data.get("value")
        return cls(
            kind=str(data.get("kind", "")),
            line=None if line in (None, "") else str(line),
            value=None if value in (None, "") else str(value),
        )

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "line": self.line, "value": self.value}


@dataclass(frozen=True)
class Change:
    kind: str
    action: str
    target: str | None  # the reference line changed or removed, or the one an added line follows
    what: str  # the line (or the rates) in words
    correct: str  # what the correct calculation has, in Dutch
    line: dict[str, Any] | None = None
    rates: dict[str, Any] | None = None


@dataclass(frozen=True)
class InjectedError:
    kind: str
    line: str | None  # the reviewed document's line id, RATES_ANCHOR, or None for an omission
    what: str
    correct: str
    effect: Decimal  # subtotal excl. VAT with this error minus the reference's

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "line": self.line,
            "what": self.what,
            "correct": self.correct,
            "effect": str(self.effect),
        }


@dataclass(frozen=True)
class Review:
    document: dict[str, Any]
    errors: tuple[InjectedError, ...]
    subtotal_reference: Decimal
    subtotal_reviewed: Decimal
    specs: tuple[ErrorSpec, ...] = field(default_factory=tuple)


# ---- the engine ----------------------------------------------------------------------------


def clean_reference(reference: Mapping[str, Any]) -> dict[str, Any]:
    """The reference as a calculation program would hold it: no scoring annotations
    (`assess`, `decisions`), which belong to the grading and would give the answer away."""
    document = {
        key: copy.deepcopy(value)
        for key, value in reference.items()
        if key not in ("assess", "decisions")
    }
    document["lines"] = [
        {key: value for key, value in line.items() if key != "assess"}
        for line in document.get("lines", [])
    ]
    return document


def engine_run(document: Mapping[str, Any]) -> Any:
    """The engine's estimate; `calcengine.InputError` when it refuses the document."""
    return calculate(parse(document))


def subtotal(document: Mapping[str, Any]) -> Decimal:
    return engine_run(document).subtotal_excl_vat


def _warnings(document: Mapping[str, Any], code: str) -> int:
    return sum(1 for warning in engine_run(document).warnings if warning.code == code)


# ---- applying changes ----------------------------------------------------------------------


def apply(
    reference: Mapping[str, Any], changes: Sequence[Change]
) -> tuple[dict[str, Any], list[str | None]]:
    """The document with `changes` made, its lines renumbered 1…n, and per change the reviewed
    line it is on (`RATES_ANCHOR` for the rates, None for a removed line)."""
    document = clean_reference(reference)
    # Each row carries a tag: the reference id it came from, or the change that made it.
    rows: list[tuple[Any, dict[str, Any]]] = [(line["id"], line) for line in document["lines"]]
    for index, change in enumerate(changes):
        if change.action == RATES:
            document["rates"] = copy.deepcopy(change.rates)
        elif change.action == REMOVE:
            rows = [row for row in rows if row[0] != change.target]
        elif change.action == SET:
            rows = [
                ((SET, index), copy.deepcopy(change.line or {})) if tag == change.target else row
                for row in rows
                for tag in (row[0],)
            ]
        elif change.action == ADD:
            at = next((i + 1 for i, row in enumerate(rows) if row[0] == change.target), len(rows))
            rows.insert(at, ((ADD, index), copy.deepcopy(change.line or {})))
    number_of = {row[0]: str(number) for number, row in enumerate(rows, start=1)}
    document["lines"] = [
        {**line, "id": str(number)} for number, (_tag, line) in enumerate(rows, start=1)
    ]
    anchors: list[str | None] = []
    for index, change in enumerate(changes):
        if change.action == RATES:
            anchors.append(RATES_ANCHOR)
        elif change.action == REMOVE:
            anchors.append(None)
        else:
            anchors.append(number_of.get((change.action, index)))
    return document, anchors


# ---- the builders, one per kind -----------------------------------------------------------


def _name(line: Mapping[str, Any]) -> str:
    return f"{line.get('description') or line.get('code')} ({line.get('code')})"


def _units(value: Any) -> Decimal:
    return Decimal(str(value))


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


class _Builder:
    def __init__(self, facts: CaseFacts, rng: random.Random):
        self.facts, self.rng = facts, rng
        self.reference = clean_reference(facts.reference)
        self.lines = self.reference["lines"]
        self.used: set[str] = set()

    def line(self, spec: ErrorSpec, eligible: Any) -> dict[str, Any]:
        if spec.line is not None:
            found = next((line for line in self.lines if str(line["id"]) == spec.line), None)
            if found is None:
                raise InjectionError(f"Regel {spec.line} bestaat niet in de referentie.")
            if found["id"] in self.used:
                raise InjectionError(f"Regel {spec.line} heeft al een fout.")
            if not eligible(found):
                raise InjectionError(
                    f"Regel {spec.line} ({_name(found)}) past niet bij de fout "
                    f"'{k.label_of(spec.kind)}'."
                )
            return found
        candidates = [line for line in self.lines if line["id"] not in self.used and eligible(line)]
        if not candidates:
            raise InjectionError(
                f"Geen regel van deze casus past bij de fout '{k.label_of(spec.kind)}'."
            )
        return self.rng.choice(candidates)

    def choose(self, spec: ErrorSpec, options: Sequence[str], what: str) -> str:
        if spec.value is not None:
            if spec.value not in options:
                raise InjectionError(f"{spec.value!r} is geen mogelijke waarde voor {what}.")
            return spec.value
        if not options:
            raise InjectionError(
                f"Deze casus biedt geen waarde voor de fout '{k.label_of(spec.kind)}'."
            )
        return self.rng.choice(list(options))

    def removal_warns(self, line: Mapping[str, Any], code: str) -> bool:
        without = {**self.reference, "lines": [x for x in self.lines if x is not line]}
        return _warnings(without, code) > _warnings(self.reference, code)

    def build(self, spec: ErrorSpec) -> Change:
        method = getattr(self, f"_{spec.kind}", None)
        if method is None:
            raise InjectionError(f"Onbekende soort fout {spec.kind!r}.")
        change: Change = method(spec)
        if change.target is not None and change.action in (SET, REMOVE):
            self.used.add(change.target)
        return change

    def _removal(self, spec: ErrorSpec, eligible: Any) -> Change:
        line = self.line(spec, eligible)
        return Change(
            spec.kind, REMOVE, line["id"], _name(line), f"Regel toevoegen: {_name(line)}."
        )

    def _missing_line(self, spec: ErrorSpec) -> Change:
        def eligible(line: Mapping[str, Any]) -> bool:
            return not (
                self.removal_warns(line, CALIBRATION_WARNING)
                or self.removal_warns(line, HV_WARNING)
            )

        return self._removal(spec, eligible)

    def _missed_calibration(self, spec: ErrorSpec) -> Change:
        return self._removal(spec, lambda line: self.removal_warns(line, CALIBRATION_WARNING))

    def _missed_hv_work(self, spec: ErrorSpec) -> Change:
        return self._removal(spec, lambda line: self.removal_warns(line, HV_WARNING))

    def _wrong_operation(self, spec: ErrorSpec) -> Change:
        def eligible(line: Mapping[str, Any]) -> bool:
            operation = operation_named(line.get("operation"))
            if operation is None or not operation.judges_repair:
                return False
            return not operation.buys_part or _units(line.get("labour_units", 0)) > 0

        line = self.line(spec, eligible)
        if OPERATION[line["operation"]].buys_part:
            wrong: dict[str, Any] = {
                key: value
                for key, value in line.items()
                if key in ("id", "code", "description", "labour_category", "labour_units")
                or key in OPERATION[REPAIR_OPERATION].optional
            }
            wrong["operation"] = REPAIR_OPERATION
            if "paint" in line:
                wrong["paint"] = {
                    **line["paint"],
                    "mode": OPERATION[REPAIR_OPERATION].default_paint_mode,
                }
        else:
            try:
                wrong = prefill_line(
                    self.facts.vehicle_id, line["code"], REPLACE_OPERATION, line_id="x"
                )
            except CatalogueError as refused:
                raise InjectionError(str(refused)) from None
            wrong = {**wrong, "id": line["id"], "description": line.get("description", "")}
        right, given = OPERATION[line["operation"]], OPERATION[wrong["operation"]]
        return Change(
            spec.kind,
            SET,
            line["id"],
            _name(line),
            f"{_name(line)}: {right.name}, niet {given.name}.",
            line=wrong,
        )

    def _units_off(self, spec: ErrorSpec) -> Change:
        def eligible(line: Mapping[str, Any]) -> bool:
            operation = operation_named(line.get("operation"))
            return bool(operation and operation.carries_labour) and _units(
                line.get("labour_units", 0)
            ) > Decimal(1)

        line = self.line(spec, eligible)
        right = _units(line["labour_units"])
        if spec.value is not None:
            try:
                wrong = Decimal(spec.value)
            except ArithmeticError:
                raise InjectionError(f"{spec.value!r} is geen aantal eenheden.") from None
        else:
            factor = self.rng.choice(UNIT_FACTORS)
            wrong = (right * factor).quantize(Decimal(1), ROUND_HALF_UP)
        if wrong == right or wrong <= 0:
            raise InjectionError(f"Regel {line['id']}: kies andere eenheden dan {right}.")
        return Change(
            spec.kind,
            SET,
            line["id"],
            _name(line),
            f"{_name(line)}: {format_number(right)} AE, niet {format_number(wrong)}.",
            line={**line, "labour_units": _plain(wrong)},
        )

    def _paint_level(self, spec: ErrorSpec) -> Change:
        line = self.line(spec, lambda line: isinstance(line.get("paint"), dict))
        right = line["paint"]["mode"]
        factors = self.reference["rates"]["paint_mode_factor"]
        options = [
            choice.code
            for choice in PAINT_MODE_TABLE
            if choice.code != right and _units(factors[choice.code]) != _units(factors[right])
        ]
        wrong = self.choose(spec, options, "het lakniveau")
        return Change(
            spec.kind,
            SET,
            line["id"],
            _name(line),
            f"{_name(line)}: lakniveau {PAINT_MODE_NAMES[right]}, niet {PAINT_MODE_NAMES[wrong]}.",
            line={**line, "paint": {**line["paint"], "mode": wrong}},
        )

    def _forbidden_part_source(self, spec: ErrorSpec) -> Change:
        def eligible(line: Mapping[str, Any]) -> bool:
            operation = operation_named(line.get("operation"))
            return bool(operation and operation.buys_part) and (
                line.get("part_source", DEFAULT_PART_SOURCE) not in self.facts.forbidden_sources
            )

        line = self.line(spec, eligible)
        wrong = self.choose(spec, self.facts.forbidden_sources, "de herkomst")
        price = _units(line["unit_price"])
        cheaper = (price * OTHER_SOURCE_PRICE_SHARE).quantize(Decimal("0.01"), ROUND_HALF_UP)
        right = line.get("part_source", DEFAULT_PART_SOURCE)
        return Change(
            spec.kind,
            SET,
            line["id"],
            _name(line),
            f"{_name(line)}: {PART_SOURCE_NAMES[right]} onderdeel à {format_money(price)}; "
            f"de betaler staat {PART_SOURCE_NAMES[wrong]} hier niet toe.",
            line={**line, "part_source": wrong, "unit_price": str(cheaper)},
        )

    def _wrong_rates(self, spec: ErrorSpec) -> Change:
        options = [
            rate_set
            for rate_set in self.facts.other_rate_set_ids
            if get_rate_set(rate_set).rates != self.reference["rates"]
        ]
        chosen = self.choose(spec, options, "de tariefset")
        payer = get_rate_set(self.facts.rate_set_id).name
        return Change(
            spec.kind,
            RATES,
            None,
            "Tarieven",
            f"De tarieven van de opdrachtgever ({payer}), niet die van "
            f"{get_rate_set(chosen).name}.",
            rates=get_rate_set(chosen).rates,
        )

    def _included_overlap(self, spec: ErrorSpec) -> Change:
        def eligible(line: Mapping[str, Any]) -> bool:
            operation = operation_named(line.get("operation"))
            return bool(operation and operation.buys_part) and _units(
                line.get("labour_units", 0)
            ) > Decimal(1)

        line = self.line(spec, eligible)
        vehicle = get_vehicle(self.facts.vehicle_id)
        if spec.value is not None:
            units = Decimal(spec.value)
        elif vehicle.has_part(line["code"]) and vehicle.part(line["code"]).remove_refit_units:
            units = vehicle.part(line["code"]).remove_refit_units
        else:
            units = (_units(line["labour_units"]) / 2).quantize(Decimal(1), ROUND_HALF_UP)
        added = {
            "id": "x",
            "code": line["code"],
            "description": f"{line.get('description') or line['code']} demonteren/monteren"[:200],
            "operation": REMOVE_REFIT_OPERATION,
            "labour_units": _plain(units),
        }
        if "labour_category" in line:
            added["labour_category"] = line["labour_category"]
        return Change(
            spec.kind,
            ADD,
            line["id"],
            _name(added),
            f"Regel schrappen: demonteren en monteren zit al in de vervangtijd van {_name(line)}.",
            line=added,
        )

    def _undamaged_part(self, spec: ErrorSpec) -> Change:
        present = {line.get("code") for line in self.lines}
        options = [code for code in self.facts.undamaged if code not in present]
        code = self.choose(spec, options, "het onbeschadigde onderdeel")
        try:
            added = prefill_line(self.facts.vehicle_id, code, REPLACE_OPERATION, line_id="x")
        except CatalogueError as refused:
            raise InjectionError(str(refused)) from None
        after = self.rng.choice(self.lines)["id"] if spec.line is None else spec.line
        return Change(
            spec.kind,
            ADD,
            after,
            _name(added),
            f"Regel schrappen: {_name(added)} is niet beschadigd.",
            line=added,
        )


def build_review(facts: CaseFacts, specs: Sequence[ErrorSpec], seed: int | None = None) -> Review:
    """The reviewed document with `specs` put in (what a spec leaves open is drawn from `seed`),
    and per error its line, its correct value and its cost effect. Raises `InjectionError`, or
    `calcengine.InputError` if the engine refuses a document (a builder's defect)."""
    rng = random.Random(seed or 0)
    builder = _Builder(facts, rng)
    reference = builder.reference
    base = subtotal(reference)
    changes = [builder.build(spec) for spec in specs]
    document, anchors = apply(reference, changes)
    errors = []
    for change, anchor in zip(changes, anchors, strict=True):
        alone, _anchor = apply(reference, [change])
        errors.append(
            InjectedError(
                kind=change.kind,
                line=anchor,
                what=change.what,
                correct=change.correct,
                effect=subtotal(alone) - base,
            )
        )
    return Review(
        document=document,
        errors=tuple(errors),
        subtotal_reference=base,
        subtotal_reviewed=subtotal(document),
        specs=tuple(specs),
    )
