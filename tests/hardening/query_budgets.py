"""The list pages and list endpoints under a query budget, and how to fill each with rows.

A list's query count must not grow with its rows: the same fixed bound holds for 1 row and for
50. Each `ListCase` names the URL, who looks at it, how to add rows (through the factories the
apps' own tests use) and how to count the rows in the answer, so that a list that silently
shows nothing cannot pass.

`discovered_list_names()` finds the lists in the URL inventory (names with "list", "index",
"queue", ... plus the ones named here); tests/hardening/test_query_budgets.py fails when one
has no case here yet, as tests/schadeplatform/test_anonymous_access.py does for new URLs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.url_inventory import all_url_rows

LIST_WORDS = re.compile(r"list|index|queue|results|progress|versions|timeline|cohort")
# Names that match LIST_WORDS but show one object, not a list; and lists that have no rows to
# grow (the catalogue and the competence profile are files, not tables).
NOT_LISTS = {
    "badges:status_list",  # one signed bitstring (a credential), not a list of rows
    "api:assessment_api:attempt-result",  # one attempt's result
    "api:cases_api:calc-catalogue-vehicles",  # catalogue from files, no database rows
    "api:cases_api:calc-version-detail",  # one version
    "api:assessment_api:cohort-grades-csv",  # a download; the cohort page is covered
    "assessment:cohort_csv",  # a download; the cohort page is covered
    # Downloads of the agreement statistics and the cohort analytics: the same selectors as
    # their pages, which are covered (issue #15).
    "assessment:cohort_agreement_csv",
    "assessment:cohort_analytics_csv",
    "api:assessment_api:cohort-agreement-ratings-csv",
    "api:assessment_api:cohort-analytics-csv",
    "assessment:result",  # one attempt's result
    "assessment:trainee_progress",  # the assessor's view of one trainee: same selector as own
    "api:assessment_api:progress-trainee",  # the same selector as progress-own
    "api:content_api:wagtailapi:pages:listing",  # Wagtail's own pages API (third-party)
}


@dataclass
class World:
    """The people of a query-budget test and what the row makers made so far."""

    trainee: Any
    assessor: Any
    cohort: Any
    made: dict[str, Any] = field(default_factory=dict)

    def viewer(self, role: str) -> Any:
        return {"trainee": self.trainee, "assessor": self.assessor}[role]


@dataclass(frozen=True)
class ListCase:
    url_name: str
    viewer: str  # "trainee" or "assessor"
    add_rows: Callable[[World, int], None]
    count_rows: Callable[[Any, World], int]
    budget: int
    kwargs: Callable[[World], dict] = lambda world: {}
    # A known excess, reported to its owner: the test is an expected failure until it is fixed
    # (strict, so the fix shows up as XPASS and this note is removed).
    known_issue: str = ""


# ---------------------------------------------------------------------------------------------
# Row makers


def _shared_case_version(world: World):
    from tests.factories.assessment import CaseVersionFactory

    if "case_version" not in world.made:
        world.made["case_version"] = CaseVersionFactory()
    return world.made["case_version"]


def submitted_attempts_of_cohort_trainees(world: World, count: int) -> None:
    """Delivered attempts, each by another trainee of the assessor's cohort."""
    from schadeplatform.accounts.models import Role
    from tests.factories.accounts import UserFactory
    from tests.factories.assessment import finished_attempt

    for _ in range(count):
        trainee = UserFactory(role=Role.TRAINEE, organisation=world.cohort.organisation)
        world.cohort.trainees.add(trainee)
        finished_attempt(
            trainee=trainee, cohort=world.cohort, case_version=_shared_case_version(world)
        )


def signed_exam_attempts_of_cohort_trainees(world: World, count: int) -> None:
    """Delivered attempts in the assessor's cohort, put in exam mode, each signed by the
    assessor as first marker: the list names each trainee by candidate code (issue #15)."""
    from cases.models import Attempt
    from tests.factories.assessment import signed_grade

    if not world.cohort.exam_mode:
        world.cohort.exam_mode = True
        world.cohort.save()
    filed = Attempt.objects.filter(cohort=world.cohort)
    before = set(filed.values_list("pk", flat=True))
    submitted_attempts_of_cohort_trainees(world, count)
    for attempt in filed.exclude(pk__in=before):
        signed_grade(attempt, world.assessor)


