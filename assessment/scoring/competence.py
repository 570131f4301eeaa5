"""The competence profile that a score speaks to: Beroepscompetentieprofiel Schademanager 2022
(seed/bcp-schademanager-2022.txt), as plain data.

The one owner of the profile's stable keys (no Django here, so the scorer can hold them): work
processes by their number ("1.2"), competence areas by the slug of their name (`AREA_KEYS`; the
scores name an area by its name, the profile's words), knowledge items ("vakkennis en
vaardigheden", K01…K21 in the order of `KNOWLEDGE`) and trade-offs ("kenmerkende afwegingen") by
the slugs below, whose titles are the profile's own words, verbatim. The content app's importer
(`content.profile_seed`) gives the imported rows exactly these keys, the rubric, the workflow
checks and the lesson links read them from here; no other module spells a title. The tables say which
items each component (§7), verdict kind and critical error kind touches, so that an error can
lead to the lesson that teaches it.
"""

WORK_PROCESSES = {
    "1.1": "Uitvoeren van de intake",
    "1.2": "Uitvoeren van de werkvoorbereiding",
    "1.3": "Bewaken van het schadedossier",
    "1.4": "Afleveren van het voertuig",
}

ANALYSEREN = "Analyseren en interpreteren"
ORGANISEREN = "Organiseren en uitvoeren"
ONDERSTEUNEN = "Ondersteunen en samenwerken"
INTERACTEREN = "Interacteren, beïnvloeden en presenteren"
COMPETENCE_AREAS = (ANALYSEREN, ORGANISEREN, ONDERSTEUNEN, INTERACTEREN)
# An area's stable key: the slug of its name (content.CompetenceArea.slug, the rubric's keys).
AREA_KEYS = {
    ANALYSEREN: "analyseren-en-interpreteren",
    ORGANISEREN: "organiseren-en-uitvoeren",
    ONDERSTEUNEN: "ondersteunen-en-samenwerken",
    INTERACTEREN: "interacteren-beinvloeden-en-presenteren",
}

# Vakkennis en vaardigheden Kerntaak 1, in the profile's order.
KNOWLEDGE = {
    "werkwijzen-opdrachtgevers": "Heeft kennis van de werkwijzen van opdrachtgevers.",
    "waardes-voertuigen": "Heeft kennis van de waardes van voertuigen.",
    "reparatiemethodes": "Heeft kennis van reparatiemethodes.",
    "materialen-carrosseriedelen": (
        "Heeft kennis van diverse (combinaties van) materialen toegepast in carrosseriedelen."
    ),
    "verbindingstechnieken": (
        "Heeft kennis van verbindingstechnieken (thermisch, chemisch, mechanisch, hybride)."
    ),
    "voertuigsystemen": "Heeft kennis van voertuigsystemen.",
    "wielophanging": "Heeft kennis van wielophanging.",
    "aandrijflijnen": "Heeft kennis van aandrijflijnen.",
    "energieopslagsystemen": (
        "Heeft kennis van diverse energieopslagsystemen, zoals elektrisch, waterstof, etc."
    ),
    "calculatieprogramma": "Kan werken met een calculatieprogramma.",
    "calculatie-lezen": "Kan een calculatie lezen en interpreteren.",
    "voertuigspecifieke-informatie": "Kan voertuigspecifieke informatie lezen en interpreteren.",
    "diagnoserapporten": "Kan diagnoserapporten lezen en interpreteren.",
    "uitlijnrapporten": "Kan uitlijnrapporten lezen en interpreteren.",
    "schadeherstelproces-toelichten": "Kan het schadeherstelproces toelichten.",
    "ict-vaardigheden": "Heeft algemene ICT-vaardigheden.",
    "luisteren": "Kan luisteren.",
    "adviseren": "Kan adviseren.",
    "gesprekken-voeren": (
        "Kan met diverse klanten/opdrachtgevers/betrokkenen op verschillende niveaus gesprekken "
        "voeren."
    ),
    "prioriteiten-stellen": "Kan prioriteiten stellen.",
    "tijdsinschatting": "Kan een globale tijdsinschatting maken.",
}

