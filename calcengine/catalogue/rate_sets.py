"""Client rate sets (tarieven opdrachtgever): what a paying party pays and the rules it sets.

One JSON file per rate set in `calcengine/data/rate_sets/`. `rates` is exactly the
`schadecalc/1` `rates` object (calculation-spec §1.2), strings and all, so a case can copy it
into its input unchanged; `rules` are what the claim workflow checks a calculation against.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from calcengine import schema
from calcengine.catalogue._data import DATA_DIR, read_json, stored, to_date, to_money
from calcengine.catalogue.errors import CatalogueError

KINDS = ("insurer_network", "private", "lease", "fleet")
LIMIT_BASES = ("subtotal_excl_vat", "total_incl_vat")
OPTIONAL_RATE_FIELDS = frozenset({"new_value_scheme"})
# A rate set in the catalogue carries every rate of the contract but the optional ones.
RATE_FIELDS = schema.RATE_FIELDS - OPTIONAL_RATE_FIELDS


@dataclass(frozen=True, slots=True)
class RateRules:
    """The paying party's rules for a calculation (not arithmetic: the engine never reads them).

    Limits apply to the calculation's `limit_basis` figure (`subtotal_excl_vat` for business
    parties, `total_incl_vat` for a private customer). Above `approval_limit` the paying party
    approves before the repair starts; above `expert_required_above` (when set) it sends an
    expert. Used parts are allowed on vehicles aged `used_parts_min_vehicle_age_years` up to
    `used_parts_max_vehicle_age_years` (either bound may be absent).
    """

    approval_limit: Decimal
    expert_required_above: Decimal | None
    limit_basis: str
    used_parts_allowed: bool
    used_parts_min_vehicle_age_years: int | None
    used_parts_max_vehicle_age_years: int | None
    steered: bool
    aftermarket_parts_allowed: bool
    calibration_required_after_adas_work: bool
    notes: str

    def needs_approval(self, amount: Decimal) -> bool:
        return amount > self.approval_limit

    def needs_expert(self, amount: Decimal) -> bool:
        return self.expert_required_above is not None and amount > self.expert_required_above

    def used_parts_allowed_for(self, vehicle_age_years: int) -> bool:
        if not self.used_parts_allowed:
            return False
        low, high = self.used_parts_min_vehicle_age_years, self.used_parts_max_vehicle_age_years
        return (low is None or vehicle_age_years >= low) and (
            high is None or vehicle_age_years <= high
        )

    def part_source_allowed(self, part_source: str, vehicle_age_years: int) -> bool:
        """Whether a line's `part_source` (oem / used / aftermarket) keeps to these rules."""
        if part_source == "used":
            return self.used_parts_allowed_for(vehicle_age_years)
        if part_source == "aftermarket":
            return self.aftermarket_parts_allowed
        return True

    def as_stored(self) -> dict[str, Any]:
        """The rules as a rate set file writes them (money as text, "2500.00")."""
        return {
            name: str(value) if isinstance(value, Decimal) else value
            for name, value in ((f.name, getattr(self, f.name)) for f in fields(self))
        }

    def overridden(self, overrides: Mapping[str, Any], *, where: str = "rules") -> RateRules:
        """These rules with the fields `overrides` states, read (and refused) as a rate set
        file's `rules` are; keys that are no rule field are ignored. A case states only where
        its paying party departs from the rate set (cases/README.md)."""
        stated = {k: v for k, v in overrides.items() if k in RULE_FIELDS}
        if not stated:
            return self
        return _rules({**self.as_stored(), **stated}, where=where)


RULE_FIELDS = frozenset(f.name for f in fields(RateRules))


@dataclass(frozen=True, slots=True)
class RateSet:
    """A rate set at one tariff date. `rates` hands out a fresh copy on every access."""

    id: str
    name: str
    kind: str
    tariff_date: date
    version: str
    rules: RateRules
    source: str = ""
    _rates: MappingProxyType[str, Any] = field(
        default_factory=lambda: MappingProxyType({}), repr=False
    )

    @property
    def rates(self) -> dict[str, Any]:
        """The `schadecalc/1` rates object; a deep copy, so edits never reach the catalogue."""
        thawed: dict[str, Any] = _thaw(self._rates)
        return thawed

    @property
    def owner_deducts_vat(self) -> bool:
        return bool(self._rates["owner_deducts_vat"])

    def reference(self) -> dict[str, str]:
        """What a case pins: which rate set, at which version and tariff date."""
        return {"id": self.id, "version": self.version, "tariff_date": self.tariff_date.isoformat()}


