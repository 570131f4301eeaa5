"""The lesson on the final inspection and explaining the invoice (issue #16 item 3, "delivery
with findings"): the trainee's own final-inspection list, findings and rework, and who pays what
of the invoice of a VAT-registered business customer with own risk.

Added to the module "afleveren" of `lessons.py` (`with_delivery_lessons`, called by
`content.demo` as `with_topic_lessons` is). The worked example is the case
`bmw-3-delivery-findings`'s final reference; the split of its invoice is computed here from the
engine's output by `cases.invoice_split` (the rule's one owner), never typed: the figures the
text names are checked in tests/content/test_lesson_figures.py.
"""

from __future__ import annotations

from typing import Any

import calcengine
from calcengine.formatting import format_money
from cases.demo_files import demo_case
from cases.invoice_split import InvoiceSplit, invoice_split
from content.demo_content.lessons import (
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

CASE = "bmw-3-delivery-findings"
LESSON_SLUG = "eindcontrole-en-factuur-uitleggen"


def case_invoice_split() -> InvoiceSplit:
    """The split of the case's invoice: the engine's output of the final reference and the
    case's payer facts and customer."""
    case = demo_case(CASE)
    output = calcengine.estimate(case_calculation(CASE, "reference_final"))
    return invoice_split(output=output, payer_rules=case["payer_rules"], customer=case["customer"])


def _money(value: Any) -> str:
    return format_money(value)


def _delivery_lesson() -> dict[str, Any]:
    split = case_invoice_split()
    return {
        "slug": LESSON_SLUG,
        "title": "Eindcontrole, bevindingen en de factuur uitleggen aan een zakelijke klant",
        "summary": (
            "Maak je eigen eindcontrolelijst, leg vast wat je vindt, stuur de auto terug naar de "
            "werkplaats als dat nodig is en leg een zakelijke klant uit wat zij betaalt: het "
            "eigen risico en de btw."
        ),
        "minutes": 25,
        "work_processes": ["1.4"],
        "knowledge_items": ["K01", "K11", "K13", "K15", "K19"],
        "competence_areas": [ORGANISEREN, INTERACTEREN],
        "trade_offs": ["prijs-kwaliteit"],
        "case_briefs": [],
        "body": [
            p(
                "Bij de optische eindcontrole werk je niet een lijstje van een ander af: je "
                "bedenkt zelf wat je bij deze auto en dit herstel moet controleren. Een vage regel "
                "als 'alles gecontroleerd' zegt niets. Schrijf per punt wat je controleert en "
                "waarop je let.",
            ),
            html(
                "<h2>Wat hoort op je eindcontrolelijst?</h2>"
                "<ul><li><strong>Veiligheid en elektronica</strong>: na werk aan ADAS-sensoren "
                "het kalibratierapport in het dossier, en een proefrit zonder storingsmeldingen "
                "in het instrumentenpaneel.</li>"
                "<li><strong>Lakwerk</strong>: kleur en glans bij daglicht, ook het ingespoten "
                "(verlopen) paneel ernaast. Onder werkplaatsverlichting zie je een kleurverschil "
                "vaak niet.</li>"
                "<li><strong>Afwerking</strong>: spleetmaten, sluiten van portieren en kleppen, "
                "verlichting, parkeersensoren, en de auto schoon.</li>"
                "<li><strong>Administratie</strong>: vervangend vervoer ingenomen, de factuur en "
                "wie wat betaalt, antwoorden op de laatste vragen van de klant.</li></ul>",
            ),
            attention(
                "Een bevinding is een beslissing",
                "Vind je iets, leg het vast en beslis: terug naar de werkplaats (nawerk, daarna "
                "opnieuw controleren) of afleveren. Een kritieke bevinding, zoals een brandend "
                "waarschuwingslampje, een ontbrekend kalibratierapport of een zichtbaar "
                "kleurverschil, lever je niet af.",
            ),
            html(
                "<h2>De factuur van een zakelijke klant met eigen risico</h2>"
                "<p>Het herstelbedrijf factureert altijd inclusief 21 % btw. Een ondernemer die "
                "de btw verrekent, krijgt de schade van zijn verzekeraar exclusief btw vergoed: "
                "de uitkering is geen prestatie voor de btw, en de ondernemer trekt de btw op de "
                "factuur af als voorbelasting. Bij een cascoschade betaalt hij daarnaast het "
                "eigen risico van zijn polis. De klant betaalt dus het eigen risico plus de btw; "
                "de verzekeraar betaalt het bedrag exclusief btw min het eigen risico.</p>",
            ),
            example(
                "Rekenvoorbeeld: de factuur van Van Leeuwen Advies B.V.",
                case_calculation_text(CASE, "reference_final"),
                "De eindcalculatie van de BMW 320d, met de vervangen bumpergeleider. De B.V. is "
                f"casco verzekerd met {_money(split.own_risk)} eigen risico en verrekent de btw.",
                f"De factuur is {_money(split.total_incl_vat)} inclusief "
                f"{_money(split.vat)} btw ({_money(split.subtotal_excl_vat)} exclusief btw). "
                f"De klant betaalt het eigen risico {_money(split.own_risk)} plus de btw "
                f"{_money(split.vat)}: samen {_money(split.customer_pays)}. De verzekeraar "
                f"betaalt {_money(split.subtotal_excl_vat)} min {_money(split.own_risk)} = "
                f"{_money(split.payer_pays)}. Samen is dat de hele factuur. De btw krijgt de "
                "B.V. terug via haar btw-aangifte.",
            ),
            check(
                "Een particuliere klant (geen btw-aftrek) met dezelfde polis en dezelfde factuur: "
                "wat betaalt hij zelf?",
                [
                    "Het eigen risico plus de btw",
                    "Alleen het eigen risico",
                    "Niets: de verzekeraar betaalt alles",
                ],
                2,
                "Alleen het eigen risico. Een particulier kan de btw niet verrekenen; de "
                "verzekeraar vergoedt zijn schade daarom inclusief btw, min het eigen risico.",
            ),
            sources(
                "William Widjaja, 'Mobiliteit &amp; Fiscus | BTW over schade-uitkeringen', "
                "Fleet &amp; Mobility, maart 2020 (fleet-mobility.nl): de verzekeraar voldoet "
                "het bedrag exclusief btw, de ondernemer betaalt en verrekent de btw.",
                "'BTW doorberekenen of niet en hoe of wat?', administratie-voor-eenmanszaken.com "
                "(2012): rekenvoorbeeld van een schadeherstelfactuur met eigen risico, waarbij "
                "de klant btw plus eigen risico betaalt en de verzekeraar het bedrag exclusief "
                "btw min het eigen risico.",
                "De regels van de tariefset 'verzekeraar-netwerk-zakelijk' (calcengine/data): "
                "vergoeding exclusief btw; na werk aan ADAS-onderdelen is kalibratie verplicht en "
                "wordt het kalibratierapport bijgevoegd.",
            ),
        ],
    }


def with_delivery_lessons(modules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`modules` with this lesson added to the module "afleveren" (nothing changed in place)."""
    return [
        {**module, "lessons": [*module["lessons"], _delivery_lesson()]}
        if module["slug"] == "afleveren"
        else module
        for module in modules
    ]
