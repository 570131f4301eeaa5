"""Factories for the calculation editor: drafts and frozen versions on cases-core's attempts.

The attempt comes from `tests.factories.cases` (a real VW Golf 8 from the catalogue, the
"verzekeraar-netwerk" rates, reference calculations with distinctive secrets), so the engine
computes every draft for real.
"""

from __future__ import annotations

import factory

import calcengine
from cases.calculations.inputs import calculation_input
from cases.models import CalculationDraft, CalculationKind, CalculationVersion
from tests.factories.accounts import UserFactory
from tests.factories.cases import BUMPER, GRILLE, AttemptFactory, line

__all__ = [
    "BUMPER",
    "GRILLE",
    "CalcAttemptFactory",
    "CalculationDraftFactory",
    "CalculationVersionFactory",
    "line",
]


class CalcAttemptFactory(AttemptFactory):
    """An attempt in preparation (the phase in which the calculation is made), with its trainee."""

    trainee = factory.SubFactory(UserFactory)
    status = "preparation"


class CalculationDraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalculationDraft

    attempt = factory.SubFactory(CalcAttemptFactory)
    lines = factory.LazyFunction(lambda: [line(BUMPER, "replace", line_id="1")])
    version = 1


class CalculationVersionFactory(factory.django.DjangoModelFactory):
    """A frozen version built as the service would: input assembled, output from the engine."""

    class Meta:
        model = CalculationVersion

    attempt = factory.SubFactory(CalcAttemptFactory)
    kind = CalculationKind.PRECALC
    number = 1
    draft_version = 1
    input = factory.LazyAttribute(
        lambda o: calculation_input(
            case_version=o.attempt.case_version, lines=[line(BUMPER, "replace", line_id="1")]
        )
    )
    output = factory.LazyAttribute(lambda o: calcengine.estimate(o.input))
    diff = None
