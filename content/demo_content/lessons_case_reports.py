"""Two lessons on the demo cases of issue #16 item 3 that helper D wrote: reading the alignment
and diagnosis reports of the kerb case (`peugeot-208-kerb-alignment`: K07, K13, K14) and the
48 V mild hybrid in practice (`golf-etsi-48v-side-sill`).

Every value the lessons show of a case comes from the case file: the alignment report's rows
and tolerances (`reports` in the case JSON, which the case's report images show), the left/right
differences computed from them, the reference lines and the 48 V line's labour from the
reference and its rates. `with_case_report_lessons` adds them to their modules by slug, as
`lessons_topics.with_topic_lessons` does; `content.demo` calls both.
`tests/content/test_lessons_case_reports.py` checks the figures against the case files and the
engine.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from calcengine.formatting import format_money, format_number
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
from content.worked_example import case_calculation_text

KERB_CASE = "peugeot-208-kerb-alignment"
MHEV_CASE = "golf-etsi-48v-side-sill"
OUT_OF_TOLERANCE = "!"
ANGLE = re.compile(r"^([+−-]?)(\d+)°(\d+)'")


def report(slug: str, kind: str) -> dict[str, Any]:
    return next(r for r in demo_case(slug)["reports"] if r["kind"] == kind)


def minutes(value: str) -> int:
    """An angle as the report writes it ("−0°42' !", "3°58'") in minutes of arc."""
    match = ANGLE.match(value.strip())
    if not match:
        raise ValueError(f"Geen hoek: {value!r}")
    sign, degrees, mins = match.groups()
    total = int(degrees) * 60 + int(mins)
    return -total if sign in ("−", "-") else total


def angle(total: int) -> str:
    sign = "−" if total < 0 else ""
    total = abs(total)
    return f"{sign}{total // 60}°{total % 60:02d}'"


def report_table(rep: dict[str, Any]) -> str:
    """The report as an HTML table; an out-of-tolerance value in bold."""

    def cell(value: str, tag: str = "td") -> str:
        if value.endswith(OUT_OF_TOLERANCE):
            return f"<{tag}><strong>{value}</strong></{tag}>"
        return f"<{tag}>{value}</{tag}>"

    head = "".join(cell(c, "th") for c in rep["columns"])
    body = "".join("<tr>" + "".join(cell(c) for c in row) + "</tr>" for row in rep["rows"])
    return (
        f"<p><strong>{rep['title']}</strong></p><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table><p><em>{rep['notes']}</em></p>"
    )


def out_of_tolerance(rep: dict[str, Any]) -> list[str]:
    """'Sporing per wiel links (−0°42')', … for every value the report marks."""
    found = []
    for row in rep["rows"]:
        for column, value in zip(rep["columns"][1:3], row[1:3], strict=True):
            if value.endswith(OUT_OF_TOLERANCE):
                where = f" {column.lower()}" if row[2] else ""
                found.append(f"{row[0].lower()}{where} ({value.rstrip(' !')})")
    return found


def side_difference(rep: dict[str, Any], name: str, section: str = "Vooras") -> tuple[str, str]:
    """(left − right, as an angle; the row's stated maximum difference) for a front-axle row."""
    rows = rep["rows"]
    start = next(i for i, row in enumerate(rows) if row[0] == section)
    row = next(row for row in rows[start + 1 :] if row[0] == name)
    difference = abs(minutes(row[1]) - minutes(row[2]))
    maximum = re.search(r"verschil max\. ([^)]+)\)", row[3])
    return angle(difference), (maximum.group(1) if maximum else "")


ALIGNMENT = report(KERB_CASE, "uitlijnrapport")
DIAGNOSIS = report(KERB_CASE, "diagnoserapport")
CAMBER_DIFF, CAMBER_MAX = side_difference(ALIGNMENT, "Wielvlucht")
CASTER_DIFF, CASTER_MAX = side_difference(ALIGNMENT, "Naloop")
OUT = out_of_tolerance(ALIGNMENT)
KERB_REFERENCE = case_calculation_text(KERB_CASE)
DIAGNOSIS_CODES = [row for row in DIAGNOSIS["rows"] if row[1] not in ("—", "")]


