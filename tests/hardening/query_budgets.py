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
    "api:assessment_api:attempt-result",  # one attempt's result
    "api:cases_api:calc-catalogue-vehicles",  # catalogue from files, no database rows
    "api:cases_api:calc-version-detail",  # one version
    "api:assessment_api:cohort-grades-csv",  # a download; the cohort page is covered
    "assessment:cohort_csv",  # a download; the cohort page is covered
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


# ---------------------------------------------------------------------------------------------
# Row counters


def json_rows(response: Any, world: World) -> int:
    body = json.loads(response.content)
    if isinstance(body, dict):
        for key in ("results", "rows", "items", "attempts", "events", "versions", "points"):
            if isinstance(body.get(key), list):
                return len(body[key])
    return len(body) if isinstance(body, list) else 0


def html_rows(response: Any, world: World) -> int:
    """Table rows outside <thead>, without the "nothing here yet" row (one cell with colspan)."""
    text = re.sub(r"<thead>.*?</thead>", "", response.content.decode(), flags=re.S)
    rows = re.findall(r"<tr[ >](.*?)</tr>", text, flags=re.S)
    return sum(1 for row in rows if "colspan" not in row)


def csv_rows(response: Any, world: World) -> int:
    """Data rows of a CSV download (after its header)."""
    text = response.content.decode("utf-8-sig")
    return max(len([line for line in text.splitlines() if line.strip()]) - 1, 0)


def paint_drill_answer_links(response: Any, world: World) -> int:
    """The trainee's own answers listed on the drills page, one link each."""
    return len(
        re.findall(r'href="/casussen/lakoefening/antwoorden/\d+/"', response.content.decode())
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


def _attempt_pk(world: World) -> dict:
    return {"pk": _one_attempt(world).pk}


def _cohort_id(world: World) -> dict:
    return {"cohort_id": world.cohort.pk}


# Budgets are the counts measured with these fixtures (SQLite, 2026-11-27; 2 of them are the
# session and the user of the logged-in client) and held fixed: a
# change that adds queries per row fails; one that adds a fixed query needs a new budget here.
LIST_CASES: list[ListCase] = [
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
    ListCase("cases:index", "trainee", graded_own_attempts, html_rows, 5),
    ListCase(
        "cases:paint-drill-list", "trainee", own_paint_drill_answers, paint_drill_answer_links, 5
    ),
    ListCase("api:cases_api:attempt-list", "trainee", graded_own_attempts, json_rows, 3),
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
