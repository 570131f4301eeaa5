"""A lesson on the hail case of issue #16 item 3 (`model3-hail-glass-roof`): counting hail dents
and turning them into labour units, paintless dent repair against conventional repair, a hail
specialist as subcontracted work, and drying paint on an electric car without heating its
traction battery beyond the manufacturer's limit.

Every figure the lesson shows of the case comes from the case file: the dent counts and the hail
table (`hail_dents`, `hail_table`), the reference lines and rates, the specialist's quote
(`subcontract_options`) and the temperature limit of the manufacturer information
(`vsi_notes`, `max_paint_temperature_c`); amounts are the engine's. `with_hail_ev_lessons` adds
the lesson to its module by slug, as `lessons_topics.with_topic_lessons` does.
`tests/content/test_lessons_hail_ev.py` checks the figures against the case and the engine.
"""

from __future__ import annotations

import copy
import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import calcengine
from calcengine.catalogue import get_vehicle
from calcengine.formatting import format_money, format_number
from calcengine.schema import REPAIR_OPERATION
from cases.demo_files import demo_case
from content.demo_content.lessons import (
    ANALYSEREN,
    INTERACTEREN,
    ORGANISEREN,
    attention,
    check,
    example,
    html,
    p,
    safety,
)
from content.worked_example import case_calculation, case_calculation_text

HAIL_CASE = "model3-hail-glass-roof"
SIZES = ("klein", "middel", "groot")
CENT = Decimal("0.01")


CASE = demo_case(HAIL_CASE)
REFERENCE = CASE["reference_precalc"]
UNITS_PER_HOUR = Decimal(REFERENCE["vehicle"]["units_per_hour"])
BODY_RATE = Decimal(REFERENCE["rates"]["labour"]["body"])
TABLE = {size: Decimal(units) for size, units in CASE["hail_table"]["per_dent_units"].items()}
ALUMINIUM_FACTOR = Decimal(CASE["hail_table"]["aluminium_factor"])
ALUMINIUM_CODES = frozenset(CASE["hail_table"]["aluminium_codes"])


def oven_limit() -> int:
    return next(
        note["max_paint_temperature_c"]
        for note in CASE["vsi_notes"]
        if "max_paint_temperature_c" in note
    )


def pdr_lines() -> list[dict[str, Any]]:
    """The reference's paintless dent repairs: repair lines without paint."""
    return [
        line
        for line in REFERENCE["lines"]
        if line["operation"] == REPAIR_OPERATION and "paint" not in line
    ]


def table_units(code: str) -> Decimal:
    """A panel's dent counts through the case's hail table, rounded up to whole units."""
    counts = CASE["hail_dents"][code]
    units = sum(TABLE[size] * counts.get(size, 0) for size in SIZES)
    if code in ALUMINIUM_CODES:
        units *= ALUMINIUM_FACTOR
    return Decimal(math.ceil(units))


def labour_amount(units: Decimal) -> Decimal:
    return (units / UNITS_PER_HOUR * BODY_RATE).quantize(CENT, ROUND_HALF_UP)


def _panel_name(line: dict[str, Any]) -> str:
    return line["description"].split(":")[0]


