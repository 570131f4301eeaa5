"""English names of the competence profile (beroepscompetentieprofiel Schademanager 2022).

The profile exists in Dutch only; these are the platform's translations of its names, by the
profile's stable keys (`assessment.scoring.competence`: work processes by number, knowledge
items, competence areas and trade-offs by slug). The importer copies them into the `*_en` fields
(content.services.competence_profile_import), where editors may change them; pages show them
when the language is English. Descriptions stay in the profile's own Dutch words. No Django
here, like the seed parser.

The competence areas follow the English names of the competency model the profile's areas
come from (SHL's Great Eight: "Analysing & Interpreting", "Organising & Executing",
"Supporting & Co-operating", "Interacting & Presenting"), with the profile's "beïnvloeden"
kept as "influencing".
"""

from __future__ import annotations

CORE_TASKS = {
    "1": "Managing the damage repair process",
}

WORK_PROCESSES = {
    "1.1": "Carrying out the intake",
    "1.2": "Preparing the repair work",
    "1.3": "Monitoring the claim file",
    "1.4": "Handing over the vehicle",
}

KNOWLEDGE_ITEMS = {
    "werkwijzen-opdrachtgevers": "Has knowledge of the working methods of clients.",
    "waardes-voertuigen": "Has knowledge of vehicle values.",
    "reparatiemethodes": "Has knowledge of repair methods.",
    "materialen-carrosseriedelen": (
        "Has knowledge of the various materials (and combinations of materials) used in body "
        "panels."
    ),
    "verbindingstechnieken": (
        "Has knowledge of joining techniques (thermal, chemical, mechanical, hybrid)."
    ),
    "voertuigsystemen": "Has knowledge of vehicle systems.",
    "wielophanging": "Has knowledge of wheel suspension.",
    "aandrijflijnen": "Has knowledge of powertrains.",
    "energieopslagsystemen": (
        "Has knowledge of various energy storage systems, such as electric, hydrogen, etc."
    ),
    "calculatieprogramma": "Can work with a damage estimating system.",
    "calculatie-lezen": "Can read and interpret a damage estimate.",
    "voertuigspecifieke-informatie": "Can read and interpret vehicle-specific information.",
    "diagnoserapporten": "Can read and interpret diagnostic reports.",
    "uitlijnrapporten": "Can read and interpret wheel alignment reports.",
    "schadeherstelproces-toelichten": "Can explain the damage repair process.",
    "ict-vaardigheden": "Has general IT skills.",
    "luisteren": "Can listen.",
    "adviseren": "Can give advice.",
    "gesprekken-voeren": (
        "Can hold conversations with various customers, clients and other parties involved at "
        "different levels."
    ),
    "prioriteiten-stellen": "Can set priorities.",
    "tijdsinschatting": "Can make a rough estimate of the time required.",
}

COMPETENCE_AREAS = {
    "analyseren-en-interpreteren": "Analysing and interpreting",
    "organiseren-en-uitvoeren": "Organising and executing",
    "ondersteunen-en-samenwerken": "Supporting and co-operating",
    "interacteren-beinvloeden-en-presenteren": "Interacting, influencing and presenting",
}

TRADE_OFFS = {
    "prijs-kwaliteit": "Price/quality ratio.",
    "repareren-of-vervangen": "Repair or replace?",
    "expert-raadplegen": "Consult an expert or not?",
    "economisch-total-loss": "Is the vehicle an economic total loss?",
    "nieuwe-of-gebruikte-delen": "Use new or used parts?",
    "balans-calculeren": (
        "When estimating, striking a balance between the vehicle-specific information, the "
        "wishes of the customer/client and the financial result for the business."
    ),
}