# The profile's own description of each area ("Omschrijving competentiegebied"), verbatim.
AREA_DESCRIPTIONS = {
    ANALYSEREN: (
        "Past eigen expertise op efficiënte wijze toe. Geeft blijk van een helder "
        "(analytisch) denkvermogen. Gaat naar de kern van (complexe) problemen en "
        "vraagstukken. Past materialen en middelen doelmatig en doelgericht toe. Weet zaken "
        "goed te formuleren."
    ),
    ORGANISEREN: (
        "Plant vooruit en werkt op een systematische en georganiseerde wijze. Volgt regels "
        "en procedures. Richt zich op klantbehoeftes en levert een kwaliteitsdienst of "
        "–product af volgens de normen van de organisatie."
    ),
    ONDERSTEUNEN: (
        "Ondersteunt anderen en toont respect en positieve waardering in sociale "
        "interacties. Zet mensen op de eerste plaats, werkt effectief met individuen en "
        "teams, klanten en staf. Laat duidelijk persoonlijke waarden zien die in "
        "overeenstemming zijn met de waarden van de organisatie/omgeving."
    ),
    INTERACTEREN: (
        "Is doeltreffend in het communiceren en het aanknopen van contacten. Overtuigt en "
        "beïnvloedt anderen op succesvolle wijze. Gaat met anderen op een open en "
        "ontspannen wijze om."
    ),
}

# The profile numbers the knowledge items K01…K21 in its order (content.KnowledgeItem.code).
KNOWLEDGE_CODES = {slug: f"K{number:02d}" for number, slug in enumerate(KNOWLEDGE, start=1)}

# Kenmerkende afwegingen voor de schademanager.
TRADE_OFFS = {
    "prijs-kwaliteit": "Verhouding prijs/kwaliteit.",
    "repareren-of-vervangen": "Repareren of vervangen?",
    "expert-raadplegen": "Wel of geen expert raadplegen?",
    "economisch-total-loss": "Is het voertuig economisch total loss?",
    "nieuwe-of-gebruikte-delen": "Nieuwe of gebruikte delen gebruiken?",
    "balans-calculeren": (
        "Bij het calculeren een balans vinden tussen de voertuigspecifieke informatie, de wensen "
        "van de klant/opdrachtgever en het bedrijfseconomisch resultaat."
    ),
}

# Scoring spec §7: the work processes and competence areas each component shows. "critical"
# stands for the knock-outs (Organiseren en uitvoeren: "Volgt regels en procedures").
COMPONENT_ITEMS: dict[str, dict[str, tuple[str, ...]]] = {
    "L": {"work_processes": ("1.2",), "competence_areas": (ANALYSEREN,)},
    "T": {"work_processes": ("1.2",), "competence_areas": (ORGANISEREN,)},
    "D": {"work_processes": ("1.1", "1.2"), "competence_areas": (ANALYSEREN,)},
    "critical": {"work_processes": ("1.2",), "competence_areas": (ORGANISEREN,)},
}

# What each verdict kind touches. A correct line shows the same items done well.
VERDICT_ITEMS = {
    "correct": {
        "work_processes": ("1.2",),
        "competence_areas": (ANALYSEREN,),
        "knowledge": ("calculatieprogramma", "reparatiemethodes"),
        "trade_offs": (),
    },
    "alternative": {
        "work_processes": ("1.2",),
        "competence_areas": (ANALYSEREN,),
        "knowledge": (
            "reparatiemethodes",
            "voertuigspecifieke-informatie",
            "werkwijzen-opdrachtgevers",
        ),
        "trade_offs": ("repareren-of-vervangen", "nieuwe-of-gebruikte-delen", "prijs-kwaliteit"),
    },
    "units_off": {
        "work_processes": ("1.2",),
        "competence_areas": (ANALYSEREN,),
        "knowledge": (
            "calculatieprogramma",
            "voertuigspecifieke-informatie",
            "reparatiemethodes",
        ),
        "trade_offs": ("balans-calculeren",),
    },
    "wrong_operation": {
        "work_processes": ("1.2",),
        "competence_areas": (ANALYSEREN,),
        "knowledge": (
            "reparatiemethodes",
            "materialen-carrosseriedelen",
            "voertuigspecifieke-informatie",
        ),
        "trade_offs": ("repareren-of-vervangen",),
    },
    # Damage not seen at intake (1.1: "neemt de zichtbare schade op") or left out of the work
    # preparation.
    "missing": {
        "work_processes": ("1.1", "1.2"),
        "competence_areas": (ANALYSEREN, ORGANISEREN),
        "knowledge": ("voertuigsystemen", "voertuigspecifieke-informatie", "calculatieprogramma"),
        "trade_offs": ("balans-calculeren",),
    },
    # An insurer does not pay for work that the damage does not need.
    "extra": {
        "work_processes": ("1.2",),
        "competence_areas": (ANALYSEREN,),
        "knowledge": ("werkwijzen-opdrachtgevers", "calculatie-lezen", "reparatiemethodes"),
        "trade_offs": ("prijs-kwaliteit", "balans-calculeren"),
    },
}

