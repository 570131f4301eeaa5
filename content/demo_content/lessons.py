"""The seeded learning content: modules, lessons and case briefs, in Dutch.

Tags name profile items by their codes: work processes "1.1"…"1.4", knowledge items "K01"…"K21"
(in the profile's order), competence areas and trade-offs by their slugs. A worked example holds
a schadecalc/1 input built from a demo case's own file (`content.worked_example.case_calculation`:
the case's vehicle, rates and reference, or a stated variation of them), which the engine computes
when the page renders; no figure of a case is typed out again. Each amount a lesson states is
checked against the engine in tests/content/test_lesson_figures.py.
"""

from __future__ import annotations

from assessment.scoring import competence
from calcengine.catalogue import prefill_line
from cases.paint_drill.demo import DRILLS as PAINT_DRILLS
from cases.paint_drill.demo import KNOWLEDGE_ITEMS as PAINT_DRILL_KNOWLEDGE_ITEMS
from cases.paint_drill.demo import model_lines
from content.worked_example import case_calculation_text

# The areas' stable keys, from their one owner.
ANALYSEREN = competence.AREA_KEYS[competence.ANALYSEREN]
ORGANISEREN = competence.AREA_KEYS[competence.ORGANISEREN]
ONDERSTEUNEN = competence.AREA_KEYS[competence.ONDERSTEUNEN]
INTERACTEREN = competence.AREA_KEYS[competence.INTERACTEREN]


