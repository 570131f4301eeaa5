"""The lesson on planning a workshop day and setting priorities (issue #16 item 3, the workshop
day exercise in cases/workshop_day/). Added to the module "werkvoorbereiding" by
`with_workshop_day_lessons`, which `content.demo` calls beside `with_topic_lessons`.

Its worked example is the demo day's Golf: the planning hours per department are computed here
by the engine from the Golf case's reference calculation (`cases.workshop_day.hours`), and the
week of the reference plan by the exercise's own rules (`scoring.simulate`);
tests/content/test_lessons_workshop_day.py recomputes every figure the text names.
"""

from __future__ import annotations

import json
from typing import Any

from cases.demo_files import demo_case
from cases.workshop_day import day_data
from cases.workshop_day.hours import planning_hours
from cases.workshop_day.scoring import (
    CAR_DAY_HOURS,
    DAY_NAMES,
    day_from_data,
    hours_text,
    plan_from_data,
    simulate,
)
from content.demo_content.lessons import (
    INTERACTEREN,
    ONDERSTEUNEN,
    ORGANISEREN,
    attention,
    check,
    html,
    p,
    safety,
    tip,
)
from content.demo_content.lessons_topics import sources

GOLF = "golf"
GOLF_CASE = next(d["case_slug"] for d in day_data.DOSSIERS if d["key"] == GOLF)


def golf_hours() -> dict[str, str]:
    """The Golf's planning hours per department, as the lesson states them."""
    hours = planning_hours(demo_case(GOLF_CASE)["reference_precalc"])
    return {dep: hours_text(h) for dep, h in hours.items()}


def golf_week() -> list[tuple[str, str, str]]:
    """(department, day, hours) of the Golf in the demo day's reference plan."""
    day = day_from_data(json.loads(json.dumps(day_data.setup())))
    schedule = simulate(day, plan_from_data(day_data.REFERENCE_PLAN))
    return [
        (dep, DAY_NAMES[d], hours_text(h))
        for dep, chunks in schedule.chunks[GOLF].items()
        for d, h in chunks
    ]


