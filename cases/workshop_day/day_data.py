"""The demo workshop day: a Monday morning with six dossiers, the shop's roster, the messages that
change it, and the reference plan. Loaded by `cases.workshop_day.demo`.

Every dossier is one of the demo cases (cases/demo_cases/<slug>.json): its planning hours per
department are computed by the engine from that case's reference pre-calculation
(`hours.planning_hours`), never typed here; the Niro's HV quarantine is the verdict of
`cases.hv.expected_judgement` on the case's own HV facts. Days are indexes into
`scoring.DAYS` (0 = maandag … 4 = vrijdag, `scoring.LATER` = volgende week).
"""

from __future__ import annotations

from typing import Any

from cases.demo_files import demo_case

from .hours import planning_hours
from .scoring import DEPARTMENTS, LATER, MOBILITY_MUST, MOBILITY_NONE

MA, DI, WO, DO, VR = range(5)

SLUG = "maandag-in-de-werkplaats"
TITLE = "Maandagochtend in de werkplaats: zes dossiers plannen"
LESSON_SLUG = "werkplaatsdag-plannen-en-prioriteren"
# Conversations (K19), prioritising (K20), a rough time estimate (K21): the profile's codes of
# the knowledge slugs `scoring.ASSESSES` names (assessment.scoring.competence.KNOWLEDGE_CODES).
KNOWLEDGE_ITEMS = ("K19", "K20", "K21")

BRIEFING = (
    "Het is maandag 07:30. U bent schademanager bij Schadeherstel De Polder. Zes auto's staan "
    "in de werkplaats of komen deze week binnen. Plan de week: op welke dag begint elke afdeling "
    "(plaatwerk, spuiterij, montage) aan elke auto, wie krijgt een van de twee vervangende "
    "auto's, wie belt u en wat zegt u. Lees eerst de berichten van vanochtend: ze veranderen "
    "het rooster. Een auto krijgt ten hoogste 8 uur werk per dag over alle afdelingen samen; "
    "een klus die langer duurt, loopt door op de volgende dag. De uren per afdeling komen uit "
    "de calculatie van elk dossier."
)

# The normal roster: technicians' hours per department per day (ma … vr).
ROSTER = {
    "plaatwerk": ("16", "16", "16", "16", "16"),
    "spuiterij": ("8", "8", "8", "8", "8"),
    "montage": ("8", "8", "8", "8", "8"),
}
# After this morning's messages: one panel beater ill on Monday.
CAPACITY = {**ROSTER, "plaatwerk": ("8", "16", "16", "16", "16")}
REPLACEMENT_CARS = 2

MESSAGES = (
    {
        "time": "07:40",
        "sender": "Henk Bos, chef werkplaats",
        "text": "Jeroen van het plaatwerk heeft zich ziek gemeld: hij is er vandaag niet. "
        "Plaatwerk heeft maandag dus 8 uur in plaats van 16. Morgen is hij er weer.",
    },
    {
        "time": "07:55",
        "sender": "Onderdelenleverancier (Renault)",
        "text": "Het portier voor de Clio (ZL-455-P) komt niet dinsdag maar donderdag om 08:00: "
        "het lag niet op voorraad in het centrale magazijn.",
    },
    {
        "time": "08:05",
        "sender": "HV-deskundige (extern)",
        "text": "Ik kom dinsdagmiddag de Niro (T-306-HZ) controleren en vrijgeven. Tot dan blijft "
        "hij op de quarantaineplek; woensdag mag hij de werkplaats in.",
    },
    {
        "time": "08:15",
        "sender": "Polderzeker Verzekeringen, schadebehandelaar",
        "text": "Voor de Yaris Cross (L-719-XS) hebben we nog geen akkoord gegeven. Belt u ons "
        "vandaag met de calculatie en de foto's, dan geven we dinsdag vóór 08:00 akkoord.",
    },
    {
        "time": "08:20",
        "sender": "Sanne, collega aan de balie",
        "text": "Er staat een klant aan de balie die boos is over het eigen risico op zijn "
        "factuur. Ik kom er niet uit. Kun je me helpen?",
    },
)

