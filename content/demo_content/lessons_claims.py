"""Lessons for two cases of issue #16 item 3: a borderline economic total loss that the owner's
VAT status decides (`peugeot-208-vat-borderline-total-loss`), and a WA claimant whose repair the
counterparty's expert disputes (`clio-wa-claimant-contra-expertise`): contra-expertise, the
assignment of claim, loss of use and loss of value.

Added to the modules "werkvoorbereiding" and "schadedossier" of `lessons.py`
(`with_claim_lessons`, called by `content.demo` as `with_topic_lessons` is). Every figure the
text names is computed here from the case files by the engine (`calcengine.estimate`) or read
from the case's own facts, never typed; tests/content/test_lessons_claims.py recomputes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import calcengine
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
)
from content.demo_content.lessons_topics import sources
from content.worked_example import case_calculation, case_calculation_text

VAT_CASE = "peugeot-208-vat-borderline-total-loss"
WA_CASE = "clio-wa-claimant-contra-expertise"
VAT_LESSON = "total-loss-en-de-btw-positie-van-de-eigenaar"
WA_LESSON = "wa-claim-tegenexpertise-cessie-gebruiksderving"


def _money(value: Any) -> str:
    return format_money(value)


@dataclass(frozen=True)
class VatComparison:
    """The VAT case's comparison for the sole trader (the case) and for a private owner."""

    value: Decimal
    residual: Decimal
    bids: tuple[Decimal, ...]
    threshold: Decimal
    excl_vat: Decimal
    incl_vat: Decimal
    business_total_loss: bool
    private_total_loss: bool
    business_ratio: Decimal


def vat_comparison() -> VatComparison:
    case = demo_case(VAT_CASE)
    business = calcengine.estimate(case_calculation(VAT_CASE))
    private = calcengine.estimate(case_calculation(VAT_CASE, rates={"owner_deducts_vat": False}))
    bids = tuple(
        Decimal(option["quote_amount"])
        for option in case["subcontract_options"]
        if option["description"].startswith("Restwaardebod")
    )
    return VatComparison(
        value=Decimal(case["value_before_damage"]),
        residual=Decimal(case["residual_value"]),
        bids=bids,
        threshold=Decimal(business["total_loss"]["threshold"]),
        excl_vat=Decimal(business["total_loss"]["compared"]),
        incl_vat=Decimal(private["total_loss"]["compared"]),
        business_total_loss=business["total_loss"]["economic_total_loss"],
        private_total_loss=private["total_loss"]["economic_total_loss"],
        business_ratio=Decimal(business["total_loss"]["repair_ratio"]),
    )


@dataclass(frozen=True)
class LossOfUse:
    days: int
    day_amount: Decimal
    amount: Decimal
    loss_of_value: Decimal
    repair_incl_vat: Decimal


def wa_claim_figures() -> LossOfUse:
    case = demo_case(WA_CASE)
    claim = case["payer_rules"]["liability_claim"]
    output = calcengine.estimate(case_calculation(WA_CASE, "reference_final"))
    days = int(output["repair_days"])
    day_amount = Decimal(claim["loss_of_use"]["day_amount"])
    return LossOfUse(
        days=days,
        day_amount=day_amount,
        amount=day_amount * days,
        loss_of_value=Decimal(claim["loss_of_value"]),
        repair_incl_vat=Decimal(output["total_incl_vat"]),
    )