def graded_own_attempts(world: World, count: int) -> None:
    """Delivered attempts of the trainee, each graded, signed and released by the assessor
    (a trainee sees a grade only once released, issue #14)."""
    from tests.factories.assessment import finished_attempt, released_grade

    for _ in range(count):
        attempt = finished_attempt(
            trainee=world.trainee, cohort=world.cohort, case_version=_shared_case_version(world)
        )
        released_grade(attempt, world.assessor)


def published_cases(world: World, count: int) -> None:
    from tests.factories.assessment import CaseVersionFactory

    for _ in range(count):
        CaseVersionFactory()


def _one_attempt(world: World):
    from tests.factories.assessment import AttemptFactory

    if "attempt" not in world.made:
        world.made["attempt"] = AttemptFactory(
            trainee=world.trainee, cohort=world.cohort, case_version=_shared_case_version(world)
        )
    return world.made["attempt"]


def calculation_versions(world: World, count: int) -> None:
    from tests.factories.assessment import add_calculation, trainee_document

    attempt = _one_attempt(world)
    for _ in range(count):
        add_calculation(attempt, trainee_document("identical"), kind="precalc")


def timeline_events(world: World, count: int) -> None:
    from cases.timeline import EventKind
    from tests.factories.assessment import add_event

    attempt = _one_attempt(world)
    for _ in range(count):
        add_event(attempt, EventKind.DAMAGE_RECORDED, {"zones": ["front"]})


def own_paint_drill_answers(world: World, count: int) -> None:
    """The trainee's answers to a demo paint drill (each the model answer, scored)."""
    from cases.models import PaintDrill
    from cases.paint_drill import demo
    from cases.paint_drill.scoring import PanelAnswer
    from cases.paint_drill.services import paint_drill_submit

    if "drill" not in world.made:
        demo.load_drill(demo.DRILLS[0])
        world.made["drill"] = PaintDrill.objects.get(slug=demo.DRILLS[0]["slug"])
    drill = world.made["drill"]
    answers = {
        panel.part_code: PanelAnswer(panel.model_level, panel.model_units)
        for panel in drill.panels.all()
    }
    deductions = {str(overlap.pk): overlap.model_deduction for overlap in drill.overlaps.all()}
    for _ in range(count):
        paint_drill_submit(
            drill=drill, trainee=world.trainee, answers=answers, deductions=deductions
        )


def own_workshop_day_plans(world: World, count: int) -> None:
    """The trainee's plans for the demo workshop day (each the reference plan, judged)."""
    from cases.models import WorkshopDay
    from cases.workshop_day import day_data, demo
    from cases.workshop_day.scoring import plan_from_data
    from cases.workshop_day.services import workshop_day_submit

    if "workshop_day" not in world.made:
        demo.load_day()
        world.made["workshop_day"] = WorkshopDay.objects.get(slug=day_data.SLUG)
    day = world.made["workshop_day"]
    for _ in range(count):
        workshop_day_submit(
            day=day, trainee=world.trainee, plan=plan_from_data(day_data.REFERENCE_PLAN)
        )


def workshop_days(world: World, count: int) -> None:
    """Published workshop days: copies of the demo day under other codes."""
    from cases.models import WorkshopDay

    own_workshop_day_plans(world, 0)
    day = world.made["workshop_day"]
    made = world.made.setdefault("workshop_day_copies", 0)
    for number in range(made, made + count):
        WorkshopDay.objects.create(
            slug=f"kopie-{number}",
            title=f"Kopie {number}",
            briefing=day.briefing,
            setup=day.setup,
            reference=day.reference,
            published=True,
        )
    world.made["workshop_day_copies"] = made + count


