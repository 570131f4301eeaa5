"""Cohort analytics (issue #15, items 6 and 7) on a small cohort worked by hand: the heat map of
missed reference lines and error kinds with the profile items they touch, time on task per
phase, steps out of the expected order, their CSV and who sees them."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.models import GradeRole, LineOverride
from cases.models import Attempt, DossierEvent
from cases.timeline import EventKind
from tests.assessment.statistics_builders import case_version, exam_board_user, signed
from tests.factories.assessment import AttemptFactory, add_event

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
REFERENCE_IDS = [str(n) for n in range(1, 10)]


def _result(verdicts: dict[str, str], extra: tuple[str, ...] = ()) -> dict:
    """A machine result: every reference line correct unless named, then extra lines."""
    lines = [
        {
            "reference_line_id": ref,
            "trainee_line_id": ref,
            "code": f"C{ref}",
            "verdict": verdicts.get(ref, "correct"),
        }
        for ref in REFERENCE_IDS
    ]
    lines += [
        {
            "reference_line_id": None,
            "trainee_line_id": str(20 + n),
            "code": code,
            "verdict": "extra",
        }
        for n, code in enumerate(extra)
    ]
    return {"lines": lines}


def _at(event, minutes: float) -> None:
    DossierEvent.objects.filter(pk=event.pk).update(occurred_at=T0 + dt.timedelta(minutes=minutes))


def _phases(attempt, intake: float, preparation: float, refusals=()) -> None:
    """Intake for `intake` minutes, preparation for `preparation`, then approved; `refusals`:
    (after which phase change, move, status it was tried in)."""
    Attempt.objects.filter(pk=attempt.pk).update(started_at=T0)
    _at(add_event(attempt, EventKind.DOSSIER_CREATED), 1)
    moved = add_event(attempt, EventKind.REPAIR_ORDER_RECEIVED)
    DossierEvent.objects.filter(pk=moved.pk).update(old_status="intake", new_status="preparation")
    _at(moved, intake)
    for when, move, status in refusals:
        if when == "preparation":
            _refused(attempt, move, status)
    approved = add_event(attempt, EventKind.CALCULATION_SUBMITTED)
    DossierEvent.objects.filter(pk=approved.pk).update(
        old_status="preparation", new_status="approved"
    )
    _at(approved, intake + preparation)
    for when, move, status in refusals:
        if when == "approved":
            _refused(attempt, move, status)


def _refused(attempt, move: str, status: str) -> None:
    DossierEvent.objects.create(
        attempt=attempt,
        kind=EventKind.MOVE_REFUSED,
        old_status=status,
        new_status=status,
        simulated_date=attempt.simulated_date,
        data={"move": move, "message": "geweigerd"},
        refused=True,
        actor=attempt.trainee,
    )


@pytest.fixture
def analysed(cohort, assessor, trainee):
    version = case_version()
    a1, a2, a3, a4 = (
        AttemptFactory(trainee=trainee, cohort=cohort, case_version=version) for _ in range(4)
    )
    signed(
        a1,
        assessor,
        GradeRole.PRIMARY,
        60,
        machine_result=_result({"4": "missing", "5": "units_off"}, extra=("X-EXTRA",)),
    )
    g2 = signed(
        a2,
        assessor,
        GradeRole.PRIMARY,
        65,
        machine_result=_result({"4": "missing", "5": "wrong_operation"}),
    )
    g2.__class__.objects.filter(pk=g2.pk).update(
        workflow_checks=[
            {"key": "reception_check", "applicable": True, "passed": False},
            {"key": "delivery_checklist", "applicable": True, "passed": True},
        ]
    )
    LineOverride.objects.create(
        grade=g2,
        line_key="5",
        original_verdict="wrong_operation",
        new_verdict="correct",
        reason="Verdedigbaar.",
        by=assessor,
    )
    signed(a3, assessor, GradeRole.PRIMARY, 80, machine_result=_result({"4": "wrong_operation"}))
    # a second marker's grade alone is no final grade: a4 is not in the heat map
    signed(a4, assessor, GradeRole.SECOND, 50, machine_result=_result({"1": "missing"}))
    _phases(a1, 10, 30, refusals=[("preparation", "order_parts", "preparation")])
    _phases(
        a2,
        20,
        10,
        refusals=[
            ("preparation", "submit_precalc", "preparation"),  # offered: a form error
            ("approved", "start_repair", "approved"),  # before its work order
        ],
    )
    _phases(a3, 30, 50)
    return version


def test_heat_map_counts_each_error_kind_per_reference_line(analysed, cohort, assessor, client_for):
    body = client_for(assessor).get(f"/api/v1/assessment/cohorts/{cohort.pk}/analytics/").json()
    heat = body["heat_map"]
    assert body["case_version"] == analysed.pk
    assert heat["attempts"] == 3
    rows = {row["line"]: row for row in heat["rows"]}
    assert [row["line"] for row in heat["rows"]] == ["4", "5", "extra:X-EXTRA"]
    assert rows["4"]["counts"] == {
        "missing": 2,
        "wrong_operation": 1,
        "units_off": 0,
        "alternative": 0,
        "extra": 0,
    }
    assert rows["4"]["code"] == "5H0823031" and rows["4"]["description"] == "Motorkap"
    # the override in force made a2's line 5 correct: only a1's units count
    assert rows["5"]["counts"]["units_off"] == 1 and rows["5"]["total"] == 1
    assert rows["extra:X-EXTRA"]["counts"]["extra"] == 1
    assert heat["checks_failed"] == {"reception_check": 1}


def test_errors_are_mapped_to_the_profile_items(analysed, cohort, assessor, client_for):
    body = client_for(assessor).get(f"/api/v1/assessment/cohorts/{cohort.pk}/analytics/").json()
    items = {(i["dimension"], i["key"]): i["count"] for i in body["heat_map"]["profile_items"]}
    # missing ×2 touches 1.1 and 1.2; wrong operation, units, extra and the reception check 1.2
    assert items["work_process", "1.1"] == 2
    assert items["work_process", "1.2"] == 2 + 1 + 1 + 1 + 1
    # organising: the two missing lines and the failed reception check
    assert items["competence_area", "Organiseren en uitvoeren"] == 3


def test_time_on_task_per_phase_has_median_and_quartiles(analysed, cohort, assessor, client_for):
    body = client_for(assessor).get(f"/api/v1/assessment/cohorts/{cohort.pk}/analytics/").json()
    phases = {p["status"]: p for p in body["time_on_task"]["phases"]}
    assert body["time_on_task"]["attempts"] == 4
    assert list(phases) == ["intake", "preparation"]
    # intake 10, 20, 30 minutes; preparation 30, 10, 50
    assert (
        phases["intake"]["q1_minutes"],
        phases["intake"]["median_minutes"],
        phases["intake"]["q3_minutes"],
    ) == pytest.approx((15, 20, 25))
    assert (
        phases["preparation"]["q1_minutes"],
        phases["preparation"]["median_minutes"],
        phases["preparation"]["q3_minutes"],
    ) == pytest.approx((20, 30, 40))
    assert phases["intake"]["attempts"] == 3


def test_steps_out_of_order_are_counted_and_form_errors_are_not(
    analysed, cohort, assessor, client_for
):
    body = client_for(assessor).get(f"/api/v1/assessment/cohorts/{cohort.pk}/analytics/").json()
    order = body["step_order"]
    assert (order["attempts"], order["deviating"], order["share"]) == (4, 2, 0.5)
    assert [(d["status"], d["move"], d["attempts"]) for d in order["deviations"]] == [
        ("approved", "start_repair", 1),
        ("preparation", "order_parts", 1),
    ]


def test_csv_exports_hold_the_same_figures(analysed, cohort, assessor, client_for):
    client = client_for(assessor)
    base = f"/beoordeling/groep/{cohort.pk}/analyse/"
    heat = client.get(f"{base}heatmap.csv").content.decode().splitlines()
    assert (
        heat[0]
        == "regel,code,omschrijving,missing,wrong_operation,units_off,alternative,extra,totaal"
    )
    assert heat[1] == "4,5H0823031,Motorkap,2,1,0,0,0,3"
    times = client.get(f"{base}tijd.csv").content.decode().splitlines()
    assert times[1].startswith("intake,") and times[1].endswith(",3,15.00,20.00,25.00")
    order = client.get(f"{base}volgorde.csv").content.decode().splitlines()
    assert order[1].startswith("approved,start_repair,")
    assert order[-2].endswith(",2") and order[-1].endswith(",4")
    api = client.get(f"/api/v1/assessment/cohorts/{cohort.pk}/analytics/heatmap.csv")
    assert api.content.decode().splitlines() == heat
    assert client.get(f"{base}onbekend.csv").status_code == 404


def test_the_page_shows_charts_with_axes_legends_and_tables_and_names_no_trainee(
    analysed, cohort, assessor, trainee, client_for
):
    page = client_for(assessor).get(f"/beoordeling/groep/{cohort.pk}/analyse/")
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count("<svg") == 2
    assert 'class="axis-x"' in text and 'class="axis-y"' in text and "legend-item" in text
    assert 'class="heat-table"' in text and 'class="time-table"' in text
    assert "2 van 4 pogingen" in text
    assert trainee.username not in text and trainee.get_full_name() not in text


def test_who_sees_the_analytics(analysed, cohort, outsider_assessor, trainee, editor, client_for):
    paths = (
        f"/beoordeling/groep/{cohort.pk}/analyse/",
        f"/beoordeling/groep/{cohort.pk}/analyse/heatmap.csv",
        f"/api/v1/assessment/cohorts/{cohort.pk}/analytics/",
        f"/api/v1/assessment/cohorts/{cohort.pk}/analytics/tijd.csv",
    )
    for user in (outsider_assessor, trainee, editor):
        client = client_for(user)
        assert [client.get(path).status_code for path in paths] == [404] * 4
    board = client_for(exam_board_user())
    assert [board.get(path).status_code for path in paths] == [200] * 4


def test_a_case_version_the_cohort_never_attempted_is_404(analysed, cohort, assessor, client_for):
    other = case_version()
    client = client_for(assessor)
    assert (
        client.get(f"/beoordeling/groep/{cohort.pk}/analyse/?casus={other.pk}").status_code == 404
    )
    assert (
        client.get(
            f"/api/v1/assessment/cohorts/{cohort.pk}/analytics/?case_version={other.pk}"
        ).status_code
        == 404
    )


def test_an_empty_cohort_says_so(cohort, assessor, client_for):
    page = client_for(assessor).get(f"/beoordeling/groep/{cohort.pk}/analyse/")
    assert "Nog geen ingeleverde pogingen" in page.content.decode()
    assert (
        client_for(assessor).get(f"/api/v1/assessment/cohorts/{cohort.pk}/analytics/").status_code
        == 404
    )
