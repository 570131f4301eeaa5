"""Lessons for the topics that issue #16 item 7 named as missing: insurance and claims handling,
the expertise rules, brand-certified versus universal repair, reading measuring, alignment and
diagnosis reports, overlap of included work, and 48 V systems.

They are added to the modules of `lessons.py` by the module's slug (`with_topic_lessons`), which
`content.demo` calls when it seeds the demo, so they are published and tagged the same way. Each
lesson ends in a "Bronnen" section naming what its facts were checked against; a figure of the
trade is stated only where a source states it, else the lesson gives the principle. The overlap
lesson's worked examples are the Golf case's reference and the same reference with the bumper's
removal and refitting calculated a second time; every figure its text names is recomputed by
the engine in tests/content/test_lessons_topics.py.
"""

from __future__ import annotations

from typing import Any

from calcengine.catalogue import prefill_line
from calcengine.schema import REMOVE_REFIT_OPERATION
from content.demo_content.lessons import (
    ANALYSEREN,
    INTERACTEREN,
    ONDERSTEUNEN,
    ORGANISEREN,
    attention,
    check,
    example,
    html,
    p,
    safety,
    tip,
)
from content.worked_example import case_calculation, case_calculation_text

SOURCES_HEADING = "<h2>Bronnen</h2>"