def own_calc_review_answers(world: World, count: int) -> None:
    """The trainee's submitted reviews of a demo exercise (each every row judged right)."""
    import io

    from django.utils import timezone

    from cases import demo as case_demo
    from cases import demo_files
    from cases.calc_review import demo, selectors
    from cases.calc_review.scoring import RIGHT, LineVerdict
    from cases.calc_review.services import calc_review_submit
    from cases.models import AttemptStatus, CalcReviewExercise
    from tests.factories.cases import AttemptFactory

    if "calc_review" not in world.made:
        wanted = demo.EXERCISES[0]
        for data in demo_files.demo_cases():
            if data["slug"] == wanted["case"]:
                case_demo.load_case(data, by=None, stdout=io.StringIO())
        demo.load_exercise(wanted)
        world.made["calc_review"] = CalcReviewExercise.objects.get(slug=wanted["slug"])
        # A review opens to a trainee who handed in their own attempt at its case.
        AttemptFactory(
            trainee=world.trainee,
            case_version=world.made["calc_review"].case_version,
            status=AttemptStatus.DELIVERED,
            submitted_at=timezone.now(),
        )
    exercise = world.made["calc_review"]
    verdicts = {anchor: LineVerdict(RIGHT) for anchor, _w in selectors.anchors(exercise)}
    for _ in range(count):
        calc_review_submit(exercise=exercise, trainee=world.trainee, verdicts=verdicts, missing=[])


def calc_review_exercises(world: World, count: int) -> None:
    """Published review exercises: copies of the Golf demo exercise under other codes."""
    from cases.calc_review import demo
    from cases.calc_review.services import calc_review_exercise_make

    own_calc_review_answers(world, 0)
    exercise = world.made["calc_review"]
    made = world.made.setdefault("calc_review_copies", 0)
    for number in range(made, made + count):
        calc_review_exercise_make(
            slug=f"kopie-{number}",
            title=f"Kopie {number}",
            instructions="",
            case_version=exercise.case_version,
            specs=demo.EXERCISES[0]["specs"],
            seed=None,
        )
    world.made["calc_review_copies"] = made + count


# ---------------------------------------------------------------------------------------------
# Row counters


def json_rows(response: Any, world: World) -> int:
    body = json.loads(response.content)
    if isinstance(body, dict):
        for key in ("results", "rows", "items", "attempts", "events", "versions", "points"):
            if isinstance(body.get(key), list):
                return len(body[key])
    return len(body) if isinstance(body, list) else 0


def own_badges(world: World, count: int) -> None:
    """The trainee's Open Badges credentials (issue #18), each for its own rule, signed."""
    from assessment.badges.issuing import store
    from assessment.badges.rules import Outcome
    from assessment.models import BadgeRule, BadgeRuleKind

    made = world.made.setdefault("badges", 0)
    for number in range(made, made + count):
        rule = BadgeRule.objects.create(
            slug=f"budget-{number}",
            name=f"Badge {number}",
            description="Een badge.",
            criteria="Alle werkprocessen op niveau.",
            kind=BadgeRuleKind.WORK_PROCESSES_LEVEL,
        )
        store(rule, world.trainee, Outcome(met=True, work_process_levels={"1.1": 3}))
    world.made["badges"] = made + count


def html_rows(response: Any, world: World) -> int:
    """Table rows outside <thead>, without the "nothing here yet" row (one cell with colspan)."""
    text = re.sub(r"<thead>.*?</thead>", "", response.content.decode(), flags=re.S)
    rows = re.findall(r"<tr[ >](.*?)</tr>", text, flags=re.S)
    return sum(1 for row in rows if "colspan" not in row)


def csv_rows(response: Any, world: World) -> int:
    """Data rows of a CSV download (after its header)."""
    text = response.content.decode("utf-8-sig")
    return max(len([line for line in text.splitlines() if line.strip()]) - 1, 0)


def own_practice_variants(world: World, count: int) -> None:
    """The trainee's practice variants (regenerated from their seeds; half of them scored)."""
    from cases.variants import practice

    for index in range(count):
        attempt = practice.practice_new(trainee=world.trainee, template_key="voorzijde")
        if index % 2:
            variant = practice.variant_of(attempt)
            answer = {
                "rate_set": variant.parameters.rate_set_id,
                "deducts_vat": variant.parameters.owner_deducts_vat,
                "rows": {},
                "work": [variant.offered_work[0]],
            }
            practice.practice_submit(attempt=attempt, trainee=world.trainee, answer=answer)


def practice_variant_links(response: Any, world: World) -> int:
    """The trainee's own practice variants on the practice page, one link each."""
    return len(re.findall(r'href="/casussen/oefenvarianten/\d+/"', response.content.decode()))


