"""A repair case from intake to delivery, the way a trainee works it."""

import pytest

from cases import workflow as wf
from cases.models import AttemptStatus
from cases.timeline import EventKind
from tests.cases.flow import (
    kinds,
    prepare_repair,
    save_lines,
    to_approved,
    with_hidden_damage_lines,
)
from tests.factories.cases import AttemptFactory, PublishedCaseVersionFactory, hidden_damage

pytestmark = pytest.mark.django_db


def test_a_case_with_hidden_damage_goes_from_intake_to_delivery(trainee):
    # given
    version = PublishedCaseVersionFactory(hidden_damage=hidden_damage())
    attempt = AttemptFactory(trainee=trainee, case_version=version)
    # when
    to_approved(attempt, trainee)
    assert attempt.status == AttemptStatus.APPROVED
    prepare_repair(attempt, trainee)
    wf.attempt_start_repair(attempt=attempt, by=trainee)
    assert attempt.status == AttemptStatus.SUPPLEMENT_PENDING
    save_lines(attempt, trainee, with_hidden_damage_lines())
    wf.attempt_submit_supplement(attempt=attempt, by=trainee)
    assert attempt.status == AttemptStatus.IN_REPAIR
    wf.attempt_order_parts(attempt=attempt, by=trainee)
    wf.attempt_inform_customer(
        attempt=attempt, by=trainee, topic="change", message="Bumperbalk extra"
    )
    wf.attempt_submit_final(attempt=attempt, by=trainee)
    assert attempt.status == AttemptStatus.FINAL_SUBMITTED
    wf.attempt_final_inspection(attempt=attempt, by=trainee, items=["Lakkleur", "Spleetmaten"])
    wf.attempt_deliver_vehicle(
        attempt=attempt,
        by=trainee,
        explanation="Grille en bumperbalk vervangen",
        answers=["Wassen na 4 weken"],
    )
    # then
    assert attempt.status == AttemptStatus.DELIVERED
    assert attempt.submitted_at is not None
    recorded = kinds(attempt)
    assert recorded.index(EventKind.HIDDEN_DAMAGE_REVEALED) < recorded.index(
        EventKind.SUPPLEMENT_SUBMITTED
    )
    assert recorded.index(EventKind.SUPPLEMENT_SUBMITTED) < recorded.index(
        EventKind.FINAL_CALCULATION_SUBMITTED
    )
    assert recorded[-2:] == [EventKind.VEHICLE_DELIVERED, EventKind.CUSTOMER_QUESTIONS_ANSWERED]
    assert EventKind.MOVE_REFUSED not in recorded
