"""The dossier says first what happened and what is next: the paying party's last decision (red
with its reasons in words when it rejected), the hidden damage, the customer's open questions and
the next required step, read from the workflow's declarations."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from cases import workflow as wf
from cases.dossier_status import dossier_status
from cases.models import AttemptStatus
from cases.timeline import SUBMISSION_KINDS, EventKind
from tests.cases.flow import (
    do_intake,
    precalc_lines,
    prepare_repair,
    save_lines,
    to_approved,
    with_hidden_damage_lines,
)
from tests.factories.cases import (
    BUMPER,
    GRILLE,
    AttemptFactory,
    PublishedCaseVersionFactory,
    hidden_damage,
    line,
    payer_rules,
)

pytestmark = pytest.mark.django_db

# A stored code as it would leak: snake_case, UPPER_CASE, or a Python structure.
RAW_CODE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|[{}\[\]]")


def dossier_url(attempt):
    return reverse("cases:attempt-detail", kwargs={"pk": attempt.pk})


def move(client, attempt, name, data=None, expect=200):
    url = reverse("cases:attempt-move", kwargs={"pk": attempt.pk, "move": name})
    response = client.post(url, {f"{name}-{k}": v for k, v in (data or {}).items()}, follow=True)
    assert response.status_code == expect, (name, response.content.decode()[:500])
    attempt.refresh_from_db()
    return response


@pytest.fixture
def hidden_attempt(trainee, cohort):
    attempt = AttemptFactory(
        trainee=trainee,
        cohort=cohort,
        case_version=PublishedCaseVersionFactory(hidden_damage=hidden_damage()),
    )
    to_approved(attempt, trainee)
    prepare_repair(attempt, trainee)
    return wf.attempt_start_repair(attempt=attempt, by=trainee)


def reject_supplement(attempt, trainee):
    # the bumper is replaced but its sensors are not calibrated: the payer rejects
    save_lines(
        attempt,
        trainee,
        [line(GRILLE, "replace", line_id="1"), line(BUMPER, "replace", line_id="2")],
    )
    return wf.attempt_submit_supplement(attempt=attempt, by=trainee)


def visible_text(html):
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main")
    for hidden in main.find_all(["script", "style"]):
        hidden.decompose()
    return main.get_text(" ", strip=True).replace("\u00a0", " ")


def test_a_rejected_supplement_makes_the_panel_red_with_its_reasons_in_words(
    hidden_attempt, trainee
):
    # when
    reject_supplement(hidden_attempt, trainee)
    status = dossier_status(hidden_attempt)
    # then
    assert hidden_attempt.status == AttemptStatus.SUPPLEMENT_PENDING
    assert status.decision.rejected
    assert status.tone == "bad"
    assert status.decision.tone == "bad"
    assert status.decision.kind_label == "suppletie"
    assert status.decision.reasons, "a rejection names its reasons"
    for reason in status.decision.reasons:
        assert not RAW_CODE.search(reason), reason
        assert len(reason.split()) > 3, reason
    # the next step is to offer the supplement again, after correcting the calculation
    assert status.next_step.move == "submit_supplement"
    assert "opnieuw" in status.next_step.hint
    assert status.hidden_damage == "Achter de bumper is de bumperbalk ingedrukt."


def test_the_page_says_a_rejected_supplement_in_red_never_recorded_in_green(
    hidden_attempt, trainee, client_for
):
    client = client_for(trainee)
    save_lines(
        hidden_attempt,
        trainee,
        [line(GRILLE, "replace", line_id="1"), line(BUMPER, "replace", line_id="2")],
    )
    response = move(client, hidden_attempt, "submit_supplement")
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    messages = [(li.get("class"), li.get_text()) for li in soup.select(".messages li")]
    assert messages == [
        (
            ["error"],
            "Suppletie aanbieden: afgewezen door de betalende partij. De redenen staan bovenaan.",
        )
    ]
    panel = soup.select_one("#status")
    assert "bad" in panel["class"]
    assert panel.select_one(".decision-outcome").get_text() == "Afgewezen."
    assert panel.select(".reasons li")
    button = panel.select_one("a.next-step-button")
    assert button["href"] == "#stap-submit_supplement"
    # the step's form is open on the page, so the button leads to it opened
    assert soup.select_one("details#stap-submit_supplement").has_attr("open")
    # the panel comes before the case brief and the timeline
    assert str(soup).index('id="status"') < str(soup).index('id="brief-title"')


def test_an_approved_submission_says_so_with_the_payers_answer(trainee, cohort, client_for):
    attempt = AttemptFactory(trainee=trainee, cohort=cohort)
    do_intake(attempt, trainee)
    save_lines(attempt, trainee, precalc_lines())
    response = move(client_for(trainee), attempt, "submit_precalc")
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert [li.get_text() for li in soup.select(".messages li.success")] == [
        "Voorcalculatie aanbieden: vastgelegd. Betalende partij: Akkoord."
    ]
    assert "bad" not in soup.select_one("#status")["class"]


def test_the_next_step_follows_the_declared_requirements_through_intake(trainee):
    version = PublishedCaseVersionFactory(
        hv_facts={"airbags_fired": False}, expected_hv_judgement="safe"
    )
    attempt = AttemptFactory(trainee=trainee, case_version=version)
    assert version.is_hv

    def next_move():
        return dossier_status(attempt).next_step.move

    assert next_move() == "create_dossier"
    wf.attempt_create_dossier(
        attempt=attempt,
        by=trainee,
        customer_name="K",
        license_plate="AB-1",
        insurer="V",
        cover="casco",
    )
    assert next_move() == "record_damage"
    wf.attempt_record_damage(attempt=attempt, by=trainee, zones=["front"], description="Deuk")
    assert next_move() == "record_hv_judgement"
    wf.attempt_record_hv_judgement(
        attempt=attempt,
        by=trainee,
        judgement="safe",
        safe_to_park=True,
        safe_to_work=True,
        reasons="ok",
    )
    assert next_move() == "record_first_estimate"
    wf.attempt_record_first_estimate(
        attempt=attempt, by=trainee, amount=Decimal("500"), repair_days=2
    )
    assert next_move() == "receive_repair_order"
    wf.attempt_receive_repair_order(
        attempt=attempt, by=trainee, planned_date=attempt.simulated_date + dt.timedelta(days=2)
    )
    assert next_move() == "submit_precalc"
    assert dossier_status(attempt).next_step.calculation


def test_a_petrol_car_needs_no_hv_judgement_as_next_step(trainee):
    attempt = AttemptFactory(trainee=trainee)
    wf.attempt_create_dossier(
        attempt=attempt,
        by=trainee,
        customer_name="K",
        license_plate="AB-1",
        insurer="V",
        cover="casco",
    )
    wf.attempt_record_damage(attempt=attempt, by=trainee, zones=["front"], description="Deuk")
    assert dossier_status(attempt).next_step.move == "record_first_estimate"


def test_after_approval_the_preparation_comes_before_the_repair(trainee):
    attempt = AttemptFactory(trainee=trainee)
    to_approved(attempt, trainee)
    assert dossier_status(attempt).next_step.move == "create_work_order"
    wf.attempt_create_work_order(attempt=attempt, by=trainee, instructions="Vervangen")
    assert dossier_status(attempt).next_step.move == "order_parts"
    wf.attempt_order_parts(attempt=attempt, by=trainee)
    assert dossier_status(attempt).next_step.move == "receive_vehicle"
    wf.attempt_receive_vehicle(attempt=attempt, by=trainee, odometer=100)
    assert dossier_status(attempt).next_step.move == "check_reception"
    wf.attempt_check_reception(attempt=attempt, by=trainee, new_damage_found=False)
    assert dossier_status(attempt).next_step.move == "start_repair"


def test_a_rejection_for_a_missing_expertise_makes_requesting_one_the_next_step(trainee):
    version = PublishedCaseVersionFactory(payer_rules=payer_rules(expert_required=True))
    attempt = AttemptFactory(trainee=trainee, case_version=version)
    do_intake(attempt, trainee)
    save_lines(attempt, trainee, precalc_lines())
    wf.attempt_submit_precalc(attempt=attempt, by=trainee)
    status = dossier_status(attempt)
    assert status.decision.rejected
    assert status.next_step.move == "request_expert"
    wf.attempt_request_expert(attempt=attempt, by=trainee)
    assert dossier_status(attempt).next_step.move == "receive_expertise"
    wf.attempt_receive_expertise(attempt=attempt, by=trainee)
    status = dossier_status(attempt)
    assert not status.decision.rejected
    assert status.next_step.move == "create_work_order"


def test_the_customers_open_questions_are_those_not_answered_yet(trainee):
    attempt = AttemptFactory(trainee=trainee)
    questions = [q["question"] for q in attempt.case_version.customer["questions"]]
    assert questions
    assert dossier_status(attempt).open_questions == questions
    wf.attempt_answer_customer_question(
        attempt=attempt, by=trainee, question_index=0, answer="Twee dagen"
    )
    assert dossier_status(attempt).open_questions == questions[1:]


def test_a_closed_dossier_has_no_next_step(hidden_attempt, trainee):
    save_lines(hidden_attempt, trainee, with_hidden_damage_lines())
    wf.attempt_submit_supplement(attempt=hidden_attempt, by=trainee)
    wf.attempt_order_parts(attempt=hidden_attempt, by=trainee)
    wf.attempt_submit_final(attempt=hidden_attempt, by=trainee)
    assert dossier_status(hidden_attempt).next_step.move == "final_inspection"
    wf.attempt_final_inspection(attempt=hidden_attempt, by=trainee, items=["Lakkleur"])
    assert dossier_status(hidden_attempt).next_step.move == "deliver_vehicle"
    wf.attempt_deliver_vehicle(
        attempt=hidden_attempt, by=trainee, explanation="Klaar", answers=["Wassen na 4 weken"]
    )
    status = dossier_status(hidden_attempt)
    assert status.closed and status.next_step is None and status.tone == "neutral"


def test_a_rejected_final_calculation_for_a_part_never_ordered_asks_to_order_it(
    hidden_attempt, trainee
):
    save_lines(hidden_attempt, trainee, with_hidden_damage_lines())
    wf.attempt_submit_supplement(attempt=hidden_attempt, by=trainee)
    wf.attempt_submit_final(attempt=hidden_attempt, by=trainee)  # the bumper beam not ordered
    assert dossier_status(hidden_attempt).next_step.move == "order_parts"
    wf.attempt_order_parts(attempt=hidden_attempt, by=trainee)
    # answered: offering the final calculation again is next
    assert dossier_status(hidden_attempt).next_step.move == "submit_final"


# -- one event per submission ------------------------------------------------------------------


def test_each_submission_records_one_event(hidden_attempt, trainee):
    save_lines(hidden_attempt, trainee, with_hidden_damage_lines())
    wf.attempt_submit_supplement(attempt=hidden_attempt, by=trainee)
    wf.attempt_order_parts(attempt=hidden_attempt, by=trainee)
    wf.attempt_submit_final(attempt=hidden_attempt, by=trainee)
    submissions = list(
        hidden_attempt.events.filter(kind__in=SUBMISSION_KINDS)
        .order_by("pk")
        .values_list("kind", "data__version_number")
    )
    assert submissions == [
        (EventKind.CALCULATION_SUBMITTED, 1),
        (EventKind.SUPPLEMENT_SUBMITTED, 2),
        (EventKind.FINAL_CALCULATION_SUBMITTED, 3),
    ]
    assert hidden_attempt.calculation_versions.count() == 3


def test_a_stored_pair_of_submission_events_is_shown_once(hidden_attempt, trainee, client_for):
    save_lines(hidden_attempt, trainee, with_hidden_damage_lines())
    wf.attempt_submit_supplement(attempt=hidden_attempt, by=trainee)
    supplement = hidden_attempt.events.get(kind=EventKind.SUPPLEMENT_SUBMITTED)
    # as the workflow wrote it before: a second, general event for the same version
    hidden_attempt.events.create(
        kind=EventKind.CALCULATION_SUBMITTED,
        old_status=supplement.old_status,
        new_status=supplement.new_status,
        simulated_date=supplement.simulated_date,
        data={**supplement.data},
    )
    html = client_for(trainee).get(dossier_url(hidden_attempt)).content.decode()
    kinds = [s.get_text() for s in BeautifulSoup(html, "html.parser").select(".event-kind")]
    assert kinds.count("Suppletie aangeboden") == 1
    assert kinds.count("Calculatie aangeboden") == 1  # the pre-calculation's


# -- the timeline: newest first, every stored value in words -----------------------------------


def walk_a_whole_claim(attempt, trainee, client):
    """Every kind of step a claim has, on the dossier page, with a refusal and a rejection."""
    move(client, attempt, "deliver_vehicle", expect=409)  # refused: evidence on the timeline
    move(client, attempt, "record_customer_wishes", {"wishes": "Snel klaar"})
    move(client, attempt, "signal_upsell", {"description": "Steenslag"})
    move(client, attempt, "answer_customer_question", {"question_index": "0", "answer": "Ja"})
    move(client, attempt, "give_advice", {"advice": "Voorruit meenemen"})
    move(client, attempt, "report_wok", {"reason": "Geen constructieschade, nagegaan"})
    do_intake(attempt, trainee)
    save_lines(attempt, trainee, precalc_lines())
    move(client, attempt, "submit_precalc")
    move(
        client,
        attempt,
        "arrange_replacement_transport",
        {
            "kind": "replacement_car",
            "day_price": "35",
            "start_date": "2026-03-05",
            "end_date": "2026-03-09",
        },
    )
    move(
        client,
        attempt,
        "arrange_subcontract",
        {"supplier": "Ruitspecialist", "description": "Kalibratie", "quote_amount": "11250"},
    )
    move(client, attempt, "consult_vsi", {"note": "Radar"})
    move(client, attempt, "create_work_order", {"instructions": "Grille vervangen"})
    move(client, attempt, "order_parts")
    move(client, attempt, "receive_vehicle", {"odometer": "74800"})
    move(client, attempt, "check_reception", {"notes": "Geen nieuwe schade"})
    move(
        client, attempt, "hand_over_replacement_car", {"odometer_out": "1200", "fuel_level": "vol"}
    )
    move(client, attempt, "start_repair")
    reject_supplement(attempt, trainee)
    move(client, attempt, "inform_customer", {"topic": "change", "message": "Bumperbalk extra"})
    save_lines(attempt, trainee, with_hidden_damage_lines())
    move(client, attempt, "submit_supplement")
    move(client, attempt, "order_parts")
    move(client, attempt, "inform_customer", {"topic": "progress", "message": "Loopt"})
    move(client, attempt, "submit_final")
    move(client, attempt, "final_inspection", {"items": "Lakkleur\nSpleetmaten\nInterieur"})
    move(
        client,
        attempt,
        "deliver_vehicle",
        {"explanation": "Klaar", "replacement_odometer_in": "1300", "answer_0": "Wassen"},
    )


def test_a_whole_claims_dossier_shows_no_stored_code(hidden_attempt_factory, trainee, client_for):
    client = client_for(trainee)
    attempt = hidden_attempt_factory()
    walk_a_whole_claim(attempt, trainee, client)
    assert attempt.status == AttemptStatus.DELIVERED
    kinds = set(attempt.events.values_list("kind", flat=True))
    assert {EventKind.MOVE_REFUSED, EventKind.PAYER_DECISION, EventKind.PARTS_ORDERED} <= kinds
    assert len(kinds) >= 25, kinds
    html = client.get(dossier_url(attempt)).content.decode()
    text = visible_text(html)
    leaks = sorted(set(RAW_CODE.findall(text)))
    assert not leaks, leaks
    for code in ("safe", "approved", "rejected", "change", "progress", "replacement_car", "payer"):
        assert not re.search(rf"(?<![\w-]){code}(?![\w-])", text), code


def test_the_hv_judgement_is_shown_in_words(trainee, client_for):
    version = PublishedCaseVersionFactory(
        hv_facts={"airbags_fired": True}, expected_hv_judgement="quarantine"
    )
    attempt = AttemptFactory(trainee=trainee, case_version=version)
    wf.attempt_record_hv_judgement(
        attempt=attempt,
        by=trainee,
        judgement="quarantine",
        safe_to_park=False,
        safe_to_work=False,
        reasons="Airbags",
    )
    text = visible_text(client_for(trainee).get(dossier_url(attempt)).content.decode())
    assert "Quarantaine en batterijspecialist" in text
    assert not re.search(r"\bquarantine\b|\bFalse\b", text)


def test_the_timeline_is_newest_first_and_collapsible(hidden_attempt, trainee, client_for):
    html = client_for(trainee).get(dossier_url(hidden_attempt)).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    entries = soup.select("ol.timeline > li > details")
    assert len(entries) == hidden_attempt.events.count()
    kinds = [e.select_one(".event-kind").get_text() for e in entries]
    assert kinds[0] == "Verborgen schade gevonden"
    assert kinds[-1] == "Schadedossier aangemaakt"
    assert [e.has_attr("open") for e in entries[:4]] == [True, True, True, False]


def test_money_kilometres_and_dates_are_in_dutch_notation(
    hidden_attempt_factory, trainee, client_for
):
    client = client_for(trainee)
    attempt = hidden_attempt_factory()
    walk_a_whole_claim(attempt, trainee, client)
    text = visible_text(client.get(dossier_url(attempt)).content.decode())
    assert "€ 11.250,00" in text  # the subcontract's quote
    assert "74.800 km" in text  # the odometer at reception
    assert "€ 35,00" in text
    assert "05-03-2026" in text
    mileage = attempt.case_version.vehicle_snapshot["mileage_km"]
    assert f"{mileage:,} km".replace(",", ".") in text
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)  # no ISO date
    assert not re.search(r"\b\d+\.\d{2}\b", text)  # no machine amount such as 3500.00


@pytest.fixture
def hidden_attempt_factory(trainee, cohort):
    def make():
        return AttemptFactory(
            trainee=trainee,
            cohort=cohort,
            case_version=PublishedCaseVersionFactory(hidden_damage=hidden_damage()),
        )

    return make


# -- the language switch -----------------------------------------------------------------------


def test_stepper_and_stored_values_are_translated_when_shown_not_when_imported(trainee):
    from django.utils import translation

    from content.services import competence_profile_data, competence_profile_import

    data, _source = competence_profile_data()
    competence_profile_import(data=data)

    from cases.dossier_status import stages
    from cases.dossier_timeline import describe_event

    attempt = AttemptFactory(trainee=trainee)
    data = {"subject_to_approval": True, "planned_date": "2026-03-05"}
    with translation.override("nl"):
        assert [s["label"] for s in stages(attempt)][1] == "1.2 Uitvoeren van de werkvoorbereiding"
        assert describe_event(EventKind.REPAIR_PLANNED, data)[0] == (
            "onder voorbehoud van goedkeuring",
            "ja",
        )
    with translation.override("en"):
        assert [str(s["label"]) for s in stages(attempt)] == [
            "1.1 Carrying out the intake",
            "1.2 Preparing the repair work",
            "1.3 Monitoring the claim file",
            "1.4 Handing over the vehicle",
        ]
        assert describe_event(EventKind.REPAIR_PLANNED, data) == [
            ("subject to approval", "yes"),
            ("planned for", "05-03-2026"),
        ]
        assert describe_event(EventKind.HV_JUDGEMENT_RECORDED, {"judgement": "safe"}) == [
            ("judgement", "Store safely in a separate location and monitor")
        ]


def test_the_km_filter_writes_dutch_thousands():
    from schadeplatform.templatetags.dutch import km

    assert km(74800) == "74.800\u00a0km"
    assert km("61230") == "61.230\u00a0km"
    assert km(None) == ""
    assert km("onbekend") == "onbekend"


def test_an_experts_total_loss_report_makes_the_advice_the_next_step(trainee):
    from tests.factories.cases import golf_vehicle

    version = PublishedCaseVersionFactory(
        is_total_loss=True,
        vehicle_snapshot=golf_vehicle(value_before_damage="400.00", residual_value="300.00"),
    )
    attempt = AttemptFactory(trainee=trainee, case_version=version)
    do_intake(attempt, trainee)
    wf.attempt_request_expert(attempt=attempt, by=trainee)
    wf.attempt_receive_expertise(attempt=attempt, by=trainee)
    assert dossier_status(attempt).next_step.move == "advise_total_loss"


def test_an_assessor_reads_the_panel_without_the_buttons(
    hidden_attempt, trainee, assessor, client_for
):
    reject_supplement(hidden_attempt, trainee)
    html = client_for(assessor).get(dossier_url(hidden_attempt)).content.decode()
    panel = BeautifulSoup(html, "html.parser").select_one("#status")
    assert "bad" in panel["class"]
    assert (
        panel.select_one(".next-step")
        .get_text(" ", strip=True)
        .startswith("Volgende stap Suppletie aanbieden")
    )
    assert not panel.select("a.next-step-button")