def sources(*items: str) -> tuple[str, str]:
    """The lesson's "Bronnen" section: what its facts were checked against."""
    return html(SOURCES_HEADING + "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def _link(url: str, text: str) -> str:
    return f'<a href="{url}">{text}</a>'


# --- worked examples -------------------------------------------------------------------------

GOLF_CASE = "golf-front-low-speed"
# The Golf's front bumper (line 1 of the reference: replaced, 115 AE) and the same bumper's
# remove/refit time from the catalogue: calculated on top of the replacement, it is overlap.
GOLF_BUMPER = ("vw-golf-8", "5H0807221GRU")
OVERLAP_LINE_ID = "10"


def golf_bumper_refit_twice_lines() -> list[dict[str, Any]]:
    """The Golf reference's lines plus the bumper's remove/refit, prefilled from the catalogue:
    work that replacing the bumper already includes."""
    reference = case_calculation(GOLF_CASE)["lines"]
    extra = prefill_line(*GOLF_BUMPER, REMOVE_REFIT_OPERATION, line_id=OVERLAP_LINE_ID)
    return [*reference, extra]


GOLF_REFERENCE = case_calculation_text(GOLF_CASE)
GOLF_BUMPER_TWICE = case_calculation_text(GOLF_CASE, lines=golf_bumper_refit_twice_lines())
NIRO = case_calculation_text("niro-phev-sill-structural")


# --- 1. insurance and claims handling --------------------------------------------------------

INSURANCE = {
    "slug": "verzekeringen-en-schadeafhandeling",
    "title": "Verzekeringen en schadeafhandeling: wie betaalt wat?",
    "summary": (
        "WA, WA-beperkt casco en allrisk, eigen risico en no-claim, vrije keuze van hersteller, "
        "de akte van cessie, gederfd gebruik en waardevermindering: wat je aan de balie moet "
        "weten om de klant goed te adviseren."
    ),
    "minutes": 30,
    "work_processes": ["1.1", "1.2"],
    "knowledge_items": ["K01", "K02", "K15", "K18", "K19"],
    "competence_areas": [INTERACTEREN, ORGANISEREN],
    "trade_offs": ["prijs-kwaliteit"],
    "case_briefs": ["golf-voorschade-lage-snelheid", "clio-portier-particulier"],
    "body": [
        p(
            "Bij de intake stel je vast wie de schade betaalt. Dat bepaalt bijna alles wat daarna "
            "komt: welke tarieven en kortingen gelden, of de klant een eigen risico betaalt, wie "
            "toestemming geeft voor het herstel, of er vervangend vervoer is en of er een expert "
            "komt. Je hoeft geen verzekeringsadviseur te zijn, maar je moet de begrippen kennen en "
            "ze in gewone woorden aan de klant kunnen uitleggen.",
        ),
        html(
            "<h2>WA, WA-beperkt casco en allrisk</h2>"
            "<ul><li><strong>WA (wettelijke aansprakelijkheid)</strong> is verplicht volgens de "
            "Wet aansprakelijkheidsverzekering motorrijtuigen (WAM). De WA-verzekering betaalt de "
            "schade die de bestuurder <em>anderen</em> toebrengt, niet de schade aan de eigen "
            "auto. De benadeelde heeft een eigen recht tegen de WA-verzekeraar van de "
            "veroorzaker: hij kan die verzekeraar rechtstreeks aanspreken.</li>"
            "<li><strong>WA-beperkt casco</strong> (ook WA+ of WA-extra genoemd) dekt daarnaast "
            "een aantal schades aan de eigen auto die van buiten komen, zoals brand, storm en "
            "hagel, diefstal en inbraak, ruitschade en een aanrijding met een dier. Schade die de "
            "bestuurder zelf veroorzaakt, valt er niet onder.</li>"
            "<li><strong>Allrisk</strong> (volledig casco) dekt ook schade aan de eigen auto door "
            "botsen, slippen of omslaan, ook als de bestuurder zelf schuld heeft.</li></ul>"
            "<p>Welke schade precies gedekt is, staat in de polisvoorwaarden. Vraag de klant "
            "daarom naar de verzekeraar en het polisnummer, en laat de dekking bevestigen "
            "voordat je een toezegging doet.</p>",
        ),
        html(
            "<h2>Wie betaalt bij welke schade?</h2>"
            "<ul><li>Een aansprakelijke tegenpartij heeft de schade veroorzaakt: de "
            "WA-verzekeraar van de tegenpartij. Die vergoedt de redelijke herstelkosten, "
            "vastgesteld naar objectieve maatstaven (Hoge Raad, Reaal/Athlon, 2012).</li>"
            "<li>De klant heeft de schade zelf veroorzaakt en is allrisk verzekerd: de eigen "
            "cascoverzekeraar, met het eigen risico van de polis.</li>"
            "<li>Ruitschade, storm of hagel, met een beperkt-cascodekking: de eigen verzekeraar, "
            "volgens de regels van de polis.</li>"
            "<li>De klant heeft de schade zelf veroorzaakt en is alleen WA verzekerd: de klant "
            "betaalt zelf, zoals mevrouw Hendriks in de Clio-casus.</li></ul>",
        ),
        html(
            "<h2>Eigen risico en no-claimkorting</h2>"
            "<p>Het <strong>eigen risico</strong> is het deel van een gedekte schade dat de "
            "verzekerde zelf betaalt. Veel polissen rekenen geen of een lager eigen risico als de "
            "schade wordt hersteld door een bedrijf waarmee de verzekeraar een overeenkomst "
            "heeft. Bij een ander herstelbedrijf geldt vaak een hoger eigen risico: de "
            "Consumentenbond vond dat bij ruim 80 % van de allriskpolissen die hij onderzocht. "
            "Soms is de uitkering dan lager.</p>"
            "<p>De <strong>no-claimkorting</strong> (bonus-malus) is de premiekorting voor "
            "schadevrije jaren. Een schade die de verzekeraar uitkeert, zet de klant op de "
            "bonus-malusladder terug, bij veel verzekeraars vijf treden. Bij veel verzekeraars "
            "kan de klant dat terugdraaien door de uitkering binnen een termijn terug te betalen. "
            "Of dat loont, hangt af van de polis en van het aantal schadevrije jaren: reken het "
            "niet zelf voor de klant uit, maar verwijs hem naar zijn verzekeraar of adviseur.</p>",
        ),
        html(
            "<h2>Vrije keuze van hersteller en het herstelnetwerk</h2>"
            "<p>Bij schade die de klant verhaalt op de WA-verzekeraar van een tegenpartij, kiest "
            "hij zelf het herstelbedrijf. Bij een cascoschade bepaalt de polis wat een keuze buiten "
            "het netwerk kost. Verzekeraars werken met herstelnetwerken, zoals Schadegarant, "
            "waarin verzekeraars samen afspraken maken met schadeherstelbedrijven.</p>"
            "<p>Voor jou als schademanager betekent een netwerkschade: de tarieven, kortingen en "
            "regels van het contract gelden. Daarin staat bijvoorbeeld welke onderdelen je mag "
            "gebruiken (Schadegarant vroeg in 2013 originele onderdelen of onderdelen die "
            "aantoonbaar gelijkwaardig zijn), tot welk bedrag je zelf mag starten en wanneer een expert komt. "
            "Op dit platform zijn dat de regels van het tarief van de opdrachtgever, zoals het "
            "tarief verzekeraar-netwerk in de Golf-casus.</p>",
        ),
        html(
            "<h2>De akte van cessie</h2>"
            "<p>Bij een WA-schade heeft de klant een vordering op de verzekeraar van de "
            "tegenpartij. Met een <strong>akte van cessie</strong> draagt de klant die vordering "
            "over aan het herstelbedrijf, dat dan zelf bij de verzekeraar incasseert; de klant "
            "hoeft de factuur niet voor te schieten. De wet (art. 3:94 lid 1 BW) vraagt daarvoor "
            "een akte én een mededeling aan de schuldenaar, hier de verzekeraar. Stuur de akte "
            "dus altijd mee met de calculatie of de factuur. Wat de verzekeraar niet vergoedt, "
            "blijft voor rekening van de klant: spreek dat vooraf af.</p>",
        ),
        html(
            "<h2>Gederfd gebruik en vervangend vervoer</h2>"
            "<p>Wie door de schade zijn auto niet kan gebruiken, lijdt schade. Bij een "
            "aansprakelijke tegenpartij valt die onder de vermogensschade (art. 6:96 BW), voor "
            "zover zij het gevolg is van de aanrijding (art. 6:98 BW). Die schade wordt vergoed "
            "als vervangend vervoer (een huurauto) of als een vergoeding voor de dagen zonder "
            "auto. Een vast bedrag per dag staat niet in de wet: noem de klant geen bedrag, maar "
            "verwijs naar de regeling van de verzekeraar.</p>"
            "<p>Een verzekeraar mag rekening houden met wat de klant bespaart doordat hij zijn "
            "eigen auto niet gebruikt (voordeelstoerekening, art. 6:100 BW). Volgens het Verbond "
            "van Verzekeraars wordt bij totaalverlies een huurauto maximaal twee weken en tot "
            "75 % van de kosten vergoed; wie aantoonbaar langer een auto nodig heeft, kan die "
            "kosten claimen. Bij een cascoschade heeft de klant alleen vervangend vervoer "
            "als de polis of het netwerk dat biedt. Plan de reparatieduur daarom goed en leg vast "
            "wanneer de klant de auto terugkrijgt.</p>",
        ),
        html(
            "<h2>Waardevermindering</h2>"
            "<p>Is de schade goed hersteld, dan is er in de regel geen wezenlijke "
            "waardevermindering. Bij jonge of exclusieve auto's, en bij zware schade waarbij de "
            "auto een WOK-status kreeg, kan een goed herstelde auto toch minder waard zijn dan een "
            "auto zonder schadeverleden. Een schade-expert stelt vast of er waardevermindering is "
            "en hoeveel. De eigen cascoverzekering vergoedt die niet; de klant kan haar soms wel "
            "verhalen op een aansprakelijke tegenpartij.</p>",
        ),
        check(
            "Een klant met alleen een WA-verzekering rijdt zelf tegen een paal. Wie betaalt de "
            "schade aan zijn auto?",
            [
                "Zijn WA-verzekeraar, want hij is verzekerd.",
                "De klant zelf: de WA-verzekering dekt alleen schade aan anderen.",
                "De gemeente, want de paal stond in de weg.",
            ],
            2,
            "<p>WA dekt de aansprakelijkheid voor schade aan anderen. Schade aan de eigen auto "
            "door eigen schuld is alleen gedekt met allrisk (volledig casco).</p>",
        ),
        check(
            "De klant is aangereden door een tegenpartij die schuld erkent. Hij wil de factuur "
            "niet voorschieten. Wat regel je?",
            [
                "Een akte van cessie, die je met de calculatie naar de WA-verzekeraar van de "
                "tegenpartij stuurt.",
                "Niets: de eigen verzekeraar van de klant betaalt altijd eerst.",
                "Je wacht met het herstel tot de verzekeraar heeft betaald.",
            ],
            1,
            "<p>Met een akte van cessie draagt de klant zijn vordering op de verzekeraar over aan "
            "het herstelbedrijf. De verzekeraar moet daarvan op de hoogte worden gebracht "
            "(art. 3:94 lid 1 BW).</p>",
        ),
        sources(
            "Wet aansprakelijkheidsverzekering motorrijtuigen (WAM): verzekeringsplicht (art. 2) "
            "en het eigen recht van de benadeelde tegen de verzekeraar; "
            + _link("https://wetten.overheid.nl/BWBR0002415", "wetten.overheid.nl"),
            "Burgerlijk Wetboek art. 6:96 (vermogensschade), 6:98 (causaal verband), 6:100 "
            "(voordeelstoerekening) en 3:94 lid 1 (levering van een vordering door akte en "
            "mededeling).",
            "Hoge Raad 26 oktober 2012, ECLI:NL:HR:2012:BX0357 (Reaal/Athlon): herstelkosten "
            "naar objectieve maatstaven, ongeacht het werkelijk verrichte herstel.",
            "Vereende, verzekeringskaart motorrijtuigverzekering WA+beperkt casco (dekking "
            "brand, natuur, diefstal, inbraak, ruit); depremievergelijker.nl en "
            "reigerdaelverzekeringen.nl over beperkt en volledig casco en het eigen risico buiten "
            "het netwerk.",
            "Blankenmeerburg, begrippenlijst 'Wet Aansprakelijkheidsverzekering Motorrijtuigen' "
            "en Lastenvrij, 'WAM': verzekeringsplicht en het eigen recht van de benadeelde.",
            "Consumentenbond, 'Herstelbedrijven en autoschade' (2019): hoger eigen risico bij een "
            "niet-aangesloten hersteller bij ruim 80 % van de allriskpolissen; vrije keuze bij "
            "schade via de WA-verzekering van de veroorzaker.",
            "Consumentenbond, 'Total loss' (2019): huurauto volgens het Verbond van Verzekeraars "
            "maximaal 2 weken en tot 75 % vergoed.",
            "BD/Independer (2022): na een claim vijf treden terug op de bonus-malusladder; "
            "terugbetalen binnen een termijn voorkomt de terugval.",
            "Schadegarant (eXplain, november 2013): onderdelen origineel of aantoonbaar "
            "gelijkwaardig in het herstelnetwerk; lager eigen risico en vervangend vervoer als "
            "voordeel van een aangesloten hersteller.",
            "ANWB Juridisch advies, 'Waardevermindering'.",
        ),
    ],
}


# --- 2. the expertise rules ------------------------------------------------------------------

EXPERTISE = {
    "slug": "expertiseregels-en-contra-expertise",
    "title": "Expertiseregels: de expert, de kostenbegroting en de contra-expertise",
    "summary": (
        "Wanneer een expert komt, wat een NIVRE-registerexpert is, hoe de kosten worden begroot, "
        "wat een contra-expertise is en hoe economisch total loss wordt vastgesteld."
    ),
    "minutes": 25,
    "work_processes": ["1.2", "1.3"],
    "knowledge_items": ["K01", "K02", "K11", "K19"],
    "competence_areas": [ONDERSTEUNEN, ANALYSEREN],
    "trade_offs": ["expert-raadplegen", "economisch-total-loss"],
    "case_briefs": ["polo-total-loss"],
    "body": [
        p(
            "De les 'Wel of geen expert raadplegen?' gaat over de afweging. Deze les gaat over de "
            "regels eromheen: wie de expert is, wat hij vaststelt, wie zijn kosten betaalt en wat "
            "er gebeurt als de klant het niet met hem eens is.",
        ),
        html(
            "<h2>Wie is de expert?</h2>"
            "<p>Een schade-expert stelt de oorzaak, de omvang en de hoogte van een schade vast. "
            "Hij werkt meestal in opdracht van een verzekeraar, soms van de benadeelde. De "
            "Gedragscode Schade-expertiseorganisaties van het Verbond van Verzekeraars vraagt dat "
            "de expert duidelijk maakt namens wie en in welke rol hij optreedt.</p>"
            "<p>Een <strong>NIVRE-registerexpert</strong> staat ingeschreven bij het Nederlands "
            "Instituut Van Register Experts. Hij houdt zich aan de gedragsregels van het NIVRE: "
            "hij is objectief, laat zich niet leiden door eigen belang en vermijdt "
            "belangenverstrengeling, en er is een klachten- en geschillenregeling. Experts die "
            "verzekeraars inschakelen, staan meestal in het NIVRE-register.</p>",
        ),
        html(
            "<h2>Wanneer komt er een expert?</h2>"
            "<ul><li>De calculatie komt boven het grensbedrag van de opdrachtgever. Op dit "
            "platform staat dat grensbedrag in de regels van het tarief van de opdrachtgever, "
            "naast het bedrag waarboven je eerst akkoord moet vragen.</li>"
            "<li>Total loss ligt in de buurt: de expert stelt de waarde voor schade en de "
            "restwaarde vast. In de Polo-casus stuurt de opdrachtgever altijd een expert.</li>"
            "<li>Er is twijfel over de toedracht, oude schade of de manier van herstellen.</li>"
            "<li>Er is zware constructieve schade: dan meldt de verzekeraar, via zijn expert, de "
            "auto bij de RDW (WOK-status).</li></ul>",
        ),
        html(
            "<h2>De kosten begroten</h2>"
            "<p>De begroting begint bij jouw calculatie. De expert controleert die regel voor "
            "regel: klopt de reparatiemethode met de voertuigspecifieke informatie, kloppen de "
            "tijden uit het calculatieprogramma, de tarieven en kortingen van de opdrachtgever en "
            "de onderdelen? Herstelkosten worden vastgesteld naar objectieve maatstaven, met de "
            "gegevens van het calculatiesysteem (Hoge Raad, Reaal/Athlon, 2012). Lever daarom "
            "alles in één keer aan: de calculatie, foto's van overzicht en detail, de bron van de "
            "reparatiemethode en, bij constructieve schade, het meetrapport.</p>"
            "<p>Wordt de auto niet bij jou hersteld, bijvoorbeeld omdat hij total loss is, dan "
            "heb je wel werk gehad aan de begroting. Of je begrotingskosten in rekening brengt en "
            "hoeveel, volgt uit de afspraken met de opdrachtgever; spreek het vooraf met de klant "
            "af. Bij een aansprakelijke tegenpartij zijn redelijke kosten ter vaststelling van "
            "schade en aansprakelijkheid ook schade die vergoed wordt (art. 6:96 lid 2 sub b "
            "BW).</p>",
        ),
        html(
            "<h2>Contra-expertise</h2>"
            "<p>Is de klant het niet eens met de expert van de verzekeraar, dan kan hij een "
            "eigen expert inschakelen: de <strong>contra-expert</strong>. Die doet een eigen "
            "onderzoek en overlegt met de expert van de verzekeraar. Komen zij er samen niet uit, "
            "dan wijzen zij volgens de meeste polisvoorwaarden een derde expert aan, de arbiter, "
            "die de doorslag geeft.</p>"
            "<p>Bij een schade op de eigen polis komen de redelijke kosten om de schade vast te "
            "stellen voor rekening van de verzekeraar (art. 7:959 lid 1 BW). Daarbij geldt een "
            "dubbele redelijkheidstoets: het moet redelijk zijn om een contra-expert in te "
            "schakelen, en zijn kosten moeten redelijk zijn. De Hoge Raad besliste in 2022 dat "
            "een verzekeraar de vergoeding niet bij voorbaat mag uitsluiten omdat de contra-expert "
            "niet bij het NIVRE staat ingeschreven; hij mag dan wel toetsen of het inschakelen "
            "van die expert redelijk was.</p>"
            "<p>Voor het herstelbedrijf betekent een contra-expertise: wacht met herstel tot er "
            "overeenstemming is over de schade, bewaar vervangen onderdelen en leg elke afspraak "
            "met naam en datum vast in het dossier.</p>",
        ),
        html(
            "<h2>Economisch total loss</h2>"
            "<p>De expert beslist of een auto economisch total loss is. Op dit platform geldt de "
            "regel van het calculatiecontract (§2.11): de auto is economisch total loss als de "
            "herstelkosten hoger zijn dan de waarde voor schade min de restwaarde, beide kanten op "
            "dezelfde btw-basis. Je komt in polissen en op websites ook andere vuistregels tegen; "
            "reken op dit platform alleen met deze regel. Hoe je de btw-basis kiest, staat in de "
            "les 'Economisch total loss beoordelen'.</p>",
        ),
        example(
            "Rekenvoorbeeld: Kia Niro met constructieve schade",
            NIRO,
            "<p>De Kia Niro uit de casus 'zijaanrijding op de B-stijl': de versteviging van de "
            "B-stijl is van ultrahogesterktestaal en wordt vervangen, de carrosserie wordt "
            "opgemeten en het HV-systeem wordt veiliggesteld. De schade loopt via de "
            "WA-verzekeraar van de tegenpartij.</p>",
            "<p>De herstelkosten, € 6.830,06 exclusief en € 8.264,37 inclusief btw, blijven ruim "
            "onder de grens van € 19.200,00 (waarde voor schade min restwaarde): herstel is "
            "economisch verantwoord. Toch komt er een expert: de calculatie ligt boven het "
            "grensbedrag van de opdrachtgever, en de constructieve schade betekent een "
            "WOK-melding door de verzekeraar.</p>",
        ),
        check(
            "De klant vindt de uitkering van zijn cascoverzekeraar te laag en wil een eigen "
            "expert, die niet bij het NIVRE staat ingeschreven. Wat klopt?",
            [
                "Hij heeft geen recht op een eigen expert.",
                "De verzekeraar mag de kosten niet bij voorbaat weigeren alleen omdat de expert "
                "niet NIVRE-geregistreerd is; de kosten moeten wel redelijk zijn.",
                "De verzekeraar betaalt elke rekening van de contra-expert volledig.",
            ],
            2,
            "<p>Art. 7:959 lid 1 BW en de dubbele redelijkheidstoets: het inschakelen en de "
            "kosten moeten redelijk zijn. Een verplichte NIVRE-inschrijving als voorwaarde voor "
            "vergoeding gaat verder dan de wet toestaat (Hoge Raad 2022).</p>",
        ),
        sources(
            "Verbond van Verzekeraars, Gedragscode Schade-expertiseorganisaties (sinds 1 januari "
            "2013): de expert maakt duidelijk namens wie hij optreedt.",
            "NIVRE, gedragsregels voor registerexperts (objectiviteit, geen eigen belang, geen "
            "belangenverstrengeling, klachten- en geschillencommissie), samengevat op "
            "bosboon.nl; deautoverzekering.com: experts meestal in het NIVRE-register.",
            "Burgerlijk Wetboek art. 7:959 lid 1 (redelijke kosten vaststelling schade) en "
            "art. 6:96 lid 2 sub b (kosten ter vaststelling van schade en aansprakelijkheid).",
            "Hoge Raad 28 januari 2022, ECLI:NL:HR:2022:81 (Achmea/Stichting Ombudsman "
            "Schadeverzekeringen): kwaliteitseisen aan de contra-expert en de dubbele "
            "redelijkheidstoets; conclusie A-G Hartlief, ECLI:NL:PHR:2021:643.",
            "Hoge Raad 26 oktober 2012, ECLI:NL:HR:2012:BX0357 (Reaal/Athlon): abstracte "
            "begroting van herstelkosten met het calculatiesysteem.",
            "Vereende, 'De kosten voor particulieren van een contra-expert worden niet altijd "
            "vergoed' (2021), ENRA, 'Wat is een contra-expertise?' en Unigarant, "
            "'Contra-expertise': de arbiter bij onenigheid en de dubbele redelijkheidstoets.",
            "ANWB Juridisch advies, 'Auto total loss': economisch total loss als de "
            "reparatiekosten hoger zijn dan de waarde voor schade min de restwaarde.",
            "Calculatiecontract schadecalc/1, §2.11 (economisch total loss op één btw-basis).",
        ),
    ],
}


# --- 3. brand-certified versus universal repair ----------------------------------------------

BRAND_REPAIR = {
    "slug": "merkgebonden-of-universeel-herstel",
    "title": "Merkgebonden of universeel herstel",
    "summary": (
        "Wat merkerkend schadeherstel is, wanneer de reparatiemethode van de fabrikant verplicht "
        "is en hoe de regels van de opdrachtgever en de wens van de klant daarbij uitpakken."
    ),
    "minutes": 20,
    "work_processes": ["1.2"],
    "knowledge_items": ["K01", "K03", "K05", "K12", "K18"],
    "competence_areas": [ANALYSEREN, INTERACTEREN],
    "trade_offs": ["repareren-of-vervangen", "prijs-kwaliteit"],
    "case_briefs": ["golf-voorschade-lage-snelheid"],
    "body": [
        p(
            "Een universeel schadeherstelbedrijf herstelt alle merken. Een merkgebonden of "
            "merkerkend schadeherstelbedrijf is door een fabrikant erkend voor het herstel van "
            "zijn auto's. Voor de klant klinkt 'merkerkend' als 'beter', maar het verschil zit "
            "niet in de vraag of de regels van de fabrikant gelden. Die gelden voor iedereen.",
        ),
        html(
            "<h2>Wat is merkerkend schadeherstel?</h2>"
            "<p>Merkerkend schadeherstel is herstel volgens de voorschriften van de fabrikant en "
            "onder regie of verantwoording van de fabrikant. De band loopt meestal via een "
            "dealer: die sluit een overeenkomst met het schadeherstelbedrijf en meldt het aan, de "
            "fabrikant of importeur doet een audit, en na een goede audit wordt het bedrijf "
            "gecertificeerd. De eisen verschillen per merk: denk aan opleidingen bovenop de "
            "mbo-opleiding schadehersteller niveau 3, voorgeschreven gereedschap en toegang tot "
            "de reparatie-informatie van het merk.</p>",
        ),
        html(
            "<h2>De reparatiemethode van de fabrikant geldt altijd</h2>"
            "<p>Elk bedrijf, erkend of niet, herstelt volgens de voertuigspecifieke informatie. "
            "Daar staat wat wel en niet mag:</p>"
            "<ul><li><strong>Constructiedelen</strong>: ultrahogesterktestaal mag niet gericht of "
            "verwarmd worden; de fabrikant schrijft de deelnaden, de snijlijnen en de "
            "verbindingstechniek voor (weerstandspuntlassen, MIG-solderen, klinken, lijmen).</li>"
            "<li><strong>ADAS</strong>: na werk aan of bij een camera of radar schrijft de "
            "fabrikant een kalibratie voor, statisch of dynamisch.</li>"
            "<li><strong>Hoogvolt</strong>: het veiligstellen van het HV-systeem gebeurt volgens "
            "de procedure van de fabrikant, door een bevoegd persoon.</li></ul>"
            "<p>Kan jouw bedrijf een voorgeschreven handeling niet zelf uitvoeren, omdat het "
            "gereedschap, de opleiding of de toegang tot de software ontbreekt, dan besteed je die "
            "uit, bijvoorbeeld de kalibratie aan de merkdealer, en zet je haar als werk derden in "
            "de calculatie. Weglaten is nooit de oplossing.</p>",
        ),
        html(
            "<h2>De regels van de opdrachtgever</h2>"
            "<ul><li><strong>Herstelnetwerk van een verzekeraar</strong>: het contract bepaalt "
            "welke onderdelen je mag gebruiken. Schadegarant vroeg in zijn uitgangspunten van "
            "2013 originele onderdelen of onderdelen die aantoonbaar gelijkwaardig zijn, en "
            "certificering van de aangesloten bedrijven volgens de normen van Focwa.</li>"
            "<li><strong>Leasemaatschappij</strong>: vaak alleen originele onderdelen, omdat de "
            "auto na de looptijd wordt verkocht. In de BMW-casus staat Kanaal Lease alleen "
            "originele onderdelen toe.</li>"
            "<li><strong>Tegenpartij aansprakelijk</strong>: de klant kiest zelf zijn hersteller, "
            "ook een merkdealer. De WA-verzekeraar vergoedt de redelijke herstelkosten.</li></ul>",
        ),
        html(
            "<h2>De wens van de klant</h2>"
            "<p>Vraagt de klant om herstel bij de dealer of om alleen originele onderdelen, "
            "kijk dan eerst wat de opdrachtgever betaalt. Wil de klant meer dan de polis of het "
            "contract vergoedt, leg dan het verschil uit en laat hem kiezen: betaalt hij het "
            "verschil zelf, of volgt hij de regels van zijn verzekeraar? Schrijf de keuze in het "
            "dossier. Bij een auto onder fabrieksgarantie adviseer je originele onderdelen en de "
            "methode van de fabrikant; dat is ook zonder erkenning mogelijk, als je de "
            "reparatie-informatie hebt en volgt.</p>",
        ),
        attention(
            "Erkend is geen vrijbrief, niet-erkend geen verbod",
            "<p>Een erkend bedrijf moet de reparatiemethode net zo goed kunnen aantonen. Een "
            "universeel bedrijf mag een moderne auto herstellen, zolang het de voorgeschreven "
            "methode volgt en uitbesteedt wat het zelf niet kan. Leg de bron van elke methode "
            "vast: het positieblad, de reparatierichtlijn of het kalibratievoorschrift.</p>",
        ),
        check(
            "Een universeel schadeherstelbedrijf vervangt de voorruit van een auto met een "
            "frontcamera, maar heeft geen kalibratieapparatuur. Wat is juist?",
            [
                "De kalibratie weglaten, want het bedrijf is niet merkerkend.",
                "De auto weigeren: alleen een merkerkend bedrijf mag ruiten vervangen.",
                "De kalibratie uitbesteden, bijvoorbeeld aan de dealer, en als werk derden in de "
                "calculatie zetten.",
            ],
            3,
            "<p>De voorgeschreven kalibratie hoort bij het herstel, wie het ook uitvoert. Wat je "
            "zelf niet kunt, besteed je uit.</p>",
        ),
        sources(
            "Bovag Schade / Zilverstad Consultancy, onderzoek naar merkerkend schadeherstel, "
            "besproken in AfterSales Magazine, 'Sterk in het merk': herstel volgens voorschriften "
            "en onder regie van de fabrikant, via een dealer, audit en certificering; mbo "
            "schadehersteller niveau 3 als minimumeis.",
            "Schadegarant (eXplain, november 2013 en maart 2016): originele of aantoonbaar "
            "gelijkwaardige onderdelen; certificaten van onderdelen.",
            "Schadegarant, Uitgangspunten samenwerking (2013): aangesloten bedrijven voldoen aan "
            "de eisen van Focwa.",
            "Consumentenbond, 'Herstelbedrijven en autoschade' (2019): vrije keuze van hersteller "
            "bij schade via de WA-verzekering van de veroorzaker.",
            "De voertuigspecifieke informatie van de fabrikant (reparatiehandboek, positiebladen, "
            "kalibratievoorschriften), zoals in de lessen 'Herstellen of vervangen' en 'ADAS "
            "kalibreren'.",
        ),
    ],
}


# --- 4. reading measuring, alignment and diagnosis reports -----------------------------------

REPORTS = {
    "slug": "meet-uitlijn-en-diagnoserapporten-lezen",
    "title": "Meet-, uitlijn- en diagnoserapporten lezen",
    "summary": (
        "Wat een meetrapport van de richtbank, een uitlijnrapport en een diagnoserapport laten "
        "zien, en wat ze niet bewijzen."
    ),
    "minutes": 25,
    "work_processes": ["1.2", "1.3"],
    "knowledge_items": ["K07", "K12", "K13", "K14"],
    "competence_areas": [ANALYSEREN, ORGANISEREN],
    "trade_offs": ["repareren-of-vervangen", "expert-raadplegen"],
    "case_briefs": ["model3-achterschade-ev"],
    "body": [
        p(
            "Drie rapporten komen in bijna elk dossier met een flinke schade terug: het "
            "meetrapport van de carrosserie, het uitlijnrapport van de wielen en het "
            "diagnoserapport met de foutcodes. Het beroepscompetentieprofiel vraagt dat je "
            "uitlijn- en diagnoserapporten kunt lezen en interpreteren. Je hoeft ze niet zelf te "
            "maken, maar je moet zien wat ze betekenen voor de calculatie, de expert en de "
            "klant.",
        ),
        html(
            "<h2>Het meetrapport</h2>"
            "<p>Op de richtbank of met een meetsysteem worden meetpunten van de carrosserie "
            "gemeten, zoals de bevestigingspunten van de wielophanging en de motorsteunen. Het "
            "rapport zet per meetpunt de gemeten waarde naast de waarde uit de maatbladen van de "
            "fabrikant, met het verschil in millimeters. Een punt buiten de tolerantie van de "
            "fabrikant wordt meestal gemarkeerd.</p>"
            "<ul><li>Lees eerst welke fabrieksgegevens zijn gebruikt: het juiste model en de "
            "juiste uitvoering.</li><li>Kijk vooral naar de punten die de wieluitlijning "
            "bepalen: wijken die af, dan rijdt de auto ook na het uitlijnen niet goed.</li>"
            "<li>Een diagonaalmeting alleen is niet genoeg; zij laat niet elke vervorming "
            "zien.</li><li>Bewaar de voormeting en de nameting in het dossier: samen laten ze "
            "zien dat de carrosserie weer op maat is.</li></ul>"
            "<p>Wat het meetrapport <strong>niet</strong> bewijst: dat een deel hersteld mag "
            "worden. Een B-stijl van ultrahogesterktestaal kan binnen de maat liggen en toch "
            "vervangen moeten worden, en scheurtjes of verzwakte lasnaden zie je niet in een "
            "maat.</p>",
        ),
        html(
            "<h2>Het uitlijnrapport</h2>"
            "<p>Het uitlijnrapport toont per wiel de hoeken <strong>voor</strong> en "
            "<strong>na</strong> het afstellen, met de minimum- en maximumwaarde van de "
            "fabrikant:</p>"
            "<ul><li><strong>Sporing (toe)</strong>: staan de wielen, van boven gezien, recht "
            "vooruit of iets naar binnen of buiten?</li>"
            "<li><strong>Wielvlucht (camber)</strong>: de schuine stand van het wiel, van voren "
            "gezien.</li>"
            "<li><strong>Naloop (caster)</strong>: de schuine stand van de stuuras, van opzij "
            "gezien.</li>"
            "<li>Na een aanrijding ook de <strong>fuseepenhelling</strong> (SAI), de ingesloten "
            "hoek en de <strong>geometrische rijas</strong> (thrust angle): die laten zien of de "
            "ophanging en de carrosserie nog goed ten opzichte van elkaar staan.</li></ul>"
            "<p>De sporing voor stel je af met de spoorstangen; wielvlucht en naloop zijn bij "
            "veel auto's maar beperkt of niet verstelbaar. Liggen de wielvlucht, de naloop of de "
            "fuseepenhelling buiten de waarden van de fabrikant, of lukt het niet om de auto "
            "binnen de waarden af te stellen, terwijl de carrosserie op maat is? Dan is er vermoedelijk een "
            "verbogen deel: een veerpoot, fusee, draagarm of spoorstang. Gegoten delen kunnen "
            "beschadigd zijn zonder dat je het ziet; die worden vervangen, niet gericht. Zo'n "
            "bevinding hoort als extra schade in de calculatie, met het rapport als bewijs.</p>",
        ),
        html(
            "<h2>Het diagnoserapport</h2>"
            "<p>Een diagnosetester leest de foutcodes (DTC's) uit de regeleenheden van de auto. "
            "Doe dat vóór het herstel (pre-scan) en erna (post-scan):</p>"
            "<ul><li>De pre-scan legt vast welke codes er al waren, ook codes die geen "
            "waarschuwingslampje geven. Zo weet je wat bij deze schade hoort en wat al eerder "
            "bestond.</li>"
            "<li>De post-scan laat zien dat er na het herstel geen codes meer zijn en dat alle "
            "regeleenheden communiceren.</li>"
            "<li>Bewaar het rapport vóór je codes wist; gewiste codes kun je niet meer "
            "laten zien.</li></ul>"
            "<p>Wat een code <strong>wel</strong> zegt: welke regeleenheid een storing zag en "
            "waar je moet zoeken. Wat hij <strong>niet</strong> zegt: wat de oorzaak is. En een "
            "schone post-scan bewijst niet dat een camera of radar goed is gekalibreerd; een "
            "sensor die een fractie verkeerd staat, geeft vaak geen code. Het kalibratierapport "
            "is een apart bewijsstuk.</p>",
        ),
        p(
            "In de Niro-casus staan 'Carrosserie opmeten op richtbank' en 'Foutcodes uitlezen en "
            "wissen (diagnose)' als eigen regels in de calculatie, en in de casus van de Tesla "
            "Model 3 het uitlijnen als werk derden. Zo is het werk betaald en hoort het rapport "
            "bij het dossier. De expert en, bij een WOK-status, de keuring bij de RDW vragen om "
            "die rapporten.",
        ),
        check(
            "Na het richten staat de carrosserie volgens het meetrapport op maat, maar de "
            "wielvlucht links voor blijft buiten de waarden van de fabrikant. Wat is de meest "
            "waarschijnlijke oorzaak?",
            [
                "Een fout in het meetrapport; de auto kan zo worden afgeleverd.",
                "Een verbogen deel van de wielophanging, bijvoorbeeld de veerpoot of de fusee.",
                "De bandenspanning.",
            ],
            2,
            "<p>Is de carrosserie op maat en lukt afstellen niet, dan zit de afwijking in de "
            "ophanging zelf. Dat deel wordt vervangen en komt als extra schade in de "
            "calculatie.</p>",
        ),
        check(
            "De post-scan na het vervangen van de voorruit toont geen foutcodes. Is de "
            "frontcamera daarmee goed gekalibreerd?",
            [
                "Ja, geen code betekent dat alles goed is.",
                "Nee, daarvoor is het kalibratierapport nodig; een verkeerd gerichte camera geeft "
                "vaak geen code.",
            ],
            2,
            "<p>Een foutcode zegt waar je moet zoeken, het ontbreken ervan bewijst geen goede "
            "kalibratie.</p>",
        ),
        sources(
            "Beroepscompetentieprofiel Schademanager (2022): K07 wielophanging, K13 "
            "diagnoserapporten, K14 uitlijnrapporten.",
            "Honda, body repair manual Civic, 'Repairing Major Body Damage – Measuring "
            "Dimensions': meten met de maatbladen van het model; maten die de wieluitlijning "
            "bepalen zijn het belangrijkst; een diagonaalmeting alleen is onvoldoende.",
            "MangoApps, 'Structural and Frame Measurement Report': maten voor en na het herstel "
            "tegen de gegevens van de fabrikant, met een toets op de tolerantie; ABRN over de "
            "meetprint voor en na het herstel.",
            "I-CAR, 'Ask I-CAR': wanneer de wieluitlijning na een aanrijding gecontroleerd moet "
            "worden; FenderBender over verbogen stuur- en ophangingsdelen als een auto niet "
            "binnen de waarden kan worden afgesteld; Mopar Magazine, 'Collision Wheel Alignment': "
            "gegoten delen niet richten; Purnell Body Shop: uitlijnen na een aanrijding met "
            "fuseepenhelling (SAI), ingesloten hoek en geometrische rijas (thrust angle).",
            "Pre- en post-scan bij schadeherstel: crashrepairinfo.com ('Pre- and Post-Scanning'), "
            "PCTG ('Diagnostic Trouble Codes': niet elke code geeft een waarschuwingslampje) en "
            "RE Lux Collision (een code wijst de richting, niet de oorzaak).",
        ),
    ],
}


# --- 5. overlap of included work -------------------------------------------------------------

OVERLAP = {
    "slug": "overlap-inbegrepen-werkzaamheden",
    "title": "Overlap: werk dat al inbegrepen is",
    "summary": (
        "Sommige handelingen zitten al in een andere positie van de calculatie. Hoe "
        "calculatieprogramma's dat aangeven, wat de rekenkern van dit platform wel en niet "
        "controleert, en wat dubbel rekenen kost."
    ),
    "minutes": 20,
    "work_processes": ["1.2"],
    "knowledge_items": ["K10", "K11", "K12"],
    "competence_areas": [ANALYSEREN],
    "trade_offs": ["balans-calculeren"],
    "case_briefs": ["golf-voorschade-lage-snelheid"],
    "body": [
        p(
            "Een arbeidstijd in het calculatieprogramma is een pakket. Wie een voorbumper "
            "vervangt, demonteert de oude bumper en monteert de nieuwe: dat zit in de tijd voor "
            "vervangen. Zet je daarnaast nog 'voorbumper demonteren en monteren' in de "
            "calculatie, dan reken je hetzelfde werk twee keer. Dat heet <strong>overlap</strong>: "
            "werk dat in meer dan één positie zit.",
        ),
        html(
            "<h2>Hoe calculatieprogramma's overlap aangeven</h2>"
            "<p>Calculatieprogramma's laten per positie zien welk werk erbij hoort. GT Estimate "
            "van GT Motive markeert bijvoorbeeld een positie als 'inbegrepen' wanneer zij, met "
            "haar arbeidstijd, al onder een andere positie valt, en geeft een overlap aan die "
            "volgens de fabrikant niet wordt gekort. Kent het programma de overlap, dan trekt het "
            "die zelf af. Voeg je zelf een positie toe die het programma niet kent, dan moet jij "
            "de overlap vinden en aftrekken.</p>"
            "<p>Het omgekeerde komt ook voor: werk dat <strong>niet</strong> in de standaardtijd "
            "zit, zoals het aanbrengen van holteruimteconservering, zet je er apart bij. Lees "
            "daarom bij elke positie wat erin zit.</p>",
        ),
        html(
            "<h2>Wat de rekenkern van dit platform doet</h2>"
            "<p>Het calculatiecontract (schadecalc/1) zegt het zo:</p>"
            "<ul><li><strong>§2.1</strong>: de arbeidseenheden van elke regel tellen mee zoals "
            "ze zijn opgegeven. De rekenkern kent geen lijst van inbegrepen werk en trekt dus "
            "niets vanzelf af.</li>"
            "<li><strong>§2.2</strong>: de basistijd lakwerk komt <em>één keer</em> per "
            "calculatie met spuitwerk, hoeveel panelen er ook gespoten worden.</li>"
            "<li><strong>§2.8</strong>: de afvalverwerking wordt één keer gerekend als er "
            "minstens één onderdeel wordt vervangen.</li>"
            "<li><strong>§3, DUPLICATE_LINE</strong>: twee regels met dezelfde code én dezelfde "
            "bewerking geven de waarschuwing 'dubbel gerekend?'. De rekenkern rekent beide "
            "regels wel mee: een waarschuwing is nooit stil en nooit een weigering.</li></ul>"
            "<p>Vervangen en demonteren/monteren zijn twee verschillende bewerkingen. Staat "
            "hetzelfde deel er met beide in, dan geeft de rekenkern dus <strong>geen</strong> "
            "waarschuwing. Die overlap haal je er zelf uit.</p>",
        ),
        example(
            "Rekenvoorbeeld: de Golf zoals het hoort",
            GOLF_REFERENCE,
            "<p>De voorschade aan de Golf 8 uit de casus. De voorbumper wordt vervangen: 115 AE "
            "uit de catalogus, bij 100 AE per uur. Demonteren en monteren van de bumper staat er "
            "niet apart in, want dat zit in het vervangen.</p>",
            "<p>Plaatwerk 450 AE, 4,5 uur × € 72,50 = € 326,25. Het subtotaal is € 2.881,02 "
            "exclusief btw, € 3.486,03 inclusief btw.</p>",
        ),
        example(
            "Rekenvoorbeeld: de bumper twee keer gerekend (de rekenkern ziet het niet)",
            GOLF_BUMPER_TWICE,
            "<p>Dezelfde calculatie, met één regel extra: 'Voorbumper demonteren en monteren', "
            "90 AE uit de catalogus. De bumper wordt al vervangen, dus dit werk zit er al in.</p>",
            "<p>Plaatwerk stijgt naar 540 AE: 5,4 uur, 0,9 uur meer. Arbeid plaatwerk wordt "
            "€ 391,50 in plaats van € 326,25. Het kleinmateriaal, 2 % van de arbeid plaatwerk en "
            "spuitwerk, stijgt mee van € 16,28 naar € 17,58. Het subtotaal wordt € 2.947,57 en "
            "het totaal inclusief btw € 3.566,56. De reparatieduur blijft 3 werkdagen, en de "
            "rekenkern geeft geen waarschuwing: de code is dezelfde, maar de bewerking niet. "
            "Een expert schrapt deze regel wel.</p>",
        ),
        attention(
            "Overlap bij het lakwerk",
            "<p>Ook bij spuitwerk bestaat overlap: worden twee aangrenzende panelen gespoten, "
            "dan wordt hun gezamenlijke rand maar één keer afgeplakt en voorbereid. Hoeveel tijd "
            "daarvoor afgaat, bepaalt het calculatieprogramma of de afspraak met de betalende "
            "partij; zie de les 'De lakcalculatie'. De basistijd lakwerk regelt de rekenkern "
            "zelf: die telt één keer.</p>",
        ),
        tip(
            "Zo voorkom je overlap",
            "<ul><li>Voeg geen handmatige regel toe voor werk aan een deel dat je al vervangt.</li>"
            "<li>Staat hetzelfde deel twee keer in de calculatie, vraag je dan af of beide "
            "handelingen echt nodig zijn.</li><li>Neem een waarschuwing 'dubbel gerekend?' altijd "
            "serieus: verwijder de regel of leg in het dossier uit waarom hij klopt.</li></ul>",
        ),
        check(
            "In een calculatie staat 'Achterklep vervangen' en ook 'Achterklep demonteren en "
            "monteren'. De rekenkern geeft geen waarschuwing. Wat doe je?",
            [
                "Niets: geen waarschuwing betekent dat de calculatie klopt.",
                "De regel 'demonteren en monteren' verwijderen: dat werk zit al in het vervangen.",
                "Beide regels halveren.",
            ],
            2,
            "<p>De rekenkern waarschuwt alleen bij dezelfde code met dezelfde bewerking. Overlap "
            "tussen vervangen en demonteren/monteren van hetzelfde deel moet je zelf zien.</p>",
        ),
        check(
            "Twee regels hebben dezelfde code en allebei de bewerking 'vervangen'. Wat doet de "
            "rekenkern?",
            [
                "Hij weigert de calculatie.",
                "Hij telt één regel en laat de andere weg.",
                "Hij rekent beide regels mee en geeft de waarschuwing 'dubbel gerekend?'.",
            ],
            3,
            "<p>Calculatiecontract §3: waarschuwingen zijn nooit stil en nooit fataal. Jij "
            "beslist wat ermee gebeurt.</p>",
        ),
        sources(
            "Calculatiecontract schadecalc/1 (shared/docs/calculation-spec.md): §2.1 "
            "arbeidseenheden per regel, §2.2 basistijd lakwerk één keer per calculatie, §2.5 "
            "kleinmateriaal, §2.8 afvalverwerking één keer, §3 waarschuwing DUPLICATE_LINE.",
            "GT Motive support, GT Estimate 'Die Kalkulation': de markeringen 'inbegriffen' en "
            "'Überschneidung' bij verbonden werkzaamheden.",
            "ICBC, 'Overlap estimate' (Mitchell Cloud Estimating): het programma past bekende "
            "overlap toe; anders bepaalt de calculator de overlap.",
            "Institut für Fahrzeuglackierung (IFL), in schaden.news 'Wer hat sich verkalkuliert?' "
            "(2013): wat er in de standaardtijden zit en welke extra werkzaamheden er niet in "
            "zitten, zoals holteruimteconservering.",
            "De catalogus van het platform (calcengine/data): vervangtijd en demonteer- en "
            "monteertijd van de voorbumper van de Golf 8.",
        ),
    ],
}


# --- 6. 48 V systems (mild hybrid) -----------------------------------------------------------

MILD_HYBRID = {
    "slug": "48-volt-mild-hybride",
    "title": "48V-systemen in mild-hybride auto's",
    "summary": (
        "Een 48V-systeem is geen hoogvoltsysteem, maar vraagt wel zorg: de accu, de "
        "starter-generator, hoge stromen en de temperatuur in de spuitcabine."
    ),
    "minutes": 20,
    "work_processes": ["1.1", "1.2"],
    "knowledge_items": ["K06", "K08", "K09", "K12"],
    "competence_areas": [ORGANISEREN, ANALYSEREN],
    "trade_offs": ["balans-calculeren"],
    "case_briefs": [],
    "body": [
        p(
            "Steeds meer auto's met een benzine- of dieselmotor hebben naast het gewone 12V-net "
            "een tweede boordnet van 48 V. Zo'n auto heet een mild hybride (MHEV). Bij de intake "
            "moet je weten wat dat betekent: is het een hoogvoltvoertuig of niet, en waar moet "
            "de werkplaats op letten?",
        ),
        html(
            "<h2>Wat is een 48V-systeem?</h2>"
            "<p>Een 48V-systeem bestaat uit een eigen accu (meestal lithium-ion), een "
            "elektromotor die ook als dynamo werkt (de starter-generator) en een omvormer naar "
            "het 12V-net, dat de gewone verbruikers blijft voeden. De elektromotor helpt de "
            "verbrandingsmotor bij het wegrijden, maakt een soepel start-stopsysteem mogelijk en "
            "laadt de accu bij het remmen. Een mild hybride rijdt niet langere tijd elektrisch "
            "zoals een volledige hybride.</p>",
        ),
        html(
            "<h2>Waarom 48 V geen hoogvolt is</h2>"
            "<p>In de voertuigregelgeving begint hoogvolt boven 60 V gelijkspanning of 30 V "
            "wisselspanning. Volgens VN-reglement R100 voor elektrische voertuigen en de Duitse "
            "DGUV-informatie 200-005 ligt hoogvolt tussen 60 en 1500 V gelijkspanning of tussen "
            "30 en 1000 V wisselspanning. Een 48V-systeem blijft onder die grens. Het is dus geen "
            "hoogvoltsysteem, en de auto is geen HV-voertuig.</p>"
            "<p>NEN 9140 (veilig werken aan e-voertuigen) regelt het werken aan het HV-systeem "
            "van e-voertuigen, met de rollen ev-VOP, ev-VP en ev-WV. Voor het 48V-systeem zijn "
            "die HV-werkregels niet bedoeld: je hoeft het niet spanningsloos te laten maken door "
            "een ev-VP. In de calculatie op dit platform is zo'n auto daarom geen HV-voertuig: "
            "de aandrijving is 'verbrandingsmotor' (ICE), niet 'hybride (HEV)', en de rekenkern "
            "vraagt geen regel 'HV-systeem veiligstellen'. "
            "Schrijft de fabrikant voor dat de 48V-accu wordt losgekoppeld, dan zet je dat als "
            "gewone arbeidsregel in de calculatie, met de tijd van de fabrikant.</p>",
        ),
        safety(
            "Geen hoogvolt, wel zorg",
            "<ul><li><strong>Hoge stromen</strong>: de starter-generator vraagt en levert grote "
            "stromen. Een kortsluiting met gereedschap of een losse kabel kan vonken en "
            "brandwonden geven.</li>"
            "<li><strong>De accu</strong>: een beschadigde lithium-ionaccu kan warm worden. "
            "Behandel een 48V-accu na een aanrijding zoals de fabrikant voorschrijft, en bewaar een "
            "beschadigde accu apart.</li>"
            "<li><strong>De starter-generator</strong> kan de motor starten, ook door het "
            "start-stopsysteem. Zet de auto uit volgens de voorschriften voordat je in de "
            "motorruimte werkt.</li>"
            "<li><strong>Loskoppelen</strong>: volg de volgorde en de wachttijd van de "
            "fabrikant. Die verschillen per merk en model.</li></ul>",
        ),
        html(
            "<h2>De spuitcabine en de accu</h2>"
            "<p>Lithium-ionaccu's kunnen beschadigd raken door de hoge temperatuur waarmee lak in "
            "de cabine wordt gedroogd, vooral als het koelsysteem van de auto uit staat. Voor "
            "hoogvoltaccu's geven fabrikanten daarom een maximum. Ford bijvoorbeeld schrijft voor "
            "dat de cabine bij een auto met hoogvoltaccu op ten hoogste 60 °C staat, met een "
            "droogtijd van ten hoogste 45 minuten; anders moet de accu eerst uit de auto. Andere "
            "merken, zoals Audi, Lexus, Tesla, Toyota en Volvo, noemen ongeveer 50 °C.</p>"
            "<p>Voor de 48V-accu geldt hetzelfde principe: zoek in de reparatie-informatie van "
            "de fabrikant de maximale temperatuur en tijd op. Staat er niets, vraag het dan na "
            "bij de importeur. Let er ook op of de lakfabrikant de temperatuur van de lucht in de "
            "cabine bedoelt of die van het paneel. Is de toegestane temperatuur lager dan het "
            "normale droogprogramma, plan dan een langere droogtijd bij lage temperatuur of "
            "droog met infrarood alleen het paneel; dat kost meer tijd in de planning.</p>",
        ),
        html(
            "<h2>Bij de intake</h2>"
            "<ul><li>Herken het systeem: typeaanduidingen als 'mild hybrid', 'MHEV' of '48V', en "
            "de gegevens van het voertuig.</li>"
            "<li>Noteer in het dossier dat het een mild hybride is en waar de 48V-accu zit. Zit "
            "de schade in de buurt, vraag dan of er waarschuwingen op het dashboard staan, en "
            "laat de accu controleren volgens de fabrikant.</li>"
            "<li>Vertel de werkplaats welke voorschriften van de fabrikant gelden voor "
            "loskoppelen en voor het drogen van de lak.</li></ul>",
        ),
        check(
            "Een mild hybride met een 48V-systeem komt binnen met voorschade. Wat klopt?",
            [
                "Een ev-VP moet het HV-systeem volgens NEN 9140 spanningsloos maken.",
                "Het is geen hoogvoltsysteem; volg de voorschriften van de fabrikant voor het "
                "loskoppelen van de 48V-accu en let op hoge stromen.",
                "Er is niets bijzonders; behandel de auto als elke andere.",
            ],
            2,
            "<p>48 V ligt onder de hoogvoltgrens van 60 V gelijkspanning. De HV-werkregels "
            "gelden niet, maar de accu, de starter-generator en de hoge stromen vragen wel "
            "zorg.</p>",
        ),
        check(
            "Het normale droogprogramma van de cabine is warmer dan de fabrikant toestaat voor "
            "de accu. Wat doe je?",
            [
                "Toch het normale programma gebruiken; het is maar kort.",
                "Droog bij de temperatuur die de fabrikant toestaat, of droog alleen het paneel, "
                "en houd rekening met de langere droogtijd in de planning.",
            ],
            2,
            "<p>De maximumtemperatuur van de fabrikant is een grens. Een lagere temperatuur "
            "betekent een langere droogtijd.</p>",
        ),
        sources(
            "VN-reglement R100 (ECE R100) en DGUV Information 200-005: hoogvolt van 60 tot "
            "1500 V gelijkspanning en van 30 tot 1000 V wisselspanning; een 48V-boordnet valt "
            "eronder (TCS Engineering, 'Ist alles elektrisch Angetriebene immer gleich "
            "Hochvolt?').",
            "Verordening (EU) 2015/208, bijlage XXIV: dezelfde spanningsklasse (meer dan 60 V "
            "gelijkspanning, meer dan 30 V wisselspanning) in de Europese typegoedkeuring van "
            "landbouwvoertuigen.",
            "Krafthand, 'Niedrigvolthybrid': een tweede 48V-boordnet naast 12 V, onder de grens "
            "van 60 V, dus geen hoogvoltvoertuig.",
            "NEN 9140 (veilig werken aan e-voertuigen), zoals beschreven door NEN en "
            "Elektro365 (2023) en in de Arbocatalogus Mobiel, 'Elektrische voertuigen'.",
            "Ford, On Target (via Collision Repair Magazine, 'Too Hot to Handle'): cabine ten "
            "hoogste 60 °C en droogtijd ten hoogste 45 minuten, anders de hoogvoltaccu "
            "verwijderen.",
            "Junair en Global Finishing Solutions (FenderBender): verklaringen van Audi, Lexus, "
            "Tesla, Toyota en Volvo over een droogtemperatuur van ongeveer 50 °C (120 °F).",
            "I-CAR, 'Back-To-Basics: Hybrid Refinishing And Baking': technische gegevensbladen "
            "van de lakfabrikant (lucht- of paneeltemperatuur) en reparatie-informatie van de "
            "fabrikant.",
        ),
    ],
}


# The lessons by the slug of the module (`lessons.MODULES`) they belong to.
TOPIC_LESSONS: dict[str, list[dict[str, Any]]] = {
    "intake": [INSURANCE, MILD_HYBRID],
    "werkvoorbereiding": [EXPERTISE, BRAND_REPAIR, OVERLAP],
    "schadedossier": [REPORTS],
}


def with_topic_lessons(modules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`modules` with these lessons added to the module each belongs to (no module changed in
    place: `lessons.MODULES` stays as it is)."""
    return [
        {**module, "lessons": [*module["lessons"], *TOPIC_LESSONS.get(module["slug"], [])]}
        for module in modules
    ]