def paint_drill_answer_links(response: Any, world: World) -> int:
    """The trainee's own answers listed on the drills page, one link each."""
    return len(
        re.findall(r'href="/casussen/lakoefening/antwoorden/\d+/"', response.content.decode())
    )


def workshop_day_plan_links(response: Any, world: World) -> int:
    """The trainee's own plans listed on the workshop-day page, one link each."""
    return len(
        re.findall(r'href="/casussen/werkplaatsdag/planningen/\d+/"', response.content.decode())
    )


def calc_review_answer_links(response: Any, world: World) -> int:
    """The trainee's submitted reviews listed on the exercises page, one link each."""
    return len(
        re.findall(r'href="/casussen/rekencontrole/antwoorden/\d+/"', response.content.decode())
    )


def progress_points_html(response: Any, world: World) -> int:
    """The progress page says how many graded attempts its charts are made of."""
    found = re.search(r"(\d+) beoordeelde poging", response.content.decode())
    return int(found.group(1)) if found else 0


def progress_points_json(response: Any, world: World) -> int:
    """The longest series of scores in the progress answer."""
    body = json.loads(response.content)
    lengths = [
        len(entry.get("series", []))
        for group in ("work_processes", "competence_areas")
        for entry in (body.get(group) or {}).values()
    ]
    return max(lengths, default=0)


def _exam_board_assessor(world: World):
    """The assessor, made a member of the exam board (the permission `assessment.exam_board`)."""
    from django.contrib.auth.models import Permission

    if "board" not in world.made:
        world.assessor.user_permissions.add(
            Permission.objects.get(content_type__app_label="assessment", codename="exam_board")
        )
        world.made["board"] = type(world.assessor).objects.get(pk=world.assessor.pk)
    return world.made["board"]


def exam_forms_of_assessor(world: World, count: int) -> None:
    """Exam forms, each of another exam cohort of the assessor, made by the exam board."""
    from assessment import exam_forms
    from tests.factories.accounts import CohortFactory

    board = _exam_board_assessor(world)
    for _ in range(count):
        cohort = CohortFactory(
            organisation=world.cohort.organisation, exam_mode=True, assessors=[world.assessor]
        )
        exam_forms.exam_form_create(
            by=board, cohort=cohort, case_version=_shared_case_version(world), blueprint=None
        )


def blueprints_of_board(world: World, count: int) -> None:
    """Blueprints made by the exam board (the assessor, made a member)."""
    from assessment import exam_forms

    board = _exam_board_assessor(world)
    start = len(world.made.setdefault("blueprints", []))
    for n in range(start, start + count):
        world.made["blueprints"].append(
            exam_forms.blueprint_save(
                by=board, title=f"Toetsmatrijs {n}", weights={"work_processes": {"1.1": 1}}
            )
        )


