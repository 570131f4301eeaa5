"""Whether a trainee's released grades meet a badge rule. Only released final grades count
(`selectors.released_final_grade`, the one rule of "released to the trainee"); levels per work
process come from `profile_scores` (the one owner of sub-scores and levels)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assessment.models import BadgeRule, BadgeRuleKind, Grade
from assessment.profile_scores import grade_subscores, level_of
from assessment.scoring.competence import WORK_PROCESSES
from assessment.selectors import effective_result, released_final_grade


@dataclass
class Outcome:
    met: bool
    # The grade the credential rests on (the passed exam grade; the latest contributing one).
    grade: Grade | None = None
    # Level 1–4 per work process: for an exam form, the passed exam grade's own (the
    # certificate speaks of the exam); for the work-process rule, the best over the released
    # final grades (what the rule asks).
    work_process_levels: dict[str, int | None] = field(default_factory=dict)


def released_grades(trainee) -> list[Grade]:
    from cases.models import Attempt

    attempts = Attempt.objects.filter(trainee=trainee).prefetch_related("grades")
    released = []
    for attempt in attempts:
        grade = released_final_grade(attempt, list(attempt.grades.all()))
        if grade is not None:
            released.append(grade)
    return sorted(released, key=lambda g: (g.released_at, g.pk))


def work_process_levels(grades: list[Grade]) -> dict[str, int | None]:
    best: dict[str, int | None] = dict.fromkeys(WORK_PROCESSES)
    for grade in grades:
        scores = grade_subscores(effective_result(grade), grade.workflow_checks, grade.rubric)
        for code, score in scores["work_processes"].items():
            level = level_of(score)
            if level is not None and (best[code] is None or level > best[code]):
                best[code] = level
    return best


def evaluate(rule: BadgeRule, trainee) -> Outcome:
    grades = released_grades(trainee)
    if rule.kind == BadgeRuleKind.EXAM_FORM_PASSED:
        form = rule.exam_form
        passed = [
            g
            for g in grades
            if g.passed
            and g.attempt.cohort_id == form.cohort_id
            and g.attempt.case_version_id == form.case_version_id
        ]
        if not passed:
            return Outcome(False)
        return Outcome(True, passed[-1], work_process_levels(passed[-1:]))
    levels = work_process_levels(grades)
    met = all(level is not None and level >= rule.min_level for level in levels.values())
    return Outcome(met, grades[-1] if met and grades else None, levels)
