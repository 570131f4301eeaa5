"""A trainee takes the demo Golf from intake to delivery in the browser, every step on the real
pages: the dossier's step forms, the calculation editor (zone on the outline → part →
operation), the paying party's answers, the hidden damage and its supplement, the final
inspection and the delivery. The delivered attempt then waits in the assessor's queue.

The Golf (cases/demo_cases/golf-front-low-speed.json) is repairable, its paying party approves a
correct calculation without an expertise (below € 5.000), the customer needs a replacement car,
and the workshop finds a bent bumper beam: every work process 1.1–1.4 is walked through. The
calculation is the case's reference pre-calculation, typed in as a trainee would.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.e2e.flows import (
    dossier_phase,
    login_as,
    make_move,
    path_of,
    timeline_entry,
    timeline_kinds,
)

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CASE_SLUG = "golf-front-low-speed"
SAVED = re.compile(r"^Opgeslagen \(versie \d+\)$")


@pytest.fixture
def golf(demo_data):
    from cases.models import Case
    from cases.selectors import latest_published_version

    return latest_published_version(Case.objects.get(slug=CASE_SLUG))


def _zone_of(vehicle_id: str, code: str) -> str | None:
    """The catalogue zone a part is listed under; None for a work code (no zone)."""
    from calcengine.catalogue import get_vehicle

    for zone, parts in get_vehicle(vehicle_id).parts_by_zone().items():
        if any(part.code == code for part in parts):
            return zone
    return None


def _add_line(page, vehicle_id: str, line: dict) -> None:
    """Add one line as a trainee does: pick the zone on the outline, click the part, choose the
    operation (and paint level, repair time, source), press "Toevoegen"; wait for the autosave."""
    from calcengine.catalogue import ZONE_NAMES

    rows = page.locator("#calc-lines-body tr[data-index]")
    before = rows.count()
    add = page.locator("#calc-add")
    zone = _zone_of(vehicle_id, line["code"])
    if zone is None:
        add.get_by_label("Onderdeel of werkcode").select_option(line["code"])
    else:
        outline = page.locator("svg.calc-outline").get_by_role("link", name=ZONE_NAMES[zone])
        if outline.count():
            outline.click()
        else:
            page.locator(".calc-zone-list").get_by_role("link", name=ZONE_NAMES[zone]).click()
        expect(page.locator("#calc-parts-title")).to_have_text(ZONE_NAMES[zone])
        page.locator("#calc-parts").locator(f'button.calc-part[data-code="{line["code"]}"]').click()
        expect(add.get_by_label("Onderdeel of werkcode")).to_have_value(line["code"])
    add.get_by_label("Bewerking").select_option(line["operation"])
    paint = (line.get("paint") or {}).get("mode", "")
    add.get_by_label("Lakniveau").select_option(paint)
    add.get_by_label("Hersteltijd (AE)").fill(
        line["labour_units"] if line["operation"] == "repair" else ""
    )
    add.get_by_label("Herkomst").select_option(line.get("part_source", "oem"))
    add.get_by_role("button", name="Toevoegen").click()
    expect(rows).to_have_count(before + 1)
    row = rows.nth(before)
    expect(row).to_contain_text(line["code"])
    if line.get("labour_units") and line["operation"] != "repair":
        units = row.get_by_label("Arbeid (AE)")
        if units.input_value() != line["labour_units"]:
            # the catalogue's standard time differs from the case's: type the case's time
            units.fill(line["labour_units"])
            units.press("Tab")
    expect(page.locator("#calc-status")).to_have_text(SAVED)


def _build_calculation(page, version, lines: list[dict], shot=None) -> None:
    """Open the editor from the dossier, add `lines`, check the totals and go back."""
    with page.expect_navigation():
        page.get_by_role("link", name="Open de calculatie-editor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Calculatie")
    for line in lines:
        _add_line(page, version.vehicle_id, line)
    expect(page.locator("#calc-totals")).to_contain_text("Herstel is economisch verantwoord")
    if shot is not None:
        shot("calculatie-editor")
    with page.expect_navigation():
        page.get_by_role("link", name="Naar het dossier").click()


def _expected_total(version, lines: list[dict]) -> str:
    """The engine's total incl. VAT of these lines, in the timeline's notation."""
    import calcengine
    from calcengine.formatting import format_money
    from cases.calculations.inputs import calculation_input

    clean = [{k: v for k, v in line.items() if k != "assess"} for line in lines]
    output = calcengine.estimate(calculation_input(case_version=version, lines=clean))
    return format_money(output["total_incl_vat"])


def _approved(page, kind: str) -> None:
    """The paying party's last answer, about a calculation of `kind`, says "Akkoord."."""
    from cases.models import CalculationKind

    decision = timeline_entry(page, "Beslissing betalende partij")
    expect(decision).to_contain_text("Akkoord.")
    expect(decision).to_contain_text(str(CalculationKind(kind).label))