def _vat_lesson() -> dict[str, Any]:
    c = vat_comparison()
    bids = ", ".join(_money(bid) for bid in c.bids)
    return {
        "slug": VAT_LESSON,
        "title": "Net wel of net geen total loss: de btw-positie van de eigenaar beslist",
        "summary": (
            "Vergelijk herstelkosten met de waarde voor schade min de restwaarde op de juiste "
            "btw-basis: een particulier rekent met btw, een ondernemer die de btw verrekent "
            "zonder. Vraag het de klant, want het staat niet op de schademelding."
        ),
        "minutes": 20,
        "work_processes": ["1.1", "1.2"],
        "knowledge_items": ["K01", "K02", "K18"],
        "competence_areas": [ANALYSEREN, INTERACTEREN],
        "trade_offs": ["economisch-total-loss", "expert-raadplegen"],
        "case_briefs": [],
        "body": [
            p(
                "Een auto is economisch total loss als herstel meer kost dan de waarde voor de "
                "schade min de restwaarde. Dicht bij die grens beslist een detail: rekent u met "
                "of zonder btw? Dat hangt af van de eigenaar, niet van de auto.",
            ),
            html(
                "<h2>Drie vragen bij de intake</h2>"
                "<ul><li><strong>Op wiens naam staat de auto?</strong> Op een eenmanszaak, een "
                "B.V. of privé.</li>"
                "<li><strong>Verrekent de eigenaar de btw?</strong> Een btw-ondernemer die de "
                "btw op zijn autokosten aftrekt, krijgt de schade zonder btw vergoed en trekt "
                "de btw op de factuur af. Vergelijk dan de herstelkosten exclusief btw.</li>"
                "<li><strong>Is het een marge-auto?</strong> Bij een marge-auto zit in de waarde "
                "geen btw die de ondernemer kan aftrekken: de waarde voor schade en de restwaarde "
                "tellen zoals ze zijn. Bij een btw-auto haalt u de btw ook uit die waarden.</li>"
                "</ul>",
            ),
            html(
                "<h2>De restwaarde: het hoogste bod</h2>"
                "<p>De expert laat opkopers van schadeauto's bieden op de auto in de staat "
                "waarin hij nu is. De restwaarde is het hoogste bod: daarvoor wordt de auto "
                "verkocht als hij total loss is. Rekent u met een lager bod, dan ligt de grens "
                "te hoog en lijkt herstel gunstiger dan het is.</p>",
            ),
            example(
                "Rekenvoorbeeld: de Peugeot 208 van een eenmanszaak",
                case_calculation_text(VAT_CASE),
                f"Waarde voor schade {_money(c.value)} (marge-auto). Biedingen: {bids}; de "
                f"restwaarde is het hoogste bod, {_money(c.residual)}. De eigenaar verrekent de "
                "btw.",
                f"De grens is {_money(c.value)} − {_money(c.residual)} = {_money(c.threshold)}. "
                f"Herstel kost {_money(c.excl_vat)} exclusief btw: dat is niet meer dan de "
                f"grens, dus herstel loont (verhouding {format_number(c.business_ratio)}). Was "
                f"de eigenaar een particulier geweest, dan had u {_money(c.incl_vat)} inclusief "
                f"btw vergeleken met dezelfde {_money(c.threshold)}: dan was de auto total loss.",
            ),
            attention(
                "Vraag het, ga het niet na op het gevoel",
                "Een auto die 'voor het werk' wordt gebruikt, staat niet altijd op de zaak, en "
                "niet elke ondernemer verrekent btw (een vrijgestelde ondernemer niet). Vraag "
                "het de klant en leg het antwoord vast. De expert van de verzekeraar stelt het "
                "total-lossoordeel definitief vast.",
            ),
            check(
                "Dezelfde Peugeot, dezelfde schade, maar de eigenaar is een particulier. Wat is "
                "uw advies?",
                [
                    "Herstellen: de kosten exclusief btw liggen onder de grens.",
                    "Total loss: de kosten inclusief btw liggen boven de grens.",
                    "Dat hangt af van het laagste bod.",
                ],
                2,
                f"Een particulier kan de btw niet verrekenen: vergelijk {_money(c.incl_vat)} "
                f"inclusief btw met {_money(c.threshold)}. Dat is meer, dus total loss.",
            ),
            sources(
                "ANWB, 'Auto total loss' (anwb.nl, juridisch advies): economisch total loss "
                "als de reparatiekosten hoger zijn dan de waarde voor het ongeluk min de "
                "restwaarde; de restwaarde volgt uit biedingen van opkopers.",
                "Euro Expertise, 'Total loss' (euroexpertise.nl): restwaardebiedingen via een "
                "total-lossbureau, verkoop aan de opkoper met het hoogste bod.",
                "Nedasco, 'In- of exclusief btw verzekeren?' (nedasco.nl): een ondernemer die "
                "de btw aftrekt, krijgt de schade-uitkering zonder btw.",
                "Calculatiespecificatie schadecalc/1 §2.11 en §8: vergelijking exclusief btw "
                "voor een eigenaar die btw verrekent; een marge-auto met de waarden zoals "
                "gegeven.",
            ),
        ],
    }


