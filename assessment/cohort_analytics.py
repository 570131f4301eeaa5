"""Cohort analytics per case (issue #15, item 6): which reference lines and error kinds a
cohort misses most, mapped to the profile's items; time on task per workflow phase; where
trainees leave the expected order of the workflow.

Aggregates only: nothing here names a trainee or an attempt, so the figures may be shown in
exam mode before release too. Read in a fixed number of queries, whatever the number of
attempts (tests/benchmarks/bench_cohort_analytics.py).

- **Heat map.** Per attempt its final grade (`selectors.final_grade`; attempts without one,
  such as exam attempts still being marked, are left out), each line's verdict as the
  assessor left it: the machine's, or the override in force. Rows are the reference lines (in
  the reference's order) and the codes of extra lines; columns the error kinds (every verdict
  but `correct`). Each error kind touches the profile items that `scoring.competence`
  declares (`mistake_lessons.items_for_verdict`); the failed workflow checks theirs
  (`items_for_check`); `profile_items` sums both per item.
- **Time on task.** Per attempt the wall-clock time spent in each phase of the workflow (the
  attempt's status, `AttemptStatus`), from entering it (the attempt's start for the intake)
  to the event that left it; a phase entered twice counts both stays. Median and quartiles
  over the attempts that were in the phase.
- **Step order.** A move the trainee tried that the workflow refused because it was not
  offered in the phase at hand, or because a move it requires (`Move.requires`) had not been
  made: a step out of the expected order. A refusal of what was typed (a form error) is not
  one. Per (phase, move) the number of attempts, and the share of attempts with any.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from cases.models import Attempt, AttemptStatus, CaseVersion, DossierEvent
from cases.timeline import EventKind
from cases.workflow import MOVE_EVENT_KINDS, REGISTRY
from cases.workflow.registry import label_of, moves_allowed_in
from content.profile_labels import ProfileLabels, profile_labels
from schadeplatform.accounts.models import Cohort

from .exports import _cell as defused
from .mistake_lessons import ProfileItems, items_for_check, items_for_verdict
from .models import AgreedGrade, Grade, GradeStatus, LineOverride, LineVerdict
from .selectors import final_grade
from .workflow_checks import CHECKS

#: The error kinds, in the heat map's column order (every verdict but `correct`).
ERROR_KINDS = (
    LineVerdict.MISSING,
    LineVerdict.WRONG_OPERATION,
    LineVerdict.UNITS_OFF,
    LineVerdict.ALTERNATIVE,
    LineVerdict.EXTRA,
)


def _attempts(cohort: Cohort, case_version: CaseVersion) -> QuerySet:
    return Attempt.objects.filter(
        cohort=cohort, case_version=case_version, submitted_at__isnull=False
    ).order_by("pk")


def case_versions_of(cohort: Cohort) -> list[tuple[CaseVersion, int]]:
    """The case versions of the cohort's submitted attempts with their number of attempts,
    most attempted first."""
    counts = Counter(
        Attempt.objects.filter(cohort=cohort, submitted_at__isnull=False).values_list(
            "case_version", flat=True
        )
    )
    versions = CaseVersion.objects.filter(pk__in=counts).select_related("case")
    return sorted(((v, counts[v.pk]) for v in versions), key=lambda p: (-p[1], p[0].pk))


# ---------------------------------------------------------------------------------------------
# Heat map


@dataclass
class HeatRow:
    key: str  # the reference line's id, or "extra:<code>"
    code: str
    description: str
    counts: dict[str, int]  # error kind → attempts

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class ProfileItemCount:
    dimension: str  # "work_process", "competence_area", "knowledge"
    key: str
    name: str
    count: int


@dataclass
class HeatMap:
    attempts: int  # attempts with a final grade
    rows: list[HeatRow]  # most errors first
    kind_totals: dict[str, int]
    kind_items: dict[str, ProfileItems]
    checks_failed: dict[str, int]  # workflow check key → attempts that failed it
    profile_items: list[ProfileItemCount] = field(default_factory=list)

    @property
    def max_count(self) -> int:
        return max((count for row in self.rows for count in row.counts.values()), default=0)


def for_final_grade(attempts: QuerySet) -> QuerySet:
    """Attempts with just what `selectors.final_grade` reads beside their grades: the agreed
    grade joined, of the attempt only its keys (the caller sets `cohort` and `case_version`: a
    case version row decodes a dozen JSON documents, once per attempt if joined)."""
    related = [f"agreed_grade__{field.name}" for field in AgreedGrade._meta.concrete_fields]
    return attempts.select_related("agreed_grade").only(
        "pk", "cohort_id", "case_version_id", "submitted_at", *related
    )


@dataclass
class GradedLines:
    """What the heat map reads of a final grade: its lines, checks and overrides in force."""

    lines: list[dict[str, Any]]
    workflow_checks: list[dict[str, Any]]
    overrides: dict[str, str]  # line key → the verdict in force


def _graded(cohort: Cohort, case_version: CaseVersion) -> tuple[int, list[GradedLines]]:
    """The final grade of each attempt that has one (`selectors.final_grade`), in two steps:
    which grade is final from the grades' light columns, then what the heat map needs of the
    final ones only (a result is the bulk of a grade row, and in exam mode an attempt has two
    or three grades): whole results of the few grades with overrides (the overrides in force,
    `Grade.overrides_in_force`, may make a correct line wrong), the wrong lines of the others
    (`_wrong_lines`), and the workflow checks. A fixed number of queries."""
    attempts = for_final_grade(_attempts(cohort, case_version)).prefetch_related(
        Prefetch(
            "grades",
            queryset=Grade.objects.filter(status=GradeStatus.SIGNED).only(
                "pk", "attempt_id", "role", "version", "status", "marking_state"
            ),
        )
    )
    final_ids = []
    for attempt in attempts:
        attempt.cohort, attempt.case_version = cohort, case_version
        grade = final_grade(attempt, list(attempt.grades.all()))
        if grade is not None:
            final_ids.append(grade.pk)
    overridden = (
        Grade.objects.filter(pk__in=final_ids, overrides__isnull=False)
        .distinct()
        .only("pk", "machine_result")
        .prefetch_related(
            Prefetch(
                "overrides",
                queryset=LineOverride.objects.only(
                    "pk", "grade_id", "line_key", "new_verdict", "at"
                ),
            )
        )
    )
    graded = [
        GradedLines(
            (grade.machine_result or {}).get("lines") or [],
            [],
            {key: o.new_verdict for key, o in grade.overrides_in_force().items()},
        )
        for grade in overridden
    ]
    plain = sorted(set(final_ids) - {g.pk for g in overridden})
    graded.append(GradedLines(_wrong_lines(plain), [], {}))
    checks = Grade.objects.filter(pk__in=final_ids).values_list("workflow_checks", flat=True)
    graded.append(GradedLines([], [check for row in checks for check in row or []], {}))
    return len(final_ids), graded


# Each line of each result, read in the database: what the heat map needs of a line, and only
# of the lines the machine did not find correct. Decoding 2,000 whole results in Python costs
# about a second (issue #15 item 8 asks under one for the whole heat map); the databases'
# own JSON functions do it in a quarter of that (tests/benchmarks/bench_cohort_analytics.py).
_WRONG_LINES_SQL = {
    "sqlite": (
        "SELECT json_extract(l.value, '$.reference_line_id'), "
        "json_extract(l.value, '$.trainee_line_id'), json_extract(l.value, '$.code'), "
        "json_extract(l.value, '$.verdict') "
        "FROM {table} g, json_each(g.machine_result, '$.lines') l "
        "WHERE g.id IN (SELECT value FROM json_each(%s)) "
        "AND json_extract(l.value, '$.verdict') <> 'correct'"
    ),
    "postgresql": (
        "SELECT l->>'reference_line_id', l->>'trainee_line_id', l->>'code', l->>'verdict' "
        "FROM {table} g CROSS JOIN LATERAL jsonb_array_elements(g.machine_result->'lines') l "
        "WHERE g.id = ANY(%s) AND l->>'verdict' <> 'correct'"
    ),
}


def _wrong_lines(grade_ids: list[int]) -> list[dict[str, Any]]:
    """The lines (reference_line_id, trainee_line_id, code, verdict) of these grades' machine
    results whose verdict is not `correct`, in no particular order."""
    if not grade_ids:
        return []
    sql = _WRONG_LINES_SQL.get(connection.vendor)
    if sql is None:
        return [
            line
            for result in Grade.objects.filter(pk__in=grade_ids).values_list(
                "machine_result", flat=True
            )
            for line in (result or {}).get("lines") or []
            if line.get("verdict") != LineVerdict.CORRECT
        ]
    ids: Any = json.dumps(grade_ids) if connection.vendor == "sqlite" else grade_ids
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=connection.ops.quote_name(Grade._meta.db_table)), [ids])
        rows = cursor.fetchall()
    return [
        {
            "reference_line_id": None if reference is None else str(reference),
            "trainee_line_id": None if trainee is None else str(trainee),
            "code": code,
            "verdict": verdict,
        }
        for reference, trainee, code, verdict in rows
    ]


def _line_key(line: dict[str, Any]) -> str:
    if line.get("reference_line_id") is not None:
        return str(line["reference_line_id"])
    return f"extra:{line.get('trainee_line_id')}"


def heat_map(cohort: Cohort, case_version: CaseVersion, labels: ProfileLabels) -> HeatMap:
    reference = case_version.reference_final or case_version.reference_precalc or {}
    rows: dict[str, HeatRow] = {}
    for line in reference.get("lines") or []:
        key = str(line.get("id"))
        rows[key] = HeatRow(
            key, str(line.get("code", "")), str(line.get("description", "")), Counter()
        )
    checks_failed: Counter[str] = Counter()
    attempts, grades = _graded(cohort, case_version)
    for grade in grades:
        for line in grade.lines:
            key = _line_key(line)
            verdict = grade.overrides.get(key, line.get("verdict"))
            if verdict not in ERROR_KINDS:
                continue
            if line.get("reference_line_id") is None:
                code = str(line.get("code", ""))
                key = f"extra:{code}"
                row = rows.setdefault(
                    key, HeatRow(key, code, _("niet in de referentie"), Counter())
                )
            else:
                row = rows.setdefault(key, HeatRow(key, str(line.get("code", "")), "", Counter()))
            row.counts[verdict] += 1
        for check in grade.workflow_checks:
            if check.get("applicable") and not check.get("passed"):
                checks_failed[check.get("key", "")] += 1
    kind_totals = {
        kind: sum(row.counts.get(kind, 0) for row in rows.values()) for kind in ERROR_KINDS
    }
    kind_items = {kind: items_for_verdict(kind) for kind in ERROR_KINDS}
    ordered = sorted(
        (row for row in rows.values() if row.total), key=lambda row: -row.total
    )  # stable: the reference's order among equals
    result = HeatMap(attempts, ordered, kind_totals, kind_items, dict(checks_failed))
    result.profile_items = _profile_items(result, labels)
    return result


def _profile_items(heat: HeatMap, labels: ProfileLabels) -> list[ProfileItemCount]:
    """How many errors touch each profile item: the error kinds' and the failed checks'."""
    touched: list[tuple[ProfileItems, int]] = [
        (heat.kind_items[kind], count) for kind, count in heat.kind_totals.items()
    ]
    touched += [(items_for_check(key), count) for key, count in heat.checks_failed.items()]
    counts: Counter[tuple[str, str]] = Counter()
    for items, count in touched:
        for code in items.work_processes:
            counts["work_process", code] += count
        for area in items.competence_areas:
            counts["competence_area", area] += count
        for slug in items.knowledge:
            counts["knowledge", slug] += count

    def name(dimension: str, key: str) -> str:
        if dimension == "work_process":
            return labels.work_process_with_code(key)
        if dimension == "competence_area":
            return labels.area(key)
        return labels.knowledge_item(key)

    return sorted(
        (
            ProfileItemCount(dimension, key, name(dimension, key), count)
            for (dimension, key), count in counts.items()
            if count
        ),
        key=lambda item: (-item.count, item.dimension, item.key),
    )


def verdict_label(kind: str) -> str:
    return str(LineVerdict(kind).label)


def check_title(key: str) -> str:
    return CHECKS[key][0] if key in CHECKS else key


# ---------------------------------------------------------------------------------------------
# Time on task and step order (one read of the events)


@dataclass
class PhaseTime:
    status: str
    label: str
    attempts: int
    median: float  # minutes
    q1: float
    q3: float


@dataclass
class Deviation:
    status: str
    status_label: str
    move: str
    move_label: str
    attempts: int


@dataclass
class StepOrder:
    attempts: int
    deviating: int  # attempts with at least one step out of order
    deviations: list[Deviation]  # most attempts first

    @property
    def share(self) -> float:
        return self.deviating / self.attempts if self.attempts else 0.0


@dataclass
class Workflow:
    attempts: int
    times: list[PhaseTime]
    order: StepOrder


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, median, q3


def _out_of_order(attempt: Attempt, status: str, move: str, done: set[str]) -> bool:
    declared = REGISTRY.get(move)
    if declared is None:
        return False
    if move not in moves_allowed_in(status):
        return True
    return any(
        MOVE_EVENT_KINDS[required] not in done
        for required in declared.requires
        if REGISTRY[required].applies_to(attempt)
    )


def workflow(cohort: Cohort, case_version: CaseVersion) -> Workflow:
    """Time on task and step order of the cohort's submitted attempts of a case version, read
    as plain rows (three queries): tens of thousands of events would otherwise be model
    instances, each decoding its JSON."""
    attempts = _attempts(cohort, case_version)
    started = dict(attempts.values_list("pk", "started_at"))
    events = DossierEvent.objects.filter(attempt__in=attempts.values("pk"))
    # The move a refusal names: only refusals need their data.
    refused_moves = dict(events.filter(kind=EventKind.MOVE_REFUSED).values_list("pk", "data__move"))
    # `Move.applies_to` reads the attempt's case version, the same for all of them.
    attempt = Attempt(case_version=case_version)
    stays: dict[str, list[float]] = defaultdict(list)
    deviations: Counter[tuple[str, str]] = Counter()
    deviating = 0
    rows = events.order_by("attempt_id", "pk").values_list(
        "pk", "attempt_id", "kind", "old_status", "new_status", "occurred_at", "refused"
    )
    by_attempt: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        by_attempt[row[1]].append(row)
    for attempt_id, entered in started.items():
        spent: dict[str, float] = defaultdict(float)
        status = AttemptStatus.INTAKE.value
        done: set[str] = set()
        tried: set[tuple[str, str]] = set()
        for pk, _attempt_id, kind, old, new, occurred_at, refused in by_attempt.get(attempt_id, ()):
            if kind == EventKind.MOVE_REFUSED:
                move = str(refused_moves.get(pk) or "")
                at = old or status
                if _out_of_order(attempt, at, move, done):
                    tried.add((at, move))
                continue
            if refused:
                continue
            done.add(kind)
            if old and new and new != old:
                spent[old] += (occurred_at - entered).total_seconds() / 60
                status, entered = new, occurred_at
        for phase, minutes in spent.items():
            stays[phase].append(minutes)
        deviations.update(tried)
        deviating += bool(tried)
    times = []
    for status in AttemptStatus:
        values = sorted(stays.get(status.value, []))
        if values:
            q1, median, q3 = _quartiles(values)
            times.append(PhaseTime(status.value, str(status.label), len(values), median, q1, q3))
    order = StepOrder(
        len(started),
        deviating,
        [
            Deviation(status, str(AttemptStatus(status).label), move, str(label_of(move)), count)
            for (status, move), count in sorted(
                deviations.items(), key=lambda item: (-item[1], item[0])
            )
        ],
    )
    return Workflow(len(started), times, order)


# ---------------------------------------------------------------------------------------------
# CSV and JSON


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def heat_map_csv(heat: HeatMap) -> str:
    """One row per reference line (or extra code): the attempts per error kind."""
    return _csv(
        ["regel", "code", "omschrijving", *ERROR_KINDS, "totaal"],
        [
            [
                row.key,
                defused(row.code),
                defused(row.description),
                *(row.counts.get(k, 0) for k in ERROR_KINDS),
                row.total,
            ]
            for row in heat.rows
        ],
    )


def time_on_task_csv(flow: Workflow) -> str:
    """Minutes per phase: attempts, first quartile, median, third quartile."""
    return _csv(
        ["fase", "omschrijving", "pogingen", "q1_minuten", "mediaan_minuten", "q3_minuten"],
        [
            [t.status, t.label, t.attempts, f"{t.q1:.2f}", f"{t.median:.2f}", f"{t.q3:.2f}"]
            for t in flow.times
        ],
    )


def step_order_csv(flow: Workflow) -> str:
    order = flow.order
    rows = [[d.status, d.move, d.move_label, d.attempts] for d in order.deviations]
    rows.append(["", "", _("pogingen met een stap buiten de volgorde"), order.deviating])
    rows.append(["", "", _("pogingen"), order.attempts])
    return _csv(["fase", "stap", "omschrijving", "pogingen"], rows)


def analytics_data(heat: HeatMap, flow: Workflow) -> dict[str, Any]:
    return {
        "heat_map": {
            "attempts": heat.attempts,
            "error_kinds": list(ERROR_KINDS),
            "rows": [
                {
                    "line": r.key,
                    "code": r.code,
                    "description": r.description,
                    "counts": {k: r.counts.get(k, 0) for k in ERROR_KINDS},
                    "total": r.total,
                }
                for r in heat.rows
            ],
            "checks_failed": heat.checks_failed,
            "profile_items": [
                {"dimension": i.dimension, "key": i.key, "name": i.name, "count": i.count}
                for i in heat.profile_items
            ],
        },
        "time_on_task": {
            "attempts": flow.attempts,
            "phases": [
                {
                    "status": t.status,
                    "label": t.label,
                    "attempts": t.attempts,
                    "median_minutes": t.median,
                    "q1_minutes": t.q1,
                    "q3_minutes": t.q3,
                }
                for t in flow.times
            ],
        },
        "step_order": {
            "attempts": flow.order.attempts,
            "deviating": flow.order.deviating,
            "share": flow.order.share,
            "deviations": [
                {"status": d.status, "move": d.move, "label": d.move_label, "attempts": d.attempts}
                for d in flow.order.deviations
            ],
        },
    }


def chosen_case_version(
    cohort: Cohort, wanted: int | None
) -> tuple[list[tuple[CaseVersion, int]], CaseVersion | None]:
    """The cohort's case versions and the one asked for, else the most attempted; LookupError
    for a version the cohort has no attempt of."""
    versions = case_versions_of(cohort)
    if wanted is None:
        return versions, (versions[0][0] if versions else None)
    found = next((v for v, _count in versions if v.pk == wanted), None)
    if found is None:
        raise LookupError(wanted)
    return versions, found


#: The parts of the analytics that download as CSV (`heatmap`, time on task, step order).
CSV_PARTS = ("heatmap", "tijd", "volgorde")


def analytics_csv(cohort: Cohort, case_version: CaseVersion, part: str) -> str:
    """One part of the analytics as CSV (`CSV_PARTS`)."""
    if part == "heatmap":
        return heat_map_csv(heat_map(cohort, case_version, profile_labels()))
    flow = workflow(cohort, case_version)
    return time_on_task_csv(flow) if part == "tijd" else step_order_csv(flow)