def test_trainee_takes_the_golf_from_intake_to_delivery(page, golf, shot, another_page):
    from calcengine.catalogue import ZONE_NAMES
    from cases.models import AttemptStatus
    from cases.timeline import EventKind

    customer = golf.customer
    # what the trainee reads in the brief: "… Kenteken: K-482-TD."
    plate = re.search(r"Kenteken: ([A-Z0-9]+(?:-[A-Z0-9]+)+)", golf.briefing).group(1)
    start = golf.start_date
    planned = start + dt.timedelta(days=2)
    reference = golf.reference_precalc["lines"]
    hidden = golf.hidden_damage["lines"]

    # --- the trainee starts the case ------------------------------------------------------
    login_as(page, "cursist1")
    page.goto(reverse("cases:index"))
    card = page.locator("li.card").filter(has_text=golf.case.title)
    with page.expect_navigation():
        card.get_by_role("button", name="Start deze casus").click()
    assert re.fullmatch(r"/casussen/pogingen/\d+/", path_of(page)), page.url
    dossier_path = path_of(page)
    attempt_id = int(dossier_path.rstrip("/").rsplit("/", 1)[1])

    # --- 1.1 intake ------------------------------------------------------------------------
    def dossier(form):
        form.get_by_label("Naam klant").fill(customer["name"])
        form.get_by_label("Kenteken").fill(plate)
        form.get_by_label("Verzekeraar").fill(customer["insurer"])
        form.get_by_label("Polisnummer").fill(customer["policy_number"])
        form.get_by_label("Dekking").select_option("casco")

    make_move(page, "create_dossier", dossier)

    def damage(form):
        for zone in golf.expected_damage_zones:
            form.get_by_label(ZONE_NAMES[zone], exact=True).check()
        form.get_by_label("Omschrijving zichtbare schade").fill(
            "Voorbumper gescheurd, grille en koplamp rechts gebroken, deuk in de motorkap, "
            "voorscherm rechts geschaafd. Frontradar achter het embleem."
        )

    make_move(page, "record_damage", damage)
    make_move(
        page,
        "record_customer_wishes",
        lambda form: form.get_by_label("Wensen van de klant").fill(
            "Vervangend vervoer (wijkverpleegkundige), auto binnen een week terug, originele koplamp."
        ),
    )
    make_move(
        page,
        "signal_upsell",
        lambda form: form.get_by_label("Gesignaleerd meerwerk").fill(
            "Sterretje in de voorruit buiten het camerabeeld: harsen via de ruitdekking."
        ),
    )
    for index, question in enumerate(customer["questions"]):

        def answer(form, index=index, question=question):
            form.get_by_label("Vraag").select_option(str(index))
            expect(form.get_by_label("Vraag").locator("option:checked")).to_have_text(
                question["question"]
            )
            form.get_by_label("Uw antwoord").fill(f"Antwoord {index + 1}: zie de VSI en de polis.")

        make_move(page, "answer_customer_question", answer)
    make_move(
        page,
        "give_advice",
        lambda form: form.get_by_label("Advies aan de klant").fill(
            "Herstellen in het netwerk van de verzekeraar, met kalibratie van radar en sensoren."
        ),
    )

    def estimate(form):
        form.get_by_label("Geschatte kosten (€, incl. btw)").fill("3.500,00")
        form.get_by_label("Geschatte reparatieduur (werkdagen)").fill("4")

    make_move(page, "record_first_estimate", estimate)
    make_move(
        page,
        "receive_repair_order",
        lambda form: form.get_by_label("Inplannen op (onder voorbehoud van goedkeuring)").fill(
            planned.isoformat()
        ),
    )
    assert dossier_phase(page) == AttemptStatus.PREPARATION.label
    # the timeline speaks Dutch: zone names, "€ 3.500,00", "18-03-2026"
    expect(timeline_entry(page, "Zichtbare schade opgenomen")).to_contain_text(
        ", ".join(ZONE_NAMES[zone] for zone in golf.expected_damage_zones)
    )
    expect(timeline_entry(page, "Eerste inschatting vastgelegd")).to_contain_text("€ 3.500,00")
    expect(timeline_entry(page, "Reparatie ingepland")).to_contain_text(
        planned.strftime("%d-%m-%Y")
    )
    shot("intake")

    # --- 1.2 the pre-calculation, built in the editor, approved by the paying party ----------
    _build_calculation(page, golf, reference, shot)
    make_move(page, "submit_precalc")
    _approved(page, "precalc")
    expect(timeline_entry(page, "Calculatie aangeboden")).to_contain_text(
        _expected_total(golf, reference)
    )

    # --- 1.2 work preparation after approval -------------------------------------------------
    def transport(form):
        form.get_by_label("Vervangend vervoer").select_option("replacement_car")
        form.get_by_label("Dagprijs (€)").fill("45,00")
        form.get_by_label("Van:", exact=True).fill(planned.isoformat())
        form.get_by_label("Tot en met").fill((planned + dt.timedelta(days=6)).isoformat())

    make_move(page, "arrange_replacement_transport", transport)
    make_move(
        page,
        "create_work_order",
        lambda form: form.get_by_label("Instructies voor de werkplaats").fill(
            "Bumper, grille en koplamp vervangen, motorkap uitdeuken, voorscherm inspuiten; "
            "frontradar kalibreren en parkeersensoren inleren, rapporten in het dossier."
        ),
    )
    make_move(page, "order_parts")
    make_move(
        page,
        "receive_vehicle",
        lambda form: form.get_by_label("Kilometerstand").fill(
            str(golf.vehicle_snapshot["mileage_km"] + 40)
        ),
    )
    make_move(
        page,
        "check_reception",
        lambda form: form.get_by_label("Bevindingen").fill(
            "Rondgang gedaan met de klant: geen nieuwe schade."
        ),
    )

    def hand_over(form):
        form.get_by_label("Kilometerstand vervangende auto bij uitgifte").fill("12400")
        form.get_by_label("Brandstof/laadniveau").fill("vol")

    make_move(page, "hand_over_replacement_car", hand_over)

    # --- 1.3 the workshop finds hidden damage: supplement, approval, the customer informed -----
    make_move(page, "start_repair")
    expect(timeline_entry(page, "Verborgen schade gevonden")).to_contain_text(
        golf.hidden_damage["description"]
    )
    assert dossier_phase(page) == AttemptStatus.SUPPLEMENT_PENDING.label
    _build_calculation(page, golf, hidden)
    make_move(page, "submit_supplement")
    _approved(page, "supplement")
    make_move(page, "order_parts")
    ordered = timeline_entry(page, "Onderdelen besteld")
    for line in hidden:
        expect(ordered).to_contain_text(line["code"])

    def inform(form):
        form.get_by_label("Onderwerp").select_option("change")
        form.get_by_label("Wat vertelt u de klant?").fill(
            "De bumperbalk is verbogen en wordt vervangen; de verzekeraar heeft dat goedgekeurd."
        )

    make_move(page, "inform_customer", inform)
    make_move(page, "submit_final")
    _approved(page, "final")
    expect(timeline_entry(page, "Eindcalculatie aangeboden")).to_contain_text(
        _expected_total(golf, [*reference, *hidden])
    )
    shot("dossier-tijdlijn")

    # --- 1.4 final inspection and delivery ---------------------------------------------------
    # The trainee's own list (issue #16): the case's checklist is hidden until delivery.
    def inspection(form):
        form.get_by_label("Uw eindcontrolelijst (één controlepunt per regel)").fill(
            "Kalibratierapporten radar en parkeersensoren in het dossier\n"
            "Proefrit: geen storingsmeldingen\n"
            "Kleur en glans bij daglicht"
        )
        form.get_by_label("Opmerkingen").fill("Proefrit gemaakt, geen meldingen.")

    make_move(page, "final_inspection", inspection)
    expect(timeline_entry(page, "Optische eindcontrole uitgevoerd")).to_contain_text(
        "Proefrit: geen storingsmeldingen"
    )

    def deliver(form):
        form.get_by_label("Toelichting op de uitgevoerde werkzaamheden").fill(
            "Voorzijde hersteld, radar en parkeersensoren gekalibreerd (rapporten bijgevoegd); "
            "eigen risico € 150,00."
        )
        form.get_by_label("Kilometerstand vervangende auto bij inname").fill("12530")
        for question in customer["last_questions"]:
            form.get_by_label(f"Antwoord op: {question['question']}").fill(
                "Achter de bumper bleek de bumperbalk verbogen; de verzekeraar keurde dat vooraf goed."
            )

    make_move(page, "deliver_vehicle", deliver)

    # --- the dossier ends delivered, every step on its timeline -------------------------------
    expect(page.locator("span.badge", has_text="ingeleverd voor beoordeling")).to_have_count(1)
    expect(
        page.get_by_text("Dit dossier is afgesloten en ingeleverd voor beoordeling.")
    ).to_be_visible()
    assert dossier_phase(page) == AttemptStatus.DELIVERED.label
    assert page.locator("details[id^=stap-]").count() == 0
    kinds = timeline_kinds(page)
    for kind in (
        EventKind.DOSSIER_CREATED,
        EventKind.DAMAGE_RECORDED,
        EventKind.CUSTOMER_WISHES_RECORDED,
        EventKind.UPSELL_SIGNALLED,
        EventKind.CUSTOMER_QUESTION_ANSWERED,
        EventKind.ADVICE_GIVEN,
        EventKind.FIRST_ESTIMATE_RECORDED,
        EventKind.REPAIR_ORDER_RECEIVED,
        EventKind.REPAIR_PLANNED,
        EventKind.CALCULATION_SUBMITTED,
        EventKind.PAYER_DECISION,
        EventKind.REPLACEMENT_TRANSPORT_ARRANGED,
        EventKind.WORK_ORDER_CREATED,
        EventKind.PARTS_ORDERED,
        EventKind.VEHICLE_RECEIVED,
        EventKind.RECEPTION_CHECK_DONE,
        EventKind.REPLACEMENT_CAR_HANDED_OVER,
        EventKind.REPAIR_STARTED,
        EventKind.HIDDEN_DAMAGE_REVEALED,
        EventKind.SUPPLEMENT_SUBMITTED,
        EventKind.CUSTOMER_INFORMED,
        EventKind.FINAL_CALCULATION_SUBMITTED,
        EventKind.FINAL_INSPECTION_DONE,
        EventKind.VEHICLE_DELIVERED,
        EventKind.CUSTOMER_QUESTIONS_ANSWERED,
    ):
        assert str(kind.label) in kinds, f"{kind.label!r} missing from the timeline: {kinds}"
    assert kinds.count(str(EventKind.CUSTOMER_QUESTION_ANSWERED.label)) == len(
        customer["questions"]
    )
    assert kinds.count(str(EventKind.PAYER_DECISION.label)) == 3
    assert str(EventKind.MOVE_REFUSED.label) not in kinds
    shot("aflevering")

    # --- and waits in the assessor's queue ---------------------------------------------------
    assessor = another_page()
    login_as(assessor, "beoordelaar1")
    assert path_of(assessor) == reverse("assessment:queue")
    start_grading = reverse("assessment:grade_start", kwargs={"attempt_id": attempt_id})
    row = assessor.locator("table.queue tbody tr").filter(
        has=assessor.locator(f'button[formaction="{start_grading}"]')
    )
    expect(row).to_have_count(1)
    expect(row).to_contain_text(golf.case.title)
    from schadeplatform.accounts.demo import DEMO_USERS

    _role, first_name, last_name, _password = DEMO_USERS["cursist1"]
    expect(row).to_contain_text(f"{first_name} {last_name}")
