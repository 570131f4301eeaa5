"""1.3 Bewaken van het schadedossier: hidden damage, supplement, customer informed, final
calculation checked against the parts invoice, and a late supplement."""

import datetime as dt

import pytest

from cases import workflow as wf
from cases.models import AttemptStatus
from cases.timeline import EventKind
from tests.cases.flow import (
    prepare_repair,
    save_lines,
    to_approved,
    to_in_repair,
    with_hidden_damage_lines,
)
from tests.factories.cases import (
    GRILLE,
    AttemptFactory,
    PublishedCaseVersionFactory,
    hidden_damage,
    line,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_attempt(trainee):
    attempt = AttemptFactory(
        trainee=trainee, case_version=PublishedCaseVersionFactory(hidden_damage=hidden_damage())
    )
    to_approved(attempt, trainee)
    prepare_repair(attempt, trainee)
    return wf.attempt_start_repair(attempt=attempt, by=trainee)


def test_the_workshop_reveals_hidden_damage_as_a_simulated_event(hidden_attempt):
    assert hidden_attempt.status == AttemptStatus.SUPPLEMENT_PENDING
    event = hidden_attempt.events.get(kind=EventKind.HIDDEN_DAMAGE_REVEALED)
    assert event.actor is None
    assert event.data["description"] == "Achter de bumper is de bumperbalk ingedrukt."
    assert "lines" not in event.data  # the reference lines are the trainee's to find
    assert event.simulated_date == dt.date(2026, 3, 6)  # one day after the start
    assert hidden_attempt.simulated_date == dt.date(2026, 3, 6)


def test_the_final_calculation_is_refused_while_a_supplement_is_pending(hidden_attempt, trainee):
    with pytest.raises(wf.MoveRefused, match="alle suppleties zijn goedgekeurd"):
        wf.attempt_submit_final(attempt=hidden_attempt, by=trainee)
    assert hidden_attempt.events.order_by("pk").last().data["move"] == "submit_final"


def test_an_approved_supplement_returns_to_the_repair_and_extra_parts_can_be_ordered(
    hidden_attempt, trainee
):
    save_lines(hidden_attempt, trainee, with_hidden_damage_lines())
    wf.attempt_submit_supplement(attempt=hidden_attempt, by=trainee)
    assert hidden_attempt.status == AttemptStatus.IN_REPAIR
    submitted = hidden_attempt.events.get(kind=EventKind.SUPPLEMENT_SUBMITTED)
    assert submitted.data["version_number"] == 2
    wf.attempt_order_parts(attempt=hidden_attempt, by=trainee)
    last_order = hidden_attempt.events.filter(kind=EventKind.PARTS_ORDERED).last()
    assert [p["code"] for p in last_order.data["parts"]] == ["5H0807109"]
    assert last_order.data["for_kind"] == "supplement"


def test_a_rejected_supplement_stays_pending(hidden_attempt, trainee):
    from tests.factories.cases import BUMPER

    save_lines(
        hidden_attempt,
        trainee,
        [line(GRILLE, "replace", line_id="1"), line(BUMPER, "replace", line_id="2")],
    )
    wf.attempt_submit_supplement(attempt=hidden_attempt, by=trainee)
    assert hidden_attempt.status == AttemptStatus.SUPPLEMENT_PENDING


def test_the_final_calculation_is_rejected_when_a_part_was_never_ordered(hidden_attempt, trainee):
    save_lines(hidden_attempt, trainee, with_hidden_damage_lines())
    wf.attempt_submit_supplement(attempt=hidden_attempt, by=trainee)
    # the trainee forgets to order the bumper beam
    wf.attempt_submit_final(attempt=hidden_attempt, by=trainee)
    assert hidden_attempt.status == AttemptStatus.IN_REPAIR
    decision = hidden_attempt.events.filter(kind=EventKind.PAYER_DECISION).last()
    assert decision.data["kind"] == "final"
    assert [r["code"] for r in decision.data["reasons"]] == ["PART_NOT_INVOICED"]


def test_informing_the_customer_records_topic_and_message(hidden_attempt, trainee):
    wf.attempt_inform_customer(
        attempt=hidden_attempt, by=trainee, topic="change", message="Extra bumperbalk nodig"
    )
    event = hidden_attempt.events.get(kind=EventKind.CUSTOMER_INFORMED)
    assert event.data == {"topic": "change", "message": "Extra bumperbalk nodig"}


def test_an_unknown_topic_is_refused(hidden_attempt, trainee):
    with pytest.raises(wf.MoveRefused, match="voortgang of wijziging"):
        wf.attempt_inform_customer(attempt=hidden_attempt, by=trainee, topic="weer", message="x")


def test_an_approved_final_calculation_opens_delivery_and_advances_the_clock(trainee):
    attempt = AttemptFactory(trainee=trainee)
    to_in_repair(attempt, trainee)
    started = attempt.simulated_date
    wf.attempt_submit_final(attempt=attempt, by=trainee)
    assert attempt.status == AttemptStatus.FINAL_SUBMITTED
    final = attempt.events.get(kind=EventKind.FINAL_CALCULATION_SUBMITTED)
    assert final.data["kind"] == "final"
    assert attempt.simulated_date >= started


def test_a_late_supplement_after_the_final_calculation_is_recorded(trainee):
    attempt = AttemptFactory(trainee=trainee)
    to_in_repair(attempt, trainee)
    wf.attempt_submit_final(attempt=attempt, by=trainee)
    save_lines(attempt, trainee, with_hidden_damage_lines())
    wf.attempt_submit_late_supplement(attempt=attempt, by=trainee)
    assert attempt.status == AttemptStatus.FINAL_SUBMITTED
    late = attempt.events.get(kind=EventKind.LATE_SUPPLEMENT_SUBMITTED)
    assert late.data["kind"] == "late_supplement"
    decision = attempt.events.filter(kind=EventKind.PAYER_DECISION).last()
    assert decision.data["late_supplement"] is True
    # the extra part was not ordered: the payer's invoice check rejects the supplement
    assert decision.data["outcome"] == "rejected"


def test_a_supplement_over_the_limit_waits_for_the_expert_then_the_repair_goes_on(
    hidden_attempt, trainee
):
    expensive = {
        "id": "9",
        "code": "SUB-X",
        "description": "Werk derden",
        "operation": "subcontract",
        "amount": "6000.00",
    }
    save_lines(hidden_attempt, trainee, [*with_hidden_damage_lines(), expensive])
    wf.attempt_submit_supplement(attempt=hidden_attempt, by=trainee)
    assert hidden_attempt.status == AttemptStatus.SUPPLEMENT_PENDING
    wf.attempt_request_expert(attempt=hidden_attempt, by=trainee)
    assert hidden_attempt.status == AttemptStatus.AWAITING_EXPERTISE
    wf.attempt_receive_expertise(attempt=hidden_attempt, by=trainee)
    assert hidden_attempt.status == AttemptStatus.IN_REPAIR
    decision = hidden_attempt.events.filter(kind=EventKind.PAYER_DECISION).last()
    assert decision.data["kind"] == "supplement"
    assert decision.data["outcome"] == "approved"
