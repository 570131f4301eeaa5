"""The case templates: per template the damage zone, the parts (as roles found by name on any
vehicle of the catalogue) and, per damage severity, the work on them; and the parameters a
variant draws from: the paying party (its rate set), the owner's VAT status, the customer's
wishes and the parts' availability. Pure data, no Django.

A template's `version` goes up whenever what it generates for a seed changes; a stored practice
attempt keeps the version it was generated under (`generate.variant_for` refuses another).

Where the figures come from:
- part prices, times and paint units: the vehicle catalogue (`calcengine.catalogue`);
- the repair hours per severity: the order of the demo cases' references (a bonnet dent 2.5 h on
  the Golf, a door dent 1.8 h on the Clio, a bumper corner 1.2 h): vuistregel, geen openbare bron;
- the vehicle's age, mileage and values: around the demo case of the same vehicle
  (`cases/demo_cases/`), see `generate.vehicle_facts`;
- a used part's price as a share of the OEM list price: 55 %, from the demo cases (Clio mirror cap
  45.00 of 78.40 = 57 %, Yaris rear door 265.00 of 512.50 = 52 %); an aftermarket part's: 70 %
  (vuistregel, geen openbare bron).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

SEVERITIES = MappingProxyType(
    {"licht": "lichte schade", "middel": "middelzware schade", "zwaar": "zware schade"}
)
PRIVATE, BUSINESS = "particulier", "btw_ondernemer"
VAT_STATUSES = MappingProxyType(
    {
        PRIVATE: "particulier (verrekent geen btw)",
        BUSINESS: "btw-plichtige ondernemer (verrekent de btw)",
    }
)
SOURCE_PRICE_SHARE = MappingProxyType(
    {"oem": Decimal("1"), "used": Decimal("0.55"), "aftermarket": Decimal("0.70")}
)


@dataclass(frozen=True)
class PayerContext:
    """Who pays, by the owner's VAT status: the catalogue rate set and the brief's sentence."""

    key: str
    label: str
    rate_sets: MappingProxyType  # VAT status -> rate set id (the statuses this payer knows)
    sentence: str


PAYERS = MappingProxyType(
    {
        "verzekeraar": PayerContext(
            "verzekeraar",
            "verzekeraar (herstelnetwerk, casco)",
            MappingProxyType(
                {PRIVATE: "verzekeraar-netwerk", BUSINESS: "verzekeraar-netwerk-zakelijk"}
            ),
            "De schade valt onder de cascodekking; de verzekeraar stuurt de klant naar uw "
            "bedrijf in het herstelnetwerk.",
        ),
        "eigen_rekening": PayerContext(
            "eigen_rekening",
            "klant betaalt zelf (eigen tarief)",
            MappingProxyType(
                {PRIVATE: "particulier-eigen-tarief", BUSINESS: "particulier-eigen-tarief"}
            ),
            "De klant claimt de schade niet en betaalt zelf, tegen de tarieven van uw bedrijf.",
        ),
        "lease": PayerContext(
            "lease",
            "leasemaatschappij",
            MappingProxyType({BUSINESS: "lease-zakelijk"}),
            "De auto is geleast; de leasemaatschappij is eigenaar en betaalt het herstel.",
        ),
        "wagenpark": PayerContext(
            "wagenpark",
            "wagenparkbeheerder (eigen risico)",
            MappingProxyType({BUSINESS: "wagenpark-bestel"}),
            "De auto hoort bij het wagenpark van een bedrijf dat zijn schades zelf draagt; de "
            "wagenparkbeheerder geeft de opdracht.",
        ),
    }
)

WISHES = MappingProxyType(
    {
        "geen_voorkeur": "De klant heeft geen voorkeur voor de herkomst van onderdelen.",
        "origineel": "De klant wil uitdrukkelijk nieuwe originele (OEM) onderdelen.",
        "voordelig": (
            "De klant vraagt om een zo voordelig mogelijk herstel en vindt gebruikte of "
            "imitatieonderdelen prima, als de betaler ze toestaat."
        ),
    }
)
AVAILABILITY = MappingProxyType(
    {
        "leverbaar": "Alle onderdelen zijn morgen leverbaar.",
        "oem_levertijd": (
            "De importeur meldt voor het eerste nieuwe onderdeel een levertijd van drie weken; "
            "een gecertificeerd imitatie- of gebruikt onderdeel is binnen twee dagen leverbaar."
        ),
    }
)


@dataclass(frozen=True)
class Role:
    """A part found by name on any vehicle: the first part whose name starts with `prefix`
    (and holds `side`, when given)."""

    key: str
    prefix: str
    side: str = ""


@dataclass(frozen=True)
class Work:
    """The work one severity asks on a role's part. `damage` is what the trainee reads."""

    role: str
    operation: str  # replace | repair | paint
    damage: str
    paint_mode: str | None = None
    repair_hours: Decimal | None = None
    oem_only: bool = False  # a structural part: never used or aftermarket