def _codes_list() -> str:
    return "".join(f"<li>{row[0]} {row[1]}: {row[2]} ({row[3]})</li>" for row in DIAGNOSIS_CODES)


KERB_LESSON = {
    "slug": "uitlijnrapport-lezen-stoeprand",
    "title": "Uitlijn- en diagnoserapport lezen: een stoeprand geraakt",
    "summary": (
        "Met de rapporten van de casus Peugeot 208: welke hoek ligt buiten de waarde, welk deel "
        "is dan verbogen, en welk werk hoort daarna in de calculatie."
    ),
    "minutes": 25,
    "work_processes": ["1.2", "1.3"],
    "knowledge_items": ["K07", "K13", "K14"],
    "competence_areas": [ANALYSEREN, ORGANISEREN],
    "trade_offs": ["repareren-of-vervangen"],
    "case_briefs": [],
    "body": [
        p(
            "Een klap tegen een stoeprand lijkt een bandenprobleem, maar de kracht gaat van de "
            "band via de velg en de naaf naar de fusee en de spoorstang. Het zwakste deel buigt. "
            "Welk deel dat is, zie je zelden met het blote oog; het uitlijnrapport en het "
            "diagnoserapport vertellen het je, als je ze leest. Deze les gebruikt de rapporten "
            "van de casus 'Peugeot 208: stoeprand geraakt'.",
        ),
        html("<h2>Het rapport van de voormeting</h2>" + report_table(ALIGNMENT)),
        html(
            "<h2>Stap 1: wat ligt buiten de waarde?</h2>"
            "<p>Zoek eerst de waarden die het rapport markeert. Hier zijn dat: "
            + "; ".join(OUT)
            + ". Al het andere ligt binnen de voorgeschreven waarden.</p>"
            "<h2>Stap 2: vergelijk links en rechts</h2>"
            f"<p>De wielvlucht links en rechts verschilt {CAMBER_DIFF} (toegestaan: "
            f"{CAMBER_MAX}), de naloop {CASTER_DIFF} (toegestaan: {CASTER_MAX}). De "
            "fuseepenhelling is links en rechts vrijwel gelijk, en de achteras en de "
            "geometrische rijas zijn in orde. De carrosserie en de achteras zijn dus niet "
            "verschoven.</p>"
            "<h2>Stap 3: welk deel past bij dit patroon?</h2>"
            "<ul><li>Alleen de <strong>sporing van één wiel</strong> is afwijkend, het stuur staat "
            "scheef en de sporing is aan die kant niet meer af te stellen: de "
            "<strong>spoorstang</strong> is verbogen. Zij verbindt het stuurhuis met de fusee en "
            "bepaalt de sporing.</li>"
            "<li>Wijkt de <strong>wielvlucht</strong> aan één kant af, dan kan het gaan om de "
            "fusee, de draagarm of de veerpoot.</li>"
            "<li>Wijkt de <strong>fuseepenhelling</strong> af, of zijn naloop of wielbasis links "
            "en rechts ongelijk, kijk dan ook naar de draagarm, de subframe en de "
            "bevestigingspunten: dan hoort er een meetrapport van de carrosserie bij.</li>"
            "<li>Wijkt de <strong>geometrische rijas</strong> af, dan zit het probleem achter: "
            "de achteras of de carrosserie.</li></ul>"
            "<p>In deze casus past alleen het eerste patroon. De spoorstang links wordt "
            "vervangen. De draagarm, de fusee en de veerpoot zijn niet verbogen: wie die "
            "vervangt, werkt aan onbeschadigde delen. Een verbogen stuurdeel wordt niet "
            "gericht of 'weggesteld' met de sporing.</p>",
        ),
        html(
            "<h2>Het diagnoserapport</h2>"
            "<p>Bij binnenkomst gaf de tester deze foutcodes:</p><ul>"
            + _codes_list()
            + "</ul><p>De code van de stuurhoeksensor past bij het scheve stuur: na het "
            "uitlijnen wordt de sensor opnieuw ingeleerd. De bandenspanningsbewaking ziet het "
            "drukverlies van de kapotte band. De frontcamera geeft <strong>geen</strong> code, "
            "maar dat bewijst niets: een camera die net niet goed staat, geeft vaak geen code. "
            "De reden voor de kalibratie is het voorschrift van Peugeot: na het uitlijnen en na "
            "werk aan de as of de stuurinrichting wordt de camera gekalibreerd. Eerst krijgt de "
            "stuurhoeksensor zijn basisinstelling, daarna volgt de camera; die wordt afgesteld op "
            "de geometrische rijas en op de middenstand van het stuur.</p>",
        ),
        attention(
            "De volgorde",
            "<p>Eerst het verbogen deel vervangen, dan een vierwielmeting en uitlijnen, dan de "
            "stuurhoeksensor inleren en pas daarna de camera kalibreren. Een kalibratie vóór het "
            "uitlijnen is weggegooid werk. De kalibratie mag ook door een specialist gebeuren; "
            "in de calculatie is dat werk derden met de camera als sensor.</p>",
        ),
        example(
            "De calculatie van de casus",
            KERB_REFERENCE,
            "<p>Velg en band linksvoor, de spoorstang, het uitlijnen, de kalibratie van de "
            "frontcamera en de diagnose met het inleren van de stuurhoeksensor:</p>",
            "<p>De spoorstang, het uitlijnen en de kalibratie zijn de regels die de rapporten "
            "en de informatie van Peugeot vragen. Ontbreekt er één, dan is de calculatie "
            "onveilig en keurt de beoordeling haar af.</p>",
        ),
        check(
            "In een ander rapport ligt alleen de wielvlucht linksvoor buiten de waarde; sporing, "
            "naloop en fuseepenhelling zijn goed. Waar kijk je eerst naar?",
            [
                "De spoorstang links.",
                "De fusee, de draagarm of de veerpoot links.",
                "De achteras.",
            ],
            2,
            "<p>De spoorstang bepaalt de sporing, niet de wielvlucht. Een afwijkende wielvlucht "
            "aan één kant wijst naar de delen die het wiel dragen.</p>",
        ),
        check(
            "Het diagnoserapport toont geen foutcode van de frontcamera. Moet zij na het "
            "uitlijnen toch gekalibreerd worden?",
            [
                "Nee, zonder code is de camera in orde.",
                "Ja, als de fabrikant dat na het uitlijnen voorschrijft; een code ontbreekt vaak "
                "bij een camera die net niet goed staat.",
            ],
            2,
            "<p>Een foutcode wijst waar je moet zoeken; het ontbreken ervan bewijst geen goede "
            "kalibratie. Het kalibratierapport is het bewijs.</p>",
        ),
        html(
            "<h2>Bronnen</h2><ul>"
            "<li>Beroepscompetentieprofiel Schademanager (2022): K07 wielophanging, K13 "
            "diagnoserapporten, K14 uitlijnrapporten.</li>"
            "<li>BodyShop Business, 'The Wheel World': bij een stoeprand gaat de kracht via band, "
            "velg en naaf naar de fusee en de spoorstang; het zwakste deel buigt.</li>"
            "<li>Brake &amp; Front End, 'Servicing Bent Arms And Struts': een verbogen stuurarm "
            "verandert de sporing; wielvlucht die aan één kant afwijkt, kan wijzen op een "
            "verbogen fusee, draagarm of veerpoot.</li>"
            "<li>FenderBender, 'Finding Hidden Suspension Damage': de diagnostische hoeken van de "
            "wielophanging gebruiken om verborgen schade vroeg te vinden.</li>"
            "<li>Volkswagen-werkplaatsinformatie (Jetta, via Operation CHARM): na een "
            "scheefstaand stuur de basisinstelling van de stuurhoeksensor controleren; "
            "uitlijnen na een aanrijding en na het vervangen van delen van de wielophanging.</li>"
            "<li>AAA, 'ADAS Sensor Calibration Increases Repair Costs': kalibratie kan ook nodig "
            "zijn na herstel van de wielophanging of na uitlijnen; Hunter Engineering (via "
            "Ratchet+Wrench): eerst een vierwielmeting, dan de stuurhoeksensor en de "
            "kalibratie; ADAS-sensoren zijn in de fabriek afgesteld op de rijas (thrust line). "
            "Fleet Maintenance, 'Why wheel alignment is critical to ADAS performance': camera en "
            "radar worden gekalibreerd ten opzichte van de middenlijn en de rijas van de auto."
            "</li>"
            "<li>De voorgeschreven waarden in de casus zijn illustratief (zie "
            "cases/demo_cases/README.md); in de praktijk gelden de waarden van de fabrikant in "
            "de uitlijncomputer.</li></ul>",
        ),
    ],
}


