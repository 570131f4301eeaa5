"""One presenter for a grade, whichever page shows it: the grading page, the trainee's result
page and the assessment report (PDF) read the same figures from `grade_presentation`.

A presenter arranges what the selectors and the scorer give; it decides nothing. Who may see a
grade, and whether its lines and reference are shown (exam mode), are the selectors' rules
(`selectors.grade_for_assessor`, `selectors.result_for`): the caller passes `details` as the
selector decided it. Every part is computed when a page first reads it, so a page pays only for
what it shows (the grading page never looks up lessons; an exam result never reads the scored
calculation).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from content.profile_labels import ProfileLabels, profile_labels

from .mistake_lessons import Mistake, mistakes_with_lessons
from .models import Grade, LineVerdict
from .profile_scores import grade_subscores, level_of
from .rubric import AREAS, LEVEL_LABELS, RubricArea
from .scoring.competence import WORK_PROCESSES
from .scoring.rules import COMPONENT_WEIGHTS, DEFAULT_TOTAL_BAND_PERCENT
from .selectors import effective_result, overrides_history, side_by_side

# L, T and D explained (issue #14, item 9): the one text of the PDF, the grading page and the
# result page. Weights come from the scoring package (`COMPONENT_WEIGHTS`, spec §7).
COMPONENT_TEXTS = {
    "L": (
        _("Regels, bewerkingen, eenheden"),
        _(
            "Staat elke regel van de referentie in uw calculatie, met de juiste bewerking en "
            "eenheden? Regels die de schade niet vraagt, kosten punten."
        ),
    ),
    "T": (
        _("Totaalbedrag"),
        format_lazy(
            _(
                "Hoe dicht ligt uw totaal excl. btw bij dat van de referentie? Standaard volle "
                "punten tot {full} % verschil, geen vanaf {zero} %."
            ),
            full=DEFAULT_TOTAL_BAND_PERCENT[0],
            zero=DEFAULT_TOTAL_BAND_PERCENT[1],
        ),
    ),
    "D": (
        _("Beslissingen"),
        _(
            "Zijn de beslissingen (economisch total loss, expertise nodig, gebruikte onderdelen) "
            "dezelfde als in de referentie?"
        ),
    ),
}


@dataclass(frozen=True)
class Component:
    key: str
    label: str
    weight_percent: int
    value: Any
    explanation: str

    @property
    def title(self) -> str:
        """As the PDF names it: "Totaalbedrag (T, 25 %)"."""
        return f"{self.label} ({self.key}, {self.weight_percent} %)"


@dataclass(frozen=True)
class WorkProcessScore:
    """A work process's sub-score out of 100 and its level 1–4 (`level_of`); None when no
    source speaks to it."""

    code: str
    title: str
    score: Decimal | None
    level: int | None


@dataclass(frozen=True)
class CompetenceAreaScore:
    """A competence area's sub-score and level, beside the assessor's rubric level for it."""

    area: RubricArea
    score: Decimal | None
    level: int | None
    rubric: int | None
    rubric_label: str | None
    descriptor: str
    # The area's name in the active language (`content.profile_labels`).
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or self.area.name

    @property
    def slug(self) -> str:
        return self.area.slug


class GradePresentation:
    """What every page of a grade shows; see the module's docstring."""

    def __init__(
        self,
        grade: Grade,
        *,
        effective: dict[str, Any] | None = None,
        subscores: dict[str, dict[str, Decimal | None]] | None = None,
        details: bool = True,
    ) -> None:
        self.grade = grade
        self.attempt = grade.attempt
        self.details = details
        self.verdict_labels = dict(LineVerdict.choices)
        # What the caller already computed is not computed again (the cached properties below).
        if effective is not None:
            self.__dict__["effective"] = effective
        if subscores is not None:
            self.__dict__["subscores"] = subscores

    @cached_property
    def effective(self) -> dict[str, Any]:
        """The result after the assessor's overrides, re-scored by the scorer."""
        return effective_result(self.grade)

    @cached_property
    def subscores(self) -> dict[str, dict[str, Decimal | None]]:
        return grade_subscores(self.effective, self.grade.workflow_checks, self.grade.rubric)

    @cached_property
    def rows(self) -> list[dict[str, Any]]:
        """Each result line with the trainee's and the reference's line beside it; none
        without details."""
        return side_by_side(self.grade, self.effective) if self.details else []

    @cached_property
    def history(self) -> list:
        """The assessor's overrides, oldest first."""
        return overrides_history(self.grade)

    @cached_property
    def labels(self) -> ProfileLabels:
        """The profile's names in the active language (the one function for them)."""
        return profile_labels()

    @cached_property
    def work_processes(self) -> list[WorkProcessScore]:
        scores = self.subscores["work_processes"]
        return [
            WorkProcessScore(
                code, self.labels.work_process(code), scores[code], level_of(scores[code])
            )
            for code in WORK_PROCESSES
        ]

    @cached_property
    def competence_areas(self) -> list[CompetenceAreaScore]:
        scores, rubric = self.subscores["competence_areas"], self.grade.rubric or {}
        return [
            CompetenceAreaScore(
                area=area,
                score=scores[area.name],
                level=level_of(scores[area.name]),
                rubric=rubric.get(area.slug),
                rubric_label=LEVEL_LABELS.get(rubric.get(area.slug)),
                descriptor=area.descriptors.get(rubric.get(area.slug), ""),
                label=self.labels.area(area.slug),
            )
            for area in AREAS
        ]

    @cached_property
    def components(self) -> list[Component]:
        """L, T and D with their label, weight, value and explanation (`COMPONENT_TEXTS`)."""
        values = self.effective.get("components") or {}
        return [
            Component(
                key,
                str(label),
                int(COMPONENT_WEIGHTS[key] * 100),
                values.get(key),
                str(explanation),
            )
            for key, (label, explanation) in COMPONENT_TEXTS.items()
        ]

    @property
    def checks(self) -> list[dict]:
        """Every workflow check, applicable or not."""
        return self.grade.workflow_checks

    @cached_property
    def applicable_checks(self) -> list[dict]:
        return [check for check in self.grade.workflow_checks if check.get("applicable")]

    @cached_property
    def mistakes(self) -> list[Mistake]:
        """Each kind of mistake once, with the lessons that teach it; none without details."""
        if not self.details:
            return []
        # The case's vehicle too: a lesson must fit the case (no HV lesson for a petrol car).
        vehicle = self.grade.attempt.case_version.vehicle_snapshot or {}
        return mistakes_with_lessons(self.effective, self.grade.workflow_checks, vehicle)


def grade_presentation(
    grade: Grade,
    *,
    effective: dict[str, Any] | None = None,
    subscores: dict[str, dict[str, Decimal | None]] | None = None,
    details: bool = True,
) -> GradePresentation:
    """The presentation of `grade`; `effective` and `subscores` when the caller already
    computed them, `details` False when the selector hides the lines (a trainee's exam
    result)."""
    return GradePresentation(grade, effective=effective, subscores=subscores, details=details)