def _no_floats(value: Any, *, where: str) -> None:
    # Rates travel to the engine as written; a fraction stored as a JSON number would be read
    # as Decimal here but could be re-serialised as a float by a careless caller.
    if isinstance(value, dict):
        for key, item in value.items():
            _no_floats(item, where=f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _no_floats(item, where=f"{where}[{i}]")
    elif isinstance(value, (float, Decimal)):
        raise CatalogueError(f'{where}: schrijf getallen als tekst ("72.50"), niet als {value!r}')


def _optional_int(value: Any, *, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CatalogueError(f"{where}: verwacht een geheel aantal jaren of null")
    years: int = value
    return years


def _rules(raw: dict[str, Any], *, where: str) -> RateRules:
    expert = raw.get("expert_required_above")
    basis = raw.get("limit_basis", "subtotal_excl_vat")
    if basis not in LIMIT_BASES:
        raise CatalogueError(f"{where}.limit_basis: {basis!r} is geen van {', '.join(LIMIT_BASES)}")
    return RateRules(
        approval_limit=to_money(
            stored(raw["approval_limit"], where=f"{where}.approval_limit"),
            where=f"{where}.approval_limit",
        ),
        expert_required_above=None
        if expert is None
        else to_money(
            stored(expert, where=f"{where}.expert_required_above"),
            where=f"{where}.expert_required_above",
        ),
        limit_basis=basis,
        used_parts_allowed=bool(raw["used_parts_allowed"]),
        used_parts_min_vehicle_age_years=_optional_int(
            raw.get("used_parts_min_vehicle_age_years"),
            where=f"{where}.used_parts_min_vehicle_age_years",
        ),
        used_parts_max_vehicle_age_years=_optional_int(
            raw.get("used_parts_max_vehicle_age_years"),
            where=f"{where}.used_parts_max_vehicle_age_years",
        ),
        steered=bool(raw["steered"]),
        aftermarket_parts_allowed=bool(raw["aftermarket_parts_allowed"]),
        calibration_required_after_adas_work=bool(raw["calibration_required_after_adas_work"]),
        notes=str(raw.get("notes", "")),
    )


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, MappingProxyType):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def _rate_set(raw: dict[str, Any], *, where: str) -> RateSet:
    try:
        rates = raw["rates"]
        missing = sorted(RATE_FIELDS - rates.keys())
        unknown = sorted(rates.keys() - RATE_FIELDS - OPTIONAL_RATE_FIELDS)
        if missing or unknown:
            raise CatalogueError(
                f"{where}.rates: ontbrekend {missing or '-'}, onbekend {unknown or '-'}"
            )
        _no_floats(rates, where=f"{where}.rates")
        kind = raw["kind"]
        if kind not in KINDS:
            raise CatalogueError(f"{where}.kind: {kind!r} is geen van {', '.join(KINDS)}")
        return RateSet(
            id=str(raw["id"]),
            name=str(raw["name"]),
            kind=kind,
            tariff_date=to_date(raw["tariff_date"], where=f"{where}.tariff_date"),
            version=str(raw["version"]),
            rules=_rules(raw["rules"], where=f"{where}.rules"),
            source=str(raw.get("source", "")),
            _rates=_freeze(rates),
        )
    except KeyError as missing_key:
        raise CatalogueError(f"{where}: veld {missing_key} ontbreekt") from None


@functools.cache
def _rate_sets() -> dict[str, RateSet]:
    found: dict[str, RateSet] = {}
    for path in sorted((DATA_DIR / "rate_sets").glob("*.json")):
        rate_set = _rate_set(read_json(path), where=path.name)
        if rate_set.id != path.stem:
            raise CatalogueError(
                f"{path.name}: id {rate_set.id!r} hoort gelijk te zijn aan de bestandsnaam"
            )
        found[rate_set.id] = rate_set
    return found


def rate_sets() -> list[RateSet]:
    """Every rate set, ordered by kind (as in `KINDS`) and then by id."""
    return sorted(_rate_sets().values(), key=lambda r: (KINDS.index(r.kind), r.id))


def get_rate_set(rate_set_id: str) -> RateSet:
    try:
        return _rate_sets()[rate_set_id]
    except KeyError:
        raise CatalogueError(f"Tariefset {rate_set_id!r} bestaat niet.") from None
