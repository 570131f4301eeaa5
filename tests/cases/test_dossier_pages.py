"""The trainee takes a case from intake to delivery in the browser (the calculation itself is
the calculation editor's; its draft is saved through its service here)."""

import pytest
from django.urls import reverse

from cases.models import Attempt, AttemptStatus
from cases.timeline import EventKind
from tests.cases.flow import save_lines, with_hidden_damage_lines
from tests.factories.cases import PublishedCaseVersionFactory, hidden_damage

pytestmark = pytest.mark.django_db


def move(client, attempt, name, data=None, expect=302):
    url = reverse("cases:attempt-move", kwargs={"pk": attempt.pk, "move": name})
    payload = {f"{name}-{key}": value for key, value in (data or {}).items()}
    response = client.post(url, payload)
    assert response.status_code == expect, response.content.decode()[:2000]
    attempt.refresh_from_db()
    return response


def test_a_trainee_works_a_case_from_intake_to_delivery_in_the_browser(trainee, cohort, client_for):
    version = PublishedCaseVersionFactory(hidden_damage=hidden_damage())
    client = client_for(trainee)
    # the start page offers the case
    index = client.get(reverse("cases:index"))
    assert version.case.title in index.content.decode()
    started = client.post(reverse("cases:attempt-start", kwargs={"slug": version.case.slug}))
    attempt = Attempt.objects.get(trainee=trainee)
    assert started.url == reverse("cases:attempt-detail", kwargs={"pk": attempt.pk})
    # 1.1 intake
    move(
        client,
        attempt,
        "create_dossier",
        {
            "customer_name": "J. de Vries",
            "license_plate": "AB-123-C",
            "insurer": "Verzekeraar",
            "policy_number": "1",
            "cover": "casco",
        },
    )
    move(client, attempt, "record_damage", {"zones": ["front"], "description": "Grille gebroken"})
    move(client, attempt, "record_customer_wishes", {"wishes": "Snel klaar"})
    move(client, attempt, "signal_upsell", {"description": "Steenslag voorruit"})
    move(
        client, attempt, "answer_customer_question", {"question_index": "0", "answer": "Twee dagen"}
    )
    move(client, attempt, "give_advice", {"advice": "Voorruit meenemen"})
    move(client, attempt, "record_first_estimate", {"amount": "450,00", "repair_days": "2"})
    move(client, attempt, "receive_repair_order", {"planned_date": "2026-03-05"})
    assert attempt.status == AttemptStatus.PREPARATION
    # 1.2 werkvoorbereiding
    save_lines(attempt, trainee, [with_hidden_damage_lines()[0]])
    move(client, attempt, "submit_precalc")
    assert attempt.status == AttemptStatus.APPROVED
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
    move(client, attempt, "consult_vsi", {"note": "Radar"})
    move(client, attempt, "create_work_order", {"instructions": "Grille vervangen"})
    move(client, attempt, "order_parts")
    move(client, attempt, "receive_vehicle", {"odometer": "61250"})
    move(client, attempt, "check_reception", {"notes": "Geen nieuwe schade"})
    move(
        client, attempt, "hand_over_replacement_car", {"odometer_out": "1200", "fuel_level": "vol"}
    )
    move(client, attempt, "start_repair")
    # 1.3 bewaken
    assert attempt.status == AttemptStatus.SUPPLEMENT_PENDING
    save_lines(attempt, trainee, with_hidden_damage_lines())
    move(client, attempt, "submit_supplement")
    move(client, attempt, "order_parts")
    move(client, attempt, "inform_customer", {"topic": "change", "message": "Bumperbalk extra"})
    move(client, attempt, "submit_final")
    assert attempt.status == AttemptStatus.FINAL_SUBMITTED
    # 1.4 afleveren
    move(client, attempt, "final_inspection", {"items": "Lakkleur\nSpleetmaten\nInterieur"})
    move(
        client,
        attempt,
        "deliver_vehicle",
        {
            "explanation": "Grille en bumperbalk vervangen",
            "replacement_odometer_in": "1300",
            "answer_0": "Na vier weken wassen",
        },
    )
    assert attempt.status == AttemptStatus.DELIVERED
    page = client.get(reverse("cases:attempt-detail", kwargs={"pk": attempt.pk})).content.decode()
    assert "ingeleverd voor beoordeling" in page
    assert "Voertuig afgeleverd" in page
    assert not attempt.events.filter(refused=True).exists()