CRITICAL_ITEMS = {
    "missing_critical": {
        "work_processes": ("1.2",),
        "competence_areas": (ORGANISEREN, ANALYSEREN),
        "knowledge": ("voertuigspecifieke-informatie", "voertuigsystemen"),
        "trade_offs": ("balans-calculeren",),
    },
    "wrong_operation_critical": {
        "work_processes": ("1.2",),
        "competence_areas": (ORGANISEREN, ANALYSEREN),
        "knowledge": (
            "reparatiemethodes",
            "voertuigspecifieke-informatie",
            "materialen-carrosseriedelen",
        ),
        "trade_offs": ("repareren-of-vervangen",),
    },
    "repair_not_allowed": {
        "work_processes": ("1.2",),
        "competence_areas": (ORGANISEREN,),
        "knowledge": (
            "voertuigspecifieke-informatie",
            "materialen-carrosseriedelen",
            "verbindingstechnieken",
            "reparatiemethodes",
        ),
        "trade_offs": ("repareren-of-vervangen",),
    },
    # A missing calibration line is a knock-out of the calculation; it reads no diagnosis
    # report, so it does not claim "diagnoserapporten" (issue #16 item 5: declare only what
    # is scored).
    "adas_calibration_missing": {
        "work_processes": ("1.2",),
        "competence_areas": (ORGANISEREN,),
        "knowledge": ("voertuigsystemen", "voertuigspecifieke-informatie"),
        "trade_offs": ("balans-calculeren",),
    },
    # 1.1: with an electric or hybrid vehicle the intake judges whether it is safe to work on.
    "hv_safety_missing": {
        "work_processes": ("1.1", "1.2"),
        "competence_areas": (ORGANISEREN,),
        "knowledge": (
            "energieopslagsystemen",
            "aandrijflijnen",
            "voertuigspecifieke-informatie",
        ),
        "trade_offs": (),
    },
    "total_loss_decision": {
        "work_processes": ("1.1", "1.2"),
        "competence_areas": (ANALYSEREN,),
        "knowledge": ("waardes-voertuigen", "calculatie-lezen"),
        "trade_offs": ("economisch-total-loss",),
    },
    # schadescore/2: the paying party's rates, its part-source rules and the damage itself.
    "rates_differ": {
        "work_processes": ("1.2",),
        "competence_areas": (ORGANISEREN,),
        "knowledge": ("werkwijzen-opdrachtgevers", "calculatieprogramma"),
        "trade_offs": ("balans-calculeren",),
    },
    "part_source_not_allowed": {
        "work_processes": ("1.2",),
        "competence_areas": (ORGANISEREN,),
        "knowledge": ("werkwijzen-opdrachtgevers",),
        "trade_offs": ("nieuwe-of-gebruikte-delen", "prijs-kwaliteit"),
    },
    "undamaged_part_worked": {
        "work_processes": ("1.2",),
        "competence_areas": (ORGANISEREN, ANALYSEREN),
        "knowledge": ("calculatie-lezen", "reparatiemethodes"),
        "trade_offs": ("balans-calculeren",),
    },
}

# The trade-off each reference decision (§1) asks.
DECISION_TRADE_OFFS = {
    "economic_total_loss": "economisch-total-loss",
    "expert_required": "expert-raadplegen",
    "used_parts_allowed": "nieuwe-of-gebruikte-delen",
}
