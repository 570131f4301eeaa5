"""Benchmark: the cohort heat map of 2,000 attempts renders in under 1 s, and the analytics'
query count does not grow with the number of attempts (issue #15, item 8).

Run: .venv/bin/pytest tests/benchmarks/bench_cohort_analytics.py -q -s -n0

One cohort, one case version with a reference of 60 lines; each attempt has a final grade
whose machine result holds the 60 lines as a grade stores them (seeded verdicts: about a fifth wrong in some way,
one extra line in ten attempts, an override now and then) and a timeline of 12 events with
a refused move in one attempt in ten. The rows are written with `bulk_create`, not through the
marking workflow: what is timed is reading and drawing them.

Timed (best wall and CPU of `RUNS`): the heat map (read + count + profile items) with its SVG;
the time-on-task and step-order figures; the whole analytics page as a request. The query
count of each is taken at 200 and at 2,000 attempts and must be the same.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessment import cohort_analytics
from assessment.analytics_charts import heat_map_chart
from assessment.models import Grade, GradeRole, GradeStatus, LineOverride, MarkingState
from cases.models import Attempt, AttemptStatus, DossierEvent
from cases.timeline import EventKind
from content.profile_labels import profile_labels
from tests.factories.assessment import CaseVersionFactory

pytestmark = pytest.mark.django_db

RUNS = 3
LIMIT_SECONDS = 1.0
LINES = 60
SMALL, LARGE = 200, 2000
WRONG = ("missing", "wrong_operation", "units_off", "alternative")
TIMELINE = [
    (EventKind.DOSSIER_CREATED, "intake", "intake"),
    (EventKind.DAMAGE_RECORDED, "intake", "intake"),
    (EventKind.HV_JUDGEMENT_RECORDED, "intake", "intake"),
    (EventKind.FIRST_ESTIMATE_RECORDED, "intake", "intake"),
    (EventKind.REPAIR_ORDER_RECEIVED, "intake", "preparation"),
    (EventKind.CALCULATION_SUBMITTED, "preparation", "approved"),
    (EventKind.PARTS_ORDERED, "approved", "approved"),
    (EventKind.VEHICLE_RECEIVED, "approved", "approved"),
    (EventKind.REPAIR_STARTED, "approved", "in_repair"),
    (EventKind.FINAL_CALCULATION_SUBMITTED, "in_repair", "final_submitted"),
    (EventKind.FINAL_INSPECTION_DONE, "final_submitted", "final_submitted"),
    (EventKind.VEHICLE_DELIVERED, "final_submitted", "delivered"),
]


def _reference() -> dict:
    return {
        "lines": [
            {"id": str(n), "code": f"PART-{n:03d}", "description": f"Onderdeel {n}"}
            for n in range(1, LINES + 1)
        ]
    }


def _machine_result(rng: random.Random) -> dict:
    lines = [
        {
            "reference_line_id": str(n),
            "trainee_line_id": str(n),
            "code": f"PART-{n:03d}",
            "verdict": rng.choice(WRONG) if rng.random() < 0.2 else "correct",
            # The rest of a stored line (assessment/scoring/README.md), read with it.
            "op": "1.0000",
            "u": "1.0000",
            "credit": "1.0000",
            "weight": "0.0167",
            "points_lost": "0.00",
            "explanation": "Juist: bewerking, onderdeel en eenheden komen overeen met de referentie.",
            "basis": {"credit": "1", "weight": "0.01666666666666666666666666667"},
        }
        for n in range(1, LINES + 1)
    ]
    if rng.random() < 0.1:
        lines.append(
            {
                "reference_line_id": None,
                "trainee_line_id": "99",
                "code": "EXTRA",
                "verdict": "extra",
            }
        )
    return {"lines": lines}


def add_attempts(cohort, trainee, assessor, version, count: int, rng: random.Random) -> None:
    now = timezone.now()
    attempts = Attempt.objects.bulk_create(
        Attempt(
            trainee=trainee,
            case_version=version,
            cohort=cohort,
            status=AttemptStatus.DELIVERED,
            simulated_date=dt.date(2026, 3, 10),
            submitted_at=now,
        )
        for _ in range(count)
    )
    grades = Grade.objects.bulk_create(
        Grade(
            attempt=attempt,
            role=GradeRole.PRIMARY,
            assessor=assessor,
            machine_result=_machine_result(rng),
            workflow_checks=[
                {"key": "reception_check", "applicable": True, "passed": rng.random() < 0.8}
            ],
            score=70,
            passed=True,
            status=GradeStatus.SIGNED,
            signed_at=now,
            marking_state=MarkingState.READY_FOR_RELEASE,
        )
        for attempt in attempts
    )
    LineOverride.objects.bulk_create(
        LineOverride(
            grade=grade,
            line_key="1",
            original_verdict="missing",
            new_verdict="correct",
            reason="Verdedigbaar.",
            by=assessor,
        )
        for grade in grades
        if rng.random() < 0.05
    )
    events = []
    for attempt in attempts:
        for kind, old, new in TIMELINE:
            events.append(
                DossierEvent(
                    attempt=attempt,
                    kind=kind,
                    old_status=old,
                    new_status=new,
                    simulated_date=attempt.simulated_date,
                    actor=trainee,
                )
            )
        if rng.random() < 0.1:
            events.append(
                DossierEvent(
                    attempt=attempt,
                    kind=EventKind.MOVE_REFUSED,
                    old_status="preparation",
                    new_status="preparation",
                    simulated_date=attempt.simulated_date,
                    data={"move": "order_parts"},
                    refused=True,
                    actor=trainee,
                )
            )
    DossierEvent.objects.bulk_create(events, batch_size=2000)


def timed(work) -> tuple[float, float, object]:
    best_wall = best_cpu = float("inf")
    result = None
    for _ in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best_wall, best_cpu, result


def queries(work) -> int:
    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured)


def test_heat_map_of_2000_attempts_renders_within_a_second_in_constant_queries(
    cohort, trainee, assessor, client_for
):
    rng = random.Random(20261206)
    version = CaseVersionFactory(reference_final=_reference())

    def heat_map_svg():
        heat = cohort_analytics.heat_map(cohort, version, profile_labels())
        return heat, heat_map_chart(heat, title="Heatmap")

    def flow():
        return cohort_analytics.workflow(cohort, version)

    client = client_for(assessor)
    url = f"/beoordeling/groep/{cohort.pk}/analyse/?casus={version.pk}"

    def page():
        response = client.get(url)
        assert response.status_code == 200
        return response

    add_attempts(cohort, trainee, assessor, version, SMALL, rng)
    page()  # warm up: session, caches, template loading
    small = {"heat map": queries(heat_map_svg), "workflow": queries(flow), "page": queries(page)}
    add_attempts(cohort, trainee, assessor, version, LARGE - SMALL, rng)
    large = {"heat map": queries(heat_map_svg), "workflow": queries(flow), "page": queries(page)}

    heat_wall, heat_cpu, (heat, svg) = timed(heat_map_svg)
    flow_wall, flow_cpu, figures = timed(flow)
    page_wall, page_cpu, _response = timed(page)
    print(
        f"\ncohort analytics, {heat.attempts} attempts × {LINES} lines "
        f"(limit {LIMIT_SECONDS} s for the heat map), load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs:\n"
        f"  heat map + SVG          {heat_wall:.3f} s wall  {heat_cpu:.3f} s CPU\n"
        f"  time on task + order    {flow_wall:.3f} s wall  {flow_cpu:.3f} s CPU "
        f"({len(figures.times)} phases, {figures.order.deviating} attempts out of order)\n"
        f"  whole analytics page    {page_wall:.3f} s wall  {page_cpu:.3f} s CPU\n"
        f"  queries at {SMALL} / {LARGE} attempts: {small} / {large}"
    )
    assert heat.attempts == LARGE
    assert "<svg" in svg and len(heat.rows) >= LINES - 1
    assert small == large, "the query count grows with the number of attempts"
    # CPU time is what the work costs; wall time also counts waiting for a CPU, which on a
    # machine busier than its CPUs says more about the neighbours than about this code.
    assert heat_cpu < LIMIT_SECONDS
    if os.getloadavg()[0] < (os.cpu_count() or 1):
        assert heat_wall < LIMIT_SECONDS
