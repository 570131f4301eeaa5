"""What a course can embed (deep linking) and where a launch of it lands.

A case is embedded with a line item (its released grade goes back to the gradebook, 0–100);
the exercises are practice only and have none."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from cases import selectors as case_selectors
from cases import services as case_services
from cases.models import CalcReviewExercise, PaintDrill, WorkshopDay
from schadeplatform.accounts.models import Cohort, User

from .models import ActivityKind

SCORE_MAXIMUM = 100  # a grade's score is on 0–100 (assessment.scoring.rules, schadescore/2)


@dataclass(frozen=True)
class Activity:
    kind: str
    slug: str
    title: str

    @property
    def graded(self) -> bool:
        return self.kind == ActivityKind.CASE

    @property
    def resource_id(self) -> str:
        return f"{self.kind}:{self.slug}" if self.slug else self.kind


def embeddable(user: User) -> list[Activity]:
    """Everything an instructor may put in a course: published cases and exercises."""
    found = [
        Activity(ActivityKind.CASE, c.slug, c.title)
        for c in case_selectors.cases_open_to(user).filter(latest_published_exam_only=False)
    ]
    for kind, model in (
        (ActivityKind.PAINT_DRILL, PaintDrill),
        (ActivityKind.CALC_REVIEW, CalcReviewExercise),
        (ActivityKind.WORKSHOP_DAY, WorkshopDay),
    ):
        found += [
            Activity(kind, o.slug, o.title)
            for o in model.objects.filter(published=True).order_by("title")
        ]
    found.append(Activity(ActivityKind.PRACTICE_VARIANTS, "", _("Oefenvarianten")))
    return found


def find(kind: str, slug: str, user: User) -> Activity | None:
    for activity in embeddable(user):
        if activity.kind == kind and activity.slug == slug:
            return activity
    return None


def landing_url(*, kind: str, slug: str, user: User, cohort: Cohort) -> str:
    """Where a launch of the activity takes `user`: a trainee into the case (their open
    dossier in the course's cohort, started if need be) or the exercise; an assessor to the
    cohort's grades. `Http404` when the activity is gone or unpublished."""
    if user.is_assessor:
        return reverse("assessment:cohort", kwargs={"cohort_id": cohort.pk})
    if kind == ActivityKind.CASE:
        case = case_selectors.cases_open_to(user).filter(slug=slug).first()
        if case is None:
            raise Http404
        try:
            attempt = case_services.attempt_start(trainee=user, case=case, cohort=cohort)
        except (case_services.CaseNotAvailable, case_services.CohortChoiceNeeded) as exc:
            raise Http404 from exc
        return reverse("cases:attempt-detail", kwargs={"pk": attempt.pk})
    routes = {
        ActivityKind.PAINT_DRILL: (PaintDrill, "cases:paint-drill"),
        ActivityKind.CALC_REVIEW: (CalcReviewExercise, "cases:calc-review"),
        ActivityKind.WORKSHOP_DAY: (WorkshopDay, "cases:workshop-day"),
    }
    if kind in routes:
        model, route = routes[ActivityKind(kind)]
        obj = model.objects.filter(slug=slug, published=True).first()
        if obj is None:
            raise Http404
        return reverse(route, kwargs={"pk": obj.pk})
    if kind == ActivityKind.PRACTICE_VARIANTS:
        return reverse("cases:practice-variant-list")
    raise Http404