def dent_table() -> str:
    rows = []
    for line in pdr_lines():
        counts = CASE["hail_dents"][line["code"]]
        cells = "".join(f"<td>{counts.get(size, 0)}</td>" for size in SIZES)
        note = (
            f" (× {format_number(ALUMINIUM_FACTOR)}, aluminium)"
            if line["code"] in ALUMINIUM_CODES
            else ""
        )
        units = table_units(line["code"])
        rows.append(
            f"<tr><td>{_panel_name(line)}</td>{cells}<td>{format_number(units)} AE{note}</td>"
            f"<td>{format_money(labour_amount(units))}</td></tr>"
        )
    head = "".join(f"<th>{size} ({format_number(TABLE[size])} AE)</th>" for size in SIZES)
    return (
        f"<table><thead><tr><th>paneel</th>{head}<th>tijd</th><th>plaatwerk</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


PDR_UNITS = sum((table_units(line["code"]) for line in pdr_lines()), Decimal(0))
PDR_AMOUNT = labour_amount(PDR_UNITS)
SPECIALIST = CASE["subcontract_options"][0]
MARKUP = Decimal(REFERENCE["rates"]["subcontract_markup_percent"])
SPECIALIST_QUOTE = Decimal(SPECIALIST["quote_amount"])
SPECIALIST_CHARGED = (SPECIALIST_QUOTE * (1 + MARKUP / 100)).quantize(CENT, ROUND_HALF_UP)


def _subtotal(data: dict[str, Any]) -> Decimal:
    return Decimal(calcengine.estimate(data)["subtotal_excl_vat"])


def painted_bonnet_extra() -> Decimal:
    """What filling and painting the bonnet (level III) adds to the reference, by the engine."""
    data = case_calculation(HAIL_CASE)
    bonnet = next(line for line in data["lines"] if line["code"] == pdr_lines()[0]["code"])
    bonnet_paint = copy.deepcopy(bonnet)
    base_units = get_vehicle(CASE["vehicle_id"]).part(bonnet["code"]).paint_units
    bonnet_paint["paint"] = {"mode": "repair_minor", "units": format(base_units, "f")}
    with_paint = copy.deepcopy(data)
    with_paint["lines"] = [bonnet_paint if line is bonnet else line for line in data["lines"]]
    return _subtotal(with_paint) - _subtotal(data)


REFERENCE_SUBTOTAL = _subtotal(case_calculation(HAIL_CASE))
BONNET_PAINT_EXTRA = painted_bonnet_extra()
LIMIT = oven_limit()
HAIL_REFERENCE = case_calculation_text(HAIL_CASE)

HAIL_LESSON = {
    "slug": "hagelschade-ev-uitdeuken-en-spuiten",
    "title": "Hagelschade aan een elektrische auto: uitdeuken, spuiten en de oventemperatuur",
    "summary": (
        "Met de casus Tesla Model 3 met hagelschade: deuken tellen en omrekenen naar "
        "arbeidseenheden, kiezen tussen uitdeuken zonder spuiten en conventioneel herstel, en "
        "het lakwerk drogen zonder de HV-accu te warm te maken."
    ),
    "minutes": 25,
    "work_processes": ["1.1", "1.2"],
    "knowledge_items": ["K03", "K04", "K09", "K10", "K12"],
    "competence_areas": [ANALYSEREN, ORGANISEREN, INTERACTEREN],
    "trade_offs": ["repareren-of-vervangen", "prijs-kwaliteit"],
    "case_briefs": [],
    "body": [
        p(
            "Na een hagelbui staat de werkplaats vol auto's met tientallen deuken. De meeste "
            "daarvan hoeven niet gespoten te worden. Deze les loopt de casus 'Tesla Model 3: "
            "hagelschade en een gebarsten glazen dak' door: deuken tellen, de herstelmethode "
            "kiezen en het lakwerk laten drogen zonder de accu te beschadigen.",
        ),
        html(
            "<h2>Uitdeuken zonder spuiten</h2>"
            "<p>Bij uitdeuken zonder spuiten (paintless dent repair, PDR) drukt de uitdeuker de "
            "deuk met hefbomen van achteren terug, of trekt hij haar met lijmdoppen naar buiten. "
            "De fabriekslak blijft heel: er is geen plamuur, geen kleurverschil en geen droogtijd. "
            "Dat kan alleen als de lak niet gescheurd is, de deuk bereikbaar is en niet te scherp "
            "of te diep. Aluminium is stugger dan staal en kost meer tijd. Een deuk met "
            "gescheurde lak of op een scherpe rand herstel je conventioneel: uitdeuken, "
            "plamuren en spuiten.</p>",
        ),
        html(
            "<h2>Deuken tellen en omrekenen</h2>"
            "<p>Was de auto, zet hem onder een deukenlamp of gebruik een streepjesreflector, en "
            "tel per paneel de deuken per grootteklasse. Het calculatieprogramma rekent de "
            "telling met een hageltabel om naar arbeidseenheden. Met de tabel van de casus "
            f"(Tesla: {format_number(UNITS_PER_HOUR)} AE per uur, plaatwerktarief "
            f"{format_money(BODY_RATE)}):</p>"
            + dent_table()
            + f"<p>Samen {format_number(PDR_UNITS)} AE, dat is {format_money(PDR_AMOUNT)} "
            "plaatwerk, zonder lakwerk en zonder lakmateriaal.</p>",
        ),
        attention(
            "Niet spuiten wat uitdeuken oplost",
            "<p>Wie de motorkap plamuurt en spuit (herstel tot de helft, niveau III) in plaats "
            "van haar uit te deuken, maakt de calculatie van de casus "
            f"{format_money(BONNET_PAINT_EXTRA)} duurder (op {format_money(REFERENCE_SUBTOTAL)} "
            "zonder btw), zonder dat de klant er iets mee wint: de fabriekslak is weg en het "
            "parelmoerwit moet worden bijgespoten. Spuit alleen met een reden, zoals gescheurde "
            "lak.</p>",
        ),
        html(
            "<h2>De achterklep: wel spuiten</h2>"
            "<p>Op de achterrand van de klep heeft een grote hagelsteen de lak laten scheuren. "
            "Daar helpt uitdeuken niet: de klep wordt conventioneel hersteld en gespoten. Bij "
            "het driedelige parelmoerwit wordt de kleur in beide zijwanden achter ingespoten, "
            "zodat er geen kleurverschil te zien is.</p>",
        ),
        safety(
            "Lak drogen op een elektrische auto",
            "<p>Het gewone ovenprogramma van een spuitcabine warmt de auto op tot 60 à 80 °C. "
            "Tijdens het herstel staat het HV-systeem uit en koelt niets de accu. Daarom geeft "
            "elke fabrikant een grens, en die verschilt: de informatie van deze casus staat aan "
            f"de auto niet meer dan {LIMIT} °C toe (120 °F), Ford noemt 60 °C en ten hoogste "
            "45 minuten; daarboven moet de accu eruit. Zoek de grens van het merk op. Droog "
            "daarna met kortegolf-infrarood op het paneel zelf, met een lang programma op lage "
            "temperatuur of met een lak die op lage temperatuur uithardt; een los gedemonteerd "
            "deel mag buiten de auto gewoon de oven in.</p>"
            "<p>Zet de grens en de droogmethode in de werkorder voor de spuiter. In deze casus "
            "beoordeelt een controle dat: een werkorder zonder grens, of met het gewone "
            "ovenprogramma, is fout.</p>",
        ),
        html(
            "<h2>Een hagelspecialist als werk derden</h2>"
            "<p>Veel schadeherstelbedrijven laten het uitdeuken doen door een gespecialiseerd "
            f"hagelteam. In de casus biedt {SPECIALIST['supplier']} het uitdeuken van motorkap, "
            f"schermen en dakboog aan voor {format_money(SPECIALIST_QUOTE)}; met de opslag van "
            f"{format_number(MARKUP)} % voor werk derden wordt dat {format_money(SPECIALIST_CHARGED)} "
            f"in de calculatie, tegenover {format_money(PDR_AMOUNT)} als je eigen uitdeuker het "
            "doet. Beide zijn goed: neem het op als regel werk derden (code SUB-PDR) met het "
            "bedrag van de offerte, en leg de afspraak vast in het dossier.</p>",
        ),
        example(
            "De calculatie van de casus",
            HAIL_REFERENCE,
            "<p>Vier panelen uitgedeukt zonder spuiten, de achterklep hersteld en gespoten met "
            "kleurovergang in de zijwanden, het glazen dak voor vervangen met een lijmset:</p>",
            "<p>Geen regel voor de oven: de droogtemperatuur staat in de werkorder. Geen "
            "kalibratie: in het glazen dak zit geen camera, en de voorruit is niet geraakt.</p>",
        ),
        check(
            "Op een motorkap zitten 30 kleine hageldeuken; de lak is overal heel. Wat calculeer "
            "je?",
            [
                "Herstellen met plamuur en spuiten op niveau III.",
                "Uitdeuken zonder spuiten, met de tijd uit de hageltabel.",
                "Een nieuwe motorkap.",
            ],
            2,
            "<p>Met heldere lak is uitdeuken zonder spuiten de goedkoopste gelijkwaardige "
            "methode, en de fabriekslak blijft.</p>",
        ),
        check(
            "De spuiter wil de achterklep en de zijwanden van de Tesla in het gewone "
            "ovenprogramma van 60 °C drogen. Wat zeg je?",
            [
                "Prima, dat is het standaardprogramma.",
                f"Nee: aan de auto niet boven {LIMIT} °C; droog met infrarood op het paneel of "
                "op een laag programma, en zet dat in de werkorder.",
            ],
            2,
            "<p>De accu wordt tijdens het herstel niet gekoeld. De grens van de fabrikant geldt "
            "voor de hele auto; een los gedemonteerd deel mag wel in de oven.</p>",
        ),
        html(
            "<h2>Bronnen</h2><ul>"
            "<li>Beroepscompetentieprofiel Schademanager (2022): K03 reparatiemethodes, K04 "
            "materialen van carrosseriedelen, K09 energieopslagsystemen.</li>"
            "<li>Hageltechniek (dtweil.de, 'Hagelschaden kalkulieren'): aantal en grootte van de "
            "deuken per onderdeel tellen, met toeslagen voor aluminium en lijmtechniek; de "
            "uitkomst is een aantal arbeidseenheden. De tabel van de casus (0,5 / 1,5 / 3 AE per "
            "deuk, aluminium × 1,3) is illustratief: vuistregel, geen openbare bron.</li>"
            "<li>FairGarage, 'Hagelschaden reparieren': vanaf hagelstenen van ongeveer 4 cm "
            "diepere deuken met afgesprongen lak en beschadigde ruiten.</li>"
            "<li>Global Finishing Solutions (FenderBender, 2018) en Junair: Audi, Lexus, Tesla, "
            "Toyota en Volvo hebben verklaard dat een elektrische auto niet boven 120 °F (ongeveer "
            "49 °C) gedroogd mag worden; infrarood of een lang programma op lage temperatuur. De "
            "eigen reparatiehandleiding van Tesla met de grens is niet openbaar gevonden.</li>"
            "<li>Ford, On Target (via Collision Repair Magazine): cabine op of onder 60 °C en ten "
            "hoogste 45 minuten, anders de HV-accu eerst uitbouwen.</li>"
            "<li>Wapcar: spuitcabines halen 80 °C; tijdens het herstel is het voertuig "
            "uitgeschakeld en werkt de accukoeling niet.</li>"
            "<li>InsideEVs en FenderBender (2017, reparatie-informatie van Tesla): de "
            "buitenpanelen van de Model 3 zijn van zacht staal.</li>"
            "<li>Consumentenbond, 'Stormschade': hagelschade valt onder beperkt casco (ook in een "
            "allriskpolis) en kost geen schadevrije jaren.</li></ul>",
        ),
    ],
}


# The lesson by the slug of the module (`lessons.MODULES`) it belongs to.
HAIL_EV_LESSONS: dict[str, list[dict[str, Any]]] = {"werkvoorbereiding": [HAIL_LESSON]}


def with_hail_ev_lessons(modules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`modules` with the lesson added to the module it belongs to (none changed in place)."""
    return [
        {**module, "lessons": [*module["lessons"], *HAIL_EV_LESSONS.get(module["slug"], [])]}
        for module in modules
    ]