def calibration_results_of_assessor(world: World, count: int) -> None:
    """Published calibration sets (of three attempts each), each rated by the assessor in the
    current exam period through `calibration.rating_give`: one own result per set."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from assessment import calibration
    from assessment.models import CalibrationItem, CalibrationSet, ExamPeriod
    from tests.factories.assessment import FULL_RUBRIC, finished_attempt

    if "exam_period" not in world.made:
        today = timezone.localdate()
        world.made["exam_period"] = ExamPeriod.objects.create(
            name="Periode (budget)",
            starts_on=today - dt.timedelta(days=1),
            ends_on=today + dt.timedelta(days=30),
        )
        world.made["calibration_attempts"] = [
            finished_attempt(trainee=world.trainee, case_version=_shared_case_version(world))
            for _ in range(3)
        ]
    for _ in range(count):
        calibration_set = CalibrationSet.objects.create(title="Set", published=True)
        for position, (attempt, score) in enumerate(
            zip(world.made["calibration_attempts"], ("55.0", "70.0", "85.0"), strict=True)
        ):
            item = CalibrationItem.objects.create(
                calibration_set=calibration_set,
                attempt=attempt,
                position=position,
                agreed_score=Decimal(score),
                agreed_rubric=FULL_RUBRIC,
            )
            calibration.rating_give(item=item, by=world.assessor, score=score, rubric=FULL_RUBRIC)


def _exam_period_pk(world: World) -> dict:
    _exam_board_assessor(world)
    calibration_results_of_assessor(world, 0)  # the period, before any row
    return {"pk": world.made["exam_period"].pk}


def agreement_attempts_html(response: Any, world: World) -> int:
    """The agreement page says how many attempts its statistics read."""
    found = re.search(r"beoordelingen van (\d+) pogingen", response.content.decode())
    return int(found.group(1)) if found else 0


def agreement_attempts_json(response: Any, world: World) -> int:
    return int(json.loads(response.content).get("subjects", 0))


def analytics_attempts_html(response: Any, world: World) -> int:
    """The analytics page says how many submitted attempts its workflow figures read."""
    found = re.search(r"(\d+) ingeleverde poging", response.content.decode())
    return int(found.group(1)) if found else 0


def analytics_attempts_json(response: Any, world: World) -> int:
    return int(json.loads(response.content)["time_on_task"]["attempts"])


def _attempt_pk(world: World) -> dict:
    return {"pk": _one_attempt(world).pk}


def _cohort_id(world: World) -> dict:
    return {"cohort_id": world.cohort.pk}


def published_cases_tagged_with_a_work_process(world: World, count: int) -> None:
    """Published cases, each tagged with work process 1.1 (the coverage page lists them under
    it and under the core task)."""
    from tests.factories.cases import PublishedCaseVersionFactory
    from tests.factories.content import WorkProcessFactory

    process = WorkProcessFactory(code="1.1", title="Uitvoeren van de intake")
    for _ in range(count):
        PublishedCaseVersionFactory().case.work_processes.add(process)


def coverage_case_rows(response: Any, world: World) -> int:
    """The cases named under "geoefend in" (in the work process's row and the core task's)."""
    return response.content.decode().count('class="practice practice-case"')


def coverage_api_case_rows(response: Any, world: World) -> int:
    return sum(
        1
        for group in json.loads(response.content)["groups"]
        for item in group["items"]
        for practice in item["practised_in"]
        if practice["kind"] == "case"
    )


# Budgets are the counts measured with these fixtures (SQLite, 2026-11-27; 2 of them are the
# session and the user of the logged-in client) and held fixed: a
# change that adds queries per row fails; one that adds a fixed query needs a new budget here.
LIST_CASES: list[ListCase] = [
    # Coverage of the competence profile (issue #16, item 5): every published case, lesson and
    # exercise once, whatever their number.
    ListCase(
        "assessment:coverage",
        "assessor",
        published_cases_tagged_with_a_work_process,
        coverage_case_rows,
        21,
    ),
    ListCase(
        "api:assessment_api:coverage",
        "assessor",
        published_cases_tagged_with_a_work_process,
        coverage_api_case_rows,
        21,
    ),
    # Calibration of assessors (issue #15, item 2): the sets with the own results, the own
    # results, every result of a period (the assessor made a member of the exam board).
    ListCase("assessment:calibration", "assessor", calibration_results_of_assessor, html_rows, 9),
    ListCase(
        "api:assessment_api:calibration-set-list",
        "assessor",
        calibration_results_of_assessor,
        json_rows,
        6,
    ),
    ListCase(
        "api:assessment_api:calibration-results-own",
        "assessor",
        calibration_results_of_assessor,
        json_rows,
        3,
    ),
    ListCase(
        "api:assessment_api:calibration-results-period",
        "assessor",
        calibration_results_of_assessor,
        json_rows,
        6,
        kwargs=_exam_period_pk,
    ),
    # 7: two more, fixed, for the permission check of marker allocation (the auth backend reads
    # the user's and their groups' permissions once; issue #14, item 6).
    ListCase("assessment:queue", "assessor", submitted_attempts_of_cohort_trainees, html_rows, 7),
    ListCase(
        "api:assessment_api:queue", "assessor", submitted_attempts_of_cohort_trainees, json_rows, 4
    ),
    ListCase(
        "assessment:cohort",
        "assessor",
        submitted_attempts_of_cohort_trainees,
        html_rows,
        # 7: two more, fixed, for the profile's names in the active language
        # (`content.profile_labels`: work processes, competence areas; issue #14, item 12).
        7,
        kwargs=_cohort_id,
    ),
    # Agreement statistics and cohort analytics (issue #15): aggregates whose reads do not
    # grow with the attempts (tests/benchmarks/bench_agreement.py, bench_cohort_analytics.py).
    # Measured 2026-12-06 (SQLite): 9 for the agreement statistics, 14 for the analytics.
    ListCase(
        "assessment:cohort_agreement",
        "assessor",
        graded_own_attempts,
        agreement_attempts_html,
        9,
        kwargs=_cohort_id,
    ),
    ListCase(
        "api:assessment_api:cohort-agreement",
        "assessor",
        graded_own_attempts,
        agreement_attempts_json,
        9,
        kwargs=_cohort_id,
    ),
    ListCase(
        "assessment:cohort_analytics",
        "assessor",
        submitted_attempts_of_cohort_trainees,
        analytics_attempts_html,
        14,
        kwargs=_cohort_id,
    ),
    ListCase(
        "api:assessment_api:cohort-analytics",
        "assessor",
        submitted_attempts_of_cohort_trainees,
        analytics_attempts_json,
        14,
        kwargs=_cohort_id,
    ),
    ListCase("cases:index", "trainee", graded_own_attempts, html_rows, 5),
    # Open Badges 3.0 (issue #18): the trainee's own badges with their downloads.
    ListCase("badges:mine", "trainee", own_badges, html_rows, 5),
    ListCase(
        "cases:paint-drill-list", "trainee", own_paint_drill_answers, paint_drill_answer_links, 5
    ),
    ListCase(
        "cases:calc-review-list", "trainee", own_calc_review_answers, calc_review_answer_links, 5
    ),
    ListCase(
        "cases:workshop-day-list", "trainee", own_workshop_day_plans, workshop_day_plan_links, 5
    ),
    ListCase("api:cases_api:workshop-day-list", "trainee", workshop_days, json_rows, 3),
    ListCase(
        "cases:practice-variant-list", "trainee", own_practice_variants, practice_variant_links, 5
    ),
    ListCase("api:cases_api:calc-review-list", "trainee", calc_review_exercises, json_rows, 3),
    # 4: the grades, prefetched for the marker's view of the trainee (`trainee_label_of`).
    ListCase("api:cases_api:attempt-list", "trainee", graded_own_attempts, json_rows, 4),
    ListCase(
        "api:cases_api:attempt-list",
        "assessor",
        signed_exam_attempts_of_cohort_trainees,
        json_rows,
        4,
    ),
    ListCase("api:cases_api:case-list", "trainee", published_cases, json_rows, 5),
    # 6: one more, fixed, for the submitted work still awaiting its grade (issue #14, item 10).
    ListCase("assessment:my_results", "trainee", graded_own_attempts, html_rows, 6),
    # 8: the profile's names in the active language, two fixed queries (issue #14, item 12).
    ListCase("assessment:my_results_csv", "trainee", graded_own_attempts, csv_rows, 8),
    # 8: two more, fixed, for the profile's names in the active language (issue #14, item 12).
    ListCase("assessment:progress", "trainee", graded_own_attempts, progress_points_html, 8),
    ListCase(
        "api:assessment_api:progress-own", "trainee", graded_own_attempts, progress_points_json, 6
    ),
    ListCase(
        "api:cases_api:calc-version-list",
        "trainee",
        calculation_versions,
        json_rows,
        4,
        kwargs=_attempt_pk,
    ),
    ListCase(
        "cases:calc-versions", "trainee", calculation_versions, html_rows, 4, kwargs=_attempt_pk
    ),
    # Exam forms and blueprints (issue #15): the assessor of the forms' cohorts, for the
    # blueprints made a member of the exam board.
    ListCase("assessment:exam_form_list", "assessor", exam_forms_of_assessor, html_rows, 8),
    ListCase("api:assessment_api:exam-form-list", "assessor", exam_forms_of_assessor, json_rows, 8),
    ListCase("assessment:blueprint_list", "assessor", blueprints_of_board, html_rows, 8),
    ListCase("api:assessment_api:blueprint-list", "assessor", blueprints_of_board, json_rows, 8),
    ListCase(
        "api:cases_api:attempt-timeline",
        "trainee",
        timeline_events,
        json_rows,
        4,
        kwargs=_attempt_pk,
    ),
]


def discovered_list_names() -> set[str]:
    """URL names in the inventory that look like lists, minus the known non-lists."""
    names = {row.name for row in all_url_rows() if row.name and LIST_WORDS.search(row.name)}
    return names - NOT_LISTS