def p(*paragraphs: str) -> tuple[str, str]:
    return ("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))


def html(markup: str) -> tuple[str, str]:
    return ("paragraph", markup)


def safety(title: str, text: str) -> tuple[str, dict]:
    return ("callout", {"kind": "safety", "title": title, "text": text})


def attention(title: str, text: str) -> tuple[str, dict]:
    return ("callout", {"kind": "attention", "title": title, "text": text})


def tip(title: str, text: str) -> tuple[str, dict]:
    return ("callout", {"kind": "tip", "title": title, "text": text})


def example(
    title: str, calculation_input: str, introduction: str, explanation: str
) -> tuple[str, dict]:
    return (
        "worked_example",
        {
            "title": title,
            "calculation_input": calculation_input,
            "introduction": introduction,
            "explanation": explanation,
        },
    )


def _golf_windscreen_lines() -> list[dict]:
    """Another damage on the Golf case's vehicle: a windscreen with the camera bracket, its
    adhesive and the camera calibration, prefilled from the catalogue."""
    return [
        prefill_line("vw-golf-8", "5H0845011", "replace", line_id="1"),
        prefill_line("vw-golf-8", "SUND-ADHESIVE", "sundry", line_id="2"),
        prefill_line("vw-golf-8", "ADAS-FRONT-CAMERA", "calibrate", line_id="3"),
    ]


# The worked examples: each one a demo case, or a stated variation of it.
GOLF = case_calculation_text("golf-front-low-speed")
GOLF_WITHOUT_TEACH_IN = case_calculation_text("golf-front-low-speed", remove=("9",))
GOLF_WINDSCREEN = case_calculation_text("golf-front-low-speed", lines=_golf_windscreen_lines())
CLIO = case_calculation_text("clio-door-private")
POLO = case_calculation_text("polo-total-loss")
POLO_5400 = case_calculation_text("polo-total-loss", vehicle={"value_before_damage": "5400.00"})
POLO_BUSINESS = case_calculation_text("polo-total-loss", rates={"owner_deducts_vat": True})
POLO_MARGIN_CAR = case_calculation_text(
    "polo-total-loss",
    vehicle={"value_before_damage": "6000.00", "margin_scheme": True},
    rates={"owner_deducts_vat": True},
)
MODEL3 = case_calculation_text("model3-rear-ev")
# The paint drill on the Niro (its vehicle and rate set are the Niro case's): the drill's model
# answer as paint lines, on the case's own vehicle and rates.
NIRO_PAINT_DRILL = PAINT_DRILLS[0]
NIRO_PAINT = case_calculation_text("niro-phev-sill-structural", lines=model_lines(NIRO_PAINT_DRILL))


def check(question: str, choices: list[str], correct: int, feedback: str) -> tuple[str, dict]:
    return (
        "self_check",
        {"question": question, "choices": choices, "correct_choice": correct, "feedback": feedback},
    )


CASE_BRIEFS = [
    {
        "slug": "golf-voorschade-lage-snelheid",
        "case_slug": "golf-front-low-speed",
        "title": "Volkswagen Golf 8: voorschade bij lage snelheid",
        "summary": (
            "Een Golf 8 met radar en parkeersensoren in de voorbumper is in de file bij lage "
            "snelheid achterop een bestelwagen gereden. Maak de calculatie en zoek uit welke "
            "kalibraties Volkswagen voorschrijft."
        ),
        "body": [
            p(
                "Mevrouw El Amrani meldt zich met haar Volkswagen Golf 8 (2021, metallic lak). Ze "
                "reed gisteren in de file op de A12 met ongeveer 15 km/u achterop een bestelwagen. "
                "De voorbumper hangt rechts los en is gescheurd, de grille is gebroken, de rechter "
                "LED-koplamp is kapot en de motorkap heeft een deuk.",
                "De auto heeft een frontradar (adaptieve cruise control), een frontcamera achter de ruit "
                "en parkeersensoren in de bumper. Haar verzekeraar heeft haar naar het herstelnetwerk "
                "verwezen; er gelden de tarieven en kortingen van het contract.",
            ),
            attention(
                "Waar let je op?",
                "<ul><li>Welke sensoren zitten in of achter de delen die je vervangt of demonteert?</li>"
                "<li>Welke kalibraties schrijft de fabrikant voor, en staat elke kalibratie als aparte "
                "regel in de calculatie?</li><li>Herstellen of vervangen van de motorkap?</li></ul>",
            ),
        ],
        "work_processes": ["1.1", "1.2"],
        "knowledge_items": ["K06", "K10", "K11", "K12"],
        "competence_areas": [ANALYSEREN, ORGANISEREN],
        "trade_offs": ["repareren-of-vervangen", "balans-calculeren"],
    },
    {
        "slug": "polo-total-loss",
        "case_slug": "polo-total-loss",
        "title": "Volkswagen Polo: herstellen of total loss?",
        "summary": (
            "Een twaalf jaar oude Polo met flinke frontschade. Is herstel nog verantwoord, of is de "
            "auto economisch total loss?"
        ),
        "body": [
            p(
                "De Polo 6R van de heer Verbeek, uit 2012 met bijna 190.000 km, wordt binnengesleept "
                "na een frontale aanrijding op een kruising: een bestelauto gaf geen voorrang. De "
                "voorkant is zwaar beschadigd en radiateur en condensor lekken.",
                "De expert heeft de waarde voor schade vastgesteld op € 4.650 en het hoogste "
                "restwaardebod is € 950. De eigenaar is een particulier.",
            ),
            attention(
                "Waar let je op?",
                "<p>Maak eerst de volledige calculatie. Vergelijk daarna de herstelkosten met de waarde "
                "voor schade min de restwaarde, en bepaal of je de expert moet inschakelen voordat je "
                "de klant iets toezegt.</p>",
            ),
        ],
        "work_processes": ["1.2"],
        "knowledge_items": ["K02", "K11"],
        "competence_areas": [ANALYSEREN, INTERACTEREN],
        "trade_offs": ["economisch-total-loss", "expert-raadplegen"],
    },
    {
        "slug": "clio-portier-particulier",
        "case_slug": "clio-door-private",
        "title": "Renault Clio: deuk in het portier, particuliere klant",
        "summary": (
            "Een particuliere klant betaalt de reparatie zelf. Maak een offerte die technisch "
            "klopt en bij haar wensen past, en leg je keuzes uit."
        ),
        "body": [
            p(
                "Mevrouw Hendriks schuurde in een parkeergarage met de linkerkant van haar Clio "
                "(2019, unilak) langs een pilaar: het portier links voor heeft een deuk met een vouw "
                "en de buitenspiegelkap is gebroken. Ze is alleen WA-verzekerd, betaalt zelf en wil "
                "het netjes hebben voor zo weinig mogelijk geld.",
                "Renault rekent in arbeidseenheden van 10 per uur. De klant vraagt om een prijs "
                "vooraf en wil weten hoe lang ze zonder auto zit.",
            ),
        ],
        "work_processes": ["1.1", "1.2"],
        "knowledge_items": ["K03", "K10", "K17", "K18"],
        "competence_areas": [INTERACTEREN, ANALYSEREN],
        "trade_offs": ["prijs-kwaliteit", "nieuwe-of-gebruikte-delen", "repareren-of-vervangen"],
    },
    {
        "slug": "model3-achterschade-ev",
        "case_slug": "model3-rear-ev",
        "title": "Tesla Model 3: achterschade aan een elektrische auto",
        "summary": (
            "Achterschade aan een volledig elektrische auto: HV-veiligheid, kalibraties en de "
            "waarde voor schade uit de nieuwwaarderegeling."
        ),
        "body": [
            safety(
                "Elektrisch voertuig",
                "<p>Beoordeel bij de intake eerst of de auto veilig gestald kan worden: airbags, "
                "schade aan de bodem of het accupakket, warmte, rook of een afwijkende geur. Werk "
                "aan onderdelen in de HV-zone pas nadat een bevoegd persoon het HV-systeem heeft "
                "veiliggesteld.</p>",
            ),
            p(
                "Een Tesla Model 3 Long Range (2022, parelmoerlak) is van achteren aangereden: de "
                "achterbumper is gescheurd, de achterklep heeft een deuk en het linker achterlicht "
                "in de klep is gebroken. Achter heeft deze auto geen radar, wel ultrasone "
                "parkeersensoren in de bumper.",
                "De verzekeraar keert uit volgens zijn afschrijvingstabel; de waarde voor schade volgt "
                "uit de nieuwwaarde en de leeftijd van de auto op de schadedatum.",
            ),
        ],
        "work_processes": ["1.1", "1.2"],
        "knowledge_items": ["K06", "K09", "K12", "K02"],
        "competence_areas": [ORGANISEREN, ANALYSEREN],
        "trade_offs": ["balans-calculeren"],
    },
]


MODULES = [
    {
        "slug": "intake",
        "title": "Module 1 – De intake (werkproces 1.1)",
        "intro": (
            "<p>De klant meldt zich met schade. Je neemt de zichtbare schade op, luistert naar de "
            "wensen, adviseert, maakt een eerste inschatting van kosten en reparatieduur en opent "
            "het schadedossier. Bij een elektrisch of hybride voertuig beoordeel je eerst of het "
            "veilig is.</p>"
        ),
        "lessons": [
            {
                "slug": "intake-schade-opnemen",
                "title": "De intake: schade opnemen, adviseren en het dossier openen",
                "summary": (
                    "Hoe je in een kwartier van een klant aan de balie naar een gevuld schadedossier, "
                    "een eerste inschatting en een heldere afspraak komt."
                ),
                "minutes": 25,
                "work_processes": ["1.1"],
                "knowledge_items": ["K01", "K15", "K17", "K18", "K19", "K21"],
                "competence_areas": [INTERACTEREN, ORGANISEREN],
                "trade_offs": ["expert-raadplegen"],
                "case_briefs": ["golf-voorschade-lage-snelheid", "clio-portier-particulier"],
                "body": [
                    p(
                        "De intake is het eerste contact met de klant over de schade, aan de balie of "
                        "digitaal met foto's. In dat gesprek bepaal je voor een groot deel hoe de rest "
                        "van het schadeherstelproces loopt: wie de opdrachtgever is, wie betaalt, wat de "
                        "klant verwacht en of er iets bijzonders aan de auto is.",
                        "Begin met luisteren. Vraag hoe de schade is ontstaan, of de auto nog normaal "
                        "rijdt, of er waarschuwingslampjes branden en of er airbags zijn afgegaan. Het "
                        "ontstaan van de schade zegt veel over wat je niet ziet: een aanrijding tegen een "
                        "paal op 15 km/u geeft andere verborgen schade dan een zijdelingse aanrijding op "
                        "een kruispunt.",
                    ),
                    html(
                        "<h2>Wie is de opdrachtgever en wie betaalt?</h2>"
                        "<p>Leg vast of de klant zelf betaalt, of de schade via de eigen verzekeraar "
                        "(cascodekking) of via de verzekeraar van de tegenpartij loopt, of dat een "
                        "leasemaatschappij of fleetowner de opdrachtgever is. Elke opdrachtgever heeft "
                        "eigen regels: tarieven, kortingen, een grensbedrag waarboven een expert komt, "
                        "eisen aan foto's en aan het gebruik van onderdelen. Wie die werkwijzen kent, "
                        "voorkomt dat een calculatie later wordt afgekeurd.</p>"
                        "<h2>Schade opnemen</h2>"
                        "<ul><li>Loop de hele auto rond, ook buiten de zichtbare schade: oude schades "
                        "leg je vast zodat er later geen discussie ontstaat.</li>"
                        "<li>Maak overzichtsfoto's van alle vier de hoeken, foto's van het kenteken, de "
                        "kilometerstand en van elke beschadiging van dichtbij.</li>"
                        "<li>Noteer uitrusting die de calculatie beïnvloedt: lakkleur en laksoort, "
                        "sensoren en camera's (ADAS), aandrijving (brandstof, hybride, elektrisch).</li>"
                        "<li>Controleer de gegevens van het voertuig (kenteken, VIN, datum eerste "
                        "toelating) en van de klant en de verzekering, en open het schadedossier.</li></ul>",
                    ),
                    p(
                        "Geef daarna een eerlijke eerste inschatting van kosten en reparatieduur, "
                        "onder voorbehoud van demontage en goedkeuring van de betalende partij. Een "
                        "globale tijdsinschatting maak je uit ervaring: hoeveel uur plaatwerk, hoeveel "
                        "spuitwerk, moeten er onderdelen besteld worden? Zeg er duidelijk bij wat de "
                        "inschatting onzeker maakt.",
                        "Signaleer ook mogelijkheden voor meerwerk, zoals een oude schade of een "
                        "versleten ruitenwisser, maar dring niets op: de klant moet je advies kunnen "
                        "vertrouwen.",
                    ),
                    tip(
                        "Wanneer schakel je meteen een expert in?",
                        "<p>Als de eerste inschatting boven het grensbedrag van de opdrachtgever komt, "
                        "als total loss in de buurt komt, of als de toedracht niet klopt met het "
                        "schadebeeld. Liever nu een expert dan na de demontage een discussie.</p>",
                    ),
                    check(
                        "Een klant meldt zich met een deuk in het portier en zegt dat de tegenpartij "
                        "schuld heeft. Wat leg je als eerste vast?",
                        [
                            "De lakkleur, zodat het spuitwerk kan worden ingepland.",
                            "Wie de opdrachtgever en de betalende partij zijn, met de gegevens van de "
                            "tegenpartij en de verzekering.",
                            "De prijs van een nieuw portier.",
                        ],
                        2,
                        "<p>Wie betaalt, bepaalt welke tarieven, kortingen en regels gelden en bij wie "
                        "je goedkeuring vraagt. Zonder die gegevens kun je geen bruikbare calculatie "
                        "maken.</p>",
                    ),
                ],
            },
            {
                "slug": "hv-veiligheid-intake",
                "title": "HV-veiligheid bij de intake van een elektrisch of hybride voertuig",
                "summary": (
                    "Herken een hoogvoltvoertuig, beoordeel of het veilig gestald kan worden en weet "
                    "wanneer het in quarantaine moet."
                ),
                "minutes": 30,
                "work_processes": ["1.1"],
                "knowledge_items": ["K06", "K08", "K09", "K12"],
                "competence_areas": [ORGANISEREN, ANALYSEREN],
                "trade_offs": ["expert-raadplegen"],
                "case_briefs": ["model3-achterschade-ev"],
                "body": [
                    p(
                        "Het beroepscompetentieprofiel zegt het expliciet: bij een elektrisch of hybride "
                        "voertuig schat de schademanager in of het voertuig voldoende veilig is om te "
                        "stallen en aan te werken. Een beschadigd accupakket kan uren of zelfs dagen na "
                        "de aanrijding nog warm worden en in brand vliegen (thermal runaway). Die brand "
                        "is moeilijk te blussen en geeft giftige gassen.",
                    ),
                    html(
                        "<h2>Herken het HV-voertuig</h2>"
                        "<p>Let op typeaanduidingen (hybrid, e-tron, EV, PHEV, plug-in), een laadklep, "
                        "oranje kabels onder de motorkap of de bodem en de gegevens op het kenteken. "
                        "Hybrides (HEV), plug-in hybrides (PHEV), volledig elektrische auto's (BEV) en "
                        "waterstofauto's (FCEV) hebben allemaal een hoogvoltsysteem.</p>"
                        "<h2>Beoordeel de toestand bij binnenkomst</h2>"
                        "<ul><li>Zijn er airbags of gordelspanners afgegaan? Dan heeft het voertuig een "
                        "zware klap gehad en kan ook het HV-systeem zijn uitgeschakeld of beschadigd.</li>"
                        "<li>Is er schade aan de bodem, de dorpels of het accupakket, of zit de schade "
                        "dicht bij HV-kabels en -componenten?</li>"
                        "<li>Voel of meet je warmte aan de bodem, ruik je een zoete of chemische geur, "
                        "zie je rook of damp, hoor je sissen of knetteren?</li>"
                        "<li>Geeft het dashboard een melding over het HV-systeem of de accu?</li></ul>",
                    ),
                    safety(
                        "Quarantaine bij twijfel",
                        "<p>Bij gesprongen airbags, een beschadigd accupakket, warmte, rook of een "
                        "afwijkende geur gaat het voertuig <strong>niet</strong> de werkplaats in. Zet "
                        "het op de quarantaineplaats buiten, op ruime afstand van gebouwen en andere "
                        "voertuigen, markeer het als HV-risico en sluit het niet aan op een lader. Laat "
                        "de beoordeling over aan een bevoegd persoon en volg de voertuigspecifieke "
                        "informatie en de bedrijfsprocedure.</p>"
                        "<p>NEN 9140 (veilig werken aan e-voertuigen) regelt wie wat mag aan een "
                        "HV-voertuig: een voldoende onderricht persoon (ev-VOP) werkt alleen aan een "
                        "spanningsloos voertuig, een vakbekwaam persoon (ev-VP) maakt het HV-systeem "
                        "spanningsloos en meet dat na, en de werkverantwoordelijke (ev-WV) is "
                        "verantwoordelijk voor het veilig werken in de werkplaats. De norm geeft ook "
                        "richtlijnen voor de veilige opslag van een mogelijk beschadigd "
                        "e-voertuig.</p>",
                    ),
                    p(
                        "In de calculatie komt het veiligstellen terug: werk je aan onderdelen in de "
                        "HV-zone, of vraagt de fabrikant het na een zware klap, dan moet het HV-systeem eerst "
                        "spanningsvrij worden gemaakt door een vakbekwaam persoon (ev-VP). Vraagt de "
                        "fabrikant het niet, dan staat de regel er ook niet in. Die handeling staat als aparte regel "
                        "in de calculatie, met de tijd die de fabrikant ervoor opgeeft. Ontbreekt die "
                        "regel, dan meldt de rekenkern dat.",
                        "Leg in het dossier vast wat je hebt gezien en besloten: foto's van de "
                        "dashboardmeldingen, de plaats waar de auto staat en wie het voertuig heeft "
                        "vrijgegeven.",
                    ),
                    example(
                        "Rekenvoorbeeld: Tesla Model 3 met achterschade",
                        MODEL3,
                        "<p>De laadpoort links hangt aan het hoogvoltsysteem en moet voor het herstel "
                        "worden gedemonteerd: daarom begint de calculatie met het veiligstellen van het "
                        "HV-systeem. De achterbumper zelf is geen HV-zone. Een radar heeft deze Model 3 "
                        "achter niet; de parkeersensoren worden overgezet, ingeleerd en getest.</p>",
                        "<p>Let op de waarde voor schade: die volgt hier uit de nieuwwaarde en de "
                        "afschrijvingstabel van de verzekeraar, op de schadedatum van de casus. De "
                        "herstelkosten blijven ruim onder de grens, dus herstel is zinvol.</p>",
                    ),
                    check(
                        "Een plug-in hybride komt binnen na een zijdelingse aanrijding. De "
                        "gordelspanners zijn afgegaan en de dorpel is ingedrukt. Wat doe je?",
                        [
                            "De auto in de werkplaats zetten zodat de plaatwerker kan beginnen.",
                            "De auto aan de lader hangen om te controleren of de accu het nog doet.",
                            "De auto in quarantaine buiten zetten en een bevoegd persoon het "
                            "HV-systeem laten beoordelen.",
                        ],
                        3,
                        "<p>Afgegane gordelspanners en schade aan de dorpel (waar vaak het accupakket "
                        "of HV-kabels lopen) zijn redenen voor quarantaine. Opladen is juist riskant.</p>",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "werkvoorbereiding",
        "title": "Module 2 – Calculeren en werkvoorbereiding (werkproces 1.2)",
        "intro": (
            "<p>Op basis van de schadediagnose en de voertuigspecifieke informatie maak je de "
            "calculatie, vraag je goedkeuring aan de betalende partij en bereid je de reparatie "
            "voor: onderdelen, werk derden en vervangend vervoer. Hier vallen de meeste kenmerkende "
            "afwegingen van het beroep.</p>"
        ),
        "lessons": [
            {
                "slug": "werken-met-arbeidseenheden",
                "title": "Werken met arbeidseenheden",
                "summary": (
                    "Arbeidstijden komen uit de fabrieksnormen in arbeidseenheden (AE). Leer omrekenen "
                    "tussen 10, 12 en 100 AE per uur en lees een calculatie goed."
                ),
                "minutes": 20,
                "work_processes": ["1.2"],
                "knowledge_items": ["K10", "K11", "K21"],
                "competence_areas": [ANALYSEREN],
                "trade_offs": ["balans-calculeren"],
                "case_briefs": ["clio-portier-particulier", "golf-voorschade-lage-snelheid"],
                "body": [
                    p(
                        "Calculatieprogramma's nemen de arbeidstijden over van de fabrikant. Die tijden "
                        "staan niet in minuten maar in arbeidseenheden (AE, in het Duits Arbeitswerte of "
                        "Zeiteinheiten). Hoeveel AE er in een uur gaan, verschilt per merk:",
                    ),
                    html(
                        "<ul><li><strong>10 AE per uur</strong> voor de meeste merken: 1 AE = 6 minuten. "
                        "18 AE is dus 1,8 uur.</li>"
                        "<li><strong>12 AE per uur</strong> voor BMW en Mercedes-Benz: 1 AE = 5 minuten. "
                        "18 AE is dus 1,5 uur.</li>"
                        "<li><strong>100 AE per uur</strong> voor het Volkswagen-concern (VW, Audi, Seat, "
                        "Škoda): 1 AE = 36 seconden. 115 AE is dus 1,15 uur.</li></ul>",
                    ),
                    p(
                        "De uren vermenigvuldig je met het uurtarief van de opdrachtgever voor die "
                        "categorie: plaatwerk, spuitwerk, mechanisch of elektrisch. Spuitwerk kent "
                        "daarnaast een basistijd per calculatie (afplakken, kleur mengen, reinigen) en "
                        "toeslagen voor de laksoort; het lakmateriaal wordt per spuituur berekend.",
                        "Wie de eenheid verkeerd leest, zit er meteen een factor naast: 115 AE bij een "
                        "Golf is geen 11,5 uur maar 1,15 uur. Controleer daarom bij elke calculatie of "
                        "het totaal aantal uren past bij wat je op de auto ziet.",
                    ),
                    example(
                        "Rekenvoorbeeld: Renault Clio, 10 AE per uur",
                        CLIO,
                        "<p>Het portier wordt hersteld (18 AE) en gespoten, het achterportier wordt "
                        "ingespoten, de sierlijst gaat eraf en erop (3 AE) en de spiegelkap wordt "
                        "vervangen (2 AE).</p>",
                        "<p>23 AE plaatwerk is bij Renault 2,3 uur. Bij een merk met 12 AE per uur "
                        "zou dezelfde 23 AE maar 1,92 uur zijn; bij 100 AE per uur slechts 0,23 uur.</p>",
                    ),
                    check(
                        "Een BMW-calculatie geeft 36 AE plaatwerk. Hoeveel uur is dat?",
                        ["3,6 uur", "3 uur", "0,36 uur"],
                        2,
                        "<p>BMW rekent met 12 AE per uur: 36 / 12 = 3 uur. 3,6 uur zou gelden bij 10 AE "
                        "per uur.</p>",
                    ),
                ],
            },
            {
                "slug": "lakcalculatie",
                "title": "De lakcalculatie",
                "summary": (
                    "Lakniveaus I tot en met IV, inspuiten, de basistijd, de toeslag voor metallic "
                    "en parelmoer en het lakmateriaal: zo reken je het spuitwerk van een schade uit."
                ),
                "minutes": 25,
                "work_processes": ["1.2"],
                "knowledge_items": list(PAINT_DRILL_KNOWLEDGE_ITEMS),
                "competence_areas": [ANALYSEREN],
                "trade_offs": ["balans-calculeren"],
                "case_briefs": ["clio-portier-particulier"],
                "body": [
                    p(
                        "Voor elk paneel dat gespoten wordt, geeft het calculatieprogramma basis-"
                        "lakeenheden: de tijd om dat paneel helemaal te spuiten. Hoeveel daarvan je "
                        "rekent, hangt af van het lakniveau. Audatex, DAT en GT Motive gebruiken "
                        "daarvoor de lakniveaus die het Allianz Zentrum für Technik (AZT) heeft "
                        "vastgelegd. In het tarief van de opdrachtgever staat per niveau een factor "
                        "op de basiseenheden.",
                    ),
                    html(
                        "<h2>De lakniveaus</h2>"
                        "<ul><li><strong>Niveau I: nieuw onderdeel.</strong> Volledige opbouw: "
                        "voorbehandelen, vuller, kleur en blanke lak. In het tarief "
                        "verzekeraar-netwerk factor 1.</li>"
                        "<li><strong>Niveau II: oppervlaktelak.</strong> Het paneel wordt "
                        "geschuurd en opnieuw gespoten, zonder plamuur. Factor 0,7.</li>"
                        "<li><strong>Niveau III: hersteld met plamuur op hoogstens de helft</strong> "
                        "van het paneel. Factor 1,2.</li>"
                        "<li><strong>Niveau IV: hersteld met plamuur op meer dan de helft</strong> "
                        "van het paneel. Factor 1,5.</li>"
                        "<li><strong>Inspuiten:</strong> een onbeschadigd paneel naast een gespoten "
                        "paneel krijgt de kleur over een deel van het vlak, zodat de overgang niet "
                        "te zien is. Bij metallic en parelmoer is dat meestal nodig, omdat de kleur "
                        "van een nieuw gespoten paneel nooit precies gelijk is aan die van de auto. "
                        "Factor 0,5.</li></ul>"
                        "<p>De factoren verschillen per opdrachtgever: lees ze altijd uit het tarief "
                        "dat voor de schade geldt.</p>",
                    ),
                    html(
                        "<h2>Basistijd, laksoort en lakmateriaal</h2>"
                        "<ul><li><strong>Basistijd lakwerk</strong>: afplakken, kleur mengen, de "
                        "spuitcabine en het spuitpistool reinigen. Die tijd reken je één keer per "
                        "calculatie, hoeveel panelen er ook gespoten worden. In verzekeraar-netwerk "
                        "is dat 1,2 uur; bij 10 AE per uur dus 12 AE.</li>"
                        "<li><strong>Laksoort</strong>: op alle lakeenheden samen, de basistijd "
                        "inbegrepen, komt een factor voor de laksoort. Een drielaagse parelmoerlak "
                        "(grondkleur, parelmoerlaag, blanke lak) kost meer spuittijd: factor 1,15. "
                        "Voor metallic is de factor in dit tarief 1,00: geen toeslag op de arbeid.</li>"
                        "<li><strong>Lakmateriaal</strong> reken je per spuituur: € 34,60 per uur "
                        "voor een uni kleur, voor metallic maal 1,12 en voor parelmoer maal "
                        "1,30.</li></ul>",
                    ),
                    example(
                        "Rekenvoorbeeld: Kia Niro, parelmoer, zijkant links",
                        NIRO_PAINT,
                        "<p>De lakoefening op de Kia Niro uit de casus 'zijaanrijding op de "
                        "B-stijl', met het tarief verzekeraar-netwerk. Beide portieren links en de "
                        "dorpel worden vervangen door nieuwe delen: niveau I, met 21, 19 en 11 AE "
                        "basis uit de catalogus. Het voorscherm (14 AE) en het achterscherm (19 AE) "
                        "worden ingespoten. De portieren raken elkaar bij de B-stijl; in de oefening "
                        "gaat voor die gezamenlijke rand 2 AE af van het achterportier, dat daardoor "
                        "op 17 AE komt.</p>",
                        "<p>Per paneel: 21 + 17 + 11 AE op niveau I, plus 7 en 9,5 AE inspuiten "
                        "(de helft van 14 en 19). Samen 65,5 AE. De basistijd komt er één keer bij: "
                        "12 AE, samen 77,5 AE. Maal 1,15 voor parelmoer geeft 89,125 AE, bij 10 AE "
                        "per uur 8,9125 spuituur. Arbeid spuitwerk: 8,9125 × € 72,50 = € 646,16. "
                        "Lakmateriaal: 8,9125 × € 34,60 × 1,30 = € 400,88.</p>",
                    ),
                    attention(
                        "Overlap: het programma of de afspraak beslist",
                        "<p>Worden twee aangrenzende panelen allebei gespoten, dan wordt hun "
                        "gezamenlijke rand maar één keer afgeplakt en voorbereid. Hoeveel tijd "
                        "daarvoor afgaat, bepaalt het calculatieprogramma of de afspraak met de "
                        "betalende partij; er is geen vaste regel in het vak die een bedrag noemt. "
                        "De 2 AE in de oefening is een oefenwaarde, geen norm.</p>",
                    ),
                    p(
                        "Een gebruikt onderdeel wordt soms al in de kleur van de auto geleverd, "
                        "van een auto met dezelfde kleurcode. Past de kleur op het oog, dan spuit "
                        "je dat deel niet opnieuw: er staat geen volledig spuitwerk voor in de "
                        "calculatie. Alleen waar het grenst aan een paneel dat wel gespoten wordt, "
                        "spuit je in, zodat de overgang onzichtbaar is. Een paneel dat alleen naast "
                        "het gebruikte deel ligt, hoeft niet te worden ingespoten.",
                    ),
                    check(
                        "Een calculatie heeft drie gespoten panelen. Hoe vaak reken je de basistijd "
                        "lakwerk?",
                        [
                            "Eén keer per gespoten paneel, dus drie keer.",
                            "Eén keer voor de hele calculatie.",
                            "Alleen bij een nieuw onderdeel (niveau I).",
                        ],
                        2,
                        "<p>De basistijd (afplakken, kleur mengen, reinigen) geldt één keer per "
                        "calculatie met spuitwerk, hoeveel panelen er ook zijn.</p>",
                    ),
                    check(
                        "Het achterportier wordt vervangen door een gebruikt portier dat al in de "
                        "kleur van de auto is gespoten. Wat calculeer je voor het spuitwerk?",
                        [
                            "Het portier op niveau I, want het is een vervangen onderdeel.",
                            "Nooit iets: het portier is al in kleur.",
                            "Geen volledig spuitwerk; alleen inspuiten waar het grenst aan een "
                            "paneel dat wel gespoten wordt.",
                        ],
                        3,
                        "<p>Een gebruikt deel in kleur spuit je niet opnieuw. Wordt het paneel "
                        "ernaast gespoten, dan spuit je in naar het gebruikte deel toe, zodat de "
                        "kleur onzichtbaar aansluit.</p>",
                    ),
                ],
            },
            {
                "slug": "herstellen-of-vervangen",
                "title": "Herstellen of vervangen: wat de fabrikant toestaat",
                "summary": (
                    "Herstellen is vaak goedkoper, maar niet altijd toegestaan. Hoe je met "
                    "voertuigspecifieke informatie, ultrahogesterktestaal en verbindingstechnieken "
                    "de goede keuze maakt."
                ),
                "minutes": 30,
                "work_processes": ["1.2"],
                "knowledge_items": ["K03", "K04", "K05", "K12"],
                "competence_areas": [ANALYSEREN, ORGANISEREN],
                "trade_offs": ["repareren-of-vervangen"],
                "case_briefs": ["golf-voorschade-lage-snelheid", "clio-portier-particulier"],
                "body": [
                    p(
                        "Repareren of vervangen is een van de kenmerkende afwegingen van de "
                        "schademanager. Voor de klant en de verzekeraar telt vaak de prijs, maar de "
                        "eerste vraag is altijd: wat staat de fabrikant toe? De voertuigspecifieke "
                        "informatie (reparatiehandboek, positiebladen, reparatierichtlijnen) bepaalt "
                        "welke delen hersteld mogen worden en hoe.",
                    ),
                    html(
                        "<h2>Materialen en wat ze toestaan</h2>"
                        "<ul><li><strong>Zacht staal en hogesterktestaal</strong> in buitenpanelen "
                        "(portieren, schermen, motorkap) kun je meestal uitdeuken en plamuren.</li>"
                        "<li><strong>Ultrahogesterktestaal</strong> (UHSS, boriumstaal, "
                        "warmvervormd staal) in B-stijlen, dorpels en dakstijlen mag je niet richten of "
                        "verwarmen: de sterkte gaat dan verloren. De fabrikant schrijft vervangen voor, "
                        "soms alleen op vaste deelnaden.</li>"
                        "<li><strong>Aluminium</strong> vraagt eigen gereedschap en een gescheiden "
                        "werkplek; herstel is beperkt toegestaan.</li>"
                        "<li><strong>Kunststoffen en composieten</strong> (bumpers, soms schermen en "
                        "achterkleppen) kunnen worden gelast of gelijmd, maar niet waar sensoren achter "
                        "zitten als de fabrikant dat verbiedt.</li></ul>"
                        "<h2>Verbindingstechnieken</h2>"
                        "<p>De fabrikant schrijft ook voor hoe een nieuw deel wordt verbonden: "
                        "weerstandspuntlassen, MIG-solderen, klinken, lijmen of een combinatie "
                        "(hybride verbinding). Dat bepaalt de tijd in de calculatie en het gereedschap "
                        "in de werkplaats.</p>",
                    ),
                    attention(
                        "Herstel verboden? Dan vervangen",
                        "<p>Als de reparatie-informatie herstel van een deel verbiedt, staat dat deel "
                        "als vervangen in de calculatie, ook als de klant of de opdrachtgever liever "
                        "herstel ziet. Een herstelregel voor zo'n deel laat de rekenkern als "
                        "waarschuwing zien. Leg de bron (het positieblad of de richtlijn) vast in het "
                        "dossier.</p>",
                    ),
                    p(
                        "Waar herstel wel mag, weeg je af: hoeveel uur uitdeuken en plamuren tegenover "
                        "de prijs van een nieuw deel plus montage en spuitwerk. Een lichte deuk in een "
                        "portier herstel je; een motorkap met een scherpe vouw in de voorrand is "
                        "vaak goedkoper en beter te vervangen. Denk ook aan de reparatieduur: een deel "
                        "dat drie dagen levertijd heeft, kan een herstel toch aantrekkelijk maken.",
                    ),
                    check(
                        "De B-stijl van een moderne auto heeft een deuk van 2 cm. De reparatie-"
                        "informatie noemt het deel 'warmvervormd staal'. Wat calculeer je?",
                        [
                            "Uitdeuken en plamuren, want de deuk is klein.",
                            "Richten op de richtbank met warmte.",
                            "Vervangen volgens de voorgeschreven deelnaad en verbindingsmethode.",
                        ],
                        3,
                        "<p>Warmvervormd (ultrahogesterkte)staal mag niet worden gericht of verwarmd. "
                        "De fabrikant schrijft vervangen voor; de sterkte van de kooi is anders niet "
                        "gegarandeerd.</p>",
                    ),
                ],
            },
            {
                "slug": "adas-kalibreren",
                "title": "ADAS kalibreren na ruit- of bumperwerk",
                "summary": (
                    "Camera's en radars moeten na vervangen of demonteren opnieuw worden "
                    "gekalibreerd. Hoe je dat herkent, calculeert en vastlegt."
                ),
                "minutes": 25,
                "work_processes": ["1.2", "1.3"],
                "knowledge_items": ["K06", "K07", "K12", "K13", "K14"],
                "competence_areas": [ANALYSEREN, ORGANISEREN],
                "trade_offs": ["balans-calculeren"],
                "case_briefs": ["golf-voorschade-lage-snelheid", "model3-achterschade-ev"],
                "body": [
                    p(
                        "Geavanceerde rijhulpsystemen (ADAS) zoals adaptieve cruise control, "
                        "noodremassistent en rijstrookassistent gebruiken camera's, radars en sensoren "
                        "in de voorruit, de bumpers, de grille en de spiegels. Ze moeten precies goed "
                        "staan: een camera die een halve graad scheef kijkt, kijkt op 100 meter al "
                        "ongeveer 0,87 meter naast het punt waar hij hoort te kijken "
                        "(tan 0,5° × 100 m ≈ 0,87 m): genoeg om een voorligger of de belijning "
                        "verkeerd in te schatten.",
                        "Daarom schrijft de fabrikant na bepaalde werkzaamheden een kalibratie voor. "
                        "Typische aanleidingen zijn het vervangen van de voorruit met een camerahouder, "
                        "het vervangen of demonteren van een bumper met radar, werk aan de grille of het "
                        "embleem met een radar erachter, en uitlijnen of werk aan de wielophanging. "
                        "Ultrasone parkeersensoren zijn geen kalibratie van een rijhulpsysteem: na "
                        "bumperwerk zet je ze over en test je ze; inleren met de tester doe je waar de "
                        "fabrikant dat voorschrijft.",
                    ),
                    html(
                        "<h2>Statisch en dynamisch</h2>"
                        "<p>Een statische kalibratie gebeurt in de werkplaats met een kalibratiebord "
                        "of -frame op voorgeschreven afstand, op een vlakke vloer. Een dynamische "
                        "kalibratie gebeurt tijdens een proefrit onder voorgeschreven omstandigheden. "
                        "Sommige systemen vragen beide. Vaak moet de auto eerst worden uitgelijnd: de "
                        "camera kalibreert op de rijrichting, dus een goed uitlijnrapport hoort bij het "
                        "dossier.</p>"
                        "<h2>In de calculatie</h2>"
                        "<ul><li>Zoek per vervangen of gedemonteerd deel op welke sensoren erin of "
                        "erachter zitten.</li><li>Zet elke voorgeschreven kalibratie als eigen regel in "
                        "de calculatie, met de tijd van de fabrikant of de prijs van het bedrijf dat het "
                        "uitvoert (werk derden, met de sensor die de specialist kalibreert).</li><li>Neem "
                        "het diagnose- en kalibratierapport op in het schadedossier.</li></ul>",
                    ),
                    example(
                        "Rekenvoorbeeld: voorruit met camera vervangen",
                        GOLF_WINDSCREEN,
                        "<p>De voorruit van een Golf 8 draagt de frontcamera. Na het vervangen van de "
                        "ruit is een statische kalibratie van de camera voorgeschreven.</p>",
                        "<p>De kalibratie staat als eigen regel in de calculatie; de rekenkern geeft "
                        "daarom geen waarschuwing.</p>",
                    ),
                    example(
                        "Rekenvoorbeeld: een vergeten kalibratie",
                        GOLF_WITHOUT_TEACH_IN,
                        "<p>Bij deze voorschade wordt de voorbumper met frontradar en parkeersensoren "
                        "vervangen. De frontradar wordt gekalibreerd, maar kijk naar de signalen van de "
                        "rekenkern.</p>",
                        "<p>Volkswagen schrijft voor deze Golf na het vervangen van de bumper ook het "
                        "inleren van de parkeersensoren met de tester voor; die regel ontbreekt. Zonder die regel betaalt niemand het werk en "
                        "levert de werkplaats mogelijk een auto af met sensoren die niet goed werken.</p>",
                    ),
                    check(
                        "Na het vervangen van een voorruit met camerahouder zegt de klant dat er "
                        "geen storingslampje brandt. Is kalibreren dan nodig?",
                        [
                            "Nee, zonder storingsmelding werkt de camera goed.",
                            "Ja, als de fabrikant het voorschrijft; een ontbrekende melding zegt niets "
                            "over de uitlijning van de camera.",
                            "Alleen als de klant erom vraagt.",
                        ],
                        2,
                        "<p>Een camera die een paar tiende graad verkeerd staat, geeft geen storing maar "
                        "ziet de weg verkeerd. De voertuigspecifieke informatie beslist.</p>",
                    ),
                ],
            },
            {
                "slug": "nieuwe-gebruikte-of-imitatiedelen",
                "title": "Nieuwe, gebruikte of imitatiedelen",
                "summary": (
                    "Origineel, demontage of imitatie: wanneer mag het, wat kost het en hoe leg je het "
                    "de klant uit?"
                ),
                "minutes": 20,
                "work_processes": ["1.2"],
                "knowledge_items": ["K01", "K02", "K10", "K18"],
                "competence_areas": [INTERACTEREN, ANALYSEREN],
                "trade_offs": ["nieuwe-of-gebruikte-delen", "prijs-kwaliteit"],
                "case_briefs": ["clio-portier-particulier"],
                "body": [
                    p(
                        "Voor bijna elk deel heb je een keuze: een nieuw origineel deel van de "
                        "fabrikant (OEM), een gebruikt deel uit een demontagebedrijf, of een nieuw "
                        "imitatiedeel (aftermarket) van een andere fabrikant. De keuze beïnvloedt de "
                        "prijs, de levertijd, de pasvorm en soms de veiligheid en de garantie.",
                    ),
                    html(
                        "<h2>Wanneer kies je wat?</h2>"
                        "<ul><li><strong>Origineel</strong>: bij auto's onder fabrieksgarantie, bij "
                        "merkerkend herstel, en bij delen waar pasvorm of veiligheid kritisch is "
                        "(constructiedelen, sensorhouders, koplampen met ADAS-functies).</li>"
                        "<li><strong>Gebruikt</strong>: bij oudere auto's, voor delen als spiegelkappen, "
                        "portieren en achterlichten in goede staat. Past bij circulair schadeherstel; "
                        "veel verzekeraars stimuleren het. Nooit voor airbags, gordels of "
                        "remonderdelen.</li>"
                        "<li><strong>Imitatie</strong>: goedkoper, maar controleer pasvorm en "
                        "certificering; niet elke opdrachtgever accepteert het.</li></ul>"
                        "<p>In de calculatie krijgt een origineel deel de korting van de opdrachtgever op "
                        "de lijstprijs per onderdelengroep; een gebruikt of imitatiedeel heeft meestal "
                        "al een nettoprijs.</p>",
                    ),
                    example(
                        "Rekenvoorbeeld: gebruikte spiegelkap bij een particulier",
                        CLIO,
                        "<p>De klant betaalt zelf. Een gebruikte originele spiegelkap zonder schade "
                        "kost € 45,00 netto; een nieuwe kost € 78,40 (lijstprijs, zonder korting bij "
                        "de eigen tarieven). Beide zijn ongelakt zwart, dus er komt geen spuitwerk "
                        "bij.</p>",
                        "<p>Voor deze klant, die zelf betaalt en de auto wil verkopen, is gebruikt de "
                        "betere prijs/kwaliteit. Kiest ze toch nieuw, dan is dat ook goed: het is haar "
                        "keuze, en je zet die op de offerte.</p>",
                    ),
                    tip(
                        "Uitleggen aan de klant",
                        "<p>Vertel wat de klant krijgt: 'een onbeschadigde originele spiegelkap uit een "
                        "andere Clio, net als de uwe ongelakt zwart, en ruim € 30 goedkoper dan nieuw.' "
                        "Leg de keuze vast in het dossier en zet het gebruikte onderdeel op de "
                        "factuur.</p>",
                    ),
                    check(
                        "Welk deel vervang je nooit door een gebruikt exemplaar?",
                        ["Een achterlicht", "Een airbagmodule", "Een spiegelkap"],
                        2,
                        "<p>Airbags, gordels en gordelspanners zijn veiligheidsdelen waarvan je de "
                        "historie niet kent; die worden altijd nieuw geplaatst.</p>",
                    ),
                ],
            },
            {
                "slug": "economisch-total-loss-beoordelen",
                "title": "Economisch total loss beoordelen",
                "summary": (
                    "Waarde voor schade min restwaarde tegenover de herstelkosten, inclusief of "
                    "exclusief btw, en de afschrijvingstabel van de nieuwwaarderegeling."
                ),
                "minutes": 35,
                "work_processes": ["1.2"],
                "knowledge_items": ["K02", "K11", "K18"],
                "competence_areas": [ANALYSEREN, INTERACTEREN],
                "trade_offs": ["economisch-total-loss", "expert-raadplegen"],
                "case_briefs": ["polo-total-loss", "model3-achterschade-ev"],
                "body": [
                    p(
                        "Een voertuig is <strong>economisch total loss</strong> als de herstelkosten "
                        "hoger zijn dan de waarde voor schade min de restwaarde: de eigenaar is dan "
                        "beter af met de uitkering en de verkoop van het wrak. De regel die "
                        "verzekeraars en experts hanteren:",
                    ),
                    html(
                        "<p><strong>herstelkosten &gt; waarde voor schade − restwaarde</strong> → "
                        "economisch total loss.</p>"
                        "<ul><li>De <strong>waarde voor schade</strong> (dagwaarde) is wat de auto "
                        "direct voor de schade waard was.</li>"
                        "<li>De <strong>restwaarde</strong> is het hoogste bod op het wrak, meestal via "
                        "de expert opgevraagd bij opkopers.</li>"
                        "<li>De <strong>herstelkosten</strong> zijn het totaal van de calculatie.</li></ul>"
                        "<p>Een <strong>technisch total loss</strong> is iets anders: de auto kan niet "
                        "meer veilig worden hersteld, wat het ook kost.</p>",
                    ),
                    example(
                        "Rekenvoorbeeld: Polo, particuliere eigenaar",
                        POLO,
                        "<p>Waarde voor schade € 4.650, restwaarde € 950. De grens is dus "
                        "€ 3.700.</p>",
                        "<p>De herstelkosten inclusief btw liggen ruim boven de grens: herstellen kost "
                        "meer dan de uitkering plus de opbrengst van het wrak. De auto is economisch total loss. Bespreek "
                        "dit met de expert voordat je de klant iets toezegt.</p>",
                    ),
                    html(
                        "<h2>Met of zonder btw? Altijd op één basis</h2>"
                        "<p>Het herstelbedrijf factureert altijd inclusief 21 % btw. Een particulier "
                        "betaalt die btw en kan hem niet terugvragen: je vergelijkt de herstelkosten "
                        "<strong>inclusief</strong> btw met de waarde voor schade min de restwaarde, "
                        "ook inclusief btw.</p>"
                        "<p>Een ondernemer die de btw verrekent, betaalt de factuur inclusief btw en "
                        "vraagt de btw terug; de verzekeraar vergoedt hem dan exclusief btw. Vergelijk "
                        "voor hem <strong>beide kanten exclusief btw</strong>: de herstelkosten excl. "
                        "btw tegenover de waarde voor schade en de restwaarde zonder de btw erin. Voor "
                        "een gewone (btw-)auto geeft dat dezelfde uitkomst als de vergelijking "
                        "inclusief btw; alleen de bedragen zijn lager.</p>"
                        "<p>Anders is het bij een <strong>marge-auto</strong> (gekocht onder de "
                        "margeregeling): in de waarde en de restwaarde zit geen btw die de eigenaar kan "
                        "terugvragen. Dan staan de herstelkosten excl. btw tegenover de waarden zoals ze "
                        "zijn, en is herstel sneller economisch verantwoord. Vraag dus altijd of de "
                        "eigenaar de btw verrekent en of de auto een marge-auto is, en leg het vast in "
                        "het dossier.</p>",
                    ),
                    example(
                        "Rekenvoorbeeld: dezelfde schade, waarde voor schade € 5.400 (particulier)",
                        POLO_5400,
                        "<p>Stel dat deze Polo € 5.400 waard was. De grens wordt € 5.400 − € 950 = "
                        "€ 4.450.</p>",
                        "<p>Inclusief btw liggen de herstelkosten boven die grens: voor een "
                        "particulier is de auto nog steeds total loss.</p>",
                    ),
                    example(
                        "Rekenvoorbeeld: dezelfde Polo, eigenaar verrekent de btw",
                        POLO_BUSINESS,
                        "<p>Dezelfde auto en dezelfde waarden, maar nu van een ondernemer die de btw "
                        "verrekent. De rekenkern haalt de btw uit de waarde voor schade en de "
                        "restwaarde en vergelijkt die met de herstelkosten exclusief btw.</p>",
                        "<p>Ook exclusief btw liggen de herstelkosten boven de grens: dezelfde "
                        "uitkomst als voor de particulier, want aan beide kanten is dezelfde 21 % "
                        "weggelaten.</p>",
                    ),
                    example(
                        "Rekenvoorbeeld: een marge-auto van € 6.000",
                        POLO_MARGIN_CAR,
                        "<p>Stel dat de ondernemer de Polo onder de margeregeling heeft gekocht en dat "
                        "hij € 6.000 waard was. In die waarde zit geen btw om terug te vragen: de grens "
                        "is € 6.000 − € 950 = € 5.050.</p>",
                        "<p>De herstelkosten exclusief btw blijven onder die grens: voor deze eigenaar "
                        "is herstel economisch verantwoord. Een particulier met dezelfde auto van "
                        "€ 6.000 betaalt de btw wel en zit met de herstelkosten inclusief btw boven de "
                        "grens.</p>",
                    ),
                    html(
                        "<h2>Nieuwwaarderegeling en afschrijvingstabel</h2>"
                        "<p>Bij jonge auto's keert de verzekeraar vaak uit volgens een "
                        "nieuwwaarderegeling: in de eerste periode (bijvoorbeeld het eerste jaar) de "
                        "volle nieuwwaarde, daarna een percentage dat per maand afloopt volgens de "
                        "afschrijvingstabel in de polis. Voorbeeld: maanden 1–12 geen afschrijving, "
                        "maanden 13–36 1 % per maand, maanden 37–60 1,5 % per maand. Een auto van 40 "
                        "maanden is dan 24 % + 6 % = 30 % afgeschreven; bij een nieuwwaarde van "
                        "€ 30.000 is de waarde voor schade € 21.000.</p>",
                    ),
                    check(
                        "Waarde voor schade € 8.000, restwaarde € 2.500, herstelkosten € 5.200 excl. "
                        "btw (€ 6.292 incl. btw). De eigenaar is een particulier. Is de auto "
                        "economisch total loss?",
                        [
                            "Nee, want € 5.200 is minder dan € 5.500.",
                            "Ja, want € 6.292 is meer dan € 5.500.",
                            "Nee, want € 6.292 is minder dan € 8.000.",
                        ],
                        2,
                        "<p>Voor een particulier tellen de kosten inclusief btw: € 6.292 is meer dan "
                        "€ 8.000 − € 2.500 = € 5.500. Verrekent de eigenaar de btw (en is het geen "
                        "marge-auto), dan vergelijk je beide kanten exclusief btw: € 5.200 tegenover "
                        "€ 5.500 / 1,21 = € 4.545,45. Ook dan is de auto total loss.</p>",
                    ),
                ],
            },
            {
                "slug": "wel-of-geen-expert",
                "title": "Wel of geen expert raadplegen?",
                "summary": (
                    "Wanneer je een expertise aanvraagt, wat de expert doet en hoe je samen tot een "
                    "akkoord komt."
                ),
                "minutes": 20,
                "work_processes": ["1.2", "1.3"],
                "knowledge_items": ["K01", "K11", "K19"],
                "competence_areas": [ONDERSTEUNEN, INTERACTEREN],
                "trade_offs": ["expert-raadplegen"],
                "case_briefs": ["polo-total-loss"],
                "body": [
                    p(
                        "Een schade-expert beoordeelt namens de verzekeraar (of een andere partij) de "
                        "schade, de toedracht en de kosten. Niet elke schade krijgt een expert: voor "
                        "veel eenvoudige schades stuurt het schadeherstelbedrijf de calculatie en "
                        "foto's digitaal in en keurt de verzekeraar die zelf of steekproefsgewijs goed.",
                        "Het profiel noemt het een kenmerkende afweging: wel of geen expert "
                        "raadplegen? Te vaak kost tijd en geld; te weinig leidt tot afgekeurde "
                        "calculaties, discussies achteraf en onterechte toezeggingen aan de klant.",
                    ),
                    html(
                        "<h2>Aanleidingen om een expert in te schakelen</h2>"
                        "<ul><li>De herstelkosten komen boven het grensbedrag in de afspraken met de "
                        "opdrachtgever.</li><li>Total loss ligt in de buurt: de expert stelt de "
                        "waarde voor schade en de restwaarde vast.</li><li>Er is twijfel over de "
                        "toedracht, de aansprakelijkheid of oude schade.</li><li>Na demontage blijkt de "
                        "schade veel groter (verborgen schade).</li><li>De klant en de betalende partij "
                        "zijn het oneens over de manier van herstellen.</li><li>Er is zware "
                        "constructieve schade: de verzekeraar meldt de auto dan, via zijn expert, bij "
                        "de RDW (WOK-status, 'wachten op keuring'). Dat doet het herstelbedrijf niet; "
                        "jij signaleert de schade, legt het vast en zorgt na het herstel voor het "
                        "herstel- en meetrapport en de afspraak voor de keuring bij de RDW.</li></ul>",
                    ),
                    p(
                        "Bereid het bezoek of de digitale expertise goed voor: een volledige "
                        "calculatie, duidelijke foto's, de bron van de reparatiemethode en de "
                        "meetgegevens. Een expert die alles in één keer ziet, geeft sneller akkoord.",
                    ),
                    check(
                        "Bij de demontage van een bumper blijkt de slotplaat gescheurd en de "
                        "radiateur lek. De calculatie stijgt flink, tot boven het grensbedrag van de "
                        "verzekeraar. Wat doe je?",
                        [
                            "Doorwerken en de extra kosten achteraf melden.",
                            "De verborgen schade vastleggen, de calculatie aanvullen en een expert of "
                            "opnieuw goedkeuring aanvragen voordat het werk verder gaat.",
                            "De klant vragen het verschil zelf te betalen.",
                        ],
                        2,
                        "<p>Extra schade leg je vast met foto's en neem je op in de calculatie. Boven "
                        "het grensbedrag vraag je eerst akkoord of een expertise.</p>",
                    ),
                ],
            },
            {
                "slug": "prijs-kwaliteit-en-balans",
                "title": "Prijs en kwaliteit in balans",
                "summary": (
                    "Calculeren tussen de voertuigspecifieke informatie, de wensen van de klant en het "
                    "bedrijfseconomisch resultaat."
                ),
                "minutes": 20,
                "work_processes": ["1.2"],
                "knowledge_items": ["K01", "K10", "K11", "K12", "K18"],
                "competence_areas": [ANALYSEREN, INTERACTEREN],
                "trade_offs": ["prijs-kwaliteit", "balans-calculeren"],
                "case_briefs": ["clio-portier-particulier", "golf-voorschade-lage-snelheid"],
                "body": [
                    p(
                        "Elke calculatie is een afweging tussen drie belangen die het "
                        "beroepscompetentieprofiel samen noemt: de voertuigspecifieke informatie (wat "
                        "technisch moet), de wensen van de klant of opdrachtgever (wat hij wil betalen "
                        "en verwachten mag) en het bedrijfseconomisch resultaat (wat het bedrijf eraan "
                        "overhoudt).",
                        "De voertuigspecifieke informatie is de ondergrens: wat de fabrikant "
                        "voorschrijft voor veiligheid, zoals kalibraties, het vervangen van delen die "
                        "niet mogen worden hersteld en de juiste verbindingstechniek, laat je niet weg "
                        "om een prijs te halen. Daarboven is er ruimte: herstellen in plaats van "
                        "vervangen, inspuiten of niet, gebruikte delen, de planning.",
                    ),
                    tip(
                        "Vragen die helpen",
                        "<ul><li>Wat is technisch voorgeschreven, en wat is een keuze?</li>"
                        "<li>Welke keuze geeft deze klant de beste verhouding tussen prijs en "
                        "kwaliteit?</li><li>Is elke handeling die we doen ook gecalculeerd (niets "
                        "vergeten, niets dubbel)?</li><li>Kan ik de calculatie regel voor regel "
                        "uitleggen aan de klant én aan de expert?</li></ul>",
                    ),
                    example(
                        "Rekenvoorbeeld: een calculatie die meer kost dan nodig lijkt",
                        GOLF,
                        "<p>Een lage-snelheidsschade aan een Golf 8 kost al snel meer dan de klant "
                        "verwacht: de LED-koplamp en de kalibratie van de radar zijn duur.</p>",
                        "<p>Die posten zijn voorgeschreven en horen erin, net als het inleren van de "
                        "parkeersensoren dat Volkswagen voor deze Golf voorschrijft. De ruimte zit in "
                        "de motorkap (herstellen in plaats van vervangen) en het inspuiten van het "
                        "scherm in plaats van volledig spuiten.</p>",
                    ),
                    check(
                        "Een klant vraagt de kalibratie van de frontcamera weg te laten omdat 'het "
                        "systeem het toch doet'. Wat antwoord je?",
                        [
                            "Goed, dat scheelt de klant geld.",
                            "De kalibratie is voorgeschreven voor de veiligheid en blijft in de "
                            "calculatie; ik leg uit waarom en zoek besparing elders.",
                            "De kalibratie weglaten uit de calculatie maar wel uitvoeren.",
                        ],
                        2,
                        "<p>Voorgeschreven veiligheidshandelingen zijn geen onderhandelingsruimte. Eerlijk "
                        "uitleggen hoort bij adviseren.</p>",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "schadedossier",
        "title": "Module 3 – Het schadedossier bewaken (werkproces 1.3)",
        "intro": (
            "<p>Tijdens de reparatie houd je het dossier bij: verborgen schade, extra foto's, "
            "extra onderdelen, nieuwe goedkeuring, contact met de klant, en tot slot de "
            "eindcalculatie en zo nodig een suppletie.</p>"
        ),
        "lessons": [
            {
                "slug": "verborgen-schade-en-suppletie",
                "title": "Verborgen schade, nieuwe goedkeuring en de suppletie",
                "summary": (
                    "Wat je doet als na demontage meer schade blijkt, hoe je de klant op de hoogte "
                    "houdt en wanneer een suppletie nodig is."
                ),
                "minutes": 25,
                "work_processes": ["1.3"],
                "knowledge_items": ["K01", "K11", "K15", "K19", "K20"],
                "competence_areas": [ORGANISEREN, INTERACTEREN],
                "trade_offs": ["expert-raadplegen", "balans-calculeren"],
                "case_briefs": ["polo-total-loss", "golf-voorschade-lage-snelheid"],
                "body": [
                    p(
                        "De eerste calculatie is gebaseerd op wat je ziet. Na demontage blijkt vaak "
                        "meer: een gebroken bumperbalk, een verbogen steun, een lekke condensor. Het "
                        "beroepscompetentieprofiel vraagt dat je die niet-zichtbare schade opneemt in de "
                        "calculatie, extra foto's maakt, zo nodig extra onderdelen bestelt en opnieuw "
                        "goedkeuring vraagt aan de betalende partij.",
                    ),
                    html(
                        "<h2>Zo houd je het dossier up-to-date</h2>"
                        "<ol><li>Laat de werkplaats verborgen schade direct melden, vóór verder "
                        "gewerkt wordt.</li><li>Fotografeer de schade in de gedemonteerde situatie, met "
                        "een overzichtsfoto zodat duidelijk is waar het zit.</li><li>Voeg de regels toe "
                        "aan de calculatie en vraag goedkeuring; noteer wie wanneer akkoord gaf.</li>"
                        "<li>Bestel de extra onderdelen en pas de planning aan.</li><li>Bel of mail de "
                        "klant over de nieuwe opleverdatum en eventuele kosten die hij zelf draagt.</li>"
                        "</ol>",
                    ),
                    attention(
                        "De suppletie",
                        "<p>Is de eindcalculatie al aangeboden en moeten er toch nog onderdelen of "
                        "uren bij, dan voeg je een suppletie toe: een aanvulling op de calculatie die "
                        "per regel laat zien wat erbij komt en wat het verschil in de totalen is. "
                        "Wijzig nooit stilzwijgend een calculatie die al is goedgekeurd.</p>",
                    ),
                    check(
                        "Welke stap hoort níet bij het verwerken van verborgen schade?",
                        [
                            "Extra foto's maken in de gedemonteerde situatie.",
                            "Opnieuw goedkeuring vragen aan de betalende partij.",
                            "De goedgekeurde calculatie aanpassen zonder de opdrachtgever te "
                            "informeren.",
                        ],
                        3,
                        "<p>Een goedgekeurde calculatie wijzig je niet stilzwijgend: je vraagt opnieuw "
                        "goedkeuring, of voegt na de eindcalculatie een suppletie toe.</p>",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "afleveren",
        "title": "Module 4 – Het voertuig afleveren (werkproces 1.4)",
        "intro": (
            "<p>De reparatie is klaar. Na een eindcontrole lever je de auto af, licht je toe wat "
            "er is gedaan en beantwoord je de vragen van de klant.</p>"
        ),
        "lessons": [
            {
                "slug": "afleveren-en-toelichten",
                "title": "Eindcontrole, aflevering en toelichting aan de klant",
                "summary": (
                    "Een goede aflevering maakt de klant tevreden en voorkomt klachten: controleer, "
                    "leg uit en sluit het dossier af."
                ),
                "minutes": 20,
                "work_processes": ["1.4"],
                "knowledge_items": ["K15", "K17", "K18", "K19"],
                "competence_areas": [INTERACTEREN, ONDERSTEUNEN],
                "trade_offs": ["prijs-kwaliteit"],
                "case_briefs": ["clio-portier-particulier"],
                "body": [
                    p(
                        "Afhankelijk van de organisatie voer je de optische eindcontrole zelf uit of "
                        "laat je die doen. Kijk bij daglicht of onder goede verlichting naar kleur en "
                        "glans, naden en spleetmaten, en of alle onderdelen weer goed vastzitten. "
                        "Controleer dat de auto schoon is, dat er geen waarschuwingslampjes branden en "
                        "dat de kalibratierapporten en de proefrit zijn vastgelegd.",
                    ),
                    html(
                        "<h2>De toelichting</h2>"
                        "<ul><li>Vertel wat er is gedaan, in gewone woorden: 'het portier is "
                        "uitgedeukt en gespoten, het achterportier is ingespoten zodat de kleur "
                        "aansluit'.</li><li>Wijs op wat de klant zelf moet weten: bijvoorbeeld dat de "
                        "nieuwe lak de eerste weken niet in de wasstraat mag, of dat de "
                        "parkeersensoren zijn getest.</li><li>Loop de factuur of het eigen risico door "
                        "en beantwoord vragen. De factuur is altijd inclusief 21 % btw; een zakelijke "
                        "klant die de btw verrekent, betaalt die btw en vraagt hem terug, en de "
                        "verzekeraar vergoedt hem dan het bedrag exclusief btw.</li><li>Geef het vervangend vervoer retour "
                        "en sluit het dossier af.</li></ul>",
                    ),
                    tip(
                        "Klachten voorkomen",
                        "<p>Laat de klant zelf kijken waar de schade zat, bij goed licht. Een klacht "
                        "die je bij de aflevering hoort, is makkelijker op te lossen dan een die een "
                        "week later per mail komt.</p>",
                    ),
                    check(
                        "Wat hoort bij de aflevering aan de klant?",
                        [
                            "Alleen de sleutels en de factuur overhandigen.",
                            "De uitgevoerde werkzaamheden toelichten, vragen beantwoorden en het "
                            "dossier afsluiten.",
                            "De klant doorverwijzen naar de werkplaats voor vragen.",
                        ],
                        2,
                        "<p>Het profiel noemt het expliciet: je levert af, licht de uitgevoerde "
                        "werkzaamheden toe en beantwoordt de vragen van de klant.</p>",
                    ),
                ],
            },
        ],
    },
]

# Material for assessors only: published, but behind page privacy (group Beoordelaars).
ASSESSOR_MODULE = {
    "slug": "beoordelaarsmateriaal",
    "title": "Beoordelaarsmateriaal",
    "intro": (
        "<p>Alleen zichtbaar voor beoordelaars en redacteuren: achtergrond bij het beoordelen "
        "van calculaties.</p>"
    ),
    "lessons": [
        {
            "slug": "kritieke-fouten-herkennen",
            "title": "Kritieke fouten in een calculatie herkennen",
            "summary": (
                "Welke fouten een calculatie onbruikbaar maken, los van het totaalbedrag, en hoe je "
                "ze in de feedback benoemt."
            ),
            "minutes": 15,
            "work_processes": ["1.2"],
            "knowledge_items": ["K11", "K12"],
            "competence_areas": [ORGANISEREN],
            "trade_offs": ["balans-calculeren"],
            "case_briefs": [],
            "body": [
                p(
                    "Een calculatie kan een totaal hebben dat dicht bij de referentie ligt en toch "
                    "onbruikbaar zijn. Kritieke fouten zijn onder meer: een voorgeschreven kalibratie "
                    "die ontbreekt (of een kalibratie van de verkeerde sensor), herstel van een deel "
                    "waarvan de fabrikant herstel verbiedt, werk in de HV-zone zonder dat het "
                    "HV-systeem is veiliggesteld, de verkeerde tarieven van de opdrachtgever, werk "
                    "aan een onbeschadigd deel en een onderdeelherkomst die de opdrachtgever niet "
                    "toestaat. Geen kritieke fout: een kalibratie die een specialist als werk derden "
                    "uitvoert, of een ontbrekende inleerregel voor ultrasone parkeersensoren waar de "
                    "fabrikant die niet voorschrijft.",
                    "Benoem zo'n fout in de feedback met de bron (de voertuigspecifieke informatie) "
                    "en verwijs naar de les die het onderwerp behandelt.",
                ),
            ],
        }
    ],
}