# Per dossier: the story as the trainee reads it, and the facts the rules read. `parts_text`
# is what the dossier said before this morning's messages (the trainee reads the messages).
DOSSIERS: tuple[dict[str, Any], ...] = (
    {
        "key": "bmw",
        "case_slug": "bmw-3-windscreen-adas",
        "title": "BMW 3 Serie (S-927-RK), leaseauto",
        "situation": "Voorruit met head-up display en camera: ruit vervangen en de camera "
        "kalibreren. Berijder Martijn Kok moet dinsdag om 07:00 met de auto naar een klant in "
        "Duitsland. Kanaal Lease heeft de calculatie goedgekeurd.",
        "parts_text": "Voorruit is vrijdag binnengekomen.",
        "parts_day": MA,
        "parts_for": ["plaatwerk"],
        "deadline": MA,
        "deadline_reason": "de berijder vertrekt dinsdag 07:00",
        "weight": 2,
        "promised": MA,
        "mobility": MOBILITY_MUST,
        "mobility_reason": "de berijder moet kunnen rijden",
        "model_note": "Geen telefoontje nodig als de auto maandag klaar is; wel de berijder "
        "melden dat hij hem maandag na 16:00 kan ophalen, met het kalibratierapport.",
    },
    {
        "key": "golf",
        "case_slug": "golf-front-low-speed",
        "title": "VW Golf 8 (K-482-TD), particulier",
        "situation": "Kop-staartaanrijding: voorbumper, koplamp, radar. Mevrouw El Amrani is "
        "wijkverpleegkundige en rijdt elke dag naar haar cliënten; ze wil de auto binnen een "
        "week terug. Polderzeker heeft akkoord gegeven.",
        "parts_text": "Alle onderdelen zijn binnen.",
        "parts_day": MA,
        "parts_for": ["plaatwerk"],
        "deadline": VR,
        "deadline_reason": "binnen een week terug",
        "weight": 1,
        "promised": WO,
        "mobility": MOBILITY_MUST,
        "mobility_reason": "wijkverpleegkundige, rijdt elke dag",
        "model_note": "Mevrouw El Amrani krijgt vandaag een vervangende auto; haar eigen auto "
        "is dinsdag klaar, eerder dan beloofd: dat mag u haar laten weten.",
    },
    {
        "key": "vito",
        "case_slug": "vito-van-fleet-rear",
        "title": "Mercedes Vito (VLN-58-R), bedrijfsbus",
        "situation": "Achterdeuren, bumper en trede na een aanrijding tegen een laadperron. "
        "Installatiebedrijf Van Dijk verliest ongeveer € 350 omzet per dag dat de bus stilstaat "
        "en rekent erop dat hij woensdag weer rijdt. Van Dijk is eigen risicodrager en heeft "
        "akkoord gegeven.",
        "parts_text": "Het gebruikte portier komt dinsdag om 08:00.",
        "parts_day": DI,
        "parts_for": ["plaatwerk"],
        "deadline": WO,
        "deadline_reason": "€ 350 omzet per dag stilstand",
        "weight": 2,
        "promised": WO,
        "mobility": MOBILITY_NONE,
        "mobility_reason": "een personenauto helpt de monteur niet: hij heeft een bus met "
        "gereedschap nodig",
        "model_note": "Mevrouw Van Dijk: het portier komt dinsdag, de bus gaat dinsdag direct "
        "het plaatwerk in en is woensdag klaar, zoals afgesproken.",
    },
    {
        "key": "yaris",
        "case_slug": "yaris-cross-hev-side",
        "title": "Toyota Yaris Cross (L-719-XS), particulier",
        "situation": "Parkeerschade rechts: twee portieren. Mevrouw De Groot is beloofd dat de "
        "auto woensdag klaar is. Het akkoord van Polderzeker ontbreekt nog.",
        "parts_text": "Het portier komt dinsdag.",
        "parts_day": DI,
        "parts_for": ["plaatwerk"],
        "approval_pending": True,
        "approval_day_if_asked": DI,
        "deadline": None,
        "promised": WO,
        "mobility": MOBILITY_NONE,
        "mobility_reason": "haar partner brengt haar; ze heeft geen vervangende auto nodig",
        "model_note": "Verzekeraar: 'Ik stuur u nu de calculatie en de foto's; kunt u dinsdag "
        "vóór 08:00 akkoord geven? Dan begint het plaatwerk dinsdag.' Mevrouw De Groot: 'Het "
        "akkoord van uw verzekeraar komt pas dinsdag en de spuiterij is woensdag vol met een "
        "bedrijfsbus die elke dag geld kost. Uw auto is donderdag klaar in plaats van woensdag. "
        "Past dat, of zal ik kijken wat we kunnen doen?'",
    },
    {
        "key": "niro",
        "case_slug": "niro-phev-sill-structural",
        "title": "Kia Niro plug-in hybride (T-306-HZ), particulier",
        "situation": "Zijaanrijding op de B-stijl, dorpel ingelast: een grote plaatwerkklus. "
        "De gordijnairbag is afgegaan; de auto staat op de quarantaineplek. Schade op WA van "
        "de tegenpartij: die betaalt vervangend vervoer. Meneer Smit moet naar zijn werk.",
        "parts_text": "Dorpel en B-stijlversteviging komen woensdag.",
        "parts_day": WO,
        "parts_for": ["plaatwerk"],
        "hv_release_after_message": WO,
        "deadline": None,
        "promised": LATER,
        "mobility": MOBILITY_MUST,
        "mobility_reason": "meneer Smit moet naar zijn werk; de tegenpartij betaalt",
        "model_note": "Meneer Smit: 'Uw auto blijft tot dinsdagmiddag op de veilige plek; dan "
        "controleert en vrijgeeft een HV-deskundige hem. Woensdag begint het plaatwerk; hij "
        "is volgende week klaar. U heeft tot dan een vervangende auto.'",
    },
    {
        "key": "clio",
        "case_slug": "clio-door-private",
        "title": "Renault Clio V (ZL-455-P), particulier",
        "situation": "Portier langs een pilaar. Mevrouw Hendriks betaalt zelf, kan de auto een "
        "paar dagen missen en fietst naar haar werk.",
        "parts_text": "Het portier komt dinsdag.",
        "parts_day": DO,  # the supplier's message of 07:55
        "parts_for": ["plaatwerk"],
        "deadline": None,
        "promised": WO,
        "mobility": MOBILITY_NONE,
        "mobility_reason": "ze fietst naar haar werk",
        "model_note": "Mevrouw Hendriks: 'Het portier komt pas donderdag; uw auto is vrijdag "
        "klaar in plaats van woensdag. Het spijt me; het ligt aan de levering, niet aan het "
        "werk.'",
    },
)