def _planning_board() -> str:
    """A small planning board (the drawing of the lesson) of the Golf's week."""
    rows = "".join(
        f"<tr><td>{dep}</td><td>{day}</td><td>{hours} uur</td></tr>"
        for dep, day, hours in golf_week()
    )
    return (
        "<table><thead><tr><th>afdeling</th><th>dag</th><th>uren aan de Golf</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def booth_on_wednesday() -> tuple[str, str, str]:
    """The check's figures: the booth's hours on Wednesday, the Vito's paint hours left for
    Wednesday in the reference plan, and the Yaris's paint hours (all from the day's data)."""
    day = day_from_data(json.loads(json.dumps(day_data.setup())))
    schedule = simulate(day, plan_from_data(day_data.REFERENCE_PLAN))
    wednesday = 2
    vito = sum(h for d, h in schedule.chunks["vito"]["spuiterij"] if d == wednesday)
    yaris = next(d for d in day.dossiers if d.key == "yaris").hours["spuiterij"]
    return (
        hours_text(day.capacity["spuiterij"][wednesday]),
        hours_text(vito),
        hours_text(yaris),
    )


HOURS = golf_hours()
BOOTH, VITO_LEFT, YARIS_PAINT = booth_on_wednesday()
CAR_DAY = hours_text(CAR_DAY_HOURS)

PLANNING = {
    "slug": day_data.LESSON_SLUG,
    "title": "Een werkplaatsdag plannen en prioriteiten stellen",
    "summary": (
        "Capaciteit per afdeling, onderdelen, akkoord en HV-vrijgave als harde grenzen; "
        "deadlines, kosten van stilstand en vervangend vervoer als prioriteiten; en wie u belt "
        "als het anders loopt. Met de Golf uit de werkplaatsdag als rekenvoorbeeld."
    ),
    "minutes": 25,
    "work_processes": ["1.2", "1.3"],
    "knowledge_items": list(day_data.KNOWLEDGE_ITEMS),
    "competence_areas": [ORGANISEREN, ONDERSTEUNEN, INTERACTEREN],
    "trade_offs": [],
    "case_briefs": [],
    "body": [
        p(
            "Op maandagochtend bepaalt de schademanager wat de werkplaats deze week doet. Een "
            "goede planning begint niet bij de wensen van de klanten, maar bij wat vastligt: "
            "hoeveel uren elke afdeling heeft, welke onderdelen er zijn, welke opdrachtgevers "
            "akkoord hebben gegeven en welke auto's nog niet aangeraakt mogen worden. Pas "
            "daarbinnen verdeelt u het werk naar urgentie.",
        ),
        html(
            "<h2>1. Uren per afdeling uit de calculatie</h2>"
            "<p>De calculatie geeft per dossier de arbeidstijd. Plaatwerk neemt de uren "
            "plaatwerk, de spuiterij de spuituren, montage de mechanische en elektrische uren. "
            "Rond elke afdeling naar boven af op een half uur: plan een klus nooit korter dan de "
            "calculatie zegt. De Golf uit de werkplaatsdag: plaatwerk "
            f"{HOURS['plaatwerk']} uur, spuiterij {HOURS['spuiterij']} uur, montage "
            f"{HOURS['montage']} uur.</p>"
            "<p>Zet daar de capaciteit tegenover: per afdeling per dag het aantal uren van de "
            "technici die er zijn. Een zieke plaatwerker halveert het plaatwerk van die dag; "
            "verwerk zo'n bericht eerst.</p>",
        ),
        html(
            "<h2>2. De harde grenzen</h2>"
            "<ul><li><strong>Capaciteit</strong>: nooit meer uren op een afdeling dan er "
            "technici zijn.</li>"
            "<li><strong>Volgorde</strong>: eerst plaatwerk, dan spuiten, dan monteren.</li>"
            "<li><strong>Akkoord</strong>: geen werk voordat de opdrachtgever akkoord heeft "
            "gegeven. Ontbreekt het, bel dan vandaag: het komt niet vanzelf.</li>"
            "<li><strong>Onderdelen</strong>: geen werk dat op een onderdeel wacht voordat het "
            "binnen is. Lees de berichten van de leverancier.</li>"
            "<li><strong>HV-quarantaine</strong>: een hybride of elektrische auto in quarantaine "
            "gaat niet de werkplaats of de spuitcabine in voordat een HV-deskundige hem heeft "
            "vrijgegeven.</li>"
            "<li><strong>Vervangend vervoer</strong>: niet meer auto's toezeggen dan er "
            "staan.</li></ul>",
        ),
        safety(
            "HV-quarantaine is geen planningskeuze",
            "Een auto in quarantaine blijft op de veilige plek tot de vrijgave. Plan het eerste "
            "werk op de dag na de vrijgave, nooit ervoor, ook niet 'alleen even demonteren'.",
        ),
        html(
            "<h2>3. Een auto, een werkdag</h2>"
            f"<p>In de oefening krijgt een auto ten hoogste {CAR_DAY} uur werk per dag, over "
            "alle afdelingen samen: hij staat op één plek en er werkt één technicus tegelijk "
            "aan. Een klus die langer duurt, loopt door op de volgende dag. Dit is een "
            "vuistregel van de oefening, geen openbare norm. Zo loopt de Golf in de "
            "referentieplanning door de week:</p>" + _planning_board(),
        ),
        html(
            "<h2>4. Prioriteiten: urgentie en kosten van stilstand</h2>"
            "<p>Plan eerst wat een harde deadline heeft: een leaserijder die morgen moet reizen, "
            "een bedrijfsbus die per dag stilstand omzet kost. Daarna wat beloofd is, daarna de "
            "rest. Verdeel de schaarse vervangende auto's naar wie mobiel moet blijven: een "
            "personenauto helpt een monteur die een bus met gereedschap nodig heeft niet, en "
            "een klant wiens auto vandaag klaar is heeft er geen nodig.</p>",
        ),
        attention(
            "Een vertraging meldt u zelf, vandaag",
            "Is een auto later klaar dan beloofd, bel de klant dan nu en noem de dag die uw "
            "eigen planning geeft, met de reden (een onderdeel, een akkoord, een volle "
            "spuiterij). Een andere dag noemen belooft iets wat de werkplaats niet waarmaakt.",
        ),
        tip(
            ONDERSTEUNEN,
            "Vraagt een collega aan de balie om hulp met een klant, help dan direct of spreek "
            "een korte tijd af en geef mee wat ze de klant nu al kan zeggen. Doorsturen of "
            "weigeren laat collega en klant staan.",
        ),
        check(
            f"De spuiterij heeft woensdag {BOOTH} uur. De bedrijfsbus (deadline woensdag) heeft "
            f"er nog {VITO_LEFT} uur spuitwerk, de Yaris (belofte woensdag) {YARIS_PAINT}. Wat "
            "doet u?",
            [
                "Beide woensdag inplannen: de spuiter werkt wel wat langer.",
                "De bus woensdag; de Yaris donderdag, en mevrouw De Groot vandaag bellen.",
                "De Yaris woensdag, want die is eerder beloofd; de bus later.",
            ],
            2,
            "Capaciteit is een harde grens. De bus kost per dag stilstand geld en heeft een "
            "deadline: die gaat voor. De Yaris schuift, en de klant hoort het vandaag met de "
            "nieuwe dag.",
        ),
        sources(
            "J. Yoswick, 'Curtailing Chaos', Automotive Report: plannen op de arbeidsuren die "
            "technici en de werkplaats per dag produceren.",
            "FastTrak, 'Capacity Scheduling in Automotive Repair' (2015): werk inplannen tot de "
            "capaciteit van de werkplaats, niet erboven.",
            "Aftersales Magazine, 'Een veilige plek voor EV met schade', en de les over "
            "HV-veiligheid bij de intake (NEN 9140): een beschadigde HV-auto apart en veilig "
            "stallen tot hij beoordeeld is.",
            "Uren per afdeling: berekend door de rekenmodule uit de referentiecalculatie van "
            "de Golf-casus. Ten hoogste 8 uur per auto per dag: vuistregel, geen openbare bron.",
        ),
    ],
}

WORKSHOP_DAY_LESSONS: dict[str, list[dict[str, Any]]] = {"werkvoorbereiding": [PLANNING]}


def with_workshop_day_lessons(modules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`modules` with the workshop-day lesson added to its module (none changed in place)."""
    return [
        {**module, "lessons": [*module["lessons"], *WORKSHOP_DAY_LESSONS.get(module["slug"], [])]}
        for module in modules
    ]