def test_a_refused_move_shows_the_dutch_reason_and_keeps_the_typed_input(
    trainee, cohort, client_for
):
    version = PublishedCaseVersionFactory()
    client = client_for(trainee)
    client.post(reverse("cases:attempt-start", kwargs={"slug": version.case.slug}))
    attempt = Attempt.objects.get(trainee=trainee)
    response = move(
        client, attempt, "receive_repair_order", {"planned_date": "2026-03-17"}, expect=409
    )
    html = response.content.decode()
    assert "Rond eerst de intake af" in html
    assert 'value="2026-03-17"' in html
    assert attempt.events.get().kind == EventKind.MOVE_REFUSED


def test_a_move_not_offered_in_this_phase_is_refused_on_the_page(trainee, cohort, client_for):
    version = PublishedCaseVersionFactory()
    client = client_for(trainee)
    client.post(reverse("cases:attempt-start", kwargs={"slug": version.case.slug}))
    attempt = Attempt.objects.get(trainee=trainee)
    response = move(client, attempt, "order_parts", expect=409)
    assert "Onderdelen bestellen kan pas na goedkeuring" in response.content.decode()


def test_invalid_input_is_answered_with_the_form_errors_and_nothing_recorded(
    trainee, cohort, client_for
):
    version = PublishedCaseVersionFactory()
    client = client_for(trainee)
    client.post(reverse("cases:attempt-start", kwargs={"slug": version.case.slug}))
    attempt = Attempt.objects.get(trainee=trainee)
    response = move(
        client, attempt, "record_first_estimate", {"amount": "veel", "repair_days": "2"}, expect=400
    )
    assert "Controleer de invoer" in response.content.decode()
    assert not attempt.events.exists()


def test_an_unknown_move_is_404(trainee, cohort, client_for):
    version = PublishedCaseVersionFactory()
    client = client_for(trainee)
    client.post(reverse("cases:attempt-start", kwargs={"slug": version.case.slug}))
    attempt = Attempt.objects.get(trainee=trainee)
    move(client, attempt, "teleport", expect=404)


def test_a_forbidden_move_with_empty_input_is_still_refused_and_recorded(
    trainee, cohort, client_for
):
    version = PublishedCaseVersionFactory()
    client = client_for(trainee)
    client.post(reverse("cases:attempt-start", kwargs={"slug": version.case.slug}))
    attempt = Attempt.objects.get(trainee=trainee)
    response = move(client, attempt, "deliver_vehicle", {}, expect=409)
    assert "Afleveren kan pas nadat de eindcalculatie" in response.content.decode()
    assert attempt.events.get().data["move"] == "deliver_vehicle"


def test_the_submit_form_carries_the_draft_version_so_a_stale_page_is_refused(
    trainee, cohort, client_for
):
    from cases.models import Attempt as AttemptModel
    from tests.cases.flow import do_intake, precalc_lines
    from tests.factories.cases import BUMPER, line

    version = PublishedCaseVersionFactory()
    client = client_for(trainee)
    client.post(reverse("cases:attempt-start", kwargs={"slug": version.case.slug}))
    attempt = AttemptModel.objects.get(trainee=trainee)
    do_intake(attempt, trainee)
    seen = save_lines(attempt, trainee, precalc_lines())
    page = client.get(reverse("cases:attempt-detail", kwargs={"pk": attempt.pk})).content.decode()
    assert f'name="submit_precalc-draft_version" value="{seen}"' in page
    save_lines(attempt, trainee, [*precalc_lines(), line(BUMPER, "replace", line_id="2")])
    response = move(client, attempt, "submit_precalc", {"draft_version": str(seen)}, expect=409)
    assert "intussen elders gewijzigd" in response.content.decode()


def test_the_customer_questions_are_numbered_from_one(trainee, cohort, client_for):
    from bs4 import BeautifulSoup

    version = PublishedCaseVersionFactory()
    client = client_for(trainee)
    client.post(reverse("cases:attempt-start", kwargs={"slug": version.case.slug}))
    attempt = Attempt.objects.get(trainee=trainee)
    page = client.get(reverse("cases:attempt-detail", kwargs={"pk": attempt.pk}))
    heading = BeautifulSoup(page.content.decode(), "html.parser").find(
        "h4", string="Vragen van de klant"
    )
    questions = heading.find_next_sibling("ol")
    # an <ol> without `start` counts from 1, as the customer's first question is question 1
    assert questions.get("start", "1") == "1"
    assert [li.get_text() for li in questions.find_all("li")] == [
        q["question"] for q in version.customer["questions"]
    ]