# The reference plan (hidden until the trainee has submitted). Other plans that meet the
# constraints pass too: tests/cases/test_workshop_day_scoring.py holds several.
REFERENCE_PLAN = {
    "dossiers": {
        "bmw": {"start": {"plaatwerk": MA, "spuiterij": None, "montage": MA}},
        "golf": {
            "start": {"plaatwerk": MA, "spuiterij": MA, "montage": DI},
            "replacement_car": True,
        },
        "vito": {"start": {"plaatwerk": DI, "spuiterij": DI, "montage": WO}},
        "yaris": {
            "start": {"plaatwerk": DI, "spuiterij": DO, "montage": None},
            "ask_insurer": True,
            "call_customer": True,
            "told_day": DO,
        },
        "niro": {
            "start": {"plaatwerk": WO, "spuiterij": None, "montage": None},
            "replacement_car": True,
        },
        "clio": {
            "start": {"plaatwerk": DO, "spuiterij": VR, "montage": None},
            "call_customer": True,
            "told_day": VR,
        },
    },
    "colleague": "direct",
}
REFERENCE_EXPLANATION = (
    "Maandag eerst de BMW (de berijder vertrekt dinsdag) en de Golf: samen 7 uur plaatwerk, "
    "precies wat de ene plaatwerker vandaag kan. De Vito gaat dinsdag het plaatwerk in zodra "
    "het portier er is en is woensdag klaar: elke dag stilstand kost Van Dijk € 350. De "
    "spuiterij kan woensdag niet zowel de Vito als de Yaris aan; de Yaris, die pas dinsdag "
    "akkoord krijgt, schuift naar donderdag en mevrouw De Groot hoort dat vandaag. De Niro "
    "blijft tot de HV-vrijgave onaangeroerd en begint woensdag. De Clio wacht op het portier "
    "(donderdag) en is vrijdag klaar. De twee vervangende auto's gaan naar mevrouw El Amrani "
    "en meneer Smit."
)


def hv_release_day(dossier: dict[str, Any], case: dict[str, Any]) -> int | None:
    """The day work may start on a car in HV quarantine (`cases.hv` judges the case's facts);
    None for a car that is not in quarantine."""
    from ..hv import expected_judgement
    from ..models.case import HvJudgement

    if expected_judgement(case.get("hv_facts")) != HvJudgement.QUARANTINE:
        return None
    return int(dossier["hv_release_after_message"])


def setup() -> dict[str, Any]:
    """The day as stored (`WorkshopDay.setup`): what the rules read, hours from the engine."""
    dossiers = []
    for dossier in DOSSIERS:
        case = demo_case(dossier["case_slug"])
        hours = planning_hours(case["reference_precalc"])
        stored = {k: v for k, v in dossier.items() if k not in ("model_note",)}
        stored.pop("hv_release_after_message", None)
        stored["hours"] = {dep: str(hours[dep]) for dep in DEPARTMENTS}
        stored["hv_release_day"] = hv_release_day(dossier, case)
        stored["vehicle_id"] = case["vehicle_id"]
        dossiers.append(stored)
    return {
        "roster": ROSTER,
        "capacity": CAPACITY,
        "replacement_cars": REPLACEMENT_CARS,
        "messages": list(MESSAGES),
        "dossiers": dossiers,
    }


def reference() -> dict[str, Any]:
    """The hidden part: the reference plan, its explanation and the model call notes."""
    return {
        "plan": REFERENCE_PLAN,
        "explanation": REFERENCE_EXPLANATION,
        "notes": {d["key"]: d["model_note"] for d in DOSSIERS},
    }
