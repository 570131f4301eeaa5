"""HV vehicles at intake: the facts decide safe parking or quarantine; the trainee's judgement
is recorded with its reasons, and the repair order waits for it."""

import datetime as dt

import pytest

from cases import workflow as wf
from cases.hv import expected_judgement
from cases.timeline import EventKind
from tests.cases.flow import estimate, judge_hv, open_dossier, timeline
from tests.factories.cases import AttemptFactory, PublishedCaseVersionFactory, hv_facts

NO_FACTS = hv_facts()


@pytest.mark.parametrize("fact", ["airbags_fired", "battery_housing_damaged", "smell_or_heat"])
def test_fired_airbags_a_damaged_battery_housing_or_heat_mean_quarantine(fact):
    assert expected_judgement({**NO_FACTS, fact: True}) == "quarantine"


def test_without_those_facts_the_vehicle_is_parked_safely_and_observed():
    assert expected_judgement(NO_FACTS) == "safe"
    assert expected_judgement({**NO_FACTS, "warning_lights": True}) == "safe"


def test_a_vehicle_without_high_voltage_needs_no_judgement():
    assert expected_judgement(None) is None


@pytest.fixture
def hv_attempt(db, trainee):
    version = PublishedCaseVersionFactory(
        hv_facts=hv_facts(airbags_fired=True), expected_hv_judgement="quarantine"
    )
    return AttemptFactory(trainee=trainee, case_version=version)


@pytest.mark.django_db
def test_the_hv_judgement_is_recorded_with_park_work_and_reasons(hv_attempt, trainee):
    wf.attempt_record_hv_judgement(
        attempt=hv_attempt,
        by=trainee,
        judgement="quarantine",
        safe_to_park=False,
        safe_to_work=False,
        reasons="Airbags afgegaan",
    )
    event = hv_attempt.events.get(kind=EventKind.HV_JUDGEMENT_RECORDED)
    assert event.data == {
        "judgement": "quarantine",
        "safe_to_park": False,
        "safe_to_work": False,
        "reasons": "Airbags afgegaan",
        "facts": {},  # no HV fact recorded before judging (cases.workflow.hv_intake)
    }
    assert hv_attempt.hv_judgement == "quarantine"


@pytest.mark.django_db
def test_quarantine_and_safe_to_work_contradict_each_other(hv_attempt, trainee):
    with pytest.raises(wf.MoveRefused, match="quarantaine is niet veilig"):
        wf.attempt_record_hv_judgement(
            attempt=hv_attempt,
            by=trainee,
            judgement="quarantine",
            safe_to_park=False,
            safe_to_work=True,
            reasons="x",
        )


@pytest.mark.django_db
def test_an_hv_judgement_on_a_petrol_car_is_refused(trainee):
    attempt = AttemptFactory(trainee=trainee)
    with pytest.raises(wf.MoveRefused, match="geen hoogvoltsysteem"):
        wf.attempt_record_hv_judgement(
            attempt=attempt,
            by=trainee,
            judgement="safe",
            safe_to_park=True,
            safe_to_work=True,
            reasons="x",
        )
    assert attempt.events.get().kind == EventKind.MOVE_REFUSED


@pytest.mark.django_db
def test_the_repair_order_of_an_hv_vehicle_waits_for_the_hv_judgement(hv_attempt, trainee):
    open_dossier(hv_attempt, trainee)
    estimate(hv_attempt, trainee)
    with pytest.raises(wf.MoveRefused, match="HV-veiligheid beoordelen"):
        wf.attempt_receive_repair_order(
            attempt=hv_attempt, by=trainee, planned_date=dt.date(2026, 3, 5)
        )


# A 48 V mild hybrid is no HV vehicle, but the intake must tell it from one (cases.hv): the case
# has no HV facts and expects the judgement "geen hoogvoltsysteem".


@pytest.fixture
def mild_hybrid_attempt(db, trainee):
    version = PublishedCaseVersionFactory(hv_facts=None, expected_hv_judgement="not_hv")
    return AttemptFactory(trainee=trainee, case_version=version)


def _judge(attempt, trainee, judgement):
    judge_hv(attempt, trainee, judgement, "eTSI: 48V-boordnet, onder 60 V gelijkspanning")
    return timeline(attempt)


@pytest.mark.django_db
def test_a_48v_mild_hybrid_is_asked_the_judgement_a_petrol_car_is_not(mild_hybrid_attempt, trainee):
    from cases.hv import asks_judgement
    from cases.workflow.registry import get_move

    assert asks_judgement(mild_hybrid_attempt.case_version)
    assert not mild_hybrid_attempt.case_version.is_hv  # no HV facts, no HV questions
    judging = get_move("record_hv_judgement")
    assert judging.applies_to(mild_hybrid_attempt)
    petrol = AttemptFactory(trainee=trainee)
    assert not asks_judgement(petrol.case_version) and not judging.applies_to(petrol)


@pytest.mark.django_db
def test_no_high_voltage_is_the_right_judgement_on_a_48v_car(mild_hybrid_attempt, trainee):
    from assessment.workflow_checks import check_hv_judgement

    events = _judge(mild_hybrid_attempt, trainee, "not_hv")
    assert mild_hybrid_attempt.hv_judgement == "not_hv"
    result = check_hv_judgement(mild_hybrid_attempt.case_version, events)
    assert result.applicable and result.passed


@pytest.mark.django_db
@pytest.mark.parametrize("judgement", ["quarantine", "safe"])
def test_judging_a_48v_car_as_an_hv_vehicle_fails(mild_hybrid_attempt, trainee, judgement):
    from assessment.workflow_checks import check_hv_judgement

    events = _judge(mild_hybrid_attempt, trainee, judgement)
    result = check_hv_judgement(mild_hybrid_attempt.case_version, events)
    assert result.applicable and not result.passed


@pytest.mark.django_db
def test_the_repair_order_of_a_48v_car_waits_for_the_judgement(mild_hybrid_attempt, trainee):
    open_dossier(mild_hybrid_attempt, trainee)
    estimate(mild_hybrid_attempt, trainee)
    with pytest.raises(wf.MoveRefused, match="HV-veiligheid beoordelen"):
        wf.attempt_receive_repair_order(
            attempt=mild_hybrid_attempt, by=trainee, planned_date=dt.date(2026, 3, 5)
        )


@pytest.mark.django_db
def test_a_case_without_hv_facts_may_only_expect_no_high_voltage(mild_hybrid_attempt):
    from cases.services import case_version_errors

    version = mild_hybrid_attempt.case_version
    paths = {e["path"] for e in case_version_errors(version)}
    assert "expected_hv_judgement" not in paths
    version.expected_hv_judgement = "safe"
    paths = {e["path"] for e in case_version_errors(version)}
    assert "expected_hv_judgement" in paths
