"""A total-loss case ends at intake or preparation with the advice, not with a repair; a vehicle
not repaired after an expertise is charged the estimating costs."""

import pytest

from cases import workflow as wf
from cases.models import AttemptStatus
from cases.timeline import EventKind
from tests.cases.flow import do_intake, precalc_lines, save_lines, to_approved
from tests.factories.cases import AttemptFactory, PublishedCaseVersionFactory, golf_vehicle

pytestmark = pytest.mark.django_db


@pytest.fixture
def total_loss_attempt(trainee):
    version = PublishedCaseVersionFactory(
        is_total_loss=True,
        vehicle_snapshot=golf_vehicle(value_before_damage="400.00", residual_value="300.00"),
    )
    return AttemptFactory(trainee=trainee, case_version=version)


def test_the_payer_refuses_to_repair_an_economic_total_loss(total_loss_attempt, trainee):
    do_intake(total_loss_attempt, trainee)
    save_lines(total_loss_attempt, trainee, precalc_lines())
    wf.attempt_submit_precalc(attempt=total_loss_attempt, by=trainee)
    assert total_loss_attempt.status == AttemptStatus.PREPARATION
    decision = total_loss_attempt.events.get(kind=EventKind.PAYER_DECISION)
    assert "ECONOMIC_TOTAL_LOSS" in [r["code"] for r in decision.data["reasons"]]


def test_the_expert_reports_the_total_loss_and_estimating_costs_go_to_the_payer(
    total_loss_attempt, trainee
):
    do_intake(total_loss_attempt, trainee)
    wf.attempt_request_expert(attempt=total_loss_attempt, by=trainee)
    wf.attempt_receive_expertise(attempt=total_loss_attempt, by=trainee)
    report = total_loss_attempt.events.get(kind=EventKind.EXPERTISE_DONE)
    assert report.data["total_loss"] is True
    wf.attempt_advise_total_loss(
        attempt=total_loss_attempt,
        by=trainee,
        advice="Herstel is niet rendabel",
        charge_estimating_costs=True,
    )
    assert total_loss_attempt.status == AttemptStatus.TOTAL_LOSS
    assert total_loss_attempt.submitted_at is not None
    advised = total_loss_attempt.events.get(kind=EventKind.TOTAL_LOSS_ADVISED)
    assert advised.data["value_before_damage"] == "400.00"
    charged = total_loss_attempt.events.get(kind=EventKind.ESTIMATING_COSTS_CHARGED)
    assert charged.data == {"amount": "125.00", "charged_to": "payer", "after_expertise": True}


def test_total_loss_advised_at_intake_ends_the_attempt(total_loss_attempt, trainee):
    wf.attempt_advise_total_loss(attempt=total_loss_attempt, by=trainee, advice="Total loss")
    assert total_loss_attempt.status == AttemptStatus.TOTAL_LOSS
    assert not total_loss_attempt.events.filter(kind=EventKind.ESTIMATING_COSTS_CHARGED).exists()
    with pytest.raises(wf.MoveRefused, match="afgesloten"):
        wf.attempt_record_damage(
            attempt=total_loss_attempt, by=trainee, zones=["front"], description="x"
        )


def test_estimating_costs_without_an_expertise_are_charged_to_the_customer(
    total_loss_attempt, trainee
):
    wf.attempt_advise_total_loss(
        attempt=total_loss_attempt, by=trainee, advice="Total loss", charge_estimating_costs=True
    )
    charged = total_loss_attempt.events.get(kind=EventKind.ESTIMATING_COSTS_CHARGED)
    assert charged.data["charged_to"] == "customer"


def test_total_loss_advice_after_approval_is_refused(trainee):
    attempt = AttemptFactory(trainee=trainee)
    to_approved(attempt, trainee)
    with pytest.raises(wf.MoveRefused, match="vóór het herstel"):
        wf.attempt_advise_total_loss(attempt=attempt, by=trainee, advice="x")