def _wa_lesson() -> dict[str, Any]:
    f = wa_claim_figures()
    return {
        "slug": WA_LESSON,
        "title": "Schade op de tegenpartij: tegenexpertise, cessie, gebruiksderving en "
        "waardevermindering",
        "summary": (
            "Als de expert van de WA-verzekeraar wil herstellen waar u wilt vervangen, legt u "
            "uw standpunt vast en vraagt u een tegenexpertise aan. Met een akte van cessie "
            "claimt u rechtstreeks; gebruiksderving en waardevermindering horen in het dossier."
        ),
        "minutes": 25,
        "work_processes": ["1.3"],
        "knowledge_items": ["K01", "K02", "K03"],
        "competence_areas": [ORGANISEREN, ANALYSEREN],
        "trade_offs": ["expert-raadplegen", "repareren-of-vervangen"],
        "case_briefs": [],
        "body": [
            p(
                "Is een tegenpartij aansprakelijk, dan betaalt haar WA-verzekeraar. Die stuurt "
                "vaak een expert. Bent u het als herstelbedrijf niet met hem eens, dan legt u "
                "uw standpunt met foto's en argumenten vast en vraagt u namens de klant een "
                "tegenexpertise aan.",
            ),
            html(
                "<h2>Repareren of vervangen: wanneer houdt u vast?</h2>"
                "<p>Een vouw die dwars over een karakterlijn loopt, met gerekte plaat, krijgt u "
                "met uitdeuken niet vormvast terug; er is veel plamuur nodig en de lijn blijft "
                "zichtbaar. Een vouw in een onderdeel dat de fabrikant niet laat herstellen "
                "(hoogsterkte staal) vervangt u altijd. Leg het vast met foto's van de vouw en "
                "de karakterlijn, en met de voertuigspecifieke informatie.</p>",
            ),
            html(
                "<h2>De tegenexpertise</h2>"
                "<p>De benadeelde mag een eigen expert inschakelen. Komen de twee experts er niet "
                "uit, dan beslist een derde expert (arbiter). Bij schade door een aansprakelijke "
                "tegenpartij zijn de redelijke kosten voor de WA-verzekeraar van die partij. "
                "Vraag de tegenexpertise aan na het rapport van de expert en vóór het herstel: "
                "wat al hersteld is, kan niemand meer beoordelen.</p>",
            ),
            html(
                "<h2>De akte van cessie vóór de claim</h2>"
                "<p>Met de akte van cessie draagt de klant haar vordering op de WA-verzekeraar "
                "over aan het herstelbedrijf. Laat haar tekenen voordat u de eindcalculatie of "
                "andere posten bij de verzekeraar claimt, en stuur de akte mee. De akte moet de "
                "vordering bepaalbaar noemen: de schade, de datum en de verzekeraar.</p>",
            ),
            example(
                "Rekenvoorbeeld: gebruiksderving bij de Clio",
                case_calculation_text(WA_CASE, "reference_final"),
                "De klant heeft geen vervangende auto. De expert van de WA-verzekeraar rekent "
                f"{_money(f.day_amount)} per dag gebruiksderving en stelt de waardevermindering "
                f"op {_money(f.loss_of_value)}.",
                f"De reparatie duurt volgens de calculatie {f.days} werkdagen. Gebruiksderving: "
                f"{f.days} × {_money(f.day_amount)} = {_money(f.amount)}. Samen met de "
                f"waardevermindering van {_money(f.loss_of_value)} claimt u dat namens de klant; "
                f"de herstelkosten ({_money(f.repair_incl_vat)} inclusief btw) claimt u met de "
                "akte van cessie rechtstreeks.",
            ),
            attention(
                "Geen normtabel uit het hoofd",
                "Een openbare Nederlandse normtabel voor gebruiksderving is er niet; verzekeraars "
                "hanteren eigen bedragen per voertuigklasse. Neem het bedrag per dag uit het "
                "rapport van de expert en de dagen uit de calculatie, en noem de klant vooraf "
                "geen bedrag.",
            ),
            check(
                "De klant tekent de akte van cessie pas nadat u de eindcalculatie bij de "
                "WA-verzekeraar hebt ingediend. Wat is het probleem?",
                [
                    "Geen: de akte mag altijd later.",
                    "U claimt iets wat nog niet van u is: de vordering is dan nog van de klant.",
                    "De klant moet dan zelf de tegenexpertise betalen.",
                ],
                2,
                "Zolang de klant niet heeft getekend, is de vordering van haar. Laat de akte "
                "tekenen vóór u claimt en stuur haar mee.",
            ),
            sources(
                "Consumentenbond, 'Eigen schade-expert inschakelen' (consumentenbond.nl): "
                "contra-expert, arbiter, kosten voor de WA-verzekeraar van de tegenpartij.",
                "FOCWA Verzekeringsdienst, 'Contra-expertise' (focwaverzekeringsdienst.nl).",
                "mkbrecht.nl, 'Tip: let bij de akte van cessie ook op de "
                "bepaalbaarheidsvereiste' (2019).",
                "ANWB, 'Waardevermindering' (anwb.nl, juridisch advies): een expert stelt vast "
                "of en hoeveel; niet via de eigen casco, wel bij een aansprakelijke tegenpartij.",
                "Gebruiksderving: geen openbare Nederlandse normtabel gevonden; het bedrag per "
                "dag in de casus is illustratief, uit het rapport van de expert.",
            ),
        ],
    }


def with_claim_lessons(modules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`modules` with the VAT lesson in "werkvoorbereiding" and the WA-claim lesson in
    "schadedossier" (nothing changed in place)."""
    added = {"werkvoorbereiding": _vat_lesson(), "schadedossier": _wa_lesson()}
    return [
        {**module, "lessons": [*module["lessons"], added[module["slug"]]]}
        if module["slug"] in added
        else module
        for module in modules
    ]
