"""Demo paint drills, loaded by `cases.demo.load` (idempotent: a drill whose content is as
wanted is left alone, so answers keep pointing at the same panels and overlaps).

The panels' base paint units come from the catalogue (`Part.paint_units`), the vehicles and the
rate sets are the ones of the demo cases they follow (the Niro's and the Yaris Cross's), so the
drill, the case and the engine agree.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TextIO

from calcengine.catalogue import get_vehicle

from ..models import PaintDrill, PaintDrillOverlap, PaintDrillPanel
from .engine_units import paint_lines
from .scoring import LEVEL_NONE, PanelAnswer

# Lesson slugs to link, first found wins: a paint lesson when the library has one, else the
# lesson on labour units, which explains the paint setup time and the paint-type surcharges.
LESSON_SLUGS = ("lakcalculatie", "spuitwerk-calculeren", "werken-met-arbeidseenheden")
# Repair methods (K03), working with and reading a calculation (K10, K11).
KNOWLEDGE_ITEMS = ("K03", "K10", "K11")

OVERLAP_SOURCE = (
    "Bron: in Audatex, DAT en GT Motive wordt elk paneel met zijn eigen lakniveau berekend; "
    "voor de gezamenlijke rand van twee aangrenzende, allebei gespoten panelen is in deze "
    "oefening een vaste aftrek afgesproken (geen openbare bron gevonden die het bedrag noemt)."
)
BLEND_SOURCE = (
    "Bron: GT Motive rekent inspuiten (Beilackierung) als oppervlaktelak van het aangrenzende "
    "deel; het IFL-Merkblatt 'Gründe für Farbtondifferenzen und die Notwendigkeit der "
    "Beilackierung' (2014) legt uit waarom effectlakken dat nodig hebben."
)

DRILLS: list[dict[str, Any]] = [
    {
        "slug": "niro-parelmoer-zijkant-links",
        "title": "Kia Niro PHEV, parelmoer (3-laags): zijkant links",
        "briefing": (
            "De Kia Niro uit de casus 'zijaanrijding op de B-stijl' staat klaar voor het "
            "spuitwerk. Kleur SWP Snow White Pearl, een drielaagse parelmoerlak (grondkleur, "
            "parelmoerlaag, blanke lak). Tarieven: verzekeraar-netwerk. Bepaal per paneel het "
            "lakniveau en de basis-lakeenheden uit de catalogus, en de aftrek voor de overlap."
        ),
        "vehicle_id": "kia-niro-phev",
        "rate_set_id": "verzekeraar-netwerk",
        "panels": [
            (
                "71525-AT320",
                "Portier links voor",
                "Ingedrukt tot in de deurbalk; het portier wordt vervangen door een nieuw, "
                "in de grondlak geleverd portier.",
                "new",
                "Nieuw onderdeel: volledige opbouw, niveau I, over de basiseenheden van het "
                "portier (21 AE).",
            ),
            (
                "71525-Q4280",
                "Portier links achter",
                "Voorrand geknikt bij de B-stijl; het portier wordt vervangen (nieuw onderdeel).",
                "new",
                "Ook nieuw: niveau I, 19 AE. Samen met het voorportier gespoten: zie de overlap.",
            ),
            (
                "71525-G5190",
                "Dorpel links",
                "Ingedeukt onder de B-stijl; de dorpel wordt vervangen (ingelast nieuw deel).",
                "new",
                "Een ingelast nieuw deel krijgt ook de volledige opbouw: niveau I, 11 AE.",
            ),
            (
                "71512-AT800",
                "Voorscherm links",
                "Onbeschadigd. Grenst aan het nieuwe voorportier.",
                "blend",
                "Parelmoer is een effectlak: de kleur van het nieuwe portier sluit pas "
                "onzichtbaar aan als het scherm wordt ingespoten (niveau inspuiten, 14 AE). "
                + BLEND_SOURCE,
            ),
            (
                "71515-G5230",
                "Zijwand achter links (achterscherm)",
                "Onbeschadigd. Grenst aan het nieuwe achterportier.",
                "blend",
                "Om dezelfde reden inspuiten naar achteren, 19 AE basis. Bij een drielaagse lak "
                "is de kans op kleurverschil het grootst.",
            ),
            (
                "71522-Q4870",
                "Motorkap",
                "Geen schade; ligt niet tegen de gespoten panelen aan.",
                LEVEL_NONE,
                "Niet beschadigd en niet aangrenzend aan een gespoten paneel: geen spuitwerk, "
                "0 AE.",
            ),
        ],
        "overlaps": [
            (
                "71525-AT320",
                "71525-Q4280",
                Decimal("2"),
                "Beide portieren worden volledig gespoten en raken elkaar bij de B-stijl: die "
                "rand wordt één keer afgeplakt en voorbereid. In deze oefening gaat daarvoor "
                "2 AE af van het achterportier. " + OVERLAP_SOURCE,
            ),
        ],
    },
    {
        "slug": "yaris-cross-gebruikt-portier-in-kleur",
        "title": "Toyota Yaris Cross, metallic: gebruikt portier in kleur",
        "briefing": (
            "De Yaris Cross uit de casus 'parkeerschade aan de rechterkant'. Anders dan in de "
            "casus levert de demontagehandel het achterportier rechts al in de kleur 1G3 "
            "Manhattan Grey metallic, van een auto van hetzelfde bouwjaar. Tarieven: "
            "verzekeraar-netwerk. Bepaal per paneel het lakniveau en de basis-lakeenheden."
        ),
        "vehicle_id": "toyota-yaris-cross-hev",
        "rate_set_id": "verzekeraar-netwerk",
        "panels": [
            (
                "61138-D5410",
                "Portier rechts voor",
                "Deuk met krassen in het midden; uitdeuken en plamuren op minder dan de helft "
                "van het portier.",
                "repair_minor",
                "Hersteld met plamuur op hoogstens de helft: niveau III, 21 AE basis.",
            ),
            (
                "61124-K8310",
                "Portier rechts achter (gebruikt, in kleur)",
                "Vervangen door een gebruikt portier dat al in 1G3 is gespoten; de kleur is "
                "met de kleurkaart vergeleken en past op het oog.",
                "blend",
                "Een gebruikt deel in kleur wordt niet opnieuw gespoten. Wel wordt het "
                "herstelde voorportier (metallic) naar dit portier toe ingespoten, zodat de "
                "overgang onzichtbaar is: alleen inspuiten, 19 AE basis. " + BLEND_SOURCE,
            ),
            (
                "61111-K1700",
                "Voorscherm rechts",
                "Onbeschadigd. Grenst aan het herstelde voorportier.",
                "blend",
                "Metallic: het scherm wordt ingespoten om de kleur van het herstelde portier "
                "te laten aansluiten, 14 AE basis.",
            ),
            (
                "61146-K6110",
                "Zijwand achter rechts (achterscherm)",
                "Onbeschadigd. Grenst aan het gebruikte achterportier.",
                LEVEL_NONE,
                "Het achterportier wordt niet gespoten (het komt in kleur), dus de zijwand "
                "hoeft niet te worden ingespoten: geen spuitwerk. In de casus, met een "
                "gebruikt portier dat wél gespoten moest worden, was dat anders.",
            ),
        ],
        "overlaps": [],
    },
]


def _units(vehicle_id: str, code: str, level: str) -> Decimal:
    if level == LEVEL_NONE:
        return Decimal(0)
    units = get_vehicle(vehicle_id).part(code).paint_units
    assert units is not None, f"{code} heeft geen lakeenheden in de catalogus"
    return units


def _wanted(data: dict[str, Any]) -> tuple[list[tuple], list[tuple]]:
    panels = [
        (code, name, damage, "", level, _units(data["vehicle_id"], code, level), explanation)
        for code, name, damage, level, explanation in data["panels"]
    ]
    return panels, list(data["overlaps"])


def model_lines(data: dict[str, Any]) -> list[dict]:
    """A drill's model answer as `schadecalc/1` paint lines (the overlaps' deductions taken
    off), built the way the drill builds a trainee's answer: a lesson computes its worked
    example from them."""
    panels, overlaps = _wanted(data)
    return paint_lines(
        panels=[(code, name) for code, name, *_rest in panels],
        answers={code: PanelAnswer(level, units) for code, _n, _d, _p, level, units, _e in panels},
        deductions={(first, second): deduction for first, second, deduction, _e in overlaps},
    )


def _stored(drill: PaintDrill) -> tuple[list[tuple], list[tuple]]:
    panels = [
        (p.part_code, p.name, p.damage, p.photo_ref, p.model_level, p.model_units, p.explanation)
        for p in PaintDrillPanel.objects.filter(drill=drill).order_by("sort_order", "pk")
    ]
    overlaps = [
        (o.first_part_code, o.second_part_code, o.model_deduction, o.explanation)
        for o in PaintDrillOverlap.objects.filter(drill=drill).order_by("sort_order", "pk")
    ]
    return panels, overlaps


def _lesson() -> Any:
    from content.models import LessonPage

    for slug in LESSON_SLUGS:
        lesson = LessonPage.objects.filter(slug=slug).first()
        if lesson is not None:
            return lesson
    return None


def load_drill(data: dict[str, Any]) -> str:
    from content.models import KnowledgeItem

    fields = {
        "title": data["title"],
        "briefing": data["briefing"],
        "vehicle_id": data["vehicle_id"],
        "rate_set_id": data["rate_set_id"],
        "lesson": _lesson(),
        "published": True,
    }
    drill = PaintDrill.objects.filter(slug=data["slug"]).first()
    created = drill is None
    if created:
        drill = PaintDrill(slug=data["slug"])
    changed = created or any(getattr(drill, k) != v for k, v in fields.items())
    for key, value in fields.items():
        setattr(drill, key, value)
    panels, overlaps = _wanted(data)
    if not created and _stored(drill) == (panels, overlaps) and not changed:
        drill.knowledge_items.set(KnowledgeItem.objects.filter(code__in=KNOWLEDGE_ITEMS))
        # Not "ongewijzigd": that word counts the case loader's unchanged cases.
        return "al actueel"
    if not created and _stored(drill) != (panels, overlaps):
        PaintDrillPanel.objects.filter(drill=drill).delete()
        PaintDrillOverlap.objects.filter(drill=drill).delete()
        drill.answers.all().delete()  # answers to an old set of panels no longer fit it
    drill.save()
    for order, (code, name, damage, photo, level, units, explanation) in enumerate(panels):
        if not PaintDrillPanel.objects.filter(drill=drill, part_code=code).exists():
            PaintDrillPanel.objects.create(
                drill=drill,
                sort_order=order,
                part_code=code,
                name=name,
                damage=damage,
                photo_ref=photo,
                model_level=level,
                model_units=units,
                explanation=explanation,
            )
    for order, (first, second, deduction, explanation) in enumerate(overlaps):
        if not PaintDrillOverlap.objects.filter(
            drill=drill, first_part_code=first, second_part_code=second
        ).exists():
            PaintDrillOverlap.objects.create(
                drill=drill,
                sort_order=order,
                first_part_code=first,
                second_part_code=second,
                model_deduction=deduction,
                explanation=explanation,
            )
    drill.knowledge_items.set(KnowledgeItem.objects.filter(code__in=KNOWLEDGE_ITEMS))
    return "aangemaakt" if created else "bijgewerkt"


def load(stdout: TextIO) -> None:
    stdout.write("Lakoefeningen:\n")
    for data in DRILLS:
        stdout.write(f"  {data['slug']:<34} {load_drill(data)}\n")
