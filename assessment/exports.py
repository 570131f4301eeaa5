"""CSV export of a cohort's final grades, for the cohort's assessors."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from calcengine.formatting import format_number
from content.profile_labels import profile_labels

from .rubric import AREAS
from .scoring.competence import COMPETENCE_AREAS, WORK_PROCESSES
from .selectors import (
    awaiting_result_of_trainee,
    cohort_progress,
    results_of_trainee,
    shown_score,
)

HEADER = [
    "cursist",
    "naam",
    "casus",
    "poging",
    "ingeleverd",
    "ondertekend",
    "beoordelaar",
    "rol",
    "versie",
    "score",
    "uitslag",
    *[f"werkproces {code}" for code in WORK_PROCESSES],
    *[f"competentiegebied {area}" for area in COMPETENCE_AREAS],
    *[f"rubric {area.name}" for area in AREAS],
    "eindoordeel",
]


def _figure(value, places: int) -> str:
    """A Dutch figure for a CSV cell; empty for a score that does not apply."""
    return "" if value is None else format_number(value, places)


def _cell(value) -> str:
    """Dutch decimals; text cells that a spreadsheet would run as a formula are defused."""
    if value is None:
        return ""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def cohort_grade_rows(user, cohort) -> list[list[str]]:
    progress, _per_trainee = cohort_progress(user, cohort)
    rows = []
    for point in progress.points:
        attempt, grade = point.attempt, point.grade
        score, passed = shown_score(attempt, grade)
        rows.append(
            [
                _cell(attempt.trainee.username),
                _cell(attempt.trainee.get_full_name()),
                _cell(attempt.case_version.case.title),
                str(attempt.pk),
                timezone.localtime(attempt.submitted_at).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(grade.signed_at).strftime("%Y-%m-%d %H:%M"),
                _cell(grade.assessor.username),
                grade.get_role_display(),
                str(grade.version),
                _figure(score, 1),
                "voldoende" if passed else "onvoldoende",
                *[_figure(point.subscores["work_processes"][c], 1) for c in WORK_PROCESSES],
                *[_figure(point.subscores["competence_areas"][a], 1) for a in COMPETENCE_AREAS],
                *[str(grade.rubric.get(area.slug, "")) for area in AREAS],
                _cell(grade.comment),
            ]
        )
    return rows


def cohort_grades_response(user, cohort) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"cijfers-{slugify(cohort.name)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The BOM and the semicolon make Dutch Excel open it with the right columns and accents.
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(cohort_grade_rows(user, cohort))
    return response


# ---------------------------------------------------------------------------------------------
# A trainee's own results ("Mijn resultaten" as CSV)


def trainee_header() -> list[str]:
    """The columns of a trainee's own results, in the active language; the profile's names as
    the pages show them (`content.profile_labels`)."""
    names = profile_labels()
    return [
        _("Casus"),
        _("Groep"),
        _("Poging"),
        _("Ingeleverd op"),
        _("Status"),
        _("Vrijgegeven op"),
        _("Score"),
        _("Uitslag"),
        *[
            _("Werkproces %(code)s %(name)s") % {"code": code, "name": names.work_process(code)}
            for code in WORK_PROCESSES
        ],
        *[
            _("Competentiegebied %(name)s") % {"name": names.area(area)}
            for area in COMPETENCE_AREAS
        ],
    ]


def _when(value) -> str:
    """A Dutch date and time (31-12-2026 14:05), in the platform's time zone."""
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M") if value else ""


def trainee_result_rows(user) -> list[list[str]]:
    """The trainee's own results (newest first) and then the work awaiting a grade; only what
    "Mijn resultaten" shows them, read through the same selectors."""
    results = results_of_trainee(user)
    rows = []
    for result in results:
        attempt, grade = result.attempt, result.grade
        rows.append(
            [
                _cell(attempt.case_version.case.title),
                _cell(attempt.cohort.name if attempt.cohort else ""),
                str(attempt.pk),
                _when(attempt.submitted_at),
                _("beoordeeld"),
                _when(grade.released_at or grade.signed_at),
                _figure(result.score, 1),
                _("voldoende") if result.passed else _("onvoldoende"),
                *[_figure(result.subscores["work_processes"][c], 1) for c in WORK_PROCESSES],
                *[_figure(result.subscores["competence_areas"][a], 1) for a in COMPETENCE_AREAS],
            ]
        )
    empty = [""] * (len(WORK_PROCESSES) + len(COMPETENCE_AREAS))
    for attempt in awaiting_result_of_trainee(user, results):
        rows.append(
            [
                _cell(attempt.case_version.case.title),
                _cell(attempt.cohort.name if attempt.cohort else ""),
                str(attempt.pk),
                _when(attempt.submitted_at),
                _("ingeleverd, wacht op beoordeling"),
                "",
                "",
                "",
                *empty,
            ]
        )
    return rows


def trainee_results_response(user) -> HttpResponse:
    """UTF-8 with a byte order mark, semicolons and decimal commas: Dutch Excel opens it with
    the right columns, accents and numbers (docs/decisions.md, the cohort CSV does the same)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-resultaten.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(trainee_header())
    writer.writerows(trainee_result_rows(user))
    return response