@dataclass(frozen=True)
class Template:
    key: str
    version: int
    title: str
    situation: str
    roles: tuple[Role, ...]
    severities: MappingProxyType  # severity -> tuple[Work, ...]
    undamaged: tuple[str, ...]  # role keys the brief says are undamaged
    work_codes: MappingProxyType  # severity -> work codes the severity asks (clips, aiming)
    offered_work: tuple[str, ...]  # work codes the trainee's form offers besides calibrations

    def role(self, key: str) -> Role:
        return next(role for role in self.roles if role.key == key)


def _works(*works: Work) -> tuple[Work, ...]:
    return works


H = Decimal

FRONT = Template(
    key="voorzijde",
    version=1,
    title="Aanrijding voorzijde",
    situation="reed in de file met lage snelheid achterop een andere auto",
    roles=(
        Role("bumper", "Voorbumper"),
        Role("grille_low", "Roosterelement voorbumper onder"),
        Role("beam", "Bumperbalk voor"),
        Role("absorber", "Energieabsorber voorbumper"),
        Role("bonnet", "Motorkap"),
        Role("wing_r", "Voorscherm rechts"),
        Role("lamp_r", "Koplamp", " rechts"),
        Role("wing_l", "Voorscherm links"),
        Role("lamp_l", "Koplamp", " links"),
    ),
    severities=MappingProxyType(
        {
            "licht": _works(
                Work(
                    "bumper",
                    "repair",
                    "kras en deuk in de hoek rechts, herstelbaar (herstel ca. 1,2 uur, kleine "
                    "plaatschade)",
                    "repair_minor",
                    H("1.2"),
                ),
            ),
            "middel": _works(
                Work("bumper", "replace", "gescheurd bij de bevestigingen: vervangen"),
                Work("grille_low", "replace", "gebroken: vervangen"),
                Work(
                    "wing_r",
                    "paint",
                    "onbeschadigd, maar bijspuiten (inspuiten) voor de kleurovergang",
                    "blend",
                ),
            ),
            "zwaar": _works(
                Work("bumper", "replace", "gescheurd en ingedrukt: vervangen"),
                Work("grille_low", "replace", "gebroken: vervangen"),
                Work("beam", "replace", "ingedrukt: vervangen", oem_only=True),
                Work("absorber", "replace", "ingedrukt: vervangen", oem_only=True),
                Work("lamp_r", "replace", "glas gebroken: vervangen"),
                Work(
                    "bonnet",
                    "repair",
                    "deuk aan de voorrand, herstelbaar (herstel ca. 2,5 uur, kleine plaatschade)",
                    "repair_minor",
                    H("2.5"),
                ),
                Work(
                    "wing_r",
                    "paint",
                    "onbeschadigd, maar bijspuiten (inspuiten) voor de kleurovergang",
                    "blend",
                ),
            ),
        }
    ),
    undamaged=("wing_l", "lamp_l"),
    work_codes=MappingProxyType(
        {
            "licht": (),
            "middel": ("SUND-CLIPS",),
            "zwaar": ("SUND-CLIPS", "MECH-HEADLAMP-AIM"),
        }
    ),
    offered_work=("SUND-CLIPS", "MECH-HEADLAMP-AIM"),
)

SIDE = Template(
    key="zijkant-links",
    version=1,
    title="Schade linkerzijkant",
    situation="werd op een parkeerplaats links geraakt door een uitparkerende auto",
    roles=(
        Role("door_fl", "Portier links voor"),
        Role("door_rl", "Portier links achter"),
        Role("mirror_cap_l", "Buitenspiegelkap links"),
        Role("sill_l", "Dorpel links"),
        Role("moulding_l", "Sierlijst portier links voor"),
        Role("door_fr", "Portier rechts voor"),
        Role("mirror_l", "Buitenspiegel links compleet"),
    ),
    severities=MappingProxyType(
        {
            "licht": _works(
                Work(
                    "door_fl",
                    "repair",
                    "deuk ter grootte van een hand, herstelbaar (herstel ca. 1,2 uur, kleine "
                    "plaatschade)",
                    "repair_minor",
                    H("1.2"),
                ),
                Work(
                    "door_rl",
                    "paint",
                    "onbeschadigd, maar bijspuiten (inspuiten) voor de kleurovergang",
                    "blend",
                ),
            ),
            "middel": _works(
                Work(
                    "door_fl",
                    "repair",
                    "diepe deuk over meer dan de helft, herstelbaar (herstel ca. 3 uur, grote "
                    "plaatschade)",
                    "repair_major",
                    H("3.0"),
                ),
                Work(
                    "door_rl",
                    "repair",
                    "kleine deuk bij de voorrand (herstel ca. 1 uur, kleine plaatschade)",
                    "repair_minor",
                    H("1.0"),
                ),
                Work("mirror_cap_l", "replace", "gebroken: vervangen"),
            ),
            "zwaar": _works(
                Work("door_fl", "replace", "ingedrukt en geknikt: vervangen"),
                Work(
                    "door_rl",
                    "repair",
                    "grote deuk, herstelbaar (herstel ca. 2,5 uur, grote plaatschade)",
                    "repair_major",
                    H("2.5"),
                ),
                Work(
                    "sill_l",
                    "repair",
                    "deuk onder het voorportier (herstel ca. 1,5 uur, kleine plaatschade)",
                    "repair_minor",
                    H("1.5"),
                ),
                Work("moulding_l", "replace", "afgebroken: vervangen"),
                Work("mirror_cap_l", "replace", "gebroken: vervangen"),
            ),
        }
    ),
    undamaged=("door_fr", "mirror_l"),
    work_codes=MappingProxyType({"licht": (), "middel": (), "zwaar": ("SUND-CAVITY",)}),
    offered_work=("SUND-CLIPS", "SUND-CAVITY"),
)