# --- 48 V ------------------------------------------------------------------------------------

HV_THRESHOLD_VOLTS = 60  # DC; UNECE R100 voltage class B starts above it (see Bronnen)
MILD_HYBRID_VOLTS = 48


def disconnect_line() -> dict[str, Any]:
    lines = demo_case(MHEV_CASE)["reference_precalc"]["lines"]
    return next(line for line in lines if line["code"] == "ELEC-48V-OFF")


def disconnect_cost() -> tuple[Decimal, Decimal, Decimal]:
    """(hours, hourly rate, labour amount) of the 48 V line, from the case's reference."""
    calculation = demo_case(MHEV_CASE)["reference_precalc"]
    line = disconnect_line()
    hours = Decimal(line["labour_units"]) / Decimal(calculation["vehicle"]["units_per_hour"])
    rate = Decimal(calculation["rates"]["labour"][line.get("labour_category", "body")])
    return hours, rate, (hours * rate).quantize(Decimal("0.01"))


HOURS, RATE, DISCONNECT_AMOUNT = disconnect_cost()
MHEV_REFERENCE = case_calculation_text(MHEV_CASE)

MHEV_LESSON = {
    "slug": "48-volt-golf-etsi-in-de-praktijk",
    "title": "48 V in de praktijk: flankschade aan een mild hybride",
    "summary": (
        "Met de casus Golf eTSI: waarom een mild hybride geen HV-voertuig is, en waarom het "
        "loskoppelen van het 48V-boordnet toch in de calculatie hoort."
    ),
    "minutes": 15,
    "work_processes": ["1.1", "1.2"],
    "knowledge_items": ["K06", "K08", "K09", "K12"],
    "competence_areas": [ANALYSEREN, ORGANISEREN, INTERACTEREN],
    "trade_offs": ["balans-calculeren"],
    "case_briefs": [],
    "body": [
        p(
            "Op de achterklep staat 'eTSI' en de klant noemt zijn auto een hybride. Is het een "
            "HV-voertuig? Deze les loopt de casus 'Volkswagen Golf eTSI: flankschade aan portier "
            "en dorpel' door.",
        ),
        html(
            "<h2>Bij de intake: geen hoogvolt</h2>"
            f"<p>De Golf eTSI heeft naast het 12V-net een boordnet van {MILD_HYBRID_VOLTS} V, "
            "met een lithium-ionaccu onder de rechtervoorstoel en een riemgedreven "
            f"starter-generator. Hoogvolt begint boven {HV_THRESHOLD_VOLTS} V gelijkspanning. "
            "De auto is dus geen HV-voertuig: er is geen HV-oordeel en geen quarantaine nodig, "
            "en in de calculatie is de aandrijving 'verbrandingsmotor'. Vertel de klant dat "
            "ook: zijn auto is veilig te stallen.</p>"
            "<p>Wat je bij de intake wel vastlegt: dat het een mild hybride is, waar de "
            "48V-accu zit, of de schade in de buurt zit en of er waarschuwingen op het "
            "dashboard staan. Hier zit de accu vlak bij de ingedeukte dorpel, maar zij is niet "
            "geraakt.</p>",
        ),
        html(
            "<h2>In de calculatie: loskoppelen vóór het laswerk</h2>"
            "<p>De dorpel wordt uitgetrokken met trekpennen die erop gelast worden, naast de "
            "48V-accu en haar kabels. De informatie van de fabrikant in de casus schrijft voor "
            "het 12V- en het 48V-boordnet eerst los te koppelen en daarna weer aan te sluiten. "
            "Dat is een gewone arbeidsregel, geen HV-veiligstelling: in de casus "
            f"{format_number(disconnect_line()['labour_units'])} AE, dat is "
            f"{format_number(HOURS)} uur tegen het elektrotarief van {format_money(RATE)}, samen "
            f"{format_money(DISCONNECT_AMOUNT)}. Ontbreekt de regel, dan is de calculatie "
            "onvolledig en onveilig.</p>",
        ),
        safety(
            "Geen hoogvolt, wel zorg",
            "<p>Lasstroom en vonken naast een lithium-ionaccu, en een starter-generator die hoge "
            "stromen levert: volg de volgorde en wachttijd van de fabrikant. Een beschadigde "
            "48V-kabel wordt vervangen, niet afgeplakt.</p>",
        ),
        example(
            "De calculatie van de casus",
            MHEV_REFERENCE,
            "<p>Het loskoppelen van het 48V-boordnet, het voorportier en de dorpel hersteld, "
            "het achterportier bijgespoten, holteruimteconservering en een diagnose na het "
            "aansluiten:</p>",
            "<p>Geen regel 'HV-systeem veiligstellen' en geen nieuwe 48V-accu: die is niet "
            "geraakt. Wie haar toch vervangt, werkt aan een onbeschadigd deel.</p>",
        ),
        check(
            "Een klant met een mild hybride van 48 V vraagt of zijn auto in quarantaine moet. "
            "Wat antwoord je?",
            [
                "Ja, elke hybride gaat na schade in quarantaine.",
                "Nee, 48 V is geen hoogvolt; wel wordt het 48V-boordnet losgekoppeld voordat er "
                "gelast wordt.",
            ],
            2,
            f"<p>Hoogvolt begint boven {HV_THRESHOLD_VOLTS} V gelijkspanning. De voorschriften "
            "van de fabrikant voor het 48V-boordnet gelden wel.</p>",
        ),
        html(
            "<h2>Bronnen</h2><ul>"
            "<li>VN-reglement R100 (ECE R100) en DGUV Information 200-005: hoogvolt (klasse B) "
            "boven 60 V gelijkspanning; zie ook de les '48V-systemen in mild-hybride auto's'.</li>"
            "<li>Volkswagen over de Golf 8 eTSI (via cars.co.za en Motor1): 48V-riemstarter-"
            "generator en 48V-lithium-ionaccu onder de passagiersstoel.</li>"
            "<li>De tijd van de regel en de informatie van de fabrikant in de casus zijn "
            "illustratief (zie cases/demo_cases/README.md); in de praktijk gelden de "
            "reparatie-informatie en de tijden van Volkswagen.</li></ul>",
        ),
    ],
}


# The lessons by the slug of the module (`lessons.MODULES`) they belong to.
CASE_REPORT_LESSONS: dict[str, list[dict[str, Any]]] = {
    "werkvoorbereiding": [KERB_LESSON, MHEV_LESSON],
}


def with_case_report_lessons(modules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`modules` with these lessons added to the module each belongs to (none changed in
    place)."""
    return [
        {**module, "lessons": [*module["lessons"], *CASE_REPORT_LESSONS.get(module["slug"], [])]}
        for module in modules
    ]