REAR = Template(
    key="achterzijde",
    version=1,
    title="Aanrijding achterzijde",
    situation="stond stil voor een rood licht en werd van achteren aangereden",
    roles=(
        Role("bumper", "Achterbumper"),
        Role("beam", "Bumperbalk achter"),
        Role("tail_l", "Achterlicht links"),
        Role("tailgate", "Achterklep"),
        Role("tail_r", "Achterlicht rechts"),
    ),
    severities=MappingProxyType(
        {
            "licht": _works(
                Work(
                    "bumper",
                    "repair",
                    "kras en deuk links, herstelbaar (herstel ca. 1,2 uur, kleine plaatschade)",
                    "repair_minor",
                    H("1.2"),
                ),
            ),
            "middel": _works(
                Work("bumper", "replace", "gescheurd: vervangen"),
                Work("tail_l", "replace", "glas gebroken: vervangen"),
            ),
            "zwaar": _works(
                Work("bumper", "replace", "gescheurd en ingedrukt: vervangen"),
                Work("beam", "replace", "ingedrukt: vervangen", oem_only=True),
                Work("tail_l", "replace", "glas gebroken: vervangen"),
                Work(
                    "tailgate",
                    "repair",
                    "deuk in de onderrand, herstelbaar (herstel ca. 2 uur, kleine plaatschade)",
                    "repair_minor",
                    H("2.0"),
                ),
            ),
        }
    ),
    undamaged=("tail_r",),
    work_codes=MappingProxyType({"licht": (), "middel": ("SUND-CLIPS",), "zwaar": ("SUND-CLIPS",)}),
    offered_work=("SUND-CLIPS",),
)

WING = Template(
    key="voorscherm-rechts",
    version=1,
    title="Schampschade voorscherm rechts",
    situation="schampte bij het insteken van een parkeervak een betonnen paal",
    roles=(
        Role("wing_r", "Voorscherm rechts"),
        Role("liner_r", "Wielkastbekleding rechts voor"),
        Role("bumper", "Voorbumper"),
        Role("door_fr", "Portier rechts voor"),
        Role("wing_l", "Voorscherm links"),
        Role("bonnet", "Motorkap"),
    ),
    severities=MappingProxyType(
        {
            "licht": _works(
                Work(
                    "wing_r",
                    "repair",
                    "ondiepe deuk, herstelbaar (herstel ca. 1 uur, kleine plaatschade)",
                    "repair_minor",
                    H("1.0"),
                ),
            ),
            "middel": _works(
                Work(
                    "wing_r",
                    "repair",
                    "grote deuk over meer dan de helft (herstel ca. 2,5 uur, grote plaatschade)",
                    "repair_major",
                    H("2.5"),
                ),
                Work(
                    "door_fr",
                    "paint",
                    "onbeschadigd, maar bijspuiten (inspuiten) voor de kleurovergang",
                    "blend",
                ),
            ),
            "zwaar": _works(
                Work("wing_r", "replace", "gescheurd bij de wielkast: vervangen"),
                Work("liner_r", "replace", "gescheurd: vervangen"),
                Work(
                    "bumper",
                    "repair",
                    "kras in de hoek rechts (herstel ca. 1 uur, kleine plaatschade)",
                    "repair_minor",
                    H("1.0"),
                ),
                Work(
                    "door_fr",
                    "paint",
                    "onbeschadigd, maar bijspuiten (inspuiten) voor de kleurovergang",
                    "blend",
                ),
            ),
        }
    ),
    undamaged=("wing_l", "bonnet"),
    work_codes=MappingProxyType({"licht": (), "middel": (), "zwaar": ("SUND-CLIPS",)}),
    offered_work=("SUND-CLIPS",),
)

TEMPLATES = MappingProxyType({t.key: t for t in (FRONT, SIDE, REAR, WING)})


def get_template(key: str) -> Template:
    """The template named `key`; `KeyError` for an unknown one."""
    return TEMPLATES[key]
